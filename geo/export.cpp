#include "export.hpp"

#include <cpl_conv.h>
#include <cpl_error.h>
#include <cpl_vsi.h>
#include <filesystem>
#include <fmt/format.h>
#include <gdal_priv.h>
#include <mutex>
#include <nlohmann/json.hpp>
#include <ogrsf_frmts.h>
#include <stdexcept>
#include <unistd.h>

#include "output_file.hpp"

namespace geo {
namespace {

std::string lower_extension(const std::string& path) {
  std::string ext = std::filesystem::path(path).extension().string();
  for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return ext;
}

// Lists are written as JSON arrays of strings, which the loaders read back item by item
// (a source may hold commas).
std::string json_list(const std::vector<std::string>& items) { return nlohmann::json(items).dump(); }

std::string time_text(Seconds t) { return t == kNoTime ? "" : format_time(t); }

// The vertex times of the event's lines as the loaders read them back (`times`: one array per
// line, null for a vertex with no time); "" when no line has times.
std::string line_times(const Event& e) {
  bool any = false;
  nlohmann::json lines = nlohmann::json::array();
  for (const Line& line : e.geometry.lines) {
    nlohmann::json times = nlohmann::json::array();
    for (std::size_t i = 0; i < line.coords.size(); ++i) {
      const Seconds t = i < line.times.size() ? line.times[i] : kNoTime;
      times.push_back(t == kNoTime ? nlohmann::json() : nlohmann::json(format_time(t)));
    }
    if (!line.times.empty()) any = true;
    lines.push_back(std::move(times));
  }
  return any ? lines.dump() : "";
}

// One OGR geometry for the event: a single part as itself, else a collection.
std::unique_ptr<OGRGeometry> event_geometry(const Event& e) {
  std::vector<std::unique_ptr<OGRGeometry>> parts;
  for (const Line& line : e.geometry.lines) {
    auto ls = std::make_unique<OGRLineString>();
    for (const LonLat& p : line.coords) ls->addPoint(p.lon, p.lat);
    parts.push_back(std::move(ls));
  }
  for (const Polygon& polygon : e.geometry.polygons) {
    auto pg = std::make_unique<OGRPolygon>();
    for (const auto& ring : polygon.rings) {
      auto r = std::make_unique<OGRLinearRing>();
      for (const LonLat& p : ring) r->addPoint(p.lon, p.lat);
      r->closeRings();
      pg->addRingDirectly(r.release());
    }
    parts.push_back(std::move(pg));
  }
  for (const LonLat& p : e.geometry.points) parts.push_back(std::make_unique<OGRPoint>(p.lon, p.lat));
  if (parts.empty()) return nullptr;
  if (parts.size() == 1) return std::move(parts.front());
  auto collection = std::make_unique<OGRGeometryCollection>();
  for (auto& part : parts) collection->addGeometryDirectly(part.release());
  return collection;
}

struct Dataset {
  GDALDataset* dataset = nullptr;
  ~Dataset() { GDALClose(dataset); }
};

[[noreturn]] void fail(const std::string& path, const std::string& why) {
  const char* gdal = CPLGetLastErrorMsg();
  throw std::runtime_error(fmt::format("{}: {}{}", path, why, gdal && *gdal ? fmt::format(" ({})", gdal) : ""));
}

void write_layer(GDALDataset& ds, const std::vector<Event>& events, const std::string& driver, bool positions,
                 const std::string& path, std::vector<std::string>& warnings) {
  OGRSpatialReference wgs84;
  wgs84.SetWellKnownGeogCS("WGS84");
  wgs84.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
  std::vector<const char*> layer_options;
  if (driver == "CSV" && !positions) layer_options = {"GEOMETRY=AS_WKT", nullptr};
  if (driver == "FlatGeobuf") layer_options = {"SPATIAL_INDEX=NO", nullptr};  // the index reorders the features
  OGRLayer* layer = ds.CreateLayer(positions ? "positions" : "events", positions ? nullptr : &wgs84,
                                   positions ? wkbNone : wkbUnknown,
                                   layer_options.empty() ? nullptr : const_cast<char**>(layer_options.data()));
  if (layer == nullptr) fail(path, "cannot create the layer");
  const bool kml = driver == "LIBKML";
  std::vector<std::string> fields =
      positions ? std::vector<std::string>{"id", "name", "part", "vertex", "time", "lon", "lat"}
                : std::vector<std::string>{"id", "name", "kind", "domains", "force_types", "participants", "regions",
                                           kml ? "begin" : "start", "end", "times", "sources", "notes",
                                           "geometry_quality"};
  std::vector<std::string> attributes;  // every attribute name any event has, once
  if (!positions)
    for (const Event& e : events)
      for (const auto& [key, value] : e.attributes)
        if (std::find(attributes.begin(), attributes.end(), key) == attributes.end() &&
            std::find(fields.begin(), fields.end(), key) == fields.end())
          attributes.push_back(key);
  for (const std::string& name : fields) {
    OGRFieldDefn defn(name.c_str(), OFTString);
    if (name == "times") defn.SetSubType(OFSTJSON);  // GeoJSON: written as an array, not a string
    if (layer->CreateField(&defn) != OGRERR_NONE) fail(path, "cannot create the field '" + name + "'");
  }
  for (const std::string& name : attributes) {
    OGRFieldDefn defn(name.c_str(), OFTString);
    if (layer->CreateField(&defn) != OGRERR_NONE) fail(path, "cannot create the field '" + name + "'");
  }
  auto add = [&](OGRFeature& f) {
    if (layer->CreateFeature(&f) != OGRERR_NONE) fail(path, "cannot write a feature");
  };
  for (const Event& e : events) {
    if (positions) {
      auto row = [&](const std::string& part, std::size_t vertex, Seconds t, LonLat p) {
        OGRFeature f(layer->GetLayerDefn());
        f.SetField("id", e.id.c_str());
        f.SetField("name", e.name.c_str());
        f.SetField("part", part.c_str());
        f.SetField("vertex", std::to_string(vertex).c_str());
        if (t != kNoTime) f.SetField("time", format_time(t).c_str());
        f.SetField("lon", fmt::format("{:.7f}", p.lon).c_str());
        f.SetField("lat", fmt::format("{:.7f}", p.lat).c_str());
        add(f);
      };
      for (std::size_t l = 0; l < e.geometry.lines.size(); ++l) {
        const Line& line = e.geometry.lines[l];
        for (std::size_t i = 0; i < line.coords.size(); ++i)
          row(fmt::format("line {}", l + 1), i + 1, i < line.times.size() ? line.times[i] : kNoTime, line.coords[i]);
      }
      for (std::size_t i = 0; i < e.geometry.points.size(); ++i) row("point", i + 1, e.start, e.geometry.points[i]);
      continue;
    }
    OGRFeature f(layer->GetLayerDefn());
    auto set = [&](const std::string& name, const std::string& value) {
      if (!value.empty()) f.SetField(name.c_str(), value.c_str());
    };
    set("id", e.id);
    set("name", e.name);
    set("kind", e.kind);
    if (!e.domains.empty()) set("domains", json_list(e.domains));
    if (!e.force_types.empty()) set("force_types", json_list(e.force_types));
    if (!e.participants.empty()) set("participants", json_list(e.participants));
    if (!e.regions.empty()) set("regions", json_list(e.regions));
    set(kml ? "begin" : "start", time_text(e.start));
    set("end", time_text(e.end));
    set("times", line_times(e));
    if (!e.sources.empty()) set("sources", json_list(e.sources));
    set("notes", e.notes);
    set("geometry_quality", to_string(e.quality));
    for (const auto& [key, value] : e.attributes)
      if (std::find(attributes.begin(), attributes.end(), key) != attributes.end()) set(key, value);
    auto g = event_geometry(e);
    if (!g && driver == "FlatGeobuf") {  // its writer would drop the feature without a word
      warnings.push_back(fmt::format("event {}: no geometry: FlatGeobuf cannot hold it: left out "
                                     "(.geojson, .gpkg, .kml and .csv can)", e.id));
      continue;
    }
    if (g) {
      g->assignSpatialReference(&wgs84);
      f.SetGeometryDirectly(g.release());
    }
    add(f);
  }
}

}  // namespace

std::string export_driver_for(const std::string& path) {
  const std::string ext = lower_extension(path);
  if (ext == ".geojson" || ext == ".json") return "GeoJSON";
  if (ext == ".gpkg") return "GPKG";
  if (ext == ".kml") return "LIBKML";
  if (ext == ".csv") return "CSV";
  if (ext == ".fgb") return "FlatGeobuf";
  return "";
}

std::vector<std::string> export_events(const std::vector<Event>& events, const std::string& path, bool positions) {
  std::vector<std::string> warnings;
  const std::string driver_name = export_driver_for(path);
  if (driver_name.empty())
    throw std::invalid_argument(fmt::format("{}: unknown extension '{}' (.geojson, .gpkg, .kml, .csv or .fgb)", path,
                                            lower_extension(path)));
  if (positions && driver_name != "CSV")
    throw std::invalid_argument(fmt::format("{}: --positions writes a CSV: the name must end in .csv", path));
  check_output_target(path);  // throws "PATH: why"
  static std::once_flag once;
  std::call_once(once, [] { GDALAllRegister(); });
  GDALDriver* driver = GetGDALDriverManager()->GetDriverByName(driver_name.c_str());
  if (driver == nullptr) throw std::runtime_error(fmt::format("{}: GDAL has no {} driver", path, driver_name));
  const std::string target = resolve_output_target(path);
  remove_dead_temporaries(std::filesystem::path(target).parent_path().string(),
                          std::filesystem::path(target).filename().string());
  // GDAL writes in place (GPKG, FlatGeobuf's index): a temporary beside the target, with the
  // target's extension so the driver recognises it, renamed when the dataset is closed.
  static int counter = 0;
  const std::string temporary = fmt::format("{}.tmp-{}-{}{}", target, ::getpid(), counter++, lower_extension(path));
  CPLErrorReset();
  try {
    {
      Dataset ds;
      ds.dataset = driver->Create(temporary.c_str(), 0, 0, 0, GDT_Unknown, nullptr);
      if (ds.dataset == nullptr) fail(path, "cannot be created");
      write_layer(*ds.dataset, events, driver_name, positions, path, warnings);
      ds.dataset->FlushCache();
    }  // closed: everything is on disk
    if (std::rename(temporary.c_str(), target.c_str()) != 0) fail(path, "cannot replace the file");
  } catch (...) {
    VSIUnlink(temporary.c_str());
    std::error_code ignored;
    std::filesystem::remove_all(temporary, ignored);
    throw;
  }
  return warnings;
}

}  // namespace geo
