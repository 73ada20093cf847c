// PNG files: encoded with tEXt metadata, written atomically (geo/output_file.hpp: a temporary
// file beside the target, then rename), and read back (for golden-image tests).
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

// The PNG file's bytes; `alpha`: RGBA, else RGB. Throws std::runtime_error naming `path`.
std::string encode_png(const std::string& path, const Image& image, const PngText& text, bool alpha);
// Throws std::runtime_error naming the path (not a regular file, directory not writable, disk
// full, …); on failure the old file is kept and no temporary is left beside it.
void write_png(const std::string& path, const Image& image, const PngText& text, bool alpha);

Image read_png(const std::string& path);  // RGBA; throws std::runtime_error naming the path
bool is_png_file(const std::string& path);  // starts with the PNG signature
// The text chunks (tEXt, zTXt, iTXt) before the image data; throws std::runtime_error naming the path.
PngText read_png_text(const std::string& path);

}  // namespace patrolscope::render
