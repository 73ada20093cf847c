// Hostile and mistaken command lines end to end (issue 11): `render -o` replaces only what it
// should and keeps the old map when anything fails; usage errors are reported before the work;
// `info --json` survives invalid UTF-8; one ancient row does not break time for the scene.
#include <gtest/gtest.h>

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

#include "support/cli.hpp"

namespace fs = std::filesystem;

namespace {

using patrolscope::testing::CliRun;
using patrolscope::testing::read_file;

class CliReliability : public patrolscope::testing::TempDirTest {
 protected:
  void SetUp() override {
    TempDirTest::SetUp();
    good_ = (fs::path(PATROLSCOPE_TEST_DATA) / "native.geojson").string();
  }
  // Runs the executable with a private cache and config (support/cli.hpp); args are passed to the shell as is.
  static CliRun run(const std::string& args, const std::string& extra_environment = "") {
    return patrolscope::testing::run_cli(args, extra_environment);
  }
  std::string good_;
};

constexpr const char* kSmall = " --size 160x100 --region pacific ";

}  // namespace

TEST_F(CliReliability, ARenderWhoseInputFailsKeepsTheOldPng) {
  const fs::path out = write("briefing.png", "yesterday's good map");
  const CliRun r = run(std::string("render") + kSmall + "-o " + out.string() + " " + good_ + " " +
                       (dir_ / "typo.geojson").string());
  EXPECT_EQ(r.code, 1) << r.err;
  EXPECT_NE(r.err.find("typo.geojson"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("not written"), std::string::npos) << r.err;
  EXPECT_EQ(read_file(out), "yesterday's good map");
  for (const auto& entry : fs::directory_iterator(dir_))
    EXPECT_EQ(entry.path().filename().string().find("briefing.png.tmp"), std::string::npos) << entry.path();
}

TEST_F(CliReliability, AnEmptyOutputIsAUsageError) {
  const CliRun r = run("render -o '' " + good_);
  EXPECT_EQ(r.code, 2) << r.err;
  EXPECT_NE(r.err.find("patrolscope: render: -o"), std::string::npos) << r.err;
}

TEST_F(CliReliability, ADirectoryOutputIsReportedBeforeTheRender) {
  // As `-o /` (issue 11), with a directory of the test's own.
  const CliRun r = run(std::string("render") + kSmall + "-o " + dir_.string() + " " + good_);
  EXPECT_EQ(r.code, 1) << r.err;
  EXPECT_NE(r.err.find("is a directory"), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find("prepared in"), std::string::npos) << "nothing was loaded or rendered: " << r.err;
}

TEST_F(CliReliability, AFifoOutputIsRefusedAndASymlinkIsWrittenThrough) {
  // (Devices are refused by the same check, tested with a socket in test_reliability_output:
  // a test must never name a real device as its output.)
  const fs::path fifo = dir_ / "fifo.png";
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  CliRun r = run(std::string("render") + kSmall + "-o " + fifo.string() + " " + good_);
  EXPECT_EQ(r.code, 1) << r.err;
  EXPECT_NE(r.err.find("not a regular file"), std::string::npos) << r.err;
  EXPECT_TRUE(fs::is_fifo(fifo));

  const fs::path real = write("maps/real.png", "old");
  fs::create_symlink("maps/real.png", dir_ / "latest.png");
  r = run(std::string("render -q") + kSmall + "-o " + (dir_ / "latest.png").string() + " " + good_);
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_TRUE(fs::is_symlink(dir_ / "latest.png"));
  EXPECT_EQ(read_file(real).substr(1, 3), "PNG");
}

TEST_F(CliReliability, AReadOnlyOutputIsRefusedClearly) {
  const fs::path out = write("locked.png", "keep me");
  fs::permissions(out, fs::perms::owner_read);
  const CliRun r = run(std::string("render") + kSmall + "-o " + out.string() + " " + good_);
  EXPECT_EQ(r.code, 1) << r.err;
  EXPECT_NE(r.err.find("read-only"), std::string::npos) << r.err;
  EXPECT_EQ(read_file(out), "keep me");
}

TEST_F(CliReliability, ANanBboxIsBlamedOnBbox) {
  const CliRun r = run("render -o " + (dir_ / "x.png").string() + " --bbox nan,0,10,10 " + good_);
  EXPECT_EQ(r.code, 2) << r.err;
  EXPECT_NE(r.err.find("--bbox"), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find("--crs"), std::string::npos) << r.err;
}

TEST_F(CliReliability, AWorldFileFailureLeavesNoPartialSet) {
  const fs::path png = write("map.png", "old png"), pgw = write("map.pgw", "old pgw");
  fs::create_directory(dir_ / "map.prj");  // cannot become a file
  const CliRun r = run(std::string("render") + kSmall + "--world-file -o " + png.string() + " " + good_);
  EXPECT_NE(r.code, 0);
  EXPECT_NE(r.err.find("map.prj"), std::string::npos) << r.err;
  EXPECT_EQ(read_file(png), "old png");
  EXPECT_EQ(read_file(pgw), "old pgw");
  EXPECT_FALSE(fs::exists(dir_ / "map.png.aux.xml"));
  // And when all can be written, all are.
  fs::remove(dir_ / "map.prj");
  ASSERT_EQ(run(std::string("render -q") + kSmall + "--world-file -o " + png.string() + " " + good_).code, 0);
  for (const char* name : {"map.png", "map.pgw", "map.prj", "map.png.aux.xml"}) EXPECT_TRUE(fs::exists(dir_ / name)) << name;
  EXPECT_NE(read_file(pgw), "old pgw");
}

TEST_F(CliReliability, InfoJsonSurvivesInvalidUtf8) {
  // A Latin-1 value ("manöver" with ö as 0xF6) in a vocabulary field and in a warning.
  const fs::path data = write("latin1.geojson", std::string(R"({"type": "FeatureCollection", "features": [
    {"type": "Feature", "properties": {"id": "a", "kind": "man)") + "\xf6" + R"(ver", "start": "2024-07-01",
     "end": "2024-07-02", "domains": ["man)" + "\xf6" + R"(ver"]},
     "geometry": {"type": "Point", "coordinates": [130, 40]}}]})");
  const CliRun r = run("info --json " + data.string());
  ASSERT_FALSE(r.out.empty()) << "exit " << r.code << ": " << r.err;
  nlohmann::json j;
  ASSERT_NO_THROW(j = nlohmann::json::parse(r.out)) << r.out;
  EXPECT_EQ(j["inputs"][0]["path"], data.string());
  EXPECT_EQ(r.err.find("type_error"), std::string::npos) << r.err;
  EXPECT_NE(r.out.find("man\xef\xbf\xbd"), std::string::npos) << "the bad byte shown as U+FFFD: " << r.out;
}

TEST_F(CliReliability, OneAncientRowDoesNotBreakTimeForTheScene) {
  // June and July tracks; --at 2024-06-01 --window 2d shows only June's. With a row dated
  // 0001-01-01 added, the image must be the same (times were int32 from the earliest start).
  const std::string rows =
      "track_id,time,lon,lat\n"
      "june,2024-05-31T00:00:00Z,140.0,30.0\njune,2024-05-31T12:00:00Z,150.0,35.0\n"
      "june,2024-06-01T00:00:00Z,160.0,40.0\n"
      "july,2024-07-05T00:00:00Z,130.0,20.0\njuly,2024-07-05T12:00:00Z,140.0,15.0\n"
      "july,2024-07-06T00:00:00Z,150.0,10.0\n";
  // One path for both (the PNG's metadata names the input), so the files compare whole; the
  // preset's own frame (--no-fit), as the old row's point would move a data-fitted one.
  const std::string common = " --size 320x200 --region pacific --no-fit --at 2024-06-01 --window 2d -o ";
  const fs::path data = write("tracks.csv", rows);
  ASSERT_EQ(run("render -q" + common + (dir_ / "clean.png").string() + " " + data.string()).code, 0);
  write("tracks.csv", rows + "old,0001-01-01T00:00:00Z,100.0,0.0\nold,0001-01-01T01:00:00Z,101.0,1.0\n");
  const CliRun r = run("render" + common + (dir_ / "ancient.png").string() + " " + data.string());
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.err.find("68 years"), std::string::npos) << "warned: " << r.err;
  EXPECT_EQ(read_file(dir_ / "clean.png"), read_file(dir_ / "ancient.png")) << "the same tracks drawn";
  // And the window really selects: a July instant draws something else.
  ASSERT_EQ(run("render -q --size 320x200 --region pacific --at 2024-07-06 --window 2d -o " +
                (dir_ / "july.png").string() + " " + data.string())
                .code,
            0);
  EXPECT_NE(read_file(dir_ / "july.png"), read_file(dir_ / "ancient.png"));
}

TEST_F(CliReliability, EveryMessageLineCarriesThePrefix) {
  // A quoted value with line breaks (here an unbalanced quote) must not print bare lines.
  const fs::path data = write("quote.csv",
                              "track_id,time,lon,lat,name\n"
                              "a,2024-07-05T00:00:00Z,130.0,40.0,\"Admiral\n"
                              "b,2024-07-05T01:00:00Z,10.0,10.0,Plain\n");
  const CliRun r = run("info " + data.string());
  ASSERT_FALSE(r.err.empty());
  std::size_t start = 0;
  for (std::size_t end; (end = r.err.find('\n', start)) != std::string::npos; start = end + 1)
    EXPECT_EQ(r.err.compare(start, 13, "patrolscope: "), 0) << "line: " << r.err.substr(start, end - start);
}

TEST_F(CliReliability, MesaLinesCarryThePrefix) {
  // EGL_LOG_LEVEL=debug makes Mesa talk while it starts; every stderr line is still ours.
  const CliRun r = run(std::string("render") + kSmall + "-o " + (dir_ / "m.png").string() + " " + good_,
                       "EGL_LOG_LEVEL=debug");
  ASSERT_EQ(r.code, 0) << r.err;
  const std::string& err = r.err;
  EXPECT_NE(err.find("patrolscope: mesa: libEGL"), std::string::npos) << err;
  std::size_t lines = 0;
  for (std::size_t from = 0; from < err.size(); ++lines) {
    const std::size_t end = std::min(err.find('\n', from), err.size());
    EXPECT_EQ(err.compare(from, 13, "patrolscope: "), 0) << err.substr(from, end - from);
    from = end + 1;
  }
  EXPECT_GT(lines, 0u);
}

TEST_F(CliReliability, ExportSaysWhatIsWrongWithItsTargetAndWritesNothing) {
  CliRun r = run("export -o " + (dir_ / "out.shp").string() + " " + good_);
  EXPECT_EQ(r.code, 2) << r.err;
  EXPECT_NE(r.err.find("patrolscope: export: " + (dir_ / "out.shp").string() + ": unknown extension '.shp'"),
            std::string::npos) << r.err;
  r = run("export -o " + (dir_ / "missing" / "out.gpkg").string() + " " + good_);
  EXPECT_EQ(r.code, 1) << r.err;
  EXPECT_NE(r.err.find("not written"), std::string::npos) << r.err;
  r = run("export -o " + (dir_ / "out.gpkg").string() + " " + good_ + " " + (dir_ / "typo.geojson").string());
  EXPECT_EQ(r.code, 1) << r.err;
  EXPECT_FALSE(fs::exists(dir_ / "out.gpkg"));
  r = run("export --kind exercise -o " + (dir_ / "air.geojson").string() + " " + good_);
  EXPECT_EQ(r.code, 0) << r.err;
  const std::string text = read_file(dir_ / "air.geojson");
  EXPECT_NE(text.find("\"exercise\""), std::string::npos) << text;
  EXPECT_EQ(text.find("\"other\""), std::string::npos) << text;
  for (const auto& entry : fs::directory_iterator(dir_))
    EXPECT_EQ(entry.path().filename().string().find(".tmp-"), std::string::npos) << entry.path();
}
