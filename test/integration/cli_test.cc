// The `accrue` CLI against a real data directory: the commands a finance team runs, their JSON
// output, and clear errors with a non-zero exit for bad input.
#include <gtest/gtest.h>

#include "harness.h"
#include "testing/temp_dir.h"

namespace accrue::testing {
namespace {

TEST(CliTest, InitBillListShowVoid) {
  TempDir dir;
  const std::string& d = dir.path();
  CliResult init = RunCli({"init", "--data", d, "--name", "CLI Co", "--number-format",
                           "CLI-{YY}-{SEQ:4}", "--json"});
  ASSERT_EQ(init.exit_code, 0) << init.err;
  EXPECT_EQ(JsonString(init.out, "api_key").rfind("ak_", 0), 0u);

  CliResult cust = RunCli({"customers", "create", "--data", d, "--name", "Acme", "--currency",
                           "USD", "--time-zone", "America/New_York", "--json"});
  ASSERT_EQ(cust.exit_code, 0) << cust.err;
  EXPECT_EQ(JsonString(cust.out, "currency"), "USD");
  CliResult seed = RunCli({"seed", "--data", d, "--subscriptions", "8", "--start-date",
                           "2026-01-01"});
  ASSERT_EQ(seed.exit_code, 0) << seed.err;

  CliResult bill = RunCli({"bill", "--data", d, "--at", "2026-01-20", "--json"});
  ASSERT_EQ(bill.exit_code, 0) << bill.err;
  EXPECT_EQ(JsonInt(bill.out, "invoices_created"), 8);
  CliResult again = RunCli({"bill", "--data", d, "--at", "2026-01-20", "--json"});
  EXPECT_EQ(JsonInt(again.out, "invoices_created"), 0);

  CliResult list = RunCli({"invoices", "list", "--data", d, "--status", "open", "--json"});
  ASSERT_EQ(list.exit_code, 0) << list.err;
  EXPECT_EQ(JsonArraySize(list.out, "data"), 8u);
  simdjson::dom::parser p;
  std::string id(p.parse(list.out)["data"].at(0)["id"].get_string().value());
  std::string number(p.parse(list.out)["data"].at(0)["number"].get_string().value());
  EXPECT_EQ(number, "CLI-26-0008");

  CliResult table = RunCli({"invoices", "list", "--data", d});
  EXPECT_NE(table.out.find("CLI-26-0001"), std::string::npos) << table.out;
  CliResult show = RunCli({"invoices", "show", id, "--data", d});
  EXPECT_EQ(show.exit_code, 0);
  EXPECT_NE(show.out.find(number), std::string::npos) << show.out;

  CliResult voided = RunCli({"invoices", "void", id, "--reason", "test", "--data", d, "--json"});
  ASSERT_EQ(voided.exit_code, 0) << voided.err;
  EXPECT_EQ(JsonString(voided.out, "status"), "void");
  CliResult twice = RunCli({"invoices", "void", id, "--data", d});
  EXPECT_NE(twice.exit_code, 0);
  EXPECT_NE(twice.err.find("invoice.invalid_transition"), std::string::npos) << twice.err;
}

TEST(CliTest, BadInputIsAMessageAndNonZeroExit) {
  TempDir dir;
  const std::string& d = dir.path();
  CliResult no_tenant = RunCli({"invoices", "list", "--data", d});
  EXPECT_NE(no_tenant.exit_code, 0);
  EXPECT_NE(no_tenant.err.find("accrue init"), std::string::npos) << no_tenant.err;
  ASSERT_EQ(RunCli({"init", "--data", d}).exit_code, 0);
  struct Case {
    std::vector<std::string> args;
    std::string expect_in_err;
  };
  const std::vector<Case> cases = {
      {{"bill", "--data", d, "--at", "tomorrow"}, "--at"},
      {{"bill", "--data", d}, "--at"},
      {{"invoices", "show", "not-a-uuid", "--data", d}, "id"},
      {{"invoices", "show", "0190f3a2-7b1c-7d2e-8f00-123456789abc", "--data", d},
       "invoice.not_found"},
      {{"invoices", "list", "--status", "posted", "--data", d}, "status"},
      {{"invoices", "list", "--limit", "500", "--data", d}, "limit"},
      {{"customers", "create", "--name", "X", "--currency", "EURO", "--data", d}, "currency"},
      {{"customers", "create", "--name", "X", "--currency", "EUR", "--time-zone", "Nowhere",
        "--data", d},
       "time_zone"},
      {{"init", "--data", d, "--number-format", "INV-{YYYY}"}, "invoice_number_format"},
      {{"serve", "--data", d, "--port", "99999"}, "port"},
      {{"nonsense"}, ""},
  };
  for (const Case& c : cases) {
    CliResult r = RunCli(c.args);
    EXPECT_NE(r.exit_code, 0) << c.args[0];
    EXPECT_NE(r.err.find(c.expect_in_err), std::string::npos) << r.err;
  }
}

TEST(CliTest, MigrateReportsTheSchemaVersion) {
  TempDir dir;
  CliResult r = RunCli({"migrate", "--data", dir.path()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("schema version"), std::string::npos);
  CliResult again = RunCli({"migrate", "--data", dir.path()});
  EXPECT_EQ(again.out, r.out);
}

}  // namespace
}  // namespace accrue::testing
