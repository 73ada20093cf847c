// Sessions (geo/session): the JSON schema read and written, paths relative to the session file,
// a newer version's keys kept and warned about, a missing input reported while the rest opens,
// bad values skipped with a warning naming the key.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "session.hpp"
#include "support/temp_dir.hpp"

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

struct TempDir : patrolscope::testing::TempDir {
  TempDir() : patrolscope::testing::TempDir("session") {}
};
using patrolscope::testing::write_file;

bool any_contains(const std::vector<std::string>& lines, const std::string& part) {
  for (const auto& line : lines)
    if (line.find(part) != std::string::npos) return true;
  return false;
}

geo::Session full_session(const fs::path& dir) {
  geo::Session s;
  geo::SessionLayer ais;
  ais.path = (dir / "data" / "ais.csv").string();
  ais.name = "AIS";
  ais.style.color = geo::ColorChoice{geo::ColorChoice::Source::Attribute, geo::ColorBy::Domain, "mmsi", 0};
  ais.style.line_width = 4;
  ais.style.opacity = 0.5f;
  ais.style.order = 2;
  geo::SessionLayer tracks;
  tracks.path = (dir / "data" / "tracks.gpx").string();
  tracks.style.visible = false;
  tracks.style.color = geo::ColorChoice{geo::ColorChoice::Source::Fixed, geo::ColorBy::Domain, "", 0xd55e00};
  geo::SessionLayer bundled;  // the bundled dataset: no path
  bundled.style.color = geo::ColorChoice{geo::ColorChoice::Source::TrackId, geo::ColorBy::Domain, "", 0};
  geo::SessionLayer zones;
  zones.type = geo::SessionLayer::Type::Zones;
  zones.path = (dir / "zones" / "adiz.geojson").string();
  s.layers = {ais, tracks, bundled, zones};
  s.load.id_column = "mmsi";
  s.view.projection = "arctic";
  s.view.extent = geo::Extent{-1.5e6, -2e6, 1.25e6, 3.0000001e6};
  s.time.cursor = geo::make_time(2024, 7, 10, 12, 30, 5);
  s.time.window = 30 * geo::kSecondsPerDay + 7;  // not a round duration: written as seconds
  s.time.mode = "trail";
  s.filter.years = {2022, 2024};
  s.filter.participants = {"CN", "RU"};
  s.color_by = geo::ColorChoice{geo::ColorChoice::Source::Facet, geo::ColorBy::Participant, "", 0};
  s.show.graticule = false;
  s.show.borders = false;
  s.selection = {"ev-1", "ev-2"};
  s.notes = "Bomber patrol — Alaska ADIZ, see ‘brief 3’";
  s.bookmarks = {{"Bering", geo::Extent{-1, -2, 3, 4}, geo::make_time(2024, 7, 1), geo::make_time(2024, 7, 31)},
                 {"no time", geo::Extent{0, 0, 1, 1}, geo::kNoTime, geo::kNoTime}};
  s.snapshot.width = 1280;
  s.snapshot.height = 720;
  s.snapshot.title = "Joint bomber patrol";
  s.snapshot.legend = "br";
  s.clip.fps = 24;
  s.clip.speed = "7d";
  return s;
}

}  // namespace

TEST(Session, RoundTripKeepsEveryField) {
  TempDir dir;
  for (const char* f : {"data/ais.csv", "data/tracks.gpx", "zones/adiz.geojson"}) write_file(dir.path() / f, "x");
  const geo::Session s = full_session(dir.path());
  const fs::path file = dir.path() / "work" / "s.json";
  fs::create_directories(file.parent_path());
  geo::write_session(s, file.string());
  const geo::SessionReadResult r = geo::read_session(file.string());
  ASSERT_TRUE(r.ok()) << r.error;
  EXPECT_TRUE(r.warnings.empty()) << r.warnings.front();
  EXPECT_TRUE(r.missing.empty());
  EXPECT_EQ(r.session, s);
  EXPECT_EQ(geo::session_json(r.session, file.parent_path().string()),
            geo::session_json(s, file.parent_path().string()));
}

TEST(Session, PathsAreStoredRelativeToTheSessionFile) {
  TempDir dir;
  write_file(dir.path() / "data" / "ais.csv", "x");
  geo::Session s;
  geo::SessionLayer layer;
  layer.path = (dir.path() / "data" / "ais.csv").string();
  s.layers = {layer};
  const fs::path file = dir.path() / "work" / "s.json";
  fs::create_directories(file.parent_path());
  geo::write_session(s, file.string());
  std::ifstream in(file);
  const json j = json::parse(in);
  EXPECT_EQ(j["version"], geo::kSessionVersion);
  EXPECT_EQ(j["inputs"][0]["path"], "../data/ais.csv");
  // Moving the whole folder keeps the session working: paths resolve against the file.
  const fs::path moved = dir.path().string() + "-moved";
  fs::rename(dir.path(), moved);
  const auto r = geo::read_session((moved / "work" / "s.json").string());
  fs::rename(moved, dir.path());
  ASSERT_TRUE(r.ok()) << r.error;
  ASSERT_EQ(r.session.layers.size(), 1u);
  EXPECT_EQ(r.session.layers[0].path, (moved / "data" / "ais.csv").string());
  EXPECT_TRUE(r.missing.empty());
}

TEST(Session, AMissingInputIsReportedAndTheRestOpens) {
  TempDir dir;
  write_file(dir.path() / "a.geojson", "x");
  write_file(dir.path() / "s.json", R"({"version": 1,
    "inputs": [{"path": "gone.csv", "name": "Gone"}, {"path": "a.geojson", "opacity": 0.25}],
    "map": {"projection": "scs"}})");
  const auto r = geo::read_session((dir.path() / "s.json").string());
  ASSERT_TRUE(r.ok()) << r.error;
  ASSERT_EQ(r.missing.size(), 1u);
  EXPECT_EQ(r.missing[0].file, (dir.path() / "gone.csv").string());
  EXPECT_EQ(r.missing[0].reason, "no such file");
  // Both layers stay in the session (saving it again loses nothing); the rest applies.
  ASSERT_EQ(r.session.layers.size(), 2u);
  EXPECT_EQ(r.session.layers[0].name, "Gone");
  EXPECT_FLOAT_EQ(r.session.layers[1].style.opacity, 0.25f);
  EXPECT_EQ(r.session.view.projection, "scs");
}

TEST(Session, ANewerVersionsKeysAreKeptAndWarnedAbout) {
  TempDir dir;
  write_file(dir.path() / "s.json", R"({"version": 3,
    "inputs": [{"bundled": true, "glow": {"radius": 4}}],
    "map": {"projection": "world", "tilt": 30},
    "timeline_v3": [1, 2, "three"],
    "notes": "kept"})");
  const auto r = geo::read_session((dir.path() / "s.json").string());
  ASSERT_TRUE(r.ok()) << r.error;
  EXPECT_TRUE(any_contains(r.warnings, "newer patrolscope (session version 3"));
  EXPECT_TRUE(any_contains(r.warnings, "timeline_v3: not known to this version"));
  EXPECT_TRUE(any_contains(r.warnings, "map/tilt: not known"));
  EXPECT_TRUE(any_contains(r.warnings, "inputs/0/glow: not known"));
  EXPECT_EQ(r.session.view.projection, "world");
  EXPECT_EQ(r.session.notes, "kept");
  const json out = json::parse(geo::session_json(r.session, dir.path().string()));
  EXPECT_EQ(out["timeline_v3"], json::parse(R"([1, 2, "three"])"));
  EXPECT_EQ(out["map"]["tilt"], 30);
  EXPECT_EQ(out["inputs"][0]["glow"]["radius"], 4);
  EXPECT_EQ(out["version"], geo::kSessionVersion);  // written by this version
}

TEST(Session, ANewerKeyStaysWithItsItemWhenAnItemBeforeItIsSkipped) {
  // Found by fuzz_session: the first bookmark is skipped (a bad extent), so the second is
  // written first; its newer key must go with it, not with whatever is written at its old index.
  TempDir dir;
  write_file(dir.path() / "s.json", R"({"version": 1,
    "inputs": [{"name": "no path"}, {"bundled": true, "glow": 4}],
    "bookmarks": [{"name": "bad", "extent": [1, 1, 0, 0], "pin": "bad's"},
                  {"name": "good", "extent": [0, 0, 1, 1], "pin": "good's"}]})");
  const auto r = geo::read_session((dir.path() / "s.json").string());
  ASSERT_TRUE(r.ok()) << r.error;
  ASSERT_EQ(r.session.bookmarks.size(), 1u);
  ASSERT_EQ(r.session.layers.size(), 1u);
  EXPECT_TRUE(any_contains(r.warnings, "bookmarks/1/pin: not known")) << "the warning names where it was read";
  const json out = json::parse(geo::session_json(r.session, dir.path().string()));
  EXPECT_EQ(out["bookmarks"][0]["name"], "good");
  EXPECT_EQ(out["bookmarks"][0]["pin"], "good's");
  EXPECT_EQ(out["inputs"][0]["glow"], 4);
  // And it reads back as the same session (what fuzz_session checks).
  const auto again = geo::parse_session(geo::session_json(r.session, dir.path().string()), dir.path().string());
  EXPECT_TRUE(again.session == r.session);
}

TEST(Session, ANewerKeyInAnObjectThisVersionLeavesOutIsWrittenBackAllTheSame) {
  // Found by fuzz_session: "load" with only a newer key is not written by this version (no
  // column option set), and the key went with it.
  TempDir dir;
  write_file(dir.path() / "s.json", R"({"version": 1, "load": {"id_columns": ["mmsi", "imo"]}})");
  const auto r = geo::read_session((dir.path() / "s.json").string());
  ASSERT_TRUE(r.ok()) << r.error;
  const json out = json::parse(geo::session_json(r.session, dir.path().string()));
  EXPECT_EQ(out["load"]["id_columns"], json::parse(R"(["mmsi", "imo"])")) << out.dump();
}

TEST(Session, BadValuesAreSkippedWithTheirKeyAndTheRestApplies) {
  TempDir dir;
  write_file(dir.path() / "s.json", R"({"version": 1,
    "time": {"cursor": "2024-13-40", "window": "30d", "mode": "sideways"},
    "inputs": [{"bundled": true, "opacity": 7, "color": "plaid", "line_width": 3}],
    "map": {"extent": [5, 0, 1, 1]},
    "color_by": "force",
    "bookmarks": [{"name": "x"}, {"name": "ok", "extent": [0, 0, 2, 2], "from": "2024-01-01"}]})");
  const auto r = geo::read_session((dir.path() / "s.json").string());
  ASSERT_TRUE(r.ok()) << r.error;
  EXPECT_TRUE(any_contains(r.warnings, "time.cursor: expected an ISO 8601 time"));
  EXPECT_TRUE(any_contains(r.warnings, "time.mode: unknown mode 'sideways'"));
  EXPECT_TRUE(any_contains(r.warnings, "inputs[0].opacity: expected a number in [0, 1]"));
  EXPECT_TRUE(any_contains(r.warnings, "inputs[0].color: unknown colour 'plaid'"));
  EXPECT_TRUE(any_contains(r.warnings, "map.extent: expected"));
  EXPECT_TRUE(any_contains(r.warnings, "bookmarks[0].extent: expected"));
  EXPECT_FALSE(r.session.time.cursor.has_value());
  EXPECT_EQ(r.session.time.window, 30 * geo::kSecondsPerDay);
  ASSERT_EQ(r.session.layers.size(), 1u);
  EXPECT_TRUE(r.session.layers[0].path.empty());
  EXPECT_FLOAT_EQ(r.session.layers[0].style.opacity, 1.0f);
  EXPECT_FLOAT_EQ(r.session.layers[0].style.line_width, 3.0f);
  EXPECT_FALSE(r.session.layers[0].style.color.has_value());
  EXPECT_FALSE(r.session.view.extent.has_value());
  EXPECT_EQ(r.session.color_by.facet, geo::ColorBy::ForceType);
  ASSERT_EQ(r.session.bookmarks.size(), 1u);
  EXPECT_EQ(r.session.bookmarks[0].from, geo::make_time(2024, 1, 1));
}

TEST(Session, WhatIsNotASessionIsAnErrorNamingTheFile) {
  TempDir dir;
  write_file(dir.path() / "a.json", "{\"inputs\": []}");
  write_file(dir.path() / "b.json", "[1, 2");
  write_file(dir.path() / "c.json", std::string(100, '[') + std::string(100, ']'));
  for (const char* name : {"a.json", "b.json", "c.json", "missing.json"}) {
    const auto r = geo::read_session((dir.path() / name).string());
    EXPECT_FALSE(r.ok()) << name;
    EXPECT_NE(r.error.find(name), std::string::npos) << r.error;
  }
}

TEST(Session, ColorChoicesReadAndWriteAsText) {
  for (const char* text : {"domain", "participant", "force", "kind", "track", "attribute:mmsi", "#d55e00"}) {
    geo::ColorChoice c;
    ASSERT_TRUE(geo::parse_color_choice(text, c)) << text;
    EXPECT_EQ(geo::to_text(c), text);
  }
  geo::ColorChoice c;
  for (const char* bad : {"", "attribute:", "#12345", "#gg0000", "red"}) EXPECT_FALSE(geo::parse_color_choice(bad, c)) << bad;
}
