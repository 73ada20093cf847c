// Measurements of events: length, duration and speeds from vertex times, and how each track
// meets a zone (entries and exits with interpolated times, time inside, closest approach) or a
// named point. Every number here is computed from the geometry as loaded; for a schematic
// route it is computed from a schematic route (AnalysisBasis), never a reported fact.
#pragma once
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "event.hpp"

namespace geo {

// What the numbers rest on: the event's geometry quality (exact, approximate, schematic).
std::string computed_label(GeometryQuality quality);  // "computed", "computed from a schematic route", …

struct EventMetrics {
  double length_km = 0;                  // geodesic (WGS 84) length of every line
  std::optional<Seconds> duration;       // last vertex time − first (or end − start); none untimed
  std::optional<double> mean_speed_kmh;  // length / time spent on timed segments
  std::optional<double> max_speed_kmh;   // fastest segment between two timed vertices
  std::string basis;                     // computed_label(quality)
};

EventMetrics measure_event(const Event& event);

// A zone: polygons in lon/lat WGS 84 (any ring may cross ±180; consecutive vertices are taken
// the short way round). Edges are straight in lon/lat (parallels and meridians exact); tracks
// are densified along geodesics when loaded, so their straight lon/lat pieces are short.
struct Zone {
  std::string name;
  std::vector<Polygon> polygons;
  std::vector<Line> lines;  // line zones (a median line): closest approach only
  GeometryQuality quality = GeometryQuality::Exact;
  std::string source;       // where the definition comes from
};

// Where and when a track passed a zone boundary.
struct BoundaryPoint {
  LonLat position;
  std::optional<Seconds> time;  // interpolated between vertex times; none for an untimed track
};

struct ZoneCrossing {
  std::optional<BoundaryPoint> entry;  // none when the track starts inside
  std::optional<BoundaryPoint> exit;   // none when the track ends inside
  std::optional<Seconds> time_inside;  // exit − entry (track start/end standing in), when timed
};

struct ClosestApproach {
  double distance_km = 0;  // 0 when the track enters the zone
  LonLat track_position;   // the track's point nearest the zone or place
  std::optional<Seconds> time;
};

// The zone's edges indexed on a grid (in a longitude frame unwrapped per ring), so a track
// costs one bounding-box test per segment far from the zone and a few edges near it.
class ZoneIndex {
 public:
  explicit ZoneIndex(const Zone& zone);
  ~ZoneIndex();
  ZoneIndex(ZoneIndex&&) noexcept;
  ZoneIndex& operator=(ZoneIndex&&) noexcept;

  const Zone& zone() const;
  bool contains(LonLat p) const;  // inside an odd number of rings
  // Every passage of the line through the zone, in track order.
  std::vector<ZoneCrossing> crossings(const Line& line) const;
  // Nearest approach of the line to the zone's boundary (0 inside); none for an empty line.
  std::optional<ClosestApproach> closest_approach(const Line& line) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Zone times an official source reported for an event (Korea's JCS: "in KADIZ 11:53–12:10"),
// from its "reported_zone_times" attribute: "ZONE ENTRY/EXIT (WHO)", several separated by ";",
// times ISO 8601. Reported facts, shown beside (never merged with) computed crossings.
struct ReportedZoneTime {
  std::string zone;      // as the source names it: "KADIZ"
  Seconds entry = 0, exit = 0;
  std::string reporter;  // the text in parentheses: "ROK JCS: 11:53-12:10 KST"
};
// Entries that do not parse are returned in `bad` (the text), not guessed at.
std::vector<ReportedZoneTime> reported_zone_times(const Event& event, std::vector<std::string>* bad = nullptr);

// Nearest approach of a line to a point (segment-wise, geodesic distance at the nearest point).
std::optional<ClosestApproach> closest_approach(const Line& line, LonLat place);

}  // namespace geo
