// KML through GDAL: the LIBKML driver exposes a placemark's TimeStamp as `timestamp` and its
// TimeSpan as `begin`/`end`, which the generic layer reader picks up. The older KML driver
// (the fallback) has no time fields: its placemarks load untimed, with a warning each.
#include <algorithm>
#include <cctype>
#include <fmt/format.h>

#include "load_internal.hpp"

namespace geo::detail {

// libkml (GDAL's LIBKML driver) reads a gx:Track whose <when> and <gx:coord> counts differ
// after freeing it (a use-after-free in GxTrack::Parse: SIGSEGV, ogrinfo too). Such tracks are
// cut out of the text before GDAL sees it, each with a warning; the rest of the file loads.
std::string without_mismatched_tracks(const std::string& text, std::vector<std::string>& warnings) {
  auto is_name_char = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.'; };
  auto ends_name = [](char c) { return std::isspace(static_cast<unsigned char>(c)) || c == '>' || c == '/'; };
  // Elements `<PREFIX:name` (or `<name`) in [from, to).
  auto count_elements = [&](std::size_t from, std::size_t to, const std::string& name) {
    std::size_t n = 0;
    for (std::size_t at = text.find(name, from); at != std::string::npos && at < to; at = text.find(name, at + 1)) {
      const std::size_t end = at + name.size();
      if (end >= text.size() || !ends_name(text[end])) continue;
      std::size_t lt = at;
      if (lt > 0 && text[lt - 1] == ':') {
        --lt;
        while (lt > 0 && is_name_char(text[lt - 1])) --lt;
      }
      if (lt > 0 && text[lt - 1] == '<') ++n;
    }
    return n;
  };
  std::string out;
  std::size_t copied = 0;
  for (std::size_t from = 0, at; (at = text.find(":Track", from)) != std::string::npos;) {
    from = at + 6;
    std::size_t lt = at;
    while (lt > 0 && is_name_char(text[lt - 1])) --lt;
    if (lt == 0 || text[lt - 1] != '<' || at + 6 >= text.size() || !ends_name(text[at + 6]) || lt - 1 < copied) continue;
    const std::string prefix = text.substr(lt, at - lt);
    const std::string close = "</" + prefix + ":Track>";
    const std::size_t end = text.find(close, at);
    if (end == std::string::npos) break;  // truncated: the parser reports it
    const std::size_t whens = count_elements(at, end, "when"), coords = count_elements(at, end, "coord");
    if (whens == coords) continue;
    const auto line = 1 + std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(lt), '\n');
    warnings.push_back(fmt::format("line {}: {}:Track with {} <when> and {} <{}:coord> (the counts must match): left out",
                                   line, prefix, whens, coords, prefix));
    out.append(text, copied, lt - 1 - copied);
    from = copied = end + close.size();
  }
  if (copied == 0) return {};
  out.append(text, copied, std::string::npos);
  return out;
}

void load_kml(GDALDataset& dataset, LoadContext& ctx) {
  std::size_t index = 0;  // placemarks are numbered across folders (layers)
  for (OGRLayer* layer : dataset.GetLayers()) {
    if (ctx.stopped()) return;
    load_layer(*layer, ctx, index);
  }
}

}  // namespace geo::detail
