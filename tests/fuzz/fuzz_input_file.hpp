// The loaders read files (GDAL opens paths): each fuzz input is written to one file per process,
// named with the extension that selects the loader, in /dev/shm when there is one.
#pragma once
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <string>

namespace patrolscope::fuzz {

inline std::string input_file(const char* extension, const std::uint8_t* data, std::size_t size) {
  static const std::string path = [extension] {
    const std::filesystem::path dir = std::filesystem::exists("/dev/shm") ? "/dev/shm" : std::filesystem::temp_directory_path();
    return (dir / ("patrolscope-fuzz-" + std::to_string(::getpid()) + extension)).string();
  }();
  std::FILE* file = std::fopen(path.c_str(), "wb");
  if (!file) std::abort();
  if (size && std::fwrite(data, 1, size, file) != size) std::abort();
  std::fclose(file);
  return path;
}

}  // namespace patrolscope::fuzz
