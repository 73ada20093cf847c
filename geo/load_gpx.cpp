// GPX through GDAL's GPX driver: each track is an event whose segments are lines, with the
// track points' times as per-vertex times. Routes are untimed lines; waypoints are points
// (timed when they carry a time).
#include <fmt/format.h>
#include <map>

#include "load_internal.hpp"

namespace geo::detail {
namespace {

struct TrackInfo {
  std::string name, type, description;
};

// The "tracks" layer: names and types by FID (track_points refer to it by track_fid).
std::map<GIntBig, TrackInfo> read_track_info(GDALDataset& dataset) {
  std::map<GIntBig, TrackInfo> info;
  OGRLayer* tracks = dataset.GetLayerByName("tracks");
  if (tracks == nullptr) return info;
  const OGRFeatureDefn& defn = *tracks->GetLayerDefn();
  const int name = find_field(defn, "name"), type = find_field(defn, "type"), desc = find_field(defn, "desc");
  for (const auto& feature : *tracks)
    info[feature->GetFID()] = {field_text(*feature, name), field_text(*feature, type), field_text(*feature, desc)};
  return info;
}

struct TrackPoints {
  std::map<GIntBig, Line> segments;  // by track_seg_id
  std::string error;                 // the first bad point, if any
};

void load_tracks(GDALDataset& dataset, LoadContext& ctx) {
  OGRLayer* points = dataset.GetLayerByName("track_points");
  if (points == nullptr) return;
  const std::map<GIntBig, TrackInfo> info = read_track_info(dataset);
  const OGRFeatureDefn& defn = *points->GetLayerDefn();
  const int track_fid = find_field(defn, "track_fid"), seg_id = find_field(defn, "track_seg_id"),
            time = find_field(defn, "time");
  std::map<GIntBig, TrackPoints> tracks;
  std::size_t count = 0;
  for (const auto& feature : *points) {
    if (++count > kMaxVertices) {
      ctx.result.error = fmt::format("more than {} vertices: too large to load", kMaxVertices);
      return;
    }
    TrackPoints& track = tracks[feature->GetFieldAsInteger64(track_fid)];
    const OGRGeometry* g = feature->GetGeometryRef();
    if (g == nullptr || wkbFlatten(g->getGeometryType()) != wkbPoint) continue;
    Line& line = track.segments[feature->GetFieldAsInteger64(seg_id)];
    std::string why;
    const auto t = field_time(*feature, time, why);
    if (!why.empty() && track.error.empty())
      track.error = field_error("time", fmt::format("point {}: {}", line.coords.size() + 1, why));
    line.coords.push_back({g->toPoint()->getX(), g->toPoint()->getY()});
    line.times.push_back(t ? t->t : kNoTime);
  }
  for (auto& [fid, track] : tracks) {
    const auto it = info.find(fid);
    const TrackInfo ti = it != info.end() ? it->second : TrackInfo{};
    const std::string label = fmt::format("track {}{}", fid + 1, ti.name.empty() ? "" : " (" + ti.name + ")");
    if (!track.error.empty()) {
      ctx.skip(label, track.error);
      continue;
    }
    Event e;
    e.id = ti.name.empty() ? fmt::format("track-{}", fid + 1) : ti.name;
    e.name = ti.name;
    e.kind = ti.type;
    e.notes = ti.description;
    for (auto& [seg, line] : track.segments) e.geometry.lines.push_back(std::move(line));
    if (!ctx.add(std::move(e), label)) return;
  }
}

// Routes and waypoints: through the generic layer reader (names, times, attributes).
void load_other_layers(GDALDataset& dataset, LoadContext& ctx) {
  for (const char* name : {"routes", "waypoints"}) {
    OGRLayer* layer = dataset.GetLayerByName(name);
    if (layer == nullptr || ctx.stopped()) continue;
    std::size_t index = 0;
    load_layer(*layer, ctx, index);
  }
}

}  // namespace

void load_gpx(GDALDataset& dataset, LoadContext& ctx) {
  load_tracks(dataset, ctx);
  if (!ctx.stopped()) load_other_layers(dataset, ctx);
}

}  // namespace geo::detail
