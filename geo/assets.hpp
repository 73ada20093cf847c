// Where the bundled assets, shaders and fonts live, looked up at run time (no path is compiled
// in): $PATROLSCOPE_HOME; else ../share/patrolscope beside the executable (an installed tree);
// else, in a build tree, the source tree named by bin/patrolscope-source-dir (written by CMake).
#pragma once
#include <string>

namespace geo {

std::string home_dir();    // the directory holding assets/, shaders/ and fonts/
std::string asset_dir();   // home_dir()/assets
std::string asset_path(const std::string& relative);  // asset_dir() + "/" + relative
std::string default_dataset_path();    // assets/data/china-russia-joint-activity.geojson
std::string default_coastline_path();  // assets/coastline/ne_50m_land.fgb
std::string default_borders_path();    // assets/context/borders-50m.geojson
std::string paper_table_path();        // assets/data/paper-table1.csv

}  // namespace geo
