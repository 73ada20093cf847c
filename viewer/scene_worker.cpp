#include "scene_worker.hpp"

#include "framing.hpp"
#include "projection.hpp"
#include "snapshot/snapshot.hpp"

namespace patrolscope {

BuiltScene build_scene_for(const std::vector<geo::Event>& events, const geo::Coastline& coastline,
                           const std::vector<geo::Zone>& zones, const std::string& projection) {
  const auto started = std::chrono::steady_clock::now();
  BuiltScene built;
  built.projection = projection;
  try {
    const geo::MapProjection map = geo::MapProjection::create(projection);
    const geo::Preset* preset = geo::find_preset(projection);
    auto scene = std::make_shared<geo::Scene>(snapshot::build_map_scene(events, coastline, map, projection));
    geo::add_zone_layers(*scene, zones, map);
    built.view = preset ? map.extent_of(preset->view) : scene->full_extent;
    // A region preset opens on the activity it holds (all the data when it holds none); the
    // world preset on its outline.
    if (preset) {
      std::vector<const geo::Event*> all;
      for (const geo::Event& e : events) all.push_back(&e);
      geo::FrameRequest request;  // a typical window; the canvas fits this to its own
      request.width_px = 1600;
      request.height_px = 1000;
      request.margin_px = 60;
      request.min_span = 300e3;
      if (const auto fitted = geo::frame_preset(*preset, all, map, request)) built.view = *fitted;
    }
    built.scene = std::move(scene);
  } catch (const std::exception& e) {
    built.error = e.what();
  }
  built.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return built;
}

SceneWorker::SceneWorker(const std::vector<geo::Event>& events, const geo::Coastline& coastline,
                         const std::vector<geo::Zone>& zones)
    : events_(events), coastline_(coastline), zones_(zones) {}

SceneWorker::~SceneWorker() {
  if (current_.valid()) current_.wait();
}

void SceneWorker::start(const std::string& projection) {
  target_ = projection;
  started_ = std::chrono::steady_clock::now();
  current_ = std::async(std::launch::async, [this, projection] {
    return build_scene_for(events_, coastline_, zones_, projection);
  });
}

void SceneWorker::request(const std::string& projection) {
  if (current_.valid())
    pending_ = projection;
  else
    start(projection);
}

std::optional<BuiltScene> SceneWorker::poll() {
  if (!current_.valid() ||
      current_.wait_for(std::chrono::seconds(0)) != std::future_status::ready)
    return std::nullopt;
  BuiltScene built = current_.get();
  if (pending_) {  // superseded: build the newest request instead
    start(*pending_);
    pending_.reset();
    return std::nullopt;
  }
  target_.clear();
  return built;
}

std::optional<BuiltScene> SceneWorker::wait() {
  std::optional<BuiltScene> last;
  while (current_.valid()) {
    current_.wait();
    if (auto built = poll()) last = std::move(built);
  }
  return last;
}

double SceneWorker::busy_seconds() const {
  return current_.valid()
             ? std::chrono::duration<double>(std::chrono::steady_clock::now() - started_).count()
             : 0.0;
}

}  // namespace patrolscope
