// `patrolscope animate -o OUT.mp4|OUT.webm|OUT.gif|OUT_%04d.png [DATA...]`: a briefing clip of
// the patrols moving, with no display (EGL surfaceless). The map options are render's; the
// clock is planned from frame numbers (animation/clip.hpp), each frame drawn from uniforms
// over the scene uploaded once (animation/clip_frames.hpp) and encoded on the encoder's own
// thread (video/encoder.hpp). Ctrl-C or a failure leaves nothing at the target.
#include <CLI/CLI.hpp>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <optional>

#include "animation/briefing_map.hpp"
#include "animation/clip.hpp"
#include "animation/clip_frames.hpp"
#include "commands.hpp"
#include "output_file.hpp"
#include "render/egl_context.hpp"
#include "render/png_io.hpp"
#include "snapshot/snapshot.hpp"
#include "video/encoder.hpp"

namespace patrolscope {
namespace {

constexpr int kExitInterrupted = 130;  // the shell's code for "ended by SIGINT"

struct AnimateOptions {
  animation::ClipMapOptions map;
  std::string output;
  std::string preview;  // write only the first frame, to this PNG
  std::string from, to, speed, window, mode = "trail";
  double duration_s = 0, hold_s = 1;
  int fps = 0, quality = 75;
  bool skip_empty = true, names = true;
};

volatile std::sig_atomic_t interrupted = 0;
void on_interrupt(int) { interrupted = 1; }

// Installs the Ctrl-C handler for the lifetime of the object (and restores the previous one).
class InterruptGuard {
 public:
  InterruptGuard() {
    interrupted = 0;
    struct sigaction action {};
    action.sa_handler = on_interrupt;
    sigemptyset(&action.sa_mask);
    sigaction(SIGINT, &action, &previous_int_);
    sigaction(SIGTERM, &action, &previous_term_);
  }
  ~InterruptGuard() {
    sigaction(SIGINT, &previous_int_, nullptr);
    sigaction(SIGTERM, &previous_term_, nullptr);
  }

 private:
  struct sigaction previous_int_ {}, previous_term_ {};
};

geo::Seconds parse_instant(const std::string& option, const std::string& text) {
  std::string why;
  if (auto t = geo::parse_time(text, &why)) return *t;
  throw UsageError(option + ": invalid time '" + text + "'" + (why.empty() ? "" : ": " + why));
}

// Frame N/M, frames/s and time left on stderr: rewritten in place on a terminal, a line a
// second otherwise (logs, tests).
class Progress {
 public:
  Progress(std::int64_t total, bool quiet) : total_(total), quiet_(quiet), tty_(::isatty(2)) {}
  void frame_done(std::int64_t done) {
    if (quiet_) return;
    const auto now = std::chrono::steady_clock::now();
    const double since_report = std::chrono::duration<double>(now - reported_).count();
    if (done != 1 && done != total_ && since_report < (tty_ ? 0.25 : 1.0)) return;
    reported_ = now;
    const double elapsed = std::chrono::duration<double>(now - started_).count();
    const double rate = elapsed > 0 ? done / elapsed : 0;
    const double left = rate > 0 ? (total_ - done) / rate : 0;
    std::fprintf(stderr, "%spatrolscope: animate: frame %lld/%lld  %.1f frames/s  %.0f s left%s", tty_ ? "\r" : "",
                 static_cast<long long>(done), static_cast<long long>(total_), rate, left, tty_ ? "   " : "\n");
    if (tty_ && done == total_) std::fputc('\n', stderr);
    std::fflush(stderr);
  }
  double elapsed_s() const { return std::chrono::duration<double>(std::chrono::steady_clock::now() - started_).count(); }

 private:
  std::int64_t total_;
  bool quiet_, tty_;
  std::chrono::steady_clock::time_point started_ = std::chrono::steady_clock::now(), reported_{};
};

int run_animate(const AnimateOptions& o) {
  // Everything the user typed is checked before anything is loaded.
  const std::optional<video::Format> format = video::format_for_path(o.output);
  if (!format)
    throw UsageError("-o " + o.output + ": expected a .mp4, .webm or .gif file, or a PNG sequence like OUT_%04d.png");
  const bool gif = *format == video::Format::Gif;
  MapChoice choice = animation::choose_map(o.map, gif ? "960x540" : "1920x1080");
  if (const std::string problem = video::size_problem(*format, choice.spec.width, choice.spec.height); !problem.empty())
    throw UsageError("--size: " + problem);
  if (choice.spec.transparent) throw UsageError("--transparent: a clip has an opaque background");
  // The clock has the top right corner; the legend goes where it is asked, else bottom left.
  snapshot::LegendPlace legend = choice.spec.legend;
  if (legend == snapshot::LegendPlace::Auto) legend = snapshot::LegendPlace::BottomLeft;
  if (legend == snapshot::LegendPlace::TopRight) legend = snapshot::LegendPlace::BottomRight;
  const int fps = o.fps > 0 ? o.fps : gif ? 15 : 30;
  if (fps > 120) throw UsageError("--fps: expected 1 to 120");
  if (o.quality < 1 || o.quality > 100) throw UsageError("--quality: expected 1 (smallest) to 100 (best)");
  if (o.hold_s < 0) throw UsageError("--hold: expected seconds >= 0");
  if (o.duration_s < 0) throw UsageError("--duration: expected seconds > 0");
  if (o.duration_s > 0 && !o.speed.empty()) throw UsageError("--duration and --speed are alternatives");
  std::optional<geo::Seconds> speed;
  if (!o.speed.empty()) {
    speed = geo::parse_duration(o.speed);
    if (!speed || *speed <= 0) throw UsageError("--speed: expected data time per clip second, like 7d or 12h, got '" + o.speed + "'");
  }
  render::FrameState::WindowMode mode = render::FrameState::Trail;
  if (o.mode == "fixed") mode = render::FrameState::Fixed;
  else if (o.mode == "cumulative") mode = render::FrameState::Cumulative;
  else if (o.mode != "trail") throw UsageError("--mode: expected trail, fixed or cumulative, got '" + o.mode + "'");
  std::optional<geo::Seconds> window;  // nullopt: the default for the clip; -1: all
  if (o.window == "all") window = -1;
  else if (!o.window.empty()) {
    window = geo::parse_duration(o.window);
    if (!window || *window <= 0) throw UsageError("--window: expected a duration like 12h, 7d, 30d or 'all', got '" + o.window + "'");
  }
  std::optional<geo::Seconds> from, to;
  if (!o.from.empty()) from = parse_instant("--from", o.from);
  if (!o.to.empty()) to = parse_instant("--to", o.to);
  {
    namespace fs = std::filesystem;
    const fs::path directory = fs::absolute(o.output).parent_path();
    std::error_code error;
    if (!fs::is_directory(directory, error))
      throw std::runtime_error(o.output + ": directory " + directory.string() + " does not exist");
  }

  render::EglContext context;
  const std::unique_ptr<animation::BriefingMap> briefing = animation::load_briefing_map(o.map, std::move(choice));
  const animation::BriefingMap& map = *briefing;
  const snapshot::MapContext map_context = map.context();

  // The clip's span: --from/--to, else that of the filtered events on this map (a patrol in
  // the Gulf of Oman gives a Pacific clip no time).
  std::vector<std::pair<geo::Seconds, geo::Seconds>> activity;
  geo::Seconds first = geo::kNoTime, last = geo::kNoTime;
  for (std::size_t i : snapshot::visible_events(map_context, map.base_state())) {
    const geo::Event& event = map.events[i];
    if (!event.timed()) continue;
    activity.push_back({event.start, event.end});
    first = first == geo::kNoTime ? event.start : std::min(first, event.start);
    last = last == geo::kNoTime ? event.end : std::max(last, event.end);
  }
  if (first == geo::kNoTime && (!from || !to))
    throw std::runtime_error("no timed event on this map matches the filter: nothing to animate (give --from and --to to animate the map anyway)");
  animation::ClipSettings settings;
  settings.from = from.value_or(first);
  settings.to = to.value_or(std::max(last, settings.from + 86400));
  if (settings.to <= settings.from) throw UsageError("--to must be after --from");
  settings.fps = fps;
  settings.hold_s = o.hold_s;
  settings.speed = speed ? static_cast<double>(*speed) : 0;
  settings.duration_s = o.duration_s > 0 ? o.duration_s : speed ? 0 : 20;
  settings.skip_empty = o.skip_empty;
  settings.activity = activity;
  // The trail: a week when empty stretches are skipped (each patrol plays on its own), else a
  // twentieth of the clip's span; at least a day.
  const geo::Seconds span = settings.to - settings.from;
  const geo::Seconds trail = window.value_or(std::max<geo::Seconds>(86400, o.skip_empty ? 7 * 86400 : span / 20));
  settings.linger = trail < 0 ? 0 : trail;
  animation::ClipPlan plan;
  try {
    plan = animation::plan_clip(settings);
  } catch (const std::invalid_argument& e) {
    throw UsageError(e.what());
  }

  animation::ClipLook look;
  look.base = map.base_state();
  look.window = trail;
  look.mode = mode;
  look.overlays = map.choice.spec.overlays;
  look.names = o.names;
  look.text = map.request().text;
  look.legend = legend;
  animation::ClipFrames frames(map.map->renderer(), map_context, look, plan);
  if (!o.preview.empty()) {  // the viewer's Record dialog shows this: the very frame the clip starts with
    render::write_png(o.preview, frames.frame(0), {{"Software", "patrolscope animate --preview"}}, false);
    std::printf("%s\n", o.preview.c_str());
    return map.all_ok ? kExitOk : kExitInputError;
  }

  video::EncoderOptions encoding;
  encoding.path = o.output;
  encoding.format = *format;
  encoding.width = map.choice.spec.width;
  encoding.height = map.choice.spec.height;
  encoding.fps = fps;
  encoding.quality = o.quality;
  encoding.metadata = {
      {"title", look.text.title},
      {"comment", "patrolscope animate: " + geo::format_time(settings.from) + " to " + geo::format_time(settings.to) +
                      ", " + o.mode + " " + (trail < 0 ? "all" : geo::format_duration(trail)) +
                      ", filter " + (map.choice.spec.filter.empty() ? "none" : map.choice.spec.filter.describe()) +
                      ", projection " + map.choice.spec.projection},
  };
  if (gif)  // one palette for the clip, from frames across it
    for (int k = 0; k < 10; ++k) {
      render::Image sample = frames.frame(plan.frames * k / 10);
      encoding.palette_samples.push_back({sample.width, sample.height, std::move(sample.rgba)});
    }

  InterruptGuard guard;
  video::Encoder encoder(std::move(encoding));
  Progress progress(plan.frames, o.map.inputs.quiet);
  for (std::int64_t i = 0; i < plan.frames; ++i) {
    if (interrupted) {
      encoder.abort();
      std::fprintf(stderr, "\npatrolscope: animate: interrupted at frame %lld of %lld; %s not written\n",
                   static_cast<long long>(i), static_cast<long long>(plan.frames), o.output.c_str());
      return kExitInterrupted;
    }
    render::Image image = frames.frame(i);
    encoder.push({image.width, image.height, std::move(image.rgba)});
    progress.frame_done(i + 1);
  }
  encoder.finish();
  if (interrupted) {  // arrived while the last frames were encoded: the clip is whole, keep it
    std::fprintf(stderr, "patrolscope: animate: interrupted after the last frame; the clip is complete\n");
  }
  std::vector<std::string> written = encoder.written();
  if (map.choice.spec.world_file) {
    // One world file for the clip (every frame has the same camera), named after it.
    namespace fs = std::filesystem;
    std::string base = o.output;
    if (*format == video::Format::PngSequence) base = video::sequence_base(o.output);
    const std::string pgw = fs::path(base).replace_extension(".pgw").string();
    const std::string prj = fs::path(base).replace_extension(".prj").string();
    geo::write_files_atomically({{pgw, snapshot::world_file_text(look.base.camera)}, {prj, map_context.projection.wkt()}});
    written.push_back(pgw);
    written.push_back(prj);
  }
  if (*format == video::Format::PngSequence) std::printf("%s (%zu files)\n", o.output.c_str(), encoder.written().size());
  else std::printf("%s\n", o.output.c_str());
  for (std::size_t i = encoder.written().size(); i < written.size(); ++i) std::printf("%s\n", written[i].c_str());
  if (!o.map.inputs.quiet)
    std::fprintf(stderr, "patrolscope: animate: %lld frames (%.1f s at %d fps, %s) in %.1f s\n",
                 static_cast<long long>(plan.frames), plan.duration_s(), fps, video::to_string(*format),
                 progress.elapsed_s());
  return map.all_ok ? kExitOk : kExitInputError;
}

}  // namespace

CommandRun add_animate_command(CLI::App& app) {
  auto o = std::make_shared<AnimateOptions>();
  CLI::App* command = app.add_subcommand("animate", "Write a briefing clip (MP4, WebM, GIF or PNG frames) of the patrols moving");
  command->add_option("-o,--output", o->output, "OUT.mp4 (H.264), OUT.webm (VP9), OUT.gif, or OUT_%04d.png frames")->required();
  command->add_option("--preview", o->preview,
                      "Write only the clip's first frame to this PNG, not the clip (-o still names the clip's format)");
  command->add_option("--from", o->from, "The clip's first instant (default: the filtered data's first)");
  command->add_option("--to", o->to, "The clip's last instant (default: the filtered data's last)");
  command->add_option("--duration", o->duration_s, "Clip length in seconds, holds included (default 20)");
  command->add_option("--speed", o->speed, "Instead of --duration: data time per clip second (7d, 12h, …)");
  command->add_option("--fps", o->fps, "Frames per second (default 30; GIF 15)");
  command->add_option("--window", o->window, "Trail length (12h, 7d, 30d, all; default 7d, or 1/20 of the span without skipping)");
  command->add_option("--mode", o->mode, "trail (fading, default), fixed (no fade) or cumulative (everything so far, older dimmed)");
  command->add_option("--hold", o->hold_s, "Seconds held on the first and on the last frame (default 1)");
  command->add_flag("--skip-empty,!--no-skip-empty", o->skip_empty,
                    "Cross stretches with no activity in a short, labelled jump, each patrol at its own pace (default on)");
  command->add_flag("--names,!--no-names", o->names, "Show an event's name as it starts (default on)");
  command->add_option("--quality", o->quality, "1 (smallest file) to 100 (best picture), default 75");
  o->map.add_to(*command);
  return [o]() { return run_reporting_errors("animate", [&o] { return run_animate(*o); }); };
}

}  // namespace patrolscope
