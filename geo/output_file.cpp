#include "output_file.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <memory>
#include <regex>
#include <stdexcept>

namespace geo {
namespace {

namespace fs = std::filesystem;

[[noreturn]] void fail(const std::string& path, const std::string& why) { throw std::runtime_error(path + ": " + why); }

std::string errno_text() { return std::strerror(errno); }

std::string directory_of(const std::string& path) {
  const fs::path parent = fs::path(path).parent_path();
  return parent.empty() ? std::string(".") : parent.string();
}

bool process_exists(long pid) { return pid > 0 && (::kill(static_cast<pid_t>(pid), 0) == 0 || errno != ESRCH); }

}  // namespace

std::string resolve_output_target(const std::string& path) {
  std::string current = path;
  for (int hops = 0; hops < 40; ++hops) {  // 40: the kernel's own limit on a chain of links
    struct stat st {};
    if (::lstat(current.c_str(), &st) != 0 || !S_ISLNK(st.st_mode)) return current;
    std::error_code ec;
    const fs::path target = fs::read_symlink(current, ec);
    if (ec) return current;
    current = target.is_absolute() ? target.string() : (fs::path(directory_of(current)) / target).string();
  }
  fail(path, "too many levels of symbolic links");
}

void check_output_target(const std::string& path) {
  if (path.empty()) fail("''", "no output file named");
  const std::string target = resolve_output_target(path);
  const std::string named = target == path ? path : path + " (-> " + target + ")";
  struct stat st {};
  if (::stat(target.c_str(), &st) == 0) {
    if (S_ISDIR(st.st_mode)) fail(named, "is a directory, not a file");
    if (!S_ISREG(st.st_mode)) fail(named, "is not a regular file (a device, FIFO or socket): refusing to replace it");
    // By the mode bits, not access(2): root may write anything, but a file its owner made
    // read-only is one nobody meant to be overwritten.
    if ((st.st_mode & 0222) == 0) fail(named, "the file is read-only: refusing to replace it");
  } else if (errno != ENOENT) {
    fail(named, errno_text());
  }
  const std::string directory = directory_of(target);
  std::error_code ec;
  if (!fs::is_directory(directory, ec)) fail(named, "directory " + directory + " does not exist");
  if (::access(directory.c_str(), W_OK) != 0) fail(named, "directory " + directory + " is not writable");
}

std::string temporary_path_for(const std::string& target) {
  static std::atomic<unsigned> counter{0};
  return target + ".tmp-" + std::to_string(::getpid()) + "-" + std::to_string(counter++);
}

TemporaryFile::TemporaryFile(std::string target) : target_(std::move(target)), temporary_(temporary_path_for(target_)) {
  // The new file keeps the mode of the one it replaces (else the umask's default).
  struct stat st {};
  const mode_t mode = ::stat(target_.c_str(), &st) == 0 ? (st.st_mode & 07777) : 0666;
  const int fd = ::open(temporary_.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, mode);
  if (fd < 0) fail(target_, "cannot write: " + errno_text());
  if (mode != 0666) (void)::fchmod(fd, mode);
  stream_ = ::fdopen(fd, "wb");
  if (!stream_) {
    ::close(fd);
    ::unlink(temporary_.c_str());
    fail(target_, "cannot write: " + errno_text());
  }
}

TemporaryFile::~TemporaryFile() {
  if (stream_) std::fclose(stream_);
  if (!renamed_) ::unlink(temporary_.c_str());
}

void TemporaryFile::finish() {
  if (!stream_) return;
  const bool ok = std::fflush(stream_) == 0 && ::fsync(::fileno(stream_)) == 0 && !std::ferror(stream_);
  const std::string why = errno_text();
  const bool closed = std::fclose(stream_) == 0;
  stream_ = nullptr;
  if (!ok || !closed) fail(target_, "cannot write: " + (ok ? errno_text() : why));
}

void TemporaryFile::replace_target() {
  finish();
  if (std::rename(temporary_.c_str(), target_.c_str()) != 0) fail(target_, "cannot write: " + errno_text());
  renamed_ = true;
}

void write_files_atomically(const std::vector<OutputFile>& files) {
  std::vector<std::unique_ptr<TemporaryFile>> temporaries;
  for (const OutputFile& file : files) {
    check_output_target(file.path);
    const std::string target = resolve_output_target(file.path);
    remove_dead_temporaries(directory_of(target), fs::path(target).filename().string());
    auto temporary = std::make_unique<TemporaryFile>(target);
    if (std::fwrite(file.contents.data(), 1, file.contents.size(), temporary->stream()) != file.contents.size())
      fail(file.path, "cannot write: " + errno_text());
    temporary->finish();
    temporaries.push_back(std::move(temporary));
  }
  // Every file is whole on disk: only now is any target replaced.
  for (auto& temporary : temporaries) temporary->replace_target();
}

void write_file_atomically(const std::string& path, const std::string& contents) {
  write_files_atomically({{path, contents}});
}

int remove_dead_temporaries(const std::string& directory, const std::string& prefix) {
  // TARGET.tmp-PID-N, and the names earlier versions used: TARGET.tmp-PID, TARGET.tmp.PID.N.
  static const std::regex kTemporary(R"(^(.*)\.tmp[-.]([0-9]{1,9})(?:[-.][0-9]+)?$)");
  int removed = 0;
  DIR* dir = ::opendir(directory.c_str());
  if (!dir) return 0;
  while (const dirent* entry = ::readdir(dir)) {
    std::cmatch match;
    if (!std::regex_match(entry->d_name, match, kTemporary)) continue;
    if (!prefix.empty() && match[1].str() != prefix) continue;
    const long pid = std::stol(match[2].str());
    if (pid == ::getpid() || process_exists(pid)) continue;
    const std::string path = (fs::path(directory) / entry->d_name).string();
    struct stat st {};
    if (::lstat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode) || st.st_uid != ::geteuid()) continue;
    if (::unlink(path.c_str()) == 0) ++removed;
  }
  ::closedir(dir);
  return removed;
}

}  // namespace geo
