#include "png_io.hpp"

#include <png.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <stdexcept>

#include "output_file.hpp"

namespace patrolscope::render {
namespace {

[[noreturn]] void fail(const std::string& path, const std::string& what) {
  throw std::runtime_error(path + ": " + what);
}

// libpng's messages carry our prefix (its defaults print bare "libpng error: …" lines).
void png_error_handler(png_structp png, png_const_charp message) {
  std::fprintf(stderr, "patrolscope: libpng: %s\n", message);
  png_longjmp(png, 1);
}
void png_warning_handler(png_structp, png_const_charp message) {
  std::fprintf(stderr, "patrolscope: libpng warning: %s\n", message);
}

void append_bytes(png_structp png, png_bytep data, png_size_t size) {
  static_cast<std::string*>(png_get_io_ptr(png))->append(reinterpret_cast<const char*>(data), size);
}
void no_flush(png_structp) {}

// libpng reports errors by longjmp: keep that frame free of C++ objects. Returns false on error.
bool encode_rows(std::string* out, int width, int height, bool alpha, png_bytep* rows, png_text* text, int text_count) {
  png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, nullptr, png_error_handler, png_warning_handler);
  png_infop info = png ? png_create_info_struct(png) : nullptr;
  if (!info) {
    png_destroy_write_struct(&png, nullptr);
    return false;
  }
  if (setjmp(png_jmpbuf(png))) {
    png_destroy_write_struct(&png, &info);
    return false;
  }
  png_set_write_fn(png, out, append_bytes, no_flush);
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

std::string encode_png(const std::string& path, const Image& image, const PngText& text, bool alpha) {
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
  std::string bytes;
  if (!encode_rows(&bytes, image.width, image.height, alpha, rows.data(), entries.data(), static_cast<int>(entries.size())))
    fail(path, "PNG encoding failed");
  return bytes;
}

void write_png(const std::string& path, const Image& image, const PngText& text, bool alpha) {
  geo::write_file_atomically(path, encode_png(path, image, text, alpha));
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

namespace {

// Reads the text chunks (tEXt, zTXt, iTXt) of an open PNG; false on a libpng error (longjmp
// frame without C++ objects: copies into a caller-owned callback).
bool read_text_chunks(std::FILE* file, void (*add)(void*, const char*, const char*, std::size_t), void* sink) {
  png_structp png = png_create_read_struct(PNG_LIBPNG_VER_STRING, nullptr, png_error_handler, png_warning_handler);
  if (!png) return false;
  png_infop info = png_create_info_struct(png);
  png_infop end = info ? png_create_info_struct(png) : nullptr;
  if (!info || !end || setjmp(png_jmpbuf(png))) {
    png_destroy_read_struct(&png, info ? &info : nullptr, end ? &end : nullptr);
    return false;
  }
  png_init_io(png, file);
  png_read_info(png, info);
  png_textp text = nullptr;
  int count = 0;
  png_get_text(png, info, &text, &count);
  for (int i = 0; i < count; ++i) add(sink, text[i].key, text[i].text, text[i].text_length ? text[i].text_length : text[i].itxt_length);
  png_destroy_read_struct(&png, &info, &end);
  return true;
}

}  // namespace

bool is_png_file(const std::string& path) {
  std::FILE* file = std::fopen(path.c_str(), "rb");
  if (!file) return false;
  unsigned char signature[8] = {};
  const bool png = std::fread(signature, 1, 8, file) == 8 && png_sig_cmp(signature, 0, 8) == 0;
  std::fclose(file);
  return png;
}

PngText read_png_text(const std::string& path) {
  std::FILE* file = std::fopen(path.c_str(), "rb");
  if (!file) fail(path, std::strerror(errno));
  PngText out;
  const bool ok = read_text_chunks(
      file,
      [](void* sink, const char* key, const char* text, std::size_t length) {
        static_cast<PngText*>(sink)->emplace_back(key, std::string(text, length));
      },
      &out);
  std::fclose(file);
  if (!ok) fail(path, "cannot read PNG");
  return out;
}

}  // namespace patrolscope::render
