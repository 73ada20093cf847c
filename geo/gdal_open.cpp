#include "gdal_open.hpp"

#include <cpl_error.h>
#include <mutex>

#include "load_internal.hpp"
#include "vsi_file.hpp"

namespace geo::detail {
namespace {

// File formats only, each read from the one file (or archive) named: no OGR_VRT, no drivers
// that follow references to other files or to the network.
constexpr const char* kAccepted[] = {"GeoJSON",    "GeoJSONSeq", "ESRIJSON", "TopoJSON", "CSV",
                                     "GPX",        "LIBKML",     "KML",      "GPKG",     "ESRI Shapefile",
                                     "FlatGeobuf", "GML",        "OpenFileGDB", nullptr};

void register_once() {
  static std::once_flag once;
  std::call_once(once, [] { GDALAllRegister(); });
}

}  // namespace

const char* const* accepted_vector_drivers() { return kAccepted; }

std::string accepted_vector_driver_list() {
  std::string out;
  for (const char* const* d = kAccepted; *d != nullptr; ++d) out += (out.empty() ? "" : ", ") + std::string(*d);
  return out;
}

std::string refused_by_content(std::string_view head) {
  const std::string root = xml_root_name(head);
  if (root == "OGRVRTDataSource" || root == "VRTDataset")
    return "a GDAL VRT file (<" + root + ">), which opens the files it names: not accepted as input; "
           "load those files themselves";
  return "";
}

std::string identify_vector(const std::string& path) {
  register_once();
  GDALDriverH driver = GDALIdentifyDriverEx(path.c_str(), GDAL_OF_VECTOR, kAccepted, nullptr);
  return driver ? GDALGetDriverShortName(driver) : "";
}

GDALDatasetUniquePtr open_vector_file(const std::string& path, const char* const* drivers,
                                      const char* const* open_options) {
  register_once();
  if (const std::string why = refused_by_content(read_file_head(path, 64 * 1024)); !why.empty()) {
    CPLError(CE_Failure, CPLE_OpenFailed, "%s", why.c_str());  // what the caller reports
    return nullptr;
  }
  return GDALDatasetUniquePtr(GDALDataset::Open(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY,
                                                drivers ? drivers : kAccepted, open_options, nullptr));
}

}  // namespace geo::detail
