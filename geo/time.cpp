// Hand-written ISO 8601 / epoch parsing: no locale, no std::get_time, no time zone database.
// Calendar arithmetic is std::chrono's (year_month_day, sys_days), in 400-year cycles so that
// any Seconds value has a date and formats without overflow.
#include "time.hpp"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdint>
#include <fmt/format.h>
#include <limits>

namespace geo {

Seconds floor_div(Seconds a, Seconds b) {
  Seconds q = a / b;
  if ((a % b != 0) && ((a < 0) != (b < 0))) --q;
  return q;
}

namespace {

namespace chr = std::chrono;

constexpr std::int64_t kDay = kSecondsPerDay;
// The Gregorian calendar repeats every 400 years, which are exactly this many days. Whole
// cycles are split off before std::chrono sees a date, so its year range (±32767) is never
// exceeded and every Seconds value has a date.
constexpr std::int64_t kDaysPer400Years = 146'097;
constexpr std::int64_t kCycleBaseYear = 1970;  // chrono sees years 1970 … 2369

std::int64_t cycles_since_base(std::int64_t y) { return floor_div(y - kCycleBaseYear, 400); }

chr::year year_in_cycle(std::int64_t y) {  // the same leap-ness as y, in chrono's range
  return chr::year{static_cast<int>(y - cycles_since_base(y) * 400)};
}

std::int64_t days_from_civil(std::int64_t y, int m, int d) {  // a valid date
  const chr::sys_days date{year_in_cycle(y) / chr::month{static_cast<unsigned>(m)} / chr::day{static_cast<unsigned>(d)}};
  return date.time_since_epoch().count() + cycles_since_base(y) * kDaysPer400Years;
}

CivilDate civil_from_days(std::int64_t z) {
  const std::int64_t cycles = floor_div(z, kDaysPer400Years);
  const chr::year_month_day ymd{chr::sys_days{chr::days{z - cycles * kDaysPer400Years}}};
  return {static_cast<int>(ymd.year()) + cycles * 400, static_cast<int>(static_cast<unsigned>(ymd.month())),
          static_cast<int>(static_cast<unsigned>(ymd.day()))};
}

// Not t - day_start(t): that overflows near INT64_MIN.
std::int64_t seconds_of_day(Seconds t) { return (t % kDay + kDay) % kDay; }

}  // namespace

bool is_valid_date(std::int64_t year, int month, int day) {
  if (month < 1 || month > 12 || day < 1 || day > 31) return false;
  return chr::year_month_day{year_in_cycle(year), chr::month{static_cast<unsigned>(month)},
                             chr::day{static_cast<unsigned>(day)}}
      .ok();
}

int days_in_month(std::int64_t year, int month) {
  const chr::year_month_day_last last{year_in_cycle(year),
                                      chr::month_day_last{chr::month{static_cast<unsigned>(month)}}};
  return static_cast<int>(static_cast<unsigned>(last.day()));
}

namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

// A cursor over the text with fixed-width digit reads.
struct Cursor {
  std::string_view s;
  std::size_t i = 0;
  bool done() const { return i >= s.size(); }
  char peek() const { return done() ? '\0' : s[i]; }
  std::size_t digits_ahead() const {
    std::size_t n = 0;
    while (i + n < s.size() && is_digit(s[i + n])) ++n;
    return n;
  }
  int take(std::size_t width) {  // caller checked digits_ahead() >= width
    int v = 0;
    for (std::size_t k = 0; k < width; ++k) v = v * 10 + (s[i++] - '0');
    return v;
  }
  bool accept(char c) {
    if (peek() != c) return false;
    ++i;
    return true;
  }
};

std::optional<Seconds> fail(std::string* error, const char* why) {
  if (error) *error = why;
  return std::nullopt;
}

// Epoch seconds (or milliseconds above 1e11), with an optional fraction that is truncated
// toward the earlier second.
std::optional<Seconds> parse_epoch(std::string_view s, std::string* error) {
  bool negative = false;
  if (!s.empty() && (s[0] == '-' || s[0] == '+')) {
    negative = s[0] == '-';
    s.remove_prefix(1);
  }
  std::size_t dot = s.find('.');
  std::string_view whole = s.substr(0, dot);
  std::string_view frac = dot == std::string_view::npos ? std::string_view{} : s.substr(dot + 1);
  if (whole.empty() || whole.size() > 15) return fail(error, "epoch number out of range");
  std::int64_t v = 0;
  for (char c : whole) v = v * 10 + (c - '0');
  bool has_fraction = false;
  for (char c : frac) has_fraction |= c != '0';
  const bool millis = v > 100000000000LL;  // > 1e11 means milliseconds
  if (millis) {
    // The fraction of a millisecond does not change the second unless it is negative.
    std::int64_t ms = negative ? -v : v;
    if (negative && has_fraction) ms -= 1;
    return floor_div(ms, 1000);
  }
  if (negative) return has_fraction ? -v - 1 : -v;
  return v;
}

bool looks_like_epoch(std::string_view s) {
  if (!s.empty() && (s[0] == '-' || s[0] == '+')) s.remove_prefix(1);
  if (s.empty()) return false;
  bool dot = false, digit = false;
  for (char c : s) {
    if (c == '.' && !dot) {
      dot = true;
    } else if (is_digit(c)) {
      digit = true;
    } else {
      return false;
    }
  }
  return digit;
}

// Reads "hh[:mm[:ss[.fff]]]" or the basic "hh[mm[ss[.fff]]]"; fills seconds of the day.
const char* parse_clock(Cursor& c, std::int64_t& seconds) {
  if (c.digits_ahead() < 2) return "not a valid time of day";
  const int hour = c.take(2);
  int minute = 0, second = 0;
  const bool extended = c.peek() == ':';
  if (extended) {
    c.accept(':');
    if (c.digits_ahead() != 2) return "not a valid time of day";
    minute = c.take(2);
    if (c.accept(':')) {
      if (c.digits_ahead() != 2) return "not a valid time of day";
      second = c.take(2);
    }
  } else {
    const std::size_t n = c.digits_ahead();
    if (n != 0 && n != 2 && n != 4) return "not a valid time of day";
    if (n >= 2) minute = c.take(2);
    if (n == 4) second = c.take(2);
  }
  // Fractional seconds: truncated (the whole second is the earlier one).
  if (c.peek() == '.' || c.peek() == ',') {
    c.i++;
    if (c.digits_ahead() == 0) return "not a valid time of day";
    c.i += c.digits_ahead();
  }
  if (hour > 23) return "hour out of range";
  if (minute > 59) return "minute out of range";
  if (second > 60) return "second out of range";  // 60: a leap second, counted as the next
  seconds = hour * kSecondsPerHour + minute * kSecondsPerMinute + second;
  return nullptr;
}

// Reads "Z", "±hh:mm", "±hhmm" or "±hh"; fills the offset east of UTC in seconds.
const char* parse_zone(Cursor& c, std::int64_t& offset) {
  offset = 0;
  if (c.accept('Z') || c.accept('z')) return nullptr;
  const char sign = c.peek();
  if (sign != '+' && sign != '-') return "unexpected text after the time";
  c.i++;
  if (c.digits_ahead() < 2) return "not a valid UTC offset";
  const int hh = c.take(2);
  int mm = 0;
  if (c.accept(':')) {
    if (c.digits_ahead() != 2) return "not a valid UTC offset";
    mm = c.take(2);
  } else if (c.digits_ahead() == 2) {
    mm = c.take(2);
  } else if (c.digits_ahead() != 0) {
    return "not a valid UTC offset";
  }
  if (hh > 23 || mm > 59) return "UTC offset out of range";
  offset = (hh * kSecondsPerHour + mm * kSecondsPerMinute) * (sign == '-' ? -1 : 1);
  return nullptr;
}

std::optional<Seconds> parse_iso(std::string_view s, std::string* error) {
  Cursor c{s};
  int year = 0, month = 0, day = 0;
  if (c.digits_ahead() == 4 && c.s.size() > 4 && c.s[4] == '-') {
    year = c.take(4);
    c.accept('-');
    if (c.digits_ahead() != 2) return fail(error, "not a valid date (expected YYYY-MM-DD)");
    month = c.take(2);
    if (!c.accept('-') || c.digits_ahead() != 2)
      return fail(error, "not a valid date (expected YYYY-MM-DD)");
    day = c.take(2);
  } else if (c.digits_ahead() == 8) {
    year = c.take(4);
    month = c.take(2);
    day = c.take(2);
  } else {
    return fail(error, "not a date or time");
  }
  if (month < 1 || month > 12) return fail(error, "month out of range");
  if (!is_valid_date(year, month, day)) return fail(error, "day out of range");
  std::int64_t t = days_from_civil(year, month, day) * kDay;
  if (c.done()) return t;

  const char sep = c.peek();
  if (sep != 'T' && sep != 't' && sep != ' ') return fail(error, "unexpected text after the date");
  c.i++;
  while (sep == ' ' && c.peek() == ' ') c.i++;
  std::int64_t clock = 0;
  if (const char* why = parse_clock(c, clock)) return fail(error, why);
  t += clock;
  while (c.peek() == ' ') c.i++;  // "2024-07-10 12:00 +09:00"
  if (c.done()) return t;
  std::int64_t offset = 0;
  if (const char* why = parse_zone(c, offset)) return fail(error, why);
  if (!c.done()) return fail(error, "unexpected text after the time");
  return t - offset;
}

}  // namespace

std::optional<Seconds> parse_time(std::string_view text, std::string* error) {
  const std::string_view s = trim(text);
  if (s.empty()) return fail(error, "empty");
  // Eight digits are a basic-format date (20240710), not an epoch in 1970.
  const bool eight_digits = s.size() == 8 && Cursor{s}.digits_ahead() == 8;
  if (looks_like_epoch(s) && !eight_digits) return parse_epoch(s, error);
  return parse_iso(s, error);
}

std::optional<Seconds> parse_duration(std::string_view text) {
  std::string_view s = trim(text);
  if (s.empty()) return std::nullopt;
  auto number = [](std::string_view& rest) -> std::optional<std::int64_t> {
    std::size_t n = 0;
    std::int64_t v = 0;
    while (n < rest.size() && is_digit(rest[n])) {
      if (v > 1'000'000'000'000LL) return std::nullopt;
      v = v * 10 + (rest[n++] - '0');
    }
    if (n == 0) return std::nullopt;
    rest.remove_prefix(n);
    return v;
  };
  auto checked_add = [](std::int64_t& total, std::int64_t v, std::int64_t unit) {
    if (v > std::numeric_limits<std::int64_t>::max() / unit / 2) return false;
    total += v * unit;
    return true;
  };

  if (s[0] == 'P' || s[0] == 'p') {  // ISO 8601: PnYnMnWnDTnHnMnS
    s.remove_prefix(1);
    std::int64_t total = 0;
    bool in_time = false, any = false;
    while (!s.empty()) {
      if (s[0] == 'T' || s[0] == 't') {
        if (in_time) return std::nullopt;
        in_time = true;
        s.remove_prefix(1);
        continue;
      }
      auto v = number(s);
      if (!v || s.empty()) return std::nullopt;
      const char u = static_cast<char>(std::toupper(static_cast<unsigned char>(s[0])));
      s.remove_prefix(1);
      std::int64_t unit = 0;
      if (!in_time) {
        unit = u == 'Y' ? kSecondsPerYear : u == 'M' ? 30 * kDay : u == 'W' ? kSecondsPerWeek : u == 'D' ? kDay : 0;
      } else {
        unit = u == 'H' ? kSecondsPerHour : u == 'M' ? kSecondsPerMinute : u == 'S' ? 1 : 0;
      }
      if (unit == 0 || !checked_add(total, *v, unit)) return std::nullopt;
      any = true;
    }
    if (!any) return std::nullopt;
    return total;
  }

  // "3600" alone is seconds; otherwise one or more "<n><unit>" parts: "1y 10d", "90m".
  std::int64_t total = 0;
  bool any = false;
  while (!s.empty()) {
    auto v = number(s);
    if (!v) return std::nullopt;
    std::int64_t unit = 1;
    if (!s.empty() && std::isalpha(static_cast<unsigned char>(s[0]))) {
      const char u = static_cast<char>(std::tolower(static_cast<unsigned char>(s[0])));
      s.remove_prefix(1);
      unit = u == 's' ? 1 : u == 'm' ? kSecondsPerMinute : u == 'h' ? kSecondsPerHour : u == 'd' ? kDay
           : u == 'w' ? kSecondsPerWeek : u == 'y' ? kSecondsPerYear : 0;
      if (unit == 0) return std::nullopt;
    } else if (any || !s.empty()) {
      return std::nullopt;  // a bare number must be the whole text
    }
    if (!checked_add(total, *v, unit)) return std::nullopt;
    any = true;
    while (!s.empty() && s[0] == ' ') s.remove_prefix(1);
  }
  return any ? std::optional<Seconds>(total) : std::nullopt;
}

std::string format_time(Seconds t) {
  const std::int64_t sod = seconds_of_day(t);
  const CivilDate c = civil_date(t);
  return fmt::format("{:04d}-{:02d}-{:02d}T{:02d}:{:02d}:{:02d}Z", c.year, c.month, c.day,
                     sod / 3600, sod / 60 % 60, sod % 60);
}

std::string format_date(Seconds t) {
  const CivilDate c = civil_date(t);
  return fmt::format("{:04d}-{:02d}-{:02d}", c.year, c.month, c.day);
}

std::string format_minutes(Seconds t) {
  const std::int64_t sod = seconds_of_day(t);
  if (sod < kSecondsPerMinute) return format_date(t);
  return fmt::format("{} {:02d}:{:02d}", format_date(t), sod / 3600, sod / 60 % 60);
}
std::string format_duration(Seconds d) {
  if (d == 0) return "0s";
  std::string sign;
  std::uint64_t u;
  if (d < 0) {
    sign = "-";
    u = static_cast<std::uint64_t>(-(d + 1)) + 1;  // safe for INT64_MIN
  } else {
    u = static_cast<std::uint64_t>(d);
  }
  static constexpr struct {
    std::uint64_t seconds;
    const char* unit;
  } kUnits[] = {{kSecondsPerYear, "y"}, {kSecondsPerDay, "d"}, {kSecondsPerHour, "h"}, {kSecondsPerMinute, "m"}, {1, "s"}};
  std::string out;
  for (const auto& unit : kUnits) {
    const std::uint64_t n = u / unit.seconds;
    u %= unit.seconds;
    if (n == 0) continue;
    if (!out.empty()) out += ' ';
    out += fmt::format("{}{}", n, unit.unit);
  }
  return sign + out;
}

Seconds make_time(int year, int month, int day, int hour, int minute, int second) {
  const std::int64_t y = year + floor_div(month - 1, 12);
  const int m = static_cast<int>(month - 1 - floor_div(month - 1, 12) * 12 + 1);
  return (days_from_civil(y, m, 1) + (day - 1)) * kDay + hour * kSecondsPerHour + minute * kSecondsPerMinute + second;
}

CivilDate civil_date(Seconds t) { return civil_from_days(floor_div(t, kDay)); }

Seconds day_start(Seconds t) { return floor_div(t, kDay) * kDay; }

Seconds end_of_day(Seconds t) { return day_start(t) + kDay - 1; }

Seconds month_start(Seconds t) {
  const CivilDate c = civil_date(t);
  return days_from_civil(c.year, c.month, 1) * kDay;
}

int year_of(Seconds t) { return static_cast<int>(civil_date(t).year); }

Seconds year_start(int year) { return days_from_civil(year, 1, 1) * kDay; }

Seconds add_months(Seconds t, int months) {
  const CivilDate c = civil_date(t);
  const std::int64_t index = c.year * 12 + (c.month - 1) + months;
  const std::int64_t y = floor_div(index, 12);
  const int m = static_cast<int>(index - y * 12 + 1);
  return days_from_civil(y, m, std::min(c.day, days_in_month(y, m))) * kDay + (t - day_start(t));
}

}  // namespace geo
