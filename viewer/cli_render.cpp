// `patrolscope render -o OUT.png …`: the map as a PNG with no display (EGL surfaceless, an
// FBO), through the same SnapshotSpec and SnapshotMap as the viewer's snapshots. Loads,
// projects and uploads once; a list of --at times (or --from/--to/--every) writes numbered
// frames, each changing only the time.
#include <CLI/CLI.hpp>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <optional>
#include <regex>

#include "assets.hpp"
#include "cli_options.hpp"
#include "commands.hpp"
#include "framing.hpp"
#include "inputs.hpp"
#include "render/egl_context.hpp"
#include "scene_cache.hpp"
#include "session.hpp"
#include "session_file.hpp"
#include "snapshot/snapshot.hpp"
#include "timeline.hpp"  // geo::add_months (calendar months)

namespace patrolscope {
namespace {

namespace fs = std::filesystem;

// --at, --window, --from/--to/--every.
struct TimeFlags {
  std::string at, window, from, to, every;
  void add_to(CLI::App& command) {
    command.add_option("--at", at, "Time(s) to show, comma-separated (UTC, ISO 8601)");
    command.add_option("--window", window, "With --at: show [T - D, T] (90m, 12h, 30d, 1y, all)");
    command.add_option("--from", from, "Storyboard: first frame's time");
    command.add_option("--to", to, "Storyboard: last frame's time");
    command.add_option("--every", every,
                       "Storyboard: step between frames: 12h, 1d, 1w, or calendar months and years (1mo, 3mo, 1y)");
  }
};

// --fit, --select, --no-fit.
struct FitFlags {
  std::string fit, select;
  bool no_fit = false;
  void add_to(CLI::App& command) {
    command.add_option("--fit", fit,
                       "Frame the activity: data (default for pacific/arctic/scs: every event in the region), filter (the events passing the filters) or selection (--select)");
    command.add_option("--select", select, "Event ids to frame, comma-separated (implies --fit selection)");
    command.add_flag("--no-fit", no_fit, "Keep the region's (or --bbox's) extent as it is");
  }
};

struct RenderOptions {
  InputOptions inputs;
  FitFlags fit;
  MapFlags map;
  FilterFlags filters;
  TimeFlags time;
  std::string output;
  bool no_cache = false;
  std::string session;  // --session FILE (a JSON session or a PNG render wrote)
  // From a session: the view as saved (no fitting) and how it had been framed (its metadata).
  std::optional<geo::Extent> view;
  std::string view_fit;
  std::optional<geo::Session> shown;  // the session read, written back into the PNG as it was
  std::vector<render::LayerLook> looks;  // from a session: its visible inputs' styles, in input order
};

// The render a session describes: its visible inputs, map, view, time, filters, colours and
// image settings as if typed. What render cannot draw yet (per-layer colours, widths and
// opacity, colour by attribute or track) is said on stderr.
RenderOptions options_from_session(const RenderOptions& given, const geo::Session& s) {
  RenderOptions o;
  o.output = given.output;
  o.no_cache = given.no_cache;
  o.inputs.quiet = given.inputs.quiet;
  const auto here = [](const std::string& path) { return geo::relative_session_path(path, ""); };
  std::vector<std::string> data;
  bool bundled = false;
  for (const geo::SessionLayer& layer : s.layers) {
    if (layer.type != geo::SessionLayer::Type::Events || !layer.style.visible) continue;
    if (layer.path.empty()) bundled = true;
    data.push_back(layer.path.empty() ? geo::default_dataset_path() : here(layer.path));
  }
  if (!(bundled && data.size() == 1)) o.inputs.data = data;  // the bundled dataset alone: as with no DATA
  if (!s.coastline.empty()) o.inputs.coastline = here(s.coastline);
  o.inputs.load.id_column = s.load.id_column;
  o.inputs.load.time_column = s.load.time_column;
  o.inputs.load.lon_column = s.load.lon_column;
  o.inputs.load.lat_column = s.load.lat_column;
  o.inputs.load.table = s.load.table;
  o.inputs.load.sql = s.load.sql;
  if (geo::find_preset(s.view.projection)) o.map.region = s.view.projection;
  else o.map.crs = s.view.projection;
  o.map.size = std::to_string(s.snapshot.width) + "x" + std::to_string(s.snapshot.height);
  if (s.color_by.source == geo::ColorChoice::Source::Facet) o.map.color_by = geo::facet_name(s.color_by.facet);
  o.map.title = s.snapshot.title;
  o.map.subtitle = s.snapshot.subtitle;
  o.map.banner = s.snapshot.banner;
  o.map.legend = s.snapshot.legend;
  o.map.transparent = s.snapshot.transparent;
  o.map.no_overlays = !s.snapshot.overlays;
  o.map.world_file = s.snapshot.world_file;
  for (int year : s.filter.years) {
    if (!o.filters.years.empty()) o.filters.years += ',';
    o.filters.years += std::to_string(year);
  }
  o.filters.domains.assign(s.filter.domains.begin(), s.filter.domains.end());
  o.filters.forces.assign(s.filter.force_types.begin(), s.filter.force_types.end());
  o.filters.participants.assign(s.filter.participants.begin(), s.filter.participants.end());
  o.filters.kinds.assign(s.filter.kinds.begin(), s.filter.kinds.end());
  if (s.time.cursor && s.time.mode != "all") {
    o.time.at = geo::format_time(*s.time.cursor);
    if (s.time.mode != "cumulative") o.time.window = geo::format_duration(s.time.window);
  }
  if (s.view.extent) {
    o.view = s.view.extent;
    o.view_fit = s.snapshot.fit;
    o.fit.no_fit = true;
  }
  // Each visible input's style (a colour of its own, else the session's colour-by when that is
  // not a facet); drawn per layer. (Layer order is not drawn yet: inputs lie in input order.)
  std::vector<render::LayerLook> looks;
  for (const geo::SessionLayer& layer : s.layers) {
    if (layer.type != geo::SessionLayer::Type::Events || !layer.style.visible) continue;
    render::LayerLook look;
    look.color = layer.style.color;
    if (!look.color && s.color_by.source != geo::ColorChoice::Source::Facet) look.color = s.color_by;
    look.line_width_px = layer.style.line_width;
    look.opacity = layer.style.opacity;
    looks.push_back(look);
  }
  if (render::any_layer_styled(looks, geo::LayerStyle{}.line_width)) o.looks = std::move(looks);
  return o;
}

std::string metadata_path(const std::string& path) {
  if (geo::is_database_source(path)) return path;
  std::error_code ec;
  const fs::path absolute = fs::absolute(path, ec).lexically_normal();
  const fs::path relative = absolute.lexically_relative(fs::current_path(ec));
  if (relative.empty() || *relative.begin() == "..") return absolute.string();
  return relative.string();
}

// The session a render shows (what --session reads back to render it again).
geo::Session session_of_render(const RenderOptions& o, const snapshot::SnapshotSpec& spec, const std::string& fit,
                               const std::optional<geo::ColorChoice>& color_all) {
  geo::Session s;
  if (o.inputs.data.empty()) s.layers.push_back({});
  for (const std::string& path : o.inputs.data) {
    geo::SessionLayer layer;
    layer.path = path;
    layer.style.order = static_cast<int>(s.layers.size());  // input order, the later on top
    s.layers.push_back(layer);
  }
  s.coastline = o.inputs.coastline;
  s.load = {o.inputs.load.id_column, o.inputs.load.time_column, o.inputs.load.lon_column,
            o.inputs.load.lat_column, o.inputs.load.table, o.inputs.load.sql};
  s.view.projection = o.map.region.empty() && o.map.crs.empty() ? "pacific" : !o.map.crs.empty() ? o.map.crs : o.map.region;
  s.view.extent = spec.view;
  s.time.mode = !spec.time.timed ? "all" : spec.time.window < 0 ? "cumulative" : "trail";
  if (spec.time.timed) s.time.cursor = spec.time.now;
  if (spec.time.window > 0) s.time.window = spec.time.window;
  s.filter = spec.filter;
  s.color_by = {geo::ColorChoice::Source::Facet, spec.color_by, "", 0};
  if (color_all) s.color_by = *color_all;
  for (std::size_t i = 0; i < spec.looks.size(); ++i) {  // the drawn styles of the visible inputs, in order
    std::size_t seen = 0;
    for (geo::SessionLayer& layer : s.layers)
      if (layer.type == geo::SessionLayer::Type::Events && seen++ == i) {
        layer.style.color = color_all ? std::nullopt : spec.looks[i].color;
        layer.style.line_width = spec.looks[i].line_width_px;
        layer.style.opacity = spec.looks[i].opacity;
      }
  }
  s.show = {spec.land, spec.coast, spec.graticule, true, spec.areas, spec.tracks, spec.points};
  s.show.borders = spec.borders && !o.inputs.no_borders;
  s.selection = split_list(o.fit.select);
  s.snapshot = {spec.width, spec.height, o.map.title, o.map.subtitle, o.map.banner, o.map.legend,
                spec.overlays, spec.transparent, spec.world_file, fit};
  return s;
}

geo::Seconds parse_instant(const std::string& option, const std::string& text) {
  std::string why;
  if (auto t = geo::parse_time(text, &why)) return *t;
  throw UsageError(option + ": invalid time '" + text + "'" + (why.empty() ? "" : ": " + why));
}

std::optional<geo::Seconds> parse_window(const std::string& text) {  // nullopt: all
  if (text.empty() || text == "all") return std::nullopt;
  if (auto d = geo::parse_duration(text); d && *d >= 0) return d;
  throw UsageError("--window: expected a duration like 90m, 12h, 30d, 1y or 'all', got '" + text + "'");
}

// A storyboard step: whole calendar months ("1mo", "3mo"; "1y" = 12 months, so frames fall on
// the same calendar day) or a fixed duration ("12h", "1d", "2w").
struct Step {
  int months = 0;
  geo::Seconds seconds = 0;
};
Step parse_step(const std::string& text) {
  std::smatch match;
  if (std::regex_match(text, match, std::regex(R"(\s*(\d{1,4})\s*(mo|y)\s*)"))) {
    const int n = std::stoi(match[1]);
    if (n > 0) return {match[2] == "y" ? 12 * n : n, 0};
  }
  if (std::regex_match(text, std::regex(R"(\s*\d+\s*M\s*)")))
    throw UsageError("--every: '" + text + "' is ambiguous: write 1mo for a month, 1min or 60s for a minute");
  if (const auto d = geo::parse_duration(text); d && *d > 0) return {0, *d};
  throw UsageError("--every: expected a step like 12h, 1d, 1w, 1mo or 1y, got '" + text + "'");
}

// The instants to render: --at LIST, or --from/--to/--every; none means untimed (everything).
std::vector<geo::Seconds> frame_times(const TimeFlags& o) {
  std::vector<geo::Seconds> times;
  const bool range = !o.from.empty() || !o.to.empty() || !o.every.empty();
  if (range && !o.at.empty()) throw UsageError("--at and --from/--to/--every are alternatives");
  for (const auto& item : split_list(o.at)) times.push_back(parse_instant("--at", item));
  if (range) {
    if (o.from.empty() || o.to.empty() || o.every.empty())
      throw UsageError("a storyboard needs all of --from, --to and --every");
    const geo::Seconds from = parse_instant("--from", o.from), to = parse_instant("--to", o.to);
    const Step step = parse_step(o.every);
    if (to < from) throw UsageError("--to is before --from");
    constexpr std::size_t kMaxFrames = 10000;
    // Each frame from `from` (not from the previous frame), so month ends do not creep.
    for (std::size_t i = 0;; ++i) {
      const geo::Seconds t = step.months ? geo::add_months(from, static_cast<int>(i) * step.months)
                                         : from + static_cast<geo::Seconds>(i) * step.seconds;
      if (t > to) break;
      if (times.size() == kMaxFrames) throw UsageError("--every: more than 10000 frames");
      times.push_back(t);
    }
  }
  return times;
}

// OUT.png, or OUT-0001.png … for several frames.
std::string frame_path(const std::string& output, std::size_t index, std::size_t count) {
  if (count <= 1) return output;
  const fs::path path(output);
  char number[32];
  std::snprintf(number, sizeof number, "-%04zu", index + 1);
  return (path.parent_path() / (path.stem().string() + number + path.extension().string())).string();
}

// Frames OUT-NNNN.png (and their .pgw/.prj/.aux.xml) numbered past `count`: left by an earlier,
// longer storyboard to the same OUT, they would read as part of this one.
std::vector<fs::path> stale_frames(const std::string& output, std::size_t count) {
  const fs::path path = fs::absolute(output);
  const std::string stem = path.stem().string(), extension = path.extension().string();
  std::vector<fs::path> stale;
  std::error_code error;
  for (const auto& entry : fs::directory_iterator(path.parent_path(), error)) {
    const std::string name = entry.path().filename().string();
    if (name.size() < stem.size() + 5 || name.compare(0, stem.size() + 1, stem + "-") != 0) continue;
    const std::string number = name.substr(stem.size() + 1, 4);
    if (!std::all_of(number.begin(), number.end(), [](char c) { return c >= '0' && c <= '9'; })) continue;
    const std::string rest = name.substr(stem.size() + 5);
    if (rest != extension && rest != ".pgw" && rest != ".prj" && rest != extension + ".aux.xml") continue;
    if (static_cast<std::size_t>(std::stoi(number)) > count) stale.push_back(entry.path());
  }
  std::sort(stale.begin(), stale.end());
  return stale;
}

// Every file the render will write can be written (regular file or new, directory writable):
// reported before the work (exit 1, like any file that cannot be used; no name at all is a
// usage error).
void check_outputs(const RenderOptions& o, std::size_t frames) {
  if (o.output.empty()) throw UsageError("-o: no output file named");
  const std::size_t count = std::max<std::size_t>(frames, 1);
  for (std::size_t i = 0; i < count; ++i) {
    snapshot::SnapshotRequest request;
    request.path = frame_path(o.output, i, count);
    request.world_file = o.map.world_file;
    snapshot::check_output_targets(request);  // throws "PATH: why"
  }
}

// What a render frames: --no-fit, --fit, --select, else the region's activity (a preset) or
// --bbox as given. The world preset frames its whole outline.
struct FitChoice {
  std::optional<geo::FitTarget> target;  // nullopt: the region's extent as it is
  bool explicit_choice = false;          // --fit or --select given
  bool outline = false;                  // the world preset: its outline, clear of the boxes
  std::vector<std::string> select;
};

FitChoice parse_fit(const FitFlags& o, const geo::Preset* preset, bool has_bbox) {
  FitChoice fit;
  fit.select = split_list(o.select);
  if (!o.select.empty() && fit.select.empty()) throw UsageError("--select: expected event ids, got '" + o.select + "'");
  if (o.no_fit && (!o.fit.empty() || !o.select.empty())) throw UsageError("--no-fit and --fit/--select are alternatives");
  if (!o.fit.empty()) {
    fit.target = geo::parse_fit_target(o.fit);
    if (!fit.target) throw UsageError("--fit: expected data, selection or filter, got '" + o.fit + "'");
    if (*fit.target == geo::FitTarget::Selection && fit.select.empty())
      throw UsageError("--fit selection needs --select ID[,ID…]");
    if (*fit.target != geo::FitTarget::Selection && !fit.select.empty())
      throw UsageError("--select frames the selection: give --fit selection or leave --fit out");
    fit.explicit_choice = true;
  } else if (!fit.select.empty()) {
    fit.target = geo::FitTarget::Selection;
    fit.explicit_choice = true;
  } else if (!o.no_fit && !has_bbox && preset) {
    if (std::string_view(preset->name) == "world") fit.outline = true;
    else fit.target = geo::FitTarget::Data;
  }
  return fit;
}

// The extent to render: the chosen events inside the region framed clear of the furniture;
// when none falls inside, a note and all the chosen events (unless --no-fit/--bbox keeps the
// region's extent). `region_text` names the region in messages; *framed_elsewhere says the
// data outside the region was framed.
geo::Extent fitted_view(const FitChoice& fit, const geo::Extent& region_view, const geo::GeoBox& region,
                        const std::string& region_text, const std::vector<geo::Event>& events,
                        const geo::Filter& filter, const geo::MapProjection& projection,
                        geo::FrameRequest request, bool* framed_elsewhere, bool quiet = false) {
  std::vector<const geo::Event*> chosen;
  for (const geo::Event& event : events) {
    const bool take = !fit.target || *fit.target == geo::FitTarget::Data ? true
                      : *fit.target == geo::FitTarget::Filter        ? filter.matches(event)
                                                                      : std::find(fit.select.begin(), fit.select.end(), event.id) != fit.select.end();
    if (take) chosen.push_back(&event);
  }
  if (fit.target == geo::FitTarget::Selection)
    for (const std::string& id : fit.select)
      if (std::none_of(chosen.begin(), chosen.end(), [&](const geo::Event* e) { return e->id == id; }))
        throw UsageError("--select: no event has the id '" + id + "'");
  request.min_span = projection.is_geographic() ? 3.0 : 300e3;  // a lone point: a few hundred km around it
  std::vector<const geo::Event*> drawn;  // what the map shows (the filter applied)
  for (const geo::Event& event : events)
    if (filter.matches(event)) drawn.push_back(&event);
  const bool region_holds_any = !geo::project_vertices(drawn, projection, region).empty();
  *framed_elsewhere = !region_holds_any && !drawn.empty() && fit.target.has_value();
  if (!region_holds_any && !drawn.empty() && !quiet)
    std::fprintf(stderr, "patrolscope: note: no event%s falls inside %s%s\n", filter.empty() ? "" : " that passes the filter",
                 region_text.c_str(), fit.target ? "; framing the data instead" : "; the map shows none (--fit data frames them)");
  if (fit.outline) return geo::frame_preset(*geo::find_preset("world"), chosen, projection, request).value_or(region_view);
  if (!fit.target) return region_view;
  if (*fit.target == geo::FitTarget::Selection)
    return geo::frame_extent(geo::project_vertices(chosen, projection), request).value_or(region_view);
  return geo::frame_region_activity(chosen, projection, region, request).value_or(region_view);
}

int run_render(const RenderOptions& o);

int run_render_session(const RenderOptions& given) {
  const geo::SessionReadResult read = read_session_file(given.session);
  if (!read.ok()) throw std::runtime_error(read.error);
  if (!given.inputs.quiet)
    for (const std::string& warning : read.warnings) print_error(given.session, "warning: " + warning);
  for (const geo::SessionProblem& missing : read.missing) print_error(missing.file, missing.reason + " (named by " + given.session + ")");
  if (!read.missing.empty())
    throw std::runtime_error(given.output + ": not written, an input of the session is missing (an existing file is kept)");
  RenderOptions o = options_from_session(given, read.session);
  o.shown = read.session;
  return run_render(o);
}

int run_render(const RenderOptions& o) {
  if (!o.session.empty()) return run_render_session(o);
  // Everything the user typed is checked before anything is loaded.
  MapChoice map = parse_map(o.map, o.filters, o.inputs.quiet);
  snapshot::SnapshotSpec& spec = map.spec;
  const std::vector<geo::Seconds> times = frame_times(o.time);
  const std::optional<geo::Seconds> window = parse_window(o.time.window);
  const FitChoice fit = parse_fit(o.fit, map.preset, !o.map.bbox.empty());
  if (!o.time.window.empty() && times.empty()) throw UsageError("--window needs --at (or --from/--to/--every)");
  // Named one way however they were typed (under the current folder: relative to it; else
  // absolute), so a session's render names them as the render that wrote it did.
  for (const std::string& path : o.inputs.data) spec.inputs.push_back(metadata_path(path));
  spec.coastline = o.inputs.coastline;
  spec.time.window = window.value_or(-1);
  spec.time.mode = render::FrameState::Trail;

  check_outputs(o, times.size());  // before the (slow) loading
  const LoadedZones zones = load_zones_or_warn(o.inputs);
  if (!zones.all_ok) throw std::runtime_error(o.output + ": not written, a zone file could not be used (an existing file is kept)");
  // The scene: from the cache when these inputs, coastline and projection were rendered
  // before (files unchanged), else loaded and built, then cached when the load was clean.
  const auto started = std::chrono::steady_clock::now();
  std::vector<std::string> paths = o.inputs.data;
  if (paths.empty()) paths.push_back(geo::default_dataset_path());
  // A session's per-input styles need each input's events; the cache keeps them as one list,
  // so a styled render of several inputs reads them (the scene cache keys one combined scene).
  const bool styled = !o.looks.empty();
  std::vector<std::size_t> input_counts;
  const std::string cache_key =
      o.no_cache || (styled && paths.size() > 1) ? ""
                 : geo::scene_cache_key(paths, basemap_paths(o.inputs), map.projection,
                                        snapshot::graticule_step_deg(spec.projection), o.inputs.load);
  std::optional<geo::CachedScene> cached;
  if (!cache_key.empty()) cached = geo::load_cached_scene(cache_key);
  bool all_ok = true;
  if (!cached) {
    const LoadedInputs loaded = load_inputs(o.inputs);
    for (const geo::LoadResult& r : loaded.results) input_counts.push_back(r.events.size());
    const geo::Coastline coastline = load_coastline_or_warn(o.inputs);
    cached.emplace(geo::CachedScene{snapshot::build_map_scene(loaded.events, coastline, map.projection, spec.projection),
                                    loaded.events, coastline.attribution});
    all_ok = loaded.all_ok;
    // A failed input (a typo in a path, an unreadable file) must not replace yesterday's map.
    if (!all_ok)
      throw std::runtime_error(o.output + ": not written, an input could not be used (an existing file is kept)");
    const bool clean = all_ok && !coastline.land.empty() &&
                       std::all_of(loaded.results.begin(), loaded.results.end(),
                                   [](const geo::LoadResult& r) { return r.warnings.empty(); });
    if (clean && !cache_key.empty()) geo::store_cached_scene(cache_key, cached->scene, cached->events, coastline.attribution);
  }
  geo::add_zone_layers(cached->scene, zones.zones, map.projection);
  const std::vector<geo::Event>& events = cached->events;
  if (input_counts.empty()) input_counts.push_back(events.size());  // from the cache: one input
  if (!o.looks.empty()) {  // a session's per-input styles
    std::size_t first = 0;
    for (std::size_t i = 0; i < input_counts.size(); ++i) {
      spec.layers.push_back({first, input_counts[i], geo::source_name(paths[i])});
      first += input_counts[i];
      spec.looks.push_back(i < o.looks.size() ? o.looks[i] : render::LayerLook{});
    }
  } else {
    apply_color_all(map, events.size());
  }
  if (!o.inputs.quiet)
    for (const std::string& warning : cached->scene.warnings) std::fprintf(stderr, "patrolscope: warning: %s\n", warning.c_str());
  if (!spec.filter.empty() &&
      std::none_of(events.begin(), events.end(), [&](const geo::Event& e) { return spec.filter.matches(e); }))
    std::fprintf(stderr, "patrolscope: warning: the filter (%s) matches no event; the map shows none\n",
                 spec.filter.describe().c_str());

  // The frame: the activity the region holds, clear of the title, legend and footer.
  geo::Session session_shown;
  {
    spec.time.timed = !times.empty();
    spec.time.now = times.empty() ? 0 : times.front();
    const snapshot::MapContext context{cached->scene, map.projection, events, spec.filter, cached->attribution};
    const std::string region_text = map.bbox ? "--bbox " + o.map.bbox : std::string("the ") + map.preset->title + " preset";
    bool elsewhere = false;
    int tries = 0;
    // The legend goes in the corner that leaves the activity largest (a fixed --legend as it is).
    const snapshot::LegendFrame framed = snapshot::frame_with_legend(spec, context, [&](const geo::FrameRequest& request) {
      return std::optional<geo::Extent>(fitted_view(fit, spec.view, map.bbox ? *map.bbox : map.preset->view, region_text,
                                                    events, spec.filter, map.projection, request, &elsewhere, tries++ > 0));
    });
    const geo::FrameRequest& request = framed.request;
    spec.view = *framed.view;
    // The data lies outside the region: the map is not of the region (title, metadata).
    if (elsewhere) spec.region.clear();
    std::string fit_text = o.fit.no_fit ? "none" : !o.fit.fit.empty() ? o.fit.fit : !o.fit.select.empty() ? "selection"
                           : fit.outline ? "outline" : fit.target ? "data" : "none";
    if (o.view) {  // a session's view, as it was framed then
      spec.view = *o.view;
      fit_text = o.view_fit;
    }
    if (fit_text != "none") {
      spec.extra_metadata = snapshot::framing_metadata(fit_text, request);
      if (!o.view) spec.legend = framed.legend;  // where the framing kept it clear of the activity
    }
    // The session that makes this picture again (render --session OUT.png, the viewer's Open).
    geo::Session shown = o.shown ? *o.shown : session_of_render(o, spec, fit_text, map.color_all);
    if (!o.shown && !o.view && fit_text != "none") shown.snapshot.legend = snapshot::legend_place_name(spec.legend);
    if (!o.shown) shown.snapshot.fit = fit_text;
    spec.extra_metadata.emplace_back(geo::kSessionPngKey, "");
    session_shown = std::move(shown);
  }

  render::EglContext context;
  spec.path = frame_path(o.output, 0, times.size());
  snapshot::SnapshotMap snapshots(std::move(cached->scene), events, map.projection, cached->attribution, spec);
  const double prepare_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();

  const std::size_t count = std::max<std::size_t>(times.size(), 1);
  for (std::size_t i = 0; i < count; ++i) {
    const auto frame_started = std::chrono::steady_clock::now();
    spec.path = frame_path(o.output, i, count);
    spec.time.timed = !times.empty();
    spec.time.now = times.empty() ? 0 : times[i];
    if (spec.time.timed) session_shown.time.cursor = spec.time.now;  // each storyboard frame its own time
    spec.extra_metadata.back().second =
        geo::session_json_compact(session_shown, fs::path(spec.path).parent_path().string());
    const auto written = snapshots.write(spec);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - frame_started).count();
    for (const std::string& path : written) std::printf("%s\n", path.c_str());
    if (i == 0 && !o.inputs.quiet)
      std::fprintf(stderr, "patrolscope: %dx%d: prepared in %.2f s, rendered and written in %.2f s\n", spec.width,
                   spec.height, prepare_s, seconds);
  }
  if (count > 1) {
    const std::vector<fs::path> stale = stale_frames(o.output, count);
    for (const fs::path& path : stale) fs::remove(path);
    if (!stale.empty() && !o.inputs.quiet)
      std::fprintf(stderr, "patrolscope: removed %zu stale file(s) of an earlier, longer storyboard (%s …)\n",
                   stale.size(), stale.front().filename().c_str());
  }
  return all_ok ? kExitOk : kExitInputError;
}

}  // namespace

CommandRun add_render_command(CLI::App& app) {
  auto o = std::make_shared<RenderOptions>();
  CLI::App* command = app.add_subcommand("render", "Write the map as a PNG, with no display needed");
  command->add_option("-o,--output", o->output, "The PNG to write (storyboards: OUT-0001.png …)")->required();
  o->map.add_to(*command);
  o->time.add_to(*command);
  o->filters.add_to(*command);
  o->fit.add_to(*command);
  command->add_flag("--no-cache", o->no_cache,
                    "Load and project again instead of using $XDG_CACHE_HOME/patrolscope (kept per input, coastline and projection; a changed file is a miss)");
  command->add_option("--session", o->session,
                      "Render a saved session (a .json session, or a PNG render wrote: its session is in its metadata); "
                      "its inputs, map, view, time, filters and image settings replace the options above");
  o->inputs.add_to(*command);
  return [o]() { return run_reporting_errors("render", [&o] { return run_render(*o); }); };
}

}  // namespace patrolscope
