#include "load_context.hpp"

#include <fmt/format.h>

#include "load_internal.hpp"

namespace geo::detail {

void LoadContext::warn(std::string message) {
  if (result.warnings.size() < kMaxWarnings) {
    result.warnings.push_back(std::move(message));
  } else {
    ++suppressed_;
  }
}

void LoadContext::skip(const std::string& label, const std::string& reason) {
  ++result.skipped;
  warn(label + ": " + reason);
}

void LoadContext::fail(std::string reason) {
  if (result.error.empty()) result.error = std::move(reason);
}

bool LoadContext::add(Event event, const std::string& label) {
  if (stopped()) return false;
  const std::size_t as_read = event.geometry.vertex_count();  // before densification
  // The limit bounds the work: densified vertices are counted before they are made.
  if (vertices_ + detail::densified_vertex_count(event.geometry, options.densify_km) > kMaxVertices) {
    fail(fmt::format("more than {} vertices after densification: too large to load", kMaxVertices));
    return false;
  }
  std::size_t wrapped = 0;
  const std::string why = finish_event(event, options, &wrapped);
  if (!why.empty()) {
    skip(label, why);
    return true;
  }
  const std::size_t n = event.geometry.vertex_count();
  if (vertices_ + n > kMaxVertices) {
    fail(fmt::format("more than {} vertices: too large to load", kMaxVertices));
    return false;
  }
  vertices_ += n;
  wrapped_longitudes_ += wrapped;
  result.source_vertices += as_read;
  if (!event.timed()) warn(label + ": no time: loaded as untimed (always shown)");
  result.events.push_back(std::move(event));
  return true;
}

void LoadContext::finish(const std::vector<std::string>& gdal_messages) {
  if (finished_) return;
  finished_ = true;
  for (const std::string& message : gdal_messages) warn("GDAL: " + message);
  if (wrapped_longitudes_ > 0)  // one note for the file, first: it explains every such vertex
    result.warnings.insert(result.warnings.begin(),
                           fmt::format("{} longitudes outside -180..180 were wrapped into that range "
                                       "(0–360 or unwrapped data)",
                                       wrapped_longitudes_));
  if (suppressed_ > 0) result.warnings.push_back(fmt::format("… and {} more warnings", suppressed_));
  if (!result.error.empty()) {
    result.events.clear();
    result.source_vertices = 0;
  }
}

}  // namespace geo::detail
