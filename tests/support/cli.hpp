// Running the patrolscope executable from a test: every run gets XDG_CACHE_HOME and
// XDG_CONFIG_HOME inside a scratch directory of this test process (removed when it exits), so
// no test reads or writes the user's cache or settings; and no display unless asked for.
// Written once here; every test that runs the executable goes through it.
#pragma once
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <string>

#include "temp_dir.hpp"  // read_file

namespace patrolscope::testing {

// <tmp>/patrolscope-test-<pid>, made on first use and removed when the process exits.
inline const std::filesystem::path& scratch_dir() {
  struct Scratch {
    std::filesystem::path path;
    Scratch() : path(std::filesystem::temp_directory_path() / ("patrolscope-test-" + std::to_string(::getpid()))) {
      std::filesystem::remove_all(path);
      std::filesystem::create_directories(path / "cache");
      std::filesystem::create_directories(path / "config");
    }
    ~Scratch() {
      std::error_code error;
      std::filesystem::remove_all(path, error);
    }
  };
  static const Scratch scratch;
  return scratch.path;
}

inline std::string quoted(const std::string& text) {  // for sh -c
  std::string out = "'";
  for (char c : text) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

// The `env …` prefix of a command line: the scratch XDG directories, and DISPLAY and
// WAYLAND_DISPLAY unset unless `keep_display` (for runs under xvfb-run). `extra`: more
// NAME=value words for this run (as written on a shell command line), e.g. "EGL_LOG_LEVEL=debug".
inline std::string cli_environment(bool keep_display = false, const std::string& extra = "") {
  const std::filesystem::path& dir = scratch_dir();
  return std::string("env ") + (keep_display ? "" : "-u DISPLAY -u WAYLAND_DISPLAY ") +
         "XDG_CACHE_HOME=" + quoted((dir / "cache").string()) + " XDG_CONFIG_HOME=" +
         quoted((dir / "config").string()) + " " + (extra.empty() ? "" : extra + " ");
}

// The same environment set in this process: for a forked child about to exec the executable
// (call scratch_dir() before forking, so the child does not make it).
inline void apply_cli_environment(bool keep_display = false) {
  const std::filesystem::path& dir = scratch_dir();
  if (!keep_display) ::unsetenv("DISPLAY"), ::unsetenv("WAYLAND_DISPLAY");
  ::setenv("XDG_CACHE_HOME", (dir / "cache").c_str(), 1);
  ::setenv("XDG_CONFIG_HOME", (dir / "config").c_str(), 1);
}

// `cli_environment() + "patrolscope"`: the start of a command line that runs the executable.
inline std::string cli_command(bool keep_display = false, const std::string& extra_environment = "") {
  return cli_environment(keep_display, extra_environment) + quoted(PATROLSCOPE_EXE);
}

struct CliRun {
  int code = -1;  // the exit status; -1 when killed by a signal
  std::string out, err;
  std::string output() const { return out + err; }
};

// Runs `patrolscope ARGUMENTS` (ARGUMENTS as written on a shell command line), with
// cli_environment(false, extra_environment).
inline CliRun run_cli(const std::string& arguments, const std::string& extra_environment = "") {
  static int runs = 0;
  const std::filesystem::path dir = scratch_dir() / ("run-" + std::to_string(++runs));
  std::filesystem::create_directories(dir);
  const std::string command = cli_command(false, extra_environment) + " " + arguments + " >" +
                              quoted((dir / "out").string()) + " 2>" + quoted((dir / "err").string());
  const int raw = std::system(command.c_str());
  CliRun run{WIFEXITED(raw) ? WEXITSTATUS(raw) : -1, read_file(dir / "out"), read_file(dir / "err")};
  std::filesystem::remove_all(dir);
  return run;
}

}  // namespace patrolscope::testing
