// Where the bundled assets and shaders live: $PATROLSCOPE_HOME, next to the executable
// (../share/patrolscope), or the source tree the program was built from.
#pragma once
#include <string>

namespace geo {

std::string asset_dir();   // …/assets
std::string asset_path(const std::string& relative);  // asset_dir() + "/" + relative
std::string default_dataset_path();    // assets/data/china-russia-joint-activity.geojson
std::string default_coastline_path();  // assets/coastline/ne_50m_land.fgb
std::string paper_table_path();        // assets/data/paper-table1.csv

}  // namespace geo
