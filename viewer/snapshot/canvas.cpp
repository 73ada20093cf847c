#include "canvas.hpp"
#include "limits.hpp"

#include "assets.hpp"

#define STB_TRUETYPE_IMPLEMENTATION
#define STBTT_STATIC  // private copy: ImGui's library has its own
#include <stb/stb_truetype.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <stdexcept>
#include <vector>

namespace patrolscope::snapshot {
namespace fs = std::filesystem;

struct Font::Impl {
  std::vector<unsigned char> data;
  stbtt_fontinfo info;
  int ascent = 0, descent = 0, line_gap = 0;
  float scale(double size_px) const { return stbtt_ScaleForPixelHeight(&info, static_cast<float>(size_px)); }
};

namespace {

// Decodes UTF-8 (invalid bytes read as U+FFFD).
std::vector<int> codepoints(std::string_view text) {
  std::vector<int> out;
  for (std::size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    int length = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
    if (length == 0 || i + length > text.size()) {
      out.push_back(0xfffd);
      ++i;
      continue;
    }
    int cp = length == 1 ? c : c & (0x7f >> length);
    for (int k = 1; k < length; ++k) cp = cp << 6 | (static_cast<unsigned char>(text[i + k]) & 0x3f);
    out.push_back(cp);
    i += length;
  }
  return out;
}

std::string find_font(const char* file) {
  std::vector<fs::path> candidates;
  candidates.push_back(fs::path(geo::home_dir()) / "fonts" / file);  // installed beside the program
  candidates.push_back(fs::path("/usr/share/fonts/truetype/dejavu") / file);
  candidates.push_back(fs::path("/usr/share/fonts/dejavu") / file);
  for (const fs::path& path : candidates) {
    std::error_code error;
    if (fs::exists(path, error)) return path.string();
  }
  throw std::runtime_error(std::string(file) + ": font not found (install fonts-dejavu-core)");
}

}  // namespace

Font::Font(const std::string& path) : impl_(std::make_unique<Impl>()) {
  std::ifstream in(path, std::ios::binary);
  impl_->data.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  if (impl_->data.empty() ||
      !stbtt_InitFont(&impl_->info, impl_->data.data(), stbtt_GetFontOffsetForIndex(impl_->data.data(), 0)))
    throw std::runtime_error(path + ": cannot read font");
  stbtt_GetFontVMetrics(&impl_->info, &impl_->ascent, &impl_->descent, &impl_->line_gap);
}
Font::~Font() = default;
Font::Font(Font&&) noexcept = default;
Font& Font::operator=(Font&&) noexcept = default;

Font Font::regular() { return Font(find_font("DejaVuSans.ttf")); }
Font Font::bold() { return Font(find_font("DejaVuSans-Bold.ttf")); }

double Font::width(std::string_view utf8, double size_px) const {
  const float scale = impl_->scale(size_px);
  double x = 0;
  const std::vector<int> cps = codepoints(utf8);
  for (std::size_t i = 0; i < cps.size(); ++i) {
    int advance = 0, bearing = 0;
    stbtt_GetCodepointHMetrics(&impl_->info, cps[i], &advance, &bearing);
    x += advance * scale;
    if (i + 1 < cps.size()) x += scale * stbtt_GetCodepointKernAdvance(&impl_->info, cps[i], cps[i + 1]);
  }
  return x;
}

double Font::ascent(double size_px) const { return impl_->ascent * impl_->scale(size_px); }
double Font::descent(double size_px) const { return -impl_->descent * impl_->scale(size_px); }

void Canvas::blend(int x, int y, Rgba color, double coverage) {
  if (x < 0 || y < 0 || x >= image_.width || y >= image_.height || coverage <= 0) return;
  std::uint8_t* p = image_.pixel(x, y);
  const double a = std::min(1.0, coverage) * color.a;
  const double da = p[3] / 255.0;
  const double out_a = a + da * (1 - a);
  if (out_a <= 0) return;
  const double src[3] = {color.r, color.g, color.b};
  for (int k = 0; k < 3; ++k) {
    const double value = (src[k] * a + p[k] / 255.0 * da * (1 - a)) / out_a;
    p[k] = static_cast<std::uint8_t>(std::lround(std::clamp(value, 0.0, 1.0) * 255));
  }
  p[3] = static_cast<std::uint8_t>(std::lround(out_a * 255));
}

void Canvas::fill_rect(double x, double y, double w, double h, Rgba color) {
  const int x0 = static_cast<int>(std::floor(x)), x1 = static_cast<int>(std::ceil(x + w));
  const int y0 = static_cast<int>(std::floor(y)), y1 = static_cast<int>(std::ceil(y + h));
  for (int py = std::max(y0, 0); py < std::min(y1, image_.height); ++py) {
    const double cy = std::min(py + 1.0, y + h) - std::max<double>(py, y);
    for (int px = std::max(x0, 0); px < std::min(x1, image_.width); ++px) {
      const double cx = std::min(px + 1.0, x + w) - std::max<double>(px, x);
      blend(px, py, color, cx * cy);
    }
  }
}

void Canvas::line(double x0, double y0, double x1, double y1, double width, Rgba color) {
  const double r = width / 2;
  const double dx = x1 - x0, dy = y1 - y0, len2 = dx * dx + dy * dy;
  const int bx0 = static_cast<int>(std::floor(std::min(x0, x1) - r - 1));
  const int bx1 = static_cast<int>(std::ceil(std::max(x0, x1) + r + 1));
  const int by0 = static_cast<int>(std::floor(std::min(y0, y1) - r - 1));
  const int by1 = static_cast<int>(std::ceil(std::max(y0, y1) + r + 1));
  for (int py = std::max(by0, 0); py <= std::min(by1, image_.height - 1); ++py)
    for (int px = std::max(bx0, 0); px <= std::min(bx1, image_.width - 1); ++px) {
      const double cx = px + 0.5 - x0, cy = py + 0.5 - y0;
      const double t = len2 > 0 ? std::clamp((cx * dx + cy * dy) / len2, 0.0, 1.0) : 0;
      const double d = std::hypot(cx - t * dx, cy - t * dy);
      blend(px, py, color, std::clamp(r + 0.5 - d, 0.0, 1.0));
    }
}

void Canvas::disc(double cx, double cy, double radius, Rgba color) { line(cx, cy, cx, cy, 2 * radius, color); }

void Canvas::triangle(double ax, double ay, double bx, double by, double cx, double cy, Rgba color) {
  // 4×4 supersampling of the edge functions.
  const int x0 = static_cast<int>(std::floor(std::min({ax, bx, cx}))), x1 = static_cast<int>(std::ceil(std::max({ax, bx, cx})));
  const int y0 = static_cast<int>(std::floor(std::min({ay, by, cy}))), y1 = static_cast<int>(std::ceil(std::max({ay, by, cy})));
  const double area = (bx - ax) * (cy - ay) - (by - ay) * (cx - ax);
  if (area == 0) return;
  auto edge = [](double px, double py, double qx, double qy, double x, double y) {
    return (qx - px) * (y - py) - (qy - py) * (x - px);
  };
  for (int py = std::max(y0, 0); py <= std::min(y1, image_.height - 1); ++py)
    for (int px = std::max(x0, 0); px <= std::min(x1, image_.width - 1); ++px) {
      int inside = 0;
      for (int sy = 0; sy < 4; ++sy)
        for (int sx = 0; sx < 4; ++sx) {
          const double x = px + (sx + 0.5) / 4, y = py + (sy + 0.5) / 4;
          const double e0 = edge(ax, ay, bx, by, x, y), e1 = edge(bx, by, cx, cy, x, y), e2 = edge(cx, cy, ax, ay, x, y);
          if (area > 0 ? (e0 >= 0 && e1 >= 0 && e2 >= 0) : (e0 <= 0 && e1 <= 0 && e2 <= 0)) ++inside;
        }
      blend(px, py, color, inside / 16.0);
    }
}

double Canvas::text(const Font& font, double size_px, double x, double y, std::string_view utf8, Rgba color,
                    Rgba halo) {
  // Rasterise the string once into a coverage mask, dilate it for the halo, then blend both.
  const stbtt_fontinfo& info = font.impl_->info;
  const float scale = font.impl_->scale(size_px);
  const int r = halo.a > 0 ? static_cast<int>(std::ceil(std::max(1.0, size_px / 9))) : 0;
  const double width = font.width(utf8, size_px);
  const int mx0 = static_cast<int>(std::floor(x)) - r - 2;
  const int my0 = static_cast<int>(std::floor(y - font.ascent(size_px) * 1.2)) - r - 2;
  const int mw = static_cast<int>(std::ceil(width)) + 2 * r + 6;
  const int mh = static_cast<int>(std::ceil((font.ascent(size_px) * 1.2 + font.descent(size_px) * 1.3))) + 2 * r + 6;
  std::vector<float> mask(static_cast<std::size_t>(mw) * mh, 0.f);
  const std::vector<int> cps = codepoints(utf8);
  double pen = x;
  for (std::size_t i = 0; i < cps.size(); ++i) {
    const double origin_x = std::floor(pen), origin_y = std::floor(y);
    const float shift_x = static_cast<float>(pen - origin_x), shift_y = static_cast<float>(y - origin_y);
    int w = 0, h = 0, xoff = 0, yoff = 0;
    unsigned char* bitmap =
        stbtt_GetCodepointBitmapSubpixel(&info, scale, scale, shift_x, shift_y, cps[i], &w, &h, &xoff, &yoff);
    for (int gy = 0; gy < h; ++gy)
      for (int gx = 0; gx < w; ++gx) {
        const int mx = static_cast<int>(origin_x) + xoff + gx - mx0, my = static_cast<int>(origin_y) + yoff + gy - my0;
        if (mx < 0 || my < 0 || mx >= mw || my >= mh) continue;
        float& m = mask[static_cast<std::size_t>(my) * mw + mx];
        m = std::min(1.f, m + bitmap[gy * w + gx] / 255.f);
      }
    stbtt_FreeBitmap(bitmap, nullptr);
    int advance = 0, bearing = 0;
    stbtt_GetCodepointHMetrics(&info, cps[i], &advance, &bearing);
    pen += advance * scale;
    if (i + 1 < cps.size()) pen += scale * stbtt_GetCodepointKernAdvance(&info, cps[i], cps[i + 1]);
  }
  if (r > 0) {
    std::vector<float> dilated(mask.size(), 0.f);
    for (int my = 0; my < mh; ++my)
      for (int mx = 0; mx < mw; ++mx) {
        float v = 0;
        for (int dy = -r; dy <= r; ++dy)
          for (int dx = -r; dx <= r; ++dx) {
            const int sx = mx + dx, sy = my + dy;
            if (sx < 0 || sy < 0 || sx >= mw || sy >= mh || dx * dx + dy * dy > r * r + r) continue;
            v = std::max(v, mask[static_cast<std::size_t>(sy) * mw + sx]);
          }
        dilated[static_cast<std::size_t>(my) * mw + mx] = v;
      }
    for (int my = 0; my < mh; ++my)
      for (int mx = 0; mx < mw; ++mx) blend(mx0 + mx, my0 + my, halo, dilated[static_cast<std::size_t>(my) * mw + mx]);
  }
  for (int my = 0; my < mh; ++my)
    for (int mx = 0; mx < mw; ++mx) blend(mx0 + mx, my0 + my, color, mask[static_cast<std::size_t>(my) * mw + mx]);
  return pen - x;
}

std::string fit_text(const Font& font, double size_px, std::string text, double max_width) {
  text = geo::shorten_text(text, geo::kMaxDrawnTextChars);  // bounds the loop below
  if (font.width(text, size_px) <= max_width) return text;
  while (!text.empty()) {
    text.pop_back();
    while (!text.empty() && (static_cast<unsigned char>(text.back()) & 0xc0) == 0x80) text.pop_back();
    if (!text.empty()) text.pop_back();  // the lead byte of a multi-byte character, or one more ASCII
    if (font.width(text + "\u2026", size_px) <= max_width) return text + "\u2026";
  }
  return "";
}

std::vector<std::string> wrap_text(const Font& font, double size_px, const std::string& text, double max_width,
                                   std::size_t max_lines) {
  std::vector<std::string> lines;
  std::string line;
  std::size_t at = 0;
  while (at < text.size()) {
    const std::size_t space = text.find(' ', at);
    const std::string word = text.substr(at, space == std::string::npos ? std::string::npos : space - at);
    at = space == std::string::npos ? text.size() : space + 1;
    if (word.empty()) continue;
    const std::string longer = line.empty() ? word : line + " " + word;
    if (line.empty() || font.width(longer, size_px) <= max_width) {
      line = longer;
      continue;
    }
    lines.push_back(fit_text(font, size_px, line, max_width));
    line = word;
  }
  if (!line.empty()) lines.push_back(fit_text(font, size_px, line, max_width));
  if (max_lines > 0 && lines.size() > max_lines) {
    lines.resize(max_lines);
    lines.back() = fit_text(font, size_px, lines.back() + " \u2026", max_width);
  }
  return lines;
}

}  // namespace patrolscope::snapshot
