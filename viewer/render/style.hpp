// The palette: one place for every colour the map and its legends use. Which slot an event is
// drawn in is geo's colour rule (color_rule.hpp); this file gives each slot its colour and
// label, for the shaders (facet_palette), both legends (legend_entries) and the panels
// (event_color).
#pragma once
#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "color_rule.hpp"
#include "filter.hpp"
#include "map_renderer.hpp"
#include "scene.hpp"

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
Rgba border();
Rgba disputed_border();
Rgba graticule();
Rgba outline();  // the halo drawn under track heads and points
Rgba joint();    // the China + Russia participant set
Rgba none();     // an event that gives no value for the colour-by facet
Rgba other();    // values past the palette's last value slot
Rgba domain(std::string_view canonical);
Rgba kind(std::string_view canonical);
Rgba participant(std::string_view iso2);
Rgba participant_set(std::string_view set);  // "CN+RU"; one member: that participant's colour
Rgba force_type(std::string_view canonical);
// Colour by an attribute or the track id: the Okabe–Ito colour-blind-safe palette (slots
// 0..geo::layout::kCategoricalValues-1), then other() and none().
Rgba categorical(int slot);
Rgba fixed(std::uint32_t rgb);  // 0xRRGGBB, opaque
float area_alpha();          // the fill opacity of exercise areas
float area_outline_alpha();  // the opacity of their outline
float area_min_radius_px();  // areas smaller than this are drawn at this radius (readable at region scale)
// Zone layers (ADIZ, 12-nm bands, user zones): layer i's outline colour (a muted cycle apart
// from the data's colours), its light fill opacity and outline width.
Rgba zone(std::size_t layer);
float zone_fill_alpha();
float zone_line_width_px();
// A polygon zone (an ADIZ) is drawn filled and outlined; a line zone (a median line, a partial
// outer line) as a line only, and the legends' swatches say which.
bool zone_is_area(const geo::ZoneLayer& layer);
}  // namespace style

// "air_patrol" → "Air patrol", "CN" → "China", "CN+RU" → "China + Russia", "coast_guard" → "Coast guard".
std::string display_name(std::string_view value, ColorBy facet);

// The colour and the legend label of a palette slot (geo::color_slot) for a colour-by.
Rgba slot_color(const geo::FacetIndex& facets, ColorBy by, int slot);
std::string slot_label(const geo::FacetIndex& facets, ColorBy by, int slot);
// Every slot's colour, as the shaders index it.
using Palette = std::array<Rgba, geo::layout::kPaletteSlots>;
Palette facet_palette(const geo::FacetIndex& facets, ColorBy by);
// The colour the map draws an event in (lists, timeline, details).
Rgba event_color(const geo::FacetIndex& facets, const geo::Event& event, ColorBy by);

// How an event is drawn: what a legend swatch must show.
enum Mark : unsigned { kLineMark = 1, kDashedMark = 2, kAreaMark = 4, kPointMark = 8 };
unsigned marks_of(const geo::Event& event);  // lines (dashed when schematic), areas, points

struct EventStyles;  // layer_style.hpp

struct LegendEntry {
  std::string label;
  Rgba color;
  unsigned marks = 0;  // the Mark styles this colour is drawn in among the events shown
};
// An event on the map and the marks of it that are drawn (marks_of, less hidden layers).
struct ShownEvent {
  const geo::Event* event;
  unsigned marks;
  std::size_t index = 0;  // in the event list (its style word)
};
// One entry per slot that the shown events are drawn in, in slot order (the none slot last).
// With `styles`, events of a layer with its own colour rule get that rule's entries instead:
// one entry named after the layer for a fixed colour, one per value for an attribute or the
// track id, the facet's for another facet (after the map's own, duplicates merged).
std::vector<LegendEntry> legend_entries(const geo::FacetIndex& facets, ColorBy by,
                                        const std::vector<ShownEvent>& shown, const EventStyles* styles = nullptr);

// What a frame draws, event by event — the one rule both legends, the briefing's counts and
// the viewer's off-frame cue use. An event is drawn in the view when it passes `filter` and
// one of its scene pieces in a shown layer meets the camera's view in the frame's time
// (geo::drawn_marks: track segments meeting [now − window, now], or everything up to now in
// cumulative mode; areas and places while active; untimed frames everything). `shown`: those
// events with the marks drawn in the view, in event order. `outside`: events passing the filter
// and drawn in the frame's time, but wholly outside the view.
struct DrawnEvents {
  std::vector<ShownEvent> shown;
  std::vector<std::size_t> in_view;  // their indices
  std::vector<std::size_t> outside;
};
// Events of a layer the frame's looks hide are not drawn (`styles` says which layer an event is in).
DrawnEvents drawn_events(const geo::Scene& scene, const std::vector<geo::Event>& events, const geo::Filter& filter,
                         const FrameState& frame, const EventStyles* styles = nullptr);
// The zone layers drawn in this frame (frame.zones, not hidden, with outline inside the view),
// in layer order: what both legends list and the labels name.
std::vector<std::size_t> shown_zone_layers(const geo::Scene& scene, const FrameState& frame);

}  // namespace patrolscope::render
