// Map projections through PROJ: presets, any PROJ string / EPSG code, batch transforms.
#pragma once
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "cut.hpp"
#include "regions.hpp"

namespace geo {

struct Extent {
  double xmin = 0, ymin = 0, xmax = 0, ymax = 0;
  double width() const { return xmax - xmin; }
  double height() const { return ymax - ymin; }
  bool operator==(const Extent&) const = default;
};

struct Preset {
  const char* name;   // "pacific", "arctic", "scs", "world"
  const char* title;  // "Pacific", …
  const char* crs;    // PROJ string
  GeoBox view;        // default extent (the projected box of this lon/lat box)
};
std::span<const Preset> presets();
const Preset* find_preset(std::string_view name);

class MapProjection {
 public:
  // A preset name, a PROJ string, "EPSG:nnnn", or WKT. Throws std::runtime_error naming the
  // definition when PROJ rejects it or the CRS is not a projected/geographic 2D CRS.
  static MapProjection create(const std::string& definition);
  // A projection suited to a lon/lat box, centred on it (used by `render --bbox`).
  static MapProjection for_box(const GeoBox& box);

  MapProjection(MapProjection&&) noexcept;
  MapProjection& operator=(MapProjection&&) noexcept;
  ~MapProjection();

  const std::string& definition() const;  // as given
  std::string proj_string() const;         // normalised PROJ string
  std::string wkt() const;                 // WKT of the map CRS (for .prj files)
  const SeamSpec& seam() const;            // where to cut, which latitudes are valid
  bool is_geographic() const;              // output in degrees rather than metres
  std::string name() const;                // the CRS's name ("WGS 84", "Pulkovo 1942", …)
  bool on_wgs84() const;                   // its geodetic CRS is WGS 84 (the data's)

  // In-place batch transform lon/lat (degrees) → map x/y. Points that fail become NaN.
  void forward(std::span<double> x, std::span<double> y) const;
  // In-place batch map x/y → lon/lat. Points that fail become NaN.
  void inverse(std::span<double> x, std::span<double> y) const;

  // The map extent covering a lon/lat box (its densified boundary and interior samples).
  Extent extent_of(const GeoBox& box) const;
  // Scale factor helpers: map units per metre on the ground at a lon/lat point (for scale bars).
  double map_units_per_metre(LonLat at) const;

 private:
  MapProjection();
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace geo
