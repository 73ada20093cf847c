#include "summary.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <set>
#include <nlohmann/json.hpp>

#include "vocab.hpp"

namespace geo {
namespace {

void for_each_vertex(const Geometry& g, const auto& visit) {
  for (const LonLat& p : g.points) visit(p);
  for (const Line& line : g.lines)
    for (const LonLat& p : line.coords) visit(p);
  for (const Polygon& polygon : g.polygons)
    for (const auto& ring : polygon.rings)
      for (const LonLat& p : ring) visit(p);
}

std::string round_trip(double v) {  // shortest text that keeps 6 decimals
  return fmt::format("{:.6f}", v);
}

}  // namespace

GeoBox bounding_box(const std::vector<LonLat>& points) {
  if (points.empty()) return GeoBox{};
  std::vector<double> lons;
  lons.reserve(points.size());
  double south = 90, north = -90;
  for (const LonLat& p : points) {
    lons.push_back(p.lon >= 180 ? p.lon - 360 : p.lon);
    south = std::min(south, p.lat);
    north = std::max(north, p.lat);
  }
  std::sort(lons.begin(), lons.end());
  lons.erase(std::unique(lons.begin(), lons.end()), lons.end());
  // The box is the circle minus its largest empty gap of longitude.
  double best_gap = lons.front() + 360 - lons.back();  // the gap across 180°
  double west = lons.front(), east = lons.back();
  for (std::size_t i = 1; i < lons.size(); ++i) {
    const double gap = lons[i] - lons[i - 1];
    if (gap > best_gap) {
      best_gap = gap;
      west = lons[i];
      east = lons[i - 1];
    }
  }
  return GeoBox{west, south, east, north};
}

Summary summarize(const std::vector<const LoadResult*>& inputs) {
  Summary s;
  std::vector<LonLat> vertices;
  std::set<std::string> unknown;
  for (const LoadResult* input : inputs) {
    s.skipped += input->skipped;
    s.vertices += input->source_vertices;
    for (const Event& e : input->events) {
      ++s.events;
      for_each_vertex(e.geometry, [&](const LonLat& p) { vertices.push_back(p); });
      if (e.timed()) {
        s.time_start = s.time_start == kNoTime ? e.start : std::min(s.time_start, e.start);
        s.time_end = s.time_end == kNoTime ? e.end : std::max(s.time_end, e.end);
        for (int y = year_of(e.start); y <= year_of(e.end); ++y) ++s.by_year[std::to_string(y)];
      } else {
        ++s.untimed;
      }
      for (const auto& d : e.domains) {
        ++s.by_domain[d];
        if (!is_known_domain(d)) unknown.insert("domain: " + d);
      }
      for (const auto& f : e.force_types) {
        ++s.by_force_type[f];
        if (!is_known_force_type(f)) unknown.insert("force_type: " + f);
      }
      if (!e.kind.empty()) {
        ++s.by_kind[e.kind];
        if (!is_known_kind(e.kind)) unknown.insert("kind: " + e.kind);
      }
      for (const auto& p : e.participants) ++s.by_participant[p];
      for (const auto& r : e.regions) ++s.by_region[r];
      ++s.by_quality[to_string(e.quality)];
    }
  }
  if (!vertices.empty()) {
    s.has_bbox = true;
    s.bbox = bounding_box(vertices);
  }
  s.unknown_terms.assign(unknown.begin(), unknown.end());
  return s;
}

std::string summary_json(const Summary& s, const std::vector<const LoadResult*>& inputs) {
  using nlohmann::ordered_json;
  ordered_json j;
  j["events"] = s.events;
  j["vertices"] = s.vertices;
  j["skipped"] = s.skipped;
  j["untimed"] = s.untimed;
  j["time_start"] = s.time_start == kNoTime ? ordered_json(nullptr) : ordered_json(format_time(s.time_start));
  j["time_end"] = s.time_end == kNoTime ? ordered_json(nullptr) : ordered_json(format_time(s.time_end));
  if (s.has_bbox) {
    j["bbox"] = ordered_json::array();
    for (double v : {s.bbox.west, s.bbox.south, s.bbox.east, s.bbox.north})
      j["bbox"].push_back(ordered_json::parse(round_trip(v)));
  } else {
    j["bbox"] = nullptr;
  }
  j["by_year"] = s.by_year;
  j["by_domain"] = s.by_domain;
  j["by_force_type"] = s.by_force_type;
  j["by_kind"] = s.by_kind;
  j["by_participant"] = s.by_participant;
  j["by_region"] = s.by_region;
  j["by_quality"] = s.by_quality;
  j["unknown_terms"] = s.unknown_terms;
  j["inputs"] = ordered_json::array();
  for (const LoadResult* input : inputs) {
    ordered_json in;
    in["path"] = input->path;
    in["driver"] = input->driver;
    in["events"] = input->events.size();
    in["skipped"] = input->skipped;
    in["warnings"] = input->warnings;
    if (!input->error.empty()) in["error"] = input->error;
    j["inputs"].push_back(in);
  }
  // Values come from the files as they are: invalid UTF-8 (a Latin-1 "man\xf6ver") is shown
  // as U+FFFD rather than making the whole summary fail.
  return j.dump(2, ' ', false, ordered_json::error_handler_t::replace) + "\n";
}

std::string summary_text(const Summary& s, const std::vector<const LoadResult*>& inputs) {
  std::string out;
  for (const LoadResult* input : inputs) {
    out += fmt::format("{}: {} ({} events, {} skipped{})\n", input->path, input->driver.empty() ? "?" : input->driver,
                       input->events.size(), input->skipped, input->error.empty() ? "" : ", error: " + input->error);
  }
  out += fmt::format("events    {} ({} untimed), {} vertices, {} skipped\n", s.events, s.untimed, s.vertices, s.skipped);
  if (s.time_start != kNoTime)
    out += fmt::format("time      {} .. {}\n", format_time(s.time_start), format_time(s.time_end));
  if (s.has_bbox)
    out += fmt::format("bbox      W {:.4f}  S {:.4f}  E {:.4f}  N {:.4f}{}\n", s.bbox.west, s.bbox.south, s.bbox.east,
                       s.bbox.north, s.bbox.crosses_antimeridian() ? "  (crosses 180°)" : "");
  auto facet = [&](const char* label, const std::map<std::string, int>& counts) {
    if (counts.empty()) return;
    std::string line;
    for (const auto& [k, n] : counts) line += fmt::format("{}{} {}", line.empty() ? "" : ", ", k, n);
    out += fmt::format("{:<10}{}\n", label, line);
  };
  facet("years", s.by_year);
  facet("kinds", s.by_kind);
  facet("domains", s.by_domain);
  facet("forces", s.by_force_type);
  facet("nations", s.by_participant);
  facet("regions", s.by_region);
  facet("geometry", s.by_quality);
  if (!s.unknown_terms.empty()) {
    out += "outside the vocabulary (kept):";
    for (const auto& t : s.unknown_terms) out += " " + t + ";";
    out += "\n";
  }
  return out;
}

}  // namespace geo
