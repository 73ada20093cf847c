// PNG bytes without the text chunk that holds render's session (patrolscope:session), for
// tests that compare pictures made by different commands or options: the session records how
// the picture was asked for (the legend option as typed, the command's inputs), the rest of
// the file is the picture and its description.
// Also the PNG's tEXt chunks as key → value (what render says about the image).
#pragma once
#include <cstdint>
#include <filesystem>
#include <map>
#include <string>

#include "temp_dir.hpp"  // read_file

namespace patrolscope::testing {

// The tEXt chunks of PNG bytes, keyword → text (a keyword written twice: the last).
inline std::map<std::string, std::string> png_text_chunks(const std::string& png) {
  std::map<std::string, std::string> text;
  for (std::size_t at = 8; at + 12 <= png.size();) {
    const auto byte = [&](std::size_t i) { return static_cast<std::uint32_t>(static_cast<unsigned char>(png[i])); };
    const std::size_t length = byte(at) << 24 | byte(at + 1) << 16 | byte(at + 2) << 8 | byte(at + 3);
    if (png.compare(at + 4, 4, "tEXt") == 0) {
      const std::string chunk = png.substr(at + 8, length);
      const auto zero = chunk.find('\0');
      if (zero != std::string::npos) text[chunk.substr(0, zero)] = chunk.substr(zero + 1);
    }
    at += 12 + length;
  }
  return text;
}

// The PNG file's tEXt chunks; or the text of one keyword ("" when it has none).
inline std::map<std::string, std::string> png_text(const std::filesystem::path& path) {
  return png_text_chunks(read_file(path));
}
inline std::string png_text(const std::filesystem::path& path, const std::string& keyword) {
  const auto text = png_text(path);
  const auto it = text.find(keyword);
  return it == text.end() ? "" : it->second;
}

inline std::string without_session_chunk(const std::string& png) {
  if (png.size() < 8) return png;
  std::string out = png.substr(0, 8);
  const std::string key = std::string("patrolscope:session") + '\0';
  for (std::size_t at = 8; at + 12 <= png.size();) {
    const auto byte = [&](std::size_t i) { return static_cast<std::uint32_t>(static_cast<unsigned char>(png[i])); };
    const std::size_t length = byte(at) << 24 | byte(at + 1) << 16 | byte(at + 2) << 8 | byte(at + 3);
    const std::string type = png.substr(at + 4, 4);
    const bool session = (type == "tEXt" || type == "zTXt" || type == "iTXt") && png.compare(at + 8, key.size(), key) == 0;
    if (!session) out += png.substr(at, 12 + length);
    at += 12 + length;
  }
  return out;
}

}  // namespace patrolscope::testing
