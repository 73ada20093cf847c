#include "session_file.hpp"

#include <filesystem>

#include "render/png_io.hpp"

namespace patrolscope {

geo::SessionReadResult read_session_file(const std::string& path) {
  if (!render::is_png_file(path)) return geo::read_session(path);
  geo::SessionReadResult result;
  try {
    for (const auto& [key, text] : render::read_png_text(path))
      if (key == geo::kSessionPngKey) {
        result = geo::parse_session(text, std::filesystem::path(path).parent_path().string());
        if (!result.ok()) result.error = path + ": " + result.error;
        return result;
      }
    result.error = path + ": a PNG without a patrolscope session (written by an older patrolscope, or not by render)";
  } catch (const std::exception& e) {
    result.error = e.what();
  }
  return result;
}

}  // namespace patrolscope
