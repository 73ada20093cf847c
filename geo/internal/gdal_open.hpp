// Opening a user's vector file with GDAL: only through the drivers listed here, so a file
// named .kml or .geojson that holds something else never reaches a driver that opens further
// files (OGR_VRT's <SrcDataSource>, MapInfo seamless tables, SQLite's VirtualOGR, GPSBabel's
// external program, the network drivers). geo's own header (names GDAL), like load_internal.hpp.
#pragma once
#include <gdal_priv.h>

#include <string>
#include <string_view>

namespace geo::detail {

// The drivers a user's vector file may be read by, null-terminated (GDAL's papszAllowedDrivers).
const char* const* accepted_vector_drivers();
// "GeoJSON, CSV, …" for messages.
std::string accepted_vector_driver_list();

// Why a file whose first bytes are `head` is refused before GDAL sees it ("" when it is not):
// a GDAL VRT (OGRVRTDataSource, VRTDataset), whatever its name, since it opens the files it names.
std::string refused_by_content(std::string_view head);

// The accepted driver GDAL would read `path` with, "" when none of them.
std::string identify_vector(const std::string& path);

// Opens `path` read-only as a vector dataset with one of `drivers` (null: the accepted ones),
// with `open_options` (null-terminated, or null).
GDALDatasetUniquePtr open_vector_file(const std::string& path, const char* const* drivers = nullptr,
                                      const char* const* open_options = nullptr);

}  // namespace geo::detail
