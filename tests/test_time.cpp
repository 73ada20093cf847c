// Time parsing and formatting: ISO 8601 forms, epochs, ranges, durations.
#include <gtest/gtest.h>

#include "time.hpp"

using geo::format_date;
using geo::format_duration;
using geo::format_time;
using geo::make_time;
using geo::parse_duration;
using geo::parse_time;

namespace {

constexpr geo::Seconds k20240710 = 1720569600;  // 2024-07-10T00:00:00Z

std::string why_not(const char* text) {
  std::string error;
  EXPECT_FALSE(parse_time(text, &error).has_value()) << text;
  return error;
}

}  // namespace

TEST(Time, DateOnlyIsMidnightUtc) {
  EXPECT_EQ(parse_time("2024-07-10"), k20240710);
  EXPECT_EQ(parse_time("20240710"), k20240710);  // eight digits: a basic date, not an epoch
  EXPECT_EQ(parse_time("1970-01-01"), 0);
}

TEST(Time, DateTimeForms) {
  EXPECT_EQ(parse_time("2024-07-10T12:30"), k20240710 + 12 * 3600 + 30 * 60);
  EXPECT_EQ(parse_time("2024-07-10T12:30:05Z"), k20240710 + 45005);
  EXPECT_EQ(parse_time("2024-07-10t12:30:05z"), k20240710 + 45005);
  EXPECT_EQ(parse_time("2024-07-10 12:30:05"), k20240710 + 45005);
  EXPECT_EQ(parse_time("20240710T123005Z"), k20240710 + 45005);
  EXPECT_EQ(parse_time("20240710T1230"), k20240710 + 45000);
  EXPECT_EQ(parse_time("  2024-07-10T12:30:05Z \n"), k20240710 + 45005);
}

TEST(Time, FractionsTruncateToTheEarlierSecond) {
  EXPECT_EQ(parse_time("2024-07-10T12:30:05.25Z"), k20240710 + 45005);
  EXPECT_EQ(parse_time("2024-07-10T12:30:05.999999"), k20240710 + 45005);
  EXPECT_EQ(parse_time("2024-07-10T12:30:05,5Z"), k20240710 + 45005);
  EXPECT_EQ(parse_time("1969-12-31T23:59:59.5Z"), -1);
}

TEST(Time, Offsets) {
  const geo::Seconds noon_utc = k20240710 + 12 * 3600;
  EXPECT_EQ(parse_time("2024-07-10T21:00:00+09:00"), noon_utc);
  EXPECT_EQ(parse_time("2024-07-10T21:00:00+0900"), noon_utc);
  EXPECT_EQ(parse_time("2024-07-10T21:00:00+09"), noon_utc);
  EXPECT_EQ(parse_time("2024-07-10 21:00:00 +09:00"), noon_utc);
  EXPECT_EQ(parse_time("2024-07-10T06:30:00-05:30"), noon_utc);
  EXPECT_EQ(parse_time("2024-07-10T02:00:00+02:00"), k20240710);
  EXPECT_EQ(parse_time("2024-07-10T00:30:00+01:00"), k20240710 - 1800);  // previous day in UTC
}

TEST(Time, EpochNumbers) {
  EXPECT_EQ(parse_time("1720569600"), k20240710);
  EXPECT_EQ(parse_time("1720569600.9"), k20240710);
  EXPECT_EQ(parse_time("1720569600000"), k20240710);  // milliseconds above 1e11
  EXPECT_EQ(parse_time("1720569600999"), k20240710);
  EXPECT_EQ(parse_time("0"), 0);
  EXPECT_EQ(parse_time("-1.5"), -2);
}

TEST(Time, LeapYears) {
  EXPECT_TRUE(parse_time("2024-02-29").has_value());
  EXPECT_TRUE(parse_time("2000-02-29").has_value());
  EXPECT_EQ(why_not("2023-02-29"), "day out of range");
  EXPECT_EQ(why_not("1900-02-29"), "day out of range");
  EXPECT_EQ(why_not("2024-02-30"), "day out of range");
  EXPECT_EQ(why_not("2024-04-31"), "day out of range");
  EXPECT_EQ(parse_time("2024-03-01").value() - parse_time("2024-02-28").value(), 2 * 86400);
}

TEST(Time, RangesAreChecked) {
  EXPECT_EQ(why_not("2024-13-01"), "month out of range");
  EXPECT_EQ(why_not("2024-00-10"), "month out of range");
  EXPECT_EQ(why_not("2024-07-00"), "day out of range");
  EXPECT_EQ(why_not("2024-07-10T24:00"), "hour out of range");
  EXPECT_EQ(why_not("2024-07-10T12:60"), "minute out of range");
  EXPECT_EQ(why_not("2024-07-10T12:00:61"), "second out of range");
  EXPECT_EQ(why_not("2024-07-10T12:00+25:00"), "UTC offset out of range");
}

TEST(Time, GarbageIsRejectedWithAReason) {
  for (const char* text : {"", "  ", "yesterday", "2024/07/10", "2024-7-10", "2024-07-10T", "2024-07-10T1",
                           "2024-07-10X12:00", "2024-07-10T12:00Zjunk", "2024-07-10T12:00+9", "12:00",
                           "1e9", "--1", "2024-07-10T12:00:00."}) {
    std::string error;
    EXPECT_FALSE(parse_time(text, &error).has_value()) << text;
    EXPECT_FALSE(error.empty()) << text;
  }
  EXPECT_FALSE(parse_time("2024-07-10 junk").has_value());
  EXPECT_FALSE(parse_time(std::string_view("2024-07-10\0", 11)).has_value());
}

TEST(Time, Formatting) {
  EXPECT_EQ(format_time(k20240710 + 45005), "2024-07-10T12:30:05Z");
  EXPECT_EQ(format_date(k20240710 + 45005), "2024-07-10");
  EXPECT_EQ(format_time(0), "1970-01-01T00:00:00Z");
  EXPECT_EQ(format_time(-1), "1969-12-31T23:59:59Z");
  EXPECT_EQ(format_date(-86400), "1969-12-31");
  // Round trip over a range that covers leap years and century rules.
  for (geo::Seconds t = make_time(1896, 1, 1); t < make_time(2105, 1, 1); t += 86400 * 7 + 3601)
    ASSERT_EQ(parse_time(format_time(t)), t) << format_time(t);
  // Extreme values format without overflow.
  EXPECT_FALSE(format_time(INT64_MIN).empty());
  EXPECT_FALSE(format_time(INT64_MAX).empty());
}

TEST(Time, MakeTimeAndYears) {
  EXPECT_EQ(make_time(2024, 7, 10), k20240710);
  EXPECT_EQ(make_time(2024, 7, 10, 12, 30, 5), k20240710 + 45005);
  EXPECT_EQ(make_time(2024, 13, 1), make_time(2025, 1, 1));  // months roll over
  EXPECT_EQ(make_time(2024, 0, 1), make_time(2023, 12, 1));
  EXPECT_EQ(geo::year_of(k20240710), 2024);
  EXPECT_EQ(geo::year_of(-1), 1969);
  EXPECT_EQ(geo::year_start(2024), make_time(2024, 1, 1));
  EXPECT_EQ(geo::year_of(geo::year_start(2019) - 1), 2018);
}

TEST(Time, Durations) {
  EXPECT_EQ(parse_duration("90m"), 5400);
  EXPECT_EQ(parse_duration("12h"), 43200);
  EXPECT_EQ(parse_duration("30d"), 30 * 86400);
  EXPECT_EQ(parse_duration("2w"), 14 * 86400);
  EXPECT_EQ(parse_duration("1y"), 365 * 86400);
  EXPECT_EQ(parse_duration("3600"), 3600);
  EXPECT_EQ(parse_duration("45s"), 45);
  EXPECT_EQ(parse_duration("1y 10d"), 375 * 86400);
  EXPECT_EQ(parse_duration("P30D"), 30 * 86400);
  EXPECT_EQ(parse_duration("PT12H"), 43200);
  EXPECT_EQ(parse_duration("P1DT1H30M"), 86400 + 5400);
  for (const char* text : {"all", "", "h", "12x", "P", "PT", "P1H", "-5d", "1.5h", "5 5", "99999999999999999999d"})
    EXPECT_FALSE(parse_duration(text).has_value()) << text;
}

TEST(Time, DurationFormatting) {
  EXPECT_EQ(format_duration(30 * 86400), "30d");
  EXPECT_EQ(format_duration(43200), "12h");
  EXPECT_EQ(format_duration(375 * 86400), "1y 10d");
  EXPECT_EQ(format_duration(5400), "1h 30m");
  EXPECT_EQ(format_duration(0), "0s");
  EXPECT_EQ(format_duration(-3600), "-1h");
  for (geo::Seconds d : {geo::Seconds{1}, geo::Seconds{59}, geo::Seconds{3661}, geo::Seconds{400 * 86400 + 7}})
    EXPECT_EQ(parse_duration(format_duration(d)), d);
}

// --- the civil calendar: before 1970, leap years, month ends ---------------------------------

TEST(Calendar, DaysBefore1970StartAtMidnight) {
  // Truncating division would put these on the next day.
  EXPECT_EQ(geo::day_start(-1), -geo::kSecondsPerDay);
  EXPECT_EQ(geo::day_start(-geo::kSecondsPerDay), -geo::kSecondsPerDay);
  EXPECT_EQ(geo::day_start(make_time(1969, 7, 20, 20, 17)), make_time(1969, 7, 20));
  EXPECT_EQ(geo::day_start(make_time(1900, 3, 1, 0, 0, 1)), make_time(1900, 3, 1));
  EXPECT_EQ(geo::end_of_day(-geo::kSecondsPerDay), -1);
  EXPECT_EQ(geo::end_of_day(make_time(1969, 12, 31, 8)), make_time(1969, 12, 31, 23, 59, 59));
  EXPECT_EQ(geo::end_of_day(make_time(2024, 2, 29, 12)), make_time(2024, 2, 29, 23, 59, 59));
  EXPECT_EQ(geo::floor_div(-1, 86400), -1);
  EXPECT_EQ(geo::floor_div(86399, 86400), 0);
}

TEST(Calendar, CivilDatesBeforeAndAfter1970) {
  const geo::CivilDate a = geo::civil_date(-1);
  EXPECT_EQ(a.year, 1969);
  EXPECT_EQ(a.month, 12);
  EXPECT_EQ(a.day, 31);
  const geo::CivilDate b = geo::civil_date(make_time(1600, 2, 29, 13));
  EXPECT_EQ(b.year, 1600);
  EXPECT_EQ(b.month, 2);
  EXPECT_EQ(b.day, 29);
  EXPECT_EQ(geo::civil_date(make_time(2400, 12, 31)).day, 31);
  EXPECT_EQ(geo::year_start(1969), -365 * geo::kSecondsPerDay);
  EXPECT_EQ(geo::year_start(1968), -(365 + 366) * geo::kSecondsPerDay);  // 1968 was a leap year
  EXPECT_EQ(geo::year_of(geo::year_start(1900) - 1), 1899);
  EXPECT_EQ(geo::month_start(make_time(1969, 3, 15, 12)), make_time(1969, 3, 1));
  // Every day from 1896 to 2105 and a far-future date map to themselves and back.
  for (geo::Seconds t = make_time(1896, 1, 1); t < make_time(2105, 1, 1); t += geo::kSecondsPerDay) {
    const geo::CivilDate c = geo::civil_date(t);
    ASSERT_EQ(make_time(static_cast<int>(c.year), c.month, c.day), t) << format_date(t);
  }
  EXPECT_EQ(format_date(make_time(30000, 6, 1)), "30000-06-01");
  EXPECT_EQ(format_date(make_time(-400, 3, 1)), "-400-03-01");
}

TEST(Calendar, LeapYearsAndMonthLengths) {
  EXPECT_EQ(geo::days_in_month(2024, 2), 29);
  EXPECT_EQ(geo::days_in_month(2023, 2), 28);
  EXPECT_EQ(geo::days_in_month(1900, 2), 28);  // a century, not a leap year
  EXPECT_EQ(geo::days_in_month(2000, 2), 29);  // every 400 years, a leap year
  EXPECT_EQ(geo::days_in_month(1968, 2), 29);
  EXPECT_EQ(geo::days_in_month(1969, 4), 30);
  EXPECT_EQ(geo::days_in_month(1969, 12), 31);
  EXPECT_TRUE(geo::is_valid_date(1968, 2, 29));
  EXPECT_FALSE(geo::is_valid_date(1900, 2, 29));
  EXPECT_FALSE(geo::is_valid_date(2024, 4, 31));
  EXPECT_FALSE(geo::is_valid_date(2024, 13, 1));
  EXPECT_FALSE(geo::is_valid_date(2024, 1, 0));
  EXPECT_EQ(why_not("1900-02-29"), "day out of range");
  EXPECT_EQ(parse_time("1968-02-29"), make_time(1968, 2, 29));
  EXPECT_EQ(parse_time("1968-03-01").value() - parse_time("1968-02-28").value(), 2 * geo::kSecondsPerDay);
}

TEST(Calendar, MonthSteppingClampsToTheMonthEnd) {
  const geo::Seconds jan31 = make_time(1968, 1, 31, 6, 30);
  EXPECT_EQ(geo::add_months(jan31, 1), make_time(1968, 2, 29, 6, 30));  // leap year before 1970
  EXPECT_EQ(geo::add_months(make_time(1900, 1, 31), 1), make_time(1900, 2, 28));
  EXPECT_EQ(geo::add_months(make_time(1969, 12, 31, 23), 2), make_time(1970, 2, 28, 23));  // across 1970
  EXPECT_EQ(geo::add_months(make_time(1970, 3, 31), -1), make_time(1970, 2, 28));
  EXPECT_EQ(geo::add_months(make_time(1970, 1, 15), -13), make_time(1968, 12, 15));
  EXPECT_EQ(geo::add_months(make_time(2024, 8, 31), -6), make_time(2024, 2, 29));
  EXPECT_EQ(geo::add_months(make_time(2024, 5, 31), 1), make_time(2024, 6, 30));
}

TEST(Calendar, FormatMinutes) {
  EXPECT_EQ(geo::format_minutes(k20240710), "2024-07-10");
  EXPECT_EQ(geo::format_minutes(k20240710 + 45005), "2024-07-10 12:30");
  EXPECT_EQ(geo::format_minutes(-60), "1969-12-31 23:59");
  EXPECT_EQ(geo::format_minutes(-geo::kSecondsPerDay), "1969-12-31");
}
