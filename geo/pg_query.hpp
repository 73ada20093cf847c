// Time-window queries on a PostGIS position table: the server filters by time (with the time
// column's index) and by lon/lat box, so a large archive is never read whole. Identifiers are
// escaped by libpq (PQescapeIdentifier) and every value is a bound parameter: no user text is
// spliced into SQL.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "event.hpp"
#include "regions.hpp"

struct pg_conn;  // libpq's PGconn

namespace geo {

struct TimeWindowQuery {
  // The table, "positions" or "schema.positions"; a part with a dot or leading quote in its
  // name is written in SQL's double quotes ("ais.2024"."fixes"), and each part is escaped.
  std::string table;
  std::string id_column = "track_id", time_column = "time", lon_column = "lon", lat_column = "lat";
  Seconds from = 0, to = 0;     // UTC, inclusive
  std::optional<GeoBox> box;    // west > east crosses 180° (queried as two boxes); none: everywhere
  // At most this many rows come back (the server stops there: LIMIT); more in the window gives
  // PositionRows::truncated and a warning that says to narrow the window.
  std::size_t max_rows = 2'000'000;
};

// The parts of a table name ("schema.table" → {"schema", "table"}; "t" → {"t"}), double-quoted
// parts unquoted ("\"a.b\".t" → {"a.b", "t"}); empty when it is not one or two parts.
std::vector<std::string> table_name_parts(const std::string& table);

// The statement and its parameters ($1 … $9: from, to, two longitude ranges, the latitude
// range, the row limit + 1), for `conn`'s escaping rules; `error` set when an identifier cannot be escaped.
struct BoundQuery {
  std::string sql;
  std::vector<std::string> params;
  std::string error;
};
BoundQuery position_query(pg_conn* conn, const TimeWindowQuery& query);

struct PositionRow {
  std::string id;
  Seconds t = 0;
  LonLat p;
};
struct PositionRows {
  std::vector<PositionRow> rows;  // ordered by id, then time
  bool truncated = false;         // more rows than max_rows in the window: the first max_rows kept
  std::string warning;            // "truncated at N rows …" when truncated
  std::string error;              // the connection's or the server's message (no password)
};

// The timeline's counts for a window, counted by the server (GROUP BY a time bucket: no fix is
// fetched). Bin i covers [first + i·width, first + (i+1)·width), bins aligned to multiples of
// the width since the epoch as geo::histogram's, from the bin holding `from` to the one
// holding `to`; empty bins are 0.
struct PositionHistogram {
  Seconds first = 0, width = 1;
  std::vector<int> tracks;       // distinct track ids with a fix in the bin
  std::vector<long long> fixes;  // fixes in the bin
  std::string error;
};
BoundQuery histogram_query(pg_conn* conn, const TimeWindowQuery& query, Seconds width);  // $9: the width
PositionHistogram query_position_histogram(const std::string& connection, const TimeWindowQuery& query, Seconds width);

// Runs the query on `connection` (libpq's "host=… dbname=…", with or without GDAL's "PG:").
PositionRows query_positions(const std::string& connection, const TimeWindowQuery& query);

}  // namespace geo
