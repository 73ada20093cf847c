// Loading, time fields: texts, epoch numbers and OGR Date/DateTime values as instants, with
// the quoted reason when one is invalid.
#include <cctype>
#include <cmath>
#include <fmt/format.h>

#include "load_internal.hpp"

namespace geo::detail {

bool is_date_only(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) text.remove_prefix(1);
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.remove_suffix(1);
  auto digits = [&](std::size_t from, std::size_t n) {
    for (std::size_t i = from; i < from + n; ++i)
      if (i >= text.size() || text[i] < '0' || text[i] > '9') return false;
    return true;
  };
  if (text.size() == 10) return digits(0, 4) && text[4] == '-' && digits(5, 2) && text[7] == '-' && digits(8, 2);
  return text.size() == 8 && digits(0, 8);
}

std::optional<TimeValue> parse_time_text(std::string_view text, std::string& why) {
  std::string reason;
  const std::optional<Seconds> t = parse_time(text, &reason);
  if (!t) {
    why = fmt::format("invalid time '{}': {}", text, reason);
    return std::nullopt;
  }
  return TimeValue{*t, is_date_only(text)};
}

namespace {

// OGR Date/DateTime fields: components, with the OGR time zone flag (100 = UTC, 100±n =
// n quarter hours east/west; 0/1 unknown/local, taken as UTC).
std::optional<TimeValue> ogr_date_time(const OGRFeature& feature, int index, std::string& why) {
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, tz = 0;
  float s = 0;
  if (!feature.GetFieldAsDateTime(index, &y, &mo, &d, &h, &mi, &s, &tz)) {
    why = fmt::format("invalid time '{}'", feature.GetFieldAsString(index));
    return std::nullopt;
  }
  const std::string text = feature.GetFieldAsString(index);
  if (mo < 1 || mo > 12) {
    why = fmt::format("invalid time '{}': month out of range", text);
    return std::nullopt;
  }
  if (!is_valid_date(y, mo, d)) {
    why = fmt::format("invalid time '{}': day out of range", text);
    return std::nullopt;
  }
  if (h < 0 || h > 23 || mi < 0 || mi > 59 || !(s >= 0 && s < 61)) {
    why = fmt::format("invalid time '{}': time of day out of range", text);
    return std::nullopt;
  }
  Seconds t = make_time(y, mo, d, h, mi, static_cast<int>(std::floor(s)));
  if (tz > 1) t -= static_cast<Seconds>(tz - 100) * 15 * 60;
  const bool date_only = feature.GetFieldDefnRef(index)->GetType() == OFTDate;
  return TimeValue{t, date_only};
}

}  // namespace

std::optional<TimeValue> field_time(const OGRFeature& feature, int index, std::string& why) {
  why.clear();
  if (!field_present(feature, index)) return std::nullopt;
  const OGRFieldType type = feature.GetFieldDefnRef(index)->GetType();
  if (type == OFTDate || type == OFTDateTime) return ogr_date_time(feature, index, why);
  const std::string text = field_text(feature, index);
  if (text.empty()) return std::nullopt;
  return parse_time_text(text, why);
}

}  // namespace geo::detail
