// `patrolscope view [DATA...]`: the interactive window. With --frames N [--capture PNG] it runs
// N frames and writes the whole window (UI included) to a PNG, for tests and for people
// without a display at hand. With no display at all it says so and writes a briefing PNG of
// the map headless instead.
#include <CLI/CLI.hpp>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>

#include "assets.hpp"
#include "cli_options.hpp"
#include "commands.hpp"
#include "framing.hpp"
#include "inputs.hpp"
#include "projection.hpp"
#include "render/egl_context.hpp"
#include "scene_worker.hpp"
#include "session_file.hpp"
#include "session_state.hpp"
#include "settings.hpp"
#include "snapshot/overlays.hpp"
#include "view_snapshot.hpp"
#include "view_window.hpp"
#include "vocab.hpp"
#include "workspace.hpp"

namespace patrolscope {
namespace {

struct ViewFlags {
  InputOptions inputs;
  std::string region, crs, at, window, mode, color_by, size = "1440x900", select;
  FilterFlags filters;
  int frames = 0;
  std::string capture, switch_to, zoom_to, snapshot_to, record_to, script, session;
  float ui_scale = 0;
  float line_width = 0;
  bool no_settings = false;
  bool settings_in_batch = false;
};

bool parse_size(const std::string& text, WindowSize& size) {
  int w = 0, h = 0;
  char x = 0;
  if (std::sscanf(text.c_str(), "%d%c%d", &w, &x, &h) != 3 || (x != 'x' && x != 'X') || w < kMinWindowSide ||
      h < kMinWindowSide * 3 / 4 || w > kMaxWindowSide || h > kMaxWindowSide)
    return false;
  size = {w, h};
  return true;
}

// The map with its overlays, drawn headless (EGL, no display) at the window's size: the
// fallback when no window can be opened. Returns the paths written.
std::vector<std::string> write_briefing(const AppState& state, const ViewData& data,
                                        const geo::Coastline& coastline, const WindowSize& size,
                                        const std::string& path) {
  render::EglContext context;
  const BuiltScene built = build_scene_for(data.events, coastline, data.zones, state.projection);
  if (!built.scene) throw std::runtime_error("projection '" + state.projection + "': " + built.error);
  geo::Extent view = built.view;
  render::PngText framing;
  snapshot::LegendPlace legend = snapshot::LegendPlace::Auto;
  if (const geo::Preset* preset = geo::find_preset(state.projection)) {
    // A preset's briefing is framed as `render` frames it: clear of the furniture.
    ViewSnapshot probe;
    probe.width = size.width;
    probe.height = size.height;
    const geo::MapProjection projection = geo::MapProjection::create(state.projection);
    const snapshot::SnapshotSpec spec = spec_for_state(state, data, view, probe);
    const snapshot::MapContext context{*built.scene, projection, data.events, spec.filter, data.coastline_attribution};
    std::vector<const geo::Event*> all;
    for (const geo::Event& e : data.events) all.push_back(&e);
    // The legend in the corner the framing kept clear, as `render` chooses it.
    const snapshot::LegendFrame framed = snapshot::frame_with_legend(
        spec, context, [&](const geo::FrameRequest& request) { return geo::frame_preset(*preset, all, projection, request); });
    if (framed.view) {
      view = *framed.view;
      legend = framed.legend;
      framing = snapshot::framing_metadata(std::string_view(preset->name) == "world" ? "outline" : "data", framed.request);
    }
  }
  if (state.units_per_pixel > 0) {  // the last view, as the window would show it
    const double half_w = size.width * 0.5 * state.units_per_pixel, half_h = size.height * 0.5 * state.units_per_pixel;
    view = {state.center_x - half_w, state.center_y - half_h, state.center_x + half_w, state.center_y + half_h};
  }
  ViewSnapshot snapshot;
  snapshot.path = path;
  snapshot.width = size.width;
  snapshot.height = size.height;
  if (state.units_per_pixel <= 0) snapshot.metadata = framing, snapshot.legend = legend;
  return write_view_snapshot(*built.scene, view, state, data, snapshot);
}

}  // namespace

CommandRun add_view_command(CLI::App& app) {
  auto flags = std::make_shared<ViewFlags>();
  CLI::App* view = app.add_subcommand("view", "Open the map and timeline window (the default command)");
  flags->inputs.add_to(*view);
  view->add_option("--region", flags->region, "Map preset: pacific, arctic, scs, world");
  view->add_option("--crs", flags->crs, "Any PROJ string or EPSG code for the map (instead of a preset)");
  view->add_option("--at", flags->at, "The cursor time (ISO 8601; default: the last event)");
  view->add_option("--window", flags->window,
                   "What the map shows before the cursor: a duration (30d, 12h, 1y) or 'all'");
  view->add_option("--mode", flags->mode, "Time window mode: trail, fixed, cumulative, all");
  flags->filters.add_to(*view);
  view->add_option("--color-by", flags->color_by, "Colour tracks by: domain, participant, force, kind");
  view->add_option("--line-width", flags->line_width, "Track width in pixels");
  view->add_option("--select", flags->select, "Select the event with this id");
  CLI::Option* size_option =
      view->add_option("--size", flags->size, "Window size WxH (default: the saved size, else 1440x900)")->capture_default_str();
  view->add_option("--session", flags->session,
                   "Open a saved session (a .json session, or a PNG render wrote); the options after it override it");
  view->add_option("--frames", flags->frames, "Run this many frames, then exit")->check(CLI::NonNegativeNumber);
  view->add_option("--capture", flags->capture, "With --frames: write the last frame (the whole window) to this PNG");
  view->add_flag("--no-settings", flags->no_settings, "Neither read nor save the settings file");
  view->add_flag("--settings-in-batch", flags->settings_in_batch,
                 "With --frames: read and save the settings file as an interactive run does (for tests)")
      ->group("");  // hidden
  view->add_option("--switch-to", flags->switch_to,
                   "With --frames: switch to this projection after the first frame (a test of background reprojection)")
      ->group("");  // hidden
  view->add_option("--zoom-to", flags->zoom_to, "With --frames: zoom to data, filtered or selection after the first frame")
      ->check(CLI::IsMember({"data", "filtered", "selection"}))
      ->group("");  // hidden
  view->add_option("--ui-scale", flags->ui_scale, "Scale of the panels and text (default: the monitor's content scale)")
      ->check(CLI::Range(0.5, 4.0));
  view->add_option("--script", flags->script, "Scripted input, for tests (see viewer/ui/input_script.hpp)")->group("");  // hidden
  view->add_option("--snapshot-to", flags->snapshot_to,
                   "With --frames: write this PNG from the Snapshot dialog after the first frame (a test of the dialog)")
      ->group("");  // hidden
  view->add_option("--record-to", flags->record_to,
                   "With --frames: record a short clip to this path from the Record dialog (a test of the dialog)")
      ->group("");  // hidden

  return [flags, size_option]() -> int {
    const ViewFlags& f = *flags;
    AppState state;
    WindowSize size;
    if (!parse_size(f.size, size)) {
      std::fprintf(stderr, "patrolscope: --size: expected WxH such as 1440x900, got '%s'\n", f.size.c_str());
      return kExitUsage;
    }
    if (!f.capture.empty() && f.frames == 0) {
      std::fprintf(stderr, "patrolscope: --capture needs --frames N\n");
      return kExitUsage;
    }
    // Batch runs (--frames) are reproducible: they ignore saved settings and save none.
    const bool persist = !f.no_settings && (f.frames == 0 || f.settings_in_batch) && !config_dir().empty();
    const std::string settings_path = persist ? config_dir() + "/settings.json" : "";
    std::string settings_at_start;
    if (persist) {
      std::string error;
      std::vector<std::string> warnings;
      if (!load_settings(settings_path, state, size, &error, &warnings)) {
        std::fprintf(stderr, "patrolscope: ignoring settings: %s\n", error.c_str());
        state.report("Settings ignored: " + error, false);
      }
      for (const std::string& w : warnings) {
        std::fprintf(stderr, "patrolscope: %s: %s\n", settings_path.c_str(), w.c_str());
        state.report("Settings: " + w, false);
      }
      settings_at_start = settings_json(state, size);
      if (size_option->count() > 0) parse_size(f.size, size);  // an explicit --size wins over the saved one
    }

    // A session: its inputs, view, time, filters and colours; a missing input is reported and
    // the rest opens.
    InputOptions inputs = f.inputs;
    geo::Session session;
    if (!f.session.empty()) {
      const geo::SessionReadResult read = read_session_file(f.session);
      if (!read.ok()) {
        std::fprintf(stderr, "patrolscope: %s\n", read.error.c_str());
        return kExitInputError;
      }
      for (const std::string& w : read.warnings) {
        print_error(f.session, "warning: " + w);
        state.report(f.session + ": " + w, false);
      }
      for (const geo::SessionProblem& m : read.missing) {
        print_error(m.file, m.reason + " (named by " + f.session + ")");
        state.report(m.file + ": " + m.reason + " (named by the session)");
      }
      session = read.session;
      apply_session(state, session, size.width, size.height);
      if (inputs.data.empty()) {
        inputs.data = session_inputs(session, read.missing);
        if (inputs.data.empty() && !session.input_paths().empty() &&
            std::none_of(session.layers.begin(), session.layers.end(), [](const geo::SessionLayer& l) {
              return l.type == geo::SessionLayer::Type::Events && l.path.empty();
            })) {
          std::fprintf(stderr, "patrolscope: %s: none of its inputs can be opened\n", f.session.c_str());
          return kExitInputError;
        }
      }
      if (inputs.coastline.empty()) inputs.coastline = session.coastline;
    }

    // The command line overrides what was saved.
    if (!f.region.empty() && !f.crs.empty()) {
      std::fprintf(stderr, "patrolscope: give --region or --crs, not both\n");
      return kExitUsage;
    }
    if (!f.region.empty()) {
      if (!geo::find_preset(f.region)) {
        std::string names;
        for (const geo::Preset& p : geo::presets()) names += (names.empty() ? "" : ", ") + std::string(p.name);
        std::fprintf(stderr, "patrolscope: --region: unknown preset '%s' (one of %s)\n", f.region.c_str(), names.c_str());
        return kExitUsage;
      }
      state.projection = f.region, state.units_per_pixel = 0;
    }
    if (!f.crs.empty()) {
      try {
        parse_crs(f.crs, f.inputs.quiet);
      } catch (const UsageError& e) {
        std::fprintf(stderr, "patrolscope: view: %s\n", e.what());
        return kExitUsage;
      }
      state.projection = f.crs, state.units_per_pixel = 0;
    }
    if (!f.mode.empty() && !parse_window_mode(f.mode, state.window_mode)) {
      std::fprintf(stderr, "patrolscope: --mode: expected trail, fixed, cumulative or all, got '%s'\n", f.mode.c_str());
      return kExitUsage;
    }
    if (!f.window.empty()) {
      if (f.window == "all") {
        state.window_mode = WindowMode::All;
      } else if (const auto d = geo::parse_duration(f.window); d && *d > 0) {
        state.window = *d;
        if (f.mode.empty() && state.window_mode == WindowMode::All) state.window_mode = WindowMode::Trail;
      } else {
        std::fprintf(stderr, "patrolscope: --window: expected a duration such as 30d, 12h, 1y or 'all', got '%s'\n",
                     f.window.c_str());
        return kExitUsage;
      }
    }
    if (!f.color_by.empty() && !parse_color_by(f.color_by, state.color_by)) {
      std::fprintf(stderr, "patrolscope: --color-by: expected domain, participant, force or kind, got '%s'\n",
                   f.color_by.c_str());
      return kExitUsage;
    }
    if (f.line_width > 0) state.line_width = f.line_width;
    if (f.ui_scale > 0) state.ui_scale = f.ui_scale;
    if (!f.filters.empty()) {
      try {
        state.filter = f.filters.filter();
      } catch (const UsageError& e) {
        std::fprintf(stderr, "patrolscope: view: %s\n", e.what());
        return kExitUsage;
      }
    }

    // The data.
    ViewData data;
    LoadedInputs loaded = load_inputs(inputs);
    if (loaded.events.empty()) return kExitInputError;
    // One input layer per file, as if each had been opened in the window; the window says what
    // went wrong too, not only stderr.
    for (geo::LoadResult& result : loaded.results) {
      const int layer = add_input(data, std::move(result));
      report_input(state, data.layers[layer]);
    }
    data.inputs = inputs.data;  // as given (empty: the bundled dataset)
    for (const std::string& path : inputs.data) remember_recent(state.recent_files, path);
    data.coastline_path = inputs.coastline;
    std::vector<std::string> paper_errors;
    data.paper = geo::read_paper_table(geo::paper_table_path(), &paper_errors);
    for (const std::string& e : paper_errors) data.paper_error += e + "\n";
    const geo::Coastline coastline = load_coastline_or_warn(inputs);
    if (!f.session.empty()) apply_session_selection(state, session, data);
    data.coastline_attribution = coastline.attribution;
    LoadedZones zones = load_zones_or_warn(f.inputs);
    if (!zones.all_ok) state.report("A zone file could not be used (see the terminal)");
    data.zones = std::move(zones.zones);

    if (!f.at.empty()) {
      std::string why;
      const auto t = geo::parse_time(f.at, &why);
      if (!t) {
        std::fprintf(stderr, "patrolscope: --at: invalid time '%s': %s\n", f.at.c_str(), why.c_str());
        return kExitUsage;
      }
      state.cursor = *t;
      state.followed_filter = state.filter;  // an explicit time stays, whatever the filter shows there
    } else if (state.cursor == 0 && data.range.to != geo::kNoTime) {
      // The default start: the end of the most recent matching activity (follow_filter keeps
      // the cursor on matching data when the filter changes).
      const geo::TimeRange matching = filtered_range(data, state.filter);
      state.cursor = matching.to != geo::kNoTime ? matching.to : data.range.to;
    }
    if (!f.select.empty()) {
      for (std::size_t i = 0; i < data.events.size(); ++i)
        if (data.events[i].id == f.select) state.selected = static_cast<int>(i);
      if (state.selected < 0) {
        std::fprintf(stderr, "patrolscope: --select: no event with id '%s'\n", f.select.c_str());
        state.report("--select: no event with id '" + f.select + "'");
      } else if (f.at.empty() && data.events[state.selected].timed()) {
        // The selection navigates: open at its end (the map frames it once on screen).
        state.cursor = data.events[state.selected].end;
        state.followed_filter = state.filter;
      }
    }

    WindowOptions window;
    window.size = size;
    window.frames = f.frames;
    window.capture = f.capture;
    window.switch_to = f.switch_to;
    window.zoom_to = f.zoom_to;
    window.script = f.script;
    window.load = inputs.load;
    window.snapshot_to = f.snapshot_to;
    window.record_to = f.record_to;
    window.settings_path = settings_path;
    window.settings_at_start = settings_at_start;
    window.title = "patrolscope";
    if (!data.inputs.empty()) window.title += " — " + geo::source_name(data.inputs.front());

    const char* display = std::getenv("DISPLAY");
    const char* wayland = std::getenv("WAYLAND_DISPLAY");
    std::string error;
    if ((display && *display) || (wayland && *wayland)) {
      if (run_window(window, state, data, coastline, &error) == 0) return kExitOk;
      if (!f.capture.empty() && error.find("cannot open") == std::string::npos) {
        std::fprintf(stderr, "patrolscope: %s\n", error.c_str());
        return kExitInputError;
      }
    } else {
      error = "no display (DISPLAY and WAYLAND_DISPLAY are unset)";
    }
    // No window: a briefing of the map, drawn headless.
    const std::string path = !f.capture.empty() ? f.capture : "patrolscope-briefing.png";
    std::fprintf(stderr, "patrolscope: %s; writing the map headless instead\n", error.c_str());
    for (const std::string& written : write_briefing(state, data, coastline, size, path))
      std::printf("wrote %s\n", written.c_str());
    return kExitOk;
  };
}

}  // namespace patrolscope
