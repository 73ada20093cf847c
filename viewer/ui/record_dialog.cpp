// The Record dialog: a briefing clip of the map as shown (projection and extent, filters,
// colours, window mode and length), from/to defaulting to the timeline's visible range, with
// the clip's first frame as a preview. The clip and the preview are made by `patrolscope
// animate` in a child process (the same frames as the command line, its own EGL context), so
// the window stays responsive; its progress lines feed the progress bar, and Cancel sends it
// SIGINT (it then leaves no file at the target).
#include "record_dialog.hpp"

#include <imgui.h>
#include <stdlib.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "map_canvas.hpp"
#include "panels.hpp"
#include "render/png_io.hpp"

namespace patrolscope::ui {
namespace {

constexpr float kPreviewSettleSeconds = 0.4f;  // typing in a field makes one preview, not one per key

std::string join(const auto& values) {
  std::string text;
  for (const auto& v : values) {
    if (!text.empty()) text += ",";
    if constexpr (std::is_same_v<std::decay_t<decltype(v)>, int>) text += std::to_string(v);
    else text += v;
  }
  return text;
}

std::string own_executable() {
  std::error_code error;
  const auto path = std::filesystem::read_symlink("/proc/self/exe", error);
  return error ? "patrolscope" : path.string();
}

// `patrolscope animate` arguments for the state as shown, writing to `path`.
std::vector<std::string> animate_args(const UiContext& ui, const RecordDialog& d, const std::string& path) {
  const AppState& s = ui.state;
  std::vector<std::string> a{own_executable(), "animate", "-o", path, "--size",
                             std::to_string(d.size[0]) + "x" + std::to_string(d.size[1]), "--duration",
                             std::to_string(d.duration), "--fps", std::to_string(d.fps)};
  if (geo::find_preset(s.projection)) a.insert(a.end(), {"--region", s.projection});
  else a.insert(a.end(), {"--crs", s.projection});
  if (ui.map) {
    const geo::Extent view = ui.map->camera(s).extent();
    char extent[160];
    std::snprintf(extent, sizeof extent, "%.3f,%.3f,%.3f,%.3f", view.xmin, view.ymin, view.xmax, view.ymax);
    a.insert(a.end(), {"--extent", extent});
  }
  if (!s.filter.years.empty()) a.insert(a.end(), {"--years", join(s.filter.years)});
  if (!s.filter.domains.empty()) a.insert(a.end(), {"--domain", join(s.filter.domains)});
  if (!s.filter.force_types.empty()) a.insert(a.end(), {"--force", join(s.filter.force_types)});
  if (!s.filter.participants.empty()) a.insert(a.end(), {"--participant", join(s.filter.participants)});
  if (!s.filter.kinds.empty()) a.insert(a.end(), {"--kind", join(s.filter.kinds)});
  a.insert(a.end(), {"--color-by", to_string(s.color_by)});
  if (s.window_mode == WindowMode::All) {
    a.insert(a.end(), {"--mode", "cumulative", "--window", "all"});
  } else {
    // In seconds: parse_duration reads a plain number exactly (format_duration's "1y 10d" it may not).
    a.insert(a.end(), {"--mode", to_string(s.window_mode), "--window", std::to_string(std::max<geo::Seconds>(1, s.window))});
  }
  if (!d.skip_empty) a.push_back("--no-skip-empty");
  if (d.from[0]) a.insert(a.end(), {"--from", d.from});
  if (d.to[0]) a.insert(a.end(), {"--to", d.to});
  if (d.title[0]) a.insert(a.end(), {"--title", d.title});
  if (d.subtitle[0]) a.insert(a.end(), {"--subtitle", d.subtitle});
  if (d.banner[0]) a.insert(a.end(), {"--banner", d.banner});
  for (const std::string& input : ui.data.inputs) a.push_back(input);
  return a;
}

// The preview's arguments: the clip's, with -o in the preview's directory (the same file name,
// so the same format and size rules) and --preview naming the PNG.
std::vector<std::string> preview_args(const UiContext& ui, const RecordDialog& d) {
  const std::string name = std::filesystem::path(d.path).filename().string();
  std::vector<std::string> a = animate_args(ui, d, d.preview_dir + "/" + (name.empty() ? "clip.mp4" : name));
  a.insert(a.begin() + 2, {"--preview", d.preview_png(), "--quiet"});
  return a;
}

// Starts, follows and shows the preview of the first frame.
void update_preview(UiContext& ui, RecordDialog& d) {
  if (d.preview_dir.empty()) {  // made when the dialog first opens, not with every window
    std::string pattern = (std::filesystem::temp_directory_path() / "patrolscope-record-XXXXXX").string();
    if (!mkdtemp(pattern.data())) {  // 0700: the preview is nobody else's
      d.preview_error = "cannot create a temporary directory";
      return;
    }
    d.preview_dir = pattern;
  }
  std::vector<std::string> wanted = preview_args(ui, d);
  if (wanted != d.wanted_args) d.wanted_args = std::move(wanted), d.wanted_for = 0;
  else d.wanted_for += ui.dt;
  const bool was_running = d.preview_job.running();
  if (!d.preview_job.poll() && was_running) {  // ended this frame
    if (d.preview_job.exit_code() == 0) {
      try {
        const render::Image image = render::read_png(d.preview_png());
        if (!d.preview_texture) d.preview_texture = render::GlTexture::create();
        glBindTexture(GL_TEXTURE_2D, d.preview_texture.get());
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
        glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
        glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, image.width, image.height, 0, GL_RGBA, GL_UNSIGNED_BYTE, image.rgba.data());
        glBindTexture(GL_TEXTURE_2D, 0);
        d.preview_width = image.width, d.preview_height = image.height;
        d.preview_error.clear();
      } catch (const std::exception& e) {
        d.preview_error = e.what();
      }
    } else {
      d.preview_error = d.preview_job.last_line();
    }
  }
  const bool first = !d.preview_texture && d.preview_error.empty();
  if (!d.preview_job.running() && d.wanted_args != d.shown_args && (first || d.wanted_for >= kPreviewSettleSeconds)) {
    std::string error;
    d.shown_args = d.wanted_args;
    if (!d.preview_job.start(d.wanted_args, error)) d.preview_error = error;
  }
}

void draw_preview(RecordDialog& d) {
  ImGui::Separator();
  const bool stale = d.preview_job.running() || d.shown_args != d.wanted_args;
  if (!d.preview_error.empty() && !d.preview_job.running()) {
    ImGui::TextWrapped("No preview: %s", d.preview_error.c_str());
  } else {
    ImGui::TextDisabled(stale ? "First frame (updating…)" : "First frame, as the clip starts");
  }
  d.preview_rect = ImVec4(0, 0, 0, 0);
  if (!d.preview_texture || d.preview_width <= 0) return;
  const float width = ImGui::GetContentRegionAvail().x;
  const float most_height = ImGui::GetMainViewport()->WorkSize.y * 0.35f;
  ImVec2 shown(width, width * d.preview_height / d.preview_width);
  if (shown.y > most_height) shown = ImVec2(most_height * d.preview_width / d.preview_height, most_height);
  ImGui::Image(reinterpret_cast<ImTextureID>(static_cast<std::intptr_t>(d.preview_texture.get())), shown);
  const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
  d.preview_rect = ImVec4(a.x, a.y, b.x, b.y);
}

}  // namespace

RecordDialog::~RecordDialog() {
  preview_job.interrupt_and_wait();
  if (!preview_dir.empty()) {
    std::error_code ignored;
    std::filesystem::remove_all(preview_dir, ignored);
  }
}

void draw_record_dialog(UiContext& ui) {
  if (!ui.record) return;  // a window without a GL context for the preview
  RecordDialog& d = *ui.record;

  // From/to: the timeline's visible range when the dialog opens.
  if (!d.defaults_taken) {
    const AppState& s = ui.state;
    const bool zoomed = s.timeline_from != 0 || s.timeline_to != 0;
    const geo::Seconds a = zoomed ? static_cast<geo::Seconds>(s.timeline_from) : ui.data.range.from;
    const geo::Seconds b = zoomed ? static_cast<geo::Seconds>(s.timeline_to) : ui.data.range.to;
    if (a != geo::kNoTime && b != geo::kNoTime) {
      std::snprintf(d.from, sizeof d.from, "%s", geo::format_time(a).c_str());
      std::snprintf(d.to, sizeof d.to, "%s", geo::format_time(b).c_str());
    }
    d.defaults_taken = true;
  }

  const bool running = d.clip.poll();
  if (running) {
    ++d.frames_drawn_while_recording;
    const std::string& text = d.clip.output();
    long long done = 0, total = 0;
    if (const auto at = text.rfind("frame "); at != std::string::npos &&
                                              std::sscanf(text.c_str() + at, "frame %lld/%lld", &done, &total) == 2)
      d.frames_done = done, d.frames_total = total;
  }
  if (!running && d.watching_clip) {
    d.watching_clip = false;
    d.message = d.clip.exit_code() == 0 ? "Wrote " + std::string(d.path)
                : d.clip.exit_code() == 130 ? std::string("Cancelled: nothing written")
                                            : "Failed: " + d.clip.last_line();
  }
  update_preview(ui, d);
  // Keep frames coming while a child works or a preview waits for the settings to settle.
  ui.state.background_job = running || d.preview_job.running() || d.wanted_args != d.shown_args;
  if (running) ui.state.panels.record = true;  // the dialog (progress, Cancel) stays while it records

  // The height follows the contents: the preview arrives a moment after the dialog opens.
  size_dialog_to_contents(34);
  if (!ImGui::Begin("Record", &ui.state.panels.record, ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoSavedSettings)) {
    ImGui::End();
    return;
  }
  keep_dialog_on_screen();
  ImGui::TextWrapped("Writes a clip of the map as shown (extent, filters, colours, trail) from the first to the "
                     "last instant: MP4 (H.264), WebM (VP9), GIF, or frames named like clip_%%04d.png. "
                     "The clock, a progress strip and the briefing furniture are on every frame.");
  ImGui::BeginDisabled(running);
  ImGui::InputText("File", d.path, sizeof d.path);
  ImGui::InputInt2("Size (px)", d.size);
  d.size[0] = std::clamp(d.size[0] & ~1, 64, 8192);
  d.size[1] = std::clamp(d.size[1] & ~1, 64, 8192);
  ImGui::InputText("From (UTC)", d.from, sizeof d.from);
  ImGui::InputText("To (UTC)", d.to, sizeof d.to);
  ImGui::SliderFloat("Length (s)", &d.duration, 3, 60, "%.0f s");
  ImGui::SliderInt("Frames/s", &d.fps, 10, 60);
  ImGui::Checkbox("Skip stretches with no activity", &d.skip_empty);
  ImGui::InputTextWithHint("Title", "China–Russia joint activity: <region>", d.title, sizeof d.title);
  ImGui::InputText("Subtitle", d.subtitle, sizeof d.subtitle);
  ImGui::InputTextWithHint("Banner", "e.g. UNCLASSIFIED", d.banner, sizeof d.banner);
  if (ImGui::Button("Record") || d.record_requested) {
    d.record_requested = false;
    d.message.clear();
    d.frames_done = d.frames_total = 0;
    d.frames_drawn_while_recording = 0;
    std::string error;
    if (!d.clip.start(animate_args(ui, d, d.path), error)) d.message = "Failed: " + error;
    else d.watching_clip = true;
  }
  ImGui::EndDisabled();
  ImGui::SameLine();
  if (running) {
    if (ImGui::Button("Cancel")) d.clip.interrupt();
    char overlay[64];
    std::snprintf(overlay, sizeof overlay, "frame %lld/%lld", d.frames_done, d.frames_total);
    ImGui::ProgressBar(d.frames_total > 0 ? static_cast<float>(d.frames_done) / static_cast<float>(d.frames_total) : 0.0f,
                       ImVec2(-1, 0), overlay);
  } else if (ImGui::Button("Close")) {
    ui.state.panels.record = false;
    d.defaults_taken = false;
  }
  if (!d.message.empty()) ImGui::TextWrapped("%s", d.message.c_str());
  draw_preview(d);
  ImGui::End();
}

}  // namespace patrolscope::ui
