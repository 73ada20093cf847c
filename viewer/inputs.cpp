#include "inputs.hpp"

#include <CLI/CLI.hpp>
#include <cstdio>

#include "assets.hpp"
#include "range_rings.hpp"

namespace patrolscope {

void print_error(const std::string& file, const std::string& message) {
  // One line a message, so every line on stderr starts "patrolscope: FILE:" (a quoted CSV value
  // may hold line breaks): they are shown as \n.
  std::string line;
  for (char c : message) {
    if (c == '\n') line += "\\n";
    else if (c != '\r') line += c;
  }
  std::fprintf(stderr, "patrolscope: %s: %s\n", geo::printable_source(file).c_str(),
               geo::without_secrets(line, file).c_str());
}

void InputOptions::add_to(CLI::App& command, bool with_coastline) {
  command.add_option("DATA", data, "Event files: GeoJSON, GPX, KML, CSV/GeoPackage tables, …, or PG:\"dbname=… host=…\" "
                                   "(default: the bundled dataset)");
  if (with_coastline)
    command.add_option("--coastline", coastline,
                       "Land or coastline layer, any GDAL vector source (default: Natural Earth 1:50m)");
  if (with_coastline) command.add_flag("--no-borders", no_borders, "No country borders (Natural Earth 1:50m) on the map");
  command.add_option("--id-column", load.id_column, "Column that groups positions into tracks");
  command.add_option("--time-column", load.time_column, "Column with each position's time");
  command.add_option("--lon-column", load.lon_column, "Column with longitudes");
  command.add_option("--lat-column", load.lat_column, "Column with latitudes");
  command.add_option("--table", load.table, "Only this table or layer of DATA (a PostGIS table, a GeoPackage layer)");
  command.add_option("--sql", load.sql, "Read the rows of this query on DATA (run as given, e.g. on a PG: source)");
  command.add_flag("-q,--quiet", quiet, "Do not print warnings about skipped features");
  command.add_option("--zones", zones,
                     "A zone layer (any GDAL polygon or line layer, any CRS, a name field), drawn and analysed with the bundled zones");
  command.add_flag("--no-zones", no_zones, "Neither the bundled zones (ADIZ, 12-nm bands) nor --zones");
  command
      .add_option("--ring", rings,
                  "Range rings: [NAME:]LON,LAT,R[,R...] with R in km (default) or nmi, e.g. Ukrainka:128.45,51.17,3000km "
                  "(geodesic circles, drawn and analysed as zones; repeatable; shown with --no-zones)")
      ->allow_extra_args(false)  // one ring a flag, so `--ring 0,0,200 DATA` leaves DATA to the inputs
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll)
      ->check([](const std::string& text) {
        try {
          geo::parse_range_ring(text);
          return std::string();
        } catch (const std::exception& e) {
          return std::string(e.what());
        }
      });
}

const std::vector<const geo::LoadResult*> LoadedInputs::result_pointers() const {
  std::vector<const geo::LoadResult*> pointers;
  for (const auto& result : results) pointers.push_back(&result);
  return pointers;
}

LoadedInputs load_inputs(const InputOptions& options) {
  LoadedInputs loaded;
  std::vector<std::string> paths = options.data;
  if (paths.empty()) paths.push_back(geo::default_dataset_path());
  for (const std::string& path : paths) {
    geo::LoadResult result = geo::load_events(path, options.load);
    if (!options.quiet)
      for (const std::string& warning : result.warnings) print_error(path, warning);
    if (!result.error.empty()) {
      print_error(path, result.error);
      loaded.all_ok = false;
    } else if (result.events.empty()) {
      print_error(path, "no usable event");
      loaded.all_ok = false;
    }
    for (const geo::Event& event : result.events) loaded.events.push_back(event);
    loaded.results.push_back(std::move(result));
  }
  return loaded;
}

LoadedZones load_zones_or_warn(const InputOptions& options) {
  LoadedZones out;
  std::vector<std::string> paths;
  if (!options.no_zones) {
    paths = geo::bundled_zone_paths();
    if (!options.zones.empty()) paths.push_back(options.zones);
  }
  for (const std::string& path : paths) {
    try {
      geo::ZoneLoad loaded = geo::load_zones(path);
      if (!options.quiet)
        for (const std::string& w : loaded.warnings) print_error(path, w);
      for (geo::Zone& z : loaded.zones) out.zones.push_back(std::move(z));
    } catch (const std::exception& e) {
      std::fprintf(stderr, "patrolscope: %s\n", e.what());  // the message starts with the path
      out.all_ok = false;
    }
  }
  // Asked for by name, so drawn even with --no-zones; the option's check has parsed each.
  for (const std::string& text : options.rings) {
    geo::RangeRings rings = geo::range_ring_zones(geo::parse_range_ring(text));
    if (!options.quiet)
      for (const std::string& w : rings.warnings) std::fprintf(stderr, "patrolscope: --ring %s: %s\n", text.c_str(), w.c_str());
    for (geo::Zone& z : rings.zones) out.zones.push_back(std::move(z));
  }
  return out;
}

namespace {
std::string coastline_path(const InputOptions& options) {
  return options.coastline.empty() ? geo::default_coastline_path() : options.coastline;
}
}  // namespace

geo::Coastline load_coastline_or_warn(const InputOptions& options) {
  geo::Coastline coastline;
  try {
    coastline = geo::load_coastline(coastline_path(options));
  } catch (const std::exception& e) {
    std::fprintf(stderr, "patrolscope: %s (drawing without land)\n", e.what());
    return {};  // borders without the land they divide would float on the sea
  }
  if (!options.no_borders) {
    try {
      geo::load_borders(geo::default_borders_path(), coastline);
    } catch (const std::exception& e) {
      std::fprintf(stderr, "patrolscope: %s (drawing without borders)\n", e.what());
    }
  }
  return coastline;
}

std::vector<std::string> basemap_paths(const InputOptions& options) {
  std::vector<std::string> paths{coastline_path(options)};
  if (!options.no_borders) paths.push_back(geo::default_borders_path());
  return paths;
}

}  // namespace patrolscope
