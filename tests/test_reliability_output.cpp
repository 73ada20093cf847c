// Output files (geo/output_file.hpp): only regular files are replaced, through symlinks, and a
// set of files is all written or none; temporaries of dead processes are cleaned up.
#include <gtest/gtest.h>

#include <fcntl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <stdexcept>

#include "output_file.hpp"
#include "support/temp_dir.hpp"

namespace fs = std::filesystem;

namespace {

using patrolscope::testing::read_file;

// The pid of a process that has exited (and been reaped): no process has it now.
pid_t dead_pid() {
  const pid_t child = ::fork();
  if (child == 0) ::_exit(0);
  int status = 0;
  ::waitpid(child, &status, 0);
  return child;
}

// A Unix socket bound at `path` (left there when the descriptor closes).
bool make_socket(const fs::path& path) {
  const int fd = ::socket(AF_UNIX, SOCK_STREAM, 0);
  sockaddr_un address{};
  address.sun_family = AF_UNIX;
  std::snprintf(address.sun_path, sizeof address.sun_path, "%s", path.c_str());
  const bool bound = fd >= 0 && ::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0;
  if (fd >= 0) ::close(fd);
  return bound;
}

class OutputFiles : public patrolscope::testing::TempDirTest {
 protected:
  void TearDown() override {
    std::error_code ignored;
    fs::permissions(dir_ / "readonly.png", fs::perms::owner_all, ignored);
    TempDirTest::TearDown();
  }
  std::string refusal(const std::string& path) {
    try {
      geo::write_file_atomically(path, "new");
    } catch (const std::runtime_error& e) {
      return e.what();
    }
    return {};
  }
  std::size_t entries() const { return static_cast<std::size_t>(std::distance(fs::directory_iterator(dir_), {})); }
};

}  // namespace

TEST_F(OutputFiles, WritesANewFileAndReplacesARegularOne) {
  geo::write_file_atomically((dir_ / "a.txt").string(), "one");
  EXPECT_EQ(read_file(dir_ / "a.txt"), "one");
  geo::write_file_atomically((dir_ / "a.txt").string(), "two");
  EXPECT_EQ(read_file(dir_ / "a.txt"), "two");
  EXPECT_EQ(entries(), 1u) << "no temporary left";
}

TEST_F(OutputFiles, RefusesDevicesFifosAndDirectories) {
  // A socket stands for devices: both are refused by the same test, and a test must never risk
  // replacing a real device (as root, a broken check would turn /dev/null into a file).
  const fs::path socket_path = dir_ / "socket.png";
  ASSERT_TRUE(make_socket(socket_path));
  EXPECT_NE(refusal(socket_path.string()).find("not a regular file"), std::string::npos);
  EXPECT_TRUE(fs::is_socket(socket_path));
  const fs::path fifo = dir_ / "fifo.png";
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  const std::string why = refusal(fifo.string());  // must not block opening it either
  EXPECT_NE(why.find("not a regular file"), std::string::npos) << why;
  EXPECT_TRUE(fs::is_fifo(fifo));
  fs::create_directory(dir_ / "sub");
  EXPECT_NE(refusal((dir_ / "sub").string()).find("is a directory"), std::string::npos);
  EXPECT_NE(refusal("").find("no output file"), std::string::npos);
  EXPECT_NE(refusal((dir_ / "missing" / "x.png").string()).find("does not exist"), std::string::npos);
}

TEST_F(OutputFiles, RefusesAReadOnlyFileAndKeepsIt) {
  const fs::path file = write("readonly.png", "old");
  fs::permissions(file, fs::perms::owner_read | fs::perms::group_read);
  const std::string why = refusal(file.string());
  EXPECT_NE(why.find("read-only"), std::string::npos) << why;
  EXPECT_EQ(read_file(file), "old");
}

TEST_F(OutputFiles, WritesThroughASymlinkToTheFileItNames) {
  fs::create_directory(dir_ / "real");
  const fs::path target = write("real/map.png", "old");
  fs::create_symlink("real/map.png", dir_ / "link.png");
  geo::write_file_atomically((dir_ / "link.png").string(), "new");
  EXPECT_TRUE(fs::is_symlink(dir_ / "link.png")) << "the link stays a link";
  EXPECT_EQ(read_file(target), "new");
  EXPECT_EQ(geo::resolve_output_target((dir_ / "link.png").string()), (dir_ / "real/map.png").string());
  // A dangling link: the file it names is created.
  fs::create_symlink("real/new.png", dir_ / "dangling.png");
  geo::write_file_atomically((dir_ / "dangling.png").string(), "fresh");
  EXPECT_EQ(read_file(dir_ / "real/new.png"), "fresh");
  EXPECT_TRUE(fs::is_symlink(dir_ / "dangling.png"));
}

TEST_F(OutputFiles, KeepsTheModeOfTheFileItReplaces) {
  const fs::path file = write("shared.png", "old");
  fs::permissions(file, fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read |
                            fs::perms::group_write | fs::perms::others_read);
  geo::write_file_atomically(file.string(), "new");
  EXPECT_EQ(fs::status(file).permissions() & fs::perms::all,
            fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read | fs::perms::group_write |
                fs::perms::others_read);
}

TEST_F(OutputFiles, ASetIsWrittenWholeOrNotAtAll) {
  const fs::path png = write("map.png", "old png"), pgw = write("map.pgw", "old pgw");
  fs::create_directory(dir_ / "map.prj");  // the third file cannot be written
  EXPECT_THROW(geo::write_files_atomically({{png.string(), "new png"},
                                            {pgw.string(), "new pgw"},
                                            {(dir_ / "map.prj").string(), "wkt"}}),
               std::runtime_error);
  EXPECT_EQ(read_file(png), "old png");
  EXPECT_EQ(read_file(pgw), "old pgw");
  EXPECT_EQ(entries(), 3u) << "no temporary left";
  geo::write_files_atomically({{png.string(), "new png"}, {pgw.string(), "new pgw"}});
  EXPECT_EQ(read_file(png), "new png");
  EXPECT_EQ(read_file(pgw), "new pgw");
}

TEST_F(OutputFiles, TemporariesOfDeadProcessesAreRemovedOnTheNextWrite) {
  const std::string dead = std::to_string(dead_pid()), alive = std::to_string(::getppid());
  write("map.png.tmp-" + dead + "-0", "left by kill -9");
  write("map.png.tmp-" + dead, "an older version's name");
  write("map.png.tmp-" + alive + "-0", "a render in progress");
  write("other.png.tmp-" + dead + "-0", "another target's");
  write("notes.tmp-" + dead + "-x", "not one of ours");
  geo::write_file_atomically((dir_ / "map.png").string(), "png");
  EXPECT_FALSE(fs::exists(dir_ / ("map.png.tmp-" + dead + "-0")));
  EXPECT_FALSE(fs::exists(dir_ / ("map.png.tmp-" + dead)));
  EXPECT_TRUE(fs::exists(dir_ / ("map.png.tmp-" + alive + "-0"))) << "its process is alive";
  EXPECT_TRUE(fs::exists(dir_ / ("other.png.tmp-" + dead + "-0"))) << "only the target's own are touched";
  EXPECT_TRUE(fs::exists(dir_ / ("notes.tmp-" + dead + "-x")));
  EXPECT_EQ(geo::remove_dead_temporaries(dir_.string()), 1) << "no prefix: any target's";
  EXPECT_FALSE(fs::exists(dir_ / ("other.png.tmp-" + dead + "-0")));
}
