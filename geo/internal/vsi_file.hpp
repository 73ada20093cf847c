// Files read through GDAL's virtual file systems (VSI), so that every loader reads plain
// paths and /vsizip/, /vsigzip/, /vsitar/ … alike. VsiFile owns the handle: move-only,
// closed on every path out, throws included.
#pragma once
#include <cpl_vsi.h>

#include <cstddef>
#include <optional>
#include <string>
#include <utility>

namespace geo {

class VsiFile {
 public:
  VsiFile() = default;
  // Opens for reading; test with operator bool.
  explicit VsiFile(const std::string& path) : file_(VSIFOpenL(path.c_str(), "rb")) {}
  ~VsiFile() { close(); }
  VsiFile(VsiFile&& other) noexcept : file_(std::exchange(other.file_, nullptr)) {}
  VsiFile& operator=(VsiFile&& other) noexcept {
    if (this != &other) {
      close();
      file_ = std::exchange(other.file_, nullptr);
    }
    return *this;
  }
  VsiFile(const VsiFile&) = delete;
  VsiFile& operator=(const VsiFile&) = delete;

  explicit operator bool() const { return file_ != nullptr; }
  // Up to `size` bytes; fewer only at the end of the file (or on a read error).
  std::size_t read(void* buffer, std::size_t size) { return file_ ? VSIFReadL(buffer, 1, size, file_) : 0; }

 private:
  void close() {
    if (file_ != nullptr) VSIFCloseL(file_);
    file_ = nullptr;
  }
  VSILFILE* file_ = nullptr;
};

// Up to `limit` bytes from the start of the file; "" when it cannot be opened.
std::string read_file_head(const std::string& path, std::size_t limit);

// The whole file, or nullopt with `error` set ("cannot be read", or "larger than LIMIT").
std::optional<std::string> read_whole_file(const std::string& path, std::size_t limit, std::string& error);

}  // namespace geo
