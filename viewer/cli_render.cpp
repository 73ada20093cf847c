// `patrolscope render -o OUT.png …`: the map as a PNG with no display (EGL surfaceless, an
// FBO), through the same renderer, shaders and snapshot code as the viewer. Loads and projects
// once; a list of --at times (or --from/--to/--every) writes numbered frames.
#include <CLI/CLI.hpp>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <optional>
#include <sstream>
#include <stdexcept>

#include "app_state.hpp"
#include "commands.hpp"
#include "framing.hpp"
#include "inputs.hpp"
#include "projection.hpp"
#include "render/egl_context.hpp"
#include "render/map_renderer.hpp"
#include "assets.hpp"
#include "scene.hpp"
#include "scene_cache.hpp"
#include "simplify.hpp"
#include "snapshot/snapshot.hpp"
#include "vocab.hpp"

namespace patrolscope {
namespace {

struct RenderOptions {
  InputOptions inputs;
  std::string output;
  std::string size = "1920x1080";
  std::string region, crs, bbox;
  std::string at, window, from, to, every;
  std::string years, domains, forces, participants, kinds;
  std::string color_by = "kind";
  std::string fit, select;  // --fit data|filter|selection, --select ID,…
  bool no_fit = false;
  std::string title, subtitle, banner;
  bool transparent = false, no_overlays = false, world_file = false, quiet_paths = false, no_cache = false;
};

struct UsageError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

std::vector<std::string> split_list(const std::string& text) {
  std::vector<std::string> items;
  std::stringstream in(text);
  for (std::string item; std::getline(in, item, ',');) {
    const auto first = item.find_first_not_of(' '), last = item.find_last_not_of(' ');
    if (first != std::string::npos) items.push_back(item.substr(first, last - first + 1));
  }
  return items;
}

std::pair<int, int> parse_size(const std::string& text) {
  int width = 0, height = 0;
  char x = 0, rest = 0;
  if (std::sscanf(text.c_str(), "%d%c%d%c", &width, &x, &height, &rest) != 3 || (x != 'x' && x != 'X'))
    throw UsageError("--size: expected WIDTHxHEIGHT, got '" + text + "'");
  if (width < 1 || height < 1 || width > snapshot::kMaxSide || height > snapshot::kMaxSide)
    throw UsageError("--size: impossible image size '" + text + "' (1 to " + std::to_string(snapshot::kMaxSide) +
                     " pixels a side)");
  return {width, height};
}

geo::GeoBox parse_bbox(const std::string& text) {
  const auto parts = split_list(text);
  double v[4];
  if (parts.size() != 4) throw UsageError("--bbox: expected W,S,E,N in degrees, got '" + text + "'");
  for (int i = 0; i < 4; ++i) {
    try {
      std::size_t used = 0;
      v[i] = std::stod(parts[static_cast<std::size_t>(i)], &used);
      if (used != parts[static_cast<std::size_t>(i)].size()) throw std::invalid_argument("");
    } catch (const std::exception&) {
      throw UsageError("--bbox: '" + parts[static_cast<std::size_t>(i)] + "' is not a number");
    }
  }
  if (v[1] >= v[3] || v[1] < -90 || v[3] > 90 || v[0] < -180 || v[0] > 180 || v[2] < -180 || v[2] > 180 || v[0] == v[2])
    throw UsageError("--bbox: '" + text + "' is not a box (W,S,E,N; S < N; W > E crosses 180°)");
  return {v[0], v[1], v[2], v[3]};
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

// The viewer's names (app_state.hpp), so both commands take the same values.
render::ColorBy parse_color_by(const std::string& text) {
  render::ColorBy by = render::ColorBy::Kind;
  if (patrolscope::parse_color_by(text, by)) return by;
  throw UsageError("--color-by: expected participant, domain, force or kind, got '" + text + "'");
}

geo::Filter make_filter(const RenderOptions& o) {
  geo::Filter filter;
  if (!o.years.empty()) {
    try {
      filter.years = geo::parse_year_list(o.years);
    } catch (const std::invalid_argument& e) {
      throw UsageError(std::string("--years: ") + e.what());
    }
  }
  for (const auto& v : split_list(o.domains)) filter.domains.insert(geo::canonical_domain(v));
  for (const auto& v : split_list(o.forces)) filter.force_types.insert(geo::canonical_force_type(v));
  for (const auto& v : split_list(o.kinds)) filter.kinds.insert(geo::canonical_kind(v));
  for (const auto& v : split_list(o.participants)) {
    const std::string code = geo::canonical_participant(v);
    filter.participants.insert(code.empty() ? v : code);
  }
  return filter;
}

// The instants to render: --at LIST, or --from/--to/--every; none means untimed (everything).
std::vector<geo::Seconds> frame_times(const RenderOptions& o) {
  std::vector<geo::Seconds> times;
  const bool range = !o.from.empty() || !o.to.empty() || !o.every.empty();
  if (range && !o.at.empty()) throw UsageError("--at and --from/--to/--every are alternatives");
  for (const auto& item : split_list(o.at)) times.push_back(parse_instant("--at", item));
  if (range) {
    if (o.from.empty() || o.to.empty() || o.every.empty())
      throw UsageError("a storyboard needs all of --from, --to and --every");
    const geo::Seconds from = parse_instant("--from", o.from), to = parse_instant("--to", o.to);
    const auto every = geo::parse_duration(o.every);
    if (!every || *every <= 0) throw UsageError("--every: expected a duration like 1d, got '" + o.every + "'");
    if (to < from) throw UsageError("--to is before --from");
    if ((to - from) / *every >= 10000) throw UsageError("--every: more than 10000 frames");
    for (geo::Seconds t = from; t <= to; t += *every) times.push_back(t);
  }
  return times;
}

std::string frame_path(const std::string& output, std::size_t index, std::size_t count) {
  if (count <= 1) return output;
  namespace fs = std::filesystem;
  const fs::path path(output);
  char number[32];
  std::snprintf(number, sizeof number, "-%04zu", index + 1);
  return (path.parent_path() / (path.stem().string() + number + path.extension().string())).string();
}


// What a render frames: --no-fit, --fit, --select, else the region's activity (a preset) or
// --bbox as given. The world preset frames its whole outline.
struct FitChoice {
  std::optional<geo::FitTarget> target;  // nullopt: the region's extent as it is
  bool explicit_choice = false;          // --fit or --select given
  bool outline = false;                  // the world preset: its outline, clear of the boxes
  std::vector<std::string> select;
};

FitChoice parse_fit(const RenderOptions& o, const geo::Preset* preset, bool has_bbox) {
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
// region's extent). `region_text` names the region in messages.
geo::Extent fitted_view(const FitChoice& fit, const geo::Extent& region_view, const geo::GeoBox& region,
                        const std::string& region_text, const std::vector<geo::Event>& events,
                        const geo::Filter& filter, const geo::MapProjection& projection,
                        geo::FrameRequest request) {
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
  if (!region_holds_any && !drawn.empty())
    std::fprintf(stderr, "patrolscope: note: no event%s falls inside %s%s\n", filter.empty() ? "" : " that passes the filter",
                 region_text.c_str(), fit.target ? "; framing the data instead" : "; the map shows none (--fit data frames them)");
  if (fit.outline) {
    request.clear_by_points = true;
    return geo::frame_extent(geo::domain_outline(projection), request).value_or(region_view);
  }
  if (!fit.target) return region_view;
  if (*fit.target == geo::FitTarget::Selection)
    return geo::frame_extent(geo::project_vertices(chosen, projection), request).value_or(region_view);
  return geo::frame_region_activity(chosen, projection, region, request).value_or(region_view);
}

int run_render(const RenderOptions& o) {
  // Everything the user typed is checked before anything is loaded.
  const auto [width, height] = parse_size(o.size);
  const render::ColorBy color_by = parse_color_by(o.color_by);
  const geo::Filter filter = make_filter(o);
  const std::vector<geo::Seconds> times = frame_times(o);
  const std::optional<geo::Seconds> window = parse_window(o.window);
  if (!o.window.empty() && times.empty()) throw UsageError("--window needs --at (or --from/--to/--every)");
  const geo::Preset* preset = nullptr;
  if (!o.region.empty() && !(preset = geo::find_preset(o.region)))
    throw UsageError("--region: expected pacific, arctic, scs or world, got '" + o.region + "'");
  std::optional<geo::GeoBox> bbox;
  if (!o.bbox.empty()) bbox = parse_bbox(o.bbox);
  if (!preset && !bbox) preset = geo::find_preset("pacific");
  const FitChoice fit = parse_fit(o, preset, bbox.has_value());

  // The projection: --crs, else the preset's, else one suited to --bbox; the extent: --bbox,
  // else the preset's box.
  std::optional<geo::MapProjection> made;
  try {
    made.emplace(!o.crs.empty() ? geo::MapProjection::create(o.crs)
                 : preset      ? geo::MapProjection::create(preset->crs)
                               : geo::MapProjection::for_box(*bbox));
  } catch (const std::runtime_error& e) {
    throw UsageError(std::string("--crs: ") + e.what());
  }
  const geo::MapProjection& projection = *made;
  const geo::GeoBox box = bbox ? *bbox : preset->view;
  const geo::Extent region_view = projection.extent_of(box);
  if (!(region_view.width() > 0 && region_view.height() > 0))
    throw UsageError("the map extent is empty in this projection (check --crs and --bbox)");

  // The output directory is checked before the (slow) loading.
  {
    namespace fs = std::filesystem;
    const fs::path directory = fs::absolute(o.output).parent_path();
    std::error_code error;
    if (!fs::is_directory(directory, error))
      throw std::runtime_error(o.output + ": directory " + directory.string() + " does not exist");
    if (::access(directory.c_str(), W_OK) != 0)
      throw std::runtime_error(o.output + ": directory " + directory.string() + " is not writable");
  }
  // The scene: from the cache when these inputs, coastline and projection were rendered
  // before (files unchanged), else loaded and built, then cached when the load was clean.
  const auto started = std::chrono::steady_clock::now();
  std::vector<std::string> paths = o.inputs.data;
  if (paths.empty()) paths.push_back(geo::default_dataset_path());
  const std::string coastline_path =
      o.inputs.coastline.empty() ? geo::default_coastline_path() : o.inputs.coastline;
  const std::string cache_key =
      o.no_cache ? "" : geo::scene_cache_key(paths, coastline_path, projection, 10, o.inputs.load);
  std::optional<geo::CachedScene> cached;
  if (!cache_key.empty()) cached = geo::load_cached_scene(cache_key);
  bool all_ok = true;
  if (!cached) {
    const LoadedInputs loaded = load_inputs(o.inputs);
    const geo::Coastline coastline = load_coastline_or_warn(o.inputs);
    geo::SceneInput input;
    input.events = &loaded.events;
    input.land = &coastline.land;
    input.coast_lines = &coastline.lines;
    cached.emplace(geo::CachedScene{geo::build_scene(input, projection), loaded.events, coastline.attribution});
    all_ok = loaded.all_ok;
    const bool clean = all_ok && !coastline.land.empty() &&
                       std::all_of(loaded.results.begin(), loaded.results.end(),
                                   [](const geo::LoadResult& r) { return r.warnings.empty(); });
    if (clean && !cache_key.empty()) geo::store_cached_scene(cache_key, cached->scene, cached->events, coastline.attribution);
  }
  geo::Scene& scene = cached->scene;
  const std::vector<geo::Event>& events = cached->events;
  if (!o.inputs.quiet)
    for (const std::string& warning : scene.warnings) std::fprintf(stderr, "patrolscope: warning: %s\n", warning.c_str());
  if (!filter.empty() && std::none_of(events.begin(), events.end(), [&](const geo::Event& e) { return filter.matches(e); }))
    std::fprintf(stderr, "patrolscope: warning: the filter (%s) matches no event; the map shows none\n",
                 filter.describe().c_str());

  // The frame: the activity the region holds, clear of the title, legend and footer.
  snapshot::OverlayText text{o.title, o.subtitle, o.banner};
  if (text.title.empty() && !o.no_overlays) {
    // The bundled dataset's name, or the first input's file name; then the region's.
    text.title = o.inputs.data.empty() ? "China\u2013Russia joint activity"
                                       : std::filesystem::path(o.inputs.data.front()).stem().string();
    if (preset && o.crs.empty() && !bbox) text.title += std::string(": ") + preset->title;
  }
  render::FrameState first_frame;
  first_frame.color_by = color_by;
  first_frame.timed = !times.empty();
  first_frame.now = times.empty() ? 0 : times.front();
  first_frame.window = window.value_or(-1);
  const snapshot::MapContext map{scene, projection, events, filter, cached->attribution};
  geo::FrameRequest frame_request;
  frame_request.width_px = width;
  frame_request.height_px = height;
  frame_request.margin_px = 0.05 * std::min(width, height);  // 54 px at 1080p
  std::vector<std::size_t> listed;
  for (std::size_t i = 0; i < events.size(); ++i)
    if (filter.matches(events[i])) listed.push_back(i);
  if (!o.no_overlays) frame_request.reserved = snapshot::furniture_boxes(width, height, map, first_frame, text, listed);
  const std::string region_text = bbox ? "--bbox " + o.bbox : std::string("the ") + preset->title + " preset";
  const geo::Extent view =
      fitted_view(fit, region_view, box, region_text, events, filter, projection, frame_request);

  // One image has one resolution: track detail finer than half a pixel cannot show, and every
  // vertex costs vertex-shader time (llvmpipe runs it on the CPU), so simplify to that.
  const double units_per_pixel = std::max(view.width() / width, view.height() / height);
  scene.tracks = geo::simplify_tracks(scene.tracks, 0.5 * units_per_pixel);

  render::EglContext context;
  render::MapRenderer renderer;
  renderer.upload(scene, render::MapRenderer::schematic_flags(events));
  const double prepare_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();

  snapshot::SnapshotRequest request;
  request.width = width;
  request.height = height;
  request.view = view;
  request.overlays = !o.no_overlays;
  request.world_file = o.world_file;
  request.text = text;
  render::FrameState& state = request.state;
  state.masks = scene.facets.masks(filter);
  state.color_by = color_by;
  state.transparent = o.transparent;
  state.window = window.value_or(-1);
  state.window_mode = render::FrameState::Trail;

  const std::string fit_text = o.no_fit ? "none" : !o.fit.empty() ? o.fit : !o.select.empty() ? "selection"
                               : fit.outline ? "outline" : fit.target ? "data" : "none";
  std::string boxes_text;  // pixels: x,y,w,h; … (what the framing kept clear)
  for (const geo::PixelBox& b : frame_request.reserved) {
    char item[96];
    std::snprintf(item, sizeof item, "%s%.0f,%.0f,%.0f,%.0f", boxes_text.empty() ? "" : "; ", b.x, b.y, b.w, b.h);
    boxes_text += item;
  }
  std::string inputs_text;
  for (const std::string& path : paths) inputs_text += (inputs_text.empty() ? "" : ", ") + path;
  const std::size_t count = std::max<std::size_t>(times.size(), 1);
  for (std::size_t i = 0; i < count; ++i) {
    const auto frame_started = std::chrono::steady_clock::now();
    request.path = frame_path(o.output, i, count);
    state.timed = !times.empty();
    state.now = times.empty() ? 0 : times[i];
    request.metadata = {
        {"Title", request.text.title},
        {"Region", preset ? preset->name : "bbox"},
        {"View", bbox ? o.bbox : std::string(preset->name)},
        {"Projection", o.crs.empty() ? (preset ? preset->crs : projection.proj_string()) : o.crs},
        {"Time", state.timed ? geo::format_time(state.now) : "all"},
        {"Window", window ? geo::format_duration(*window) : "all"},
        {"Filter", filter.empty() ? "none" : filter.describe()},
        {"Fit", fit_text},
        {"Overlay boxes", boxes_text},
        {"Color by", o.color_by},
        {"Inputs", inputs_text},
        {"Coastline", o.inputs.coastline.empty() ? "bundled Natural Earth" : o.inputs.coastline},
    };
    const auto written = snapshot::write_snapshot(renderer, request, map);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - frame_started).count();
    for (const std::string& path : written) std::printf("%s\n", path.c_str());
    if (i == 0 && !o.inputs.quiet)
      std::fprintf(stderr, "patrolscope: %dx%d: prepared in %.2f s, rendered and written in %.2f s\n", width,
                   height, prepare_s, seconds);
  }
  return all_ok ? kExitOk : kExitInputError;
}

}  // namespace

CommandRun add_render_command(CLI::App& app) {
  auto o = std::make_shared<RenderOptions>();
  CLI::App* command = app.add_subcommand("render", "Write the map as a PNG, with no display needed");
  command->add_option("-o,--output", o->output, "The PNG to write (storyboards: OUT-0001.png …)")->required();
  command->add_option("--size", o->size, "WIDTHxHEIGHT in pixels (default 1920x1080)");
  command->add_option("--region", o->region, "pacific, arctic, scs or world (default pacific)");
  command->add_option("--crs", o->crs, "Map CRS (PROJ string, EPSG:nnnn, WKT), keeping the region's extent");
  command->add_option("--bbox", o->bbox, "W,S,E,N in degrees (W > E crosses 180°)");
  command->add_option("--at", o->at, "Time(s) to show, comma-separated (UTC, ISO 8601)");
  command->add_option("--window", o->window, "With --at: show [T - D, T] (90m, 12h, 30d, 1y, all)");
  command->add_option("--from", o->from, "Storyboard: first frame's time");
  command->add_option("--to", o->to, "Storyboard: last frame's time");
  command->add_option("--every", o->every, "Storyboard: step between frames (1d, 12h, …)");
  command->add_option("--years", o->years, "Years, e.g. 2022,2024 or 2022-2024");
  command->add_option("--domain", o->domains, "Domains (air, naval, …), comma-separated");
  command->add_option("--force", o->forces, "Force types (strategic_bomber, destroyer, …)");
  command->add_option("--participant", o->participants, "Participants (CN, RU, …)");
  command->add_option("--kind", o->kinds, "Kinds (air_patrol, naval_patrol, exercise, …)");
  command->add_option("--color-by", o->color_by, "kind (default), participant, domain or force");
  command->add_option("--title", o->title, "Title (default: the dataset and region)");
  command->add_option("--subtitle", o->subtitle, "Subtitle");
  command->add_option("--banner", o->banner, "Marking banner at top and bottom");
  command->add_flag("--transparent", o->transparent, "Transparent background instead of the sea colour");
  command->add_flag("--no-overlays", o->no_overlays, "The map only: no title, legend, scale bar, labels");
  command->add_option("--fit", o->fit,
                      "Frame the activity: data (default for pacific/arctic/scs: every event in the region), filter (the events passing the filters) or selection (--select)");
  command->add_option("--select", o->select, "Event ids to frame, comma-separated (implies --fit selection)");
  command->add_flag("--no-fit", o->no_fit, "Keep the region's (or --bbox's) extent as it is");
  command->add_flag("--world-file", o->world_file, "Also write OUT.pgw and OUT.prj for GIS tools");
  command->add_flag("--no-cache", o->no_cache,
                    "Load and project again instead of using $XDG_CACHE_HOME/patrolscope (kept per input, coastline and projection; a changed file is a miss)");
  o->inputs.add_to(*command);
  return [o]() {
    try {
      return run_render(*o);
    } catch (const UsageError& e) {
      std::fprintf(stderr, "patrolscope: render: %s\n", e.what());
      return kExitUsage;
    } catch (const std::exception& e) {
      std::fprintf(stderr, "patrolscope: %s\n", e.what());
      return kExitInputError;
    }
  };
}

}  // namespace patrolscope
