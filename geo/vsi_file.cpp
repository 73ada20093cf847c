#include "vsi_file.hpp"

#include <fmt/format.h>

namespace geo {

std::string read_file_head(const std::string& path, std::size_t limit) {
  VsiFile file(path);
  if (!file) return "";
  std::string head(limit, '\0');
  head.resize(file.read(head.data(), limit));
  return head;
}

std::optional<std::string> read_whole_file(const std::string& path, std::size_t limit, std::string& error) {
  VsiFile file(path);
  if (!file) {
    error = "cannot be read";
    return std::nullopt;
  }
  std::string text;
  char buffer[1 << 16];
  while (const std::size_t n = file.read(buffer, sizeof buffer)) {
    if (text.size() + n > limit) {
      error = fmt::format("larger than {} MiB: too large to load", limit >> 20);
      return std::nullopt;
    }
    text.append(buffer, n);
  }
  return text;
}

}  // namespace geo
