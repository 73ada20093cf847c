// UTC instants as whole seconds since 1970-01-01T00:00:00Z, parsing and formatting.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace geo {

using Seconds = std::int64_t;

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

Seconds make_time(int year, int month, int day, int hour = 0, int minute = 0, int second = 0);
int year_of(Seconds t);
Seconds year_start(int year);

}  // namespace geo
