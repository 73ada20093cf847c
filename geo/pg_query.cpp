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

namespace {

// "SELECT <select> FROM table WHERE <the window> <tail>" with the window's parameters ($1 … $8),
// the table and column names escaped; {id}, {time}, {lon}, {lat} in select and tail name them.
BoundQuery window_query(PGconn* conn, const TimeWindowQuery& query, const char* select, const char* tail) {
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
  const std::string where = fmt::format(
      " FROM {table} WHERE {time} >= $1 AND {time} <= $2"
      " AND ({lon} BETWEEN $3 AND $4 OR {lon} BETWEEN $5 AND $6) AND {lat} BETWEEN $7 AND $8 ",
      fmt::arg("time", time), fmt::arg("lon", lon), fmt::arg("lat", lat), fmt::arg("table", table));
  const auto names = [&](const char* text) {
    return fmt::format(fmt::runtime(text), fmt::arg("id", id), fmt::arg("time", time), fmt::arg("lon", lon),
                       fmt::arg("lat", lat));
  };
  bound.sql = "SELECT " + names(select) + where + names(tail);
  const GeoBox box = query.box.value_or(GeoBox{});
  // Across 180°: [west, 180] and [-180, east]; otherwise the one range twice.
  const double first_east = box.crosses_antimeridian() ? 180 : box.east;
  const double second_west = box.crosses_antimeridian() ? -180 : box.west;
  bound.params = {format_time(query.from), format_time(query.to), number(box.west), number(first_east),
                  number(second_west), number(box.east), number(box.south), number(box.north)};
  return bound;
}

using Connection = std::unique_ptr<PGconn, ConnectionCloser>;
using Result = std::unique_ptr<PGresult, ResultClearer>;

// The connection, or null and the reason (no password in it) in `error`.
Connection connect(const std::string& connection, std::string& error) {
  const std::string conninfo = is_database_source(connection) ? connection.substr(3) : connection;
  Connection conn(PQconnectdb(conninfo.c_str()));
  if (PQstatus(conn.get()) != CONNECTION_OK) {
    error = without_secrets(fmt::format("cannot connect to the database ({})", PQerrorMessage(conn.get())), connection);
    return nullptr;
  }
  return conn;
}

Result run(PGconn* conn, const BoundQuery& bound) {
  std::vector<const char*> values;
  for (const std::string& p : bound.params) values.push_back(p.c_str());
  return Result(PQexecParams(conn, bound.sql.c_str(), static_cast<int>(values.size()), nullptr, values.data(), nullptr,
                             nullptr, 0));
}

}  // namespace

BoundQuery position_query(pg_conn* conn, const TimeWindowQuery& query) {
  BoundQuery bound = window_query(conn, query, "{id}::text, extract(epoch FROM {time})::float8, {lon}::float8, {lat}::float8",
                                  "ORDER BY {id}, {time} LIMIT $9");
  if (bound.error.empty()) bound.params.push_back(std::to_string(query.max_rows + 1));  // one more: full or cut?
  return bound;
}

BoundQuery histogram_query(pg_conn* conn, const TimeWindowQuery& query, Seconds width) {
  // Bins aligned to multiples of the width since the epoch, as geo::histogram's.
  BoundQuery bound = window_query(conn, query,
                                  "floor(extract(epoch FROM {time}) / $9::float8)::bigint AS bin,"
                                  " count(DISTINCT {id}), count(*)",
                                  "GROUP BY bin ORDER BY bin");
  if (bound.error.empty()) bound.params.push_back(std::to_string(width));
  return bound;
}

PositionHistogram query_position_histogram(const std::string& connection, const TimeWindowQuery& query, Seconds width) {
  PositionHistogram out;
  out.width = width;
  if (width < 1 || query.to < query.from) {
    out.error = "the histogram needs a bin width of at least 1 s and from <= to";
    return out;
  }
  const Connection conn = connect(connection, out.error);
  if (!conn) return out;
  const BoundQuery bound = histogram_query(conn.get(), query, width);
  if (!bound.error.empty()) {
    out.error = bound.error;
    return out;
  }
  const Result result = run(conn.get(), bound);
  if (PQresultStatus(result.get()) != PGRES_TUPLES_OK) {
    out.error = fmt::format("histogram on '{}' failed ({})", query.table, PQresultErrorMessage(result.get()));
    return out;
  }
  const auto bin_of = [&](Seconds t) { return static_cast<Seconds>(std::floor(static_cast<double>(t) / width)); };
  const Seconds first_bin = bin_of(query.from);
  out.first = first_bin * width;
  const std::size_t bins = static_cast<std::size_t>(bin_of(query.to) - first_bin + 1);
  if (bins > 1'000'000) {
    out.error = fmt::format("{} bins: too many for a timeline (widen the bins)", bins);
    return out;
  }
  out.tracks.assign(bins, 0);
  out.fixes.assign(bins, 0);
  for (int r = 0; r < PQntuples(result.get()); ++r) {
    const long long bin = std::strtoll(PQgetvalue(result.get(), r, 0), nullptr, 10) - first_bin;
    if (bin < 0 || static_cast<std::size_t>(bin) >= bins) continue;  // (cannot happen: the window bounds them)
    out.tracks[static_cast<std::size_t>(bin)] = std::atoi(PQgetvalue(result.get(), r, 1));
    out.fixes[static_cast<std::size_t>(bin)] = std::strtoll(PQgetvalue(result.get(), r, 2), nullptr, 10);
  }
  return out;
}

PositionRows query_positions(const std::string& connection, const TimeWindowQuery& query) {
  PositionRows out;
  const Connection conn = connect(connection, out.error);
  if (!conn) return out;
  const BoundQuery bound = position_query(conn.get(), query);
  if (!bound.error.empty()) {
    out.error = bound.error;
    return out;
  }
  const Result result = run(conn.get(), bound);
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
