#include "overlays.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <limits>
#include <map>
#include <span>

#include "canvas.hpp"
#include "geodesic.hpp"
#include "render/style.hpp"

namespace patrolscope::snapshot {
namespace {

using render::ColorBy;
using render::FrameState;

struct Rect {
  double x = 0, y = 0, w = 0, h = 0;
  bool overlaps(const Rect& o) const { return x < o.x + o.w && o.x < x + w && y < o.y + o.h && o.y < y + h; }
};

constexpr Rgba kInk{0.12f, 0.14f, 0.17f, 1};
constexpr Rgba kMutedInk{0.32f, 0.36f, 0.40f, 1};
constexpr Rgba kPanel{1, 1, 1, 0.88f};
constexpr Rgba kPanelEdge{0.55f, 0.6f, 0.65f, 0.6f};
constexpr Rgba kHalo{1, 1, 1, 0.85f};

constexpr unsigned kMarks[] = {render::kLineMark, render::kDashedMark, render::kAreaMark, render::kPointMark};

// A legend swatch in the style of a map mark, in the cell [x, x + w] around the line `mid`.
void draw_swatch(Canvas& canvas, unsigned mark, double x, double mid, double w, double s, Rgba color) {
  const double thick = std::max(2.0, 5 * s), x0 = x + 3 * s, x1 = x + w - 3 * s;
  switch (mark) {
    case render::kLineMark: canvas.line(x0, mid, x1, mid, thick, color); break;
    case render::kDashedMark: {
      const double dash = (x1 - x0) / 3.2;
      for (double d = x0; d < x1 - 1; d += dash * 1.1 + thick) canvas.line(d, mid, std::min(d + dash * 0.6, x1), mid, thick, color);
      break;
    }
    case render::kAreaMark: {
      const double h = std::round(16 * s), top = mid - h / 2, t = std::max(1.0, 1.5 * s);
      Rgba fill = color, edge = color;
      fill.a = render::style::area_alpha();
      edge.a = render::style::area_outline_alpha();
      canvas.fill_rect(x0, top, x1 - x0, h, fill);
      canvas.fill_rect(x0, top, x1 - x0, t, edge);
      canvas.fill_rect(x0, top + h - t, x1 - x0, t, edge);
      canvas.fill_rect(x0, top + t, t, h - 2 * t, edge);
      canvas.fill_rect(x1 - t, top + t, t, h - 2 * t, edge);
      break;
    }
    case render::kPointMark:
      canvas.disc((x0 + x1) / 2, mid, 6 * s, render::style::outline());
      canvas.disc((x0 + x1) / 2, mid, 4.5 * s, color);
      break;
  }
}

const char* mark_label(unsigned mark) {
  switch (mark) {
    case render::kLineMark: return "Track";
    case render::kDashedMark: return "Schematic route: through named waypoints, not a real track";
    case render::kAreaMark: return "Exercise area, while active";
    case render::kPointMark: break;
  }
  return "Place, while active";
}

// A zone layer's swatch as the map draws it: a polygon zone's light fill and outline, a line
// zone's line.
void draw_zone_swatch(Canvas& canvas, double x, double mid, double w, double s, Rgba color, bool area) {
  const double h = std::round(14 * s), top = mid - h / 2, t = std::max(1.0, 1.4 * s), x0 = x + 3 * s, x1 = x + w - 3 * s;
  if (!area) {
    const double line = std::max(1.0, render::style::zone_line_width_px() * s);
    canvas.fill_rect(x0, mid - line / 2, x1 - x0, line, color);
    return;
  }
  Rgba fill = color;
  fill.a = render::style::zone_fill_alpha() * 2;  // a little stronger than on the map, to read at swatch size
  canvas.fill_rect(x0, top, x1 - x0, h, fill);
  canvas.fill_rect(x0, top, x1 - x0, t, color);
  canvas.fill_rect(x0, top + h - t, x1 - x0, t, color);
  canvas.fill_rect(x0, top + t, t, h - 2 * t, color);
  canvas.fill_rect(x1 - t, top + t, t, h - 2 * t, color);
}

const char* facet_heading(ColorBy by) {
  switch (by) {
    case ColorBy::Domain: return "Domain";
    case ColorBy::Kind: return "Activity";
    case ColorBy::ForceType: return "Force type";
    case ColorBy::Participant: break;
  }
  return "Participants";
}

// "https://www.mod.go.jp/j/press/…" → "mod.go.jp"; "TASS, Joint patrol, 2024-07-25" → "TASS".
std::string source_name(const std::string& source) {
  std::string text = source;
  if (const auto scheme = text.find("://"); scheme != std::string::npos) text = text.substr(scheme + 3);
  const std::string host = text.substr(0, text.find('/'));
  if (host.find('.') != std::string::npos && host.find(' ') == std::string::npos) {
    std::string name = host;
    if (name.rfind("www", 0) == 0 && name.find('.') <= 4) name = name.substr(name.find('.') + 1);
    return name;
  }
  text = text.substr(0, text.find(','));
  while (!text.empty() && text.back() == ' ') text.pop_back();
  return text.size() > 40 ? text.substr(0, 40) : text;
}

std::string nice_distance_label(double metres) {
  char text[64];
  const double nmi = metres / (geo::kKmPerNauticalMile * 1000);
  if (metres >= 1000)
    std::snprintf(text, sizeof text, "%g km  (%.0f nmi)", metres / 1000, nmi);
  else
    std::snprintf(text, sizeof text, "%g m", metres);
  return text;
}

Rgba banner_color(const std::string& banner) {
  std::string upper = banner;
  for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  if (upper.find("TOP SECRET") != std::string::npos) return {1.0f, 0.55f, 0.0f, 1};
  if (upper.find("UNCLASSIFIED") != std::string::npos) return {0.0f, 0.48f, 0.2f, 1};
  if (upper.find("SECRET") != std::string::npos) return {0.78f, 0.06f, 0.18f, 1};
  if (upper.find("CONFIDENTIAL") != std::string::npos) return {0.0f, 0.2f, 0.63f, 1};
  return {0.2f, 0.22f, 0.25f, 1};
}

}  // namespace

std::vector<std::size_t> shown_zone_layers(const MapContext& context, const FrameState& state) {
  return render::shown_zone_layers(context.scene, state);
}

std::vector<std::size_t> visible_events(const MapContext& context, const FrameState& state) {
  return render::drawn_events(context.scene, context.events, context.filter, state, context.styles).in_view;
}

std::string time_caption(const MapContext& context, const FrameState& state,
                         const std::vector<std::size_t>& visible) {
  if (state.timed) {
    if (state.window < 0 || state.window_mode == FrameState::Cumulative)
      return "Up to " + geo::format_minutes(state.now) + " UTC";
    return geo::format_minutes(state.now - state.window) + " \u2013 " + geo::format_minutes(state.now) + " UTC  (" +
           geo::format_duration(state.window) + ")";
  }
  geo::Seconds first = geo::kNoTime, last = geo::kNoTime;
  for (std::size_t i : visible) {
    const geo::Event& event = context.events[i];
    if (!event.timed()) continue;
    if (first == geo::kNoTime || event.start < first) first = event.start;
    if (last == geo::kNoTime || event.end > last) last = event.end;
  }
  // "All dates" only when nothing is filtered out; else the span of what is shown.
  const bool everything = context.filter.empty();
  if (first == geo::kNoTime) return everything ? "All dates" : "No dated event shown";
  return (everything ? "All dates: " : "Dates shown: ") + geo::format_date(first) + " \u2013 " + geo::format_date(last);
}

std::string content_caption(const MapContext& context, const std::vector<std::size_t>& visible,
                            const std::string& scope, std::size_t outside) {
  std::string text = std::to_string(visible.size()) + (visible.size() == 1 ? " event" : " events");
  if (!scope.empty()) text += " " + scope;
  if (outside > 0) text += " \u00b7 " + std::to_string(outside) + " more outside the frame";
  return text + " \u00b7 " + (context.filter.empty() ? std::string("no filter") : "filter: " + context.filter.describe());
}

std::string empty_legend_text(const MapContext& context) {
  if (context.filter.empty()) return "No events in view";
  const bool any = std::any_of(context.events.begin(), context.events.end(),
                               [&](const geo::Event& e) { return context.filter.matches(e); });
  return any ? "No matching events in view" : "Nothing matches the filter";
}

namespace {

// The overlays laid out and drawn on `image`; with no image, laid out only: `measured` gets
// the boxes the furniture covers (the scale bar at its widest, a polar view's north arrow
// wherever it would turn), for framing the map clear of them. One layout for both.
FurnitureRoom lay_out_overlays(render::Image* image, double w, double h, const MapContext& context, const FrameState& state,
                      const OverlayText& text, const OverlayLayout& layout, const render::DrawnEvents* given,
                      std::vector<geo::PixelBox>* measured) {
  const Font regular = Font::regular(), bold = Font::bold();
  const double s = std::clamp(std::min(w / 1920, h / 1080), 0.45, 16.0);
  auto px = [&](double size) { return std::max(9.0, size * s); };
  const double margin = std::round(18 * s);
  const render::DrawnEvents drawn_here = given ? render::DrawnEvents{} : render::drawn_events(context.scene, context.events, context.filter, state, context.styles);
  const render::DrawnEvents& drawn = given ? *given : drawn_here;
  const std::vector<std::size_t>& visible = drawn.in_view;
  std::vector<Rect> occupied;

  // Footer: attribution and sources, wrapped into as many lines as they need (up to four).
  const double footer_size = px(14);
  const std::string footer_right = "patrolscope";
  const double footer_right_w = regular.width(footer_right, footer_size);
  std::vector<std::string> footer_lines;
  {
    std::map<std::string, int> counts;
    for (std::size_t i : visible)
      for (const std::string& source : context.events[i].sources) ++counts[source_name(source)];
    std::vector<std::pair<int, std::string>> ranked;
    for (const auto& [name, count] : counts)
      if (!name.empty()) ranked.push_back({-count, name});
    std::sort(ranked.begin(), ranked.end());
    std::string sources;
    for (const auto& [count, name] : ranked) sources += (sources.empty() ? "" : ", ") + name;
    std::string left = context.coastline_attribution;
    if (!sources.empty()) left += (left.empty() ? "" : ".  ") + std::string("Sources: ") + sources;
    footer_lines = wrap_text(regular, footer_size, left, w - 3 * margin - footer_right_w, 4);
  }
  const double footer_line_h = std::round(footer_size * 1.35);
  const double footer_h = std::round(footer_size * 0.55) * 2 + footer_line_h * std::max<std::size_t>(footer_lines.size(), 1);

  // Banner strips and footer bound the map area the other furniture sits in.
  const double banner_size = px(22);
  const double banner_h = text.banner.empty() ? 0 : std::round(banner_size * 1.6);
  const double top = banner_h, footer_top = h - banner_h - footer_h;
  const double bottom = footer_top - std::max(0.0, text.reserve_bottom_px);
  occupied.push_back({0, 0, w, top});
  occupied.push_back({0, bottom, w, h - bottom});

  // Title block.
  const std::string caption = text.caption.empty() ? time_caption(context, state, visible) : text.caption;
  struct Line {
    const Font* font;
    double size;
    std::string text;
    Rgba color;
  };
  std::vector<Line> title_lines;
  if (!text.title.empty()) title_lines.push_back({&bold, px(38), text.title, kInk});
  if (!text.subtitle.empty()) title_lines.push_back({&regular, px(23), text.subtitle, kMutedInk});
  title_lines.push_back({&regular, px(20), caption, kInk});
  title_lines.push_back({&regular, px(17), content_caption(context, visible, text.count_scope, drawn.outside.size()), kMutedInk});
  const double pad = std::round(12 * s);
  const double max_panel_w = w * 0.6;
  double title_w = 0, title_h = pad;
  for (Line& line : title_lines) {
    line.text = fit_text(*line.font, line.size, line.text, max_panel_w - 2 * pad);
    title_w = std::max(title_w, line.font->width(line.text, line.size));
    title_h += line.size * 1.25;
  }
  title_h += pad * 0.6;
  const Rect title_rect{margin, top + margin, title_w + 2 * pad, title_h};
  occupied.push_back(title_rect);

  // Legend of what is drawn: a row per colour with a swatch per mark style it is drawn in
  // (render::legend_entries, geo's colour rule), then a key of those styles.
  const auto entries = render::legend_entries(context.scene.facets, state.color_by, drawn.shown, context.styles);
  unsigned all_marks = 0;
  for (const auto& entry : entries) all_marks |= entry.marks;
  std::vector<unsigned> columns;  // the mark styles drawn, one swatch column each
  for (unsigned mark : kMarks)
    if (all_marks & mark) columns.push_back(mark);
  const double legend_size = px(18), row = std::round(legend_size * 1.45), swatch = std::round(30 * s);
  const double swatches_w = swatch * static_cast<double>(std::max<std::size_t>(columns.size(), 1));
  const double note_size = px(14), note_row = std::round(note_size * 1.5);
  double legend_w = bold.width(facet_heading(state.color_by), px(19));
  for (const auto& entry : entries) legend_w = std::max(legend_w, swatches_w + 10 * s + regular.width(entry.label, legend_size));
  const std::string empty_legend = empty_legend_text(context);
  if (entries.empty()) legend_w = std::max(legend_w, regular.width(empty_legend, legend_size));
  // The key of the styles drawn and the zone rows: notes beside a swatch, wrapped into lines
  // inside the box (as wide as the colour rows, at least 300 px at 1080p), never cut.
  const double note_x = swatch + 8 * s;
  const double note_text_w = std::min(std::max(legend_w - note_x, 300 * s), max_panel_w - 2 * pad - note_x);
  const double note_line_h = std::round(note_size * 1.25);
  struct Note {
    std::vector<std::string> lines;
    double height = 0;
  };
  const auto note = [&](const std::string& label) {
    Note n;
    n.lines = wrap_text(regular, note_size, label, note_text_w, 3);
    if (n.lines.empty()) n.lines.push_back("");
    for (const std::string& line : n.lines) legend_w = std::max(legend_w, note_x + regular.width(line, note_size));
    n.height = note_row + note_line_h * static_cast<double>(n.lines.size() - 1);
    return n;
  };
  std::vector<Note> key_notes;
  double key_h = columns.empty() ? 0 : pad * 0.5;
  for (unsigned mark : columns) key_notes.push_back(note(mark_label(mark))), key_h += key_notes.back().height;
  // A row per zone layer drawn in the view, after the key.
  // Measured for framing (no image, the view not yet known): every zone layer shown.
  std::vector<std::size_t> zones_shown;
  if (image) zones_shown = shown_zone_layers(context, state);
  else if (state.zones)
    for (std::size_t z = 0; z < context.scene.zones.layers.size(); ++z)
      if (z >= 32 || !((state.hidden_zones >> z) & 1u)) zones_shown.push_back(z);
  std::vector<Note> zone_notes;
  double zones_h = zones_shown.empty() ? 0 : pad * 0.5;
  for (std::size_t z : zones_shown) zone_notes.push_back(note(context.scene.zones.layers[z].label)), zones_h += zone_notes.back().height;
  legend_w = std::ceil(legend_w);  // the box holds every line it measured
  const double legend_h = pad + px(19) * 1.4 + row * static_cast<double>(std::max<std::size_t>(entries.size(), 1)) +
                          key_h + zones_h + pad * 0.5;
  Rect legend_rect{};  // placed below, once the scale bar and north arrow have their places

  // Scale bar: a round distance true at the map centre.
  Rect scale_rect{};
  double bar_px = 0, bar_metres = 0;
  {
    std::vector<double> x{state.camera.center_x}, y{state.camera.center_y};
    context.projection.inverse(x, y);
    // At a pole PROJ has no scale factor: measure a hair away from it.
    const double lat = std::clamp(y[0], -89.99, 89.99);
    const double units_per_metre = std::isfinite(x[0]) ? context.projection.map_units_per_metre({x[0], lat}) : 0;
    if (units_per_metre > 0 && std::isfinite(units_per_metre)) {
      const double px_per_metre = units_per_metre / state.camera.units_per_pixel;
      const double target = 220 * s / px_per_metre;
      const double magnitude = std::pow(10, std::floor(std::log10(target)));
      for (double step : {1.0, 2.0, 5.0, 10.0})
        if (step * magnitude <= target) bar_metres = step * magnitude;
      bar_px = bar_metres * px_per_metre;
      const double label_w = regular.width(nice_distance_label(bar_metres), px(15));
      const double panel_w = std::max(bar_px, label_w) + 2 * pad;
      const double panel_h = pad + px(15) * 1.3 + 8 * s + pad * 0.8;
      scale_rect = {w - margin - panel_w, bottom - margin - panel_h, panel_w, panel_h};
      occupied.push_back(scale_rect);
    }
  }

  // North arrow where north is not up (at the arrow's own place on the map).
  Rect north_rect{};
  double north_angle = 0;
  {
    const double size = std::round(46 * s);
    north_rect = {w - margin - size, top + margin, size, size};
    std::vector<double> x{state.camera.map_x(north_rect.x + size / 2)}, y{state.camera.map_y(north_rect.y + size / 2)};
    context.projection.inverse(x, y);
    if (std::isfinite(x[0]) && std::isfinite(y[0]) && y[0] < 89.5) {
      std::vector<double> nx{x[0], x[0]}, ny{y[0], y[0] + 0.5};
      context.projection.forward(nx, ny);
      const double dx = nx[1] - nx[0], dy = ny[1] - ny[0];  // map units, y up
      if (std::isfinite(dx) && std::isfinite(dy) && (dx != 0 || dy != 0)) north_angle = std::atan2(dx, dy);
    }
    // Polar (azimuthal) views always get one; others when north is turned at the arrow.
    const bool polar = !context.projection.seam().has_seam;
    if (polar && std::abs(north_angle) > 1.0 * 3.14159265358979 / 180) occupied.push_back(north_rect);
    else north_rect = {};
  }

  // The legend: the corner asked for, or the one where the least data is drawn.
  if (layout.legend != LegendPlace::Off) {
    const double lw = legend_w + 2 * pad;
    const double gap = std::round(margin * 0.5);
    const std::pair<LegendPlace, Rect> corners[] = {
        {LegendPlace::BottomLeft, {margin, bottom - margin - legend_h, lw, legend_h}},
        {LegendPlace::BottomRight,
         {w - margin - lw, (scale_rect.w > 0 ? scale_rect.y - gap : bottom - margin) - legend_h, lw, legend_h}},
        {LegendPlace::TopLeft, {margin, title_rect.y + title_rect.h + gap, lw, legend_h}},
        {LegendPlace::TopRight, {w - margin - lw, north_rect.w > 0 ? north_rect.y + north_rect.h + gap : top + margin, lw, legend_h}},
    };
    // Drawn pixels of the data-only image under a rectangle of this image.
    const auto drawn_under = [&](const Rect& r) {
      const render::Image& d = *layout.drawn;
      const double sx = d.width / w, sy = d.height / h;
      const int x0 = std::max(0, static_cast<int>(r.x * sx)), x1 = std::min(d.width, static_cast<int>(std::ceil((r.x + r.w) * sx)));
      const int y0 = std::max(0, static_cast<int>(r.y * sy)), y1 = std::min(d.height, static_cast<int>(std::ceil((r.y + r.h) * sy)));
      long count = 0;
      for (int y = y0; y < y1; ++y)
        for (int x = x0; x < x1; ++x) count += d.pixel(x, y)[3] > 0;
      return count;
    };
    legend_rect = corners[0].second;
    long best = std::numeric_limits<long>::max();
    for (const auto& [place, rect] : corners) {
      if (layout.legend == place) {
        legend_rect = rect;
        break;
      }
      if (layout.legend != LegendPlace::Auto || !layout.drawn) continue;
      const bool fits = rect.y >= top && rect.y + rect.h <= bottom && rect.x >= 0 && rect.x + rect.w <= w &&
                        !rect.overlaps(title_rect) && !(scale_rect.w > 0 && rect.overlaps(scale_rect));
      if (!fits) continue;
      const long under = drawn_under(rect);
      if (under < best) best = under, legend_rect = rect;  // ties keep the earlier corner
    }
    occupied.push_back(legend_rect);
  }

  // Where the furniture leaves the map free (animate places its clock and strip there).
  const auto room = [&]() -> FurnitureRoom {
    return {top, bottom, north_rect.w > 0 ? north_rect.y + north_rect.h + margin : top + margin, margin, s,
            {title_rect.x, title_rect.y, title_rect.w, title_rect.h}, {legend_rect.x, legend_rect.y, legend_rect.w, legend_rect.h}};
  };
  // Text in a panel, recorded for tests when asked.
  const auto panel_text = [&](Canvas& canvas, const char* panel, const Rect& box, const Font& font, double size, double x,
                              double baseline, const std::string& line, Rgba color) {
    canvas.text(font, size, x, baseline, line, color);
    if (layout.texts) layout.texts->push_back({panel, line, x, x + font.width(line, size), box.x, box.x + box.w});
  };
  if (!image) {
    for (const Rect& r : occupied) measured->push_back({r.x, r.y, r.w, r.h});
    // The scale bar's length depends on the scale the framing picks: its widest panel.
    const double scale_w = std::max(220 * s, regular.width(nice_distance_label(5000e3), px(15))) + 2 * pad;
    const double scale_h = pad + px(15) * 1.3 + 8 * s + pad * 0.8;
    measured->push_back({w - margin - scale_w, bottom - margin - scale_h, scale_w, scale_h});
    const double arrow = std::round(46 * s);
    if (!context.projection.seam().has_seam) measured->push_back({w - margin - arrow, top + margin, arrow, arrow});
    return room();
  }
  Canvas canvas(*image);

  // Graticule labels, where they fit.
  if (state.graticule) {
    const geo::Extent view = state.camera.extent();
    const geo::Extent relative{view.xmin - context.scene.origin_x, view.ymin - context.scene.origin_y,
                               view.xmax - context.scene.origin_x, view.ymax - context.scene.origin_y};
    const double size = px(14), gap = 5 * s;
    std::vector<Rect> placed;
    for (const geo::Label& label : geo::graticule_labels(context.scene, relative)) {
      const double lx = state.camera.pixel_x(label.x + context.scene.origin_x);
      const double ly = state.camera.pixel_y(label.y + context.scene.origin_y);
      const double tw = regular.width(label.text, size), ascent = regular.ascent(size);
      Rect r;
      if (label.outline_end != 0) {  // beside the outline: above its top, below its bottom
        r = {lx - tw / 2, label.outline_end > 0 ? ly - gap - ascent : ly + gap, tw, ascent};
      } else if (label.meridian) {
        const bool at_bottom = ly > h / 2;
        r = {lx - tw / 2, at_bottom ? bottom - gap - ascent : top + gap, tw, ascent};
      } else {
        const bool at_left = lx < w / 2;
        r = {at_left ? gap : w - gap - tw, ly - ascent / 2, tw, ascent};
      }
      if (r.x < 0 || r.x + r.w > w) continue;
      const Rect padded{r.x - gap, r.y - gap, r.w + 2 * gap, r.h + 2 * gap};
      if (std::any_of(occupied.begin(), occupied.end(), [&](const Rect& o) { return o.overlaps(padded); }) ||
          std::any_of(placed.begin(), placed.end(), [&](const Rect& o) { return o.overlaps(padded); }))
        continue;
      placed.push_back(r);
      canvas.text(regular, size, r.x, r.y + ascent, label.text, kMutedInk, kHalo);
    }
  }

  // Zone labels: each shown zone's name (with its quality) at the highest point of its
  // boundary in view, in the zone's colour, where it clears the furniture.
  if (state.zones) {
    const geo::Extent view = state.camera.extent();
    const geo::Extent relative{view.xmin - context.scene.origin_x, view.ymin - context.scene.origin_y,
                               view.xmax - context.scene.origin_x, view.ymax - context.scene.origin_y};
    const double size = px(15), gap = 4 * s;
    std::vector<Rect> placed;
    for (std::size_t z : shown_zone_layers(context, state)) {
      const geo::ZoneLayer& layer = context.scene.zones.layers[z];
      const auto anchor = geo::zone_label_anchor(layer, relative, 30 * s * state.camera.units_per_pixel);
      if (!anchor) continue;
      const double ax = state.camera.pixel_x(anchor->first + context.scene.origin_x);
      const double ay = state.camera.pixel_y(anchor->second + context.scene.origin_y);
      const double tw = regular.width(layer.label, size), ascent = regular.ascent(size);
      Rect r{std::clamp(ax - tw / 2, gap, w - gap - tw), ay + gap, tw, ascent};  // just inside, below the boundary
      const Rect padded{r.x - gap, r.y - gap, r.w + 2 * gap, r.h + 2 * gap};
      if (std::any_of(occupied.begin(), occupied.end(), [&](const Rect& o) { return o.overlaps(padded); }) ||
          std::any_of(placed.begin(), placed.end(), [&](const Rect& o) { return o.overlaps(padded); }))
        continue;
      placed.push_back(r);
      Rgba color = render::style::zone(z);
      canvas.text(regular, size, r.x, r.y + ascent, layer.label, color, kHalo);
    }
  }

  // Panels.
  auto panel = [&](const Rect& r) {
    canvas.fill_rect(r.x, r.y, r.w, r.h, kPanel);
    const double t = std::max(1.0, s);
    canvas.fill_rect(r.x, r.y, r.w, t, kPanelEdge);
    canvas.fill_rect(r.x, r.y + r.h - t, r.w, t, kPanelEdge);
    canvas.fill_rect(r.x, r.y + t, t, r.h - 2 * t, kPanelEdge);
    canvas.fill_rect(r.x + r.w - t, r.y + t, t, r.h - 2 * t, kPanelEdge);
  };
  panel(title_rect);
  {
    double y = title_rect.y + pad * 0.6;
    for (const Line& line : title_lines) {
      y += line.size * 1.25;
      panel_text(canvas, "title", title_rect, *line.font, line.size, title_rect.x + pad, y - line.size * 0.28, line.text, line.color);
    }
  }

  if (legend_rect.w > 0) {
    panel(legend_rect);
    double y = legend_rect.y + pad + px(19);
    panel_text(canvas, "legend", legend_rect, bold, px(19), legend_rect.x + pad, y, facet_heading(state.color_by), kInk);
    y += px(19) * 0.4;
    if (entries.empty())
      panel_text(canvas, "legend", legend_rect, regular, legend_size, legend_rect.x + pad, y + row * 0.75, empty_legend, kMutedInk);
    for (const auto& entry : entries) {
      const double mid = y + row * 0.5;
      for (std::size_t c = 0; c < columns.size(); ++c)
        if (entry.marks & columns[c])
          draw_swatch(canvas, columns[c], legend_rect.x + pad + swatch * static_cast<double>(c), mid, swatch, s, entry.color);
      panel_text(canvas, "legend", legend_rect, regular, legend_size, legend_rect.x + pad + swatches_w + 10 * s,
                 mid + legend_size * 0.36, entry.label, kInk);
      y += row;
    }
    y += pad * 0.5;
    // A note: the swatch beside its first line, the lines as measured in the layout (no cut).
    const auto draw_note = [&](const Note& n, Rgba ink, const auto& draw_mark) {
      const double mid = y + note_row * 0.5;
      draw_mark(mid);
      double baseline = mid + note_size * 0.36;
      for (const std::string& line : n.lines) {
        panel_text(canvas, "legend", legend_rect, regular, note_size, legend_rect.x + pad + note_x, baseline, line, ink);
        baseline += note_line_h;
      }
      y += n.height;
    };
    for (std::size_t c = 0; c < columns.size(); ++c) {  // the key: each style drawn, in ink
      const unsigned mark = columns[c];
      draw_note(key_notes[c], mark == render::kDashedMark ? Rgba{0.62f, 0.34f, 0.0f, 1} : kMutedInk,
                [&](double mid) { draw_swatch(canvas, mark, legend_rect.x + pad, mid, swatch, s, kMutedInk); });
    }
    if (!zones_shown.empty()) y += pad * 0.5;
    for (std::size_t k = 0; k < zones_shown.size(); ++k) {  // the zone layers, each in its colour
      const std::size_t z = zones_shown[k];
      draw_note(zone_notes[k], kInk,
                [&](double mid) { draw_zone_swatch(canvas, legend_rect.x + pad, mid, swatch, s, render::style::zone(z),
                                                 render::style::zone_is_area(context.scene.zones.layers[z]));
                });
    }
  }

  if (scale_rect.w > 0) {
    panel(scale_rect);
    const double x0 = scale_rect.x + pad, y0 = scale_rect.y + pad + px(15) * 1.3;
    const double bar_h = std::max(3.0, 7 * s);
    for (int k = 0; k < 4; ++k)
      canvas.fill_rect(x0 + bar_px * k / 4, y0, bar_px / 4, bar_h, k % 2 ? Rgba{1, 1, 1, 1} : kInk);
    canvas.fill_rect(x0, y0, bar_px, std::max(1.0, s), kInk);
    canvas.fill_rect(x0, y0 + bar_h - std::max(1.0, s), bar_px, std::max(1.0, s), kInk);
    canvas.fill_rect(x0 + bar_px - std::max(1.0, s), y0, std::max(1.0, s), bar_h, kInk);
    canvas.text(regular, px(15), x0, y0 - 5 * s, nice_distance_label(bar_metres), kInk);
  }

  if (north_rect.w > 0) {
    const double cx = north_rect.x + north_rect.w / 2, cy = north_rect.y + north_rect.h / 2;
    const double r = north_rect.w / 2;
    canvas.disc(cx, cy, r, kPanel);
    const double sx = std::sin(north_angle), sy = -std::cos(north_angle);  // pixel y down
    auto at = [&](double along, double across) {
      return std::pair{cx + sx * along - sy * across, cy + sy * along + sx * across};
    };
    const auto [tx, ty] = at(0.8 * r, 0);
    const auto [lx, ly] = at(-0.1 * r, 0.3 * r);
    const auto [rx, ry] = at(-0.1 * r, -0.3 * r);
    const auto [mx, my] = at(0.08 * r, 0);
    canvas.triangle(tx, ty, lx, ly, mx, my, kInk);
    canvas.triangle(tx, ty, mx, my, rx, ry, kMutedInk);
    const auto [nx, ny] = at(-0.5 * r, 0);
    const double size = px(15);
    canvas.text(bold, size, nx - bold.width("N", size) / 2, ny + bold.ascent(size) * 0.42, "N", kInk);
  }

  // Footer: attribution and sources.
  canvas.fill_rect(0, footer_top, w, footer_h, Rgba{1, 1, 1, 0.9f});
  {
    double baseline = footer_top + std::round(footer_size * 0.55) + footer_line_h * 0.5 + footer_size * 0.36;
    canvas.text(regular, footer_size, w - margin - footer_right_w, baseline, footer_right, kMutedInk);
    for (const std::string& line : footer_lines) {
      panel_text(canvas, "footer", Rect{0, footer_top, w - 2 * margin - footer_right_w, footer_h}, regular, footer_size,
                 margin, baseline, line, kMutedInk);
      baseline += footer_line_h;
    }
  }

  // Marking banner at top and bottom.
  if (!text.banner.empty()) {
    const Rgba color = banner_color(text.banner);
    const std::string banner = fit_text(bold, banner_size, text.banner, w - 2 * margin);
    const double tw = bold.width(banner, banner_size);
    for (double y : {0.0, h - banner_h}) {
      canvas.fill_rect(0, y, w, banner_h, color);
      canvas.text(bold, banner_size, (w - tw) / 2, y + banner_h / 2 + banner_size * 0.36, banner, Rgba{1, 1, 1, 1});
    }
  }
  return room();
}

}  // namespace

std::vector<geo::PixelBox> furniture_boxes(int width, int height, const MapContext& context, const FrameState& state,
                                           const OverlayText& text, const OverlayLayout& layout,
                                           const std::vector<std::size_t>& listed) {
  // Laid out for every listed event, each as drawn and, for the count's note, as if outside:
  // the boxes the drawn furniture covers are no larger.
  unsigned layers = 0;
  if (state.tracks) layers |= render::kLineMark | render::kDashedMark;
  if (state.areas) layers |= render::kAreaMark;
  if (state.points) layers |= render::kPointMark;
  render::DrawnEvents all;
  all.in_view = all.outside = listed;
  for (std::size_t i : listed) all.shown.push_back({&context.events[i], render::marks_of(context.events[i]) & layers});
  std::vector<geo::PixelBox> boxes;
  lay_out_overlays(nullptr, width, height, context, state, text, layout, &all, &boxes);
  return boxes;
}

geo::FrameRequest briefing_frame_request(const SnapshotSpec& spec, const MapContext& context) {
  geo::FrameRequest request;
  request.width_px = spec.width;
  request.height_px = spec.height;
  request.margin_px = 0.05 * std::min(spec.width, spec.height);  // 54 px at 1080p
  if (!spec.overlays) return request;
  std::vector<std::size_t> listed;
  for (std::size_t i = 0; i < context.events.size(); ++i)
    if (spec.filter.matches(context.events[i])) listed.push_back(i);
  request.reserved = furniture_boxes(spec.width, spec.height, context, frame_state(spec, context.scene.facets),
                                     text_of(spec), {spec.legend, nullptr}, listed);
  return request;
}

LegendFrame frame_with_legend(const SnapshotSpec& spec, const MapContext& context,
                              const std::function<std::optional<geo::Extent>(const geo::FrameRequest&)>& fit) {
  const bool choose = spec.overlays && spec.legend == LegendPlace::Auto;
  const LegendPlace fixed[] = {spec.legend};
  const LegendPlace corners[] = {LegendPlace::BottomLeft, LegendPlace::BottomRight, LegendPlace::TopLeft,
                                 LegendPlace::TopRight};
  const std::span<const LegendPlace> places = choose ? std::span<const LegendPlace>(corners) : std::span<const LegendPlace>(fixed);
  std::vector<LegendFrame> tried;
  for (LegendPlace place : places) {
    SnapshotSpec with = spec;
    with.legend = place;
    const geo::FrameRequest request = briefing_frame_request(with, context);
    tried.push_back({place, request, fit(request)});
  }
  if (!choose) return tried.front();
  // Every drawn vertex (the filter's events, in the region or not): how many a corner's frame
  // hides under the furniture (a patrol outside the region the frame still shows).
  std::vector<const geo::Event*> listed;
  for (const geo::Event& e : context.events)
    if (spec.filter.matches(e)) listed.push_back(&e);
  const geo::MapPoints points = geo::project_vertices(listed, context.projection);
  const auto hidden = [&](const LegendFrame& f) {
    const render::Camera camera = render::Camera::fit(*f.view, spec.width, spec.height);
    long count = 0;
    for (std::size_t i = 0; i < points.x.size(); ++i) {
      const double px = camera.pixel_x(points.x[i]), py = camera.pixel_y(points.y[i]);
      if (px < 0 || py < 0 || px > spec.width || py > spec.height) continue;
      count += std::any_of(f.request.reserved.begin(), f.request.reserved.end(), [&](const geo::PixelBox& b) {
        return px >= b.x && px <= b.x + b.w && py >= b.y && py <= b.y + b.h;
      });
    }
    return count;
  };
  // The largest frame wins, unless it hides drawn data under the furniture where another
  // corner's frame, at least three quarters as large, hides less.
  double narrowest = 0;
  for (const LegendFrame& f : tried)
    if (f.view && (narrowest == 0 || f.view->width() < narrowest)) narrowest = f.view->width();
  if (narrowest == 0) return tried.front();
  const LegendFrame* best = nullptr;
  long best_hidden = 0;
  for (const LegendFrame& f : tried) {
    if (!f.view || f.view->width() > narrowest / 0.75) continue;
    const long h = hidden(f);
    if (!best || h < best_hidden || (h == best_hidden && f.view->width() < best->view->width() * (1 - 1e-9)))
      best = &f, best_hidden = h;
  }
  return *best;
}

render::PngText framing_metadata(const std::string& fit, const geo::FrameRequest& request) {
  std::string boxes;
  for (const geo::PixelBox& b : request.reserved) {
    char item[96];
    std::snprintf(item, sizeof item, "%s%.0f,%.0f,%.0f,%.0f", boxes.empty() ? "" : "; ", b.x, b.y, b.w, b.h);
    boxes += item;
  }
  return {{"Fit", fit}, {"Overlay boxes", boxes}};
}

FurnitureRoom draw_overlays(render::Image& image, const MapContext& context, const FrameState& state,
                            const OverlayText& text, const OverlayLayout& layout, const render::DrawnEvents* drawn) {
  return lay_out_overlays(&image, image.width, image.height, context, state, text, layout, drawn, nullptr);
}

}  // namespace patrolscope::snapshot
