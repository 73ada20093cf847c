#include "timeline.hpp"

#include <algorithm>
#include <array>
#include <fmt/format.h>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "assets.hpp"

namespace geo {
namespace {

constexpr Seconds kHour = kSecondsPerHour, kDay = kSecondsPerDay;

const char* month_name(int m) {
  static constexpr std::array<const char*, 12> kNames{"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                      "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  return kNames[m - 1];
}


}  // namespace

int Histogram::total(std::size_t bin) const {
  int sum = 0;
  for (std::size_t s = 0; s < stacks.size(); ++s) sum += count(bin, s);
  return sum;
}

Seconds nice_bin_width(Seconds span, int max_bins) {
  static constexpr std::array<Seconds, 7> kLadder{kHour, 6 * kHour, kDay, 7 * kDay,
                                                  30 * kDay, 91 * kDay, 365 * kDay};
  max_bins = std::max(max_bins, 1);
  for (Seconds w : kLadder)
    if (span / w < max_bins) return w;
  return kLadder.back() * (span / (kLadder.back() * max_bins) + 1);
}

namespace {

// The one binning rule: each timed, matching event meeting [from, to] counts once in every bin
// it meets, in each stack `each_stack(event, add)` hands to `add` (an index into `stacks`).
template <typename EachStack>
Histogram binned(const std::vector<Event>& events, const Filter& filter, Seconds from, Seconds to, Seconds width,
                 const std::vector<std::string>& stacks, EachStack each_stack) {
  Histogram h;
  h.width = std::max<Seconds>(width, 1);
  h.stacks = stacks;
  if (to < from || stacks.empty()) return h;
  h.first = floor_div(from, h.width) * h.width;
  const std::size_t bins = static_cast<std::size_t>(floor_div(to - h.first, h.width)) + 1;
  h.counts.assign(bins * stacks.size(), 0);
  for (const Event& event : events) {
    if (!event.timed() || event.end < from || event.start > to || !filter.matches(event)) continue;
    const Seconds a = std::max<Seconds>(0, floor_div(event.start - h.first, h.width));
    const Seconds b = std::min<Seconds>(bins - 1, floor_div(event.end - h.first, h.width));
    each_stack(event, [&](std::size_t s) {
      for (Seconds i = a; i <= b; ++i) ++h.counts[i * stacks.size() + s];
    });
  }
  for (std::size_t i = 0; i < bins; ++i) h.max_total = std::max(h.max_total, h.total(i));
  return h;
}

}  // namespace

Histogram histogram(const std::vector<Event>& events, const Filter& filter, Seconds from,
                    Seconds to, Seconds width, const std::vector<std::string>& stacks) {
  return binned(events, filter, from, to, width, stacks, [&](const Event& event, auto add) {
    for (const std::string& domain : event.domains)
      if (const auto it = std::find(stacks.begin(), stacks.end(), domain); it != stacks.end())
        add(static_cast<std::size_t>(it - stacks.begin()));
  });
}

Histogram histogram(const std::vector<Event>& events, const Filter& filter, Seconds from, Seconds to,
                    Seconds width, const std::vector<std::string>& stacks,
                    const std::function<int(const Event&)>& stack_of) {
  return binned(events, filter, from, to, width, stacks, [&](const Event& event, auto add) {
    const int s = stack_of(event);
    if (s >= 0 && static_cast<std::size_t>(s) < stacks.size()) add(static_cast<std::size_t>(s));
  });
}

std::vector<int> active_events(const std::vector<Event>& events, const Filter& filter,
                               Seconds from, Seconds to) {
  std::vector<int> active;
  for (std::size_t i = 0; i < events.size(); ++i) {
    const Event& e = events[i];
    if (active_in_window(e, from, to) && filter.matches(e))
      active.push_back(static_cast<int>(i));
  }
  std::stable_sort(active.begin(), active.end(),
                   [&](int a, int b) { return events[a].start < events[b].start; });
  return active;
}

TimeRange time_range(const std::vector<Event>& events) {
  TimeRange range;
  for (const Event& e : events) {
    if (!e.timed()) continue;
    if (range.from == kNoTime || e.start < range.from) range.from = e.start;
    if (range.to == kNoTime || e.end > range.to) range.to = e.end;
  }
  return range;
}

TimeAxis zoom_time_axis(TimeAxis axis, double t, double factor, double min_span, double max_span) {
  const double span = axis.to - axis.from;
  if (!(span > 0)) return axis;
  const double zoomed = std::clamp(span * factor, min_span, std::max(min_span, max_span));
  const double from = t - (t - axis.from) / span * zoomed;
  return {from, from + zoomed};
}

Seconds step_time(Seconds t, TimeStep step, int count) {
  switch (step) {
    case TimeStep::Day: return t + count * kDay;
    case TimeStep::Week: return t + count * 7 * kDay;
    case TimeStep::Month: return add_months(t, count);
  }
  return t;
}

std::vector<TimeTick> time_ticks(Seconds from, Seconds to, int max_ticks) {
  std::vector<TimeTick> ticks;
  if (to <= from || max_ticks < 1) return ticks;
  // Steps as (seconds, months): exactly one is non-zero.
  struct Step {
    Seconds seconds;
    int months;
  };
  static constexpr std::array<Step, 16> kSteps{{{kHour, 0}, {3 * kHour, 0}, {6 * kHour, 0},
                                                {12 * kHour, 0}, {kDay, 0}, {2 * kDay, 0},
                                                {7 * kDay, 0}, {0, 1}, {0, 2}, {0, 3},
                                                {0, 6}, {0, 12}, {0, 24}, {0, 60},
                                                {0, 120}, {0, 240}}};
  const Seconds span = to - from;
  Step step = kSteps.back();
  for (const Step& s : kSteps) {
    const Seconds approx = s.seconds ? s.seconds : s.months * 30 * kDay + s.months * kDay / 2;
    if (span / approx < max_ticks) {
      step = s;
      break;
    }
  }
  if (step.seconds) {
    // Weeks start on Monday (1970-01-05 was one); shorter steps align to midnight.
    const Seconds anchor = step.seconds == 7 * kDay ? 4 * kDay : 0;
    Seconds t = floor_div(from - anchor, step.seconds) * step.seconds + anchor;
    for (; t <= to; t += step.seconds) {
      if (t < from) continue;
      const CivilDate c = civil_date(t);
      const Seconds tod = t - day_start(t);
      if (step.seconds < kDay && tod != 0) {
        ticks.push_back({t, fmt::format("{:02d}:00", tod / kHour), false});
      } else if (c.month == 1 && c.day == 1) {
        ticks.push_back({t, std::to_string(c.year), true});
      } else {
        ticks.push_back({t, std::string(month_name(c.month)) + " " + std::to_string(c.day),
                         step.seconds < kDay || c.day == 1});
      }
    }
    return ticks;
  }
  // Month steps are aligned to multiples of the step since January of year 0, so quarters
  // and years land on their starts.
  const Seconds first_month = month_start(from);
  const CivilDate first = civil_date(first_month);
  const std::int64_t months_since_year0 = first.year * 12 + (first.month - 1);
  const std::int64_t back = months_since_year0 - floor_div(months_since_year0, step.months) * step.months;
  for (std::int64_t k = -back;; k += step.months) {
    const Seconds t = add_months(first_month, static_cast<int>(k));
    if (t > to) break;
    if (t < from) continue;
    const CivilDate c = civil_date(t);
    if (c.month == 1)
      ticks.push_back({t, std::to_string(c.year), step.months < 12 || c.year % (step.months / 12 * 2) == 0});
    else
      ticks.push_back({t, month_name(c.month), false});
  }
  return ticks;
}

std::map<int, std::map<std::string, int>> events_per_year(const std::vector<Event>& events,
                                                          const Filter& filter) {
  std::map<int, std::map<std::string, int>> counts;
  for (const Event& e : events) {
    if (!e.timed() || !filter.matches(e)) continue;
    auto& year = counts[year_of(e.start)];
    if (e.domains.empty()) ++year["unspecified"];
    for (const std::string& d : e.domains) ++year[d];
  }
  return counts;
}

namespace {

// One CSV record: fields separated by commas, "quoted" fields may hold commas and "" quotes.
std::vector<std::string> split_csv_line(std::string_view line) {
  std::vector<std::string> fields(1);
  bool quoted = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (quoted) {
      if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
        fields.back() += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        fields.back() += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      fields.emplace_back();
    } else if (c != '\r') {
      fields.back() += c;
    }
  }
  return fields;
}

}  // namespace

std::vector<PaperYear> parse_paper_table(std::string_view csv, std::vector<std::string>* errors) {
  std::vector<PaperYear> rows;
  std::vector<std::string> header;
  std::size_t line_no = 0;
  while (!csv.empty()) {
    const std::size_t eol = csv.find('\n');
    const std::string_view line = csv.substr(0, eol);
    csv = eol == std::string_view::npos ? std::string_view{} : csv.substr(eol + 1);
    ++line_no;
    if (line.find_first_not_of(" \t\r") == std::string_view::npos) continue;
    std::vector<std::string> fields = split_csv_line(line);
    if (header.empty()) {
      header = std::move(fields);
      continue;
    }
    PaperYear row;
    bool ok = true;
    for (std::size_t i = 0; i < header.size() && i < fields.size(); ++i) {
      const std::string& name = header[i];
      try {
        if (name == "year") row.year = std::stoi(fields[i]);
        else if (name == "drills") row.drills = std::stoi(fields[i]);
        else if (name == "domains") row.domains = fields[i];
        else if (name == "personnel") row.personnel = fields[i];
        else if (name == "source") row.source = fields[i];
      } catch (const std::exception&) {
        ok = false;
        if (errors) errors->push_back("line " + std::to_string(line_no) + ": " + name +
                                      " is not a number: '" + fields[i] + "'");
      }
    }
    if (ok && row.year != 0) rows.push_back(std::move(row));
  }
  return rows;
}

std::vector<PaperYear> read_paper_table(const std::string& path, std::vector<std::string>* errors) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    if (errors) errors->push_back(path + ": cannot open");
    return {};
  }
  std::stringstream text;
  text << in.rdbuf();
  return parse_paper_table(text.str(), errors);
}

bool is_paper_series(const std::vector<std::string>& inputs) {
  const std::string bundled = std::filesystem::path(default_dataset_path()).filename().string();
  return std::all_of(inputs.begin(), inputs.end(),
                     [&](const std::string& path) { return std::filesystem::path(path).filename() == bundled; });
}

}  // namespace geo
