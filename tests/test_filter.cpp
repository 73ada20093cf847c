// Filters on the CPU and their GPU masks agree.
#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "color_rule.hpp"
#include "filter.hpp"
#include "load.hpp"
#include "support/temp_dir.hpp"

using geo::Event;
using geo::Filter;

namespace {

Event make(const std::string& kind, std::vector<std::string> domains, std::vector<std::string> forces,
           std::vector<std::string> who, int from_year, int to_year) {
  Event e;
  e.id = e.name = kind + std::to_string(from_year);
  e.kind = kind;
  e.domains = std::move(domains);
  e.force_types = std::move(forces);
  e.participants = std::move(who);
  e.start = geo::year_start(from_year) + 86400 * 100;
  e.end = geo::year_start(to_year) + 86400 * 200;
  return e;
}

std::vector<Event> sample() {
  return {make("air_patrol", {"air"}, {"strategic_bomber", "fighter"}, {"CN", "RU"}, 2019, 2019),
          make("naval_patrol", {"naval"}, {"destroyer"}, {"CN", "RU"}, 2021, 2021),
          make("exercise", {"land", "air"}, {"armor"}, {"CN", "RU"}, 2022, 2023),
          make("exercise", {"naval"}, {}, {"CN", "RU", "IR"}, 2024, 2024),
          make("coast_guard_patrol", {"coast_guard"}, {"cutter"}, {"CN"}, 2024, 2024)};
}

}  // namespace

TEST(Filter, YearListsAndRanges) {
  EXPECT_EQ(geo::parse_year_list("2022,2024"), (std::set<int>{2022, 2024}));
  EXPECT_EQ(geo::parse_year_list("2022-2024"), (std::set<int>{2022, 2023, 2024}));
  EXPECT_EQ(geo::parse_year_list("2019, 2021-2022"), (std::set<int>{2019, 2021, 2022}));
  for (const char* bad : {"", "20x2", "2024-2022", "2022,", "abc", "2022-"})
    EXPECT_THROW(geo::parse_year_list(bad), std::invalid_argument) << bad;
}

TEST(Filter, AlternativesWithinAFacetAllFacetsTogether) {
  const auto events = sample();
  Filter f;
  f.domains = {"air"};
  EXPECT_TRUE(f.matches(events[0]));
  EXPECT_TRUE(f.matches(events[2]));
  EXPECT_FALSE(f.matches(events[1]));
  f.domains = {"air", "naval"};
  EXPECT_TRUE(f.matches(events[1]));
  f.years = {2023};
  EXPECT_TRUE(f.matches(events[2]));  // active 2022–2023
  EXPECT_FALSE(f.matches(events[0]));
  f = Filter{};
  f.participants = {"IR"};
  EXPECT_TRUE(f.matches(events[3]));
  EXPECT_FALSE(f.matches(events[0]));
  f = Filter{};
  f.force_types = {"destroyer"};
  EXPECT_FALSE(f.matches(events[3]));  // no force type listed
  Event untimed = events[0];
  untimed.start = untimed.end = geo::kNoTime;
  f = Filter{};
  f.years = {2030};
  EXPECT_TRUE(f.matches(untimed));  // untimed events always show
  EXPECT_EQ(Filter{}.describe(), "");
  f.years = {2022, 2023, 2024, 2026};
  f.domains = {"naval"};
  EXPECT_EQ(f.describe(), "years 2022-2024,2026; domain naval");
}

TEST(Filter, GpuMasksAgreeWithTheCpuAnswer) {
  const auto events = sample();
  const geo::FacetIndex index = geo::FacetIndex::build(events);
  EXPECT_EQ(index.first_year, 2019);
  std::vector<Filter> filters(8);
  filters[1].domains = {"naval"};
  filters[2].years = {2023};
  filters[3].years = {2020};
  filters[4].participants = {"IR"};
  filters[5].force_types = {"fighter", "cutter"};
  filters[6].kinds = {"exercise"};
  filters[6].domains = {"air"};
  filters[7].domains = {"space"};  // matches nothing
  for (std::size_t k = 0; k < filters.size(); ++k) {
    const auto masks = index.masks(filters[k]);
    for (const Event& e : events)
      EXPECT_EQ(masks.shows(index.category_bits(e), index.force_bits(e)), filters[k].matches(e))
          << "filter " << k << " event " << e.id;
  }
}

// The bit layout is the one in bit_layout.hpp: each facet's bit lands in its field.
TEST(BitLayout, CategoryBitsUseTheDeclaredFields) {
  using namespace geo::layout;
  const auto events = sample();
  const geo::FacetIndex index = geo::FacetIndex::build(events);
  const std::uint32_t bits = index.category_bits(events[1]);  // naval patrol, CN+RU, 2021
  auto field = [&](Field f) { return bits >> f.shift & f.mask(); };
  EXPECT_EQ(field(kDomainField), 1u << 1);  // naval: canonical domain 1 (air is 0)
  EXPECT_EQ(field(kKindField), 1u << 1);    // naval_patrol: canonical kind 1
  EXPECT_EQ(field(kParticipantField), 3u);  // CN, RU
  EXPECT_EQ(field(kYearField), 1u << (2021 - index.first_year));
  EXPECT_EQ(index.force_bits(events[1]) & kForceField.mask(), 1u << 2);  // destroyer: third present
}

// The one colour rule: the primary value (the first listed) of a multi-valued facet, a none
// slot for events without a value, participant sets told apart.
TEST(ColorRule, PrimaryValueNoneSlotAndParticipantSets) {
  using geo::ColorBy;
  using geo::color_slot;
  const auto events = sample();
  const geo::FacetIndex index = geo::FacetIndex::build(events);
  auto value = [&](const Event& e, ColorBy by) { return geo::slot_value(index, by, color_slot(index, e, by)); };
  EXPECT_EQ(value(events[0], ColorBy::ForceType), "strategic_bomber");  // listed first
  EXPECT_EQ(value(events[2], ColorBy::Domain), "land");                 // {"land", "air"}: not air
  Event reordered = events[0];
  reordered.force_types = {"fighter", "strategic_bomber"};
  EXPECT_EQ(value(reordered, ColorBy::ForceType), "fighter");
  EXPECT_EQ(color_slot(index, events[3], ColorBy::ForceType), geo::layout::kNoneSlot);  // no force type
  Event no_domain = events[0];
  no_domain.domains.clear();
  no_domain.participants.clear();
  EXPECT_EQ(color_slot(index, no_domain, ColorBy::Domain), geo::layout::kNoneSlot);
  EXPECT_EQ(color_slot(index, no_domain, ColorBy::Participant), geo::layout::kNoneSlot);
  EXPECT_EQ(geo::slot_value(index, ColorBy::Domain, geo::layout::kNoneSlot), "");
  // Participant sets, fewest members first: CN alone, CN+RU, CN+RU+IR — three colours, not "Joint".
  EXPECT_EQ(index.participant_sets, (std::vector<std::string>{"CN", "CN+RU", "CN+RU+IR"}));
  EXPECT_EQ(value(events[0], ColorBy::Participant), "CN+RU");
  EXPECT_EQ(value(events[3], ColorBy::Participant), "CN+RU+IR");
  EXPECT_EQ(value(events[4], ColorBy::Participant), "CN");
  Event swapped = events[3];
  swapped.participants = {"IR", "RU", "CN"};  // a set: the order does not matter
  EXPECT_EQ(color_slot(index, swapped, ColorBy::Participant), color_slot(index, events[3], ColorBy::Participant));
  EXPECT_EQ(geo::split_participant_set("CN+RU+IR"), (std::vector<std::string>{"CN", "RU", "IR"}));
  // The colour word the shaders read holds every colour-by's slot.
  const std::uint32_t word = geo::color_word(index, events[2]);
  for (ColorBy by : {ColorBy::Domain, ColorBy::Participant, ColorBy::ForceType, ColorBy::Kind})
    EXPECT_EQ(geo::slot_of_word(word, by), color_slot(index, events[2], by));
}

// Loaders keep the source order of multi-valued facets (the first is the primary colour).
TEST(ColorRule, LoadersKeepSourceOrder) {
  const patrolscope::testing::TempDir dir("filter");
  const std::filesystem::path path = patrolscope::testing::write_file(dir.path() / "order.geojson", R"({"type":"FeatureCollection","features":[{"type":"Feature","properties":{
    "id":"x","name":"Naval exercise with air","kind":"exercise","start":"2022-05-24","end":"2022-05-25",
    "domains":["naval","air"],"force_types":["tanker","fighter"],"participants":["RU","CN"]},
    "geometry":{"type":"Point","coordinates":[130,40]}}]})");
  const auto loaded = geo::load_events(path.string());
  ASSERT_EQ(loaded.events.size(), 1u);
  EXPECT_EQ(loaded.events[0].domains, (std::vector<std::string>{"naval", "air"}));
  EXPECT_EQ(loaded.events[0].force_types, (std::vector<std::string>{"tanker", "fighter"}));
}
