// Zone layers for analysis: any GDAL polygon or line layer in any CRS (a name per feature),
// and the bundled zones under assets/zones/.
#pragma once
#include <string>
#include <vector>

#include "analysis.hpp"

namespace geo {

struct ZoneLoad {
  std::vector<Zone> zones;            // one per usable feature, in file order
  std::vector<std::string> warnings;  // "feature 3 (Name): field 'geometry': …"
};

// Reads every layer; features without polygon or line geometry are skipped with a warning.
// The name comes from a field name/zone/label/title (else "zone N"), the quality from
// "quality" (exact, approximate, schematic), the source from "source"/"sources".
// Throws std::runtime_error "PATH: why" when the file cannot be opened or holds no zone.
ZoneLoad load_zones(const std::string& path);

// Every bundled zone file: assets/zones/*.geojson, sorted by name (ADIZ, median line, the
// computed 12-nm bands). Empty when the directory is missing.
std::vector<std::string> bundled_zone_paths();

// The label a zone is drawn and listed with: its name, plus "(approximate)" or "(schematic)"
// where its quality says so.
std::string zone_display_name(const Zone& zone);

}  // namespace geo
