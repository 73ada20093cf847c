// PostGIS sources against a real server (tests/support/pg_server.hpp): the harness itself,
// PG: sources through the loaders, and geo's time-window queries.
#include <gtest/gtest.h>

#include "support/pg_server.hpp"

namespace {

using patrolscope::testing::PgServer;

// A one-value query through libpq ("" on error).
std::string query_value(const PgServer& server, const std::string& sql) {
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
    PATROLSCOPE_PG_SERVER_OR_SKIP(server);
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

}  // namespace
