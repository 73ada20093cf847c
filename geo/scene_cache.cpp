#include "scene_cache.hpp"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <bit>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <memory>
#include <type_traits>

#include "load.hpp"
#include "output_file.hpp"

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
  w.pods(s.sea_triangles);
  w.pods(s.coast);
  w.pods(s.borders);
  w.pods(s.disputed_borders);
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

// The header's magic, version and endianness are this build's, and its payload size is what
// the file holds after the header.
bool header_fits(const char* header, std::uint64_t file_size) {
  std::uint32_t version, endian;
  std::uint64_t size;
  std::memcpy(&version, header + 8, 4);
  std::memcpy(&endian, header + 12, 4);
  std::memcpy(&size, header + 16, 8);
  return std::memcmp(header, kMagic, 8) == 0 && version == static_cast<std::uint32_t>(kSceneCacheVersion) &&
         endian == kEndianMarker && size == file_size - kHeaderSize;
}

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
  r.pods(s.sea_triangles);
  r.pods(s.coast);
  r.pods(s.borders);
  r.pods(s.disputed_borders);
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
  return r.ok;
}

// What the renderer and the viewer index with: checked here so that an entry that is whole
// (valid checksum) but inconsistent — crafted, or from a buggy writer — is a miss, not a heap
// overflow. `features`: how many events the entry holds (every feature index is below it).
bool scene_is_consistent(const Scene& s, std::size_t features) {
  if (s.land_triangles.size() % 6 != 0 || s.sea_triangles.size() % 6 != 0 || s.areas.size() % 3 != 0) return false;
  for (const auto* lines : {&s.coast, &s.borders, &s.disputed_borders, &s.graticule})
    for (const LineVertex& v : *lines)
      if ((v.flags & ~LineVertex::kPieceStart) != 0) return false;
  // A track's segments join vertex i-1 and i: the first vertex must start a piece.
  if (!s.tracks.empty() && !(s.tracks.front().feature & TrackVertex::kPieceStart)) return false;
  for (const TrackVertex& v : s.tracks)
    if ((v.feature & ~TrackVertex::kPieceStart) >= features) return false;
  for (const auto* vertices : {&s.areas, &s.points})
    for (const AreaVertex& v : *vertices)
      if (v.feature >= features) return false;
  return true;
}

// A read-only mapping of a whole entry (MAP_POPULATE: the page cache is mapped in one go, not
// page fault by page fault, which is what dominates reading a large entry on this VM). Only
// a regular file (a FIFO would block in open, a symlink could point anywhere) whose header
// says this version and this exact size, at most kMaxSceneCacheEntryBytes, is mapped.
class MappedFile {
 public:
  explicit MappedFile(const std::string& path) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0) return;
    struct stat st {};
    char header[kHeaderSize];
    if (::fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size >= static_cast<off_t>(kHeaderSize) &&
        static_cast<std::uint64_t>(st.st_size) <= kMaxSceneCacheEntryBytes &&
        ::pread(fd, header, kHeaderSize, 0) == static_cast<ssize_t>(kHeaderSize) &&
        header_fits(header, static_cast<std::uint64_t>(st.st_size))) {
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

// A fast hash of a file's bytes (the checksum above; reading costs ~1 ms a MB from the page
// cache), so a file whose content changed while its size and mtime were kept (cp -p, touch -d)
// is a miss. Empty when the file cannot be read.
std::string content_hash(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) return {};
  struct stat st {};
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    ::close(fd);
    return {};
  }
  Checksum c;
  std::vector<char> buffer(1 << 20);
  std::size_t filled = 0;
  for (;;) {
    const ssize_t n = ::read(fd, buffer.data() + filled, buffer.size() - filled);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      ::close(fd);
      return {};
    }
    filled += static_cast<std::size_t>(n);
    if (n == 0 || filled == buffer.size()) {
      const std::size_t whole = filled & ~std::size_t{31};
      c.blocks(buffer.data(), whole);
      std::memmove(buffer.data(), buffer.data() + whole, filled - whole);
      filled -= whole;
      if (n == 0) break;
    }
  }
  ::close(fd);
  char text[32];
  std::snprintf(text, sizeof text, "%016llx", static_cast<unsigned long long>(c.finish(buffer.data(), filled)));
  return text;
}

// `hash_content`: add content_hash (inputs); without it, size and mtime only (the program).
std::string file_stamp(const std::string& path, bool hash_content) {
  std::error_code ec;
  const fs::path absolute = fs::absolute(path, ec);
  if (ec) return {};
  const auto size = fs::file_size(absolute, ec);
  if (ec) return {};
  const auto mtime = fs::last_write_time(absolute, ec);
  if (ec) return {};
  std::string stamp = absolute.lexically_normal().string() + "\t" + std::to_string(size) + "\t" +
                      std::to_string(mtime.time_since_epoch().count());
  if (hash_content) {
    const std::string hash = content_hash(absolute.string());
    if (hash.empty()) return {};
    stamp += "\t" + hash;
  }
  return stamp + "\n";
}

// The cache directory is this user's alone (0700, owned by us, not a symlink): entries are
// mapped and trusted as far as their checks go, so nobody else may plant one. Creates it when
// missing; tightens a directory of ours that earlier versions made 0755. False: do not cache.
bool ensure_private_directory(const std::string& directory) {
  std::error_code ec;
  const fs::path path(directory);
  if (path.has_parent_path()) fs::create_directories(path.parent_path(), ec);
  if (::mkdir(directory.c_str(), 0700) != 0 && errno != EEXIST) return false;
  struct stat st {};
  if (::lstat(directory.c_str(), &st) != 0 || !S_ISDIR(st.st_mode) || st.st_uid != ::geteuid()) return false;
  if ((st.st_mode & 077) != 0 && ::chmod(directory.c_str(), 0700) != 0) return false;
  return true;
}

std::uint64_t cache_size_cap() {
  if (const char* text = std::getenv("PATROLSCOPE_CACHE_MAX_MB"); text && *text) {
    char* end = nullptr;
    const unsigned long long mb = std::strtoull(text, &end, 10);
    if (end && *end == '\0') return static_cast<std::uint64_t>(mb) << 20;
  }
  return kSceneCacheMaxBytes;
}

}  // namespace

std::string scene_cache_key(const std::vector<std::string>& inputs, const std::vector<std::string>& basemap_paths,
                            const MapProjection& projection, double graticule_step_deg, const LoadOptions& load) {
  std::string key = "patrolscope scene v" + std::to_string(kSceneCacheVersion) + "\n";
  // The program that builds the scene: a rebuilt binary may cut, project or tessellate
  // differently, so its own size and mtime are part of the key.
  if (const std::string program = file_stamp("/proc/self/exe", false); !program.empty())
    key += "program\t" + program;
  for (const std::string& input : inputs) {
    if (is_database_source(input)) return {};  // a database changes under us: never cached
    const std::string stamp = file_stamp(input, true);
    if (stamp.empty()) return {};
    key += "input\t" + stamp;
  }
  for (const std::string& basemap : basemap_paths) {
    const std::string stamp = file_stamp(basemap, true);
    if (stamp.empty()) return {};
    key += "basemap\t" + stamp;
  }
  char step[64];
  std::snprintf(step, sizeof step, "%.17g", graticule_step_deg);
  char densify[64];
  std::snprintf(densify, sizeof densify, "%.17g", load.densify_km);
  key += "projection\t" + projection.proj_string() + "\ngraticule\t" + step + "\nload\t" + load.id_column + "\t" +
         load.time_column + "\t" + load.lon_column + "\t" + load.lat_column + "\t" + densify + "\ntable\t" +
         load.table + "\nsql\t" + load.sql + "\n";
  return key;
}

std::string scene_cache_dir() {
  const char* xdg = std::getenv("XDG_CACHE_HOME");
  if (xdg && *xdg == '/') return (fs::path(xdg) / "patrolscope").string();
  const char* home = std::getenv("HOME");
  if (home && *home) return (fs::path(home) / ".cache" / "patrolscope").string();
  // No home: a directory of this user's own under /tmp (ensure_private_directory checks it).
  return (fs::temp_directory_path() / ("patrolscope-cache-" + std::to_string(::geteuid()))).string();
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
  try {
    const fs::path target(path);
    std::error_code ec;
    if (target.has_parent_path()) fs::create_directories(target.parent_path(), ec);
    TemporaryFile temporary(path);
    std::FILE* file = temporary.stream();
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
    ok = ok && w.ok() && size + kHeaderSize <= kMaxSceneCacheEntryBytes;
    std::memcpy(header, kMagic, 8);
    const std::uint32_t version = kSceneCacheVersion;
    std::memcpy(header + 8, &version, 4);
    std::memcpy(header + 12, &kEndianMarker, 4);
    std::memcpy(header + 16, &size, 8);
    std::memcpy(header + 24, &sum, 8);
    ok = ok && std::fseek(file, 0, SEEK_SET) == 0 && std::fwrite(header, 1, kHeaderSize, file) == kHeaderSize;
    if (!ok) return false;  // the temporary is removed
    temporary.replace_target();
    return true;
  } catch (const std::exception&) {
    return false;
  }
}

std::string scene_cache_entry_bytes(const std::string& key, const std::string& rest) {
  std::string payload;
  const std::uint64_t key_size = key.size();
  payload.append(reinterpret_cast<const char*>(&key_size), 8);
  payload += key;
  payload += rest;
  const std::uint64_t size = payload.size(), sum = checksum(payload.data(), payload.size());
  const std::uint32_t version = kSceneCacheVersion;
  std::string entry(kMagic, 8);
  entry.append(reinterpret_cast<const char*>(&version), 4);
  entry.append(reinterpret_cast<const char*>(&kEndianMarker), 4);
  entry.append(reinterpret_cast<const char*>(&size), 8);
  entry.append(reinterpret_cast<const char*>(&sum), 8);
  return entry + payload;
}

std::optional<Scene> read_scene_file(const std::string& path, std::vector<Event>* events, const std::string& key,
                                     std::string* attribution) {
  if (events) events->clear();
  try {
    // A file truncated or replaced while mapped could fault (SIGBUS); entries are only ever
    // replaced by rename, which leaves a mapped file intact.
    const MappedFile bytes(path);  // the header checked
    if (!bytes.data()) return std::nullopt;
    const std::uint64_t size = bytes.size() - kHeaderSize;
    std::uint64_t sum;
    std::memcpy(&sum, bytes.data() + 24, 8);
    const char* payload = bytes.data() + kHeaderSize;
    if (checksum(payload, size) != sum) return std::nullopt;
    Reader r(payload, size);
    if (r.text() != key || !r.ok) return std::nullopt;
    std::string stored_attribution = r.text();
    Scene scene;
    if (!read_scene(r, scene)) return std::nullopt;
    const std::size_t count = r.count(64);
    // Without `events` the caller only wants the scene (tests, benchmarks): its features need
    // not index stored events; with them, every feature must.
    if (!r.ok || !scene_is_consistent(scene, events ? count : SIZE_MAX)) return std::nullopt;
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
  if (key.empty() || !ensure_private_directory(scene_cache_dir())) return std::nullopt;
  CachedScene cached;
  const std::string path = scene_cache_path(key);
  std::optional<Scene> scene = read_scene_file(path, &cached.events, key, &cached.attribution);
  if (!scene) return std::nullopt;
  // Used now: the last to be evicted. The access time, set explicitly (noatime mounts do not),
  // so the modification time still says when the entry was written.
  const struct timespec times[2] = {{0, UTIME_NOW}, {0, UTIME_OMIT}};
  ::utimensat(AT_FDCWD, path.c_str(), times, 0);
  cached.scene = std::move(*scene);
  return cached;
}

bool store_cached_scene(const std::string& key, const Scene& scene, const std::vector<Event>& events,
                        const std::string& attribution) {
  const std::string directory = scene_cache_dir();
  if (key.empty() || !ensure_private_directory(directory)) return false;
  remove_dead_temporaries(directory);  // left by a writer killed mid-write
  const bool stored = write_scene_file(scene_cache_path(key), scene, &events, key, attribution);
  prune_scene_cache(directory, cache_size_cap());
  return stored;
}

int prune_scene_cache(const std::string& directory, std::uint64_t max_bytes) {
  struct Entry {
    std::string path;
    std::uint64_t bytes;
    struct timespec used;
  };
  std::vector<Entry> entries;
  std::uint64_t total = 0;
  std::error_code ec;
  for (fs::directory_iterator it(directory, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string path = it->path().string();
    if (it->path().extension() != ".scene") continue;
    struct stat st {};
    if (::lstat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) continue;
    entries.push_back({path, static_cast<std::uint64_t>(st.st_size), st.st_atim});
    total += static_cast<std::uint64_t>(st.st_size);
  }
  std::sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) {
    return a.used.tv_sec != b.used.tv_sec ? a.used.tv_sec < b.used.tv_sec : a.used.tv_nsec < b.used.tv_nsec;
  });
  int removed = 0;
  for (const Entry& entry : entries) {
    if (total <= max_bytes) break;
    if (::unlink(entry.path.c_str()) == 0) {
      total -= entry.bytes;
      ++removed;
    }
  }
  return removed;
}

}  // namespace geo
