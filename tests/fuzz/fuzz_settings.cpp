// The viewer's settings.json reader: any file yields settings or an error, never a crash.
#include <cstdint>
#include <string>

#include "fuzz_input_file.hpp"
#include "settings.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string path = patrolscope::fuzz::input_file(".json", data, size);
  patrolscope::AppState state;
  patrolscope::WindowSize window;
  std::string error;
  patrolscope::load_settings(path, state, window, &error);
  return 0;
}
