// Every input in tests/fuzz/regressions/ once crashed, hung or corrupted memory (found by the
// fuzz targets, tests/fuzz/, or by hand in issue 11). Each goes through the same call its fuzz
// target makes and must come back with a result that holds together: a loader's events or its
// error, a scene cache entry refused or safe to draw, a session that reads back as itself.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>

#include "load.hpp"
#include "scene_cache.hpp"
#include "session.hpp"
#include "support/temp_dir.hpp"

namespace fs = std::filesystem;

namespace {

const fs::path kRegressions = fs::path(PATROLSCOPE_SOURCE_DIR) / "tests/fuzz/regressions";

using patrolscope::testing::read_file;

std::vector<fs::path> files_of(const std::string& target) {
  std::vector<fs::path> files;
  std::error_code ec;
  for (fs::directory_iterator it(kRegressions / target, ec), end; !ec && it != end; it.increment(ec))
    if (it->is_regular_file()) files.push_back(it->path());
  return files;
}

using FuzzRegressions = patrolscope::testing::TempDirTest;

}  // namespace

TEST_F(FuzzRegressions, EveryLoaderInputLoadsOrIsRefusedWithAReason) {
  const std::map<std::string, std::string> extensions{{"fuzz_load_native", ".geojson"},
                                                      {"fuzz_load_gpx", ".gpx"},
                                                      {"fuzz_load_table", ".csv"},
                                                      {"fuzz_load_kml", ".kml"}};
  int checked = 0;
  for (const auto& [target, extension] : extensions)
    for (const fs::path& file : files_of(target)) {
      // The loaders pick by extension and content, as the fuzz target's file is named.
      const fs::path copy = dir_ / (file.filename().string() + extension);
      fs::copy_file(file, copy, fs::copy_options::overwrite_existing);
      const geo::LoadResult result = geo::load_events(copy.string());
      EXPECT_TRUE(result.ok() || !result.error.empty() || !result.warnings.empty()) << file << ": nothing said";
      for (const geo::Event& event : result.events)
        for (const geo::Line& line : event.geometry.lines)
          EXPECT_TRUE(line.times.empty() || line.times.size() == line.coords.size()) << file;
      ++checked;
    }
  SUCCEED() << checked << " loader regressions";
}

TEST_F(FuzzRegressions, EveryCraftedCacheEntryIsRefusedOrSafe) {
  const auto files = files_of("fuzz_scene_cache");
  ASSERT_FALSE(files.empty()) << "the crafted entry of issue 11 item 6 is kept there";
  for (const fs::path& file : files) {
    const fs::path entry = dir_ / "entry.scene";
    std::ofstream(entry, std::ios::binary) << geo::scene_cache_entry_bytes("k", read_file(file));
    std::vector<geo::Event> events;
    const auto scene = geo::read_scene_file(entry.string(), &events, "k");
    if (!scene) continue;
    ASSERT_TRUE(scene->tracks.empty() || (scene->tracks.front().feature & geo::TrackVertex::kPieceStart)) << file;
    for (const geo::TrackVertex& v : scene->tracks)
      EXPECT_LT(v.feature & ~geo::TrackVertex::kPieceStart, events.size()) << file;
    for (const auto* vertices : {&scene->areas, &scene->points})
      for (const geo::AreaVertex& v : *vertices) EXPECT_LT(v.feature, events.size()) << file;
  }
}

TEST_F(FuzzRegressions, EverySessionReadsBackAsTheSameSession) {
  const auto files = files_of("fuzz_session");
  ASSERT_FALSE(files.empty());
  for (const fs::path& file : files) {
    const geo::SessionReadResult first = geo::parse_session(read_file(file), "/fuzz");
    if (!first.ok()) continue;
    geo::SessionReadResult again = geo::parse_session(geo::session_json_compact(first.session, "/fuzz"), "/fuzz");
    ASSERT_TRUE(again.ok()) << file << ": " << again.error;
    again.session.version = first.session.version;  // a newer version's file is written back as this version's
    EXPECT_TRUE(again.session == first.session) << file << ": written back, it reads as another session";
  }
}
