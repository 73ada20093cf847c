#include "scene_cache.hpp"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <bit>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <memory>
#include <type_traits>

namespace geo {
namespace {

namespace fs = std::filesystem;

constexpr char kMagic[8] = {'P', 'A', 'T', 'S', 'C', 'E', 'N', 'E'};
constexpr std::uint32_t kEndianMarker = 0x01020304u;
constexpr std::size_t kHeaderSize = 8 + 4 + 4 + 8 + 8;  // magic, version, endian, payload size, checksum

// A fast word-wise checksum (detects truncation and corruption, not tampering), fed in blocks
// of 32 bytes so a writer can compute it while streaming.
class Checksum {
 public:
  void blocks(const char* data, std::size_t size) {  // size: a multiple of 32
    for (std::size_t i = 0; i + 32 <= size; i += 32)
      for (int lane = 0; lane < 4; ++lane) {
        std::uint64_t w;
        std::memcpy(&w, data + i + lane * 8, 8);
        h_[lane] = std::rotl((h_[lane] ^ w) * kMul, 29);
      }
    size_ += size;
  }
  std::uint64_t finish(const char* tail, std::size_t size) {  // size < 32
    std::uint64_t out = size_ + size;
    for (int lane = 0; lane < 4; ++lane) out = std::rotl((out ^ h_[lane]) * kMul, 31);
    for (std::size_t i = 0; i < size; ++i) out = (out ^ static_cast<unsigned char>(tail[i])) * 0x100000001B3ull;
    return out ^ (out >> 33);
  }

 private:
  static constexpr std::uint64_t kMul = 0x100000001B3ull * 0x5851F42D4C957F2Dull | 1;
  std::uint64_t h_[4] = {0x9E3779B97F4A7C15ull, 0xC2B2AE3D27D4EB4Full, 0x165667B19E3779F9ull, 0x27D4EB2F165667C5ull};
  std::uint64_t size_ = 0;
};

std::uint64_t checksum(const char* data, std::size_t size) {
  Checksum c;
  const std::size_t whole = size & ~std::size_t{31};
  c.blocks(data, whole);
  return c.finish(data + whole, size - whole);
}

std::uint64_t fnv1a(const std::string& text, std::uint64_t seed) {
  std::uint64_t h = seed;
  for (unsigned char c : text) h = (h ^ c) * 0x100000001B3ull;
  return h;
}

// --- Writing ---------------------------------------------------------------------------------

// Streams the payload to a file through a 1 MiB buffer, checksumming as it goes (large arrays
// go straight from their vectors to the file).
class Writer {
 public:
  explicit Writer(std::FILE* file) : file_(file) { buffer_.reserve(kBlock + 64); }

  template <typename T>
  void pod(const T& value) {
    static_assert(std::is_trivially_copyable_v<T>);
    append(reinterpret_cast<const char*>(&value), sizeof value);
  }
  template <typename T>
  void pods(const std::vector<T>& values) {
    static_assert(std::is_trivially_copyable_v<T>);
    pod<std::uint64_t>(values.size());
    append(reinterpret_cast<const char*>(values.data()), values.size() * sizeof(T));
  }
  void text(const std::string& value) {
    pod<std::uint64_t>(value.size());
    append(value.data(), value.size());
  }
  void texts(const std::vector<std::string>& values) {
    pod<std::uint64_t>(values.size());
    for (const std::string& v : values) text(v);
  }
  // Writes what is left; the payload's size and checksum.
  std::pair<std::uint64_t, std::uint64_t> finish() {
    const std::size_t whole = buffer_.size() & ~std::size_t{31};
    emit(buffer_.data(), whole);
    const std::uint64_t sum = checksum_.finish(buffer_.data() + whole, buffer_.size() - whole);
    write(buffer_.data() + whole, buffer_.size() - whole);
    size_ += buffer_.size() - whole;
    buffer_.clear();
    return {size_, sum};
  }
  bool ok() const { return ok_; }

 private:
  static constexpr std::size_t kBlock = 1 << 20;

  void append(const char* data, std::size_t n) {
    if (buffer_.size() + n < kBlock) {
      buffer_.append(data, n);
      return;
    }
    // Top the buffer up to a whole number of 32-byte blocks and send it.
    const std::size_t take = std::min(n, (32 - buffer_.size() % 32) % 32);
    buffer_.append(data, take);
    data += take;
    n -= take;
    if (buffer_.size() % 32 != 0) return;  // n was 0
    emit(buffer_.data(), buffer_.size());
    buffer_.clear();
    const std::size_t direct = n & ~std::size_t{31};
    emit(data, direct);
    buffer_.append(data + direct, n - direct);
  }
  void emit(const char* data, std::size_t n) {  // n: a multiple of 32
    checksum_.blocks(data, n);
    write(data, n);
    size_ += n;
  }
  void write(const char* data, std::size_t n) {
    if (n && ok_ && std::fwrite(data, 1, n, file_) != n) ok_ = false;
  }

  std::FILE* file_;
  std::string buffer_;
  Checksum checksum_;
  std::uint64_t size_ = 0;
  bool ok_ = true;
};

void write_event(Writer& w, const Event& e) {
  w.text(e.id);
  w.text(e.name);
  w.text(e.kind);
  w.texts(e.domains);
  w.texts(e.force_types);
  w.texts(e.participants);
  w.texts(e.regions);
  w.pod(e.start);
  w.pod(e.end);
  w.pod<std::uint64_t>(e.geometry.lines.size());
  for (const Line& line : e.geometry.lines) {
    w.pods(line.coords);
    w.pods(line.times);
  }
  w.pod<std::uint64_t>(e.geometry.polygons.size());
  for (const Polygon& polygon : e.geometry.polygons) {
    w.pod<std::uint64_t>(polygon.rings.size());
    for (const auto& ring : polygon.rings) w.pods(ring);
  }
  w.pods(e.geometry.points);
  w.pod(static_cast<std::uint8_t>(e.quality));
  w.texts(e.sources);
  w.text(e.notes);
  w.pod<std::uint64_t>(e.attributes.size());
  for (const auto& [key, value] : e.attributes) {
    w.text(key);
    w.text(value);
  }
}

void write_scene(Writer& w, const Scene& s) {
  w.pod(s.full_extent);
  w.pod(s.origin_x);
  w.pod(s.origin_y);
  w.pod(s.t0);
  w.pods(s.land_triangles);
  w.pods(s.coast);
  w.pods(s.graticule);
  w.pod<std::uint64_t>(s.graticule_lines.size());
  for (const GraticuleLine& g : s.graticule_lines) {
    w.pod<std::uint8_t>(g.meridian ? 1 : 0);
    w.pod(g.value);
    w.pod(g.first);
    w.pod(g.count);
  }
  w.pods(s.tracks);
  w.pods(s.areas);
  w.pods(s.points);
  w.texts(s.facets.domains);
  w.texts(s.facets.kinds);
  w.texts(s.facets.participants);
  w.texts(s.facets.force_types);
  w.texts(s.facets.participant_sets);
  w.pod<std::int32_t>(s.facets.first_year);
  w.pods(s.event_colors);
  w.texts(s.warnings);
}

// --- Reading ---------------------------------------------------------------------------------

// Bounds-checked reads; the first failure sets `ok` to false and every later read is a no-op.
class Reader {
 public:
  Reader(const char* data, std::size_t size) : at_(data), end_(data + size) {}
  bool ok = true;
  bool done() const { return at_ == end_; }

  template <typename T>
  T pod() {
    static_assert(std::is_trivially_copyable_v<T>);
    T value{};
    if (!take(sizeof(T))) return value;
    std::memcpy(&value, at_ - sizeof(T), sizeof(T));
    return value;
  }
  // A count of items of at least `min_item_bytes` each, checked against what is left.
  std::size_t count(std::size_t min_item_bytes) {
    const auto n = pod<std::uint64_t>();
    if (!ok) return 0;
    if (min_item_bytes > 0 && n > static_cast<std::uint64_t>(end_ - at_) / min_item_bytes) {
      ok = false;
      return 0;
    }
    return static_cast<std::size_t>(n);
  }
  template <typename T>
  void pods(std::vector<T>& out) {
    const std::size_t n = count(sizeof(T));
    if (!ok) return;
    out.resize(n);
    if (n) std::memcpy(out.data(), at_, n * sizeof(T));
    at_ += n * sizeof(T);
  }
  std::string text() {
    const std::size_t n = count(1);
    if (!ok) return {};
    std::string s(at_, n);
    at_ += n;
    return s;
  }
  std::vector<std::string> texts() {
    const std::size_t n = count(8);
    std::vector<std::string> out;
    out.reserve(n);
    for (std::size_t i = 0; i < n && ok; ++i) out.push_back(text());
    return out;
  }

 private:
  bool take(std::size_t n) {
    if (!ok || static_cast<std::size_t>(end_ - at_) < n) {
      ok = false;
      return false;
    }
    at_ += n;
    return true;
  }
  const char* at_;
  const char* end_;
};

bool read_event(Reader& r, Event& e) {
  e.id = r.text();
  e.name = r.text();
  e.kind = r.text();
  e.domains = r.texts();
  e.force_types = r.texts();
  e.participants = r.texts();
  e.regions = r.texts();
  e.start = r.pod<Seconds>();
  e.end = r.pod<Seconds>();
  e.geometry.lines.resize(r.count(16));
  for (Line& line : e.geometry.lines) {
    r.pods(line.coords);
    r.pods(line.times);
    if (!line.times.empty() && line.times.size() != line.coords.size()) r.ok = false;
    if (!r.ok) return false;
  }
  e.geometry.polygons.resize(r.count(8));
  for (Polygon& polygon : e.geometry.polygons) {
    polygon.rings.resize(r.count(8));
    for (auto& ring : polygon.rings) r.pods(ring);
    if (!r.ok) return false;
  }
  r.pods(e.geometry.points);
  const auto quality = r.pod<std::uint8_t>();
  if (quality > static_cast<std::uint8_t>(GeometryQuality::Schematic)) r.ok = false;
  e.quality = static_cast<GeometryQuality>(quality);
  e.sources = r.texts();
  e.notes = r.text();
  const std::size_t attributes = r.count(16);
  for (std::size_t i = 0; i < attributes && r.ok; ++i) {
    std::string key = r.text();
    e.attributes[std::move(key)] = r.text();
  }
  return r.ok;
}

bool read_scene(Reader& r, Scene& s) {
  s.full_extent = r.pod<Extent>();
  s.origin_x = r.pod<double>();
  s.origin_y = r.pod<double>();
  s.t0 = r.pod<Seconds>();
  r.pods(s.land_triangles);
  r.pods(s.coast);
  r.pods(s.graticule);
  s.graticule_lines.resize(r.count(1 + 8 + 4 + 4));
  for (GraticuleLine& g : s.graticule_lines) {
    g.meridian = r.pod<std::uint8_t>() != 0;
    g.value = r.pod<double>();
    g.first = r.pod<std::uint32_t>();
    g.count = r.pod<std::uint32_t>();
    if (static_cast<std::uint64_t>(g.first) + g.count > s.graticule.size()) r.ok = false;
    if (!r.ok) return false;
  }
  r.pods(s.tracks);
  r.pods(s.areas);
  r.pods(s.points);
  s.facets.domains = r.texts();
  s.facets.kinds = r.texts();
  s.facets.participants = r.texts();
  s.facets.force_types = r.texts();
  s.facets.participant_sets = r.texts();
  s.facets.first_year = r.pod<std::int32_t>();
  r.pods(s.event_colors);
  s.warnings = r.texts();
  if (s.land_triangles.size() % 2 != 0) r.ok = false;
  return r.ok;
}

// A read-only mapping of a whole file (MAP_POPULATE: the page cache is mapped in one go, not
// page fault by page fault, which is what dominates reading a large entry on this VM).
class MappedFile {
 public:
  explicit MappedFile(const std::string& path) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return;
    struct stat st {};
    if (::fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0) {
      void* p = ::mmap(nullptr, static_cast<std::size_t>(st.st_size), PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0);
      if (p != MAP_FAILED) {
        data_ = static_cast<const char*>(p);
        size_ = static_cast<std::size_t>(st.st_size);
      }
    }
    ::close(fd);
  }
  ~MappedFile() {
    if (data_) ::munmap(const_cast<char*>(data_), size_);
  }
  MappedFile(const MappedFile&) = delete;
  MappedFile& operator=(const MappedFile&) = delete;
  const char* data() const { return data_; }
  std::size_t size() const { return size_; }

 private:
  const char* data_ = nullptr;
  std::size_t size_ = 0;
};

std::string file_stamp(const std::string& path) {
  std::error_code ec;
  const fs::path absolute = fs::absolute(path, ec);
  if (ec) return {};
  const auto size = fs::file_size(absolute, ec);
  if (ec) return {};
  const auto mtime = fs::last_write_time(absolute, ec);
  if (ec) return {};
  return absolute.lexically_normal().string() + "\t" + std::to_string(size) + "\t" +
         std::to_string(mtime.time_since_epoch().count()) + "\n";
}

}  // namespace

std::string scene_cache_key(const std::vector<std::string>& inputs, const std::string& coastline_path,
                            const MapProjection& projection, double graticule_step_deg, const LoadOptions& load) {
  std::string key = "patrolscope scene v" + std::to_string(kSceneCacheVersion) + "\n";
  // The program that builds the scene: a rebuilt binary may cut, project or tessellate
  // differently, so its own size and mtime are part of the key.
  if (const std::string program = file_stamp("/proc/self/exe"); !program.empty()) key += "program\t" + program;
  for (const std::string& input : inputs) {
    const std::string stamp = file_stamp(input);
    if (stamp.empty()) return {};
    key += "input\t" + stamp;
  }
  if (!coastline_path.empty()) {
    const std::string stamp = file_stamp(coastline_path);
    if (stamp.empty()) return {};
    key += "coastline\t" + stamp;
  }
  char step[64];
  std::snprintf(step, sizeof step, "%.17g", graticule_step_deg);
  char densify[64];
  std::snprintf(densify, sizeof densify, "%.17g", load.densify_km);
  key += "projection\t" + projection.proj_string() + "\ngraticule\t" + step + "\nload\t" + load.id_column + "\t" +
         load.time_column + "\t" + load.lon_column + "\t" + load.lat_column + "\t" + densify + "\n";
  return key;
}

std::string scene_cache_dir() {
  const char* xdg = std::getenv("XDG_CACHE_HOME");
  if (xdg && *xdg == '/') return (fs::path(xdg) / "patrolscope").string();
  const char* home = std::getenv("HOME");
  if (home && *home) return (fs::path(home) / ".cache" / "patrolscope").string();
  return (fs::temp_directory_path() / "patrolscope-cache").string();
}

std::string scene_cache_path(const std::string& key) {
  char name[64];
  std::snprintf(name, sizeof name, "%016llx%016llx.scene",
                static_cast<unsigned long long>(fnv1a(key, 0xCBF29CE484222325ull)),
                static_cast<unsigned long long>(fnv1a(key, 0x84222325CBF29CE4ull)));
  return (fs::path(scene_cache_dir()) / name).string();
}

bool write_scene_file(const std::string& path, const Scene& scene, const std::vector<Event>* events,
                      const std::string& key, const std::string& attribution) {
  std::string temp;
  try {
    const fs::path target(path);
    std::error_code ec;
    if (target.has_parent_path()) fs::create_directories(target.parent_path(), ec);
    static std::atomic<unsigned> counter{0};
    temp = path + ".tmp." + std::to_string(::getpid()) + "." + std::to_string(counter++);
    std::FILE* file = std::fopen(temp.c_str(), "wb");
    if (!file) return false;
    // The header (magic, version, endianness, payload size, checksum) is written last.
    char header[kHeaderSize] = {};
    bool ok = std::fwrite(header, 1, kHeaderSize, file) == kHeaderSize;
    Writer w(file);
    w.text(key);
    w.text(attribution);
    write_scene(w, scene);
    w.pod<std::uint64_t>(events ? events->size() : 0);
    if (events)
      for (const Event& e : *events) write_event(w, e);
    const auto [size, sum] = w.finish();
    ok = ok && w.ok();
    std::memcpy(header, kMagic, 8);
    const std::uint32_t version = kSceneCacheVersion;
    std::memcpy(header + 8, &version, 4);
    std::memcpy(header + 12, &kEndianMarker, 4);
    std::memcpy(header + 16, &size, 8);
    std::memcpy(header + 24, &sum, 8);
    ok = ok && std::fseek(file, 0, SEEK_SET) == 0 && std::fwrite(header, 1, kHeaderSize, file) == kHeaderSize;
    ok = (std::fclose(file) == 0) && ok;
    if (ok) {
      fs::rename(temp, target, ec);
      ok = !ec;
    }
    if (!ok) fs::remove(temp, ec);
    return ok;
  } catch (const std::exception&) {
    std::error_code ec;
    if (!temp.empty()) fs::remove(temp, ec);
    return false;
  }
}

std::optional<Scene> read_scene_file(const std::string& path, std::vector<Event>* events, const std::string& key,
                                     std::string* attribution) {
  try {
    // A file truncated or replaced while mapped could fault (SIGBUS); entries are only ever
    // replaced by rename, which leaves a mapped file intact.
    const MappedFile bytes(path);
    if (!bytes.data() || bytes.size() < kHeaderSize) return std::nullopt;
    std::uint32_t version, endian;
    std::uint64_t size, sum;
    std::memcpy(&version, bytes.data() + 8, 4);
    std::memcpy(&endian, bytes.data() + 12, 4);
    std::memcpy(&size, bytes.data() + 16, 8);
    std::memcpy(&sum, bytes.data() + 24, 8);
    if (std::memcmp(bytes.data(), kMagic, 8) != 0 || version != static_cast<std::uint32_t>(kSceneCacheVersion) ||
        endian != kEndianMarker || size != bytes.size() - kHeaderSize)
      return std::nullopt;
    const char* payload = bytes.data() + kHeaderSize;
    if (checksum(payload, size) != sum) return std::nullopt;
    Reader r(payload, size);
    if (r.text() != key || !r.ok) return std::nullopt;
    std::string stored_attribution = r.text();
    Scene scene;
    if (!read_scene(r, scene)) return std::nullopt;
    const std::size_t count = r.count(64);
    if (events) {
      events->clear();
      events->resize(count);
      for (Event& e : *events)
        if (!read_event(r, e)) {
          events->clear();
          return std::nullopt;
        }
      if (!r.done()) {
        events->clear();
        return std::nullopt;
      }
    }
    if (!r.ok) return std::nullopt;
    if (attribution) *attribution = std::move(stored_attribution);
    return scene;
  } catch (const std::exception&) {
    if (events) events->clear();
    return std::nullopt;
  }
}

std::optional<CachedScene> load_cached_scene(const std::string& key) {
  if (key.empty()) return std::nullopt;
  CachedScene cached;
  std::optional<Scene> scene = read_scene_file(scene_cache_path(key), &cached.events, key, &cached.attribution);
  if (!scene) return std::nullopt;
  cached.scene = std::move(*scene);
  return cached;
}

bool store_cached_scene(const std::string& key, const Scene& scene, const std::vector<Event>& events,
                        const std::string& attribution) {
  if (key.empty()) return false;
  return write_scene_file(scene_cache_path(key), scene, &events, key, attribution);
}

}  // namespace geo
