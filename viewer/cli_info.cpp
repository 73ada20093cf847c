// `patrolscope info [--json] [DATA...]`: what the inputs hold and what is wrong with them.
#include <CLI/CLI.hpp>
#include <cstdio>
#include <memory>
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
    std::fputs(text.c_str(), stdout);
    return loaded.all_ok ? kExitOk : kExitInputError;
  };
}

}  // namespace patrolscope
