#include "cli_options.hpp"

#include <cmath>
#include <CLI/CLI.hpp>

#include <cctype>
#include <cstdio>
#include <sstream>

#include "app_state.hpp"
#include "vocab.hpp"

namespace patrolscope {
namespace {

std::string trimmed(const std::string& text) {
  const auto first = text.find_first_not_of(' '), last = text.find_last_not_of(' ');
  return first == std::string::npos ? "" : text.substr(first, last - first + 1);
}

// What PROJ is given: a preset, AUTHORITY:CODE, a PROJ string, WKT or PROJJSON. Anything else
// (a bare word such as "foo") PROJ would look up by name and may match an unrelated CRS.
bool looks_like_crs(const std::string& text) {
  if (geo::find_preset(text)) return true;
  if (text.find("+proj=") != std::string::npos || text.find('[') != std::string::npos ||
      text.find('{') != std::string::npos)
    return true;
  const auto colon = text.rfind(':');
  if (colon == std::string::npos || colon == 0 || colon + 1 == text.size()) return false;
  for (std::size_t i = colon + 1; i < text.size(); ++i)
    if (!std::isdigit(static_cast<unsigned char>(text[i]))) return false;
  return true;
}

geo::GeoBox parse_bbox(const std::string& text) {
  const auto parts = split_list(text);
  double v[4];
  if (parts.size() != 4) throw UsageError("--bbox: expected W,S,E,N in degrees, got '" + text + "'");
  for (std::size_t i = 0; i < 4; ++i) {
    try {
      std::size_t used = 0;
      v[i] = std::stod(parts[i], &used);
      if (used != parts[i].size() || !std::isfinite(v[i])) throw std::invalid_argument("");
    } catch (const std::exception&) {
      throw UsageError("--bbox: '" + parts[i] + "' is not a number");
    }
  }
  if (v[1] >= v[3] || v[1] < -90 || v[3] > 90 || v[0] < -180 || v[0] > 180 || v[2] < -180 || v[2] > 180 || v[0] == v[2])
    throw UsageError("--bbox: '" + text + "' is not a box (W,S,E,N; S < N; W > E crosses 180°)");
  return {v[0], v[1], v[2], v[3]};
}

}  // namespace

void apply_color_all(MapChoice& choice, std::size_t event_count) {
  if (!choice.color_all) return;
  choice.spec.layers = {{0, event_count, "All events"}};
  render::LayerLook look;
  look.color = choice.color_all;
  look.line_width_px = choice.spec.line_width_px;
  choice.spec.looks = {look};
}

std::vector<std::string> split_list(const std::string& text) {
  std::vector<std::string> items;
  std::stringstream in(text);
  for (std::string item; std::getline(in, item, ',');)
    if (std::string t = trimmed(item); !t.empty()) items.push_back(t);
  return items;
}

void FilterFlags::add_to(CLI::App& command) {
  // One value per flag (split at commas; the flag may repeat), so `--domain air DATA` leaves
  // DATA to the positional inputs instead of reading it as a second domain.
  const auto list = [&](const char* name, std::vector<std::string>& values, const char* help) {
    command.add_option(name, values, help)->delimiter(',')->allow_extra_args(false)->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  };
  command.add_option("--years", years, "Only events active in these years: 2022,2024 or 2022-2024");
  list("--domain", domains, "Only these domains (air, naval, …), comma-separated");
  list("--force", forces, "Only these force types (strategic_bomber, destroyer, …)");
  list("--participant", participants, "Only events with these participants (CN, RU, …)");
  list("--kind", kinds, "Only these kinds (air_patrol, naval_patrol, exercise, …)");
}

bool FilterFlags::empty() const {
  return years.empty() && domains.empty() && forces.empty() && participants.empty() && kinds.empty();
}

geo::Filter FilterFlags::filter() const {
  geo::Filter filter;
  if (!years.empty()) {
    try {
      filter.years = geo::parse_year_list(years);
    } catch (const std::invalid_argument& e) {
      throw UsageError(std::string("--years: ") + e.what());
    }
  }
  for (const auto& v : domains)
    if (const std::string t = trimmed(v); !t.empty()) filter.domains.insert(geo::canonical_domain(t));
  for (const auto& v : forces)
    if (const std::string t = trimmed(v); !t.empty()) filter.force_types.insert(geo::canonical_force_type(t));
  for (const auto& v : kinds)
    if (const std::string t = trimmed(v); !t.empty()) filter.kinds.insert(geo::canonical_kind(t));
  for (const auto& v : participants)
    if (const std::string t = trimmed(v); !t.empty()) {
      const std::string code = geo::canonical_participant(t);
      filter.participants.insert(code.empty() ? t : code);
    }
  return filter;
}

geo::MapProjection parse_crs(const std::string& text, bool quiet) {
  const std::string accepted = "give a preset (pacific, arctic, scs, world), EPSG:nnnn, a PROJ string (+proj=…) or WKT";
  if (!looks_like_crs(text)) throw UsageError("--crs: unknown CRS '" + text + "': " + accepted);
  std::optional<geo::MapProjection> projection;
  try {
    projection.emplace(geo::MapProjection::create(text));
  } catch (const std::runtime_error& e) {
    const std::string why = e.what();
    // PROJ's "Unknown error (code 4096)" says nothing: say what was not understood instead.
    if (why.find("Unknown error") != std::string::npos || why.find("code ") != std::string::npos)
      throw UsageError("--crs: PROJ does not know the CRS '" + text + "': " + accepted);
    throw UsageError("--crs: " + why + " (" + accepted + ")");
  }
  if (projection->is_geographic() && !projection->on_wgs84() && !quiet)
    std::fprintf(stderr,
                 "patrolscope: warning: --crs '%s' is a geographic CRS on %s, not WGS 84: the data (WGS 84) is "
                 "shifted into it by a datum transformation, and positions may be off by up to hundreds of metres\n",
                 text.c_str(), projection->name().c_str());
  return std::move(*projection);
}

render::ColorBy parse_color_by_option(const std::string& text) {
  render::ColorBy by = render::ColorBy::Kind;
  if (parse_color_by(text, by)) return by;
  throw UsageError("--color-by: expected participant, domain, force, kind, track, attribute:NAME or #rrggbb, got '" + text + "'");
}

std::pair<int, int> parse_image_size(const std::string& text) {
  int width = 0, height = 0;
  char x = 0, rest = 0;
  if (std::sscanf(text.c_str(), "%d%c%d%c", &width, &x, &height, &rest) != 3 || (x != 'x' && x != 'X'))
    throw UsageError("--size: expected WIDTHxHEIGHT, got '" + text + "'");
  if (!snapshot::valid_size(width, height))
    throw UsageError("--size: impossible image size '" + text + "' (1 to " + std::to_string(snapshot::kMaxSide) +
                     " pixels a side)");
  return {width, height};
}

snapshot::LegendPlace parse_legend_option(const std::string& text) {
  snapshot::LegendPlace place = snapshot::LegendPlace::Auto;
  if (snapshot::parse_legend_place(text, place)) return place;
  throw UsageError("--legend: expected auto, tl, tr, bl, br or off, got '" + text + "'");
}

void MapFlags::add_to(CLI::App& command) {
  command.add_option("--size", size, "WIDTHxHEIGHT in pixels (default 1920x1080)");
  command.add_option("--region", region, "pacific, arctic, scs or world (default pacific)");
  command.add_option("--crs", crs, "Map CRS (EPSG:nnnn, PROJ string, WKT), keeping the region's extent");
  command.add_option("--bbox", bbox, "W,S,E,N in degrees (W > E crosses 180°)");
  command.add_option("--color-by", color_by, "kind (default), participant, domain, force; track, attribute:NAME (Okabe–Ito) or #rrggbb");
  command.add_option("--title", title, "Title (default: the dataset and region)");
  command.add_option("--subtitle", subtitle, "Subtitle");
  command.add_option("--banner", banner, "Marking banner at top and bottom");
  command.add_option("--legend", legend, "Legend corner: auto (where the data is not; default), tl, tr, bl, br, off");
  command.add_flag("--transparent", transparent, "Transparent background instead of the sea colour");
  command.add_flag("--no-overlays", no_overlays, "The map only: no title, legend, scale bar, labels");
  command.add_flag("--world-file", world_file, "Also write OUT.pgw and OUT.prj for GIS tools");
}

MapChoice parse_map(const MapFlags& flags, const FilterFlags& filters, bool quiet) {
  snapshot::SnapshotSpec spec;
  std::optional<geo::ColorChoice> choice_color_all;
  std::tie(spec.width, spec.height) = parse_image_size(flags.size);
  geo::ColorChoice color;
  if (geo::parse_color_choice(flags.color_by, color) && color.source != geo::ColorChoice::Source::Facet) {
    choice_color_all = color;
  } else {
    spec.color_by = parse_color_by_option(flags.color_by);
  }
  spec.legend = parse_legend_option(flags.legend);
  spec.filter = filters.filter();
  spec.overlays = !flags.no_overlays;
  spec.world_file = flags.world_file;
  spec.transparent = flags.transparent;
  spec.text.title = flags.title;
  spec.text.subtitle = flags.subtitle;
  spec.text.banner = flags.banner;

  const geo::Preset* preset = nullptr;
  if (!flags.region.empty() && !(preset = geo::find_preset(flags.region)))
    throw UsageError("--region: expected pacific, arctic, scs or world, got '" + flags.region + "'");
  std::optional<geo::GeoBox> bbox;
  if (!flags.bbox.empty()) bbox = parse_bbox(flags.bbox);
  if (!preset && !bbox) preset = geo::find_preset("pacific");

  // The projection: --crs, else the preset's, else one suited to --bbox; the extent: --bbox,
  // else the preset's box.
  std::optional<geo::MapProjection> projection;
  if (!flags.crs.empty()) projection.emplace(parse_crs(flags.crs, quiet));
  else if (preset) projection.emplace(geo::MapProjection::create(preset->name));
  else projection.emplace(geo::MapProjection::for_box(*bbox));
  spec.projection = projection->definition();
  spec.region = preset && flags.crs.empty() ? preset->name : "";
  spec.view = projection->extent_of(bbox ? *bbox : preset->view);
  if (!(spec.view.width() > 0 && spec.view.height() > 0))
    throw UsageError("the map extent is empty in this projection (check --crs and --bbox)");
  return {std::move(*projection), preset, bbox, std::move(spec), choice_color_all};
}

}  // namespace patrolscope
