// `patrolscope export -o OUT.{geojson,gpkg,kml,csv,fgb} [--positions] [filters] [--at T --window D] [DATA...]`:
// the events that pass the filters (and, with --at, are active in the window) written through
// GDAL's writers (geo/export).
#include <CLI/CLI.hpp>
#include <cstdio>
#include <optional>

#include "output_file.hpp"
#include "time.hpp"
#include <memory>
#include <stdexcept>

#include "cli_options.hpp"
#include "commands.hpp"
#include "export.hpp"
#include "inputs.hpp"

namespace patrolscope {

CommandRun add_export_command(CLI::App& app) {
  struct Options {
    InputOptions inputs;
    FilterFlags filters;
    std::string output, at, window;
    bool positions = false;
  };
  auto options = std::make_shared<Options>();
  CLI::App* command = app.add_subcommand(
      "export", "Write the events to GeoJSON, GeoPackage, KML, CSV or FlatGeobuf (by -o's extension)");
  command->add_option("-o,--output", options->output, "OUT.geojson, .gpkg, .kml, .csv or .fgb")->required();
  command->add_flag("--positions", options->positions,
                    "A CSV of positions instead: one row per line vertex and point with its time");
  command->add_option("--at", options->at, "Only events active in the window ending at this time (ISO 8601)");
  command->add_option("--window", options->window, "The window's length with --at (e.g. 30d; default 1d)");
  options->filters.add_to(*command);
  options->inputs.add_to(*command, /*with_coastline=*/false);
  return [options]() {
    geo::Filter filter;
    std::optional<geo::Seconds> at, window = geo::kSecondsPerDay;
    try {
      filter = options->filters.filter();
      if (!options->at.empty()) {
        std::string why;
        at = geo::parse_time(options->at, &why);
        if (!at) throw UsageError("--at: invalid time '" + options->at + "': " + why);
      }
      if (!options->window.empty()) {
        window = geo::parse_duration(options->window);
        if (!window || *window <= 0) throw UsageError("--window: invalid duration '" + options->window + "'");
      }
      if (geo::export_driver_for(options->output).empty() || (options->positions &&
                                                              geo::export_driver_for(options->output) != "CSV"))
        geo::export_events({}, options->output, options->positions);  // throws the usage error
      geo::check_output_target(options->output);  // before loading: a bad -o costs nothing
    } catch (const UsageError& e) {
      std::fprintf(stderr, "patrolscope: export: %s\n", e.what());
      return kExitUsage;
    } catch (const std::invalid_argument& e) {
      std::fprintf(stderr, "patrolscope: export: %s\n", e.what());
      return kExitUsage;
    } catch (const std::exception& e) {
      std::fprintf(stderr, "patrolscope: %s: not written\n", e.what());
      return kExitInputError;
    }
    const LoadedInputs loaded = load_inputs(options->inputs);
    if (!loaded.all_ok) {
      std::fprintf(stderr, "patrolscope: %s: not written (an input failed)\n", options->output.c_str());
      return kExitInputError;
    }
    std::vector<geo::Event> shown;
    for (const geo::Event& event : loaded.events)
      if (filter.matches(event) && (!at || event.active_during(*at - *window, *at))) shown.push_back(event);
    try {
      for (const std::string& w : geo::export_events(shown, options->output, options->positions))
        print_error(options->output, w);
    } catch (const std::exception& e) {
      std::fprintf(stderr, "patrolscope: %s: not written\n", e.what());
      return kExitInputError;
    }
    return kExitOk;
  };
}

}  // namespace patrolscope
