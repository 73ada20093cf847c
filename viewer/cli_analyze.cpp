// `patrolscope analyze [--zones F] [--json|--csv] [filters] [DATA...]`: per event its length,
// duration and speeds; per zone its crossings (entry, exit, time inside) and closest approach.
// Columns: docs/analysis.md. Every value is computed; schematic routes say so in `basis`.
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <cctype>
#include <cstdio>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "analysis.hpp"
#include "cli_options.hpp"
#include "commands.hpp"
#include "inputs.hpp"
#include "zones.hpp"

namespace patrolscope {
namespace {

// What one event meets in one zone.
struct ZoneResult {
  const geo::Zone* zone;
  std::vector<geo::ZoneCrossing> crossings;
  std::optional<geo::ClosestApproach> closest;
};

struct EventResult {
  const geo::Event* event;
  geo::EventMetrics metrics;
  std::vector<ZoneResult> zones;
  std::vector<geo::ReportedZoneTime> reported;  // the sources' zone times (reported, not computed)
};

// The loaded zone a reported zone name refers to: the same name, or a zone whose name starts
// with it ("KADIZ" → "KADIZ (user layer)"), ignoring case. Null when none is loaded.
const ZoneResult* zone_for_report(const EventResult& r, const std::string& name) {
  const auto lower = [](std::string t) {
    for (char& c : t) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return t;
  };
  const std::string want = lower(name);
  for (const ZoneResult& z : r.zones)
    if (lower(z.zone->name).rfind(want, 0) == 0) return &z;
  return nullptr;
}

constexpr const char* kReported = "reported";

EventResult analyze_event(const geo::Event& event, const std::vector<geo::ZoneIndex>& zones) {
  EventResult out{&event, geo::measure_event(event), {}, geo::reported_zone_times(event)};
  for (const geo::ZoneIndex& index : zones) {
    ZoneResult result{&index.zone(), {}, std::nullopt};
    for (const geo::Line& line : event.geometry.lines) {
      auto passes = index.crossings(line);
      result.crossings.insert(result.crossings.end(), passes.begin(), passes.end());
      const auto near = index.closest_approach(line);
      if (near && (!result.closest || near->distance_km < result.closest->distance_km)) result.closest = near;
    }
    out.zones.push_back(std::move(result));
  }
  return out;
}

std::string time_text(const std::optional<geo::Seconds>& t) { return t ? geo::format_time(*t) : ""; }
std::string number(const std::optional<double>& v, int decimals) {
  return v ? fmt::format("{:.{}f}", *v, decimals) : "";
}
std::optional<double> minutes(const std::optional<geo::Seconds>& s) {
  if (!s) return std::nullopt;
  return static_cast<double>(*s) / 60.0;
}
std::optional<double> duration_hours(const geo::EventMetrics& m) {
  if (!m.duration) return std::nullopt;
  return static_cast<double>(*m.duration) / 3600.0;
}

// RFC 4180: quoted when it holds a comma, quote or line break.
std::string csv_field(const std::string& text) {
  if (text.find_first_of(",\"\r\n") == std::string::npos) return text;
  std::string out = "\"";
  for (char c : text) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

nlohmann::json point_json(const std::optional<geo::BoundaryPoint>& p) {
  if (!p) return nullptr;
  return {{"time", p->time ? nlohmann::json(geo::format_time(*p->time)) : nlohmann::json(nullptr)},
          {"lon", p->position.lon},
          {"lat", p->position.lat}};
}
nlohmann::json optional_json(const std::optional<double>& v) { return v ? nlohmann::json(*v) : nlohmann::json(nullptr); }

std::string to_json(const std::vector<EventResult>& results) {
  nlohmann::json events = nlohmann::json::array(), crossings = nlohmann::json::array();
  for (const EventResult& r : results) {
    nlohmann::json approaches = nlohmann::json::array();
    for (const ZoneResult& z : r.zones) {
      if (z.closest)
        approaches.push_back({{"zone", z.zone->name},
                              {"distance_km", z.closest->distance_km},
                              {"time", z.closest->time ? nlohmann::json(geo::format_time(*z.closest->time)) : nlohmann::json(nullptr)},
                              {"lon", z.closest->track_position.lon},
                              {"lat", z.closest->track_position.lat}});
      for (const geo::ZoneCrossing& c : z.crossings)
        crossings.push_back({{"event_id", r.event->id},
                             {"event_name", r.event->name},
                             {"zone", z.zone->name},
                             {"zone_quality", geo::to_string(z.zone->quality)},
                             {"entry", point_json(c.entry)},
                             {"exit", point_json(c.exit)},
                             {"minutes_inside", optional_json(minutes(c.time_inside))},
                             {"basis", r.metrics.basis}});
    }
    nlohmann::json reported = nlohmann::json::array();
    for (const geo::ReportedZoneTime& rep : r.reported) {
      const ZoneResult* z = zone_for_report(r, rep.zone);
      nlohmann::json computed = nlohmann::json::array();
      if (z)
        for (const geo::ZoneCrossing& c : z->crossings)
          computed.push_back({{"entry", point_json(c.entry)}, {"exit", point_json(c.exit)},
                              {"minutes_inside", optional_json(minutes(c.time_inside))}});
      reported.push_back({{"zone", rep.zone},
                          {"reported", {{"entry", geo::format_time(rep.entry)},
                                        {"exit", geo::format_time(rep.exit)},
                                        {"minutes_inside", static_cast<double>(rep.exit - rep.entry) / 60.0},
                                        {"reporter", rep.reporter},
                                        {"basis", kReported}}},
                          {"computed", z ? nlohmann::json{{"zone", z->zone->name},
                                                           {"crossings", computed},
                                                           {"basis", r.metrics.basis}}
                                         : nlohmann::json(nullptr)},
                          {"computed_note", z ? "" : "no zone named " + rep.zone + " is loaded (--zones FILE)"}});
    }
    events.push_back({{"id", r.event->id},
                      {"name", r.event->name},
                      {"kind", r.event->kind},
                      {"quality", geo::to_string(r.event->quality)},
                      {"basis", r.metrics.basis},
                      {"length_km", r.metrics.length_km},
                      {"duration_h", optional_json(duration_hours(r.metrics))},
                      {"mean_speed_kmh", optional_json(r.metrics.mean_speed_kmh)},
                      {"max_speed_kmh", optional_json(r.metrics.max_speed_kmh)},
                      {"closest_approach", approaches},
                      {"reported_zone_times", reported}});
  }
  return nlohmann::json{{"events", events}, {"crossings", crossings}}.dump(2) + "\n";
}

constexpr const char* kCsvHeader =
    "row,event_id,event_name,quality,basis,length_km,duration_h,mean_speed_kmh,max_speed_kmh,"
    "zone,entry_time,entry_lon,entry_lat,exit_time,exit_lon,exit_lat,minutes_inside,"
    "approach_km,approach_time,approach_lon,approach_lat\n";

std::string to_csv(const std::vector<EventResult>& results) {
  std::string out = kCsvHeader;
  for (const EventResult& r : results) {
    const std::string who = csv_field(r.event->id) + "," + csv_field(r.event->name) + "," +
                            geo::to_string(r.event->quality) + "," + csv_field(r.metrics.basis);
    out += "event," + who + "," + fmt::format("{:.1f}", r.metrics.length_km) + "," +
           number(duration_hours(r.metrics), 2) + "," + number(r.metrics.mean_speed_kmh, 0) + "," +
           number(r.metrics.max_speed_kmh, 0) + ",,,,,,,,,,,,\n";
    for (const geo::ReportedZoneTime& rep : r.reported)  // the source's figures, labelled as reported
      out += "reported," + csv_field(r.event->id) + "," + csv_field(r.event->name) + "," +
             geo::to_string(r.event->quality) + "," + csv_field(std::string(kReported) + ": " + rep.reporter) + ",,,,," +
             csv_field(rep.zone) + "," + geo::format_time(rep.entry) + ",,," + geo::format_time(rep.exit) + ",,," +
             fmt::format("{:.1f}", static_cast<double>(rep.exit - rep.entry) / 60.0) + ",,,,\n";
    for (const ZoneResult& z : r.zones) {
      for (const geo::ZoneCrossing& c : z.crossings) {
        const auto point = [](const std::optional<geo::BoundaryPoint>& p) {
          if (!p) return std::string(",,");
          return time_text(p->time) + "," + fmt::format("{:.5f},{:.5f}", p->position.lon, p->position.lat);
        };
        out += "crossing," + who + ",,,,," + csv_field(z.zone->name) + "," + point(c.entry) + "," +
               point(c.exit) + "," + number(minutes(c.time_inside), 1) + ",,,,\n";
      }
      if (z.closest)
        out += "approach," + who + ",,,,," + csv_field(z.zone->name) + ",,,,,,,," +
               fmt::format("{:.1f}", z.closest->distance_km) + "," + time_text(z.closest->time) + "," +
               fmt::format("{:.5f},{:.5f}", z.closest->track_position.lon, z.closest->track_position.lat) + "\n";
    }
  }
  return out;
}

std::string to_text(const std::vector<EventResult>& results) {
  std::string out;
  for (const EventResult& r : results) {
    const geo::EventMetrics& m = r.metrics;
    out += fmt::format("{}  {}: {:.0f} km", r.event->id, r.event->name, m.length_km);
    if (m.duration) out += ", " + geo::format_duration(*m.duration);
    if (m.mean_speed_kmh) out += fmt::format(", mean {:.0f} km/h", *m.mean_speed_kmh);
    if (m.max_speed_kmh) out += fmt::format(", max {:.0f} km/h", *m.max_speed_kmh);
    out += " (" + m.basis + ")\n";
    for (const geo::ReportedZoneTime& rep : r.reported) {
      out += fmt::format("  {}: reported {} – {}, {:.0f} min ({})", rep.zone, geo::format_time(rep.entry),
                         geo::format_time(rep.exit), static_cast<double>(rep.exit - rep.entry) / 60.0, rep.reporter);
      const ZoneResult* z = zone_for_report(r, rep.zone);
      if (!z) {
        out += "; computed: no zone named " + rep.zone + " is loaded (--zones FILE)\n";
        continue;
      }
      std::string computed;
      for (const geo::ZoneCrossing& c : z->crossings) {
        computed += (computed.empty() ? "" : ", ") + (c.entry ? time_text(c.entry->time) : std::string("(starts inside)")) +
                    " – " + (c.exit ? time_text(c.exit->time) : std::string("(ends inside)"));
        if (c.time_inside) computed += fmt::format(" {:.0f} min", *minutes(c.time_inside));
      }
      out += "; " + r.metrics.basis + ": " + (computed.empty() ? std::string("no entry") : computed) + "\n";
    }
    for (const ZoneResult& z : r.zones) {
      for (const geo::ZoneCrossing& c : z.crossings) {
        out += "  " + z.zone->name + ": " + (c.entry ? time_text(c.entry->time) : std::string("(starts inside)")) +
               " – " + (c.exit ? time_text(c.exit->time) : std::string("(ends inside)"));
        if (c.time_inside) out += fmt::format(", {:.0f} min", *minutes(c.time_inside));
        out += "\n";
      }
      if (z.closest && z.crossings.empty())
        out += fmt::format("  {}: closest {:.0f} km at {}\n", z.zone->name, z.closest->distance_km,
                           time_text(z.closest->time));
    }
  }
  return out;
}

}  // namespace

CommandRun add_analyze_command(CLI::App& app) {
  struct Options {
    InputOptions inputs;
    FilterFlags filters;
    bool json = false, csv = false;
  };
  auto options = std::make_shared<Options>();
  CLI::App* command = app.add_subcommand(
      "analyze", "Length, duration, speeds, zone entries and exits of every event (computed values)");
  auto* json = command->add_flag("--json", options->json, "One JSON object on stdout");
  command->add_flag("--csv", options->csv, "CSV on stdout (columns: docs/analysis.md)")->excludes(json);
  options->filters.add_to(*command);
  options->inputs.add_to(*command, /*with_coastline=*/false);
  return [options]() {
    geo::Filter filter;
    try {
      filter = options->filters.filter();
    } catch (const UsageError& e) {
      std::fprintf(stderr, "patrolscope: analyze: %s\n", e.what());
      return kExitUsage;
    }
    const LoadedZones loaded_zones = load_zones_or_warn(options->inputs);
    const std::vector<geo::Zone>& zones = loaded_zones.zones;
    const bool zones_ok = loaded_zones.all_ok;
    std::vector<geo::ZoneIndex> indexes;
    indexes.reserve(zones.size());
    for (const geo::Zone& z : zones) indexes.emplace_back(z);

    const LoadedInputs loaded = load_inputs(options->inputs);
    std::vector<EventResult> results;
    for (const geo::Event& event : loaded.events)
      if (filter.matches(event)) results.push_back(analyze_event(event, indexes));
    const std::string text =
        options->json ? to_json(results) : options->csv ? to_csv(results) : to_text(results);
    std::fputs(text.c_str(), stdout);
    return loaded.all_ok && zones_ok ? kExitOk : kExitInputError;
  };
}

}  // namespace patrolscope
