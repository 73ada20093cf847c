// Deterministic synthetic patrol tracks for benchmarks and the peer comparison: N tracks of M
// timed points wandering over the western Pacific (120°E–150°W, 10–60°N), some crossing 180°,
// written as a points CSV, GPX or GeoJSON with plain C++ I/O (no GDAL).
#pragma once
#include <cstdint>
#include <string>
#include <vector>

namespace bench {

struct TrackSpec {
  int tracks = 100;
  int points = 1000;  // per track
  std::uint64_t seed = 1;
};

struct GenPoint {
  double lon, lat;     // lon in [-180, 180)
  std::int64_t t;      // seconds since 1970
};

struct GenTrack {
  std::string id;
  bool air = false;          // air patrol (fast) or naval patrol (slow)
  bool russian = false;      // participant RU or CN
  std::vector<GenPoint> points;
};

// The same spec (and seed) gives the same tracks on every machine.
std::vector<GenTrack> generate_tracks(const TrackSpec& spec);

enum class Format { Csv, Gpx, GeoJson };
// Writes the tracks; returns an error text, or "" on success.
std::string write_tracks(const std::vector<GenTrack>& tracks, Format format, const std::string& path);

// How many of the tracks' steps cross 180° (for reporting).
std::size_t count_dateline_crossings(const std::vector<GenTrack>& tracks);

}  // namespace bench
