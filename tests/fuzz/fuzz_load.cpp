// One loader per binary (FUZZ_EXTENSION picks it: .geojson native, .gpx, .csv position tables,
// .kml through GDAL). A loader may refuse any input, but must not crash, hang or leak; what it
// returns must hold together (every line's times match its coordinates).
#include <cstdint>
#include <cstdlib>

#include "fuzz_input_file.hpp"
#include "load.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string path = patrolscope::fuzz::input_file(FUZZ_EXTENSION, data, size);
  const geo::LoadResult result = geo::load_events(path);
  for (const geo::Event& event : result.events)
    for (const geo::Line& line : event.geometry.lines)
      if (!line.times.empty() && line.times.size() != line.coords.size()) std::abort();
  return 0;
}
