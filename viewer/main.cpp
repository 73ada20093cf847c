// patrolscope [view|render|animate|info|analyze] …
#include <CLI/CLI.hpp>
#include <algorithm>
#include <cstdio>
#include <exception>
#include <string>
#include <vector>

#include "commands.hpp"

int main(int argc, char** argv) {
  CLI::App app{"patrolscope: where and when military patrols and exercises happened"};
  app.require_subcommand(0, 1);
  const patrolscope::CommandRun run_info = patrolscope::add_info_command(app);
  const patrolscope::CommandRun run_analyze = patrolscope::add_analyze_command(app);
  const patrolscope::CommandRun run_render = patrolscope::add_render_command(app);
  const patrolscope::CommandRun run_view = patrolscope::add_view_command(app);
  const patrolscope::CommandRun run_animate = patrolscope::add_animate_command(app);
  const patrolscope::CommandRun run_export = patrolscope::add_export_command(app);
  // `patrolscope [DATA...]` and `patrolscope --region arctic` mean `patrolscope view …`.
  std::vector<std::string> args(argv + 1, argv + argc);
  const bool names_command = !args.empty() && (args[0] == "view" || args[0] == "render" || args[0] == "animate" ||
                                               args[0] == "info" || args[0] == "analyze" || args[0] == "export" || args[0] == "-h" ||
                                               args[0] == "--help");
  if (!names_command) args.insert(args.begin(), "view");
  std::reverse(args.begin(), args.end());  // CLI11 takes the arguments in reverse order
  try {
    app.parse(args);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::Success& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    std::fprintf(stderr, "patrolscope: %s\n", e.what());
    return patrolscope::kExitUsage;
  }
  try {
    if (app.got_subcommand("info")) return run_info();
    if (app.got_subcommand("analyze")) return run_analyze();
    if (app.got_subcommand("render")) return run_render();
    if (app.got_subcommand("animate")) return run_animate();
    if (app.got_subcommand("export")) return run_export();
    return run_view();  // `patrolscope` alone, or `patrolscope view`
  } catch (const std::exception& e) {
    std::fprintf(stderr, "patrolscope: %s\n", e.what());
    return patrolscope::kExitInputError;
  }
}
