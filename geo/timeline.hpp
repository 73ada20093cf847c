// The timeline's arithmetic, with no UI: activity histograms stacked by domain (following a
// filter), the events active in a time span, calendar steps, "nice" time ticks, yearly counts,
// and the seed paper's Table 1.
#pragma once
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "event.hpp"
#include "filter.hpp"

namespace geo {

// Counts per bin and per stack (domain). Bin i covers [first + i·width, first + (i+1)·width).
// An event counts once in every bin its span meets, in each of its domains that is a stack
// (an air+naval exercise adds one to the air stack and one to the naval stack).
struct Histogram {
  Seconds first = 0, width = 1;
  std::vector<std::string> stacks;
  std::vector<int> counts;  // bins × stacks, row-major
  int max_total = 0;        // the tallest bin's stacked total

  std::size_t bins() const { return stacks.empty() ? 0 : counts.size() / stacks.size(); }
  int count(std::size_t bin, std::size_t stack) const { return counts[bin * stacks.size() + stack]; }
  int total(std::size_t bin) const;
  Seconds bin_start(std::size_t bin) const { return first + static_cast<Seconds>(bin) * width; }
};

// A bin width from the ladder 1 h, 6 h, 1 d, 7 d, 30 d, 91 d, 365 d: the smallest that gives no
// more than max_bins bins over the span.
Seconds nice_bin_width(Seconds span, int max_bins);

// Bins over [from, to] (aligned to multiples of width since the epoch, so days start at 00:00
// UTC); untimed events are not counted (they have no place in time).
Histogram histogram(const std::vector<Event>& events, const Filter& filter, Seconds from,
                    Seconds to, Seconds width, const std::vector<std::string>& stacks);

// The same, an event counting once, in the stack stack_of gives it (an index into `stacks`;
// < 0 leaves it out): the viewer stacks by the colour rule's slots, so the histogram has the
// map's colours and counts events without domains too.
Histogram histogram(const std::vector<Event>& events, const Filter& filter, Seconds from, Seconds to,
                    Seconds width, const std::vector<std::string>& stacks,
                    const std::function<int(const Event&)>& stack_of);

// The one definition of "active in a window": a timed event whose [start, end] meets
// [from, to]. The viewer's map, counts, lists and picking all use it (through active_events).
inline bool active_in_window(const Event& e, Seconds from, Seconds to) {
  return e.timed() && e.start <= to && e.end >= from;
}

// Indices of the timed events matching the filter that are active in [from, to], by start time.
std::vector<int> active_events(const std::vector<Event>& events, const Filter& filter,
                               Seconds from, Seconds to);

// The time range of the timed events, or {kNoTime, kNoTime} when none is timed.
struct TimeRange {
  Seconds from = kNoTime, to = kNoTime;
};
TimeRange time_range(const std::vector<Event>& events);

// A time axis [from, to] zoomed by `factor` (< 1 zooms in) about the instant `t`, which keeps
// its place on the axis; the span is clamped to [min_span, max_span].
struct TimeAxis {
  double from, to;
};
TimeAxis zoom_time_axis(TimeAxis axis, double t, double factor, double min_span, double max_span);

// Calendar steps for the timeline's step buttons (month steps: add_months in time.hpp).
enum class TimeStep { Day, Week, Month };
Seconds step_time(Seconds t, TimeStep step, int count);  // count may be negative

// Tick marks for a time axis over [from, to], at most about max_ticks of them, on calendar
// boundaries (hours, days, weeks, months, quarters, years, decades). Labels are short ("12:00",
// "Jul 10", "Jul", "2024"); a tick on the next larger unit's boundary is major (and its label
// names that unit: midnight shows the date, January shows the year).
struct TimeTick {
  Seconds t;
  std::string label;
  bool major;
};
std::vector<TimeTick> time_ticks(Seconds from, Seconds to, int max_ticks);

// Events per start year and domain (matching the filter; an event counts in each domain).
// Events with no domain count under "unspecified".
std::map<int, std::map<std::string, int>> events_per_year(const std::vector<Event>& events,
                                                          const Filter& filter);

// The seed paper's Table 1 (assets/data/paper-table1.csv: year,drills,domains,personnel,source).
struct PaperYear {
  int year = 0;
  int drills = 0;
  std::string domains, personnel, source;
};
// Parses the CSV text (a header line, then rows; fields may be "quoted, with commas").
// Rows that do not parse are skipped and reported in `errors` ("line 3: …").
std::vector<PaperYear> parse_paper_table(std::string_view csv, std::vector<std::string>* errors = nullptr);
// Reads the file; on failure returns no rows and says why in `errors`.
std::vector<PaperYear> read_paper_table(const std::string& path, std::vector<std::string>* errors = nullptr);
// Whether the paper's Table 1 may stand beside these inputs (the DATA paths as given): only the
// bundled series, loaded by default (no paths) or named — a file of that name is taken to be
// that series. A user's own data is never set beside the paper's figures.
bool is_paper_series(const std::vector<std::string>& inputs);

}  // namespace geo
