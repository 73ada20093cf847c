// Inputs shaped like the ones issue 11 found breaking things, at the library level: an ancient
// timestamp among recent ones, invalid UTF-8 in a summary, very long labels.
#include <gtest/gtest.h>

#include <climits>
#include <nlohmann/json.hpp>
#include <string>

#include "limits.hpp"
#include "scene.hpp"
#include "summary.hpp"

namespace {

geo::Event track(const std::string& id, geo::Seconds start, double lon) {
  geo::Event e;
  e.id = id;
  e.kind = "air_patrol";
  e.start = start;
  e.end = start + 3600;
  e.geometry.lines.push_back({{{lon, 30}, {lon + 5, 32}}, {start, start + 3600}});
  return e;
}

}  // namespace

TEST(Reliability, AnAncientEventDoesNotMoveTheOthersTimes) {
  const geo::Seconds june = geo::make_time(2024, 6, 1), july = geo::make_time(2024, 7, 5);
  std::vector<geo::Event> events{track("june", june, 140), track("july", july, 150),
                                 track("typo", geo::make_time(1, 1, 1), 160)};
  geo::SceneInput input;
  input.events = &events;
  const geo::Scene scene = geo::build_scene(input, geo::MapProjection::create("pacific"));
  ASSERT_FALSE(scene.tracks.empty());
  int exact = 0;
  for (const geo::TrackVertex& v : scene.tracks) {
    const std::uint32_t feature = v.feature & ~geo::TrackVertex::kPieceStart;
    if (feature == 2) continue;  // the ancient one: clamped, and said so
    const geo::Seconds expected = (feature == 0 ? june : july) + ((v.feature & geo::TrackVertex::kPieceStart) ? 0 : 3600);
    EXPECT_EQ(scene.t0 + v.t, expected) << "feature " << feature;
    ++exact;
  }
  EXPECT_EQ(exact, 4);
  ASSERT_EQ(scene.warnings.size(), 1u);
  EXPECT_NE(scene.warnings[0].find("'typo'"), std::string::npos) << scene.warnings[0];
  EXPECT_NE(scene.warnings[0].find("0001-01-01"), std::string::npos) << scene.warnings[0];
}

TEST(Reliability, AScenesTimesAreExactWithNoOutlier) {
  const geo::Seconds june = geo::make_time(2024, 6, 1);
  std::vector<geo::Event> events{track("a", june, 140), track("b", geo::make_time(2019, 7, 23), 150)};
  geo::SceneInput input;
  input.events = &events;
  const geo::Scene scene = geo::build_scene(input, geo::MapProjection::create("pacific"));
  EXPECT_TRUE(scene.warnings.empty());
  EXPECT_EQ(scene.t0 % 86400, 0) << "midnight";
  EXPECT_EQ(scene.t0 + scene.tracks.front().t, june);
}

TEST(Reliability, SummaryJsonReplacesInvalidUtf8) {
  geo::LoadResult result;
  result.path = "latin1.csv";
  result.driver = "CSV";
  result.warnings = {"row 2: field 'kind': unknown value 'man\xf6ver'"};
  result.error = "bad \xff byte";
  const std::vector<const geo::LoadResult*> inputs{&result};
  std::string text;
  ASSERT_NO_THROW(text = geo::summary_json(geo::summarize(inputs), inputs));
  const auto j = nlohmann::json::parse(text);
  EXPECT_EQ(j["inputs"][0]["warnings"][0], "row 2: field 'kind': unknown value 'man\xef\xbf\xbdver'");
  EXPECT_EQ(j["inputs"][0]["path"], "latin1.csv");
}

TEST(Reliability, ShortenTextCutsLongLabelsOnCharacterBoundaries) {
  EXPECT_EQ(geo::shorten_text("exercise", 80), "exercise");
  EXPECT_EQ(geo::shorten_text("abcdef", 3), "abc\u2026");
  EXPECT_EQ(geo::shorten_text("\u00e9\u00e9\u00e9\u00e9", 2), "\u00e9\u00e9\u2026") << "never half a character";
  const std::string huge(5 << 20, 'k');  // a 5 MB kind
  EXPECT_EQ(geo::shorten_text(huge, geo::kMaxLabelChars).size(), geo::kMaxLabelChars + 3);
}
