#include "accrue/storage/sqlite/sqlite_migrator.h"

#include <fmt/format.h>
#include <stdlib.h>

#include <filesystem>
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
using ::testing::MatchesRegex;

constexpr Migration kV1{1, "create_customers",
                        "CREATE TABLE customers (id BLOB PRIMARY KEY, name TEXT NOT NULL) STRICT;"};
constexpr Migration kV2{2, "create_invoices",
                        "CREATE TABLE invoices (id BLOB PRIMARY KEY,"
                        "  customer_id BLOB NOT NULL REFERENCES customers(id),"
                        "  total_minor INTEGER NOT NULL) STRICT;"
                        "CREATE INDEX invoices_by_customer ON invoices (customer_id);"};
// Data migration: running it twice would insert two rows.
constexpr Migration kV3{3, "seed_walk_in_customer",
                        "INSERT INTO customers VALUES (x'00000000000000000000000000000001', "
                        "'walk-in');"};
constexpr Migration kAll[] = {kV1, kV2, kV3};

class SqliteMigratorTest : public ::testing::Test {
 protected:
  SqliteMigratorTest() {
    std::string pattern = (std::filesystem::temp_directory_path() / "accrue_migr_XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    dir_ = pattern;
  }
  ~SqliteMigratorTest() override { std::filesystem::remove_all(dir_); }

  std::unique_ptr<Connection> OpenDb() {
    OpenOptions options;
    options.path = (dir_ / "test.db").string();
    Result<std::unique_ptr<Connection>> c = Connection::Open(options);
    if (!c.ok()) throw std::runtime_error(std::string(c.status().message()));
    return std::move(c).value();
  }

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

  static bool HasTable(Connection& c, std::string_view table) {
    return QueryText(c, fmt::format("SELECT count(*) FROM sqlite_schema WHERE name = '{}'",
                                    table)) == "1";
  }

  std::filesystem::path dir_;
};

TEST_F(SqliteMigratorTest, FreshDatabaseIsVersionZero) {
  auto c = OpenDb();
  EXPECT_EQ(CurrentSchemaVersion(*c).value_or(-1), 0);
  ASSERT_OK(ApplyMigrations(*c, {}));
  EXPECT_EQ(CurrentSchemaVersion(*c).value_or(-1), 0);
  EXPECT_TRUE(HasTable(*c, "schema_migrations"));
}

TEST_F(SqliteMigratorTest, AppliesAllInOrderAndRecordsThem) {
  auto c = OpenDb();
  ASSERT_OK(ApplyMigrations(*c, kAll));
  EXPECT_EQ(CurrentSchemaVersion(*c).value_or(-1), 3);
  EXPECT_TRUE(HasTable(*c, "customers"));
  EXPECT_TRUE(HasTable(*c, "invoices"));
  EXPECT_TRUE(HasTable(*c, "invoices_by_customer"));
  EXPECT_EQ(QueryText(*c,
                      "SELECT group_concat(version || ':' || name, ' ') FROM "
                      "(SELECT * FROM schema_migrations ORDER BY version)"),
            "1:create_customers 2:create_invoices 3:seed_walk_in_customer");
  EXPECT_THAT(QueryText(*c, "SELECT applied_at FROM schema_migrations WHERE version = 3"),
              MatchesRegex("[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:.]+Z"));
  EXPECT_TRUE(c->InAutocommit());
}

TEST_F(SqliteMigratorTest, IsIdempotentOnReopen) {
  {
    auto c = OpenDb();
    ASSERT_OK(ApplyMigrations(*c, kAll));
  }
  auto c = OpenDb();
  ASSERT_OK(ApplyMigrations(*c, kAll));
  ASSERT_OK(ApplyMigrations(*c, kAll));
  EXPECT_EQ(CurrentSchemaVersion(*c).value_or(-1), 3);
  EXPECT_EQ(QueryText(*c, "SELECT count(*) FROM customers"), "1");  // seed ran once
  EXPECT_EQ(QueryText(*c, "SELECT count(*) FROM schema_migrations"), "3");
}

TEST_F(SqliteMigratorTest, AppliesOnlyTheMissingOnes) {
  auto c = OpenDb();
  ASSERT_OK(ApplyMigrations(*c, std::span(kAll).first(1)));
  EXPECT_EQ(CurrentSchemaVersion(*c).value_or(-1), 1);
  EXPECT_FALSE(HasTable(*c, "invoices"));
  // kV1 has no IF NOT EXISTS: running it again would fail.
  ASSERT_OK(ApplyMigrations(*c, kAll));
  EXPECT_EQ(CurrentSchemaVersion(*c).value_or(-1), 3);
}

TEST_F(SqliteMigratorTest, RefusesADatabaseNewerThanTheBinary) {
  auto c = OpenDb();
  ASSERT_OK(ApplyMigrations(*c, kAll));
  Status status = ApplyMigrations(*c, std::span(kAll).first(2));
  EXPECT_THAT(status, StatusIs(absl::StatusCode::kFailedPrecondition));
  EXPECT_THAT(status, HasReason("storage.schema_too_new"));
  EXPECT_THAT(std::string(status.message()), HasSubstr("version 3"));
  EXPECT_EQ(CurrentSchemaVersion(*c).value_or(-1), 3);
}

TEST_F(SqliteMigratorTest, RefusesARenamedOrInsertedMigration) {
  auto c = OpenDb();
  const Migration v1_and_v3[] = {kV1, kV3};
  ASSERT_OK(ApplyMigrations(*c, v1_and_v3));

  const Migration renamed[] = {kV1, {3, "something_else", kV3.sql}};
  EXPECT_THAT(ApplyMigrations(*c, renamed), HasReason("storage.schema_mismatch"));

  // kV2 now slots in below an applied version: refused rather than applied out of order.
  EXPECT_THAT(ApplyMigrations(*c, kAll), HasReason("storage.schema_gap"));
  EXPECT_FALSE(HasTable(*c, "invoices"));
  EXPECT_EQ(CurrentSchemaVersion(*c).value_or(-1), 3);
}

TEST_F(SqliteMigratorTest, FailedMigrationLeavesTheVersionUnchanged) {
  auto c = OpenDb();
  const Migration broken[] = {
      kV1,
      {2, "half_broken",
       "CREATE TABLE invoices (id BLOB PRIMARY KEY);"
       "INSERT INTO customers VALUES (x'01', 'x');"
       "INSERT INTO no_such_table VALUES (1);"},
      kV3,
  };
  Status status = ApplyMigrations(*c, broken);
  EXPECT_THAT(status, HasReason("storage.error"));
  EXPECT_THAT(std::string(status.message()), HasSubstr("half_broken"));
  EXPECT_THAT(std::string(status.message()), HasSubstr("no_such_table"));
  EXPECT_EQ(CurrentSchemaVersion(*c).value_or(-1), 1);
  EXPECT_FALSE(HasTable(*c, "invoices"));                           // DDL rolled back
  EXPECT_EQ(QueryText(*c, "SELECT count(*) FROM customers"), "0");  // and data
  EXPECT_TRUE(c->InAutocommit());

  // Fixed in the next release: applies from where it stopped.
  ASSERT_OK(ApplyMigrations(*c, kAll));
  EXPECT_EQ(CurrentSchemaVersion(*c).value_or(-1), 3);
}

TEST_F(SqliteMigratorTest, RefusesAMigrationThatLeavesDanglingForeignKeys) {
  auto c = OpenDb();
  const Migration dangling[] = {
      kV1,
      kV2,
      {3, "orphan_invoice",
       "PRAGMA defer_foreign_keys = ON;"
       "INSERT INTO invoices VALUES (x'02', x'99', 100);"},
  };
  EXPECT_THAT(ApplyMigrations(*c, dangling), HasReason("storage.migration_fk_violation"));
  EXPECT_EQ(CurrentSchemaVersion(*c).value_or(-1), 2);
  EXPECT_EQ(QueryText(*c, "SELECT count(*) FROM invoices"), "0");
}

TEST_F(SqliteMigratorTest, RefusesAMigrationThatCommitsItself) {
  auto c = OpenDb();
  const Migration commits[] = {{1, "commits", "CREATE TABLE a (x); COMMIT;"}};
  EXPECT_THAT(ApplyMigrations(*c, commits), StatusIs(absl::StatusCode::kInternal));
  EXPECT_EQ(CurrentSchemaVersion(*c).value_or(-1), 0);
  EXPECT_TRUE(c->InAutocommit());
}

TEST_F(SqliteMigratorTest, ConcurrentMigratorsApplyEachMigrationOnce) {
  auto a = OpenDb();
  auto b = OpenDb();
  Status status_a, status_b;
  std::thread other([&] { status_b = ApplyMigrations(*b, kAll); });
  status_a = ApplyMigrations(*a, kAll);
  other.join();
  EXPECT_OK(status_a);
  EXPECT_OK(status_b);
  EXPECT_EQ(QueryText(*a, "SELECT count(*) FROM customers"), "1");
  EXPECT_EQ(QueryText(*a, "SELECT count(*) FROM schema_migrations"), "3");
}

// Not a fixture test: the dying child would leak the fixture's temporary directory.
TEST(SqliteMigratorDeathTest, AMisorderedListIsABug) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  OpenOptions options;
  options.path = ":memory:";
  ASSERT_OK_AND_ASSIGN(auto c, Connection::Open(options));
  const Migration descending[] = {kV2, kV1};
  EXPECT_DEATH((void)ApplyMigrations(*c, descending), "ascending");
  const Migration duplicate[] = {kV1, {1, "again", "SELECT 1"}};
  EXPECT_DEATH((void)ApplyMigrations(*c, duplicate), "ascending");
  const Migration zero[] = {{0, "zero", "SELECT 1"}};
  EXPECT_DEATH((void)ApplyMigrations(*c, zero), "start at 1");
}

}  // namespace
}  // namespace accrue::sqlite
