// Everything the renderer draws, projected and tessellated once on the CPU (no GL here):
// flat vertex arrays the renderer uploads once. Per frame only uniforms change.
#pragma once
#include <cstdint>
#include <optional>
#include <utility>
#include <string>
#include <vector>

#include "analysis.hpp"
#include "bit_layout.hpp"
#include "event.hpp"
#include "filter.hpp"
#include "projection.hpp"

namespace geo {

// One vertex of a track, 24 bytes. Segments join vertex i and i+1 unless i+1 starts a piece.
struct TrackVertex {
  float x, y;              // map units relative to Scene::origin
  std::int32_t t;          // seconds since Scene::t0 (exact to 1 s over ±68 years); untimed: INT32_MIN
  std::uint32_t feature;   // event index | kPieceStart
  std::uint32_t categories;  // FacetIndex::category_bits
  std::uint32_t forces;      // FacetIndex::force_bits
  static constexpr std::uint32_t kPieceStart = layout::kTrackPieceStart;
};
static_assert(sizeof(TrackVertex) == 24);

// One vertex of a filled area (exercise areas) or of a point marker: triangles, or the
// point's position once (instanced as a disc).
struct AreaVertex {
  float x, y;
  std::int32_t t_start, t_end;  // active span since t0; untimed: INT32_MIN, INT32_MAX
  std::uint32_t feature;
  std::uint32_t categories;
  std::uint32_t forces;
  // Areas only: the piece's bounding circle (centre, radius in map units), so the shader can
  // draw small areas at a minimum size; and which corner of its triangle this vertex is
  // (bits 0–1) with the triangle's edges on the area's outline (bit 2 + k: edge corner k →
  // corner k+1), so the shader can draw the outline.
  float cx = 0, cy = 0, radius = 0;
  std::uint32_t corner_edges = 0;
  static constexpr std::uint32_t kOutlineEdge = 4;  // << k
};

struct LineVertex {  // coastlines, graticule: x, y and a piece-start flag
  float x, y;
  std::uint32_t flags;  // kPieceStart
  static constexpr std::uint32_t kPieceStart = layout::kLinePieceStart;
};

// One graticule line (a meridian or a parallel) as a range of Scene::graticule vertices.
struct GraticuleLine {
  bool meridian;       // true: constant longitude `value`; false: constant latitude
  double value;        // degrees
  std::uint32_t first, count;
};

struct Label {  // a graticule label where its line meets the edge of the view
  float x, y;       // map units relative to Scene::origin
  bool meridian;
  std::string text;  // "150°E", "30°N"
  // A meridian labelled where it ends on the projection's outline inside the view (the world
  // preset's pole lines), not at the view's edge: +1 at its north end (label above), −1 south.
  int outline_end = 0;
};

// The zone layers (ADIZ, 12-nm bands, a user's zone file) as drawn: one per zone, its fill
// triangles (polygon zones) and outline as ranges of ZoneGeometry's arrays, in the scene's
// map units relative to its origin. Cut at the seam, projected and tessellated once.
struct ZoneLayer {
  std::string label;  // zone_display_name(): the name, "(approximate)" where the data says so
  GeometryQuality quality = GeometryQuality::Exact;
  std::uint32_t fill_first = 0, fill_count = 0;  // vertices (x, y pairs) in ZoneGeometry::fill
  std::uint32_t line_first = 0, line_count = 0;  // vertices in ZoneGeometry::lines
  // Where a label may go: outline vertices spread along the boundary (at most ~64).
  std::vector<std::pair<float, float>> label_candidates;
};
struct ZoneGeometry {
  std::vector<float> fill;  // x, y pairs, 3 vertices a triangle
  std::vector<LineVertex> lines;
  std::vector<ZoneLayer> layers;
};

struct Scene {
  Extent full_extent;  // of the projection's valid domain
  double origin_x = 0, origin_y = 0;  // subtracted from map coordinates before float storage
  Seconds t0 = 0;                      // times are stored relative to this
  std::vector<float> land_triangles;   // x, y pairs, 3 vertices a triangle
  // The projection's valid domain (inside its outline), filled: the sea is drawn there and the
  // page colour outside it. Empty when the outline is unknown (then sea everywhere).
  std::vector<float> sea_triangles;
  std::vector<LineVertex> coast;
  std::vector<LineVertex> borders, disputed_borders;  // country borders, cut and projected like the coast
  std::vector<LineVertex> graticule;
  std::vector<GraticuleLine> graticule_lines;
  std::vector<TrackVertex> tracks;
  std::vector<AreaVertex> areas;   // triangles
  std::vector<AreaVertex> points;  // one per point
  FacetIndex facets;
  // Per event (feature index): its palette slot for each colour-by (geo::color_word), read by
  // the shaders through the vertices' feature index.
  std::vector<std::uint32_t> event_colors;
  std::vector<std::string> warnings;
  // Not part of the cached scene: zones are few and small, so every command adds its own
  // (bundled, --zones, or none) with add_zone_layers after loading or building the scene.
  ZoneGeometry zones;
};

struct SceneInput {
  const std::vector<Event>* events = nullptr;
  const std::vector<Polygon>* land = nullptr;  // lon/lat, valid, split at ±180
  const std::vector<Line>* coast_lines = nullptr;  // extra coastline strokes (line-only layers)
  const std::vector<Line>* borders = nullptr;           // country borders (Coastline::borders)
  const std::vector<Line>* disputed_borders = nullptr;  // and the disputed ones
  double graticule_step_deg = 10;
};

Scene build_scene(const SceneInput& input, const MapProjection& projection);

// Replaces scene.zones with these zones projected, cut and tessellated like the land.
void add_zone_layers(Scene& scene, const std::vector<Zone>& zones, const MapProjection& projection);

// Where layer `layer`'s label goes in a view (map units relative to the origin): the highest
// label candidate inside the view less `inset` on each side; none when no candidate is there.
std::optional<std::pair<float, float>> zone_label_anchor(const ZoneLayer& layer, const Extent& view_relative,
                                                         double inset);

// Labels where graticule lines leave the view (a rectangle in map units relative to origin):
// meridians on the bottom and top edges, parallels on the left and right edges; and meridians
// where they end on the outline inside the view, when the outline there is a line (the world
// preset's pole lines), not the point where they converge (a polar view's pole).
std::vector<Label> graticule_labels(const Scene& scene, const Extent& view_relative);

std::string format_degrees(double value, bool longitude);

// What a frame draws of each event, read from the scene's own pieces (as the renderer draws
// them), so every legend, count and cue agrees with the map. Times are absolute UTC seconds.
struct DrawnQuery {
  Extent view_relative;         // the view, map units relative to the scene's origin
  bool timed = false;           // false: every piece, whatever its time
  Seconds now = 0;
  Seconds from = 0;             // areas and points: span meets [from, now]
  Seconds track_from = 0;       // track segments: meet [track_from, now] (cumulative keeps older)
  double area_min_radius = 0;   // map units: areas smaller than this are drawn at this radius
};
enum DrawnPiece : std::uint8_t { kDrawnTrack = 1, kDrawnArea = 2, kDrawnPoint = 4 };
struct DrawnMarks {
  std::uint8_t in_time = 0;  // DrawnPiece bits drawn somewhere on the map in the query's time
  std::uint8_t in_view = 0;  // … and with some part inside the view
};
// One entry per event index below `event_count` (the scene's feature indices). No filter here:
// the caller tests its events (geo::Filter is the exact answer).
std::vector<DrawnMarks> drawn_marks(const Scene& scene, std::size_t event_count, const DrawnQuery& query);
  // "150°E", "30°N", "0°", "180°"

}  // namespace geo
