// The command-line face: each command adds its subcommand and options to the CLI11 app and
// returns the function that runs it after parsing (returning the process exit code).
#pragma once
#include <cstdio>
#include <functional>
#include <stdexcept>

namespace CLI {
class App;
}

namespace patrolscope {

// Exit codes: 0 every input loaded; 1 an input could not be read or yields no usable event
// (or the job failed); 2 a usage error.
inline constexpr int kExitOk = 0, kExitInputError = 1, kExitUsage = 2;

// Thrown for what the user typed wrong (the command prints "patrolscope: CMD: what" and exits 2).
struct UsageError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

using CommandRun = std::function<int()>;

// Runs a command's job, turning what it throws into the exit code: a UsageError prints
// "patrolscope: CMD: what" and gives kExitUsage; any other exception "patrolscope: what" and
// kExitInputError.
inline int run_reporting_errors(const char* command, const CommandRun& job) {
  try {
    return job();
  } catch (const UsageError& e) {
    std::fprintf(stderr, "patrolscope: %s: %s\n", command, e.what());
    return kExitUsage;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "patrolscope: %s\n", e.what());
    return kExitInputError;
  }
}

CommandRun add_info_command(CLI::App& app);
CommandRun add_analyze_command(CLI::App& app);
CommandRun add_render_command(CLI::App& app);
CommandRun add_view_command(CLI::App& app);
CommandRun add_animate_command(CLI::App& app);
CommandRun add_export_command(CLI::App& app);

}  // namespace patrolscope
