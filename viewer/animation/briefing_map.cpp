#include "briefing_map.hpp"

#include <CLI/CLI.hpp>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <sstream>

#include "app_state.hpp"
#include "assets.hpp"
#include "simplify.hpp"
#include "snapshot/snapshot.hpp"
#include "vocab.hpp"

namespace patrolscope::animation {
namespace {

// These parsers repeat cli_render.cpp's (private there) until the SnapshotSpec gives both
// commands one parser.
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
    throw UsageError("--size: impossible image size '" + text + "'");
  return {width, height};
}

geo::GeoBox parse_bbox(const std::string& text) {
  const auto parts = split_list(text);
  double v[4];
  if (parts.size() != 4) throw UsageError("--bbox: expected W,S,E,N in degrees, got '" + text + "'");
  for (std::size_t i = 0; i < 4; ++i) {
    try {
      std::size_t used = 0;
      v[i] = std::stod(parts[i], &used);
      if (used != parts[i].size()) throw std::invalid_argument("");
    } catch (const std::exception&) {
      throw UsageError("--bbox: '" + parts[i] + "' is not a number");
    }
  }
  if (v[1] >= v[3] || v[1] < -90 || v[3] > 90 || v[0] < -180 || v[0] > 180 || v[2] < -180 || v[2] > 180 || v[0] == v[2])
    throw UsageError("--bbox: '" + text + "' is not a box (W,S,E,N; S < N; W > E crosses 180°)");
  return {v[0], v[1], v[2], v[3]};
}

geo::Filter make_filter(const MapOptions& o) {
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

}  // namespace

void MapOptions::add_to(CLI::App& command) {
  command.add_option("--size", size, "WIDTHxHEIGHT in pixels (default 1920x1080; GIF 960x540)");
  command.add_option("--region", region, "pacific, arctic, scs or world (default pacific)");
  command.add_option("--crs", crs, "Map CRS (PROJ string, EPSG:nnnn, WKT), keeping the region's extent");
  command.add_option("--bbox", bbox, "W,S,E,N in degrees (W > E crosses 180°)");
  command.add_option("--extent", extent, "XMIN,YMIN,XMAX,YMAX in map units of the CRS (what the viewer shows), instead of the region's box");
  command.add_option("--years", years, "Years, e.g. 2022,2024 or 2022-2024");
  command.add_option("--domain", domains, "Domains (air, naval, …), comma-separated");
  command.add_option("--force", forces, "Force types (strategic_bomber, destroyer, …)");
  command.add_option("--participant", participants, "Participants (CN, RU, …)");
  command.add_option("--kind", kinds, "Kinds (air_patrol, naval_patrol, exercise, …)");
  command.add_option("--color-by", color_by, "kind (default), participant, domain or force");
  command.add_option("--title", title, "Title (default: the dataset and region)");
  command.add_option("--subtitle", subtitle, "Subtitle");
  command.add_option("--banner", banner, "Marking banner at top and bottom");
  command.add_flag("--no-overlays", no_overlays, "The map only: no title, legend, scale bar, clock, progress strip");
  command.add_flag("--no-cache", no_cache, "Load and project again instead of using $XDG_CACHE_HOME/patrolscope");
  inputs.add_to(command);
}

MapChoice choose_map(const MapOptions& o, const std::string& default_size) {
  MapChoice c;
  std::tie(c.width, c.height) = parse_size(o.size.empty() ? default_size : o.size);
  if (!patrolscope::parse_color_by(o.color_by, c.color_by))
    throw UsageError("--color-by: expected participant, domain, force or kind, got '" + o.color_by + "'");
  c.filter = make_filter(o);
  if (!o.region.empty() && !(c.preset = geo::find_preset(o.region)))
    throw UsageError("--region: expected pacific, arctic, scs or world, got '" + o.region + "'");
  if (!o.bbox.empty()) c.bbox = parse_bbox(o.bbox);
  if (!c.preset && !c.bbox) c.preset = geo::find_preset("pacific");
  try {
    c.projection = std::make_shared<const geo::MapProjection>(
        !o.crs.empty() ? geo::MapProjection::create(o.crs)
        : c.preset     ? geo::MapProjection::create(c.preset->crs)
                       : geo::MapProjection::for_box(*c.bbox));
  } catch (const std::runtime_error& e) {
    throw UsageError(std::string("--crs: ") + e.what());
  }
  c.projection_name = !o.crs.empty() ? o.crs : c.preset ? c.preset->crs : c.projection->proj_string();
  c.view = c.projection->extent_of(c.bbox ? *c.bbox : c.preset->view);
  if (!o.extent.empty()) {
    const auto parts = split_list(o.extent);
    double v[4];
    if (parts.size() != 4) throw UsageError("--extent: expected XMIN,YMIN,XMAX,YMAX, got '" + o.extent + "'");
    for (std::size_t i = 0; i < 4; ++i) {
      try {
        std::size_t used = 0;
        v[i] = std::stod(parts[i], &used);
        if (used != parts[i].size()) throw std::invalid_argument("");
      } catch (const std::exception&) {
        throw UsageError("--extent: '" + parts[i] + "' is not a number");
      }
    }
    c.view = {v[0], v[1], v[2], v[3]};
  }
  if (!(c.view.width() > 0 && c.view.height() > 0))
    throw UsageError("the map extent is empty in this projection (check --crs and --bbox)");
  c.text = {o.title, o.subtitle, o.banner};
  if (c.text.title.empty() && !o.no_overlays) {
    c.text.title = o.inputs.data.empty() ? "China\u2013Russia joint activity"
                                         : std::filesystem::path(o.inputs.data.front()).stem().string();
    if (c.preset && o.crs.empty() && !c.bbox) c.text.title += std::string(": ") + c.preset->title;
  }
  return c;
}

render::FrameState BriefingMap::base_state() const {
  snapshot::SnapshotRequest request;
  request.width = choice.width;
  request.height = choice.height;
  request.view = choice.view;
  request.state.masks = data.scene.facets.masks(choice.filter);
  request.state.color_by = choice.color_by;
  return snapshot::frame_for(request);
}

BriefingMap load_briefing_map(const MapOptions& o, MapChoice choice) {
  BriefingMap map;
  map.choice = std::move(choice);
  map.paths = o.inputs.data;
  if (map.paths.empty()) map.paths.push_back(geo::default_dataset_path());
  const std::string coastline_path = o.inputs.coastline.empty() ? geo::default_coastline_path() : o.inputs.coastline;
  const std::string key =
      o.no_cache ? "" : geo::scene_cache_key(map.paths, coastline_path, *map.choice.projection, 10, o.inputs.load);
  std::optional<geo::CachedScene> cached;
  if (!key.empty()) cached = geo::load_cached_scene(key);
  if (!cached) {
    const LoadedInputs loaded = load_inputs(o.inputs);
    const geo::Coastline coastline = load_coastline_or_warn(o.inputs);
    geo::SceneInput input;
    input.events = &loaded.events;
    input.land = &coastline.land;
    input.coast_lines = &coastline.lines;
    cached.emplace(geo::CachedScene{geo::build_scene(input, *map.choice.projection), loaded.events, coastline.attribution});
    map.all_ok = loaded.all_ok;
    const bool clean = loaded.all_ok && !coastline.land.empty() &&
                       std::all_of(loaded.results.begin(), loaded.results.end(),
                                   [](const geo::LoadResult& r) { return r.warnings.empty(); });
    if (clean && !key.empty()) geo::store_cached_scene(key, cached->scene, cached->events, coastline.attribution);
  }
  map.data = std::move(*cached);
  if (!o.inputs.quiet)
    for (const std::string& warning : map.data.scene.warnings)
      std::fprintf(stderr, "patrolscope: warning: %s\n", warning.c_str());
  const double units_per_pixel =
      std::max(map.choice.view.width() / map.choice.width, map.choice.view.height() / map.choice.height);
  map.data.scene.tracks = geo::simplify_tracks(map.data.scene.tracks, 0.5 * units_per_pixel);
  map.renderer = std::make_unique<render::MapRenderer>();
  map.renderer->upload(map.data.scene, render::MapRenderer::schematic_flags(map.data.events));
  return map;
}

}  // namespace patrolscope::animation
