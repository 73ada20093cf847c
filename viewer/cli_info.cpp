// `patrolscope info [--json] [DATA...]`: what the inputs hold and what is wrong with them, and
// the zone layers the other commands draw and analyse (bundled, --zones FILE).
#include <CLI/CLI.hpp>
#include <cstdio>
#include <memory>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "commands.hpp"
#include "inputs.hpp"
#include "summary.hpp"

namespace patrolscope {

CommandRun add_info_command(CLI::App& app) {
  struct Options {
    InputOptions inputs;
    bool json = false;
  };
  auto options = std::make_shared<Options>();
  CLI::App* command = app.add_subcommand("info", "Summarise what the inputs hold (default: the bundled dataset)");
  command->add_flag("--json", options->json, "One JSON object on stdout");
  options->inputs.add_to(*command, /*with_coastline=*/false);
  return [options]() {
    const LoadedInputs loaded = load_inputs(options->inputs);
    const auto results = loaded.result_pointers();
    const geo::Summary summary = geo::summarize(results);
    std::string text;
    try {
      text = options->json ? geo::summary_json(summary, results) : geo::summary_text(summary, results);
    } catch (const std::exception& e) {  // a library's own message would name no input
      std::string paths;
      for (const geo::LoadResult* r : results) paths += (paths.empty() ? "" : ", ") + r->path;
      std::fprintf(stderr, "patrolscope: info: %s: cannot summarise: %s\n", paths.c_str(), e.what());
      return kExitInputError;
    }
    const LoadedZones zones = load_zones_or_warn(options->inputs);
    if (options->json) {
      nlohmann::ordered_json j = nlohmann::ordered_json::parse(text);
      nlohmann::ordered_json list = nlohmann::ordered_json::array();
      for (const geo::Zone& z : zones.zones)
        list.push_back({{"name", z.name},
                        {"quality", geo::to_string(z.quality)},
                        {"polygons", z.polygons.size()},
                        {"lines", z.lines.size()},
                        {"source", z.source}});
      j["zones"] = {{"count", zones.zones.size()}, {"layers", list}};
      text = j.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
    } else {
      text += "Zones: " + std::to_string(zones.zones.size());
      for (std::size_t i = 0; i < zones.zones.size(); ++i) text += (i ? "; " : " (") + geo::zone_display_name(zones.zones[i]);
      text += zones.zones.empty() ? "\n" : ")\n";
    }
    std::fputs(text.c_str(), stdout);
    return loaded.all_ok && zones.all_ok ? kExitOk : kExitInputError;
  };
}

}  // namespace patrolscope
