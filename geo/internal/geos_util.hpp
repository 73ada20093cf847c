// Small RAII helpers over the GEOS reentrant C API (one context per call site and thread).
#pragma once
#include <geos_c.h>

#include <memory>
#include <vector>

#include "event.hpp"

namespace geo::geos {

class Context {
 public:
  Context() : handle_(GEOS_init_r()) {}
  ~Context() { GEOS_finish_r(handle_); }
  Context(const Context&) = delete;
  Context& operator=(const Context&) = delete;
  GEOSContextHandle_t get() const { return handle_; }

 private:
  GEOSContextHandle_t handle_;
};

struct GeometryDeleter {
  GEOSContextHandle_t context;
  void operator()(GEOSGeometry* g) const {
    if (g) GEOSGeom_destroy_r(context, g);
  }
};
using GeometryPtr = std::unique_ptr<GEOSGeometry, GeometryDeleter>;

inline GeometryPtr wrap(const Context& c, GEOSGeometry* g) { return GeometryPtr(g, {c.get()}); }

// Planar polygon from x/y rings (closed implicitly). Returns null when GEOS refuses it.
GeometryPtr make_polygon(const Context& c, const std::vector<std::vector<LonLat>>& rings);
GeometryPtr make_box(const Context& c, double x0, double y0, double x1, double y1);
// Appends every polygon of a (multi)polygon or collection as rings of x/y.
void collect_polygons(const Context& c, const GEOSGeometry* g, std::vector<Polygon>& out);

}  // namespace geo::geos
