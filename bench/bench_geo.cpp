// Micro-benchmarks of geo: loading each format (10^5 points), projecting 10^6 points per preset,
// cutting at the seam, simplification, building the scene at 10^6 track vertices, the facet
// masks of a filter change, and the scene cache. items_per_second counts points (vertices).
//   build/bin/bench_geo [--benchmark_filter=Load]
#include <benchmark/benchmark.h>

#include <cstdio>
#include <filesystem>
#include <memory>

#include "analysis.hpp"
#include "assets.hpp"
#include "bench_common.hpp"
#include "coastline.hpp"
#include "cut.hpp"
#include "load.hpp"
#include "projection.hpp"
#include "scene.hpp"
#include "scene_cache.hpp"
#include "simplify.hpp"
#include "zones.hpp"

namespace {

namespace fs = std::filesystem;

constexpr int kLoadTracks = 100, kLoadPoints = 1000;    // 10^5 points per file
constexpr int kBigTracks = 1000, kBigPoints = 1000;     // 10^6 points in memory

struct Fixture {
  fs::path dir;
  std::string csv, gpx, geojson;
  std::vector<geo::Event> events;  // 10^6 vertices
  std::vector<double> lon, lat;    // the same 10^6 points, flat
  std::unique_ptr<geo::Scene> scene;  // pacific, events only
  geo::Coastline coastline;
};
Fixture* fixture = nullptr;

void set_up() {
  fixture = new Fixture;
  Fixture& f = *fixture;
  f.dir = bench::make_temp_dir("patrolscope-bench");
  const auto small = bench::generate_tracks({kLoadTracks, kLoadPoints, 42});
  f.csv = (f.dir / "tracks.csv").string();
  f.gpx = (f.dir / "tracks.gpx").string();
  f.geojson = (f.dir / "tracks.geojson").string();
  for (auto [format, path] : {std::pair{bench::Format::Csv, f.csv}, std::pair{bench::Format::Gpx, f.gpx},
                              std::pair{bench::Format::GeoJson, f.geojson}})
    if (const std::string error = bench::write_tracks(small, format, path); !error.empty())
      throw std::runtime_error(error);
  f.events = bench::to_events(bench::generate_tracks({kBigTracks, kBigPoints, 7}));
  for (const geo::Event& e : f.events)
    for (const geo::LonLat& p : e.geometry.lines[0].coords) {
      f.lon.push_back(p.lon);
      f.lat.push_back(p.lat);
    }
  geo::SceneInput input;
  input.events = &f.events;
  f.scene = std::make_unique<geo::Scene>(geo::build_scene(input, geo::MapProjection::create("pacific")));
  f.coastline = geo::load_coastline(geo::default_coastline_path());
}

void tear_down() {
  std::error_code ignored;
  fs::remove_all(fixture->dir, ignored);
  delete fixture;
}

// --- Loading -------------------------------------------------------------------------------

void BM_Load(benchmark::State& state) {
  const std::string& path = state.range(0) == 0 ? fixture->csv : state.range(0) == 1 ? fixture->gpx : fixture->geojson;
  state.SetLabel(state.range(0) == 0 ? "csv" : state.range(0) == 1 ? "gpx" : "geojson");
  std::size_t vertices = 0;
  for (auto _ : state) {
    geo::LoadResult result = geo::load_events(path);
    if (!result.ok()) {
      state.SkipWithError(("load failed: " + result.error).c_str());
      return;
    }
    vertices = 0;
    for (const geo::Event& e : result.events) vertices += e.geometry.vertex_count();
    benchmark::DoNotOptimize(result.events.data());
  }
  state.counters["vertices"] = static_cast<double>(vertices);
  state.counters["file_MB"] = static_cast<double>(fs::file_size(path)) / 1e6;
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()) * kLoadTracks * kLoadPoints);
}
BENCHMARK(BM_Load)->DenseRange(0, 2)->Unit(benchmark::kMillisecond)->MinTime(1.0);

void BM_LoadCoastline(benchmark::State& state) {
  for (auto _ : state) {
    geo::Coastline c = geo::load_coastline(geo::default_coastline_path());
    benchmark::DoNotOptimize(c.land.data());
  }
}
BENCHMARK(BM_LoadCoastline)->Unit(benchmark::kMillisecond);

// --- Projection ----------------------------------------------------------------------------

void BM_Project(benchmark::State& state) {
  const geo::Preset& preset = geo::presets()[static_cast<std::size_t>(state.range(0))];
  state.SetLabel(preset.name);
  const geo::MapProjection projection = geo::MapProjection::create(preset.name);
  std::vector<double> x, y;
  for (auto _ : state) {
    state.PauseTiming();
    x = fixture->lon;
    y = fixture->lat;
    state.ResumeTiming();
    projection.forward(x, y);
    benchmark::DoNotOptimize(x.data());
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * x.size()));
}
BENCHMARK(BM_Project)->DenseRange(0, 3)->Unit(benchmark::kMillisecond);

void BM_ProjectionCreate(benchmark::State& state) {
  for (auto _ : state) {
    geo::MapProjection p = geo::MapProjection::create("pacific");
    benchmark::DoNotOptimize(&p);
  }
}
BENCHMARK(BM_ProjectionCreate)->Unit(benchmark::kMillisecond);

// --- Cutting -------------------------------------------------------------------------------

// Arg 0: the pacific preset's seam (opposite its central meridian: nothing to cut in these
// tracks; their 180° crossings stay continuous). Arg 1: a Greenwich-centred map, whose seam at
// 180° cuts every crossing.
void BM_CutLine(benchmark::State& state) {
  const geo::SeamSpec seam = state.range(0) == 0 ? geo::MapProjection::create("pacific").seam()
                                                 : geo::MapProjection::create("+proj=robin +lon_0=0").seam();
  state.SetLabel(state.range(0) == 0 ? "pacific seam" : "seam at 180");
  std::size_t pieces = 0;
  for (auto _ : state) {
    pieces = 0;
    for (const geo::Event& e : fixture->events) {
      const auto cut = geo::cut_line(e.geometry.lines[0], seam);
      pieces += cut.size();
      benchmark::DoNotOptimize(cut.data());
    }
  }
  state.counters["pieces"] = static_cast<double>(pieces);
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * fixture->lon.size()));
}
BENCHMARK(BM_CutLine)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond);

// --- Simplification ------------------------------------------------------------------------

// Douglas–Peucker over the scene's 10^6 track vertices; arg: tolerance in metres (pacific map).
void BM_SimplifyTracks(benchmark::State& state) {
  const double tolerance = static_cast<double>(state.range(0));
  std::size_t kept = 0;
  for (auto _ : state) {
    const auto out = geo::simplify_tracks(fixture->scene->tracks, tolerance);
    kept = out.size();
    benchmark::DoNotOptimize(out.data());
  }
  state.counters["kept"] = static_cast<double>(kept);
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * fixture->scene->tracks.size()));
}
BENCHMARK(BM_SimplifyTracks)->Arg(1000)->Arg(10000)->Unit(benchmark::kMillisecond);

// --- Scene ---------------------------------------------------------------------------------

void BM_BuildSceneTracks(benchmark::State& state) {
  const geo::MapProjection projection = geo::MapProjection::create("pacific");
  geo::SceneInput input;
  input.events = &fixture->events;
  std::size_t vertices = 0;
  for (auto _ : state) {
    geo::Scene scene = geo::build_scene(input, projection);
    vertices = scene.tracks.size();
    benchmark::DoNotOptimize(scene.tracks.data());
  }
  state.counters["track_vertices"] = static_cast<double>(vertices);
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * vertices));
}
BENCHMARK(BM_BuildSceneTracks)->Unit(benchmark::kMillisecond);

// The coastline alone (Natural Earth 1:50m land: cut, projected, triangulated by GEOS).
void BM_BuildSceneLand(benchmark::State& state) {
  const geo::MapProjection projection = geo::MapProjection::create("pacific");
  geo::SceneInput input;
  input.land = &fixture->coastline.land;
  input.coast_lines = &fixture->coastline.lines;
  std::size_t triangles = 0;
  for (auto _ : state) {
    geo::Scene scene = geo::build_scene(input, projection);
    triangles = scene.land_triangles.size() / 6;
    benchmark::DoNotOptimize(scene.land_triangles.data());
  }
  state.counters["land_triangles"] = static_cast<double>(triangles);
}
BENCHMARK(BM_BuildSceneLand)->Unit(benchmark::kMillisecond)->MinTime(1.0);

// A filter change on the CPU: the uniform masks (what the renderer needs), and, for contrast,
// the per-vertex test over 10^6 vertices that the GPU does instead.
void BM_FilterMasks(benchmark::State& state) {
  geo::Filter filter;
  filter.domains = {"air"};
  filter.participants = {"RU"};
  for (auto _ : state) {
    const auto masks = fixture->scene->facets.masks(filter);
    benchmark::DoNotOptimize(masks);
  }
}
BENCHMARK(BM_FilterMasks);

void BM_FilterVerticesOnCpu(benchmark::State& state) {
  geo::Filter filter;
  filter.domains = {"air"};
  const auto masks = fixture->scene->facets.masks(filter);
  std::size_t shown = 0;
  for (auto _ : state) {
    shown = 0;
    for (const geo::TrackVertex& v : fixture->scene->tracks) shown += masks.shows(v.categories, v.forces);
    benchmark::DoNotOptimize(shown);
  }
  state.counters["shown"] = static_cast<double>(shown);
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * fixture->scene->tracks.size()));
}
BENCHMARK(BM_FilterVerticesOnCpu)->Unit(benchmark::kMillisecond);

void BM_FacetIndexBuild(benchmark::State& state) {
  for (auto _ : state) {
    auto index = geo::FacetIndex::build(fixture->events);
    benchmark::DoNotOptimize(&index);
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * fixture->events.size()));
}
BENCHMARK(BM_FacetIndexBuild)->Unit(benchmark::kMicrosecond);

// --- Scene cache ---------------------------------------------------------------------------
// The 10^6-vertex scene and its events (what a cached re-render reads instead of loading,
// projecting, cutting and tessellating).

void BM_SceneCacheWrite(benchmark::State& state) {
  const fs::path path = fixture->dir / "scene.bin";
  for (auto _ : state) {
    if (!geo::write_scene_file(path.string(), *fixture->scene, &fixture->events)) {
      state.SkipWithError("write failed");
      return;
    }
  }
  state.counters["file_MB"] = static_cast<double>(fs::file_size(path)) / 1e6;
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * fixture->scene->tracks.size()));
}
BENCHMARK(BM_SceneCacheWrite)->Unit(benchmark::kMillisecond);

void BM_SceneCacheRead(benchmark::State& state) {
  const fs::path path = fixture->dir / "scene-read.bin";
  geo::write_scene_file(path.string(), *fixture->scene, &fixture->events);
  std::vector<geo::Event> events;
  for (auto _ : state) {
    auto scene = geo::read_scene_file(path.string(), &events);
    if (!scene) {
      state.SkipWithError("read failed");
      return;
    }
    benchmark::DoNotOptimize(scene->tracks.data());
  }
  state.counters["file_MB"] = static_cast<double>(fs::file_size(path)) / 1e6;
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * fixture->scene->tracks.size()));
}
BENCHMARK(BM_SceneCacheRead)->Unit(benchmark::kMillisecond);

}  // namespace

// --- Zone analysis -------------------------------------------------------------------------

// 10^6 track vertices against the bundled zones: entries and exits (goal ≤ 1 s, issue 13).
void BM_ZoneCrossings(benchmark::State& state) {
  std::vector<geo::ZoneIndex> zones;
  for (const std::string& path : geo::bundled_zone_paths())
    for (const geo::Zone& z : geo::load_zones(path).zones) zones.emplace_back(z);
  std::size_t vertices = 0;
  for (auto _ : state) {
    std::size_t passes = 0;
    vertices = 0;
    for (const geo::Event& e : fixture->events)
      for (const geo::Line& line : e.geometry.lines) {
        vertices += line.coords.size();
        for (const geo::ZoneIndex& zone : zones) passes += zone.crossings(line).size();
      }
    benchmark::DoNotOptimize(passes);
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * vertices));
}
BENCHMARK(BM_ZoneCrossings)->Unit(benchmark::kMillisecond);

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  try {
    set_up();
  } catch (const std::exception& e) {
    std::fprintf(stderr, "bench_geo: set-up failed: %s\n", e.what());
    return 1;
  }
  benchmark::AddCustomContext("tracks", "synthetic, seeded (bench/track_generator.cpp)");
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  tear_down();
  return 0;
}
