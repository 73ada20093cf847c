// Per-layer styles on the CPU side: which input layer each event is in and, for a layer
// coloured by an attribute or the track id, its categorical slot — the style words the
// renderer reads (MapRenderer::upload_styles) — and the colour an event is drawn in, so the
// legends, lists, timeline and details say what the map draws. Built when the inputs or a
// layer's colour rule change, never per frame.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "map_renderer.hpp"
#include "style.hpp"

namespace patrolscope::render {

// An input layer: its events events[first, first + count) and the name the legend gives a
// fixed colour (the file's name).
struct LayerRange {
  std::size_t first = 0, count = 0;
  std::string name;
};

struct EventStyles {
  std::vector<LayerLook> looks;                  // per layer (as given)
  std::vector<std::string> names;                // per layer
  std::vector<std::vector<std::string>> values;  // per layer: its categorical values (geo::categorical_values)
  std::vector<std::uint32_t> words;              // per event (geo::layout's style word)

  // The look the event is drawn with (nullptr: none given, the map's style).
  const LayerLook* look_of(std::size_t event) const;
  int layer_of(std::size_t event) const;  // its style word's layer
  // The colour rule the event is drawn by: its layer's own, else the map's colour-by.
  geo::ColorChoice choice_of(std::size_t event, ColorBy map_by) const;
  bool hidden(std::size_t event) const;
};

// Layers in event order (events outside every range are in layer 0). Layers from
// geo::layout::kStyledLayers - 1 on share that layer's look, on the GPU and here alike.
EventStyles event_styles(const std::vector<geo::Event>& events, const std::vector<LayerRange>& layers,
                         const std::vector<LayerLook>& looks);

// The colour the map draws event `index` in (with its layer's opacity in alpha).
Rgba styled_event_color(const geo::FacetIndex& facets, const EventStyles& styles, std::size_t index,
                        const geo::Event& event, ColorBy map_by);

// Whether any look differs from the map-wide default (a colour of its own, a width other
// than `map_width`, an opacity below 1, hidden).
bool any_layer_styled(const std::vector<LayerLook>& looks, float map_width);

}  // namespace patrolscope::render
