// GPX: each track is an event whose segments are lines, with the track points' times as
// per-vertex times; each route is a line (timed where its points carry times); each waypoint
// a point (timed when it carries a time). One streaming expat pass: GDAL's GPX driver parses
// the file once per layer and builds an OGRFeature per point, 3–4× slower.
#include <expat.h>
#include <fmt/format.h>

#include <cctype>
#include <charconv>
#include <cstring>
#include <memory>
#include <optional>

#include "load_internal.hpp"
#include "vsi_file.hpp"

namespace geo::detail {
namespace {

std::string_view local_name(const char* name) {  // "gpx:trkpt" → "trkpt"
  const char* colon = std::strrchr(name, ':');
  return colon ? colon + 1 : name;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

class GpxReader {
 public:
  explicit GpxReader(LoadContext& ctx) : ctx_(ctx) {}

  // Reads every track, route and waypoint; returns false when the file must stop (error set).
  bool read(const std::string& path) {
    VsiFile file(path);  // through GDAL's VSI: /vsizip/…/x.gpx, /vsigzip/… too
    if (!file) return fail("cannot be read");
    std::unique_ptr<XML_ParserStruct, void (*)(XML_Parser)> parser(XML_ParserCreate(nullptr), &XML_ParserFree);
    parser_ = parser.get();
    XML_SetUserData(parser_, this);
    XML_SetElementHandler(parser_, &GpxReader::on_start, &GpxReader::on_end);
    XML_SetCharacterDataHandler(parser_, &GpxReader::on_text);
    XML_SetEntityDeclHandler(parser_, &GpxReader::on_entity);
    constexpr int kChunk = 256 * 1024;
    for (;;) {
      void* buffer = XML_GetBuffer(parser_, kChunk);
      if (buffer == nullptr) return fail("out of memory");
      const std::size_t n = file.read(buffer, kChunk);
      const bool last = n < static_cast<std::size_t>(kChunk);
      if (XML_ParseBuffer(parser_, static_cast<int>(n), last) != XML_STATUS_OK) {
        if (!fatal_.empty()) return fail(fatal_);
        const std::string why = fmt::format("XML error at line {}: {}", XML_GetCurrentLineNumber(parser_),
                                            XML_ErrorString(XML_GetErrorCode(parser_)));
        if (ctx_.result.events.empty()) return fail(why);
        ctx_.warn(why + " (the rest of the file is ignored)");  // keep the complete features
        return true;
      }
      if (last || ctx_.stopped()) break;
    }
    return !ctx_.stopped();
  }

 private:
  enum class Feature { None, Track, Route, Waypoint };
  enum class Capture { None, Name, Type, Desc, Time };

  bool fail(const std::string& why) {
    ctx_.fail(why);
    return false;
  }
  void stop(std::string why) {
    fatal_ = std::move(why);
    XML_StopParser(parser_, XML_FALSE);
  }
  std::string_view parent() const { return stack_.empty() ? std::string_view() : stack_.back(); }

  void start(std::string_view name, const char** attributes) {
    const std::string_view up = parent();
    if (feature_ == Feature::None && up == "gpx" && (name == "trk" || name == "rte" || name == "wpt")) {
      begin_feature(name == "trk" ? Feature::Track : name == "rte" ? Feature::Route : Feature::Waypoint);
      if (feature_ == Feature::Waypoint) add_point(attributes);
    } else if (feature_ == Feature::Track && name == "trkseg" && up == "trk") {
      lines_.emplace_back();
      loose_segment_ = false;
    } else if (feature_ == Feature::Track && name == "trkpt" && up == "trk") {
      // Not valid GPX, but written by some tools: the points are read as a segment of their
      // own (said once per track), not dropped.
      if (!loose_segment_) lines_.emplace_back();
      loose_segment_ = true;
      ++loose_points_;
      add_point(attributes);
    } else if ((feature_ == Feature::Track && name == "trkpt" && up == "trkseg") ||
               (feature_ == Feature::Route && name == "rtept" && up == "rte")) {
      add_point(attributes);
    } else if (feature_ != Feature::None && stack_.size() == feature_depth_ &&
               (name == "name" || name == "type" || name == "desc")) {
      begin_capture(name == "name" ? Capture::Name : name == "type" ? Capture::Type : Capture::Desc);
    } else if (feature_ != Feature::None && name == "time" &&
               (up == "trkpt" || up == "rtept" || (up == "wpt" && stack_.size() == feature_depth_))) {
      begin_capture(Capture::Time);
    }
    stack_.emplace_back(name);
  }

  void end(std::string_view name) {
    if (!stack_.empty()) stack_.pop_back();
    if (capture_ != Capture::None) end_capture();
    if (feature_ != Feature::None && stack_.size() + 1 == feature_depth_ &&
        (name == "trk" || name == "rte" || name == "wpt"))
      finish_feature();
  }

  void begin_feature(Feature kind) {
    feature_ = kind;
    feature_depth_ = stack_.size() + 1;  // the depth of the feature's own children
    event_ = Event{};
    lines_.clear();
    point_ = std::nullopt;
    point_time_ = kNoTime;
    error_.clear();
    points_in_feature_ = 0;
    loose_points_ = 0;
    loose_segment_ = false;
    if (kind == Feature::Route) lines_.emplace_back();
  }

  void begin_capture(Capture what) {
    capture_ = what;
    text_.clear();
  }

  void end_capture() {
    const std::string_view text = trim(text_);
    switch (capture_) {
      case Capture::Name: event_.name = text; break;
      case Capture::Type: event_.kind = text; break;
      case Capture::Desc: event_.notes = text; break;
      case Capture::Time: set_time(text); break;
      case Capture::None: break;
    }
    capture_ = Capture::None;
  }

  void add_point(const char** attributes) {
    ++points_in_feature_;
    if (++points_ > kMaxVertices) return stop(fmt::format("more than {} vertices: too large to load", kMaxVertices));
    const char* lat = nullptr;
    const char* lon = nullptr;
    for (const char** a = attributes; a[0] != nullptr; a += 2) {
      if (std::strcmp(a[0], "lat") == 0) lat = a[1];
      if (std::strcmp(a[0], "lon") == 0) lon = a[1];
    }
    LonLat p;
    std::string why;
    if (!lat || !lon || !parse_number(lat, p.lat) || !parse_number(lon, p.lon))
      why = fmt::format("point {}: missing or invalid lat/lon", points_in_feature_);
    else if (std::string range = check_lon_lat(p.lon, p.lat); !range.empty())
      why = fmt::format("point {}: {}", points_in_feature_, range);
    if (!why.empty()) {
      if (error_.empty()) error_ = field_error("geometry", why);
      return;
    }
    if (feature_ == Feature::Waypoint) {
      point_ = p;
      return;
    }
    if (lines_.empty()) lines_.emplace_back();
    lines_.back().coords.push_back(p);
    lines_.back().times.push_back(kNoTime);
  }

  void set_time(std::string_view text) {
    if (text.empty()) return;
    std::string why;
    const auto t = parse_time_text(text, why);
    if (!why.empty() && error_.empty())
      error_ = field_error("time", fmt::format("point {}: {}", points_in_feature_, why));
    if (!t) return;
    if (feature_ == Feature::Waypoint)
      point_time_ = t->t;
    else if (!lines_.empty() && !lines_.back().times.empty())
      lines_.back().times.back() = t->t;
  }

  void finish_feature() {
    const char* noun = feature_ == Feature::Track ? "track" : feature_ == Feature::Route ? "route" : "waypoint";
    const std::size_t index = ++counts_[static_cast<int>(feature_)];
    const std::string label = fmt::format("{} {}{}", noun, index, event_.name.empty() ? "" : " (" + event_.name + ")");
    const Feature kind = feature_;
    feature_ = Feature::None;
    if (!error_.empty()) return ctx_.skip(label, error_);
    if (loose_points_ > 0)
      ctx_.warn(fmt::format("{}: {} point(s) directly under <trk>, not in a <trkseg>: read as a segment", label,
                            loose_points_));
    event_.id = event_.name.empty() ? fmt::format("{}-{}", noun, index) : event_.name;
    if (kind == Feature::Waypoint) {
      if (!point_) return ctx_.skip(label, field_error("geometry", "missing lat/lon"));
      event_.geometry.points.push_back(*point_);
      event_.start = event_.end = point_time_;
    } else {
      for (Line& line : lines_)
        if (!line.coords.empty()) event_.geometry.lines.push_back(std::move(line));
    }
    if (!ctx_.add(std::move(event_), label)) stop(ctx_.result.error);
  }

  static bool parse_number(const char* text, double& out) {
    const std::string_view s = trim(text);
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
    return ec == std::errc() && end == s.data() + s.size();
  }

  static void on_start(void* self, const XML_Char* name, const XML_Char** attributes) {
    static_cast<GpxReader*>(self)->start(local_name(name), attributes);
  }
  static void on_end(void* self, const XML_Char* name) { static_cast<GpxReader*>(self)->end(local_name(name)); }
  static void on_text(void* self, const XML_Char* text, int length) {
    auto* reader = static_cast<GpxReader*>(self);
    if (reader->capture_ != Capture::None) reader->text_.append(text, static_cast<std::size_t>(length));
  }
  // Entity expansion ("billion laughs") is refused outright, wherever the declaration is.
  static void on_entity(void* self, const XML_Char*, int, const XML_Char*, int, const XML_Char*, const XML_Char*,
                        const XML_Char*, const XML_Char*) {
    static_cast<GpxReader*>(self)->stop("XML entity declarations are not accepted");
  }

  LoadContext& ctx_;
  XML_Parser parser_ = nullptr;
  std::vector<std::string> stack_;
  Feature feature_ = Feature::None;
  std::size_t feature_depth_ = 0;
  Capture capture_ = Capture::None;
  std::string text_, fatal_, error_;
  Event event_;
  std::vector<Line> lines_;
  std::optional<LonLat> point_;
  Seconds point_time_ = kNoTime;
  std::size_t points_ = 0, points_in_feature_ = 0;
  std::size_t loose_points_ = 0;  // <trkpt> directly under <trk>
  bool loose_segment_ = false;    // the last line holds such points
  std::size_t counts_[4] = {0, 0, 0, 0};
};

}  // namespace

std::string xml_root_name(std::string_view head) {
  // UTF-16 (by its byte-order mark): the markup is ASCII, so every other byte is enough here.
  std::string narrowed;
  if (head.size() >= 2 && (head.substr(0, 2) == "\xFF\xFE" || head.substr(0, 2) == "\xFE\xFF")) {
    for (std::size_t i = head[0] == '\xFF' ? 2 : 3; i < head.size(); i += 2) narrowed.push_back(head[i]);
    head = narrowed;
  }
  if (head.substr(0, 3) == "\xEF\xBB\xBF") head.remove_prefix(3);
  std::size_t at = 0;
  for (;;) {
    at = head.find('<', at);
    if (at == std::string_view::npos || at + 1 >= head.size()) return "";
    const std::string_view rest = head.substr(at);
    std::string_view close;
    if (rest.substr(0, 4) == "<!--") close = "-->";
    else if (rest.substr(0, 2) == "<?") close = "?>";
    else if (rest.substr(0, 2) == "<!") close = ">";  // <!DOCTYPE …> (no internal subset with '>')
    if (close.empty()) break;
    at = head.find(close, at + 2);
    if (at == std::string_view::npos) return "";  // still inside: not decided by this head
    at += close.size();
  }
  std::size_t end = at + 1;
  while (end < head.size() && !std::isspace(static_cast<unsigned char>(head[end])) && head[end] != '>' &&
         head[end] != '/')
    ++end;
  const std::string_view name = head.substr(at + 1, end - at - 1);
  const std::size_t colon = name.rfind(':');
  return std::string(colon == std::string_view::npos ? name : name.substr(colon + 1));
}

bool looks_like_gpx(std::string_view head) { return xml_root_name(head) == "gpx"; }

void load_gpx(const std::string& path, LoadContext& ctx) { GpxReader(ctx).read(path); }

}  // namespace geo::detail
