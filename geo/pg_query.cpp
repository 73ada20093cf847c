#include "pg_query.hpp"

#include <fmt/format.h>
#include <libpq-fe.h>

#include <cmath>
#include <memory>

#include "load.hpp"
#include "time.hpp"

namespace geo {
namespace {

struct ConnectionCloser {
  void operator()(PGconn* conn) const { PQfinish(conn); }
};
struct ResultClearer {
  void operator()(PGresult* result) const { PQclear(result); }
};

// "…" with any quote doubled, by libpq; "" when it cannot (bad encoding, no memory).
std::string escaped_identifier(PGconn* conn, const std::string& name) {
  char* escaped = PQescapeIdentifier(conn, name.c_str(), name.size());
  if (escaped == nullptr) return "";
  std::string out(escaped);
  PQfreemem(escaped);
  return out;
}

std::string number(double v) { return fmt::format("{:.17g}", v); }

// "schema"."table" or "table", each part escaped; "" when the name cannot be used.
std::string escaped_table(PGconn* conn, const std::string& table) {
  std::string out;
  for (const std::string& part : table_name_parts(table)) {
    const std::string escaped = escaped_identifier(conn, part);
    if (escaped.empty()) return "";
    out += (out.empty() ? "" : ".") + escaped;
  }
  return out;
}

}  // namespace

std::vector<std::string> table_name_parts(const std::string& table) {
  std::vector<std::string> parts;
  std::size_t i = 0;
  while (true) {
    std::string part;
    if (i < table.size() && table[i] == '"') {  // "…" with "" for a quote
      for (++i;; ++i) {
        if (i >= table.size()) return {};  // unclosed
        if (table[i] == '"') {
          if (i + 1 < table.size() && table[i + 1] == '"') {
            part += '"';
            ++i;
          } else {
            ++i;
            break;
          }
        } else {
          part += table[i];
        }
      }
    } else {
      const std::size_t dot = table.find('.', i);
      part = table.substr(i, dot == std::string::npos ? std::string::npos : dot - i);
      i = dot == std::string::npos ? table.size() : dot;
    }
    if (part.empty()) return {};
    parts.push_back(std::move(part));
    if (i >= table.size()) break;
    if (table[i] != '.' || parts.size() == 2) return {};  // junk after a quoted part, or a.b.c
    ++i;
  }
  return parts;
}

BoundQuery position_query(pg_conn* conn, const TimeWindowQuery& query) {
  BoundQuery bound;
  const std::string table = escaped_table(conn, query.table), id = escaped_identifier(conn, query.id_column),
                    time = escaped_identifier(conn, query.time_column),
                    lon = escaped_identifier(conn, query.lon_column), lat = escaped_identifier(conn, query.lat_column);
  if (query.table.empty() || table.empty() || id.empty() || time.empty() || lon.empty() || lat.empty()) {
    bound.error = "a table or column name cannot be used (empty or not valid text)";
    return bound;
  }
  // Times as untyped text parameters: the server reads them as the column's own type
  // (timestamp or timestamptz), so the comparison stays on the bare column and its index.
  bound.sql = fmt::format(
      "SELECT {id}::text, extract(epoch FROM {time})::float8, {lon}::float8, {lat}::float8 FROM {table}"
      " WHERE {time} >= $1 AND {time} <= $2"
      " AND ({lon} BETWEEN $3 AND $4 OR {lon} BETWEEN $5 AND $6) AND {lat} BETWEEN $7 AND $8"
      " ORDER BY {id}, {time} LIMIT $9",
      fmt::arg("id", id), fmt::arg("time", time), fmt::arg("lon", lon), fmt::arg("lat", lat), fmt::arg("table", table));
  const GeoBox box = query.box.value_or(GeoBox{});
  // Across 180°: [west, 180] and [-180, east]; otherwise the one range twice.
  const double first_east = box.crosses_antimeridian() ? 180 : box.east;
  const double second_west = box.crosses_antimeridian() ? -180 : box.west;
  bound.params = {format_time(query.from), format_time(query.to), number(box.west), number(first_east),
                  number(second_west), number(box.east), number(box.south), number(box.north),
                  std::to_string(query.max_rows + 1)};  // one more: tells a full window from a cut one
  return bound;
}

PositionRows query_positions(const std::string& connection, const TimeWindowQuery& query) {
  PositionRows out;
  const std::string conninfo = is_database_source(connection) ? connection.substr(3) : connection;
  std::unique_ptr<PGconn, ConnectionCloser> conn(PQconnectdb(conninfo.c_str()));
  if (PQstatus(conn.get()) != CONNECTION_OK) {
    out.error = without_secrets(fmt::format("cannot connect to the database ({})", PQerrorMessage(conn.get())), connection);
    return out;
  }
  const BoundQuery bound = position_query(conn.get(), query);
  if (!bound.error.empty()) {
    out.error = bound.error;
    return out;
  }
  std::vector<const char*> values;
  for (const std::string& p : bound.params) values.push_back(p.c_str());
  std::unique_ptr<PGresult, ResultClearer> result(PQexecParams(conn.get(), bound.sql.c_str(),
                                                               static_cast<int>(values.size()), nullptr,
                                                               values.data(), nullptr, nullptr, 0));
  if (PQresultStatus(result.get()) != PGRES_TUPLES_OK) {
    out.error = fmt::format("query on '{}' failed ({})", query.table, PQresultErrorMessage(result.get()));
    return out;
  }
  int rows = PQntuples(result.get());
  if (static_cast<std::size_t>(rows) > query.max_rows) {
    out.truncated = true;
    rows = static_cast<int>(query.max_rows);
    out.warning = fmt::format("'{}': truncated at {} rows: narrow the time window or the map extent", query.table,
                              query.max_rows);
  }
  out.rows.reserve(static_cast<std::size_t>(rows));
  for (int r = 0; r < rows; ++r) {
    PositionRow row;
    row.id = PQgetvalue(result.get(), r, 0);
    row.t = static_cast<Seconds>(std::llround(std::strtod(PQgetvalue(result.get(), r, 1), nullptr)));
    row.p = {std::strtod(PQgetvalue(result.get(), r, 2), nullptr), std::strtod(PQgetvalue(result.get(), r, 3), nullptr)};
    out.rows.push_back(std::move(row));
  }
  return out;
}

}  // namespace geo
