// What a snapshot shows, whoever asks for it: `render` builds a SnapshotSpec from its options,
// the viewer (its Snapshot dialog and the headless briefing) from the app state. Everything
// that follows — the frame state, the default title, the PNG metadata — is derived from the
// spec here, once, so the same spec gives the same PNG bytes from every command.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "filter.hpp"
#include "projection.hpp"
#include "render/layer_style.hpp"
#include "render/map_renderer.hpp"
#include "render/png_io.hpp"

namespace patrolscope::snapshot {

struct OverlayText {
  std::string title, subtitle, banner;
  double reserve_bottom_px = 0;  // kept free above the footer (an animation's progress strip)
  std::string caption;           // replaces the time caption when set (a clip's span)
  // What the event count covers, said after it ("in the clip": every event the clip shows at
  // some point, not those on one frame); empty: the events drawn.
  std::string count_scope;
};

inline constexpr int kMaxSide = 32768;  // larger requests are refused with a clear error

enum class LegendPlace { Auto, TopLeft, TopRight, BottomLeft, BottomRight, Off };
// "auto", "tl", "tr", "bl", "br", "off".
bool parse_legend_place(const std::string& text, LegendPlace& place);
std::string legend_place_name(LegendPlace place);  // "auto", "tl", "tr", "bl", "br", "off"

// Whether width×height is an image a snapshot can have (1 to kMaxSide pixels a side).
bool valid_size(int width, int height);

// The time shown: untimed (everything), or [now − window, now] (window < 0: all up to now).
struct TimeShown {
  bool timed = false;
  geo::Seconds now = 0;
  geo::Seconds window = -1;
  render::FrameState::WindowMode mode = render::FrameState::Trail;
};

struct SnapshotSpec {
  // The data and the map.
  std::vector<std::string> inputs;  // DATA as given; empty: the bundled dataset
  std::string coastline;            // empty: the bundled Natural Earth land
  std::string projection;           // a preset name or a CRS definition, as given
  std::string region;               // the preset whose projection this is ("" for any other CRS)
  geo::Extent view;                 // absolute map units, fitted into the image and centred

  // The image.
  std::string path = "patrolscope-snapshot.png";
  int width = 1920, height = 1080;
  bool overlays = true, world_file = false, transparent = false;
  OverlayText text;  // an empty title gets default_title()
  LegendPlace legend = LegendPlace::Auto;

  // What is drawn.
  TimeShown time;
  geo::Filter filter;
  render::ColorBy color_by = render::ColorBy::Kind;
  float line_width_px = 2.5f;
  // Per input layer (a session's layer styles, or --color-by attribute:NAME / track / #rrggbb
  // for every input): the layers' event ranges and looks. Empty: one map-wide style.
  std::vector<render::LayerRange> layers;
  std::vector<render::LayerLook> looks;
  bool land = true, coast = true, graticule = true, areas = true, tracks = true, points = true;
  bool borders = true;            // the scene's country borders (none loaded with --no-borders)
  bool zones = true;              // the scene's zone layers (which ones: the command's --zones/--no-zones)
  std::uint32_t hidden_zones = 0;  // bit i: zone layer i hidden (the viewer's per-layer toggles)
  int selected = -1;  // event index drawn highlighted

  render::PngText extra_metadata;  // what the command adds to the tEXt (render: the framing)
};

// "China–Russia joint activity: Arctic" for the bundled dataset; the file's name for one
// input; "ais, tracks and 3 more" for several; then ": <region>" when the projection is a preset's.
std::string default_title(const SnapshotSpec& spec);

// The title drawn: the spec's, else default_title().
std::string title_of(const SnapshotSpec& spec);

// The spec's overlay text with the title drawn (title_of()).
OverlayText text_of(const SnapshotSpec& spec);

// The renderer's state for the spec (masks from the facets; no camera: see frame_for()).
render::FrameState frame_state(const SnapshotSpec& spec, const geo::FacetIndex& facets);

// "all", "trail 30d", "cumulative up to", … as written in the metadata.
std::string window_text(const TimeShown& time);

// The PNG's tEXt: the state that made the image (title, region, view, projection, time,
// window, filter, colours, inputs, coastline). write_snapshot adds the software, the CRS and
// the number of events shown.
render::PngText metadata(const SnapshotSpec& spec);

}  // namespace patrolscope::snapshot
