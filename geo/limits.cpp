#include "limits.hpp"

namespace geo {

std::string shorten_text(std::string_view utf8, std::size_t max_chars) {
  std::size_t chars = 0;
  for (std::size_t i = 0; i < utf8.size(); ++i) {
    if ((static_cast<unsigned char>(utf8[i]) & 0xc0) == 0x80) continue;  // a continuation byte
    if (chars == max_chars) return std::string(utf8.substr(0, i)) + "\u2026";
    ++chars;
  }
  return std::string(utf8);
}

}  // namespace geo
