#include "briefing_map.hpp"

#include <CLI/CLI.hpp>

#include <algorithm>
#include <cstdio>

#include "assets.hpp"

namespace patrolscope::animation {

void ClipMapOptions::add_to(CLI::App& command) {
  map.add_to(command);
  filters.add_to(command);
  command.add_option("--extent", extent,
                     "XMIN,YMIN,XMAX,YMAX in map units of the CRS (what the viewer shows), instead of the region's box");
  command.add_flag("--no-cache", no_cache, "Load and project again instead of using $XDG_CACHE_HOME/patrolscope");
  inputs.add_to(command);
}

MapChoice choose_map(const ClipMapOptions& o, const std::string& default_size) {
  MapFlags flags = o.map;
  if (flags.size.empty()) flags.size = default_size;
  MapChoice choice = parse_map(flags, o.filters, o.inputs.quiet);
  choice.spec.inputs = o.inputs.data;
  choice.spec.coastline = o.inputs.coastline;
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
    if (!(v[2] > v[0] && v[3] > v[1])) throw UsageError("--extent: '" + o.extent + "' is empty (XMAX > XMIN, YMAX > YMIN)");
    choice.spec.view = {v[0], v[1], v[2], v[3]};
  }
  return choice;
}

std::unique_ptr<BriefingMap> load_briefing_map(const ClipMapOptions& o, MapChoice choice) {
  auto made = std::unique_ptr<BriefingMap>(new BriefingMap{std::move(choice), {}, {}, true, nullptr});
  BriefingMap& briefing = *made;
  const snapshot::SnapshotSpec& spec = briefing.choice.spec;
  std::vector<std::string> paths = o.inputs.data;
  if (paths.empty()) paths.push_back(geo::default_dataset_path());
  const std::string key = o.no_cache ? ""
                                     : geo::scene_cache_key(paths, basemap_paths(o.inputs), briefing.choice.projection,
                                                            snapshot::graticule_step_deg(spec.projection), o.inputs.load);
  const LoadedZones zones = load_zones_or_warn(o.inputs);
  if (!zones.all_ok) throw std::runtime_error("not written: a zone file could not be used");
  std::optional<geo::CachedScene> cached;
  if (!key.empty()) cached = geo::load_cached_scene(key);
  if (!cached) {
    const LoadedInputs loaded = load_inputs(o.inputs);
    const geo::Coastline coastline = load_coastline_or_warn(o.inputs);
    cached.emplace(geo::CachedScene{
        snapshot::build_map_scene(loaded.events, coastline, briefing.choice.projection, spec.projection), loaded.events,
        coastline.attribution});
    briefing.all_ok = loaded.all_ok;
    if (!loaded.all_ok) throw std::runtime_error("not written: an input could not be used");
    const bool clean = !coastline.land.empty() && std::all_of(loaded.results.begin(), loaded.results.end(),
                                                              [](const geo::LoadResult& r) { return r.warnings.empty(); });
    if (clean && !key.empty()) geo::store_cached_scene(key, cached->scene, cached->events, coastline.attribution);
  }
  geo::add_zone_layers(cached->scene, zones.zones, briefing.choice.projection);
  if (!o.inputs.quiet)
    for (const std::string& warning : cached->scene.warnings) std::fprintf(stderr, "patrolscope: warning: %s\n", warning.c_str());
  briefing.events = std::move(cached->events);
  briefing.attribution = cached->attribution;
  apply_color_all(briefing.choice, briefing.events.size());
  briefing.map = std::make_unique<snapshot::SnapshotMap>(std::move(cached->scene), briefing.events, briefing.choice.projection,
                                                        briefing.attribution, spec);
  return made;
}

}  // namespace patrolscope::animation
