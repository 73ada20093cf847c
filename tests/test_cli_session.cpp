// Sessions end to end: `render --session` from a JSON session and from the PNG it wrote (the
// same bytes again), a session naming a missing input, a newer version's keys kept through a
// PNG. The images are compared byte for byte.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "support/cli.hpp"

namespace fs = std::filesystem;
using patrolscope::testing::quoted;
using patrolscope::testing::read_file;
using patrolscope::testing::run_cli;
using patrolscope::testing::scratch_dir;

namespace {

// A folder with two inputs and a session naming them relative to itself.
fs::path session_folder(const std::string& name, const std::string& extra = "", const std::string& cursor = "2024-07-25T00:00:00Z") {
  const fs::path dir = scratch_dir() / name;
  fs::create_directories(dir / "data");
  fs::create_directories(dir / "out");
  fs::copy_file(fs::path(PATROLSCOPE_TEST_DATA) / "native.geojson", dir / "data" / "native.geojson",
                fs::copy_options::overwrite_existing);
  fs::copy_file(fs::path(PATROLSCOPE_TEST_DATA) / "tracks.gpx", dir / "data" / "tracks.gpx",
                fs::copy_options::overwrite_existing);
  std::ofstream(dir / "s.json") << R"({"version": 1,
    "inputs": [{"path": "data/native.geojson"}, {"path": "data/tracks.gpx", "order": 1}],
    "map": {"projection": "pacific"},
    "time": {"cursor": ")" << cursor << R"(", "window": "3650d", "mode": "trail"},
    "snapshot": {"width": 480, "height": 300, "title": "Two inputs"})" << extra << "}";
  return dir;
}

}  // namespace

TEST(RenderSession, APngRendersItsSessionAgainByteForByte) {
  const fs::path dir = session_folder("roundtrip");
  const auto first = run_cli("render -q --session " + quoted((dir / "s.json").string()) + " -o " + quoted((dir / "out" / "a.png").string()));
  ASSERT_EQ(first.code, 0) << first.err;
  const auto again = run_cli("render -q --session " + quoted((dir / "out" / "a.png").string()) + " -o " + quoted((dir / "out" / "b.png").string()));
  ASSERT_EQ(again.code, 0) << again.err;
  const std::string a = read_file(dir / "out" / "a.png"), b = read_file(dir / "out" / "b.png");
  ASSERT_GT(a.size(), 1000u);
  EXPECT_TRUE(a == b) << "render --session OUT.png wrote a different picture";
  EXPECT_NE(a.find("patrolscope:session"), std::string::npos);
  // And the session is what was drawn: another cursor is another picture.
  const fs::path other = session_folder("roundtrip-other", "", "2019-01-01T00:00:00Z");
  const auto moved = run_cli("render -q --session " + quoted((other / "s.json").string()) + " -o " + quoted((other / "out" / "a.png").string()));
  ASSERT_EQ(moved.code, 0) << moved.err;
  EXPECT_FALSE(read_file(other / "out" / "a.png") == a);
}

TEST(RenderSession, APngOfAPlainRenderReopensAsItsSession) {
  const fs::path dir = session_folder("plain");
  const std::string data = quoted((dir / "data" / "native.geojson").string()) + " " + quoted((dir / "data" / "tracks.gpx").string());
  const auto plain = run_cli("render -q " + data + " --size 400x300 --at 2024-07-25 --window 30d --color-by participant -o " +
                             quoted((dir / "out" / "a.png").string()));
  ASSERT_EQ(plain.code, 0) << plain.err;
  const auto again = run_cli("render -q --session " + quoted((dir / "out" / "a.png").string()) + " -o " + quoted((dir / "out" / "b.png").string()));
  ASSERT_EQ(again.code, 0) << again.err;
  EXPECT_TRUE(read_file(dir / "out" / "a.png") == read_file(dir / "out" / "b.png"));
}

TEST(RenderSession, AMissingInputIsNamedAndNothingIsWritten) {
  const fs::path dir = session_folder("missing");
  fs::remove(dir / "data" / "tracks.gpx");
  const auto run = run_cli("render --session " + quoted((dir / "s.json").string()) + " -o " + quoted((dir / "out" / "a.png").string()));
  EXPECT_EQ(run.code, 1);
  EXPECT_NE(run.err.find((dir / "data" / "tracks.gpx").string() + ": no such file"), std::string::npos) << run.err;
  EXPECT_FALSE(fs::exists(dir / "out" / "a.png"));
}

TEST(RenderSession, ANewerVersionsKeysAreWarnedAboutAndKeptInThePng) {
  const fs::path dir = session_folder("newer", R"(, "future_layer_blend": {"mode": "screen"})");
  const auto first = run_cli("render --session " + quoted((dir / "s.json").string()) + " -o " + quoted((dir / "out" / "a.png").string()));
  ASSERT_EQ(first.code, 0) << first.err;
  EXPECT_NE(first.err.find("future_layer_blend: not known to this version"), std::string::npos) << first.err;
  // Read back from the PNG, the key is still there (warned about again).
  const auto again = run_cli("render --session " + quoted((dir / "out" / "a.png").string()) + " -o " + quoted((dir / "out" / "b.png").string()));
  ASSERT_EQ(again.code, 0) << again.err;
  EXPECT_NE(again.err.find("future_layer_blend: not known to this version"), std::string::npos) << again.err;
}

TEST(RenderSession, NotASessionIsAnInputError) {
  const fs::path dir = scratch_dir() / "notasession";
  fs::create_directories(dir);
  std::ofstream(dir / "x.json") << "[1, 2]";
  const auto run = run_cli("render --session " + quoted((dir / "x.json").string()) + " -o " + quoted((dir / "a.png").string()));
  EXPECT_EQ(run.code, 1);
  EXPECT_NE(run.err.find("x.json: not a session"), std::string::npos) << run.err;
}
