// Shared set-up for the micro-benchmarks: synthetic tracks as geo::Events, and their files in a
// temporary directory.
#pragma once
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "event.hpp"
#include "track_generator.hpp"

namespace bench {

// The generated tracks as events, as the loaders would make them (kind, domain, force type,
// participant, per-vertex times).
inline std::vector<geo::Event> to_events(const std::vector<GenTrack>& tracks) {
  std::vector<geo::Event> events;
  events.reserve(tracks.size());
  for (const GenTrack& track : tracks) {
    geo::Event e;
    e.id = e.name = track.id;
    e.kind = track.air ? "air_patrol" : "naval_patrol";
    e.domains = {track.air ? "air" : "naval"};
    e.force_types = {track.air ? "strategic_bomber" : "destroyer"};
    e.participants = {track.russian ? "RU" : "CN"};
    geo::Line line;
    line.coords.reserve(track.points.size());
    line.times.reserve(track.points.size());
    for (const GenPoint& p : track.points) {
      line.coords.push_back({p.lon, p.lat});
      line.times.push_back(p.t);
    }
    if (!line.times.empty()) {
      e.start = line.times.front();
      e.end = line.times.back();
    }
    e.geometry.lines.push_back(std::move(line));
    events.push_back(std::move(e));
  }
  return events;
}

// A fresh directory under $TMPDIR (removed by the caller).
inline std::filesystem::path make_temp_dir(const char* prefix) {
  std::string pattern = (std::filesystem::temp_directory_path() / (std::string(prefix) + "-XXXXXX")).string();
  if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("cannot create a temporary directory");
  return pattern;
}

}  // namespace bench
