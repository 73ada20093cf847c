#include "style.hpp"

#include "layer_style.hpp"
#include "limits.hpp"

#include <algorithm>
#include <cctype>
#include <limits>
#include <map>
#include <utility>

namespace patrolscope::render {
namespace {

constexpr Rgba hex(std::uint32_t rgb, float a = 1) {
  return {((rgb >> 16) & 0xff) / 255.f, ((rgb >> 8) & 0xff) / 255.f, (rgb & 0xff) / 255.f, a};
}

// A qualitative palette (Tableau 10, darkened a little for light backgrounds; its grey replaced
// by indigo, grey being the none style) for values without a fixed colour.
constexpr Rgba kCycle[] = {hex(0x1f77b4), hex(0xd62728), hex(0x2ca02c), hex(0xff7f0e),
                           hex(0x9467bd), hex(0x8c564b), hex(0xe377c2), hex(0x17becf),
                           hex(0xbcbd22), hex(0x393b79)};

Rgba cycle(std::string_view value) {
  std::uint32_t h = 2166136261u;  // FNV-1a: a stable colour per unknown value
  for (char c : value) h = (h ^ static_cast<unsigned char>(c)) * 16777619u;
  return kCycle[h % std::size(kCycle)];
}

template <std::size_t N>
Rgba lookup(const std::pair<std::string_view, Rgba> (&table)[N], std::string_view value) {
  for (const auto& [name, color] : table)
    if (name == value) return color;
  return cycle(value);
}

constexpr std::pair<std::string_view, Rgba> kDomains[] = {
    {"air", hex(0x1f6fd1)},        {"naval", hex(0x0e8a6b)},     {"land", hex(0x8c5a2b)},
    {"coast_guard", hex(0xe08a00)}, {"subsurface", hex(0x3b3b8f)}, {"cyber", hex(0xb0279c)},
    {"space", hex(0x555555)}};
constexpr std::pair<std::string_view, Rgba> kKinds[] = {
    {"air_patrol", hex(0x1f6fd1)},         {"naval_patrol", hex(0x0e8a6b)},
    {"coast_guard_patrol", hex(0xe08a00)}, {"exercise", hex(0xc2331f)},
    {"transit", hex(0x7a4fb0)},            {"other", hex(0x6b6b6b)}};
constexpr std::pair<std::string_view, Rgba> kParticipants[] = {
    {"CN", hex(0xd1271f)}, {"RU", hex(0x1f4fb8)}, {"IR", hex(0x178a3c)},
    {"US", hex(0x444444)}, {"JP", hex(0xe07b00)}, {"KR", hex(0x0f8fa0)},
    {"IN", hex(0xb8860b)}, {"ZA", hex(0x6b8e23)}, {"BY", hex(0x8b4513)}};
constexpr std::pair<std::string_view, Rgba> kParticipantSets[] = {
    {"CN+RU", hex(0x7b2fa8)}, {"CN+RU+IR", hex(0xc2185b)}, {"CN+RU+IR+ZA", hex(0x8a6d00)}};
constexpr std::pair<std::string_view, std::string_view> kCountryNames[] = {
    {"CN", "China"},  {"RU", "Russia"},       {"IR", "Iran"},       {"US", "United States"},
    {"JP", "Japan"},  {"KR", "South Korea"},  {"KP", "North Korea"}, {"IN", "India"},
    {"ZA", "South Africa"}, {"BY", "Belarus"}, {"MN", "Mongolia"},  {"PK", "Pakistan"},
    {"KZ", "Kazakhstan"}, {"TW", "Taiwan"},   {"VN", "Vietnam"},    {"PH", "Philippines"}};

std::string sentence_case(std::string_view value) {
  if (value == "aew") return "AEW";
  std::string text(value);
  std::replace(text.begin(), text.end(), '_', ' ');
  if (!text.empty()) text[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(text[0])));
  return text;
}

std::string country_name(std::string_view code) {
  for (const auto& [c, name] : kCountryNames)
    if (c == code) return std::string(name);
  return std::string(code);
}

Rgba color_of(std::string_view value, ColorBy by) {
  switch (by) {
    case ColorBy::Domain: return style::domain(value);
    case ColorBy::Kind: return style::kind(value);
    case ColorBy::ForceType: return style::force_type(value);
    case ColorBy::Participant: break;
  }
  return style::participant_set(value);
}

const char* none_label(ColorBy by) {
  switch (by) {
    case ColorBy::Domain: return "No domain given";
    case ColorBy::Kind: return "No kind given";
    case ColorBy::ForceType: return "No force type given";
    case ColorBy::Participant: break;
  }
  return "No participants given";
}

}  // namespace

std::uint32_t Rgba::packed() const {
  auto byte = [](float v) { return static_cast<std::uint32_t>(std::clamp(v, 0.f, 1.f) * 255.f + 0.5f); };
  return byte(r) | byte(g) << 8 | byte(b) << 16 | byte(a) << 24;
}

namespace style {
Rgba sea() { return hex(0xdce8f0); }
Rgba page() { return hex(0xffffff); }
Rgba land() { return hex(0xf4f1e8); }
Rgba coast() { return hex(0x8b9aa6); }
// Borders in a warm grey that reads as land's, not the sea's edge; disputed ones (Natural
// Earth's disputed, line of control, indefinite) paler and in a rust tint.
Rgba border() { return hex(0x9a8c7a); }
Rgba disputed_border() { return hex(0xc07a5a, 0.8f); }
Rgba graticule() { return hex(0x6f8598, 0.35f); }
Rgba outline() { return hex(0xffffff, 0.95f); }
Rgba joint() { return hex(0x7b2fa8); }
Rgba none() { return hex(0x9c9c9c); }
Rgba other() { return hex(0x4a4a4a); }
Rgba domain(std::string_view canonical) { return lookup(kDomains, canonical); }
Rgba kind(std::string_view canonical) { return lookup(kKinds, canonical); }
Rgba participant(std::string_view iso2) { return lookup(kParticipants, iso2); }
Rgba participant_set(std::string_view set) {
  if (set.find('+') == std::string_view::npos) return participant(set);
  return lookup(kParticipantSets, set);
}
Rgba force_type(std::string_view canonical) { return cycle(canonical); }
Rgba categorical(int slot) {
  // Okabe & Ito (2008), ordered so the first values get the strongest contrast on sea and land
  // (yellow, the weakest on pale land, last).
  constexpr Rgba kOkabeIto[] = {hex(0x0072b2), hex(0xd55e00), hex(0x009e73), hex(0xcc79a7),
                                hex(0xe69f00), hex(0x56b4e9), hex(0x000000), hex(0xf0e442)};
  static_assert(std::size(kOkabeIto) == geo::layout::kCategoricalValues);
  if (slot >= 0 && slot < geo::layout::kCategoricalValues) return kOkabeIto[slot];
  return slot == geo::layout::kCategoricalOther ? other() : none();
}
Rgba fixed(std::uint32_t rgb) { return hex(rgb & 0xffffffu); }
float area_alpha() { return 0.22f; }
float area_outline_alpha() { return 0.85f; }
float area_min_radius_px() { return 6.f; }
Rgba zone(std::size_t layer) {
  constexpr Rgba kZones[] = {hex(0x9c2f6b), hex(0x2f6f7f), hex(0x8a6a1f), hex(0x4f4a8f), hex(0x6b7f2f), hex(0x7f3f2f)};
  return kZones[layer % std::size(kZones)];
}
float zone_fill_alpha() { return 0.07f; }
float zone_line_width_px() { return 1.4f; }
bool zone_is_area(const geo::ZoneLayer& layer) { return layer.fill_count > 0; }
}  // namespace style

std::string display_name(std::string_view value, ColorBy facet) {
  if (facet == ColorBy::Participant) {
    std::string text;
    for (const std::string& code : geo::split_participant_set(std::string(value)))
      text += (text.empty() ? "" : " + ") + country_name(code);
    return text;
  }
  return sentence_case(value);
}

Rgba slot_color(const geo::FacetIndex& facets, ColorBy by, int slot) {
  if (slot == geo::layout::kNoneSlot) return style::none();
  const std::string value = geo::slot_value(facets, by, slot);
  return value.empty() ? style::other() : color_of(value, by);
}

std::string slot_label(const geo::FacetIndex& facets, ColorBy by, int slot) {
  if (slot == geo::layout::kNoneSlot) return none_label(by);
  const std::string value = geo::slot_value(facets, by, slot);
  return value.empty() ? "Other values" : display_name(value, by);
}

Palette facet_palette(const geo::FacetIndex& facets, ColorBy by) {
  Palette palette;
  for (int slot = 0; slot < geo::layout::kPaletteSlots; ++slot) palette[slot] = slot_color(facets, by, slot);
  return palette;
}

Rgba event_color(const geo::FacetIndex& facets, const geo::Event& event, ColorBy by) {
  return slot_color(facets, by, geo::color_slot(facets, event, by));
}

unsigned marks_of(const geo::Event& event) {
  unsigned marks = 0;
  if (!event.geometry.lines.empty())
    marks |= event.quality == geo::GeometryQuality::Schematic ? kDashedMark : kLineMark;
  if (!event.geometry.polygons.empty()) marks |= kAreaMark;
  if (!event.geometry.points.empty()) marks |= kPointMark;
  return marks;
}

std::vector<LegendEntry> legend_entries(const geo::FacetIndex& facets, ColorBy by,
                                        const std::vector<ShownEvent>& shown, const EventStyles* styles) {
  std::map<int, unsigned> marks_by_slot;  // ordered by slot: values, then other, then none
  std::map<std::pair<int, int>, unsigned> marks_by_layer_slot;  // layers with a colour rule of their own
  using Source = geo::ColorChoice::Source;
  const auto own_slot = [&](const ShownEvent& e, const geo::ColorChoice& choice) {
    if (choice.source == Source::Facet) return geo::color_slot(facets, *e.event, choice.facet);
    if (choice.source == Source::Fixed) return 0;
    return e.index < styles->words.size() ? static_cast<int>(styles->words[e.index] >> geo::layout::kStyleLayerBits & 255u)
                                          : geo::layout::kCategoricalNone;
  };
  for (const ShownEvent& e : shown) {
    if (!e.marks) continue;
    const LayerLook* look = styles ? styles->look_of(e.index) : nullptr;
    if (look && look->color)
      marks_by_layer_slot[{std::min(styles->layer_of(e.index), geo::layout::kStyledLayers - 1), own_slot(e, *look->color)}] |= e.marks;
    else
      marks_by_slot[geo::color_slot(facets, *e.event, by)] |= e.marks;
  }
  std::vector<LegendEntry> entries;
  const auto add = [&](std::string label, Rgba color, unsigned marks) {
    label = geo::shorten_text(label, geo::kMaxLabelChars);
    for (LegendEntry& entry : entries)
      if (entry.label == label && entry.color.packed() == color.packed()) {
        entry.marks |= marks;
        return;
      }
    entries.push_back({std::move(label), color, marks});
  };
  for (const auto& [slot, marks] : marks_by_slot) add(slot_label(facets, by, slot), slot_color(facets, by, slot), marks);
  for (const auto& [layer_slot, marks] : marks_by_layer_slot) {
    const auto [layer, slot] = layer_slot;
    const geo::ColorChoice& choice = *styles->looks[std::min<std::size_t>(layer, styles->looks.size() - 1)].color;
    const std::string name = static_cast<std::size_t>(layer) < styles->names.size() ? styles->names[layer] : "";
    if (choice.source == Source::Fixed) {
      add(name, style::fixed(choice.rgb), marks);
    } else if (choice.source == Source::Facet) {
      add(slot_label(facets, choice.facet, slot), slot_color(facets, choice.facet, slot), marks);
    } else {
      const std::string what = choice.source == Source::TrackId ? "track" : choice.attribute;
      const std::vector<std::string>& values = styles->values[layer];
      std::string label = slot == geo::layout::kCategoricalNone ? "No " + what
                          : slot == geo::layout::kCategoricalOther ? "Other " + what + " values"
                          : what + " " + values[slot];
      add(std::move(label), style::categorical(slot), marks);
    }
  }
  return entries;
}

namespace {
// As the shaders read FrameState::looks: layer i's look, later layers the last styled one's.
bool layer_hidden(const FrameState& frame, int layer) {
  if (frame.looks.empty()) return false;
  const std::size_t styled = std::min<std::size_t>(layer, geo::layout::kStyledLayers - 1);
  return !frame.looks[std::min(styled, frame.looks.size() - 1)].visible;
}
}  // namespace

DrawnEvents drawn_events(const geo::Scene& scene, const std::vector<geo::Event>& events, const geo::Filter& filter,
                         const FrameState& frame, const EventStyles* styles) {
  constexpr geo::Seconds kFar = std::numeric_limits<geo::Seconds>::max() / 4;
  const geo::Extent view = frame.camera.extent();
  geo::DrawnQuery query;
  query.view_relative = {view.xmin - scene.origin_x, view.ymin - scene.origin_y, view.xmax - scene.origin_x,
                         view.ymax - scene.origin_y};
  query.timed = frame.timed;
  query.now = frame.now;
  query.from = frame.window < 0 ? -kFar : frame.now - frame.window;
  query.track_from = frame.window < 0 || frame.window_mode == FrameState::Cumulative ? -kFar : query.from;
  query.area_min_radius = style::area_min_radius_px() * frame.pixel_scale * frame.camera.units_per_pixel;
  const std::vector<geo::DrawnMarks> marks = geo::drawn_marks(scene, events.size(), query);
  std::uint8_t layers = 0;
  if (frame.tracks) layers |= geo::kDrawnTrack;
  if (frame.areas) layers |= geo::kDrawnArea;
  if (frame.points) layers |= geo::kDrawnPoint;
  DrawnEvents drawn;
  for (std::size_t i = 0; i < events.size(); ++i) {
    const std::uint8_t in_time = marks[i].in_time & layers, in_view = marks[i].in_view & layers;
    if (!in_time || !filter.matches(events[i]) || (styles && layer_hidden(frame, styles->layer_of(i)))) continue;
    if (!in_view) {
      drawn.outside.push_back(i);
      continue;
    }
    const unsigned all = marks_of(events[i]);
    unsigned shown = 0;
    if (in_view & geo::kDrawnTrack) shown |= all & (kLineMark | kDashedMark);
    if (in_view & geo::kDrawnArea) shown |= kAreaMark;
    if (in_view & geo::kDrawnPoint) shown |= kPointMark;
    drawn.shown.push_back({&events[i], shown, i});
    drawn.in_view.push_back(i);
  }
  return drawn;
}

std::vector<std::size_t> shown_zone_layers(const geo::Scene& scene, const FrameState& state) {
  std::vector<std::size_t> shown;
  if (!state.zones) return shown;
  const geo::ZoneGeometry& zones = scene.zones;
  const geo::Extent view = state.camera.extent();
  const double x0 = view.xmin - scene.origin_x, x1 = view.xmax - scene.origin_x;
  const double y0 = view.ymin - scene.origin_y, y1 = view.ymax - scene.origin_y;
  for (std::size_t z = 0; z < zones.layers.size(); ++z) {
    if (z < 32 && (state.hidden_zones >> z) & 1u) continue;
    const geo::ZoneLayer& layer = zones.layers[z];
    for (std::uint32_t i = layer.line_first; i < layer.line_first + layer.line_count; ++i) {
      const geo::LineVertex& v = zones.lines[i];
      if (v.x >= x0 && v.x <= x1 && v.y >= y0 && v.y <= y1) {
        shown.push_back(z);
        break;
      }
    }
  }
  return shown;
}

}  // namespace patrolscope::render
