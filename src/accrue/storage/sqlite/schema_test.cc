// Data-carrying migrations of the product schema: what was stored before a migration reads the
// same after it.
#include "accrue/storage/sqlite/schema.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <stdexcept>
#include <string>

#include "accrue/storage/sqlite/sqlite_migrator.h"
#include "testing/status_matchers.h"

namespace accrue::sqlite {
namespace {

class SchemaMigrationTest : public ::testing::Test {
 protected:
  SchemaMigrationTest() {
    std::string pattern = (std::filesystem::temp_directory_path() / "accrue_schema_XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    dir_ = pattern;
  }
  ~SchemaMigrationTest() override { std::filesystem::remove_all(dir_); }

  std::unique_ptr<Connection> OpenDb() {
    OpenOptions options;
    options.path = (dir_ / "accrue.db").string();
    Result<std::unique_ptr<Connection>> c = Connection::Open(options);
    if (!c.ok()) throw std::runtime_error(std::string(c.status().message()));
    return std::move(c).value();
  }

  std::filesystem::path dir_;
};

// Migration 8 re-keys the status history by (tenant, invoice, seq); seq follows the order the
// changes were written in, per invoice, even when two invoices' changes interleave.
TEST_F(SchemaMigrationTest, StatusHistoryKeepsItsOrderPerInvoice) {
  auto c = OpenDb();
  const std::span<const Migration> all = AccrueMigrations();
  ASSERT_GE(all.size(), 8u);
  ASSERT_EQ(all[7].version, 8);
  ASSERT_OK(ApplyMigrations(*c, all.first(7)));
  ASSERT_OK(c->Exec(
      "INSERT INTO invoice_status_changes VALUES "
      "(x'01', x'0a', NULL, 'draft', 'api', '', 1),"
      "(x'01', x'0b', NULL, 'draft', 'api', '', 2),"
      "(x'01', x'0a', 'draft', 'open', 'api', '', 3),"
      "(x'02', x'0a', NULL, 'draft', 'other tenant', '', 4),"
      "(x'01', x'0a', 'open', 'paid', 'api', 'settled', 5),"
      "(x'01', x'0b', 'draft', 'void', 'api', '', 6)"));
  ASSERT_OK(ApplyMigrations(*c, all));

  ASSERT_OK_AND_ASSIGN(
      Statement * st,
      c->Prepare("SELECT hex(tenant_id) || ':' || hex(invoice_id) || ':' || seq || ':' || "
                 "to_status FROM invoice_status_changes ORDER BY tenant_id, invoice_id, seq"));
  std::string rows;
  while (true) {
    ASSERT_OK_AND_ASSIGN(bool row, st->Step());
    if (!row) break;
    rows += st->ColumnText(0) + " ";
  }
  st->Reset();
  EXPECT_EQ(rows,
            "01:0A:0:draft 01:0A:1:open 01:0A:2:paid 01:0B:0:draft 01:0B:1:void "
            "02:0A:0:draft ");
}

}  // namespace
}  // namespace accrue::sqlite
