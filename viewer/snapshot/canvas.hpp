// Drawing on a CPU image for the snapshot overlays: anti-aliased text from a TrueType font
// (stb_truetype, rasterised at the exact pixel size, so text is crisp at any image size),
// rectangles, lines, discs and triangles. Deterministic: no GPU involved.
#pragma once
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "render/png_io.hpp"
#include "render/style.hpp"

namespace patrolscope::snapshot {

using render::Image;
using render::Rgba;

class Font {
 public:
  // A TTF file; throws std::runtime_error naming it when it cannot be read.
  explicit Font(const std::string& path);
  ~Font();
  Font(Font&&) noexcept;
  Font& operator=(Font&&) noexcept;

  // The regular and bold faces of DejaVu Sans (geo::home_dir()/fonts, then the system's).
  static Font regular();
  static Font bold();

  double width(std::string_view utf8, double size_px) const;
  double ascent(double size_px) const;   // above the baseline, pixels
  double descent(double size_px) const;  // below the baseline, pixels (positive)

 private:
  friend class Canvas;
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

class Canvas {
 public:
  explicit Canvas(Image& image) : image_(image) {}
  int width() const { return image_.width; }
  int height() const { return image_.height; }

  void fill_rect(double x, double y, double w, double h, Rgba color);  // pixel edges, AA
  void line(double x0, double y0, double x1, double y1, double width, Rgba color);  // round caps
  void disc(double cx, double cy, double radius, Rgba color);
  void triangle(double ax, double ay, double bx, double by, double cx, double cy, Rgba color);
  // Text with its baseline at y; returns the advance. A halo (outline) when halo.a > 0.
  double text(const Font& font, double size_px, double x, double y, std::string_view utf8, Rgba color,
              Rgba halo = {0, 0, 0, 0});

 private:
  void blend(int x, int y, Rgba color, double coverage);
  Image& image_;
};

// "…" appended so the text fits max_width.
std::string fit_text(const Font& font, double size_px, std::string text, double max_width);

// The text broken at spaces into lines that fit max_width (a word wider than that is cut
// with "…"). With max_lines > 0, at most that many lines, the last ending in "…" when more
// text did not fit.
std::vector<std::string> wrap_text(const Font& font, double size_px, const std::string& text, double max_width,
                                   std::size_t max_lines = 0);

}  // namespace patrolscope::snapshot
