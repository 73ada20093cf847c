// The interactive window: GLFW (OpenGL 3.3 core), Dear ImGui's GLFW + OpenGL3 backends, the
// panels and the map canvas. Idle frames wait for events, so an idle window costs no CPU.
// With `frames` > 0 it runs that many frames (after the first scene is ready), writes the
// whole window to `capture` when given, and returns.
#pragma once
#include <string>

#include "app_state.hpp"
#include "coastline.hpp"
#include "load.hpp"
#include "settings.hpp"

namespace patrolscope {

struct WindowOptions {
  WindowSize size;
  int frames = 0;             // 0: run until closed
  std::string capture;        // PNG of the last frame (with `frames`)
  std::string settings_path;  // empty: do not persist settings
  std::string settings_at_start;  // settings_json at start: saved at exit only when it changed
  // With `frames`: switch to this projection after the first frame and keep drawing until its
  // scene is on screen (checks that reprojecting never blocks the window).
  std::string switch_to;
  // With `frames`: after the first frame, zoom as the D/F/S keys do (data, filtered, selection).
  std::string zoom_to;
  // With `frames`: after the first frame, open the Snapshot dialog and write this PNG from it.
  std::string snapshot_to;
  // Batch runs: open Record with a small clip to this path, press Record once the first
  // frame's preview is on show, end when the clip is written, and keep the preview beside it
  // as PATH.preview.png (tests).
  std::string record_to;
  std::string title = "patrolscope";
  geo::LoadOptions load;  // for files opened or dropped in the window
  std::string script;     // scripted input (ui/input_script.hpp); the run ends after it and `frames`
};

// Returns 0, or 1 when the window cannot be opened (`error` says why; nothing was shown).
int run_window(const WindowOptions& options, AppState& state, ViewData& data,
               const geo::Coastline& coastline, std::string* error);

}  // namespace patrolscope
