// The Record dialog: a briefing clip of the map as shown (projection and extent, filters,
// colours, window mode and length), from/to defaulting to the timeline's visible range. The
// clip is made by `patrolscope animate` in a child process (the same frames as the command
// line, its own EGL context), so the window stays responsive; its progress lines feed the
// progress bar, and Cancel sends it SIGINT (it then leaves no file at the target).
#include <fcntl.h>
#include <imgui.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "map_canvas.hpp"
#include "panels.hpp"

extern char** environ;

namespace patrolscope::ui {
namespace {

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

// A running `patrolscope animate`: its stderr read without blocking, one frame at a time.
class Recording {
 public:
  ~Recording() { cancel_and_wait(); }

  bool start(const std::vector<std::string>& args, std::string& error) {
    int pipe_fds[2];
    if (pipe(pipe_fds) != 0) return error = "cannot create a pipe", false;
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, pipe_fds[1], 2);
    posix_spawn_file_actions_addclose(&actions, pipe_fds[0]);
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
    std::vector<char*> argv;
    for (const std::string& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    const int spawned = posix_spawn(&pid_, argv[0], &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    close(pipe_fds[1]);
    if (spawned != 0) {
      close(pipe_fds[0]);
      pid_ = -1;
      return error = "cannot start " + args[0], false;
    }
    fd_ = pipe_fds[0];
    fcntl(fd_, F_SETFL, fcntl(fd_, F_GETFL) | O_NONBLOCK);
    done_ = 0, total_ = 0, text_.clear();
    return true;
  }

  // Reads what the child wrote; true while it runs.
  bool poll() {
    if (pid_ < 0) return false;
    char buffer[4096];
    for (ssize_t got; fd_ >= 0 && (got = read(fd_, buffer, sizeof buffer)) > 0;) text_.append(buffer, static_cast<std::size_t>(got));
    const auto at = text_.rfind("frame ");
    long long done = 0, total = 0;
    if (at != std::string::npos && std::sscanf(text_.c_str() + at, "frame %lld/%lld", &done, &total) == 2)
      done_ = done, total_ = total;
    int status = 0;
    if (waitpid(pid_, &status, WNOHANG) == pid_) {
      exit_code_ = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
      pid_ = -1;
      if (fd_ >= 0) {
        for (ssize_t got; (got = read(fd_, buffer, sizeof buffer)) > 0;) text_.append(buffer, static_cast<std::size_t>(got));
        close(fd_), fd_ = -1;
      }
      return false;
    }
    return true;
  }

  void cancel() {
    if (pid_ > 0) kill(pid_, SIGINT);
  }
  void cancel_and_wait() {
    if (pid_ <= 0) return;
    kill(pid_, SIGINT);
    waitpid(pid_, nullptr, 0);
    pid_ = -1;
    if (fd_ >= 0) close(fd_), fd_ = -1;
  }

  bool running() const { return pid_ > 0; }
  float fraction() const { return total_ > 0 ? static_cast<float>(done_) / static_cast<float>(total_) : 0.0f; }
  long long done() const { return done_; }
  long long total() const { return total_; }
  int exit_code() const { return exit_code_; }
  std::string last_line() const {  // the child's last message (an error, or the summary)
    std::string text = text_;
    while (!text.empty() && (text.back() == '\n' || text.back() == '\r' || text.back() == ' ')) text.pop_back();
    const auto cut = text.find_last_of("\r\n");
    return cut == std::string::npos ? text : text.substr(cut + 1);
  }

 private:
  pid_t pid_ = -1;
  int fd_ = -1;
  long long done_ = 0, total_ = 0;
  int exit_code_ = 0;
  std::string text_;
};

// `patrolscope animate` arguments for the state as shown.
std::vector<std::string> animate_args(const UiContext& ui, const std::string& path, int width, int height,
                                      float duration, int fps, bool skip_empty, const std::string& from,
                                      const std::string& to, const std::string& title, const std::string& subtitle,
                                      const std::string& banner) {
  const AppState& s = ui.state;
  std::vector<std::string> a{own_executable(), "animate", "-o", path, "--size",
                             std::to_string(width) + "x" + std::to_string(height), "--duration",
                             std::to_string(duration), "--fps", std::to_string(fps)};
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
  if (!skip_empty) a.push_back("--no-skip-empty");
  if (!from.empty()) a.insert(a.end(), {"--from", from});
  if (!to.empty()) a.insert(a.end(), {"--to", to});
  if (!title.empty()) a.insert(a.end(), {"--title", title});
  if (!subtitle.empty()) a.insert(a.end(), {"--subtitle", subtitle});
  if (!banner.empty()) a.insert(a.end(), {"--banner", banner});
  for (const std::string& input : ui.data.inputs) a.push_back(input);
  return a;
}

}  // namespace

void draw_record_dialog(UiContext& ui) {
  static char path[512] = "patrolscope-clip.mp4";
  static char title[256] = "", subtitle[256] = "", banner[128] = "";
  static char from[40] = "", to[40] = "";
  static int size[2] = {1920, 1080}, fps = 30;
  static float duration = 20;
  static bool skip_empty = true, defaults_taken = false, watching = false;
  static std::string message;
  static Recording recording;

  // From/to: the timeline's visible range when the dialog opens.
  if (!defaults_taken) {
    const AppState& s = ui.state;
    const bool zoomed = s.timeline_from != 0 || s.timeline_to != 0;
    const geo::Seconds a = zoomed ? static_cast<geo::Seconds>(s.timeline_from) : ui.data.range.from;
    const geo::Seconds b = zoomed ? static_cast<geo::Seconds>(s.timeline_to) : ui.data.range.to;
    if (a != geo::kNoTime && b != geo::kNoTime) {
      std::snprintf(from, sizeof from, "%s", geo::format_time(a).c_str());
      std::snprintf(to, sizeof to, "%s", geo::format_time(b).c_str());
    }
    defaults_taken = true;
  }

  const bool running = recording.poll();
  ui.state.background_job = running;  // keep frames coming while the child works
  if (running) ui.state.panels.record = true;  // the dialog (progress, Cancel) stays while it records
  if (!running && watching) {
    watching = false;
    message = recording.exit_code() == 0 ? "Wrote " + std::string(path)
              : recording.exit_code() == 130 ? std::string("Cancelled: nothing written")
                                             : "Failed: " + recording.last_line();
  }

  ImGui::SetNextWindowPos(ImGui::GetMainViewport()->GetCenter(), ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
  ImGui::SetNextWindowSize(ImVec2(ImGui::GetFontSize() * 34, 0), ImGuiCond_Appearing);
  if (!ImGui::Begin("Record", &ui.state.panels.record, ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoSavedSettings)) {
    ImGui::End();
    return;
  }
  ImGui::TextWrapped("Writes a clip of the map as shown (extent, filters, colours, trail) from the first to the "
                     "last instant: MP4 (H.264), WebM (VP9), GIF, or frames named like clip_%%04d.png. "
                     "The clock, a progress strip and the briefing furniture are on every frame.");
  ImGui::BeginDisabled(running);
  ImGui::InputText("File", path, sizeof path);
  ImGui::InputInt2("Size (px)", size);
  size[0] = std::clamp(size[0] & ~1, 64, 8192);
  size[1] = std::clamp(size[1] & ~1, 64, 8192);
  ImGui::InputText("From (UTC)", from, sizeof from);
  ImGui::InputText("To (UTC)", to, sizeof to);
  ImGui::SliderFloat("Length (s)", &duration, 3, 60, "%.0f s");
  ImGui::SliderInt("Frames/s", &fps, 10, 60);
  ImGui::Checkbox("Skip stretches with no activity", &skip_empty);
  ImGui::InputTextWithHint("Title", "China–Russia joint activity: <region>", title, sizeof title);
  ImGui::InputText("Subtitle", subtitle, sizeof subtitle);
  ImGui::InputTextWithHint("Banner", "e.g. UNCLASSIFIED", banner, sizeof banner);
  if (ImGui::Button("Record")) {
    message.clear();
    std::string error;
    if (!recording.start(animate_args(ui, path, size[0], size[1], duration, fps, skip_empty, from, to, title,
                                      subtitle, banner),
                         error))
      message = "Failed: " + error;
    else
      watching = true;
  }
  ImGui::EndDisabled();
  ImGui::SameLine();
  if (running) {
    if (ImGui::Button("Cancel")) recording.cancel();
    char overlay[64];
    std::snprintf(overlay, sizeof overlay, "frame %lld/%lld", recording.done(), recording.total());
    ImGui::ProgressBar(recording.fraction(), ImVec2(-1, 0), overlay);
  } else if (ImGui::Button("Close")) {
    ui.state.panels.record = false;
    defaults_taken = false;
  }
  if (!message.empty()) ImGui::TextWrapped("%s", message.c_str());
  ImGui::End();
}

}  // namespace patrolscope::ui
