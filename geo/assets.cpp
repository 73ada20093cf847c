#include "assets.hpp"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <system_error>

namespace geo {
namespace {

namespace fs = std::filesystem;

bool is_dir(const fs::path& p) {
  std::error_code ec;
  return fs::is_directory(p, ec);
}

fs::path executable_dir() {
  std::error_code ec;
  const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  return ec ? fs::path() : exe.parent_path();
}

}  // namespace

std::string home_dir() {
  // 1. $PATROLSCOPE_HOME
  if (const char* home = std::getenv("PATROLSCOPE_HOME"); home != nullptr && *home != '\0')
    if (is_dir(home)) return fs::path(home).lexically_normal().string();
  const fs::path exe = executable_dir();
  // 2. an installed tree: <prefix>/bin/patrolscope and <prefix>/share/patrolscope
  const fs::path installed = exe / ".." / "share" / "patrolscope";
  if (!exe.empty() && is_dir(installed / "assets")) return installed.lexically_normal().string();
  // 3. the build tree: CMake writes the source directory into a marker file beside the
  //    executables (build/bin/patrolscope-source-dir); an installed tree has none.
  if (!exe.empty()) {
    std::ifstream marker(exe / "patrolscope-source-dir");
    std::string source;
    if (std::getline(marker, source) && !source.empty() && is_dir(fs::path(source) / "assets"))
      return fs::path(source).lexically_normal().string();
  }
  // Nothing found: name the installed location, so errors point where files belong.
  return installed.lexically_normal().string();
}

std::string asset_dir() { return (fs::path(home_dir()) / "assets").string(); }

std::string asset_path(const std::string& relative) { return asset_dir() + "/" + relative; }

std::string default_dataset_path() {
  return asset_path("data/china-russia-joint-activity.geojson");
}

std::string default_coastline_path() { return asset_path("coastline/ne_50m_land.fgb"); }

std::string default_borders_path() { return asset_path("context/borders-50m.geojson"); }

std::string paper_table_path() { return asset_path("data/paper-table1.csv"); }

}  // namespace geo
