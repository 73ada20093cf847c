// Builds scenes (projection, cutting, tessellation) on a background thread so that switching
// projection never freezes the window: the UI keeps drawing the old scene, shows progress, and
// takes the new one when it is done. The PROJ objects are created on the worker thread (one
// PJ per thread).
#pragma once
#include <chrono>
#include <future>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "coastline.hpp"
#include "scene.hpp"

namespace patrolscope {

struct BuiltScene {
  std::string projection;  // the definition as requested
  std::shared_ptr<const geo::Scene> scene;  // null on error
  geo::Extent view;        // the preset's default extent, or the scene's full extent
  std::string error;       // PROJ rejected the definition, or the build failed
  double seconds = 0;
};

class SceneWorker {
 public:
  // The events, coastline and zones must outlive the worker.
  SceneWorker(const std::vector<geo::Event>& events, const geo::Coastline& coastline,
              const std::vector<geo::Zone>& zones);
  ~SceneWorker();

  // Starts building for a projection; a request made while busy replaces any waiting one.
  void request(const std::string& projection);
  // The finished build, once (results superseded by a newer request are dropped).
  std::optional<BuiltScene> poll();
  // Blocks until nothing is pending and returns the last result (for batch captures).
  std::optional<BuiltScene> wait();

  bool busy() const { return current_.valid(); }
  double busy_seconds() const;
  const std::string& target() const { return target_; }

 private:
  void start(const std::string& projection);

  const std::vector<geo::Event>& events_;
  const geo::Coastline& coastline_;
  const std::vector<geo::Zone>& zones_;
  std::future<BuiltScene> current_;
  std::string target_;
  std::optional<std::string> pending_;
  std::chrono::steady_clock::time_point started_;
};

// The build itself (synchronous; also used by the worker thread).
// The scene's zone layers are `zones` (the bundled ones, --zones FILE's).
BuiltScene build_scene_for(const std::vector<geo::Event>& events, const geo::Coastline& coastline,
                           const std::vector<geo::Zone>& zones, const std::string& projection);

}  // namespace patrolscope
