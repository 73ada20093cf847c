// The state of one load, and the one way every loader ends: each event goes through add()
// (vocabulary, coordinates and longitude wrapping, times, densification, the vertex budget),
// each problem through warn()/skip()/fail(), and the load through finish() (GDAL's messages,
// the file-level notes, the warning cap's "… and N more warnings"). Private to geo/load*.cpp.
#pragma once
#include <cstddef>
#include <string>
#include <vector>

#include "load.hpp"

namespace geo::detail {

inline constexpr std::size_t kMaxVertices = 50'000'000;  // per file, after densification
inline constexpr std::size_t kMaxWarnings = 200;         // then one "… more" line

class LoadContext {
 public:
  LoadContext(const LoadOptions& options, LoadResult& result) : options(options), result(result) {}
  LoadContext(const LoadContext&) = delete;
  LoadContext& operator=(const LoadContext&) = delete;

  const LoadOptions& options;
  LoadResult& result;

  void warn(std::string message);
  // Records a feature that could not be used.
  void skip(const std::string& label, const std::string& reason);
  // A problem with the file as a whole: the load stops (the first reason is kept).
  void fail(std::string reason);
  // finish_event, the vertex budget, then appends; a failure is a skip with its reason.
  // Returns false when the file must stop (vertex limit: `result.error` is set).
  bool add(Event event, const std::string& label);
  bool stopped() const { return !result.error.empty(); }
  std::size_t vertices() const { return vertices_; }

  // Ends the load, whichever loader ran and wherever it stopped: GDAL's messages as warnings,
  // one note for the longitudes wrapped into [-180, 180], the "… and N more warnings" line;
  // with an error, no events. Called once.
  void finish(const std::vector<std::string>& gdal_messages);

 private:
  std::size_t vertices_ = 0;
  std::size_t suppressed_ = 0;
  std::size_t wrapped_longitudes_ = 0;
  bool finished_ = false;
};

}  // namespace geo::detail
