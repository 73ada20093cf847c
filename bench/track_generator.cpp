#include "track_generator.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <memory>
#include <random>

namespace bench {
namespace {

// Uniform doubles from the raw 64-bit stream (std::uniform_real_distribution is not specified
// bit for bit, so it could differ between standard libraries).
class Rng {
 public:
  explicit Rng(std::uint64_t seed) : engine_(seed) {}
  double uniform() { return static_cast<double>(engine_() >> 11) * 0x1.0p-53; }
  double uniform(double lo, double hi) { return lo + (hi - lo) * uniform(); }
  // Roughly normal (Irwin–Hall of 4), mean 0, standard deviation `sd`.
  double normalish(double sd) {
    double s = 0;
    for (int i = 0; i < 4; ++i) s += uniform();
    return (s - 2.0) * sd * 1.7320508075688772;
  }

 private:
  std::mt19937_64 engine_;
};

constexpr double kWest = 120, kEast = 210, kSouth = 10, kNorth = 60;  // continuous longitudes
constexpr double kKmPerDegree = 111.195;
constexpr double kPi = 3.14159265358979323846;
constexpr std::int64_t kEpoch2020 = 1577836800;  // 2020-01-01T00:00:00Z

double wrap180(double lon) { return lon >= 180 ? lon - 360 : lon; }

// Days since 1970-01-01 to y-m-d (Howard Hinnant's civil_from_days).
void civil_from_days(std::int64_t z, int& y, unsigned& m, unsigned& d) {
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const std::int64_t yy = static_cast<std::int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  d = doy - (153 * mp + 2) / 5 + 1;
  m = mp < 10 ? mp + 3 : mp - 9;
  y = static_cast<int>(yy + (m <= 2));
}

// A buffered writer: appends to a string, flushes in large blocks.
class Out {
 public:
  explicit Out(std::FILE* file) : file_(file) { buffer_.reserve(kBlock + 4096); }
  ~Out() { flush(); }
  Out& operator<<(const char* text) {
    buffer_ += text;
    maybe_flush();
    return *this;
  }
  Out& operator<<(const std::string& text) {
    buffer_ += text;
    maybe_flush();
    return *this;
  }
  Out& operator<<(char c) {
    buffer_ += c;
    return *this;
  }
  void number(double v, int decimals = 5) {
    char text[64];
    const auto r = std::to_chars(text, text + sizeof text, v, std::chars_format::fixed, decimals);
    buffer_.append(text, r.ptr);
  }
  void integer(std::int64_t v) {
    char text[32];
    const auto r = std::to_chars(text, text + sizeof text, v);
    buffer_.append(text, r.ptr);
  }
  void time(std::int64_t t) {  // 2020-01-01T00:00:00Z
    std::int64_t days = t / 86400, rem = t % 86400;
    if (rem < 0) {
      rem += 86400;
      --days;
    }
    int y;
    unsigned m, d;
    civil_from_days(days, y, m, d);
    char text[32];
    const int h = static_cast<int>(rem / 3600), mi = static_cast<int>(rem / 60 % 60), s = static_cast<int>(rem % 60);
    const int n = std::snprintf(text, sizeof text, "%04d-%02u-%02uT%02d:%02d:%02dZ", y, m, d, h, mi, s);
    buffer_.append(text, static_cast<std::size_t>(n));
  }
  void maybe_flush() {
    if (buffer_.size() >= kBlock) flush();
  }
  void flush() {
    if (!buffer_.empty() && std::fwrite(buffer_.data(), 1, buffer_.size(), file_) != buffer_.size()) failed_ = true;
    buffer_.clear();
  }
  bool failed() const { return failed_; }

 private:
  static constexpr std::size_t kBlock = 1 << 20;
  std::FILE* file_;
  std::string buffer_;
  bool failed_ = false;
};

void write_csv(const std::vector<GenTrack>& tracks, Out& out) {
  out << "track_id,time,lon,lat\n";
  for (const GenTrack& track : tracks) {
    for (const GenPoint& p : track.points) {
      out << track.id << ',';
      out.time(p.t);
      out << ',';
      out.number(p.lon);
      out << ',';
      out.number(p.lat);
      out << '\n';
      out.maybe_flush();
    }
  }
}

void write_gpx(const std::vector<GenTrack>& tracks, Out& out) {
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
         "<gpx version=\"1.1\" creator=\"patrolscope-gen-tracks\" xmlns=\"http://www.topografix.com/GPX/1/1\">\n";
  for (const GenTrack& track : tracks) {
    out << "<trk><name>" << track.id << "</name><type>" << (track.air ? "air_patrol" : "naval_patrol")
        << "</type><trkseg>\n";
    for (const GenPoint& p : track.points) {
      out << "<trkpt lat=\"";
      out.number(p.lat);
      out << "\" lon=\"";
      out.number(p.lon);
      out << "\"><time>";
      out.time(p.t);
      out << "</time></trkpt>\n";
      out.maybe_flush();
    }
    out << "</trkseg></trk>\n";
  }
  out << "</gpx>\n";
}

void write_geojson(const std::vector<GenTrack>& tracks, Out& out) {
  out << "{\"type\":\"FeatureCollection\",\"features\":[\n";
  for (std::size_t i = 0; i < tracks.size(); ++i) {
    const GenTrack& track = tracks[i];
    out << (i ? ",\n" : "") << "{\"type\":\"Feature\",\"properties\":{\"id\":\"" << track.id << "\",\"name\":\""
        << track.id << "\",\"kind\":\"" << (track.air ? "air_patrol" : "naval_patrol") << "\",\"domains\":[\""
        << (track.air ? "air" : "naval") << "\"],\"force_types\":[\"" << (track.air ? "strategic_bomber" : "destroyer")
        << "\"],\"participants\":[\"" << (track.russian ? "RU" : "CN") << "\"],\"regions\":[\"pacific\"]";
    if (!track.points.empty()) {
      out << ",\"start\":\"";
      out.time(track.points.front().t);
      out << "\",\"end\":\"";
      out.time(track.points.back().t);
      out << "\",\"times\":[";
      for (std::size_t k = 0; k < track.points.size(); ++k) {
        out << (k ? ",\"" : "\"");
        out.time(track.points[k].t);
        out << '"';
        out.maybe_flush();
      }
      out << ']';
    }
    out << "},\"geometry\":{\"type\":\"LineString\",\"coordinates\":[";
    for (std::size_t k = 0; k < track.points.size(); ++k) {
      out << (k ? ",[" : "[");
      out.number(track.points[k].lon);
      out << ',';
      out.number(track.points[k].lat);
      out << ']';
      out.maybe_flush();
    }
    out << "]}}";
  }
  out << "\n]}\n";
}

}  // namespace

std::vector<GenTrack> generate_tracks(const TrackSpec& spec) {
  Rng rng(spec.seed);
  std::vector<GenTrack> tracks;
  tracks.reserve(static_cast<std::size_t>(std::max(spec.tracks, 0)));
  for (int i = 0; i < spec.tracks; ++i) {
    GenTrack track;
    char id[32];
    std::snprintf(id, sizeof id, "T%06d", i + 1);
    track.id = id;
    track.air = rng.uniform() < 0.5;
    track.russian = rng.uniform() < 0.5;
    // Air: 300–540 km/h, naval: 20–45 km/h; a point every 2–5 minutes, so no step reaches the
    // loader's 50 km densification threshold (the vertex counts stay exactly N × M).
    const double speed_kmh = track.air ? rng.uniform(300, 540) : rng.uniform(20, 45);
    const double interval_s = rng.uniform(120, 300);
    double lon = rng.uniform(kWest, kEast), lat = rng.uniform(kSouth, kNorth);
    double heading = rng.uniform(0, 2 * kPi);  // radians clockwise from north
    std::int64_t t = kEpoch2020 + static_cast<std::int64_t>(rng.uniform(0, 5 * 365.25 * 86400));
    track.points.reserve(static_cast<std::size_t>(std::max(spec.points, 0)));
    for (int k = 0; k < spec.points; ++k) {
      track.points.push_back({wrap180(lon), lat, t});
      const double dt = interval_s * rng.uniform(0.9, 1.1);
      t += static_cast<std::int64_t>(std::lround(dt));
      heading += rng.normalish(track.air ? 0.08 : 0.15);
      const double km = speed_kmh * dt / 3600;
      double dlat = km * std::cos(heading) / kKmPerDegree;
      double dlon = km * std::sin(heading) / (kKmPerDegree * std::cos(lat * kPi / 180));
      // Turn back at the edges of the box (mirror the heading).
      if (lon + dlon < kWest || lon + dlon > kEast) {
        heading = -heading;
        dlon = -dlon;
      }
      if (lat + dlat < kSouth || lat + dlat > kNorth) {
        heading = kPi - heading;
        dlat = -dlat;
      }
      lon += dlon;
      lat += dlat;
    }
    tracks.push_back(std::move(track));
  }
  return tracks;
}

std::size_t count_dateline_crossings(const std::vector<GenTrack>& tracks) {
  std::size_t n = 0;
  for (const GenTrack& track : tracks)
    for (std::size_t k = 1; k < track.points.size(); ++k)
      if (std::abs(track.points[k].lon - track.points[k - 1].lon) > 180) ++n;
  return n;
}

std::string write_tracks(const std::vector<GenTrack>& tracks, Format format, const std::string& path) {
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> file(std::fopen(path.c_str(), "wb"), &std::fclose);
  if (!file) return "cannot create " + path;
  {
    Out out(file.get());
    switch (format) {
      case Format::Csv: write_csv(tracks, out); break;
      case Format::Gpx: write_gpx(tracks, out); break;
      case Format::GeoJson: write_geojson(tracks, out); break;
    }
    out.flush();
    if (out.failed()) return "cannot write " + path;
  }
  if (std::fclose(file.release()) != 0) return "cannot write " + path;
  return "";
}

}  // namespace bench
