// A throw-away PostgreSQL 15 + PostGIS 3 server for tests, from Debian's packages
// (postgresql-15, postgresql-15-postgis-3): initdb in a temporary directory, listening on a
// Unix socket in that directory only (no TCP port), run as the `postgres` user when the tests
// run as root (the server refuses root). Stopped and removed by the destructor.
//
//   PATROLSCOPE_PG_SERVER_OR_SKIP(server);   // `server`: a fresh database of the shared server
//   server->exec("CREATE TABLE …");          // fixtures, through libpq
//   geo::load_events(server->gdal_source(), …);
//
// One server per test process (started by the first test that asks, stopped at exit); each test
// gets its own database, copied from a PostGIS template and dropped after the test, so tests
// never see each other's tables. A test skips only when no server can start, and fails instead
// under CI=true.
#pragma once
#include <libpq-fe.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <pwd.h>
#include <string>
#include <thread>

#include "cli.hpp"

namespace patrolscope::testing {

class PgServer {
 public:
  static constexpr const char* kBin = "/usr/lib/postgresql/15/bin/";
  static constexpr const char* kDatabase = "patrolscope_test";

  // The running server with PostGIS enabled in kDatabase, or nullptr and the reason in `why`.
  static std::unique_ptr<PgServer> start(std::string& why) {
    std::unique_ptr<PgServer> server(new PgServer);
    why = server->boot();
    if (!why.empty()) return nullptr;
    return server;
  }

  // The process's shared server (started once; a failed start is remembered, not retried).
  static PgServer* shared(std::string& why) {
    static std::string failure;
    static const std::unique_ptr<PgServer> server = start(failure);
    why = failure;
    return server.get();
  }

  ~PgServer() {
    if (started_) run(bin("pg_ctl") + " stop -D " + quoted(data_dir()) + " -m fast -w -t 60");
    std::error_code error;
    if (!dir_.empty()) std::filesystem::remove_all(dir_, error);
  }
  PgServer(const PgServer&) = delete;
  PgServer& operator=(const PgServer&) = delete;

  const std::string& socket_dir() const { return dir_; }
  std::string conninfo(const std::string& database = kDatabase) const {
    return "host=" + dir_ + " dbname=" + database + " user=postgres";
  }
  std::string gdal_source() const { return "PG:" + conninfo(); }  // GDAL's PG driver

  // Runs SQL (several statements allowed); "" or the server's message.
  std::string exec(const std::string& sql, const std::string& database = kDatabase) const {
    PGconn* conn = PQconnectdb(conninfo(database).c_str());
    std::string error;
    if (PQstatus(conn) != CONNECTION_OK) {
      error = PQerrorMessage(conn);
    } else {
      PGresult* result = PQexec(conn, sql.c_str());
      const ExecStatusType status = PQresultStatus(result);
      if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) error = PQresultErrorMessage(result);
      PQclear(result);
    }
    PQfinish(conn);
    return error;
  }

 private:
  PgServer() = default;

  static std::string bin(const char* name) { return quoted(std::string(kBin) + name); }
  std::string data_dir() const { return dir_ + "/data"; }
  // The prefix that runs a command as the server's owner (runuser when we are root).
  std::string as_owner() const { return ::geteuid() == 0 ? "runuser -u postgres -- " : ""; }
  int run(const std::string& command) const {
    return std::system((as_owner() + command + " >>" + quoted(dir_ + "/commands.log") + " 2>&1").c_str());
  }
  std::string log_tail() const {
    const std::string log = read_file(dir_ + "/commands.log") + read_file(dir_ + "/server.log");
    return log.size() > 600 ? log.substr(log.size() - 600) : log;
  }

  std::string boot() {
    if (!std::filesystem::exists(std::string(kBin) + "postgres"))
      return std::string("PostgreSQL 15 is not installed (no ") + kBin + "postgres; scripts/dev installs postgresql-15)";
    // Short path: a Unix socket's path is limited to 107 bytes.
    char pattern[] = "/tmp/patrolscope-pg-XXXXXX";
    if (::mkdtemp(pattern) == nullptr) return "cannot make a temporary directory";
    dir_ = pattern;
    if (::geteuid() == 0) {
      const passwd* owner = ::getpwnam("postgres");
      if (owner == nullptr) return "running as root and there is no 'postgres' user to run the server";
      if (::chown(dir_.c_str(), owner->pw_uid, owner->pw_gid) != 0) return "cannot give the directory to 'postgres'";
    }
    if (run(bin("initdb") + " -A trust -U postgres --no-locale -E UTF8 --no-sync -D " + quoted(data_dir())) != 0)
      return "initdb failed: " + log_tail();
    // No TCP port (listen_addresses=''), the socket in our directory; fsync off: data is thrown away.
    const std::string server_options = "-k " + dir_ + " -c listen_addresses='' -c fsync=off";
    if (run(bin("pg_ctl") + " start -W -D " + quoted(data_dir()) + " -l " + quoted(dir_ + "/server.log") + " -o " +
            quoted(server_options)) != 0)
      return "pg_ctl start failed: " + log_tail();
    started_ = true;
    if (!wait_until_ready()) return "the server did not accept connections within 60 s: " + log_tail();
    if (std::string error = exec(std::string("CREATE DATABASE ") + kDatabase, "postgres"); !error.empty())
      return "CREATE DATABASE: " + error;
    if (std::string error = exec("CREATE EXTENSION postgis"); !error.empty())
      return "CREATE EXTENSION postgis (scripts/dev installs postgresql-15-postgis-3): " + error;
    return "";
  }

  // pg_isready until it answers, at most 60 s (a bound, not a timing assertion).
  bool wait_until_ready() const {
    const std::string command = bin("pg_isready") + " -q -h " + quoted(dir_) + " -d postgres -U postgres";
    for (int attempt = 0; attempt < 240; ++attempt) {
      if (std::system(command.c_str()) == 0) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(250));
    }
    return false;
  }

  std::string dir_;
  bool started_ = false;
};

// One test's own database on a server: created from the PostGIS template, dropped at the end.
class PgDatabase {
 public:
  static std::unique_ptr<PgDatabase> create(PgServer* server, std::string& why) {
    if (server == nullptr) return nullptr;
    static int counter = 0;
    std::unique_ptr<PgDatabase> db(new PgDatabase(*server, "test_" + std::to_string(++counter)));
    why = server->exec("CREATE DATABASE " + db->name_ + " TEMPLATE " + PgServer::kDatabase, "postgres");
    if (!why.empty()) return nullptr;
    db->created_ = true;
    return db;
  }
  ~PgDatabase() {
    if (created_) server_.exec("DROP DATABASE " + name_ + " WITH (FORCE)", "postgres");
  }
  PgDatabase(const PgDatabase&) = delete;
  PgDatabase& operator=(const PgDatabase&) = delete;

  const std::string& socket_dir() const { return server_.socket_dir(); }
  std::string conninfo() const { return server_.conninfo(name_); }
  std::string gdal_source() const { return "PG:" + conninfo(); }
  std::string exec(const std::string& sql) const { return server_.exec(sql, name_); }

 private:
  PgDatabase(const PgServer& server, std::string name) : server_(server), name_(std::move(name)) {}
  const PgServer& server_;
  std::string name_;
  bool created_ = false;
};

}  // namespace patrolscope::testing

// Declares `name`, this test's database on the shared server; skips the test when no server can
// start (fails under CI=true).
#define PATROLSCOPE_PG_SERVER_OR_SKIP(name)                                                  \
  std::string name##_why;                                                                    \
  auto name = ::patrolscope::testing::PgDatabase::create(                                    \
      ::patrolscope::testing::PgServer::shared(name##_why), name##_why);                     \
  if (!name) {                                                                               \
    const char* ci = std::getenv("CI");                                                      \
    if (ci && std::string(ci) == "true") FAIL() << "no PostgreSQL server: " << name##_why;   \
    GTEST_SKIP() << "no PostgreSQL server could start: " << name##_why;                      \
  }
