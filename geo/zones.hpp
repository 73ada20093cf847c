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

std::string bundled_zones_path();  // assets/zones/china-ecs-adiz.geojson

}  // namespace geo
