// KML through GDAL: the LIBKML driver exposes a placemark's TimeStamp as `timestamp` and its
// TimeSpan as `begin`/`end`, which the generic layer reader picks up. The older KML driver
// (the fallback) has no time fields: its placemarks load untimed, with a warning each.
#include "load_internal.hpp"

namespace geo::detail {

void load_kml(GDALDataset& dataset, LoadContext& ctx) {
  std::size_t index = 0;  // placemarks are numbered across folders (layers)
  for (OGRLayer* layer : dataset.GetLayers()) {
    if (ctx.stopped()) return;
    load_layer(*layer, ctx, index);
  }
}

}  // namespace geo::detail
