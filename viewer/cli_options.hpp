// The option groups the commands share, each parsed one way for all of them: the filters
// (render, view, …), the map (region, CRS, box, size, colours, text, legend: render and the
// commands that write images), and the checks of what was typed. Parsing throws UsageError
// (commands.hpp) with a message naming the option.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "commands.hpp"
#include "filter.hpp"
#include "projection.hpp"
#include "render/map_renderer.hpp"
#include "snapshot/spec.hpp"

namespace CLI {
class App;
}

namespace patrolscope {

// --years, --domain, --force, --participant, --kind (comma-separated lists).
struct FilterFlags {
  std::string years;
  std::vector<std::string> domains, forces, participants, kinds;
  void add_to(CLI::App& command);
  bool empty() const;
  geo::Filter filter() const;  // vocabulary names made canonical
};

// A map CRS the user typed (--crs): a preset name, EPSG:nnnn, a PROJ string or WKT. Unknown
// or unusable: UsageError saying what is accepted. A geographic CRS other than WGS 84 is drawn,
// with a warning on stderr (unless quiet).
geo::MapProjection parse_crs(const std::string& text, bool quiet);

// --color-by: participant, domain, force or kind (the viewer's names).
render::ColorBy parse_color_by_option(const std::string& text);

// --size WIDTHxHEIGHT for an image (snapshot::valid_size).
std::pair<int, int> parse_image_size(const std::string& text);

// --legend auto|tl|tr|bl|br|off.
snapshot::LegendPlace parse_legend_option(const std::string& text);

// The map and image options of commands that write images: region/CRS/box, size, colours,
// text, legend, overlays, world file.
struct MapFlags {
  std::string size = "1920x1080";
  std::string region, crs, bbox;
  std::string color_by = "kind";
  std::string title, subtitle, banner;
  std::string legend = "auto";
  bool transparent = false, no_overlays = false, world_file = false;
  void add_to(CLI::App& command);
};

// What MapFlags describe: the projection (kept alive here: the spec names it, the scene is
// built with it) and the spec without time, path or inputs.
struct MapChoice {
  geo::MapProjection projection;
  const geo::Preset* preset = nullptr;  // the preset whose projection/view is used, if any
  std::optional<geo::GeoBox> bbox;      // --bbox, when given
  snapshot::SnapshotSpec spec;
  // --color-by attribute:NAME, track or #rrggbb: every input coloured so (spec.looks, made
  // when the inputs are loaded); a facet name sets spec.color_by.
  std::optional<geo::ColorChoice> color_all;
};
MapChoice parse_map(const MapFlags& flags, const FilterFlags& filters, bool quiet);
// --color-by track|attribute:NAME|#rrggbb: every event, whichever input, one layer in that
// colour rule (so a value has one colour across the inputs). Nothing for a facet.
void apply_color_all(MapChoice& choice, std::size_t event_count);

std::vector<std::string> split_list(const std::string& text);  // "a, b,c" → {a, b, c}

}  // namespace patrolscope
