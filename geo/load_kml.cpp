// KML through GDAL: the LIBKML driver exposes a placemark's TimeStamp as `timestamp` and its
// TimeSpan as `begin`/`end`, which the generic layer reader picks up. The older KML driver
// (the fallback) has no time fields: its placemarks load untimed, with a warning each.
//
// Before GDAL sees the text, each placemark is checked here (check_kml_text), because what
// libkml and GDAL do with a bad placemark is silent or fatal: a time they cannot parse becomes
// a missing one (a span turns into an instant), and a gx:Track whose <when> and <gx:coord>
// counts differ is read after it was freed (a use-after-free in GxTrack::Parse: SIGSEGV,
// ogrinfo too).
#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <map>
#include <utility>
#include <vector>
#include <fmt/format.h>

#include "load_internal.hpp"

namespace geo::detail {
namespace {

bool is_name_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.'; }
bool ends_name(char c) { return std::isspace(static_cast<unsigned char>(c)) || c == '>' || c == '/'; }

// The KML text of [from, to): finds elements by local name, with or without a prefix
// (`<when>`, `<kml:when>`, `<gx:coord>`).
class KmlText {
 public:
  explicit KmlText(const std::string& text) : text_(text) {}

  // The '<' of the next start tag `<[PREFIX:]name` in [from, to), or npos. The '<' itself is at
  // or after `from`, so searching again from one past a result always moves on (a prefix such
  // as `kml:` once put the name past `from` while the tag began before it: an endless loop).
  std::size_t find_start(const std::string& name, std::size_t from, std::size_t to) const {
    // Searched in [from, to) only: a search to the end of the file for each placemark made a
    // file of many placemarks quadratic (100,000 took 13 minutes).
    const std::string_view within = std::string_view(text_).substr(0, std::min(to, text_.size()));
    for (std::size_t at = within.find(name, from); at != std::string::npos; at = within.find(name, at + 1)) {
      const std::size_t end = at + name.size();
      if (end >= text_.size() || !ends_name(text_[end])) continue;
      std::size_t lt = at;
      if (lt > 0 && text_[lt - 1] == ':') {
        --lt;
        while (lt > 0 && is_name_char(text_[lt - 1])) --lt;
      }
      if (lt > 0 && text_[lt - 1] == '<' && lt - 1 >= from) return lt - 1;
    }
    return std::string::npos;
  }
  std::size_t count(const std::string& name, std::size_t from, std::size_t to) const {
    std::size_t n = 0;
    for (std::size_t at = find_start(name, from, to); at != std::string::npos; at = find_start(name, at + 1, to)) ++n;
    return n;
  }
  // The element starting at `lt`: its prefix ("gx" or ""), where its text starts, and the end
  // of its close tag (npos when it is not closed before `to`).
  struct Element {
    std::string qualified;  // "gx:Track"
    std::size_t content = std::string::npos, content_end = std::string::npos, end = std::string::npos;
  };
  // `leaf`: an element holding text only (a time, a coordinate), whose close tag must be the next
  // markup, so an unclosed one costs no search to `to`.
  Element element(std::size_t lt, std::size_t to, bool leaf = false) const {
    Element e;
    const std::string_view within = std::string_view(text_).substr(0, std::min(to, text_.size()));  // as find_start
    std::size_t name_end = lt + 1;
    while (name_end < text_.size() && (is_name_char(text_[name_end]) || text_[name_end] == ':')) ++name_end;
    e.qualified = text_.substr(lt + 1, name_end - lt - 1);
    const std::size_t gt = within.find('>', name_end);
    if (gt == std::string::npos) return e;
    if (text_[gt - 1] == '/') {  // <when/>: empty
      e.content = e.content_end = gt + 1;
      e.end = gt + 1;
      return e;
    }
    e.content = gt + 1;
    const std::string close = "</" + e.qualified + ">";
    const std::size_t c = leaf ? within.find('<', e.content) : within.find(close, e.content);
    if (c == std::string::npos || within.compare(c, close.size(), close) != 0) return e;
    e.content_end = c;
    e.end = c + close.size();
    return e;
  }
  std::string trimmed(std::size_t from, std::size_t to) const {
    while (from < to && std::isspace(static_cast<unsigned char>(text_[from]))) ++from;
    while (to > from && std::isspace(static_cast<unsigned char>(text_[to - 1]))) --to;
    return text_.substr(from, to - from);
  }
  // Counted on from the last position asked for (placemarks are visited in order).
  long line_of(std::size_t at) const {
    if (at < counted_to_) counted_to_ = 0, lines_ = 1;
    lines_ += std::count(text_.begin() + static_cast<std::ptrdiff_t>(counted_to_),
                         text_.begin() + static_cast<std::ptrdiff_t>(at), '\n');
    counted_to_ = at;
    return lines_;
  }

 private:
  const std::string& text_;
  mutable std::size_t counted_to_ = 0;
  mutable long lines_ = 1;
};

// A time as KML writes it: xsd:dateTime, xsd:date, and also gYearMonth ("2024-07") and gYear
// ("2024"), which mean the start of that month or year (the end of it as an <end>).
std::optional<Seconds> kml_time(const std::string& text, bool is_end, std::string& why) {
  const bool year = text.size() == 4 && std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
  const bool year_month = text.size() == 7 && text[4] == '-' &&
                          std::all_of(text.begin(), text.begin() + 4, [](char c) { return c >= '0' && c <= '9'; }) &&
                          std::isdigit(static_cast<unsigned char>(text[5])) && std::isdigit(static_cast<unsigned char>(text[6]));
  if (year || year_month) {
    const int y = std::stoi(text.substr(0, 4));
    const int m = year_month ? std::stoi(text.substr(5, 2)) : 1;
    if (m < 1 || m > 12) {
      why = fmt::format("invalid time '{}': month out of range", text);
      return std::nullopt;
    }
    const Seconds first = make_time(y, m, 1);
    if (!is_end) return first;
    return (year ? make_time(y + 1, 1, 1) : add_months(first, 1)) - 1;
  }
  const std::optional<TimeValue> t = parse_time_text(text, why);
  if (!t) return std::nullopt;
  return is_end && t->date_only ? end_of_day(t->t) : t->t;
}

// Placemarks with a time that is not one, or an end before its begin, cut out; gx:Tracks whose
// counts differ rebuilt or cut out.
KmlCheck check_placemarks(const std::string& text) {
  const KmlText kml(text);
  KmlCheck check;
  std::string& out = check.text;
  std::size_t copied = 0;  // text[0, copied) is in `out` (once anything changed)
  bool changed = false;
  auto replace = [&](std::size_t from, std::size_t to, std::string_view with) {
    out.append(text, copied, from - copied);
    out.append(with);
    copied = to;
    changed = true;
  };

  for (std::size_t from = 0, lt; (lt = kml.find_start("Placemark", from, text.size())) != std::string::npos;) {
    const KmlText::Element placemark = kml.element(lt, text.size());
    if (placemark.end == std::string::npos) break;  // not closed: libkml's parse error says where
    from = placemark.end;
    std::string name;
    if (const std::size_t n = kml.find_start("name", placemark.content, placemark.content_end); n != std::string::npos) {
      const KmlText::Element e = kml.element(n, placemark.content_end);
      if (e.content_end != std::string::npos) name = shorten_text(kml.trimmed(e.content, e.content_end), kMaxLabelChars);
    }
    const std::string label = fmt::format("line {}: placemark{}", kml.line_of(lt), name.empty() ? "" : " '" + name + "'");

    // Times: one that does not parse, or an end before its begin, leaves the placemark out,
    // as the other loaders skip a feature with a bad time field.
    std::string why;
    std::optional<Seconds> begin, end;
    for (const char* field : {"when", "begin", "end"}) {
      for (std::size_t at = kml.find_start(field, placemark.content, placemark.content_end);
           at != std::string::npos && why.empty(); at = kml.find_start(field, at + std::strlen(field) + 1, placemark.content_end)) {
        const KmlText::Element e = kml.element(at, placemark.content_end, /*leaf=*/true);
        if (e.content_end == std::string::npos) continue;
        const std::string value = kml.trimmed(e.content, e.content_end);
        if (value.empty()) continue;  // an empty <end/> is an open end
        std::string reason;
        const std::optional<Seconds> t = kml_time(value, field == std::string_view("end"), reason);
        if (!t) why = field_error(field, reason);
        if (field == std::string_view("begin")) begin = t;
        if (field == std::string_view("end")) end = t;
      }
    }
    if (why.empty() && begin && end && *end < *begin)
      why = field_error("end", fmt::format("end {} is before begin {}", format_time(*end), format_time(*begin)));
    if (!why.empty()) {
      check.warnings.push_back(fmt::format("{}: {}: left out", label, why));
      ++check.left_out;
      replace(lt, placemark.end, "");
      continue;
    }

    // gx:Tracks whose counts differ: the first positions that have both a time and a
    // coordinate are kept; a track with fewer than two is removed, and a placemark with no
    // geometry left is left out (never an event with nothing to draw).
    std::string placemark_text;  // the placemark as rewritten, when a track changed
    std::size_t placemark_copied = placemark.content;
    bool track_changed = false;
    for (std::size_t at = placemark.content, t;
         (t = kml.find_start("Track", at, placemark.content_end)) != std::string::npos;) {
      const KmlText::Element track = kml.element(t, placemark.content_end);
      if (track.end == std::string::npos) break;
      at = track.end;
      // The complete <when>…</when> and <gx:coord>…</gx:coord> elements, each [start, end):
      // a rebuilt track must hold exactly as many of each (a malformed one dropped from the
      // text but counted would hand libkml the very mismatch it crashes on).
      auto complete = [&](const char* part) {
        std::vector<std::pair<std::size_t, std::size_t>> found;
        for (std::size_t p = kml.find_start(part, track.content, track.content_end); p != std::string::npos;) {
          const KmlText::Element e = kml.element(p, track.content_end, /*leaf=*/true);
          if (e.end != std::string::npos) found.emplace_back(p, e.end);
          p = kml.find_start(part, e.end != std::string::npos ? e.end : p + 1 + e.qualified.size(), track.content_end);
        }
        return found;
      };
      const auto when_elements = complete("when"), coord_elements = complete("coord");
      const std::size_t whens = kml.count("when", track.content, track.content_end);
      const std::size_t coords = kml.count("coord", track.content, track.content_end);
      if (whens == coords && when_elements.size() == whens && coord_elements.size() == coords) continue;
      const std::size_t kept = std::min(when_elements.size(), coord_elements.size());
      const std::string prefix = track.qualified.substr(0, track.qualified.find(':') + 1);  // "gx:"
      std::string rebuilt;
      if (kept >= 2) {
        rebuilt = "<" + track.qualified + ">";
        for (const auto* elements : {&when_elements, &coord_elements})
          for (std::size_t i = 0; i < kept; ++i) rebuilt.append(text, (*elements)[i].first, (*elements)[i].second - (*elements)[i].first);
        rebuilt += "</" + track.qualified + ">";
      }
      check.warnings.push_back(fmt::format(
          "{}: {}Track with {} <when> and {} <{}coord>{} (the counts must match): {}", label, prefix, whens, coords, prefix,
          when_elements.size() == whens && coord_elements.size() == coords
              ? ""
              : fmt::format(", {} and {} of them complete", when_elements.size(), coord_elements.size()),
          kept >= 2 ? fmt::format("kept the first {} positions, the ones with both a time and a coordinate", kept)
                    : "fewer than two positions with both a time and a coordinate: track left out"));
      placemark_text.append(text, placemark_copied, t - placemark_copied);
      placemark_text += rebuilt;
      placemark_copied = track.end;
      track_changed = true;
    }
    if (!track_changed) continue;
    placemark_text.append(text, placemark_copied, placemark.content_end - placemark_copied);
    const bool has_geometry = placemark_text.find("coordinates") != std::string::npos ||
                              placemark_text.find("coord>") != std::string::npos;
    if (!has_geometry) {
      check.warnings.push_back(fmt::format("{}: no geometry left: left out", label));
      ++check.left_out;
      replace(lt, placemark.end, "");
      continue;
    }
    replace(placemark.content, placemark.content_end, placemark_text);
  }
  if (!changed) {
    check.text.clear();
    return check;
  }
  out.append(text, copied, std::string::npos);
  return check;
}

// Every time of the (checked) text as GDAL can read it. GDAL's LIBKML driver parses a <when>,
// <begin> or <end> with OGRParseXMLDateTime, which takes only xsd:dateTime and xsd:date: KML's
// own gYear ("2024") and gYearMonth ("2024-07"), and the other forms patrolscope reads (epoch
// seconds, a space for the T, "20240715"), would be dropped without a word, a span turning into
// an instant. Each value is rewritten as the UTC time it means here ("2024" as a begin is
// 2024-01-01T00:00:00Z, as an end 2024-12-31T23:59:59Z; a date alone as an end, the end of that
// day), so what check_placemarks accepted is what GDAL reads. "" when nothing changed.
// The gx:Tracks' positions and times are collected in `tracks` (GDAL reads their coordinates
// only; the times are put back by load_kml).
std::string canonical_times(const std::string& text, std::vector<Line>& tracks) {
  const KmlText kml(text);
  std::string out;
  std::size_t copied = 0;
  // The time elements in the order they appear (any prefix), each rewritten when its text is
  // not already the canonical one.
  struct Edit {
    std::size_t from, to;
    std::string with;
  };
  std::vector<Edit> edits;
  // Placemark by placemark, every search bounded by it (a Document's or Folder's time is not read).
  for (std::size_t from = 0, lt; (lt = kml.find_start("Placemark", from, text.size())) != std::string::npos;) {
    const KmlText::Element placemark = kml.element(lt, text.size());
    if (placemark.end == std::string::npos) break;
    from = placemark.end;
    for (const char* field : {"when", "begin", "end"}) {
      const bool is_end = field == std::string_view("end");
      for (std::size_t at = kml.find_start(field, placemark.content, placemark.content_end); at != std::string::npos;
           at = kml.find_start(field, at + std::strlen(field) + 1, placemark.content_end)) {
        const KmlText::Element e = kml.element(at, placemark.content_end, /*leaf=*/true);
        if (e.content_end == std::string::npos) continue;
        const std::string value = kml.trimmed(e.content, e.content_end);
        if (value.empty()) continue;
        std::string why;
        const std::optional<Seconds> t = kml_time(value, is_end, why);
        if (!t) continue;
        std::string canonical = format_time(*t);
        if (canonical != text.substr(e.content, e.content_end - e.content)) edits.push_back({e.content, e.content_end, std::move(canonical)});
      }
    }
    for (std::size_t at = placemark.content, t; (t = kml.find_start("Track", at, placemark.content_end)) != std::string::npos;) {
      const KmlText::Element track = kml.element(t, placemark.content_end);
      if (track.end == std::string::npos) break;
      at = track.end;
      Line line;
      for (std::size_t p = kml.find_start("when", track.content, track.content_end); p != std::string::npos;
           p = kml.find_start("when", p + 5, track.content_end)) {
        const KmlText::Element e = kml.element(p, track.content_end, /*leaf=*/true);
        if (e.content_end == std::string::npos) break;
        std::string why;
        const std::optional<Seconds> when = kml_time(kml.trimmed(e.content, e.content_end), false, why);
        line.times.push_back(when ? *when : kNoTime);
      }
      for (std::size_t p = kml.find_start("coord", track.content, track.content_end); p != std::string::npos;
           p = kml.find_start("coord", p + 6, track.content_end)) {
        const KmlText::Element e = kml.element(p, track.content_end, /*leaf=*/true);
        if (e.content_end == std::string::npos) break;
        const std::string value = kml.trimmed(e.content, e.content_end);
        char* end = nullptr;
        const double lon = std::strtod(value.c_str(), &end);
        const double lat = std::strtod(end, nullptr);
        line.coords.push_back({lon, lat});
      }
      if (line.times.size() == line.coords.size() && line.coords.size() >= 2) tracks.push_back(std::move(line));
    }
  }
  if (edits.empty()) return "";
  std::sort(edits.begin(), edits.end(), [](const Edit& a, const Edit& b) { return a.from < b.from; });
  for (const Edit& edit : edits) {
    out.append(text, copied, edit.from - copied);
    out += edit.with;
    copied = edit.to;
  }
  out.append(text, copied, std::string::npos);
  return out;
}

}  // namespace

KmlCheck check_kml_text(const std::string& text) {
  KmlCheck check = check_placemarks(text);
  std::string normalised = canonical_times(check.text.empty() ? text : check.text, check.tracks);
  if (!normalised.empty()) check.text = std::move(normalised);
  return check;
}

void load_kml(GDALDataset& dataset, LoadContext& ctx, const std::vector<Line>& tracks) {
  // GDAL reads a gx:Track as a line of its coordinates and drops the <when> of each: the times
  // go back on the line with the same coordinates (each track once).
  std::multimap<std::size_t, std::size_t> by_size;  // vertex count → index in `tracks`
  for (std::size_t i = 0; i < tracks.size(); ++i) by_size.emplace(tracks[i].coords.size(), i);
  const auto same = [](const std::vector<LonLat>& a, const std::vector<LonLat>& b) {
    for (std::size_t i = 0; i < a.size(); ++i)
      if (!(std::abs(a[i].lon - b[i].lon) <= 1e-9 && std::abs(a[i].lat - b[i].lat) <= 1e-9)) return false;
    return true;
  };
  const std::function<void(Event&)> track_times = [&](Event& e) {
    for (Line& line : e.geometry.lines) {
      const auto [first, last] = by_size.equal_range(line.coords.size());
      for (auto it = first; it != last; ++it) {
        if (!same(tracks[it->second].coords, line.coords)) continue;
        line.times = tracks[it->second].times;
        by_size.erase(it);
        break;
      }
    }
  };
  std::size_t index = 0;  // placemarks are numbered across folders (layers)
  for (OGRLayer* layer : dataset.GetLayers()) {
    if (ctx.stopped()) return;
    load_layer(*layer, ctx, index, false, tracks.empty() ? nullptr : &track_times);
  }
}

}  // namespace geo::detail
