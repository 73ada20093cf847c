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
  // One table name (a single identifier: "positions", not "schema.positions") and its columns.
  std::string table;
  std::string id_column = "track_id", time_column = "time", lon_column = "lon", lat_column = "lat";
  Seconds from = 0, to = 0;     // UTC, inclusive
  std::optional<GeoBox> box;    // west > east crosses 180° (queried as two boxes); none: everywhere
};

// The statement and its parameters ($1 … $8: from, to, two longitude ranges, the latitude
// range), for `conn`'s escaping rules; `error` set when an identifier cannot be escaped.
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
  std::string error;              // the connection's or the server's message
};

// Runs the query on `connection` (libpq's "host=… dbname=…", with or without GDAL's "PG:").
PositionRows query_positions(const std::string& connection, const TimeWindowQuery& query);

}  // namespace geo
