// PNG files: written atomically (a temporary file beside the target, then rename) with tEXt
// metadata, and read back (for golden-image tests).
#pragma once
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace patrolscope::render {

struct Image {
  int width = 0, height = 0;
  std::vector<std::uint8_t> rgba;  // top row first
  std::uint8_t* pixel(int x, int y) { return rgba.data() + (static_cast<std::size_t>(y) * width + x) * 4; }
  const std::uint8_t* pixel(int x, int y) const {
    return rgba.data() + (static_cast<std::size_t>(y) * width + x) * 4;
  }
};

using PngText = std::vector<std::pair<std::string, std::string>>;  // keyword, text

// Throws std::runtime_error naming the path (directory not writable, disk full, …); on failure
// no file is left at `path` or beside it. `alpha`: RGBA, else RGB.
void write_png(const std::string& path, const Image& image, const PngText& text, bool alpha);
// Writes a small text file atomically (world files, .prj).
void write_text_file(const std::string& path, const std::string& text);

Image read_png(const std::string& path);  // RGBA; throws std::runtime_error naming the path

}  // namespace patrolscope::render
