#include "png_io.hpp"

#include <png.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <memory>
#include <stdexcept>

namespace patrolscope::render {
namespace {

struct FileCloser {
  void operator()(std::FILE* f) const { std::fclose(f); }
};
using File = std::unique_ptr<std::FILE, FileCloser>;

[[noreturn]] void fail(const std::string& path, const std::string& what) {
  throw std::runtime_error(path + ": " + what);
}

// A temporary name in the target's directory, so the rename is atomic.
std::string temporary_for(const std::string& path) {
  return path + ".tmp-" + std::to_string(::getpid());
}

// Opens a temporary file, lets `write` fill it, flushes it to disk, renames it over `path`.
template <class Write>
void write_atomically(const std::string& path, Write write) {
  const std::string temporary = temporary_for(path);
  File file(std::fopen(temporary.c_str(), "wb"));
  if (!file) fail(path, std::string("cannot write: ") + std::strerror(errno));
  try {
    write(file.get());
    if (std::fflush(file.get()) != 0 || ::fsync(::fileno(file.get())) != 0)
      fail(path, std::string("cannot write: ") + std::strerror(errno));
    file.reset();
    if (std::rename(temporary.c_str(), path.c_str()) != 0)
      fail(path, std::string("cannot write: ") + std::strerror(errno));
  } catch (...) {
    file.reset();
    std::remove(temporary.c_str());
    throw;
  }
}

// libpng reports errors by longjmp: keep that frame free of C++ objects. Returns false on error.
bool encode_png(std::FILE* file, int width, int height, bool alpha, png_bytep* rows, png_text* text, int text_count) {
  png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, nullptr, nullptr, nullptr);
  png_infop info = png ? png_create_info_struct(png) : nullptr;
  if (!info) {
    png_destroy_write_struct(&png, nullptr);
    return false;
  }
  if (setjmp(png_jmpbuf(png))) {
    png_destroy_write_struct(&png, &info);
    return false;
  }
  png_init_io(png, file);
  png_set_IHDR(png, info, static_cast<png_uint_32>(width), static_cast<png_uint_32>(height), 8,
               alpha ? PNG_COLOR_TYPE_RGBA : PNG_COLOR_TYPE_RGB, PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT,
               PNG_FILTER_TYPE_DEFAULT);
  png_set_compression_level(png, 6);
  if (text_count > 0) png_set_text(png, info, text, text_count);
  png_set_rows(png, info, rows);
  // RGB images are written from the RGBA rows, libpng dropping the alpha byte: no copy.
  png_write_png(png, info, alpha ? PNG_TRANSFORM_IDENTITY : PNG_TRANSFORM_STRIP_FILLER_AFTER, nullptr);
  png_destroy_write_struct(&png, &info);
  return true;
}

}  // namespace

void write_png(const std::string& path, const Image& image, const PngText& text, bool alpha) {
  if (image.width <= 0 || image.height <= 0 ||
      image.rgba.size() != static_cast<std::size_t>(image.width) * image.height * 4)
    fail(path, "no image to write");
  std::vector<png_text> entries(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    entries[i].compression = text[i].second.size() > 512 ? PNG_TEXT_COMPRESSION_zTXt : PNG_TEXT_COMPRESSION_NONE;
    entries[i].key = const_cast<char*>(text[i].first.c_str());
    entries[i].text = const_cast<char*>(text[i].second.c_str());
    entries[i].text_length = text[i].second.size();
  }
  const std::size_t stride = static_cast<std::size_t>(image.width) * 4;
  std::vector<png_bytep> rows(static_cast<std::size_t>(image.height));
  for (int y = 0; y < image.height; ++y)
    rows[static_cast<std::size_t>(y)] = const_cast<png_bytep>(image.rgba.data() + stride * static_cast<std::size_t>(y));
  write_atomically(path, [&](std::FILE* file) {
    if (!encode_png(file, image.width, image.height, alpha, rows.data(), entries.data(), static_cast<int>(entries.size())))
      fail(path, "PNG encoding failed (disk full?)");
  });
}

void write_text_file(const std::string& path, const std::string& text) {
  write_atomically(path, [&](std::FILE* file) {
    if (std::fwrite(text.data(), 1, text.size(), file) != text.size())
      fail(path, std::string("cannot write: ") + std::strerror(errno));
  });
}

Image read_png(const std::string& path) {
  png_image reader;
  std::memset(&reader, 0, sizeof reader);
  reader.version = PNG_IMAGE_VERSION;
  if (!png_image_begin_read_from_file(&reader, path.c_str())) fail(path, std::string("cannot read PNG: ") + reader.message);
  reader.format = PNG_FORMAT_RGBA;
  Image image;
  image.width = static_cast<int>(reader.width);
  image.height = static_cast<int>(reader.height);
  image.rgba.resize(PNG_IMAGE_SIZE(reader));
  if (!png_image_finish_read(&reader, nullptr, image.rgba.data(), 0, nullptr)) {
    png_image_free(&reader);
    fail(path, std::string("cannot read PNG: ") + reader.message);
  }
  return image;
}

}  // namespace patrolscope::render
