// patrolscope-gen-tracks: deterministic synthetic patrol tracks for benchmarks.
//   patrolscope-gen-tracks --tracks N --points M --seed S --format csv|gpx|geojson -o FILE
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

#include "track_generator.hpp"

namespace {

void usage(std::FILE* to) {
  std::fprintf(to,
               "usage: patrolscope-gen-tracks [--tracks N] [--points M] [--seed S] [--format csv|gpx|geojson] -o FILE\n"
               "  N tracks of M timed points over the western Pacific (120E-150W, 10-60N), some crossing 180.\n"
               "  Defaults: --tracks 100 --points 1000 --seed 1 --format csv\n");
}

bool parse_int(const char* text, long long min, long long max, long long& value) {
  char* end = nullptr;
  value = std::strtoll(text, &end, 10);
  return end != text && *end == '\0' && value >= min && value <= max;
}

}  // namespace

int main(int argc, char** argv) {
  bench::TrackSpec spec;
  std::string format_text = "csv", output;
  bool quiet = false;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    auto value = [&]() -> const char* {
      if (i + 1 >= argc) {
        std::fprintf(stderr, "patrolscope-gen-tracks: %s needs a value\n", arg.c_str());
        std::exit(2);
      }
      return argv[++i];
    };
    long long n = 0;
    if (arg == "--tracks") {
      if (!parse_int(value(), 0, 100'000'000, n)) return usage(stderr), 2;
      spec.tracks = static_cast<int>(n);
    } else if (arg == "--points") {
      if (!parse_int(value(), 0, 100'000'000, n)) return usage(stderr), 2;
      spec.points = static_cast<int>(n);
    } else if (arg == "--seed") {
      if (!parse_int(value(), 0, INT64_MAX, n)) return usage(stderr), 2;
      spec.seed = static_cast<std::uint64_t>(n);
    } else if (arg == "--format") {
      format_text = value();
    } else if (arg == "-o" || arg == "--output") {
      output = value();
    } else if (arg == "-q" || arg == "--quiet") {
      quiet = true;
    } else if (arg == "-h" || arg == "--help") {
      usage(stdout);
      return 0;
    } else {
      std::fprintf(stderr, "patrolscope-gen-tracks: unknown argument '%s'\n", arg.c_str());
      usage(stderr);
      return 2;
    }
  }
  bench::Format format;
  if (format_text == "csv") format = bench::Format::Csv;
  else if (format_text == "gpx") format = bench::Format::Gpx;
  else if (format_text == "geojson" || format_text == "json") format = bench::Format::GeoJson;
  else {
    std::fprintf(stderr, "patrolscope-gen-tracks: --format: expected csv, gpx or geojson, got '%s'\n", format_text.c_str());
    return 2;
  }
  if (output.empty()) {
    std::fprintf(stderr, "patrolscope-gen-tracks: -o FILE is required\n");
    usage(stderr);
    return 2;
  }
  if (static_cast<long long>(spec.tracks) * spec.points > 2'000'000'000LL) {
    std::fprintf(stderr, "patrolscope-gen-tracks: too many points\n");
    return 2;
  }
  const auto started = std::chrono::steady_clock::now();
  const auto tracks = bench::generate_tracks(spec);
  if (const std::string error = bench::write_tracks(tracks, format, output); !error.empty()) {
    std::fprintf(stderr, "patrolscope-gen-tracks: %s\n", error.c_str());
    return 1;
  }
  if (!quiet)
    std::fprintf(stderr, "patrolscope-gen-tracks: %s: %d tracks x %d points, %zu dateline crossings, %.2f s\n",
                 output.c_str(), spec.tracks, spec.points, bench::count_dateline_crossings(tracks),
                 std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count());
  return 0;
}
