#include "layer_style.hpp"

#include <algorithm>

namespace patrolscope::render {

namespace {
using geo::layout::kStyleLayerBits;
constexpr std::uint32_t kLayerMask = (1u << kStyleLayerBits) - 1u;
}  // namespace

int EventStyles::layer_of(std::size_t event) const {
  return event < words.size() ? static_cast<int>(words[event] & kLayerMask) : 0;
}

const LayerLook* EventStyles::look_of(std::size_t event) const {
  if (looks.empty()) return nullptr;
  const std::size_t layer = std::min<std::size_t>(layer_of(event), geo::layout::kStyledLayers - 1);
  return &looks[std::min(layer, looks.size() - 1)];
}

geo::ColorChoice EventStyles::choice_of(std::size_t event, ColorBy map_by) const {
  const LayerLook* look = look_of(event);
  if (look && look->color) return *look->color;
  return geo::facet_choice(map_by);
}

bool EventStyles::hidden(std::size_t event) const {
  const LayerLook* look = look_of(event);
  return look && !look->visible;
}

EventStyles event_styles(const std::vector<geo::Event>& events, const std::vector<LayerRange>& layers,
                         const std::vector<LayerLook>& looks) {
  EventStyles styles;
  styles.looks = looks;
  styles.looks.resize(std::min(looks.size(), layers.size()));
  styles.words.assign(events.size(), 0);
  for (std::size_t l = 0; l < layers.size(); ++l) {
    const LayerRange& range = layers[l];
    styles.names.push_back(range.name);
    const std::size_t styled = std::min<std::size_t>(l, geo::layout::kStyledLayers - 1);
    const LayerLook* look = styled < styles.looks.size() ? &styles.looks[styled] : nullptr;
    const bool categorical = look && look->color &&
                             (look->color->source == geo::ColorChoice::Source::Attribute ||
                              look->color->source == geo::ColorChoice::Source::TrackId);
    styles.values.push_back(categorical ? geo::categorical_values(events, range.first, range.count, *look->color)
                                        : std::vector<std::string>{});
    const std::size_t end = std::min(events.size(), range.first + range.count);
    for (std::size_t i = range.first; i < end; ++i) {
      std::uint32_t word = static_cast<std::uint32_t>(std::min<std::size_t>(l, kLayerMask));
      if (categorical)
        word |= static_cast<std::uint32_t>(geo::categorical_slot(styles.values.back(), events[i], *look->color))
                << kStyleLayerBits;
      styles.words[i] = word;
    }
  }
  return styles;
}

Rgba styled_event_color(const geo::FacetIndex& facets, const EventStyles& styles, std::size_t index,
                        const geo::Event& event, ColorBy map_by) {
  const geo::ColorChoice choice = styles.choice_of(index, map_by);
  Rgba color;
  switch (choice.source) {
    case geo::ColorChoice::Source::Facet: color = event_color(facets, event, choice.facet); break;
    case geo::ColorChoice::Source::Fixed: color = style::fixed(choice.rgb); break;
    default:
      color = style::categorical(index < styles.words.size() ? static_cast<int>(styles.words[index] >> kStyleLayerBits & 255u)
                                                             : geo::layout::kCategoricalNone);
      break;
  }
  if (const LayerLook* look = styles.look_of(index)) color.a *= std::clamp(look->opacity, 0.f, 1.f);
  return color;
}

bool any_layer_styled(const std::vector<LayerLook>& looks, float map_width) {
  return std::any_of(looks.begin(), looks.end(), [&](const LayerLook& look) {
    return look.color || look.line_width_px != map_width || look.opacity != 1.0f || !look.visible;
  });
}

}  // namespace patrolscope::render
