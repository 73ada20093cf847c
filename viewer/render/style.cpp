#include "style.hpp"

#include <algorithm>
#include <cctype>
#include <utility>

namespace patrolscope::render {
namespace {

constexpr Rgba hex(std::uint32_t rgb, float a = 1) {
  return {((rgb >> 16) & 0xff) / 255.f, ((rgb >> 8) & 0xff) / 255.f, (rgb & 0xff) / 255.f, a};
}

// A qualitative palette (Tableau 10, darkened a little for light backgrounds) for values
// without a fixed colour.
constexpr Rgba kCycle[] = {hex(0x1f77b4), hex(0xd62728), hex(0x2ca02c), hex(0xff7f0e),
                           hex(0x9467bd), hex(0x8c564b), hex(0xe377c2), hex(0x17becf),
                           hex(0xbcbd22), hex(0x7f7f7f)};

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

const std::vector<std::string>& values_of(const geo::FacetIndex& facets, ColorBy by) {
  switch (by) {
    case ColorBy::Domain: return facets.domains;
    case ColorBy::Kind: return facets.kinds;
    case ColorBy::ForceType: return facets.force_types;
    case ColorBy::Participant: break;
  }
  return facets.participants;
}

Rgba color_of(std::string_view value, ColorBy by) {
  switch (by) {
    case ColorBy::Domain: return style::domain(value);
    case ColorBy::Kind: return style::kind(value);
    case ColorBy::ForceType: return style::force_type(value);
    case ColorBy::Participant: break;
  }
  return style::participant(value);
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
Rgba graticule() { return hex(0x6f8598, 0.35f); }
Rgba outline() { return hex(0xffffff, 0.95f); }
Rgba joint() { return hex(0x7b2fa8); }
Rgba domain(std::string_view canonical) { return lookup(kDomains, canonical); }
Rgba kind(std::string_view canonical) { return lookup(kKinds, canonical); }
Rgba participant(std::string_view iso2) { return lookup(kParticipants, iso2); }
Rgba force_type(std::string_view canonical) { return cycle(canonical); }
float area_alpha() { return 0.22f; }
}  // namespace style

std::string display_name(std::string_view value, ColorBy facet) {
  if (facet == ColorBy::Participant) {
    for (const auto& [code, name] : kCountryNames)
      if (code == value) return std::string(name);
    return std::string(value);
  }
  return sentence_case(value);
}

std::array<Rgba, kPaletteSlots> facet_palette(const geo::FacetIndex& facets, ColorBy by) {
  std::array<Rgba, kPaletteSlots> palette;
  palette.fill(hex(0x6b6b6b));
  const auto& values = values_of(facets, by);
  const std::size_t bits = by == ColorBy::ForceType ? 32 : 8;
  for (std::size_t i = 0; i < values.size() && i < bits; ++i) palette[i] = color_of(values[i], by);
  palette[32] = style::joint();
  return palette;
}

std::vector<LegendEntry> legend_entries(const geo::FacetIndex& facets, ColorBy by,
                                        std::uint64_t used_bits) {
  std::vector<LegendEntry> entries;
  const auto& values = values_of(facets, by);
  const std::size_t bits = by == ColorBy::ForceType ? 32 : 8;
  for (std::size_t i = 0; i < values.size() && i < bits; ++i)
    if (used_bits >> i & 1) entries.push_back({display_name(values[i], by), color_of(values[i], by)});
  if (by == ColorBy::Participant && (used_bits >> 32 & 1))
    entries.push_back({"Joint", style::joint()});
  return entries;
}

}  // namespace patrolscope::render
