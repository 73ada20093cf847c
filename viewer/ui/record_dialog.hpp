// The Record dialog's state: the form as the user left it, the clip being made, and the
// preview of its first frame (a texture, so the dialog belongs to the window and goes before
// its GL context; view_window owns it and hands it to the panels through UiContext).
#pragma once
#include <imgui.h>

#include <string>
#include <vector>

#include "child_process.hpp"
#include "render/gl_handle.hpp"

namespace patrolscope::ui {

struct RecordDialog {
  RecordDialog() = default;
  ~RecordDialog();  // stops its children, removes the preview's temporary directory
  RecordDialog(const RecordDialog&) = delete;
  RecordDialog& operator=(const RecordDialog&) = delete;

  // The form.
  char path[512] = "patrolscope-clip.mp4";
  char title[256] = "", subtitle[256] = "", banner[128] = "";
  char from[40] = "", to[40] = "";  // UTC; the timeline's visible range when the dialog opens
  int size[2] = {1920, 1080}, fps = 30;
  float duration = 20;
  bool skip_empty = true;
  bool defaults_taken = false;
  bool record_requested = false;  // press Record at the next frame (batch runs' --record-to)
  std::string message;            // "Wrote …", "Cancelled …", "Failed: …"

  // The clip: `patrolscope animate` in a child process, its "frame N/M" lines the progress.
  ChildProcess clip;
  bool watching_clip = false;
  long long frames_done = 0, frames_total = 0;
  int frames_drawn_while_recording = 0;  // the window kept drawing (batch runs report it)

  // The first frame, from `animate --preview` with the same arguments: made again when the
  // settings or the view change (once they have stayed put for a moment).
  ChildProcess preview_job;
  std::vector<std::string> wanted_args, shown_args;  // the settings now, and those of the preview on show
  float wanted_for = 0;                              // seconds the settings have been as they are
  std::string preview_dir;                           // private, temporary; made when the dialog first opens
  render::GlTexture preview_texture;
  int preview_width = 0, preview_height = 0;
  std::string preview_error;
  ImVec4 preview_rect{0, 0, 0, 0};  // where the last frame drew it (window pixels)

  std::string preview_png() const { return preview_dir + "/first-frame.png"; }
  bool preview_current() const { return preview_texture && !preview_job.running() && shown_args == wanted_args; }
  bool finished() const { return watching_clip == false && !clip.running() && !message.empty(); }
};

}  // namespace patrolscope::ui
