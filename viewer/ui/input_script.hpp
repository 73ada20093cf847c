// Scripted input for tests and demonstrations (`view --script FILE`, hidden): keys, typed
// text, mouse drags and dropped files, fed to ImGui one frame at a time exactly where the
// GLFW backend puts real input (io.KeysDown, io.MousePos, io.MouseDown, characters), so the
// panels under test run their real code. One command a line; # starts a comment:
//   wait N                      draw N frames
//   idle                        draw until no load and no scene build is in progress
//   key [ctrl+][shift+]KEY      press and release KEY (A–Z, 0–9, Enter, Escape, Up, Down, Backspace, Tab)
//   type TEXT                   type TEXT into the focused field
//   drop PATH [PATH…]           drop files onto the window (the GLFW drop callback's handler)
//   drag-timeline F0 F1 [shift] drag across the timeline from F0 to F1 (fractions of its width)
//   click-map LON LAT           click the map where LON, LAT is drawn (press, hold, release in place)
//   print                       print the state line ("state: …") to stdout
#pragma once
#include <imgui.h>

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "app_state.hpp"

namespace patrolscope::ui {

struct ScriptHooks {
  std::function<void(const std::vector<std::string>&)> drop;
  std::function<bool()> busy;   // a load or a scene build is in progress
  std::function<void()> print;
  // Where LON, LAT is on the map (window pixels); none when it is not on the map.
  std::function<std::optional<ImVec2>(double lon, double lat)> map_point;
};

class InputScript {
 public:
  // Reads the script; false (with `error` naming the line) when a line is not a command.
  bool load(const std::string& path, std::string* error);
  // Call between the backend's NewFrame and ImGui::NewFrame.
  void before_frame(const AppState& state, const ScriptHooks& hooks);
  bool done() const { return next_ >= commands_.size() && wait_ == 0 && !releasing_ && drag_step_ < 0; }
  bool active() const { return !commands_.empty(); }

 private:
  struct Command {
    std::vector<std::string> words;
    std::string rest;  // the text after the first word (for type)
  };
  std::vector<Command> commands_;
  std::size_t next_ = 0;
  int wait_ = 0;
  bool idle_ = false;
  int idle_frames_ = 0;
  bool releasing_ = false;   // a key is down: release it this frame
  int released_key_ = -1;
  // A drag in progress: steps from 0 to kDragSteps, then a release frame.
  int drag_step_ = -1;
  float drag_x0_ = 0, drag_x1_ = 0, drag_y_ = 0;
  bool drag_shift_ = false;
};

}  // namespace patrolscope::ui
