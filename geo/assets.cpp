#include "assets.hpp"

#include <cstdlib>
#include <filesystem>
#include <system_error>

#ifndef PATROLSCOPE_SOURCE_DIR
#error "PATROLSCOPE_SOURCE_DIR must be defined by the build (geo/CMakeLists.txt)"
#endif

namespace geo {
namespace {

namespace fs = std::filesystem;

bool is_dir(const fs::path& p) {
  std::error_code ec;
  return fs::is_directory(p, ec);
}

}  // namespace

std::string asset_dir() {
  // 1. $PATROLSCOPE_HOME/assets
  if (const char* home = std::getenv("PATROLSCOPE_HOME"); home != nullptr && *home != '\0') {
    const fs::path p = fs::path(home) / "assets";
    if (is_dir(p)) return p.lexically_normal().string();
  }
  // 2. next to the executable: <exe dir>/../share/patrolscope/assets (an installed tree)
  std::error_code ec;
  const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec && !exe.empty()) {
    const fs::path p = exe.parent_path() / ".." / "share" / "patrolscope" / "assets";
    if (is_dir(p)) return p.lexically_normal().string();
  }
  // 3. the source tree this program was built from (also the answer of last resort)
  return (fs::path(PATROLSCOPE_SOURCE_DIR) / "assets").lexically_normal().string();
}

std::string asset_path(const std::string& relative) { return asset_dir() + "/" + relative; }

std::string default_dataset_path() {
  return asset_path("data/china-russia-joint-activity.geojson");
}

std::string default_coastline_path() { return asset_path("coastline/ne_50m_land.fgb"); }

std::string paper_table_path() { return asset_path("data/paper-table1.csv"); }

}  // namespace geo
