// A session: an analyst's workspace as a versioned JSON file (schema: docs/session.md) — the
// inputs and their layer styles, the map's projection and view, the time, the filters, the
// selection, notes, bookmarks, and the snapshot and clip settings. Plain data, no GL: the
// viewer (ui::apply_session / capture_session), `render`, `view` and `animate --session`
// all read and write this one struct. Input paths are stored relative to the session file and
// resolved against it on reading; keys a newer version wrote are kept and written back.
#pragma once
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "color_rule.hpp"
#include "filter.hpp"
#include "projection.hpp"
#include "time.hpp"

namespace geo {

inline constexpr int kSessionVersion = 1;
inline constexpr std::size_t kMaxSessionBytes = 4 << 20;  // a larger file is refused

// How one layer is drawn. Layers are drawn in `order` (lower first, so higher lies on top).
struct LayerStyle {
  bool visible = true;
  std::optional<ColorChoice> color;  // unset: the session's colour_by
  float line_width = 2.5f;           // pixels (tracks and outlines)
  float opacity = 1.0f;              // 0–1, multiplies the colour's alpha
  int order = 0;
  bool operator==(const LayerStyle&) const = default;
};

// One input file (or the bundled dataset) or one zone file, with its style.
struct SessionLayer {
  enum class Type { Events, Zones } type = Type::Events;
  // As usable from the current directory after reading (resolved against the session file);
  // written relative to the session file. Empty (Events only): the bundled dataset.
  std::string path;
  std::string name;  // shown name; empty: the file's name
  LayerStyle style;
  bool operator==(const SessionLayer&) const = default;
};

// The column and table options every input is read with (InputOptions::load).
struct SessionLoad {
  std::string id_column, time_column, lon_column, lat_column, table, sql;
  bool operator==(const SessionLoad&) const = default;
};

struct SessionView {
  std::string projection = "pacific";  // a preset name or any CRS definition
  std::optional<Extent> extent;        // map units; unset: the projection's own frame
  bool operator==(const SessionView&) const = default;
};

struct SessionTime {
  std::optional<Seconds> cursor;      // unset: the end of the latest matching event
  Seconds window = kSecondsPerYear;   // trail / window length
  std::string mode = "cumulative";    // trail, fixed, cumulative, all
  bool operator==(const SessionTime&) const = default;
};

struct Bookmark {
  std::string name;
  Extent extent;                        // map units
  Seconds from = kNoTime, to = kNoTime;  // the time span; kNoTime: none kept
  bool operator==(const Bookmark&) const = default;
};

struct SnapshotSettings {
  int width = 1920, height = 1080;
  std::string title, subtitle, banner;  // empty title: the default title
  std::string legend = "auto";          // auto, tl, tr, bl, br, off
  bool overlays = true, transparent = false, world_file = false;
  std::string fit = "none";  // how render framed map.extent (data, filter, selection, outline, none): its metadata
  bool operator==(const SnapshotSettings&) const = default;
};

struct ClipSettings {
  double duration_s = 20;
  std::string speed;   // data time per clip second ("7d"); empty: from the duration
  int fps = 30;
  std::string window;  // trail length ("7d", "all"); empty: the clip's default
  std::string mode = "trail";
  bool skip_empty = true, names = true;
  int quality = 75;
  bool operator==(const ClipSettings&) const = default;
};

// Which map layers are drawn (the viewer's Layers).
struct SessionShow {
  bool land = true, coast = true, graticule = true, labels = true, areas = true, tracks = true, points = true;
  bool borders = true;
  bool operator==(const SessionShow&) const = default;
};

struct Session {
  int version = kSessionVersion;
  std::vector<SessionLayer> layers;  // events layers in input order, then zone layers
  std::string coastline;             // empty: the bundled land (resolved like layer paths)
  SessionLoad load;
  SessionView view;
  SessionTime time;
  Filter filter;
  ColorChoice color_by;              // the default for layers without their own colour
  SessionShow show;
  std::vector<std::string> selection;  // event ids
  std::string notes;
  std::vector<Bookmark> bookmarks;
  SnapshotSettings snapshot;
  ClipSettings clip;
  // Keys this version does not know (a newer version's), as JSON pointer → JSON text: kept,
  // written back where they were.
  std::vector<std::pair<std::string, std::string>> unknown;

  std::vector<std::string> input_paths() const;  // the Events layers' paths, in order
  bool operator==(const Session&) const = default;
};

// A missing or unreadable input named by a session.
struct SessionProblem {
  std::string file;    // as resolved
  std::string reason;  // "no such file", …
};

struct SessionReadResult {
  Session session;
  std::string error;                   // the session itself could not be read (then nothing applies)
  std::vector<std::string> warnings;   // a bad value (skipped), unknown keys (kept), a newer version
  std::vector<SessionProblem> missing; // inputs that are not there; the session keeps them
  bool ok() const { return error.empty(); }
};

// Parses session JSON; relative paths are resolved against `base_dir` (the session file's
// folder) and made lexically normal. Never throws.
SessionReadResult parse_session(const std::string& json_text, const std::string& base_dir);
// Reads a JSON session file (a PNG's session is read by the viewer's session_file.hpp, which
// takes its kSessionPngKey text and calls parse_session). Never throws; the error names the file.
SessionReadResult read_session(const std::string& path);

// The session as JSON text (2-space indented, keys in schema order), its paths made relative
// to `base_dir` (the folder the session is written to).
std::string session_json(const Session& session, const std::string& base_dir);
// Compact JSON for a PNG's metadata (the same content, no indentation).
std::string session_json_compact(const Session& session, const std::string& base_dir);
// Writes the session file atomically (geo/output_file). Throws std::runtime_error naming it.
void write_session(const Session& session, const std::string& path);

// The PNG text key that holds a session.
inline constexpr const char* kSessionPngKey = "patrolscope:session";

// "a/b/../c.geojson" relative to `base_dir` made usable from here; absolute paths stay.
std::string resolve_session_path(const std::string& stored, const std::string& base_dir);
// A path usable from here, relative to `base_dir` (lexically; absolute when on another root).
std::string relative_session_path(const std::string& path, const std::string& base_dir);

}  // namespace geo
