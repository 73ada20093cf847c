// The scene cache reader on entries whose header and checksum are valid (the fuzzer's bytes are
// the payload after the key): what a crafted entry can do. An accepted entry must be safe to
// upload and draw, which read_scene_file promises by its checks.
#include <cstdint>
#include <cstdlib>
#include <cstdio>
#include <cstring>
#include <string>

#include "fuzz_input_file.hpp"
#include "scene_cache.hpp"

// With PATROLSCOPE_FUZZ_SEED_DIR set (tests/fuzz/run sets it to the corpus), writes a seed:
// the payload of a real entry of a small scene, for this build's format.
extern "C" int LLVMFuzzerInitialize(int*, char***) {
  const char* dir = std::getenv("PATROLSCOPE_FUZZ_SEED_DIR");
  if (!dir || !*dir) return 0;
  geo::Event track;
  track.id = "t";
  track.kind = "air_patrol";
  track.domains = {"air"};
  track.start = 1720000000;
  track.end = track.start + 7200;
  track.geometry.lines.push_back({{{170, 52}, {179, 52}, {-179, 52}}, {track.start, track.start + 3600, track.end}});
  geo::Event area = track;
  area.geometry = {};
  area.geometry.polygons.push_back({{{{130, 40}, {135, 40}, {135, 43}, {130, 43}}}});
  area.geometry.points.push_back({132, 41});
  const std::vector<geo::Event> events{track, area};
  geo::SceneInput input;
  input.events = &events;
  input.graticule_step_deg = 90;
  const geo::Scene scene = geo::build_scene(input, geo::MapProjection::create("pacific"));
  const std::string path = std::string(dir) + "/seed.scene.tmp";
  if (!geo::write_scene_file(path, scene, &events, "k")) return 0;
  std::FILE* in = std::fopen(path.c_str(), "rb");
  std::string bytes;
  for (int c; (c = std::fgetc(in)) != EOF;) bytes.push_back(static_cast<char>(c));
  std::fclose(in);
  std::remove(path.c_str());
  const std::size_t skip = 32 + 8 + 1;  // header, the key's length and "k"
  if (bytes.size() <= skip) return 0;
  std::FILE* out = std::fopen((std::string(dir) + "/seed-sample-scene").c_str(), "wb");
  std::fwrite(bytes.data() + skip, 1, bytes.size() - skip, out);
  std::fclose(out);
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string key = "k";
  std::string entry = geo::scene_cache_entry_bytes(key, std::string(reinterpret_cast<const char*>(data), size));
  const std::string path = patrolscope::fuzz::input_file(".scene", reinterpret_cast<const std::uint8_t*>(entry.data()),
                                                         entry.size());
  std::vector<geo::Event> events;
  const auto scene = geo::read_scene_file(path, &events, key);
  if (!scene) return 0;
  // What MapRenderer::upload_tracks and the viewer index with.
  if (!scene->tracks.empty() && !(scene->tracks.front().feature & geo::TrackVertex::kPieceStart)) std::abort();
  for (const geo::TrackVertex& v : scene->tracks)
    if ((v.feature & ~geo::TrackVertex::kPieceStart) >= events.size()) std::abort();
  for (const auto* vertices : {&scene->areas, &scene->points})
    for (const geo::AreaVertex& v : *vertices)
      if (v.feature >= events.size()) std::abort();
  return 0;
}
