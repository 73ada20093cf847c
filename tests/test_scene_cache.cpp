// The scene cache: a built scene and its events come back identical; any change of input,
// projection or options misses; truncated or corrupt files are ignored, never a crash.
#include <gtest/gtest.h>

#include <fcntl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>

#include "scene_cache.hpp"
#include "support/temp_dir.hpp"

namespace fs = std::filesystem;
using geo::Event;
using geo::Scene;

namespace {

std::vector<Event> sample_events() {
  Event track;
  track.id = "bering";
  track.name = "Bering leg";
  track.kind = "naval_patrol";
  track.domains = {"naval"};
  track.force_types = {"destroyer"};
  track.participants = {"CN", "RU"};
  track.regions = {"pacific"};
  track.start = geo::make_time(2024, 9, 20);
  track.end = geo::make_time(2024, 10, 1);
  track.geometry.lines.push_back({{{170, 55}, {178, 58}, {-178, 59}, {-170, 62}}, {}});
  for (int i = 0; i < 4; ++i) track.geometry.lines[0].times.push_back(track.start + i * 86400);
  track.sources = {"https://example.org/a", "Publisher, title, 2024-09-21"};
  track.notes = "notes";
  track.attributes = {{"ship", "Type 052D"}, {"note2", "ünïcode"}};
  Event area;
  area.id = "area";
  area.name = "Exercise area";
  area.kind = "exercise";
  area.domains = {"air", "naval"};
  area.participants = {"RU"};
  area.start = geo::make_time(2023, 7, 1);
  area.end = geo::make_time(2023, 7, 5);
  area.geometry.polygons.push_back({{{{140, 40}, {150, 40}, {150, 45}, {140, 45}}}});
  area.geometry.points.push_back({145, 42});
  area.quality = geo::GeometryQuality::Schematic;
  Event untimed;
  untimed.id = "untimed";
  untimed.kind = "other";
  untimed.geometry.points.push_back({130, 30});
  return {track, area, untimed};
}

Scene sample_scene(const std::vector<Event>& events) {
  const geo::Polygon land{{{{135, 33}, {141, 35}, {140, 41}, {136, 36}}}};
  const std::vector<geo::Polygon> lands{land};
  geo::SceneInput input;
  input.events = &events;
  input.land = &lands;
  return geo::build_scene(input, geo::MapProjection::create("pacific"));
}

template <typename T>
bool same_bytes(const std::vector<T>& a, const std::vector<T>& b) {
  return a.size() == b.size() && (a.empty() || std::memcmp(a.data(), b.data(), a.size() * sizeof(T)) == 0);
}

void expect_same_scene(const Scene& a, const Scene& b) {
  EXPECT_EQ(a.full_extent.xmin, b.full_extent.xmin);
  EXPECT_EQ(a.full_extent.ymax, b.full_extent.ymax);
  EXPECT_EQ(a.origin_x, b.origin_x);
  EXPECT_EQ(a.origin_y, b.origin_y);
  EXPECT_EQ(a.t0, b.t0);
  EXPECT_TRUE(same_bytes(a.land_triangles, b.land_triangles));
  EXPECT_TRUE(same_bytes(a.coast, b.coast));
  EXPECT_TRUE(same_bytes(a.graticule, b.graticule));
  ASSERT_EQ(a.graticule_lines.size(), b.graticule_lines.size());
  for (std::size_t i = 0; i < a.graticule_lines.size(); ++i) {
    EXPECT_EQ(a.graticule_lines[i].meridian, b.graticule_lines[i].meridian);
    EXPECT_EQ(a.graticule_lines[i].value, b.graticule_lines[i].value);
    EXPECT_EQ(a.graticule_lines[i].first, b.graticule_lines[i].first);
    EXPECT_EQ(a.graticule_lines[i].count, b.graticule_lines[i].count);
  }
  EXPECT_TRUE(same_bytes(a.tracks, b.tracks));
  EXPECT_TRUE(same_bytes(a.areas, b.areas));
  EXPECT_TRUE(same_bytes(a.points, b.points));
  EXPECT_EQ(a.facets.domains, b.facets.domains);
  EXPECT_EQ(a.facets.kinds, b.facets.kinds);
  EXPECT_EQ(a.facets.participants, b.facets.participants);
  EXPECT_EQ(a.facets.force_types, b.facets.force_types);
  EXPECT_EQ(a.facets.first_year, b.facets.first_year);
  EXPECT_EQ(a.warnings, b.warnings);
}

void expect_same_events(const std::vector<Event>& a, const std::vector<Event>& b) {
  ASSERT_EQ(a.size(), b.size());
  for (std::size_t i = 0; i < a.size(); ++i) {
    const Event &x = a[i], &y = b[i];
    EXPECT_EQ(x.id, y.id);
    EXPECT_EQ(x.name, y.name);
    EXPECT_EQ(x.kind, y.kind);
    EXPECT_EQ(x.domains, y.domains);
    EXPECT_EQ(x.force_types, y.force_types);
    EXPECT_EQ(x.participants, y.participants);
    EXPECT_EQ(x.regions, y.regions);
    EXPECT_EQ(x.start, y.start);
    EXPECT_EQ(x.end, y.end);
    ASSERT_EQ(x.geometry.lines.size(), y.geometry.lines.size());
    for (std::size_t k = 0; k < x.geometry.lines.size(); ++k) {
      EXPECT_TRUE(same_bytes(x.geometry.lines[k].coords, y.geometry.lines[k].coords));
      EXPECT_EQ(x.geometry.lines[k].times, y.geometry.lines[k].times);
    }
    ASSERT_EQ(x.geometry.polygons.size(), y.geometry.polygons.size());
    for (std::size_t k = 0; k < x.geometry.polygons.size(); ++k) {
      ASSERT_EQ(x.geometry.polygons[k].rings.size(), y.geometry.polygons[k].rings.size());
      for (std::size_t r = 0; r < x.geometry.polygons[k].rings.size(); ++r)
        EXPECT_TRUE(same_bytes(x.geometry.polygons[k].rings[r], y.geometry.polygons[k].rings[r]));
    }
    EXPECT_TRUE(same_bytes(x.geometry.points, y.geometry.points));
    EXPECT_EQ(x.quality, y.quality);
    EXPECT_EQ(x.sources, y.sources);
    EXPECT_EQ(x.notes, y.notes);
    EXPECT_EQ(x.attributes, y.attributes);
  }
}

// Its own directory (support/temp_dir.hpp), XDG_CACHE_HOME inside it while the test runs.
class SceneCacheTest : public patrolscope::testing::TempDirTest {
 protected:
  void SetUp() override {
    TempDirTest::SetUp();
    const char* old = std::getenv("XDG_CACHE_HOME");
    had_xdg_ = old != nullptr;
    if (old) old_xdg_ = old;
    ::setenv("XDG_CACHE_HOME", (dir_ / "cache").c_str(), 1);
  }
  void TearDown() override {
    if (had_xdg_) ::setenv("XDG_CACHE_HOME", old_xdg_.c_str(), 1);
    else ::unsetenv("XDG_CACHE_HOME");
    TempDirTest::TearDown();
  }
  std::string write_text(const std::string& name, const std::string& text) const { return write(name, text).string(); }
  bool had_xdg_ = false;
  std::string old_xdg_;
};

}  // namespace

TEST_F(SceneCacheTest, FileRoundTripIsExact) {
  const auto events = sample_events();
  const Scene scene = sample_scene(events);
  ASSERT_FALSE(scene.tracks.empty());
  ASSERT_FALSE(scene.land_triangles.empty());
  ASSERT_FALSE(scene.areas.empty());
  ASSERT_FALSE(scene.points.empty());
  const std::string path = (dir_ / "a.scene").string();
  ASSERT_TRUE(geo::write_scene_file(path, scene, &events, "k"));
  std::vector<Event> back_events;
  const auto back = geo::read_scene_file(path, &back_events, "k");
  ASSERT_TRUE(back.has_value());
  expect_same_scene(scene, *back);
  expect_same_events(events, back_events);
  // Without events: the scene alone reads back; asked for events, its features index none.
  ASSERT_TRUE(geo::write_scene_file(path, scene, nullptr, "k"));
  const auto bare = geo::read_scene_file(path, nullptr, "k");
  ASSERT_TRUE(bare.has_value());
  expect_same_scene(scene, *bare);
  EXPECT_FALSE(geo::read_scene_file(path, &back_events, "k").has_value());
  EXPECT_TRUE(back_events.empty());
}

TEST_F(SceneCacheTest, WrongKeyTruncationAndCorruptionAreIgnored) {
  const auto events = sample_events();
  const Scene scene = sample_scene(events);
  const std::string path = (dir_ / "b.scene").string();
  ASSERT_TRUE(geo::write_scene_file(path, scene, &events, "key one"));
  std::vector<Event> out;
  EXPECT_FALSE(geo::read_scene_file(path, &out, "key two").has_value());
  EXPECT_FALSE(geo::read_scene_file((dir_ / "missing.scene").string(), &out, "key one").has_value());

  std::string bytes;
  {
    std::ifstream in(path, std::ios::binary);
    bytes.assign(std::istreambuf_iterator<char>(in), {});
  }
  ASSERT_GT(bytes.size(), 100u);
  auto rewrite = [&](const std::string& content) {
    std::ofstream(path, std::ios::binary | std::ios::trunc) << content;
  };
  for (std::size_t cut : {std::size_t{0}, std::size_t{7}, std::size_t{31}, std::size_t{32}, bytes.size() / 2, bytes.size() - 1}) {
    rewrite(bytes.substr(0, cut));
    EXPECT_FALSE(geo::read_scene_file(path, &out, "key one").has_value()) << "truncated at " << cut;
    EXPECT_TRUE(out.empty());
  }
  for (std::size_t at : {std::size_t{3}, std::size_t{9}, std::size_t{20}, std::size_t{40}, bytes.size() / 3, bytes.size() - 2}) {
    std::string bad = bytes;
    bad[at] = static_cast<char>(bad[at] ^ 0x5a);
    rewrite(bad);
    EXPECT_FALSE(geo::read_scene_file(path, &out, "key one").has_value()) << "flipped byte " << at;
  }
  rewrite(bytes + "extra");
  EXPECT_FALSE(geo::read_scene_file(path, &out, "key one").has_value());
  rewrite(std::string(5000, '\xff'));
  EXPECT_FALSE(geo::read_scene_file(path, &out, "key one").has_value());
  rewrite(bytes);
  EXPECT_TRUE(geo::read_scene_file(path, &out, "key one").has_value());
}

TEST_F(SceneCacheTest, KeyChangesWithEachInputProjectionAndOption) {
  const std::string data = write_text("data.csv", "track_id,time,lon,lat\n");
  const std::string coast = write_text("coast.geojson", "{}");
  const auto pacific = geo::MapProjection::create("pacific");
  const std::string key = geo::scene_cache_key({data}, {coast}, pacific, 10);
  ASSERT_FALSE(key.empty());
  EXPECT_EQ(key, geo::scene_cache_key({data}, {coast}, pacific, 10));
  EXPECT_NE(key, geo::scene_cache_key({data}, {coast}, geo::MapProjection::create("arctic"), 10));
  EXPECT_NE(key, geo::scene_cache_key({data}, {coast}, pacific, 5));
  EXPECT_NE(key, geo::scene_cache_key({data}, {}, pacific, 10));
  geo::LoadOptions load;
  load.id_column = "mmsi";
  EXPECT_NE(key, geo::scene_cache_key({data}, {coast}, pacific, 10, load));
  EXPECT_TRUE(geo::scene_cache_key({(dir_ / "missing.csv").string()}, {coast}, pacific, 10).empty());
  // The same size, a new modification time.
  fs::last_write_time(data, fs::last_write_time(data) + std::chrono::seconds(5));
  const std::string touched = geo::scene_cache_key({data}, {coast}, pacific, 10);
  EXPECT_NE(key, touched);
  // The same time, another size.
  const auto mtime = fs::last_write_time(data);
  write_text("data.csv", "track_id,time,lon,lat\nA,2024-01-01,150,40\n");
  fs::last_write_time(data, mtime);
  EXPECT_NE(touched, geo::scene_cache_key({data}, {coast}, pacific, 10));
  // With the borders too, and when they change.
  const std::string borders = write_text("borders.geojson", "{}");
  const std::string with_borders = geo::scene_cache_key({data}, {coast, borders}, pacific, 10);
  EXPECT_NE(key, with_borders);
  write_text("borders.geojson", "{ }");
  EXPECT_NE(with_borders, geo::scene_cache_key({data}, {coast, borders}, pacific, 10));
  // The coastline changes.
  write_text("coast.geojson", "{ }");
  EXPECT_NE(key, geo::scene_cache_key({data}, {coast}, pacific, 10));
}

TEST_F(SceneCacheTest, StoreAndLoadUnderXdgCacheHome) {
  const auto events = sample_events();
  const Scene scene = sample_scene(events);
  const std::string data = write_text("data.geojson", "{}");
  const std::string key = geo::scene_cache_key({data}, {}, geo::MapProjection::create("pacific"), 10);
  EXPECT_EQ(geo::scene_cache_dir(), (dir_ / "cache" / "patrolscope").string());
  EXPECT_FALSE(geo::load_cached_scene(key).has_value());
  ASSERT_TRUE(geo::store_cached_scene(key, scene, events, "Made with Natural Earth"));
  EXPECT_EQ(fs::path(geo::scene_cache_path(key)).parent_path(), dir_ / "cache" / "patrolscope");
  const auto cached = geo::load_cached_scene(key);
  ASSERT_TRUE(cached.has_value());
  expect_same_scene(scene, cached->scene);
  expect_same_events(events, cached->events);
  EXPECT_EQ(cached->attribution, "Made with Natural Earth");
  // No temporary files are left behind.
  int files = 0;
  for (const auto& entry : fs::directory_iterator(dir_ / "cache" / "patrolscope")) {
    ++files;
    EXPECT_EQ(entry.path().extension(), ".scene");
  }
  EXPECT_EQ(files, 1);
  // Touching the input invalidates the entry.
  fs::last_write_time(data, fs::last_write_time(data) + std::chrono::seconds(3));
  EXPECT_FALSE(geo::load_cached_scene(geo::scene_cache_key({data}, {}, geo::MapProjection::create("pacific"), 10)));
  EXPECT_FALSE(geo::load_cached_scene("").has_value());
  EXPECT_FALSE(geo::store_cached_scene("", scene, events));
}

TEST_F(SceneCacheTest, UnwritableDirectoryFailsQuietly) {
  const auto events = sample_events();
  const Scene scene = sample_scene(events);
  const std::string blocker = write_text("blocker", "a file, not a directory");
  EXPECT_FALSE(geo::write_scene_file(blocker + "/sub/x.scene", scene, &events, "k"));
}

// --- Hostile entries (issue 11: items 6, 7, 13) ----------------------------------------------

TEST_F(SceneCacheTest, AnInconsistentEntryWithAValidChecksumIsAMiss) {
  const auto events = sample_events();
  const std::string path = (dir_ / "x.scene").string();
  // Each scene below is written by the real writer, so its checksum is valid; what it holds
  // would make the renderer index outside its arrays.
  auto rejected = [&](const char* what, auto&& spoil) {
    Scene scene = sample_scene(events);
    ASSERT_FALSE(scene.tracks.empty());
    spoil(scene);
    ASSERT_TRUE(geo::write_scene_file(path, scene, &events, "k"));
    std::vector<Event> read;
    EXPECT_FALSE(geo::read_scene_file(path, &read, "k").has_value()) << what;
  };
  rejected("first track vertex not a piece start (upload_tracks reads vertex -1)",
           [](Scene& s) { s.tracks.front().feature &= ~geo::TrackVertex::kPieceStart; });
  rejected("track feature beyond the events", [](Scene& s) { s.tracks.back().feature = 3; });
  rejected("area feature beyond the events", [](Scene& s) { s.areas.front().feature = 1000; });
  rejected("point feature beyond the events", [](Scene& s) { s.points.front().feature = 3; });
  rejected("a partial area triangle", [](Scene& s) { s.areas.pop_back(); });
  rejected("a partial land triangle", [](Scene& s) { s.land_triangles.resize(s.land_triangles.size() - 2); });
  rejected("unknown line flags", [](Scene& s) { s.graticule.front().flags = 0xff; });
  // The same scene unspoiled reads back.
  ASSERT_TRUE(geo::write_scene_file(path, sample_scene(events), &events, "k"));
  std::vector<Event> read;
  EXPECT_TRUE(geo::read_scene_file(path, &read, "k").has_value());
}

TEST_F(SceneCacheTest, AFifoAtTheEntryPathIsAMissNotAHang) {
  const std::string data = write_text("data.geojson", "{}");
  const std::string key = geo::scene_cache_key({data}, {}, geo::MapProjection::create("pacific"), 10);
  const fs::path entry = geo::scene_cache_path(key);
  fs::create_directories(entry.parent_path());
  ASSERT_EQ(::mkfifo(entry.c_str(), 0600), 0);
  EXPECT_FALSE(geo::load_cached_scene(key).has_value());  // blocked forever in open() before
  std::vector<Event> read;
  EXPECT_FALSE(geo::read_scene_file(entry.string(), &read, key).has_value());
}

TEST_F(SceneCacheTest, AHugeSparseFileIsRejectedByItsHeaderNotMapped) {
  const auto events = sample_events();
  const fs::path path = dir_ / "huge.scene";
  ASSERT_TRUE(geo::write_scene_file(path.string(), sample_scene(events), &events, "k"));
  // Valid header, then grown (sparse) to 2 GiB: the header's size no longer fits the file.
  fs::resize_file(path, std::uintmax_t{2} << 30);
  struct rusage before {}, after {};
  ::getrusage(RUSAGE_SELF, &before);
  std::vector<Event> read;
  EXPECT_FALSE(geo::read_scene_file(path.string(), &read, "k").has_value());
  ::getrusage(RUSAGE_SELF, &after);
  EXPECT_LT(after.ru_maxrss - before.ru_maxrss, 256 * 1024) << "KiB of peak memory grown: the file was mapped";
  // A header that claims the 2 GiB: beyond the entry size limit, also rejected unmapped.
  {
    std::fstream file(path, std::ios::in | std::ios::out | std::ios::binary);
    const std::uint64_t size = (std::uint64_t{2} << 30) - 32;
    file.seekp(16);
    file.write(reinterpret_cast<const char*>(&size), 8);
  }
  EXPECT_FALSE(geo::read_scene_file(path.string(), &read, "k").has_value());
  ::getrusage(RUSAGE_SELF, &after);
  EXPECT_LT(after.ru_maxrss - before.ru_maxrss, 256 * 1024);
}

TEST_F(SceneCacheTest, ASymlinkAtTheEntryPathIsNotFollowed) {
  const auto events = sample_events();
  const Scene scene = sample_scene(events);
  const std::string data = write_text("data.geojson", "{}");
  const std::string key = geo::scene_cache_key({data}, {}, geo::MapProjection::create("pacific"), 10);
  const fs::path elsewhere = dir_ / "elsewhere.scene";
  ASSERT_TRUE(geo::write_scene_file(elsewhere.string(), scene, &events, key));
  ASSERT_TRUE(geo::store_cached_scene(key, scene, events));
  fs::remove(geo::scene_cache_path(key));
  fs::create_symlink(elsewhere, geo::scene_cache_path(key));
  EXPECT_FALSE(geo::load_cached_scene(key).has_value());
}

TEST_F(SceneCacheTest, WithNoHomeTheCacheIsAPrivateDirectoryOfTheUser) {
  const std::string home = std::getenv("HOME") ? std::getenv("HOME") : "";
  const std::string tmpdir = std::getenv("TMPDIR") ? std::getenv("TMPDIR") : "";
  ::unsetenv("XDG_CACHE_HOME");
  ::unsetenv("HOME");
  ::setenv("TMPDIR", dir_.c_str(), 1);
  const std::string expected = (dir_ / ("patrolscope-cache-" + std::to_string(::geteuid()))).string();
  const std::string dir = geo::scene_cache_dir();
  const auto events = sample_events();
  const Scene scene = sample_scene(events);
  const std::string key = "k";
  const bool stored = geo::store_cached_scene(key, scene, events);
  struct stat st {};
  const bool made = ::lstat(expected.c_str(), &st) == 0;
  // An earlier version's 0755 directory of ours is tightened; another user's is not used.
  ::chmod(expected.c_str(), 0755);
  const bool reused = geo::load_cached_scene(key).has_value();
  struct stat tightened {};
  ::lstat(expected.c_str(), &tightened);
  const bool chowned = ::geteuid() == 0 && ::chown(expected.c_str(), 65534, 65534) == 0;
  const bool foreign_used = chowned && geo::load_cached_scene(key).has_value();
  if (!home.empty()) ::setenv("HOME", home.c_str(), 1);
  if (tmpdir.empty()) ::unsetenv("TMPDIR");
  else ::setenv("TMPDIR", tmpdir.c_str(), 1);
  EXPECT_EQ(dir, expected);
  EXPECT_TRUE(stored);
  ASSERT_TRUE(made);
  EXPECT_TRUE(S_ISDIR(st.st_mode));
  EXPECT_EQ(st.st_mode & 0777, 0700u);
  EXPECT_EQ(st.st_uid, ::geteuid());
  EXPECT_TRUE(reused);
  EXPECT_EQ(tightened.st_mode & 0777, 0700u);
  if (chowned) {
    EXPECT_FALSE(foreign_used) << "another user's directory feeds no entry";
  }
}

TEST_F(SceneCacheTest, AChangeThatKeepsSizeAndMtimeIsAMiss) {
  const std::string data = write_text("data.geojson", R"({"name": "aaaa"})");
  const auto mtime = fs::last_write_time(data);
  const auto pacific = geo::MapProjection::create("pacific");
  const std::string before = geo::scene_cache_key({data}, {}, pacific, 10);
  write_text("data.geojson", R"({"name": "bbbb"})");  // same size
  fs::last_write_time(data, mtime);                    // as cp -p or touch -d would
  EXPECT_NE(geo::scene_cache_key({data}, {}, pacific, 10), before);
}

TEST_F(SceneCacheTest, StoringRemovesTemporariesOfDeadWriters) {
  const auto events = sample_events();
  const Scene scene = sample_scene(events);
  const fs::path cache = dir_ / "cache" / "patrolscope";
  fs::create_directories(cache);
  const pid_t child = ::fork();
  if (child == 0) ::_exit(0);
  int status = 0;
  ::waitpid(child, &status, 0);
  const std::string dead = std::to_string(child), alive = std::to_string(::getppid());
  for (const std::string& name : {"0123.scene.tmp." + dead + ".0", "0123.scene.tmp-" + dead + "-4",
                                  "0123.scene.tmp-" + alive + "-0"})
    std::ofstream(cache / name) << "half an entry";
  ASSERT_TRUE(geo::store_cached_scene("k", scene, events));
  EXPECT_FALSE(fs::exists(cache / ("0123.scene.tmp." + dead + ".0")));
  EXPECT_FALSE(fs::exists(cache / ("0123.scene.tmp-" + dead + "-4")));
  EXPECT_TRUE(fs::exists(cache / ("0123.scene.tmp-" + alive + "-0"))) << "a writer still running";
}

TEST_F(SceneCacheTest, TheCacheIsBoundedEvictingTheLeastRecentlyUsed) {
  const auto events = sample_events();
  const Scene scene = sample_scene(events);
  std::vector<std::string> keys{"a", "b", "c"};
  for (const std::string& key : keys) ASSERT_TRUE(geo::store_cached_scene(key, scene, events));
  const auto entry_bytes = fs::file_size(geo::scene_cache_path("a"));
  // Access times: b oldest, then c, then a (a was used last).
  auto set_atime = [](const std::string& path, time_t seconds) {
    const struct timespec times[2] = {{seconds, 0}, {0, UTIME_OMIT}};
    ASSERT_EQ(::utimensat(AT_FDCWD, path.c_str(), times, 0), 0);
  };
  set_atime(geo::scene_cache_path("b"), 1000);
  set_atime(geo::scene_cache_path("c"), 2000);
  set_atime(geo::scene_cache_path("a"), 3000);
  ASSERT_TRUE(geo::load_cached_scene("c").has_value());  // a hit makes c the most recent
  EXPECT_EQ(geo::prune_scene_cache((dir_ / "cache" / "patrolscope").string(), 2 * entry_bytes), 1);
  EXPECT_FALSE(fs::exists(geo::scene_cache_path("b")));
  EXPECT_EQ(geo::prune_scene_cache((dir_ / "cache" / "patrolscope").string(), entry_bytes), 1);
  EXPECT_FALSE(fs::exists(geo::scene_cache_path("a")));
  EXPECT_TRUE(fs::exists(geo::scene_cache_path("c")));
  // Storing applies the cap (PATROLSCOPE_CACHE_MAX_MB).
  ::setenv("PATROLSCOPE_CACHE_MAX_MB", "0", 1);
  geo::store_cached_scene("d", scene, events);
  ::unsetenv("PATROLSCOPE_CACHE_MAX_MB");
  EXPECT_FALSE(fs::exists(geo::scene_cache_path("c")));
}
