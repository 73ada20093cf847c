// PostGIS sources against a real server (tests/support/pg_server.hpp): the harness itself,
// PG: sources through the loaders, and geo's time-window queries.
#include <gtest/gtest.h>

#include <fstream>

#include "load.hpp"
#include "pg_query.hpp"
#include "time.hpp"
#include "scene_cache.hpp"
#include "support/pg_server.hpp"

namespace {

using patrolscope::testing::PgDatabase;
using patrolscope::testing::PgServer;
using patrolscope::testing::quoted;
using patrolscope::testing::run_cli;
using patrolscope::testing::scratch_dir;

// Three tracks of timed positions, one of them across 180°: the same rows go into a CSV file
// and a PostGIS table.
const char* const kPositionRows[][4] = {
    {"A", "2024-07-01T10:00:00Z", "140.5", "35.25"}, {"A", "2024-07-01T11:00:00Z", "141", "35.5"},
    {"A", "2024-07-01T12:30:00Z", "142.25", "36"},   {"B", "2024-07-02T00:00:00Z", "179.5", "52"},
    {"B", "2024-07-02T02:00:00Z", "-179.5", "52.5"}, {"C", "2024-07-03T08:00:00Z", "125", "20"},
    {"C", "2024-07-03T09:00:00Z", "126", "21"}};

std::string positions_csv() {
  const auto path = scratch_dir() / "positions.csv";
  std::ofstream out(path);
  out << "track_id,time,lon,lat\n";
  for (const auto& row : kPositionRows) out << row[0] << ',' << row[1] << ',' << row[2] << ',' << row[3] << '\n';
  return path.string();
}

std::string positions_sql() {
  std::string sql = "CREATE TABLE positions (track_id text, time timestamptz, lon float8, lat float8);";
  for (const auto& row : kPositionRows)
    sql += std::string("INSERT INTO positions VALUES ('") + row[0] + "', '" + row[1] + "', " + row[2] + ", " + row[3] + ");";
  return sql;
}

// Two events with start/end and a line: GeoJSON and a PostGIS table with a geometry column.
std::string events_geojson() {
  const auto path = scratch_dir() / "events.geojson";
  std::ofstream(path) << R"({"type": "FeatureCollection", "features": [
    {"type": "Feature", "properties": {"id": "p1", "name": "Joint air patrol", "start": "2022-05-24T01:00:00Z",
     "end": "2022-05-24T09:00:00Z"}, "geometry": {"type": "LineString", "coordinates": [[125, 33], [130, 36], [135, 37.5]]}},
    {"type": "Feature", "properties": {"id": "p2", "name": "Naval patrol", "start": "2023-07-20T00:00:00Z",
     "end": "2023-07-28T00:00:00Z"}, "geometry": {"type": "LineString", "coordinates": [[150, 45], [170, 50]]}}]})";
  return path.string();
}

const char* const kEventsSql =
    "CREATE TABLE events (id text, name text, start timestamptz, \"end\" timestamptz, geom geometry(LineString, 4326));"
    "INSERT INTO events VALUES"
    " ('p1', 'Joint air patrol', '2022-05-24T01:00:00Z', '2022-05-24T09:00:00Z',"
    "  ST_GeomFromText('LINESTRING(125 33, 130 36, 135 37.5)', 4326)),"
    " ('p2', 'Naval patrol', '2023-07-20T00:00:00Z', '2023-07-28T00:00:00Z',"
    "  ST_GeomFromText('LINESTRING(150 45, 170 50)', 4326));";

// The same events: ids, names, times and every vertex.
void expect_same_events(const geo::LoadResult& expected, const geo::LoadResult& actual) {
  ASSERT_TRUE(expected.ok()) << expected.error;
  ASSERT_TRUE(actual.ok()) << actual.error;
  ASSERT_EQ(actual.events.size(), expected.events.size());
  for (std::size_t i = 0; i < expected.events.size(); ++i) {
    const geo::Event& e = expected.events[i];
    const geo::Event& a = actual.events[i];
    EXPECT_EQ(a.id, e.id);
    EXPECT_EQ(a.name, e.name);
    EXPECT_EQ(a.start, e.start) << e.id;
    EXPECT_EQ(a.end, e.end) << e.id;
    ASSERT_EQ(a.geometry.lines.size(), e.geometry.lines.size()) << e.id;
    for (std::size_t l = 0; l < e.geometry.lines.size(); ++l) {
      const geo::Line& el = e.geometry.lines[l];
      const geo::Line& al = a.geometry.lines[l];
      ASSERT_EQ(al.coords.size(), el.coords.size()) << e.id;
      for (std::size_t v = 0; v < el.coords.size(); ++v) {
        EXPECT_DOUBLE_EQ(al.coords[v].lon, el.coords[v].lon) << e.id << " vertex " << v;
        EXPECT_DOUBLE_EQ(al.coords[v].lat, el.coords[v].lat) << e.id << " vertex " << v;
      }
      EXPECT_EQ(al.times, el.times) << e.id;
    }
  }
}

// A one-value query through libpq ("" on error).
std::string query_value(const PgDatabase& server, const std::string& sql) {
  PGconn* conn = PQconnectdb(server.conninfo().c_str());
  std::string value;
  if (PQstatus(conn) == CONNECTION_OK) {
    PGresult* result = PQexec(conn, sql.c_str());
    if (PQresultStatus(result) == PGRES_TUPLES_OK && PQntuples(result) > 0) value = PQgetvalue(result, 0, 0);
    PQclear(result);
  }
  PQfinish(conn);
  return value;
}

TEST(PgServerHarness, StartsPostgisOnASocketOnlyAndCleansUp) {
  std::string socket_dir;
  {
    // Its own server, not the shared one, to see it stopped and removed.
    std::string why;
    const auto own = PgServer::start(why);
    if (!own) {
      const char* ci = std::getenv("CI");
      if (ci && std::string(ci) == "true") FAIL() << "no PostgreSQL server: " << why;
      GTEST_SKIP() << "no PostgreSQL server could start: " << why;
    }
    const auto server = PgDatabase::create(own.get(), why);
    ASSERT_TRUE(server) << why;
    socket_dir = server->socket_dir();
    EXPECT_EQ(query_value(*server, "SELECT split_part(postgis_lib_version(), '.', 1)"), "3");
    EXPECT_EQ(query_value(*server, "SELECT current_setting('server_version_num')::int / 10000"), "15");
    EXPECT_EQ(query_value(*server, "SHOW listen_addresses"), "");  // no TCP port
    EXPECT_TRUE(std::filesystem::exists(socket_dir + "/.s.PGSQL.5432"));
    EXPECT_EQ(server->exec("CREATE TABLE t (a int); INSERT INTO t VALUES (1), (2)"), "");
    EXPECT_EQ(query_value(*server, "SELECT sum(a) FROM t"), "3");
    EXPECT_NE(server->exec("SELECT * FROM no_such_table"), "");  // errors come back
  }
  EXPECT_FALSE(std::filesystem::exists(socket_dir));  // stopped and removed
}

TEST(PostgisSource, PositionTableLoadsTheSameTracksAsTheCsv) {
  PATROLSCOPE_PG_SERVER_OR_SKIP(server);
  ASSERT_EQ(server->exec(positions_sql()), "");
  geo::LoadOptions options;
  options.table = "positions";
  const geo::LoadResult from_db = geo::load_events(server->gdal_source(), options);
  EXPECT_EQ(from_db.driver, "PostgreSQL");
  EXPECT_TRUE(from_db.warnings.empty()) << from_db.warnings.front();
  expect_same_events(geo::load_events(positions_csv()), from_db);
}

TEST(PostgisSource, PointGeometryTableWithColumnFlagsLoadsTheSameTracks) {
  PATROLSCOPE_PG_SERVER_OR_SKIP(server);
  ASSERT_EQ(server->exec(positions_sql() +
                         "CREATE TABLE fixes AS SELECT track_id AS vessel, time AS seen,"
                         " ST_SetSRID(ST_MakePoint(lon, lat), 4326)::geometry(Point, 4326) AS geom FROM positions;"),
            "");
  geo::LoadOptions options;
  options.table = "fixes";
  options.id_column = "vessel";
  options.time_column = "seen";
  expect_same_events(geo::load_events(positions_csv()), geo::load_events(server->gdal_source(), options));
}

TEST(PostgisSource, EventTableLoadsTheSameEventsAsTheGeojson) {
  PATROLSCOPE_PG_SERVER_OR_SKIP(server);
  ASSERT_EQ(server->exec(kEventsSql), "");
  // No --table: every spatial table of the database (here the one).
  expect_same_events(geo::load_events(events_geojson()), geo::load_events(server->gdal_source()));
}

TEST(PostgisSource, SqlOptionReadsTheQueryRowsOnly) {
  PATROLSCOPE_PG_SERVER_OR_SKIP(server);
  ASSERT_EQ(server->exec(positions_sql()), "");
  geo::LoadOptions options;
  options.sql = "SELECT * FROM positions WHERE track_id <> 'B' ORDER BY time";
  const geo::LoadResult result = geo::load_events(server->gdal_source(), options);
  ASSERT_TRUE(result.ok()) << result.error;
  ASSERT_EQ(result.events.size(), 2u);
  EXPECT_EQ(result.events[0].id, "A");
  EXPECT_EQ(result.events[1].id, "C");
}

TEST(PostgisSource, MissingTableAndBadServerAreClearErrors) {
  PATROLSCOPE_PG_SERVER_OR_SKIP(server);
  geo::LoadOptions options;
  options.table = "no_such_table";
  const geo::LoadResult missing = geo::load_events(server->gdal_source(), options);
  EXPECT_NE(missing.error.find("--table: no table or layer 'no_such_table'"), std::string::npos) << missing.error;
  const geo::LoadResult unreachable = geo::load_events("PG:host=" + server->socket_dir() + " dbname=no_such_db user=postgres");
  EXPECT_NE(unreachable.error.find("cannot connect to the database"), std::string::npos) << unreachable.error;
  EXPECT_EQ(unreachable.error.find("no such file"), std::string::npos);  // never taken for a file
}

TEST(PostgisSource, ConnectionStringIsNotAFile) {
  EXPECT_TRUE(geo::is_database_source("PG:host=/tmp/x dbname=tracks"));
  EXPECT_TRUE(geo::is_database_source("pg:dbname=tracks"));
  EXPECT_FALSE(geo::is_database_source("/data/PG:x.csv"));
  EXPECT_EQ(geo::source_name("PG:host=/tmp/x dbname=tracks user=me"), "tracks");
  EXPECT_EQ(geo::source_name("PG:host=/tmp/x dbname='ais archive'"), "ais archive");
  EXPECT_EQ(geo::source_name("PG:host=/tmp/x"), "database");
  EXPECT_EQ(geo::source_name("/data/patrols.csv"), "patrols");
  // A database changes under us: never a scene cache key (so never a cache entry).
  EXPECT_EQ(geo::scene_cache_key({"PG:host=/tmp/x dbname=tracks"}, {}, geo::MapProjection::create("pacific"), 10),
            "");
}

TEST(PostgisSource, RenderFromAPgSourceWritesAPng) {
  PATROLSCOPE_PG_SERVER_OR_SKIP(server);
  ASSERT_EQ(server->exec(positions_sql()), "");
  const auto png = scratch_dir() / "from-postgis.png";
  const auto run = run_cli("render " + quoted(server->gdal_source()) + " --table positions --region pacific --size 320x200 -o " +
                           quoted(png.string()));
  ASSERT_EQ(run.code, 0) << run.output();
  const std::string bytes = patrolscope::testing::read_file(png);
  ASSERT_GT(bytes.size(), 8u);
  EXPECT_EQ(bytes.substr(1, 3), "PNG");
  EXPECT_EQ(run.output().find("host="), std::string::npos) << run.output();  // no path-like noise
  const auto bad = run_cli("render " + quoted(server->gdal_source()) + " --table nope -o " + quoted(png.string() + "2"));
  EXPECT_EQ(bad.code, 1) << bad.output();
  EXPECT_NE(bad.err.find("--table: no table or layer 'nope'"), std::string::npos) << bad.err;
}

geo::Seconds at(const char* text) { return *geo::parse_time(text); }

TEST(PostgisQuery, TimeWindowAndBoxAcross180) {
  PATROLSCOPE_PG_SERVER_OR_SKIP(server);
  ASSERT_EQ(server->exec(positions_sql()), "");
  geo::TimeWindowQuery query;
  query.table = "positions";
  query.from = at("2024-07-01T10:30:00Z");
  query.to = at("2024-07-03T08:00:00Z");
  query.box = geo::GeoBox{170, 40, -170, 60};  // west > east: across 180°
  const geo::PositionRows across = geo::query_positions(server->gdal_source(), query);
  ASSERT_EQ(across.error, "");
  ASSERT_EQ(across.rows.size(), 2u);  // B's two fixes, either side of 180°
  EXPECT_EQ(across.rows[0].id, "B");
  EXPECT_EQ(across.rows[0].t, at("2024-07-02T00:00:00Z"));
  EXPECT_DOUBLE_EQ(across.rows[0].p.lon, 179.5);
  EXPECT_DOUBLE_EQ(across.rows[1].p.lon, -179.5);
  query.box.reset();  // everywhere: A's last two fixes, B, and C's first (the ends are inclusive)
  const geo::PositionRows all = geo::query_positions(server->conninfo(), query);
  ASSERT_EQ(all.error, "");
  std::string ids;
  for (const auto& row : all.rows) ids += row.id;
  EXPECT_EQ(ids, "AABBC");
}

TEST(PostgisQuery, TimeIndexIsUsed) {
  PATROLSCOPE_PG_SERVER_OR_SKIP(server);
  // 50 000 fixes, one a minute, with an index on time; ANALYZE gives the planner the numbers.
  // A one-hour window selects 61 of them (0.1 %): with statistics, the planner takes the index
  // over a sequential scan on its own (enable_seqscan is left on, so this is the real choice).
  ASSERT_EQ(server->exec("CREATE TABLE archive (track_id text, time timestamptz, lon float8, lat float8);"
                         "INSERT INTO archive SELECT 'T' || (i % 50), '2024-01-01T00:00:00Z'::timestamptz"
                         " + i * interval '1 minute', 120 + (i % 600) * 0.1, 20 + (i % 300) * 0.1"
                         " FROM generate_series(1, 50000) AS i;"
                         "CREATE INDEX archive_time_idx ON archive (time); ANALYZE archive;"),
            "");
  geo::TimeWindowQuery query;
  query.table = "archive";
  query.from = at("2024-01-10T00:00:00Z");
  query.to = at("2024-01-10T01:00:00Z");
  query.box = geo::GeoBox{100, 0, 179, 60};
  PGconn* conn = PQconnectdb(server->conninfo().c_str());
  ASSERT_EQ(PQstatus(conn), CONNECTION_OK);
  const geo::BoundQuery bound = geo::position_query(conn, query);
  ASSERT_EQ(bound.error, "");
  std::vector<const char*> values;
  for (const auto& p : bound.params) values.push_back(p.c_str());
  PGresult* result = PQexecParams(conn, ("EXPLAIN " + bound.sql).c_str(), static_cast<int>(values.size()), nullptr,
                                  values.data(), nullptr, nullptr, 0);
  ASSERT_EQ(PQresultStatus(result), PGRES_TUPLES_OK) << PQresultErrorMessage(result);
  std::string plan;
  for (int r = 0; r < PQntuples(result); ++r) plan += std::string(PQgetvalue(result, r, 0)) + "\n";
  PQclear(result);
  EXPECT_NE(plan.find("archive_time_idx"), std::string::npos) << plan;
  EXPECT_EQ(plan.find("Seq Scan"), std::string::npos) << plan;
  // The timeline's histogram over the same window: grouped by the server, on the same index.
  const geo::BoundQuery counts = geo::histogram_query(conn, query, 600);
  ASSERT_EQ(counts.error, "");
  values.clear();
  for (const auto& p : counts.params) values.push_back(p.c_str());
  result = PQexecParams(conn, ("EXPLAIN " + counts.sql).c_str(), static_cast<int>(values.size()), nullptr, values.data(),
                        nullptr, nullptr, 0);
  ASSERT_EQ(PQresultStatus(result), PGRES_TUPLES_OK) << PQresultErrorMessage(result);
  std::string histogram_plan;
  for (int r = 0; r < PQntuples(result); ++r) histogram_plan += std::string(PQgetvalue(result, r, 0)) + "\n";
  PQclear(result);
  EXPECT_NE(histogram_plan.find("archive_time_idx"), std::string::npos) << histogram_plan;
  EXPECT_EQ(histogram_plan.find("Seq Scan"), std::string::npos) << histogram_plan;
  PQfinish(conn);
  const geo::PositionRows rows = geo::query_positions(server->conninfo(), query);
  ASSERT_EQ(rows.error, "");
  EXPECT_EQ(rows.rows.size(), 61u);  // both ends inclusive
  const geo::PositionHistogram histogram = geo::query_position_histogram(server->conninfo(), query, 600);
  ASSERT_EQ(histogram.error, "");
  long long fixes = 0;
  for (long long n : histogram.fixes) fixes += n;
  EXPECT_EQ(fixes, 61);  // the same fixes, counted in ten-minute bins
  EXPECT_EQ(histogram.fixes.size(), 7u);
}

TEST(PostgisQuery, QuotesInNamesCannotInject) {
  PATROLSCOPE_PG_SERVER_OR_SKIP(server);
  ASSERT_EQ(server->exec(positions_sql() +
                         "CREATE TABLE \"odd\"\"name\" AS SELECT track_id AS \"id'\"\"x\", time, lon, lat FROM positions;"),
            "");
  geo::TimeWindowQuery query;
  query.from = at("2024-07-01T00:00:00Z");
  query.to = at("2024-07-04T00:00:00Z");
  // A table name that would end the statement and drop a table if it were spliced in.
  query.table = "positions\"; DROP TABLE positions; --";
  const geo::PositionRows attack = geo::query_positions(server->conninfo(), query);
  EXPECT_NE(attack.error.find("does not exist"), std::string::npos) << attack.error;
  EXPECT_EQ(query_value(*server, "SELECT count(*) FROM positions"), "7");  // still there
  query.table = "positions";
  query.time_column = "time'; DROP TABLE positions; --";
  EXPECT_NE(geo::query_positions(server->conninfo(), query).error, "");
  EXPECT_EQ(query_value(*server, "SELECT count(*) FROM positions"), "7");
  // Names with quotes in them are names: the table and column above are found as typed.
  query.table = "odd\"name";
  query.id_column = "id'\"x";
  query.time_column = "time";
  const geo::PositionRows odd = geo::query_positions(server->conninfo(), query);
  ASSERT_EQ(odd.error, "");
  EXPECT_EQ(odd.rows.size(), 7u);
}

// A password in the connection string is never printed: errors, warnings, info's paths.
TEST(PostgisSource, PasswordIsNeverPrinted) {
  EXPECT_EQ(geo::printable_source("PG:host=/tmp/x dbname=t password=s3cret user=me"),
            "PG:host=/tmp/x dbname=t password=*** user=me");
  EXPECT_EQ(geo::printable_source("PG:dbname=t password = 'it\\'s \\\\ secret' user=me"),
            "PG:dbname=t password = *** user=me");
  EXPECT_EQ(geo::printable_source("PG:postgresql://me:s3cret@db.example/t?sslmode=require"),
            "PG:postgresql://me:***@db.example/t?sslmode=require");
  EXPECT_EQ(geo::printable_source("PG:postgresql://db.example/t?user=me&password=s3cret&x=1"),
            "PG:postgresql://db.example/t?user=me&password=***&x=1");
  EXPECT_EQ(geo::printable_source("/data/password=x.csv"), "/data/password=x.csv");  // a file: as it is
  EXPECT_EQ(geo::without_secrets("failed for PG:dbname=t password=s3cret-word: s3cret-word", "PG:dbname=t password=s3cret-word"),
            "failed for PG:dbname=t password=***: ***");

  PATROLSCOPE_PG_SERVER_OR_SKIP(server);
  // A table with one bad row (a warning naming the source) and one good track.
  ASSERT_EQ(server->exec(positions_sql() + "INSERT INTO positions VALUES ('D', NULL, 130, 30);"), "");
  const std::string secret = "Pa55-word-XYZ";
  const std::string good = server->gdal_source() + " password=" + secret;  // trust: the server ignores it
  const std::string bad = "PG:host=" + server->socket_dir() + " dbname=no_such_db user=postgres password=" + secret;
  const auto png = (scratch_dir() / "secret.png").string();
  const auto warned = run_cli("render " + quoted(good) + " --table positions --size 160x100 -o " + quoted(png));
  ASSERT_EQ(warned.code, 0) << warned.output();
  EXPECT_NE(warned.err.find("password=***"), std::string::npos) << warned.err;  // the warning names the source
  EXPECT_EQ(warned.output().find(secret), std::string::npos) << warned.output();
  const auto failed = run_cli("render " + quoted(bad) + " --table positions -o " + quoted(png + "2"));
  EXPECT_EQ(failed.code, 1) << failed.output();
  EXPECT_NE(failed.err.find("cannot connect to the database"), std::string::npos) << failed.err;
  EXPECT_EQ(failed.output().find(secret), std::string::npos) << failed.output();
  const auto info = run_cli("info --json " + quoted(good) + " --table positions");
  EXPECT_NE(info.out.find("password=***"), std::string::npos) << info.out;
  EXPECT_EQ(info.output().find(secret), std::string::npos) << info.output();
  geo::TimeWindowQuery query;
  query.table = "positions";
  query.to = at("2030-01-01T00:00:00Z");
  const geo::PositionRows unreachable = geo::query_positions(bad, query);
  EXPECT_NE(unreachable.error, "");
  EXPECT_EQ(unreachable.error.find(secret), std::string::npos) << unreachable.error;
}

TEST(PostgisQuery, RowLimitTruncatesWithAClearWarning) {
  PATROLSCOPE_PG_SERVER_OR_SKIP(server);
  ASSERT_EQ(server->exec(positions_sql()), "");
  geo::TimeWindowQuery query;
  query.table = "positions";
  query.from = at("2024-07-01T00:00:00Z");
  query.to = at("2024-07-04T00:00:00Z");
  query.max_rows = 3;
  const geo::PositionRows cut = geo::query_positions(server->conninfo(), query);
  ASSERT_EQ(cut.error, "");
  EXPECT_TRUE(cut.truncated);
  ASSERT_EQ(cut.rows.size(), 3u);
  for (const auto& row : cut.rows) EXPECT_EQ(row.id, "A");  // the first three by id, then time
  EXPECT_EQ(cut.rows[2].t, at("2024-07-01T12:30:00Z"));
  EXPECT_NE(cut.warning.find("truncated at 3 rows: narrow the time window"), std::string::npos) << cut.warning;
  query.max_rows = 7;  // exactly the window's rows: all of them, not truncated
  const geo::PositionRows whole = geo::query_positions(server->conninfo(), query);
  ASSERT_EQ(whole.error, "");
  EXPECT_FALSE(whole.truncated);
  EXPECT_EQ(whole.rows.size(), 7u);
  EXPECT_EQ(whole.warning, "");
}

TEST(PostgisQuery, SchemaQualifiedTablesAreQuotedPerPart) {
  using Parts = std::vector<std::string>;
  EXPECT_EQ(geo::table_name_parts("positions"), Parts{"positions"});
  EXPECT_EQ(geo::table_name_parts("ais.fixes"), (Parts{"ais", "fixes"}));
  EXPECT_EQ(geo::table_name_parts("\"ais.2024\".\"a\"\"b\""), (Parts{"ais.2024", "a\"b"}));
  EXPECT_EQ(geo::table_name_parts("a.b.c"), Parts{});
  EXPECT_EQ(geo::table_name_parts("a."), Parts{});
  EXPECT_EQ(geo::table_name_parts("\"unclosed"), Parts{});

  PATROLSCOPE_PG_SERVER_OR_SKIP(server);
  ASSERT_EQ(server->exec(positions_sql() +
                         "CREATE SCHEMA ais; CREATE TABLE ais.fixes AS SELECT * FROM positions WHERE track_id = 'A';"
                         "CREATE SCHEMA \"ais.2024\"; CREATE TABLE \"ais.2024\".fixes AS SELECT * FROM positions;"),
            "");
  geo::TimeWindowQuery query;
  query.from = at("2024-07-01T00:00:00Z");
  query.to = at("2024-07-04T00:00:00Z");
  query.table = "ais.fixes";
  const geo::PositionRows in_schema = geo::query_positions(server->conninfo(), query);
  ASSERT_EQ(in_schema.error, "");
  EXPECT_EQ(in_schema.rows.size(), 3u);  // A's fixes only: not public.positions
  query.table = "\"ais.2024\".fixes";
  const geo::PositionRows dotted = geo::query_positions(server->conninfo(), query);
  ASSERT_EQ(dotted.error, "");
  EXPECT_EQ(dotted.rows.size(), 7u);
  query.table = "ais.fixes; DROP SCHEMA ais CASCADE";  // the second part is one (missing) name
  EXPECT_NE(geo::query_positions(server->conninfo(), query).error.find("does not exist"), std::string::npos);
  EXPECT_EQ(query_value(*server, "SELECT count(*) FROM ais.fixes"), "3");
  // The loaders take schema.table through GDAL's PG driver too.
  geo::LoadOptions options;
  options.table = "ais.fixes";
  const geo::LoadResult loaded = geo::load_events(server->gdal_source(), options);
  ASSERT_TRUE(loaded.ok()) << loaded.error;
  ASSERT_EQ(loaded.events.size(), 1u);
  EXPECT_EQ(loaded.events[0].id, "A");
}

TEST(PostgisQuery, HistogramIsCountedByTheServer) {
  PATROLSCOPE_PG_SERVER_OR_SKIP(server);
  ASSERT_EQ(server->exec(positions_sql()), "");
  geo::TimeWindowQuery query;
  query.table = "positions";
  query.from = at("2024-07-01T00:00:00Z");
  query.to = at("2024-07-03T23:59:59Z");
  const geo::PositionHistogram days = geo::query_position_histogram(server->conninfo(), query, 86400);
  ASSERT_EQ(days.error, "");
  EXPECT_EQ(days.first, at("2024-07-01T00:00:00Z"));
  EXPECT_EQ(days.tracks, (std::vector<int>{1, 1, 1}));  // A, then B, then C
  EXPECT_EQ(days.fixes, (std::vector<long long>{3, 2, 2}));
  // Six-hour bins on the first day: A's 10:00 and 11:00 together, 12:30 in the next bin.
  query.to = at("2024-07-01T23:00:00Z");
  const geo::PositionHistogram quarters = geo::query_position_histogram(server->conninfo(), query, 6 * 3600);
  ASSERT_EQ(quarters.error, "");
  EXPECT_EQ(quarters.fixes, (std::vector<long long>{0, 2, 1, 0}));
  // Two tracks in one bin count as two; the box across 180° keeps B's fixes only.
  ASSERT_EQ(server->exec("INSERT INTO positions VALUES ('E', '2024-07-02T01:00:00Z', -179, 51)"), "");
  query.to = at("2024-07-03T23:59:59Z");
  query.box = geo::GeoBox{170, 40, -170, 60};
  const geo::PositionHistogram across = geo::query_position_histogram(server->conninfo(), query, 86400);
  ASSERT_EQ(across.error, "");
  EXPECT_EQ(across.tracks, (std::vector<int>{0, 2, 0}));
  EXPECT_EQ(across.fixes, (std::vector<long long>{0, 3, 0}));
  EXPECT_NE(geo::query_position_histogram(server->conninfo(), query, 0).error, "");
}

}  // namespace
