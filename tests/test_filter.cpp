// Filters on the CPU and their GPU masks agree.
#include <gtest/gtest.h>

#include "filter.hpp"

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
