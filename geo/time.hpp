// UTC instants as whole seconds since 1970-01-01T00:00:00Z: parsing, formatting, and every
// civil-calendar rule of the project (day, month and year boundaries, month stepping), on
// std::chrono's proleptic Gregorian calendar. Nothing else divides by 86400.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace geo {

using Seconds = std::int64_t;

inline constexpr Seconds kSecondsPerMinute = 60;
inline constexpr Seconds kSecondsPerHour = 60 * kSecondsPerMinute;
inline constexpr Seconds kSecondsPerDay = 24 * kSecondsPerHour;
inline constexpr Seconds kSecondsPerWeek = 7 * kSecondsPerDay;
inline constexpr Seconds kSecondsPerYear = 365 * kSecondsPerDay;  // a 365-day year, for durations

// a / b rounded toward minus infinity (b > 0): the bin, day or step that holds `a`, also before 1970.
Seconds floor_div(Seconds a, Seconds b);

// ISO 8601 in its common forms: "2024-07-10", "2024-07-10T12:30", "2024-07-10T12:30:05.25Z",
// "2024-07-10 12:30:05+09:00", "20240710T123005Z"; no zone means UTC. Also epoch numbers
// ("1720569600", or milliseconds when the number is > 1e11). Fractions are truncated toward
// the earlier second. On failure returns nullopt and, if `error` is given, says why.
std::optional<Seconds> parse_time(std::string_view text, std::string* error = nullptr);

// Durations for time windows: "90m", "12h", "30d", "2w", "1y" (365 d), "3600" (seconds),
// or ISO 8601 "P30D"/"PT12H". Returns nullopt for anything else (and for "all").
std::optional<Seconds> parse_duration(std::string_view text);

std::string format_time(Seconds t);  // "2024-07-10T00:00:00Z"
std::string format_date(Seconds t);  // "2024-07-10"
std::string format_duration(Seconds d);  // "30d", "12h", "1y 10d" …

std::string format_minutes(Seconds t);  // "2024-07-10" at midnight, else "2024-07-10 12:30"

// --- the civil calendar (UTC, proleptic Gregorian; any Seconds value, before 1970 too) -----

struct CivilDate {
  std::int64_t year;
  int month, day;  // 1..12, 1..31
};
CivilDate civil_date(Seconds t);

// Months outside 1..12 roll into neighbouring years and days past the month's end into the
// next month (so callers can step); make_time(2024, 13, 1) is 2025-01-01.
Seconds make_time(int year, int month, int day, int hour = 0, int minute = 0, int second = 0);
bool is_valid_date(std::int64_t year, int month, int day);  // 2024-02-29 yes, 2023-02-29 no
int days_in_month(std::int64_t year, int month);

Seconds day_start(Seconds t);   // 00:00:00 of t's day
Seconds end_of_day(Seconds t);  // 23:59:59 of t's day (a date-only end means the whole day)
Seconds month_start(Seconds t);
int year_of(Seconds t);
Seconds year_start(int year);
// Keeps the time of day; clamps the day to the month's end (Jan 31 + 1 month → Feb 28/29).
Seconds add_months(Seconds t, int months);

}  // namespace geo
