#include "accrue/storage/sqlite/sqlite_db.h"

#include <fmt/format.h>
#include <sqlite3.h>
#include <stdlib.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <limits>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "testing/status_matchers.h"

namespace accrue::sqlite {
namespace {

using ::accrue::testing::HasReason;
using ::accrue::testing::StatusIs;
using ::testing::HasSubstr;
using namespace std::chrono_literals;

// A fresh directory under /tmp, removed with everything in it (db, -wal, -shm) at the end.
class TempDir {
 public:
  TempDir() {
    std::string pattern =
        (std::filesystem::temp_directory_path() / "accrue_sqlite_XXXXXX").string();
    char* made = mkdtemp(pattern.data());
    if (made == nullptr) throw std::runtime_error("mkdtemp failed");
    path_ = made;
  }
  ~TempDir() { std::filesystem::remove_all(path_); }
  std::string File(std::string_view name) const { return (path_ / name).string(); }

 private:
  std::filesystem::path path_;
};

class SqliteDbTest : public ::testing::Test {
 protected:
  OpenOptions Options(std::string_view name = "test.db") const {
    OpenOptions options;
    options.path = dir_.File(name);
    return options;
  }

  // Runs a one-value query on `c` and returns the value as text ("NULL" for NULL).
  static std::string QueryText(Connection& c, std::string_view sql) {
    Result<Statement*> s = c.Prepare(sql);
    if (!s.ok()) return std::string(s.status().message());
    Result<bool> row = (*s)->Step();
    if (!row.ok()) return std::string(row.status().message());
    if (!*row) return "<no row>";
    std::string out = (*s)->ColumnIsNull(0) ? "NULL" : (*s)->ColumnText(0);
    (*s)->Reset();
    return out;
  }

  TempDir dir_;
};

// ------------------------------------------------------------------------------ error mapping

TEST(ToStatusTest, MapsEachFamilyToItsCodeAndReason) {
  struct Case {
    int rc;
    absl::StatusCode code;
    std::string_view reason;
  };
  const Case cases[] = {
      {SQLITE_BUSY, absl::StatusCode::kUnavailable, "storage.busy"},
      {SQLITE_BUSY_SNAPSHOT, absl::StatusCode::kUnavailable, "storage.busy"},
      {SQLITE_LOCKED, absl::StatusCode::kUnavailable, "storage.busy"},
      {SQLITE_CONSTRAINT_UNIQUE, absl::StatusCode::kAlreadyExists, "storage.unique_violation"},
      {SQLITE_CONSTRAINT_PRIMARYKEY, absl::StatusCode::kAlreadyExists, "storage.unique_violation"},
      {SQLITE_CONSTRAINT_NOTNULL, absl::StatusCode::kInternal, "storage.constraint"},
      {SQLITE_CONSTRAINT_FOREIGNKEY, absl::StatusCode::kInternal, "storage.constraint"},
      {SQLITE_CONSTRAINT, absl::StatusCode::kInternal, "storage.constraint"},
      {SQLITE_FULL, absl::StatusCode::kResourceExhausted, "storage.disk_full"},
      {SQLITE_CORRUPT, absl::StatusCode::kDataLoss, "storage.corrupt"},
      {SQLITE_NOTADB, absl::StatusCode::kDataLoss, "storage.corrupt"},
      {SQLITE_IOERR_FSYNC, absl::StatusCode::kInternal, "storage.error"},
      {SQLITE_READONLY, absl::StatusCode::kInternal, "storage.error"},
      {SQLITE_ERROR, absl::StatusCode::kInternal, "storage.error"},
  };
  for (const Case& c : cases) {
    Status status = ToStatus(c.rc, nullptr);
    EXPECT_THAT(status, StatusIs(c.code)) << c.rc;
    EXPECT_THAT(status, HasReason(c.reason)) << c.rc;
    EXPECT_THAT(std::string(status.message()), HasSubstr(sqlite3_errstr(c.rc)));
  }
}

TEST_F(SqliteDbTest, ToStatusUsesTheConnectionsExtendedCodeAndMessage) {
  ASSERT_OK_AND_ASSIGN(auto c, Connection::Open(Options()));
  ASSERT_OK(c->Exec("CREATE TABLE t (k TEXT PRIMARY KEY)"));
  ASSERT_OK(c->Exec("INSERT INTO t VALUES ('a')"));
  const int rc = sqlite3_exec(c->raw(), "INSERT INTO t VALUES ('a')", nullptr, nullptr, nullptr);
  ASSERT_EQ(rc & 0xff, SQLITE_CONSTRAINT);
  // The primary code alone is enough: the connection supplies _PRIMARYKEY and the message.
  Status status = ToStatus(SQLITE_CONSTRAINT, c->raw());
  EXPECT_THAT(status, HasReason("storage.unique_violation"));
  EXPECT_THAT(std::string(status.message()), HasSubstr("UNIQUE constraint failed: t.k"));
}

// ------------------------------------------------------------------------------ open

TEST_F(SqliteDbTest, OpenConfiguresTheConnection) {
  ASSERT_OK_AND_ASSIGN(auto c, Connection::Open(Options()));
  EXPECT_EQ(QueryText(*c, "PRAGMA journal_mode"), "wal");
  EXPECT_EQ(QueryText(*c, "PRAGMA synchronous"), "2");  // FULL
  EXPECT_EQ(QueryText(*c, "PRAGMA foreign_keys"), "1");
  EXPECT_EQ(QueryText(*c, "PRAGMA busy_timeout"), "5000");
  EXPECT_EQ(QueryText(*c, "PRAGMA cache_size"), "-65536");
  EXPECT_EQ(QueryText(*c, "PRAGMA temp_store"), "2");  // MEMORY
  EXPECT_EQ(QueryText(*c, "PRAGMA page_size"), "16384");

  OpenOptions relaxed = Options("relaxed.db");
  relaxed.synchronous_full = false;
  relaxed.busy_timeout_ms = 123;
  ASSERT_OK_AND_ASSIGN(auto r, Connection::Open(relaxed));
  EXPECT_EQ(QueryText(*r, "PRAGMA synchronous"), "1");  // NORMAL
  EXPECT_EQ(QueryText(*r, "PRAGMA busy_timeout"), "123");

  OpenOptions negative = Options("negative.db");
  negative.cache_size_kib = -5;  // would have become "--5", an SQL comment
  EXPECT_THAT(Connection::Open(negative), HasReason("storage.bad_options"));

  OpenOptions odd_page = Options("odd_page.db");
  odd_page.page_size_bytes = 3000;
  EXPECT_THAT(Connection::Open(odd_page), HasReason("storage.bad_options"));
}

TEST_F(SqliteDbTest, AnExistingFileKeepsItsPageSize) {
  OpenOptions small = Options("pages.db");
  small.page_size_bytes = 4096;
  {
    ASSERT_OK_AND_ASSIGN(auto c, Connection::Open(small));
    ASSERT_OK(c->Exec("CREATE TABLE t (k INTEGER PRIMARY KEY)"));
  }
  ASSERT_OK_AND_ASSIGN(auto reopened, Connection::Open(Options("pages.db")));
  EXPECT_EQ(QueryText(*reopened, "PRAGMA page_size"), "4096");
  ASSERT_OK(reopened->Exec("INSERT INTO t VALUES (1)"));
}

TEST_F(SqliteDbTest, OpeningSomethingThatIsNotADatabaseIsDataLoss) {
  const std::string path = dir_.File("garbage.db");
  {
    std::ofstream out(path, std::ios::binary);
    for (int i = 0; i < 100; ++i) out << "this is not an SQLite database file. ";
  }
  OpenOptions options = Options("garbage.db");
  EXPECT_THAT(Connection::Open(options), HasReason("storage.corrupt"));
  EXPECT_THAT(Database::Open(options), StatusIs(absl::StatusCode::kDataLoss));
}

TEST_F(SqliteDbTest, OpeningAMissingDirectoryIsAStatus) {
  OpenOptions options;
  options.path = dir_.File("no/such/dir/test.db");
  EXPECT_THAT(Connection::Open(options), HasReason("storage.error"));
}

TEST_F(SqliteDbTest, DatabaseRejectsABadReaderCount) {
  EXPECT_THAT(Database::Open(Options(), -1), HasReason("storage.bad_reader_count"));
  EXPECT_THAT(Database::Open(Options(), kMaxReaderConnections + 1),
              StatusIs(absl::StatusCode::kInvalidArgument));
}

// ------------------------------------------------------------------------------ statements

TEST_F(SqliteDbTest, BindsAndReadsEveryType) {
  ASSERT_OK_AND_ASSIGN(auto c, Connection::Open(Options()));
  ASSERT_OK(c->Exec("CREATE TABLE t (id INTEGER PRIMARY KEY, i INTEGER, s TEXT, b BLOB) STRICT"));
  const std::string uuid("\x01\x00\x00\x7f\x80\xff\x00\x00\x00\x00\x10\x00\xab\x00\xcd\x00", 16);
  const std::string text_with_nul("a\0b", 3);
  ASSERT_OK_AND_ASSIGN(Statement * insert, c->Prepare("INSERT INTO t VALUES (?1, ?2, ?3, ?4)"));

  const int64_t big = INT64_C(9'007'199'254'740'993);  // not exact as a double
  ASSERT_OK(insert->Bind(1, 1).Bind(2, big).Bind(3, "Zürich €").BindBlob(4, uuid).Run());
  ASSERT_OK(insert->Bind(1, 2)
                .Bind(2, std::numeric_limits<int64_t>::min())
                .Bind(3, std::string_view(text_with_nul))
                .BindBlob(4, "")
                .Run());
  ASSERT_OK(
      insert->Bind(1, 3).BindNull(2).Bind(3, static_cast<const char*>(nullptr)).BindNull(4).Run());
  ASSERT_OK(insert->Bind(1, 4)
                .Bind(2, std::optional<int64_t>())
                .Bind(3, std::optional<std::string>())
                .Run());  // ?4 left unbound: NULL
  ASSERT_OK(insert->Bind(1, 5)
                .Bind(2, std::optional<int64_t>(-7))
                .Bind(3, std::optional<std::string>(""))
                .Run());
  ASSERT_OK(insert->Bind(1, 6)
                .Bind(2, std::numeric_limits<int64_t>::max())
                .Bind(3, std::string("owned"))
                .Run());
  // A default-constructed view has a null data(), which SQLite would bind as NULL.
  ASSERT_OK(insert->Bind(1, 7).Bind(3, std::string_view()).BindBlob(4, std::string_view()).Run());

  ASSERT_OK_AND_ASSIGN(Statement * select,
                       c->Prepare("SELECT id, i, s, b, typeof(i), typeof(s), typeof(b) "
                                  "FROM t ORDER BY id"));
  auto next = [&] {
    Result<bool> row = select->Step();
    return row.ok() && *row;
  };
  ASSERT_TRUE(next());
  EXPECT_EQ(select->ColumnInt(1), big);
  EXPECT_EQ(select->ColumnText(2), "Zürich €");
  EXPECT_EQ(select->ColumnTextView(2), "Zürich €");
  EXPECT_EQ(select->ColumnBlob(3), uuid);
  EXPECT_EQ(select->ColumnBlob(3).size(), 16u);
  EXPECT_EQ(select->ColumnText(6), "blob");

  ASSERT_TRUE(next());
  EXPECT_EQ(select->ColumnInt(1), std::numeric_limits<int64_t>::min());
  EXPECT_EQ(select->ColumnText(2), text_with_nul);  // length-delimited, not NUL-terminated
  EXPECT_FALSE(select->ColumnIsNull(3));            // empty blob is a value, not NULL
  EXPECT_EQ(select->ColumnText(6), "blob");
  EXPECT_TRUE(select->ColumnBlob(3).empty());

  for (int id = 3; id <= 4; ++id) {
    ASSERT_TRUE(next());
    EXPECT_EQ(select->ColumnInt(0), id);
    EXPECT_TRUE(select->ColumnIsNull(1));
    EXPECT_TRUE(select->ColumnIsNull(2));
    EXPECT_TRUE(select->ColumnIsNull(3));
    EXPECT_EQ(select->ColumnOptionalInt(1), std::nullopt);
    EXPECT_EQ(select->ColumnOptionalText(2), std::nullopt);
    EXPECT_EQ(select->ColumnText(4), "null");
    EXPECT_EQ(select->ColumnText(5), "null");
    EXPECT_EQ(select->ColumnText(6), "null");
  }

  ASSERT_TRUE(next());
  EXPECT_EQ(select->ColumnOptionalInt(1), std::optional<int64_t>(-7));
  EXPECT_EQ(select->ColumnOptionalText(2), std::optional<std::string>(""));  // '' is not NULL
  EXPECT_EQ(select->ColumnText(5), "text");

  ASSERT_TRUE(next());
  EXPECT_EQ(select->ColumnInt(1), std::numeric_limits<int64_t>::max());
  EXPECT_EQ(select->ColumnText(2), "owned");
  EXPECT_EQ(select->ColumnText(4), "integer");

  ASSERT_TRUE(next());
  EXPECT_EQ(select->ColumnInt(0), 7);
  EXPECT_EQ(select->ColumnText(5), "text");
  EXPECT_EQ(select->ColumnText(6), "blob");

  ASSERT_OK_AND_ASSIGN(bool more, select->Step());
  EXPECT_FALSE(more);
}

TEST_F(SqliteDbTest, ChangesAndLastInsertRowId) {
  ASSERT_OK_AND_ASSIGN(auto c, Connection::Open(Options()));
  ASSERT_OK(c->Exec("CREATE TABLE t (id INTEGER PRIMARY KEY, v INTEGER)"));
  ASSERT_OK_AND_ASSIGN(Statement * insert, c->Prepare("INSERT INTO t (v) VALUES (?1)"));
  for (int i = 0; i < 3; ++i) ASSERT_OK(insert->Bind(1, i).Run());
  EXPECT_EQ(c->LastInsertRowId(), 3);
  EXPECT_EQ(insert->Changes(), 1);
  ASSERT_OK_AND_ASSIGN(Statement * update, c->Prepare("UPDATE t SET v = v + 1 WHERE v >= ?1"));
  ASSERT_OK(update->Bind(1, 1).Run());
  EXPECT_EQ(update->Changes(), 2);
}

TEST_F(SqliteDbTest, PrepareCachesOnePerTextAndResetsOnFetch) {
  ASSERT_OK_AND_ASSIGN(auto c, Connection::Open(Options()));
  ASSERT_OK_AND_ASSIGN(Statement * first, c->Prepare("SELECT ?1"));
  ASSERT_OK_AND_ASSIGN(bool row, first->Bind(1, 42).Step());
  ASSERT_TRUE(row);
  EXPECT_EQ(first->ColumnInt(0), 42);

  ASSERT_OK_AND_ASSIGN(Statement * again, c->Prepare("SELECT ?1"));
  EXPECT_EQ(again, first);
  ASSERT_OK_AND_ASSIGN(row, again->Step());  // reset and bindings cleared: from the top, NULL
  ASSERT_TRUE(row);
  EXPECT_TRUE(again->ColumnIsNull(0));

  ASSERT_OK_AND_ASSIGN(Statement * other, c->Prepare("SELECT ?1 "));  // another text
  EXPECT_NE(other, first);
}

TEST_F(SqliteDbTest, BoundBytesOutliveTheirSourceAndRebindingReplacesThem) {
  // The statement keeps its own copy of bound text/blobs: the caller's string may die before
  // Run, values of every length follow each other on one cached statement, and a value too
  // large to keep is copied by SQLite instead. Each row must hold exactly what was bound.
  ASSERT_OK_AND_ASSIGN(auto c, Connection::Open(Options()));
  ASSERT_OK(c->Exec("CREATE TABLE t (id INTEGER PRIMARY KEY, s TEXT, b BLOB) STRICT"));
  const std::vector<size_t> sizes = {1, 15, 16, 300, 3, kMaxRetainedBindBytes,
                                     kMaxRetainedBindBytes + 1, 2, 100'000, 7};
  for (size_t i = 0; i < sizes.size(); ++i) {
    ASSERT_OK_AND_ASSIGN(Statement * insert, c->Prepare("INSERT INTO t VALUES (?1, ?2, ?3)"));
    {
      std::string text(sizes[i], static_cast<char>('a' + i));
      std::string blob(sizes[i], static_cast<char>(i));
      insert->Bind(1, static_cast<int64_t>(i)).Bind(2, text).BindBlob(3, blob);
      text.assign(sizes[i], '!');  // the caller reuses its buffers before Run
      blob.assign(sizes[i], '!');
    }
    ASSERT_OK(insert->Run());
  }
  for (size_t i = 0; i < sizes.size(); ++i) {
    EXPECT_EQ(QueryText(*c, "SELECT s FROM t WHERE id = " + std::to_string(i)),
              std::string(sizes[i], static_cast<char>('a' + i)));
    const std::string byte = fmt::format("{:02X}", i);
    std::string expected_hex;
    for (size_t k = 0; k < sizes[i]; ++k) expected_hex += byte;
    EXPECT_EQ(QueryText(*c, "SELECT hex(b) FROM t WHERE id = " + std::to_string(i)), expected_hex);
  }
}

TEST_F(SqliteDbTest, ARowInFlightKeepsItsParameterWhenARebindFails) {
  // Rebinding while a row is pending fails; the running statement must still see the value
  // it started with (its bytes are not overwritten underneath it).
  ASSERT_OK_AND_ASSIGN(auto c, Connection::Open(Options()));
  ASSERT_OK(c->Exec("CREATE TABLE t (v TEXT)"));
  ASSERT_OK(c->Exec("INSERT INTO t VALUES ('x'), ('y')"));
  ASSERT_OK_AND_ASSIGN(Statement * st, c->Prepare("SELECT ?1 || v FROM t ORDER BY v"));
  ASSERT_OK_AND_ASSIGN(bool row, st->Bind(1, std::string("first-")).Step());
  ASSERT_TRUE(row);
  EXPECT_EQ(st->ColumnText(0), "first-x");
  st->Bind(1, std::string("second-"));  // refused: the statement is running
  EXPECT_THAT(st->Step(), HasReason("storage.error"));
  st->Reset();
  ASSERT_OK_AND_ASSIGN(row, st->Bind(1, std::string("third-")).Step());
  ASSERT_TRUE(row);
  EXPECT_EQ(st->ColumnText(0), "third-x");
}

TEST_F(SqliteDbTest, PrepareTakesExactlyOneStatement) {
  ASSERT_OK_AND_ASSIGN(auto c, Connection::Open(Options()));
  EXPECT_OK(c->Prepare("SELECT 1;"));
  EXPECT_OK(c->Prepare("SELECT 2; -- trailing comment\n"));
  EXPECT_THAT(c->Prepare("SELECT 1; SELECT 2"), HasReason("storage.error"));
  EXPECT_THAT(c->Prepare("CREATE TABLE a (x); DROP TABLE b"), HasReason("storage.error"));
  EXPECT_THAT(c->Prepare("   "), HasReason("storage.error"));
  EXPECT_THAT(c->PrepareUncached("SELECT 1; SELECT 2"), HasReason("storage.error"));
}

TEST_F(SqliteDbTest, SqlErrorsAreStatusesNotCrashes) {
  ASSERT_OK_AND_ASSIGN(auto c, Connection::Open(Options()));
  Result<Statement*> bad = c->Prepare("SELEC 1");
  EXPECT_THAT(bad, HasReason("storage.error"));
  EXPECT_THAT(std::string(bad.status().message()), HasSubstr("syntax error"));
  EXPECT_THAT(std::string(bad.status().message()), HasSubstr("SELEC 1"));
  EXPECT_THAT(c->Exec("CREATE TABLE (x)"), HasReason("storage.error"));
  EXPECT_THAT(c->Prepare("SELECT * FROM missing_table"), HasReason("storage.error"));
  // The connection is still usable.
  EXPECT_EQ(QueryText(*c, "SELECT 1 + 1"), "2");
}

TEST_F(SqliteDbTest, BindErrorsSurfaceOnStepAndClearOnReset) {
  ASSERT_OK_AND_ASSIGN(auto c, Connection::Open(Options()));
  ASSERT_OK(c->Exec("CREATE TABLE t (v INTEGER)"));
  ASSERT_OK_AND_ASSIGN(Statement * insert, c->Prepare("INSERT INTO t VALUES (?1)"));
  Status status = insert->Bind(1, 1).Bind(2, 2).Run();  // ?2 does not exist
  EXPECT_THAT(status, HasReason("storage.error"));
  EXPECT_THAT(std::string(status.message()), HasSubstr("bind"));
  EXPECT_EQ(QueryText(*c, "SELECT count(*) FROM t"), "0");  // nothing ran
  ASSERT_OK(insert->Bind(1, 1).Run());                      // Run reset the error
  EXPECT_EQ(QueryText(*c, "SELECT count(*) FROM t"), "1");
}

TEST_F(SqliteDbTest, ConstraintViolationsMapToReasons) {
  ASSERT_OK_AND_ASSIGN(auto c, Connection::Open(Options()));
  ASSERT_OK(
      c->Exec("CREATE TABLE parent (id INTEGER PRIMARY KEY, code TEXT NOT NULL UNIQUE,"
              "                     amount_minor INTEGER CHECK (amount_minor >= 0));"
              "CREATE TABLE child (id BLOB PRIMARY KEY, parent_id INTEGER REFERENCES parent(id));"
              "INSERT INTO parent VALUES (1, 'a', 0);"));

  auto insert_parent = [&](int id, const char* code, int amount) {
    Result<Statement*> s = c->Prepare("INSERT INTO parent VALUES (?1, ?2, ?3)");
    if (!s.ok()) return s.status();
    return (*s)->Bind(1, id).Bind(2, code).Bind(3, amount).Run();
  };
  Status unique = insert_parent(2, "a", 0);
  EXPECT_THAT(unique, StatusIs(absl::StatusCode::kAlreadyExists));
  EXPECT_THAT(unique, HasReason("storage.unique_violation"));
  EXPECT_THAT(std::string(unique.message()), HasSubstr("parent.code"));
  EXPECT_THAT(insert_parent(1, "b", 0), HasReason("storage.unique_violation"));  // rowid PK
  EXPECT_THAT(insert_parent(3, nullptr, 0), HasReason("storage.constraint"));    // NOT NULL
  EXPECT_THAT(insert_parent(4, "d", -1), HasReason("storage.constraint"));       // CHECK

  ASSERT_OK_AND_ASSIGN(Statement * child, c->Prepare("INSERT INTO child VALUES (?1, ?2)"));
  const std::string id(16, '\0');
  ASSERT_OK(child->BindBlob(1, id).Bind(2, 1).Run());
  EXPECT_THAT(child->BindBlob(1, id).Bind(2, 1).Run(),
              HasReason("storage.unique_violation"));  // BLOB PRIMARY KEY
  Status fk = child->BindBlob(1, std::string(16, '\x01')).Bind(2, 99).Run();
  EXPECT_THAT(fk, StatusIs(absl::StatusCode::kInternal));  // proves foreign_keys=ON
  EXPECT_THAT(fk, HasReason("storage.constraint"));
}

TEST_F(SqliteDbTest, StatementCacheHasALimit) {
  ASSERT_OK_AND_ASSIGN(auto c, Connection::Open(Options()));
  for (size_t i = 0; i < kMaxCachedStatements; ++i) {
    ASSERT_OK(c->Prepare(fmt::format("SELECT {}", i)));
  }
  EXPECT_OK(c->Prepare("SELECT 0"));  // cached texts still work
  EXPECT_THAT(c->Prepare("SELECT -1"), HasReason("storage.statement_cache_full"));
  ASSERT_OK_AND_ASSIGN(Statement owned, c->PrepareUncached("SELECT -1"));
  ASSERT_OK_AND_ASSIGN(bool row, owned.Step());
  ASSERT_TRUE(row);
  EXPECT_EQ(owned.ColumnInt(0), -1);
}

// Not a fixture test: the dying child would leak the fixture's temporary directory.
TEST(SqliteDbDeathTest, ReadingAColumnWithoutARowIsABug) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  OpenOptions options;
  options.path = ":memory:";
  ASSERT_OK_AND_ASSIGN(auto c, Connection::Open(options));
  ASSERT_OK_AND_ASSIGN(Statement * s, c->Prepare("SELECT 1 WHERE 0"));
  EXPECT_DEATH((void)s->ColumnInt(0), "without a row");
  ASSERT_OK_AND_ASSIGN(s, c->Prepare("SELECT 1"));
  ASSERT_OK(s->Step());
  EXPECT_DEATH((void)s->ColumnInt(1), "out of range");
}

// ------------------------------------------------------------------------------ transactions

TEST_F(SqliteDbTest, TransactionRollsBackUnlessCommitted) {
  ASSERT_OK_AND_ASSIGN(auto c, Connection::Open(Options()));
  ASSERT_OK(c->Exec("CREATE TABLE t (v INTEGER)"));
  {
    ASSERT_OK_AND_ASSIGN(Transaction tx, Transaction::Begin(*c, Transaction::Kind::kWrite));
    ASSERT_OK(tx.connection().Exec("INSERT INTO t VALUES (1)"));
    EXPECT_FALSE(c->InAutocommit());
  }  // destructor
  EXPECT_TRUE(c->InAutocommit());
  EXPECT_EQ(QueryText(*c, "SELECT count(*) FROM t"), "0");
  {
    ASSERT_OK_AND_ASSIGN(Transaction tx, Transaction::Begin(*c, Transaction::Kind::kWrite));
    ASSERT_OK(c->Exec("INSERT INTO t VALUES (2)"));
    tx.Rollback();
    tx.Rollback();  // idempotent
  }
  EXPECT_EQ(QueryText(*c, "SELECT count(*) FROM t"), "0");
  {
    ASSERT_OK_AND_ASSIGN(Transaction tx, Transaction::Begin(*c, Transaction::Kind::kWrite));
    ASSERT_OK(c->Exec("INSERT INTO t VALUES (3)"));
    Transaction moved = std::move(tx);  // the moved-from one must not roll back
    ASSERT_OK(moved.Commit());
  }
  EXPECT_EQ(QueryText(*c, "SELECT group_concat(v) FROM t"), "3");
  // Nested BEGIN is an error, not a crash, and leaves the outer transaction alone.
  ASSERT_OK_AND_ASSIGN(Transaction outer, Transaction::Begin(*c, Transaction::Kind::kRead));
  EXPECT_THAT(Transaction::Begin(*c, Transaction::Kind::kWrite), HasReason("storage.error"));
  EXPECT_FALSE(c->InAutocommit());
}

TEST_F(SqliteDbTest, CommitResetsStatementsLeftMidIteration) {
  ASSERT_OK_AND_ASSIGN(auto c, Connection::Open(Options()));
  ASSERT_OK(c->Exec("CREATE TABLE t (v INTEGER); INSERT INTO t VALUES (1), (2), (3);"));
  ASSERT_OK_AND_ASSIGN(Transaction tx, Transaction::Begin(*c, Transaction::Kind::kWrite));
  ASSERT_OK_AND_ASSIGN(Statement * returning, c->Prepare("UPDATE t SET v = v * 10 RETURNING v"));
  ASSERT_OK_AND_ASSIGN(bool row, returning->Step());  // one row of three, then abandoned
  ASSERT_TRUE(row);
  ASSERT_OK(tx.Commit());
  EXPECT_TRUE(c->InAutocommit());
  EXPECT_EQ(sqlite3_next_stmt(c->raw(), nullptr) != nullptr, true);
  for (sqlite3_stmt* s = sqlite3_next_stmt(c->raw(), nullptr); s != nullptr;
       s = sqlite3_next_stmt(c->raw(), s)) {
    EXPECT_EQ(sqlite3_stmt_busy(s), 0) << sqlite3_sql(s);
  }
  EXPECT_EQ(QueryText(*c, "SELECT sum(v) FROM t"), "60");
}

// ------------------------------------------------------------------------------ Database

TEST_F(SqliteDbTest, WriteCommitsAndRollsBackOnErrorOrException) {
  ASSERT_OK_AND_ASSIGN(auto db, Database::Open(Options()));
  EXPECT_EQ(db->path(), Options().path);
  ASSERT_OK(db->Write([](Connection& c) { return c.Exec("CREATE TABLE t (v INTEGER)"); }));
  ASSERT_OK(db->Write([](Connection& c) { return c.Exec("INSERT INTO t VALUES (1)"); }));

  Status error = db->Write([](Connection& c) -> Status {
    RETURN_IF_ERROR(c.Exec("INSERT INTO t VALUES (2)"));
    return WrongState("invoice.not_draft", "nope");
  });
  EXPECT_THAT(error, HasReason("invoice.not_draft"));  // fn's own error comes back unchanged

  Status thrown = db->Write([](Connection& c) -> Status {
    RETURN_IF_ERROR(c.Exec("INSERT INTO t VALUES (3)"));
    throw std::runtime_error("boom");
  });
  EXPECT_THAT(thrown, HasReason("storage.callback_threw"));
  EXPECT_THAT(std::string(thrown.message()), HasSubstr("boom"));

  Status sql_error = db->Write([](Connection& c) -> Status {
    RETURN_IF_ERROR(c.Exec("INSERT INTO t VALUES (4)"));
    return c.Exec("INSERT INTO nowhere VALUES (5)");
  });
  EXPECT_THAT(sql_error, HasReason("storage.error"));

  std::string seen;
  ASSERT_OK(db->Read([&](Connection& c) {
    seen = QueryText(c, "SELECT group_concat(v) FROM t");
    return OkStatus();
  }));
  EXPECT_EQ(seen, "1");
  EXPECT_TRUE(db->writer_unlocked().InAutocommit());
}

TEST_F(SqliteDbTest, ReadCannotWrite) {
  ASSERT_OK_AND_ASSIGN(auto db, Database::Open(Options()));
  ASSERT_OK(db->Write([](Connection& c) { return c.Exec("CREATE TABLE t (v INTEGER)"); }));
  EXPECT_THAT(db->Read([](Connection& c) { return c.Exec("INSERT INTO t VALUES (1)"); }),
              HasReason("storage.error"));
}

TEST_F(SqliteDbTest, ConcurrentWritesAreSerialized) {
  // Read-modify-write in two statements: any interleaving of two writers would lose updates.
  constexpr int kThreads = 8;
  constexpr int kIncrementsPerThread = 1000;
  OpenOptions options = Options();
  // The serialization under test does not depend on fsync; NORMAL keeps 8,000 commits quick.
  options.synchronous_full = false;
  ASSERT_OK_AND_ASSIGN(auto db, Database::Open(options));
  ASSERT_OK(db->Write([](Connection& c) {
    return c.Exec(
        "CREATE TABLE counter (id INTEGER PRIMARY KEY, n INTEGER NOT NULL);"
        "INSERT INTO counter VALUES (1, 0);");
  }));
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < kIncrementsPerThread; ++i) {
        Status status = db->Write([](Connection& c) -> Status {
          ASSIGN_OR_RETURN(Statement * read, c.Prepare("SELECT n FROM counter WHERE id = 1"));
          ASSIGN_OR_RETURN(bool row, read->Step());
          if (!row) return NotFound("counter.missing", "no counter row");
          const int64_t n = read->ColumnInt(0);
          ASSIGN_OR_RETURN(Statement * write, c.Prepare("UPDATE counter SET n = ?1 WHERE id = 1"));
          return write->Bind(1, n + 1).Run();
        });
        if (!status.ok()) failures.fetch_add(1);
      }
    });
  }
  // Readers run alongside and must never see a torn or failed read.
  std::atomic<bool> done{false};
  std::thread reader([&] {
    int64_t last = 0;
    while (!done.load()) {
      int64_t n = -1;
      Status status = db->Read([&](Connection& c) -> Status {
        ASSIGN_OR_RETURN(Statement * read, c.Prepare("SELECT n FROM counter WHERE id = 1"));
        ASSIGN_OR_RETURN(bool row, read->Step());
        if (row) n = read->ColumnInt(0);
        return OkStatus();
      });
      if (!status.ok() || n < last) failures.fetch_add(1);
      last = n;
    }
  });
  for (std::thread& t : threads) t.join();
  done = true;
  reader.join();
  EXPECT_EQ(failures.load(), 0);
  std::string n;
  ASSERT_OK(db->Read([&](Connection& c) {
    n = QueryText(c, "SELECT n FROM counter");
    return OkStatus();
  }));
  EXPECT_EQ(n, std::to_string(kThreads * kIncrementsPerThread));
}

TEST_F(SqliteDbTest, ReaderSeesCommittedDataWhileAWriteIsOpen) {
  ASSERT_OK_AND_ASSIGN(auto db, Database::Open(Options()));
  ASSERT_OK(db->Write([](Connection& c) {
    return c.Exec("CREATE TABLE t (v TEXT); INSERT INTO t VALUES ('committed');");
  }));
  auto read_all = [&] {
    std::string seen;
    Status status = db->Read([&](Connection& c) {
      seen = QueryText(c, "SELECT group_concat(v) FROM t");
      return OkStatus();
    });
    return status.ok() ? seen : std::string(status.message());
  };
  {
    ASSERT_OK_AND_ASSIGN(Transaction open_write,
                         Transaction::Begin(db->writer_unlocked(), Transaction::Kind::kWrite));
    ASSERT_OK(db->writer_unlocked().Exec("INSERT INTO t VALUES ('pending')"));
    EXPECT_EQ(read_all(), "committed");  // not blocked, and no dirty read
    ASSERT_OK(open_write.Commit());
  }
  EXPECT_EQ(read_all(), "committed,pending");
}

TEST_F(SqliteDbTest, ReadSeesOneSnapshot) {
  ASSERT_OK_AND_ASSIGN(auto db, Database::Open(Options()));
  ASSERT_OK(db->Write([](Connection& c) {
    return c.Exec("CREATE TABLE t (v INTEGER); INSERT INTO t VALUES (1);");
  }));
  std::string before, after;
  ASSERT_OK(db->Read([&](Connection& c) -> Status {
    before = QueryText(c, "SELECT count(*) FROM t");
    // A commit from the writer between two statements of the same Read...
    RETURN_IF_ERROR(db->writer_unlocked().Exec("INSERT INTO t VALUES (2)"));
    after = QueryText(c, "SELECT count(*) FROM t");
    return OkStatus();
  }));
  EXPECT_EQ(before, "1");
  EXPECT_EQ(after, "1");  // ...is not seen by it.
}

TEST_F(SqliteDbTest, ReaderPoolServesMoreThreadsThanConnections) {
  ASSERT_OK_AND_ASSIGN(auto db, Database::Open(Options(), /*reader_count=*/2));
  ASSERT_OK(db->Write([](Connection& c) {
    return c.Exec("CREATE TABLE t (v INTEGER); INSERT INTO t VALUES (7);");
  }));
  std::atomic<int> ok{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 200; ++i) {
        Status status = db->Read([&](Connection& c) -> Status {
          ASSIGN_OR_RETURN(Statement * s, c.Prepare("SELECT v FROM t"));
          ASSIGN_OR_RETURN(bool row, s->Step());
          if (row && s->ColumnInt(0) == 7) ok.fetch_add(1);
          return OkStatus();
        });
        if (!status.ok()) ADD_FAILURE() << status;
      }
    });
  }
  for (std::thread& t : threads) t.join();
  EXPECT_EQ(ok.load(), 8 * 200);
}

TEST_F(SqliteDbTest, SecondDatabaseOnTheSameFileWaitsForTheWriteLock) {
  ASSERT_OK_AND_ASSIGN(auto first, Database::Open(Options()));
  ASSERT_OK_AND_ASSIGN(auto second, Database::Open(Options()));  // like another process
  ASSERT_OK(first->Write([](Connection& c) { return c.Exec("CREATE TABLE t (v TEXT)"); }));

  ASSERT_OK_AND_ASSIGN(Transaction held,
                       Transaction::Begin(first->writer_unlocked(), Transaction::Kind::kWrite));
  ASSERT_OK(first->writer_unlocked().Exec("INSERT INTO t VALUES ('first')"));
  std::atomic<bool> released{false};
  bool ran_after_release = false;
  Status second_status;
  std::thread writer([&] {
    second_status = second->Write([&](Connection& c) {
      // BEGIN IMMEDIATE must have waited for the lock before fn runs at all.
      ran_after_release = released.load();
      return c.Exec("INSERT INTO t VALUES ('second')");
    });
  });
  std::this_thread::sleep_for(300ms);
  released = true;
  ASSERT_OK(held.Commit());
  writer.join();
  EXPECT_OK(second_status);
  EXPECT_TRUE(ran_after_release);
  std::string seen;
  ASSERT_OK(first->Read([&](Connection& c) {
    seen = QueryText(c, "SELECT group_concat(v) FROM t");
    return OkStatus();
  }));
  EXPECT_EQ(seen, "first,second");
}

TEST_F(SqliteDbTest, SecondDatabaseGivesUpAsBusyAfterItsTimeout) {
  ASSERT_OK_AND_ASSIGN(auto first, Database::Open(Options()));
  OpenOptions impatient = Options();
  impatient.busy_timeout_ms = 50;
  ASSERT_OK_AND_ASSIGN(auto second, Database::Open(impatient));
  ASSERT_OK(first->Write([](Connection& c) { return c.Exec("CREATE TABLE t (v TEXT)"); }));

  ASSERT_OK_AND_ASSIGN(Transaction held,
                       Transaction::Begin(first->writer_unlocked(), Transaction::Kind::kWrite));
  int calls = 0;
  Status status = second->Write([&](Connection& c) {
    ++calls;
    return c.Exec("INSERT INTO t VALUES ('second')");
  });
  EXPECT_THAT(status, StatusIs(absl::StatusCode::kUnavailable));
  EXPECT_THAT(status, HasReason("storage.busy"));
  EXPECT_EQ(calls, 0);  // the lock is taken before fn runs
  // Reading is not blocked by the other writer (WAL).
  EXPECT_OK(second->Read([](Connection& c) { return c.Exec("SELECT count(*) FROM t"); }));
  held.Rollback();
  EXPECT_OK(second->Write([](Connection& c) { return c.Exec("INSERT INTO t VALUES ('ok')"); }));
}

TEST_F(SqliteDbTest, InMemoryDatabaseReadsThroughTheWriter) {
  OpenOptions options;
  options.path = ":memory:";
  ASSERT_OK_AND_ASSIGN(auto db, Database::Open(options, /*reader_count=*/4));
  ASSERT_OK(db->Write([](Connection& c) {
    return c.Exec("CREATE TABLE t (v INTEGER); INSERT INTO t VALUES (5);");
  }));
  std::string seen;
  ASSERT_OK(db->Read([&](Connection& c) {
    seen = QueryText(c, "SELECT v FROM t");
    return OkStatus();
  }));
  EXPECT_EQ(seen, "5");
}

TEST_F(SqliteDbTest, ReadOnlyDatabaseRefusesWrites) {
  {
    ASSERT_OK_AND_ASSIGN(auto db, Database::Open(Options()));
    ASSERT_OK(db->Write([](Connection& c) {
      return c.Exec("CREATE TABLE t (v INTEGER); INSERT INTO t VALUES (1);");
    }));
  }
  OpenOptions options = Options();
  options.read_only = true;
  ASSERT_OK_AND_ASSIGN(auto db, Database::Open(options));
  EXPECT_THAT(db->Write([](Connection& c) { return c.Exec("INSERT INTO t VALUES (2)"); }),
              HasReason("storage.read_only"));
  std::string seen;
  ASSERT_OK(db->Read([&](Connection& c) {
    seen = QueryText(c, "SELECT count(*) FROM t");
    return OkStatus();
  }));
  EXPECT_EQ(seen, "1");
  EXPECT_THAT(db->writer_unlocked().Exec("INSERT INTO t VALUES (3)"), HasReason("storage.error"));
}

}  // namespace
}  // namespace accrue::sqlite
