// Loading: file checks, GDAL opening and dispatch to the loader for the source; every path
// ends through LoadContext::finish. The helpers the loaders share are in load_internal.hpp
// (load_fields.cpp, load_geometry.cpp, load_time.cpp), the finishing step in load_finish.cpp.
#include "load.hpp"

#include <algorithm>
#include <atomic>
#include <cctype>
#include <cpl_conv.h>
#include <cstdio>
#include <cstring>
#include <cpl_error.h>
#include <cpl_vsi.h>
#include <filesystem>
#include <fmt/format.h>
#include <gdal_priv.h>
#include <mutex>

#include "gdal_open.hpp"
#include "load_internal.hpp"
#include "vsi_file.hpp"

namespace geo {

// --- dispatch ---------------------------------------------------------------------------

namespace {

void register_gdal() {
  static std::once_flag once;
  std::call_once(once, [] { GDALAllRegister(); });
}

// Collects GDAL's own messages for this thread while a load runs.
class GdalMessages {
 public:
  GdalMessages() {
    CPLPushErrorHandlerEx(&GdalMessages::handle, this);
    CPLErrorReset();
  }
  ~GdalMessages() { CPLPopErrorHandler(); }
  GdalMessages(const GdalMessages&) = delete;
  GdalMessages& operator=(const GdalMessages&) = delete;
  std::vector<std::string> messages;

 private:
  static void CPL_STDCALL handle(CPLErr level, CPLErrorNum, const char* message) {
    auto* self = static_cast<GdalMessages*>(CPLGetErrorHandlerUserData());
    if (self == nullptr || level < CE_Warning || message == nullptr) return;
    if (self->messages.size() < 50 &&
        std::find(self->messages.begin(), self->messages.end(), message) == self->messages.end())
      self->messages.emplace_back(message);
  }
};

constexpr std::size_t kHeadBytes = 64 * 1024;
constexpr std::size_t kGpxHeadBytes = 1 << 20;  // to find a GPX root past a long comment

bool looks_like_xml(std::string_view head) {
  if (head.substr(0, 3) == "\xEF\xBB\xBF") head.remove_prefix(3);
  while (!head.empty() && std::isspace(static_cast<unsigned char>(head.front()))) head.remove_prefix(1);
  return !head.empty() && head.front() == '<';
}

// What the file is, before anything parses it: "" when it may be opened. Plain paths and
// GDAL's virtual file systems (/vsizip/…) are checked alike, through VSI.
std::string check_file(const std::string& path, std::string& head) {
  if (path.empty()) return "no file name";
  if (path.rfind("/vsi", 0) != 0) {
    std::error_code ec;
    const auto status = std::filesystem::status(path, ec);
    if (ec || !std::filesystem::exists(status)) return "no such file";
    if (std::filesystem::is_directory(status)) return "is a directory, not a file";
    if (!std::filesystem::is_regular_file(status)) return "not a regular file";
  } else {
    VSIStatBufL stat;
    if (VSIStatL(path.c_str(), &stat) != 0) return "no such file";
    // "/vsizip/roads.zip" is the archive's root: GDAL may open it as a dataset (a zipped
    // Shapefile), so it goes to GDAL as before.
    if (VSI_ISDIR(stat.st_mode)) return "";
  }
  head = read_file_head(path, kHeadBytes);
  if (head.empty()) {
    VSIStatBufL stat;
    return VSIStatL(path.c_str(), &stat) == 0 && stat.st_size == 0 ? "empty file" : "cannot be read";
  }
  // GDAL's expat would expand entities ("billion laughs"): refuse any entity declaration.
  if (looks_like_xml(head) && head.find("<!ENTITY") != std::string::npos)
    return "XML entity declarations are not accepted";
  return detail::refused_by_content(head);  // a VRT, whatever its name
}

GDALDatasetUniquePtr open_vector(const std::string& path, const std::string& driver) {
  std::vector<const char*> options;
  const char* const kml_drivers[] = {"LIBKML", "KML", nullptr};  // LIBKML reads TimeSpan/TimeStamp
  if (driver == "CSV") {
    // Every column as text: numbers and times are parsed here, so a bad value is an error
    // that quotes it rather than a silent 0.
    options = {"AUTODETECT_TYPE=NO", "EMPTY_STRING_AS_NULL=YES", nullptr};
  }
  if (driver == "GML") options = {"WRITE_GFS=NO", "DOWNLOAD_SCHEMA=NO", nullptr};  // nothing written beside it
  return detail::open_vector_file(path, driver == "KML" || driver == "LIBKML" ? kml_drivers : nullptr,
                                  options.empty() ? nullptr : options.data());
}

void load_one_layer(OGRLayer& layer, detail::LoadContext& ctx, std::size_t& index, bool only_layer) {
  if (detail::is_position_table(layer, ctx.options)) {
    detail::load_table(layer, ctx);
  } else {
    detail::load_layer(layer, ctx, index, only_layer);
  }
}

// The layers asked for: the --sql result, the --table, or all of them.
void dispatch(GDALDataset& dataset, detail::LoadContext& ctx, const GdalMessages& gdal,
              const std::vector<Line>& kml_tracks = {}) {
  const std::string& driver = ctx.result.driver;
  const LoadOptions& options = ctx.options;
  std::size_t index = 0;
  if (!options.sql.empty()) {
    OGRLayer* result = dataset.ExecuteSQL(options.sql.c_str(), nullptr, nullptr);
    if (result == nullptr)
      return ctx.fail("--sql: the query failed" + (gdal.messages.empty() ? "" : " (" + gdal.messages.back() + ")"));
    load_one_layer(*result, ctx, index, true);
    dataset.ReleaseResultSet(result);
    return;
  }
  if (!options.table.empty()) {
    OGRLayer* layer = dataset.GetLayerByName(options.table.c_str());
    if (layer == nullptr) return ctx.fail(fmt::format("--table: no table or layer '{}'", options.table));
    return load_one_layer(*layer, ctx, index, true);
  }
  if (driver == "LIBKML" || driver == "KML") return detail::load_kml(dataset, ctx, kml_tracks);
  for (OGRLayer* layer : dataset.GetLayers()) {
    if (ctx.stopped()) return;
    load_one_layer(*layer, ctx, index, dataset.GetLayerCount() == 1);
  }
}

// A PG: connection string, opened by GDAL's PostgreSQL driver only.
void read_database(const std::string& source, detail::LoadContext& ctx, const GdalMessages& gdal) {
  const char* allowed[] = {"PostgreSQL", nullptr};
  GDALDatasetUniquePtr dataset(
      GDALDataset::Open(source.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, allowed, nullptr, nullptr));
  if (!dataset) {
    std::string why = "cannot connect to the database";
    if (!gdal.messages.empty()) why += " (" + gdal.messages.back() + ")";
    return ctx.fail(why);
  }
  ctx.result.driver = dataset->GetDriverName();
  dispatch(*dataset, ctx, gdal);
}

// An in-memory copy of a KML file with the tracks libkml cannot read cut out and its times
// written as GDAL reads them (detail::check_kml_text), removed with the copy; `path` empty when
// not needed. `tracks`: its gx:Tracks' times (GDAL drops them).
struct KmlCopy {
  std::string path;
  std::vector<Line> tracks;
  KmlCopy() = default;
  KmlCopy(const KmlCopy&) = delete;
  KmlCopy& operator=(const KmlCopy&) = delete;
  KmlCopy(KmlCopy&& other) noexcept : path(std::move(other.path)), tracks(std::move(other.tracks)) { other.path.clear(); }
  ~KmlCopy() {
    if (!path.empty()) VSIUnlink(path.c_str());
  }
};

// The KML that GDAL (libkml) reads from `path`: the file itself, or a KMZ's main KML (the
// first .kml in the archive, as libkml takes it); "" when a KMZ holds none.
std::string kml_document_path(const std::string& path) {
  if (read_file_head(path, 4) != std::string("PK\x03\x04", 4)) return path;
  const std::string archive = "/vsizip/" + (path.rfind("/vsi", 0) == 0 ? "{" + path + "}" : path);
  char** entries = VSIReadDirRecursive(archive.c_str());
  std::string found;
  for (char** e = entries; e != nullptr && *e != nullptr && found.empty(); ++e) {
    std::string name = *e;
    for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (name.size() > 4 && name.compare(name.size() - 4, 4, ".kml") == 0) found = archive + "/" + *e;
  }
  CSLDestroy(entries);
  return found;
}

KmlCopy repaired_kml(const std::string& file, detail::LoadContext& ctx) {
  constexpr vsi_l_offset kMaxKmlBytes = vsi_l_offset{256} << 20;  // larger: read as it is
  const std::string path = kml_document_path(file);
  VSIStatBufL stat;
  if (path.empty() || VSIStatL(path.c_str(), &stat) != 0) return {};
  if (static_cast<vsi_l_offset>(stat.st_size) > kMaxKmlBytes) {
    ctx.warn("over 256 MiB: read without checking its placemarks' times and gx:Tracks first");
    return {};
  }
  const std::string text = read_file_head(path, static_cast<std::size_t>(stat.st_size));
  detail::KmlCheck check = detail::check_kml_text(text);
  for (std::string& warning : check.warnings) ctx.warn(std::move(warning));
  ctx.result.skipped += static_cast<int>(check.left_out);
  KmlCopy copy;
  copy.tracks = std::move(check.tracks);
  std::string& repaired = check.text;
  if (repaired.empty()) return copy;
  static std::atomic<unsigned> counter{0};
  copy.path = "/vsimem/patrolscope-repaired-" + std::to_string(counter++) + ".kml";
  auto* bytes = static_cast<GByte*>(CPLMalloc(repaired.size()));
  std::memcpy(bytes, repaired.data(), repaired.size());
  VSIFCloseL(VSIFileFromMemBuffer(copy.path.c_str(), bytes, repaired.size(), TRUE));  // GDAL frees it
  return copy;
}

// "ERROR parsing kml PATH :unclosed token on line 9 at offset 24" → "not valid KML: line 9,
// column 24: unclosed token"; "" for any other message.
std::string kml_parse_error(const std::string& message) {
  const std::size_t colon = message.find(" :");
  if (message.rfind("ERROR parsing kml", 0) != 0 || colon == std::string::npos) return "";
  std::string why = message.substr(colon + 2);
  int line = 0, column = 0;
  if (const std::size_t on = why.rfind(" on line "); on != std::string::npos &&
      std::sscanf(why.c_str() + on, " on line %d at offset %d", &line, &column) == 2) {
    why.resize(on);
    return fmt::format("not valid KML: line {}, column {}: {}", line, column, why);
  }
  return "not valid KML: " + why;
}

// Picks the reader for the file and runs it; problems go to ctx.
void read_source(const std::string& path, detail::LoadContext& ctx, const GdalMessages& gdal) {
  if (is_database_source(path)) return read_database(path, ctx, gdal);
  std::string head;
  if (std::string why = check_file(path, head); !why.empty()) return ctx.fail(why);
  // GPX by its root element (a KML may mention <gpx in a description; a GPX may open with a
  // comment longer than the head, or be UTF-16), within the first MiB.
  if (detail::looks_like_gpx(head.size() < kHeadBytes ? head : read_file_head(path, kGpxHeadBytes))) {
    ctx.result.driver = "GPX";  // read by our own streaming reader (see load_gpx.cpp)
    const LoadOptions& o = ctx.options;
    if (!o.id_column.empty() || !o.time_column.empty() || !o.lon_column.empty() || !o.lat_column.empty())
      ctx.warn("--id-column, --time-column, --lon-column and --lat-column apply to tables: ignored for GPX");
    return detail::load_gpx(path, ctx);
  }
  const std::string identified = detail::identify_vector(path);
  const KmlCopy kml = (identified == "LIBKML" || identified == "KML") ? repaired_kml(path, ctx) : KmlCopy();
  std::string json_error;
  if (identified == "GeoJSON" && ctx.options.table.empty() && ctx.options.sql.empty()) {
    ctx.result.driver = "GeoJSON";
    if (detail::load_native(path, ctx, json_error)) return;  // parsed once, by nlohmann-json
  }
  GDALDatasetUniquePtr dataset = open_vector(kml.path.empty() ? path : kml.path, identified);
  if (!dataset) {
    // JSON that GDAL cannot read: say where it is broken.
    if (json_error.empty()) json_error = detail::json_syntax_error(path);
    if (!json_error.empty()) return ctx.fail(json_error);
    // KML that libkml cannot parse (truncated, junk after the end): its message reworded.
    if ((identified == "LIBKML" || identified == "KML") && !gdal.messages.empty())
      if (std::string why = kml_parse_error(gdal.messages.back()); !why.empty()) return ctx.fail(why);
    std::string why = "not a recognised vector format";
    if (!gdal.messages.empty()) why += " (" + gdal.messages.back() + ")";
    return ctx.fail(why);
  }
  ctx.result.driver = dataset->GetDriverName();
  dispatch(*dataset, ctx, gdal, kml.tracks);
}

}  // namespace

bool is_database_source(const std::string& path) {
  return path.size() >= 3 && std::toupper(static_cast<unsigned char>(path[0])) == 'P' &&
         std::toupper(static_cast<unsigned char>(path[1])) == 'G' && path[2] == ':';
}

std::string source_name(const std::string& path) {
  if (!is_database_source(path)) return std::filesystem::path(path).stem().string();
  // The dbname=… of the connection string (libpq's key=value form), else "database".
  const std::size_t key = path.find("dbname=");
  if (key == std::string::npos) return "database";
  std::size_t begin = key + 7;
  const bool quoted = begin < path.size() && path[begin] == '\'';  // dbname='ais archive'
  if (quoted) ++begin;
  const std::size_t end = path.find(quoted ? '\'' : ' ', begin);
  const std::string name = path.substr(begin, end == std::string::npos ? std::string::npos : end - begin);
  return name.empty() ? "database" : name;
}

namespace {

struct Span {
  std::size_t begin = std::string::npos, end = std::string::npos;  // the password's characters
};

// Where the password is in a connection string (after "PG:"): libpq's key = value form, values
// optionally single-quoted with backslash escapes, or a postgresql:// URI (user:password@ or a
// password=… parameter).
Span password_span(const std::string& s) {
  const auto lower = [](std::string t) {
    for (char& c : t) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return t;
  };
  const std::string text = lower(s);
  if (text.rfind("postgresql://", 0) == 0 || text.rfind("postgres://", 0) == 0) {
    const std::size_t authority = text.find("://") + 3;
    const std::size_t authority_end = std::min(text.find('/', authority), text.find('?', authority));
    const std::size_t at = text.rfind('@', authority_end == std::string::npos ? text.size() : authority_end);
    if (at != std::string::npos && at >= authority) {
      const std::size_t colon = text.find(':', authority);
      if (colon != std::string::npos && colon < at) return {colon + 1, at};
    }
    for (std::size_t key = text.find("password=", authority); key != std::string::npos;
         key = text.find("password=", key + 1))
      if (text[key - 1] == '?' || text[key - 1] == '&') return {key + 9, std::min(text.find('&', key), text.size())};
    return {};
  }
  std::size_t i = 0;
  const auto skip_spaces = [&] {
    while (i < s.size() && std::isspace(static_cast<unsigned char>(s[i]))) ++i;
  };
  while (true) {
    skip_spaces();
    const std::size_t key_begin = i;
    while (i < s.size() && s[i] != '=' && !std::isspace(static_cast<unsigned char>(s[i]))) ++i;
    const std::string key = lower(s.substr(key_begin, i - key_begin));
    skip_spaces();
    if (i >= s.size() || s[i] != '=') return {};
    ++i;
    skip_spaces();
    const std::size_t value_begin = i;
    if (i < s.size() && s[i] == '\'') {
      for (++i; i < s.size() && s[i] != '\''; ++i)
        if (s[i] == '\\') ++i;
      i = std::min(i + 1, s.size());
    } else {
      while (i < s.size() && !std::isspace(static_cast<unsigned char>(s[i]))) ++i;
    }
    if (key == "password") return {value_begin, i};
  }
}

std::string replace_all(std::string text, const std::string& from, const std::string& to) {
  if (from.empty()) return text;
  for (std::size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
    text.replace(at, from.size(), to);
  return text;
}

}  // namespace

std::string printable_source(const std::string& source) {
  if (!is_database_source(source)) return source;
  const Span span = password_span(source.substr(3));
  if (span.begin == std::string::npos) return source;
  return source.substr(0, 3 + span.begin) + "***" + source.substr(3 + span.end);
}

std::string without_secrets(const std::string& text, const std::string& source) {
  if (!is_database_source(source)) return text;
  const Span span = password_span(source.substr(3));
  if (span.begin == std::string::npos) return text;
  std::string out = replace_all(text, source.substr(3), printable_source(source).substr(3));
  std::string password = source.substr(3 + span.begin, span.end - span.begin);
  if (password.size() >= 2 && password.front() == '\'' && password.back() == '\'')
    password = password.substr(1, password.size() - 2);
  // Very short passwords would match ordinary words of the message; the whole string is replaced above.
  if (password.size() >= 4) out = replace_all(out, password, "***");
  return out;
}

LoadResult load_events(const std::string& path, const LoadOptions& options) {
  LoadResult result;
  result.path = printable_source(path);
  detail::LoadContext ctx(options, result);
  try {
    register_gdal();
    GdalMessages gdal;
    read_source(path, ctx, gdal);
    ctx.finish(gdal.messages);
  } catch (const std::bad_alloc&) {
    result.events.clear();
    ctx.fail("out of memory");
  } catch (const std::exception& e) {
    ctx.fail(e.what());
  } catch (...) {
    ctx.fail("unexpected error");
  }
  try {
    ctx.finish({});  // after a throw (otherwise already done)
  } catch (...) {
    result.events.clear();
  }
  result.error = without_secrets(result.error, path);
  for (std::string& warning : result.warnings) warning = without_secrets(warning, path);
  return result;
}

}  // namespace geo
