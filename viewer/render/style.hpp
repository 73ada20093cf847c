// The palette: one place for every colour the map and its legends use (the viewer's legend
// panel and the snapshot legend both read it).
#pragma once
#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "filter.hpp"
#include "map_renderer.hpp"

namespace patrolscope::render {

struct Rgba {
  float r = 0, g = 0, b = 0, a = 1;
  std::uint32_t packed() const;  // 0xAABBGGRR, for ImGui's IM_COL32 order
};

namespace style {
Rgba sea();
Rgba page();  // outside the projection's outline (the world preset's corners)
Rgba land();
Rgba coast();
Rgba graticule();
Rgba outline();  // the halo drawn under track heads and points
Rgba joint();    // events with several participants, when colouring by participant
Rgba domain(std::string_view canonical);
Rgba kind(std::string_view canonical);
Rgba participant(std::string_view iso2);
Rgba force_type(std::string_view canonical);
float area_alpha();  // the fill opacity of exercise areas
}  // namespace style

// "air_patrol" → "Air patrol", "CN" → "China", "coast_guard" → "Coast guard".
std::string display_name(std::string_view value, ColorBy facet);

// The colour of each bit of a facet (slot 32 = several participants), as the shaders use it.
inline constexpr int kPaletteSlots = 33;
std::array<Rgba, kPaletteSlots> facet_palette(const geo::FacetIndex& facets, ColorBy by);

struct LegendEntry {
  std::string label;
  Rgba color;
};
// The values of a facet, in bit order, with their colours (plus "Joint" when colouring by
// participant). `used_bits` limits the entries to the bits set (e.g. what is visible).
std::vector<LegendEntry> legend_entries(const geo::FacetIndex& facets, ColorBy by,
                                        std::uint64_t used_bits = ~0ull);

}  // namespace patrolscope::render
