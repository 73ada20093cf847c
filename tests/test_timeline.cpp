// geo/timeline: histogram bins, active events, calendar steps, ticks, yearly counts, paper table.
#include <gtest/gtest.h>

#include "assets.hpp"
#include "timeline.hpp"

namespace {

geo::Event make_event(const char* id, geo::Seconds start, geo::Seconds end,
                      std::vector<std::string> domains, const char* kind = "exercise") {
  geo::Event e;
  e.id = id;
  e.name = id;
  e.kind = kind;
  e.start = start;
  e.end = end;
  e.domains = std::move(domains);
  e.participants = {"CN", "RU"};
  return e;
}

constexpr geo::Seconds kDay = geo::kSecondsPerDay;

std::vector<geo::Event> sample() {
  return {make_event("a", geo::make_time(2022, 1, 10), geo::make_time(2022, 1, 12), {"air"}, "air_patrol"),
          make_event("b", geo::make_time(2022, 1, 11), geo::make_time(2022, 1, 11, 12), {"air", "naval"}),
          make_event("c", geo::make_time(2023, 7, 1), geo::make_time(2023, 7, 20), {"naval"}, "naval_patrol"),
          make_event("untimed", geo::kNoTime, geo::kNoTime, {"land"})};
}

}  // namespace

TEST(Timeline, HistogramStacksByDomainAndCountsEveryBinAnEventMeets) {
  const auto events = sample();
  const std::vector<std::string> stacks{"air", "naval", "land"};
  const geo::Histogram h = geo::histogram(events, {}, geo::make_time(2022, 1, 9),
                                          geo::make_time(2022, 1, 14), kDay, stacks);
  ASSERT_EQ(h.bins(), 6u);  // Jan 9 … Jan 14
  EXPECT_EQ(h.first, geo::make_time(2022, 1, 9));
  EXPECT_EQ(h.count(0, 0), 0);
  EXPECT_EQ(h.count(1, 0), 1);  // Jan 10: a
  EXPECT_EQ(h.count(2, 0), 2);  // Jan 11: a, b
  EXPECT_EQ(h.count(2, 1), 1);  // Jan 11: b (naval)
  EXPECT_EQ(h.count(3, 0), 1);  // Jan 12: a ends at 00:00
  EXPECT_EQ(h.count(4, 0), 0);
  EXPECT_EQ(h.max_total, 3);
  for (std::size_t i = 0; i < h.bins(); ++i) EXPECT_EQ(h.count(i, 2), 0);  // untimed not counted
}

TEST(Timeline, HistogramFollowsTheFilter) {
  const auto events = sample();
  geo::Filter naval;
  naval.domains = {"naval"};
  const geo::Histogram h = geo::histogram(events, naval, geo::make_time(2022, 1, 1),
                                          geo::make_time(2023, 12, 31), 30 * kDay, {"air", "naval"});
  int air = 0, sea = 0;
  for (std::size_t i = 0; i < h.bins(); ++i) air += h.count(i, 0), sea += h.count(i, 1);
  EXPECT_EQ(air, 1);  // b is air and naval: it passes the naval filter and shows in both stacks
  EXPECT_GE(sea, 2);  // b, and c over one or two bins
}

TEST(Timeline, NiceBinWidthClimbsTheLadder) {
  EXPECT_EQ(geo::nice_bin_width(10 * 3600, 100), 3600);
  EXPECT_EQ(geo::nice_bin_width(50 * kDay, 100), kDay);
  EXPECT_EQ(geo::nice_bin_width(8 * 365 * kDay, 200), 30 * kDay);
  EXPECT_EQ(geo::nice_bin_width(8 * 365 * kDay, 20), 365 * kDay);
}

TEST(Timeline, ActiveEventsAreTimedMatchingAndSortedByStart) {
  const auto events = sample();
  const auto active = geo::active_events(events, {}, geo::make_time(2022, 1, 11), geo::make_time(2022, 1, 11));
  ASSERT_EQ(active.size(), 2u);
  EXPECT_EQ(active[0], 0);
  EXPECT_EQ(active[1], 1);
  geo::Filter kind;
  kind.kinds = {"naval_patrol"};
  EXPECT_TRUE(geo::active_events(events, kind, geo::make_time(2022, 1, 11), geo::make_time(2022, 1, 11)).empty());
  const geo::TimeRange range = geo::time_range(events);
  EXPECT_EQ(range.from, geo::make_time(2022, 1, 10));
  EXPECT_EQ(range.to, geo::make_time(2023, 7, 20));
}

TEST(Timeline, CalendarSteps) {
  const geo::Seconds jan31 = geo::make_time(2024, 1, 31, 6);
  EXPECT_EQ(geo::add_months(jan31, 1), geo::make_time(2024, 2, 29, 6));
  EXPECT_EQ(geo::add_months(jan31, -2), geo::make_time(2023, 11, 30, 6));
  EXPECT_EQ(geo::add_months(jan31, 12), geo::make_time(2025, 1, 31, 6));
  EXPECT_EQ(geo::step_time(jan31, geo::TimeStep::Week, -1), geo::make_time(2024, 1, 24, 6));
  EXPECT_EQ(geo::month_start(jan31), geo::make_time(2024, 1, 1));
  const geo::CivilDate c = geo::civil_date(geo::make_time(1969, 12, 31, 23));
  EXPECT_EQ(c.year, 1969);
  EXPECT_EQ(c.month, 12);
  EXPECT_EQ(c.day, 31);
}

TEST(Timeline, TicksFallOnCalendarBoundariesWithShortLabels) {
  const auto years = geo::time_ticks(geo::make_time(2019, 3, 1), geo::make_time(2026, 6, 1), 10);
  ASSERT_FALSE(years.empty());
  EXPECT_EQ(years.front().t, geo::make_time(2020, 1, 1));
  EXPECT_EQ(years.front().label, "2020");
  EXPECT_LE(years.size(), 10u);

  const auto months = geo::time_ticks(geo::make_time(2024, 1, 15), geo::make_time(2024, 6, 15), 12);
  ASSERT_EQ(months.size(), 5u);  // Feb … Jun
  EXPECT_EQ(months.front().label, "Feb");

  const auto days = geo::time_ticks(geo::make_time(2024, 7, 9, 12), geo::make_time(2024, 7, 13), 5);
  ASSERT_EQ(days.size(), 4u);
  EXPECT_EQ(days.front().t, geo::make_time(2024, 7, 10));
  EXPECT_EQ(days.front().label, "Jul 10");

  const auto hours = geo::time_ticks(geo::make_time(2024, 7, 9, 22), geo::make_time(2024, 7, 10, 3), 8);
  ASSERT_FALSE(hours.empty());
  ASSERT_GE(hours.size(), 3u);
  EXPECT_EQ(hours.front().label, "22:00");
  EXPECT_FALSE(hours.front().major);
  EXPECT_EQ(hours[2].label, "Jul 10");  // midnight shows the date
  EXPECT_TRUE(hours[2].major);
}

TEST(Timeline, EventsPerYearByDomain) {
  const auto counts = geo::events_per_year(sample(), {});
  ASSERT_EQ(counts.size(), 2u);
  EXPECT_EQ(counts.at(2022).at("air"), 2);
  EXPECT_EQ(counts.at(2022).at("naval"), 1);
  EXPECT_EQ(counts.at(2023).at("naval"), 1);
}

TEST(Timeline, PaperTableParsesQuotedFieldsAndReportsBadRows) {
  const char* csv =
      "year,drills,domains,personnel,source\n"
      "2022,4,\"Land, Air, Naval\",\"10,000+\",Table 1\r\n"
      "2023,five,Air,12000,Table 1\n"
      "\n"
      "2024,7,\"Land, Naval, Space\",15000+,\"the \"\"paper\"\"\"\n";
  std::vector<std::string> errors;
  const auto rows = geo::parse_paper_table(csv, &errors);
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].year, 2022);
  EXPECT_EQ(rows[0].drills, 4);
  EXPECT_EQ(rows[0].domains, "Land, Air, Naval");
  EXPECT_EQ(rows[0].personnel, "10,000+");
  EXPECT_EQ(rows[0].source, "Table 1");
  EXPECT_EQ(rows[1].source, "the \"paper\"");
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_NE(errors[0].find("line 3"), std::string::npos);
}

TEST(Timeline, WheelZoomKeepsTheInstantUnderTheMouseFixed) {
  const geo::TimeAxis axis{1000, 2000};
  const double t = 1250;  // a quarter of the way along
  const geo::TimeAxis in = geo::zoom_time_axis(axis, t, 0.5, 10, 1e9);
  EXPECT_DOUBLE_EQ(in.to - in.from, 500);
  EXPECT_DOUBLE_EQ((t - in.from) / (in.to - in.from), 0.25);
  const geo::TimeAxis out = geo::zoom_time_axis(in, t, 2.0, 10, 1e9);
  EXPECT_DOUBLE_EQ(out.from, 1000);
  EXPECT_DOUBLE_EQ(out.to, 2000);
  const geo::TimeAxis clamped = geo::zoom_time_axis(axis, t, 1e-6, 100, 1e9);
  EXPECT_DOUBLE_EQ(clamped.to - clamped.from, 100);
  EXPECT_DOUBLE_EQ((t - clamped.from) / 100, 0.25);
}

TEST(Timeline, TicksBefore1970AreOnCalendarBoundaries) {
  const auto months = geo::time_ticks(geo::make_time(1967, 11, 15), geo::make_time(1969, 3, 2), 6);
  ASSERT_FALSE(months.empty());
  for (const geo::TimeTick& tick : months) EXPECT_EQ(geo::month_start(tick.t), tick.t) << tick.label;
  EXPECT_EQ(months.front().t, geo::make_time(1968, 1, 1));  // quarters: Jan, Apr, Jul, Oct
  EXPECT_EQ(months.front().label, "1968");
  EXPECT_EQ(months[1].t, geo::make_time(1968, 4, 1));
  EXPECT_EQ(months.back().t, geo::make_time(1969, 1, 1));

  const auto weeks = geo::time_ticks(geo::make_time(1969, 12, 20), geo::make_time(1970, 1, 20), 6);
  ASSERT_FALSE(weeks.empty());
  EXPECT_EQ(weeks.front().t, geo::make_time(1969, 12, 22));  // a Monday, at midnight
  for (const geo::TimeTick& tick : weeks) EXPECT_EQ(geo::day_start(tick.t), tick.t) << tick.label;

  const auto days = geo::time_ticks(geo::make_time(1969, 2, 27, 12), geo::make_time(1969, 3, 2, 12), 5);
  ASSERT_EQ(days.size(), 3u);
  EXPECT_EQ(days[0].label, "Feb 28");
  EXPECT_EQ(days[1].label, "Mar 1");  // 1969 is not a leap year
  EXPECT_TRUE(days[1].major);
}

TEST(Timeline, MonthStepsBefore1970ClampToTheMonthEnd) {
  EXPECT_EQ(geo::step_time(geo::make_time(1968, 1, 31, 6), geo::TimeStep::Month, 1), geo::make_time(1968, 2, 29, 6));
  EXPECT_EQ(geo::step_time(geo::make_time(1969, 3, 31), geo::TimeStep::Month, -1), geo::make_time(1969, 2, 28));
  EXPECT_EQ(geo::step_time(geo::make_time(1969, 12, 31), geo::TimeStep::Day, 1), geo::make_time(1970, 1, 1));
}

// Issue 12: the paper's Table 1 stands only beside the bundled series.
TEST(PaperTable, OnlyBesideTheBundledSeries) {
  EXPECT_TRUE(geo::is_paper_series({}));  // the bundled dataset, loaded by default
  EXPECT_TRUE(geo::is_paper_series({geo::default_dataset_path()}));
  EXPECT_FALSE(geo::is_paper_series({"/data/baltic.csv"}));
  EXPECT_FALSE(geo::is_paper_series({geo::default_dataset_path(), "/data/mine.geojson"}));
}

// Issue 12: stacked by a function (the viewer's colour slots), events without domains count.
TEST(Histogram, StacksByAFunctionCountEventsWithoutDomains) {
  geo::Event e;
  e.kind = "other";
  e.start = geo::make_time(2024, 1, 1);
  e.end = geo::make_time(2024, 1, 3);
  const std::vector<geo::Event> events{e, e};
  EXPECT_EQ(geo::histogram(events, {}, e.start, e.end, kDay, {"air"}).max_total, 0);  // by domain: nothing
  const geo::Histogram h = geo::histogram(events, {}, e.start, e.end, kDay, {"a", "none"},
                                          [](const geo::Event& event) { return event.domains.empty() ? 1 : 0; });
  EXPECT_EQ(h.max_total, 2);
  EXPECT_EQ(h.count(0, 1), 2);
  EXPECT_EQ(h.count(0, 0), 0);
}
