// A disk cache of built scenes, so rendering the same inputs again skips loading, projecting,
// cutting and tessellating. One file per key under $XDG_CACHE_HOME/patrolscope/ (default
// ~/.cache/patrolscope/), holding the Scene and the loaded events (the overlays need them).
//
// The key names everything the scene depends on: each input's path, size, modification time
// and a hash of its content, the coastline's, the projection's PROJ string, the graticule step, the load options
// and a format version. A file whose key, size, checksum or structure does not match is
// ignored (the caller rebuilds and stores again); reading never throws and never crashes.
// Files are written to a temporary name and renamed, so readers never see half a file.
// Entries are checked before use: a regular file (not a FIFO or symlink) of at most
// kMaxSceneCacheEntryBytes whose header fits, then the checksum, then every count and index.
// The directory is private (0700, owned by the user). Storing removes temporaries of writers
// that died, then evicts the least recently used entries beyond kSceneCacheMaxBytes
// (PATROLSCOPE_CACHE_MAX_MB overrides it).
//
// Use:
//   const std::string key = geo::scene_cache_key(paths, coastline_path, projection, 10, load_options);
//   if (auto cached = geo::load_cached_scene(key)) { use cached->scene, ->events, ->attribution }
//   else { load, build; geo::store_cached_scene(key, scene, events, coastline.attribution); }
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "event.hpp"
#include "load.hpp"
#include "projection.hpp"
#include "scene.hpp"

namespace geo {

inline constexpr int kSceneCacheVersion = 7;  // 3: participant sets and per-event colour slots; 4: content keys, checked counts; 5: area outline and size; 6: sea triangles; 7: borders
inline constexpr std::uint64_t kMaxSceneCacheEntryBytes = std::uint64_t{1} << 30;  // 1 GiB a scene
inline constexpr std::uint64_t kSceneCacheMaxBytes = std::uint64_t{2} << 30;       // 2 GiB in all

// The text identifying a scene built from these inputs (it embeds sizes and mtimes). Empty when
// a path cannot be examined (a missing file: do not cache). `basemap_paths`: the coastline's and
// the borders' files, those the scene is built with (none: an empty list).
std::string scene_cache_key(const std::vector<std::string>& inputs, const std::vector<std::string>& basemap_paths,
                            const MapProjection& projection, double graticule_step_deg,
                            const LoadOptions& load = {});

// $XDG_CACHE_HOME/patrolscope, else ~/.cache/patrolscope, else /tmp/patrolscope-cache-UID.
std::string scene_cache_dir();
std::string scene_cache_path(const std::string& key);    // scene_cache_dir()/<hash of key>.scene

struct CachedScene {
  Scene scene;
  std::vector<Event> events;  // feature i of the scene is events[i]
  std::string attribution;    // the coastline's (Coastline::attribution), for the overlays
};

// nullopt when there is no usable entry for this key (missing, stale, truncated, corrupt).
std::optional<CachedScene> load_cached_scene(const std::string& key);
// Writes the entry (atomically); false when it could not (no space, no permission). Never throws.
bool store_cached_scene(const std::string& key, const Scene& scene, const std::vector<Event>& events,
                        const std::string& attribution = "");

// Removes the least recently used (by access time, which a hit sets) *.scene entries in `directory` until they total at most
// `max_bytes`. Returns how many were removed.
int prune_scene_cache(const std::string& directory, std::uint64_t max_bytes);

// The file format on its own (for tests and benchmarks). `events` may be null (stored empty /
// not read back). read_scene_file returns nullopt unless the file is whole, its stored key
// equals `key` and, when `events` is given, every feature index is below the events stored.
bool write_scene_file(const std::string& path, const Scene& scene, const std::vector<Event>* events,
                      const std::string& key = "", const std::string& attribution = "");
std::optional<Scene> read_scene_file(const std::string& path, std::vector<Event>* events,
                                     const std::string& key = "", std::string* attribution = nullptr);

// A whole entry (header, checksum) whose payload is `key` then `rest` as written after the key:
// for the fuzzer and tests, which craft entries that pass the checksum.
std::string scene_cache_entry_bytes(const std::string& key, const std::string& rest);

}  // namespace geo
