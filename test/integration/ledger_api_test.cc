// The books end to end, against the real binary: a billing run posts to the ledger, every report
// answers in JSON and CSV, recognition runs are idempotent, and bad parameters get a 400 naming
// the field. The CLI's journal export agrees with the API's.
#include <gtest/gtest.h>

#include "harness.h"
#include "testing/temp_dir.h"

namespace accrue::testing {
namespace {

class LedgerApiTest : public ServedTenantTest {
 protected:
  void SetUp() override {
    ServedTenantTest::SetUp();
    if (HasFatalFailure()) return;
    auto c = api_->Post("/v1/customers",
                        R"({"name":"Ledger, Inc.","currency":"EUR","time_zone":"UTC"})");
    ASSERT_EQ(c.status, 200) << c.body;
    auto p = api_->Post("/v1/plans", R"({"code":"annual","name":"Annual","currency":"EUR",)"
                                     R"("amount":"12000.00","interval":"year"})");
    ASSERT_EQ(p.status, 200) << p.body;
    auto s = api_->Post("/v1/subscriptions", R"({"customer":")" + JsonString(c.body, "id") +
                                                 R"(","plan":")" + JsonString(p.body, "id") +
                                                 R"(","start_date":"2026-01-01"})");
    ASSERT_EQ(s.status, 200) << s.body;
    auto run = api_->Post("/v1/billing_runs", R"({"billing_at":"2026-01-02T00:00:00Z"})");
    ASSERT_EQ(run.status, 200) << run.body;
    ASSERT_EQ(JsonInt(run.body, "invoices_finalized"), 1) << run.body;
  }
};

TEST_F(LedgerApiTest, ReportsAnswerInJsonAndCsv) {
  auto tb = api_->Get("/v1/reports/trial_balance");
  ASSERT_EQ(tb.status, 200) << tb.body;
  EXPECT_NE(tb.body.find(R"("balanced":true)"), std::string::npos) << tb.body;
  EXPECT_NE(tb.body.find(R"("account":"1100")"), std::string::npos) << tb.body;
  EXPECT_NE(tb.body.find(R"("debit":"12000.00")"), std::string::npos) << tb.body;
  auto csv = api_->Get("/v1/reports/trial_balance?format=csv");
  ASSERT_EQ(csv.status, 200) << csv.body;
  EXPECT_EQ(csv.body.rfind("account,name,type,currency,debit,credit", 0), 0u) << csv.body;
  EXPECT_NE(csv.headers.find("Content-Type")->second.find("text/csv"), std::string::npos);
  for (const char* path :
       {"/v1/reports/ar_aging", "/v1/reports/ar_aging?format=csv", "/v1/reports/dso?days=30",
        "/v1/reports/deferred_revenue", "/v1/reports/deferred_revenue?format=csv",
        "/v1/reports/recognized_revenue?from=2026-01&to=2026-12",
        "/v1/reports/mrr?from=2026-01&to=2026-03&format=csv", "/v1/accounts"}) {
    auto r = api_->Get(path);
    EXPECT_EQ(r.status, 200) << path << ": " << r.body;
  }
  auto mrr = api_->Get("/v1/reports/mrr?from=2026-01&to=2026-01");
  EXPECT_NE(mrr.body.find(R"("new":"1000.00")"), std::string::npos) << mrr.body;
  auto deferred = api_->Get("/v1/reports/deferred_revenue");
  EXPECT_EQ(JsonArraySize(deferred.body, "months"), 12u) << deferred.body;
}

TEST_F(LedgerApiTest, RecognitionRunsAreIdempotentAndExportedJournalAgrees) {
  auto first = api_->Post("/v1/recognition_runs", R"({"month":"2026-01"})");
  ASSERT_EQ(first.status, 200) << first.body;
  EXPECT_EQ(JsonArraySize(first.body, "months"), 1u) << first.body;
  EXPECT_NE(first.body.find(R"("credit":"1000.00")"), std::string::npos) << first.body;
  auto again = api_->Post("/v1/recognition_runs", R"({"month":"2026-01"})");
  ASSERT_EQ(again.status, 200) << again.body;
  EXPECT_EQ(JsonArraySize(again.body, "months"), 0u) << again.body;
  auto journal = api_->Get("/v1/journal_entries?from=2026-01-01&to=2026-12-31&limit=1");
  ASSERT_EQ(journal.status, 200) << journal.body;
  EXPECT_EQ(JsonArraySize(journal.body, "data"), 1u);
  const std::string cursor = JsonString(journal.body, "next_cursor");
  ASSERT_FALSE(cursor.empty()) << journal.body;
  auto next =
      api_->Get("/v1/journal_entries?from=2026-01-01&to=2026-12-31&starting_after=" + cursor);
  ASSERT_EQ(next.status, 200) << next.body;
  EXPECT_EQ(JsonArraySize(next.body, "data"), 1u) << next.body;
  auto api_csv = api_->Get("/v1/journal_entries?from=2026-01-01&to=2026-12-31&format=csv");
  ASSERT_EQ(api_csv.status, 200);
  CliResult cli = RunCli({"--data", dir_.path(), "journal", "export", "--from", "2026-01-01",
                          "--to", "2026-12-31", "--format", "csv"});
  ASSERT_EQ(cli.exit_code, 0) << cli.err;
  EXPECT_EQ(cli.out, api_csv.body);
  CliResult verify = RunCli({"--data", dir_.path(), "ledger", "verify"});
  EXPECT_EQ(verify.exit_code, 0) << verify.err;
}

TEST_F(LedgerApiTest, BadParametersNameTheField) {
  struct Case {
    const char* path;
    const char* param;
  };
  for (const Case& c :
       {Case{"/v1/reports/trial_balance?as_of=2026-02-30", "as_of"},
        Case{"/v1/reports/trial_balance?format=xml", "format"},
        Case{"/v1/reports/trial_balance?currency=yen", "currency"},
        Case{"/v1/reports/dso?days=0", "days"}, Case{"/v1/reports/mrr?from=2026-13", "from"},
        Case{"/v1/reports/recognized_revenue?from=2026-05&to=2026-01", "to"},
        Case{"/v1/journal_entries?to=2026-01-31", "from"},
        Case{"/v1/journal_entries?from=2026-01-01&to=2026-01-31&limit=0", "limit"},
        Case{"/v1/journal_entries?from=2026-01-01&to=2026-01-31&starting_after=x",
             "starting_after"}}) {
    auto r = api_->Get(c.path);
    EXPECT_EQ(r.status, 400) << c.path << ": " << r.body;
    EXPECT_EQ(JsonString(r.body, "error.param"), c.param) << c.path << ": " << r.body;
  }
  auto future = api_->Post("/v1/recognition_runs", R"({"month":"2999-01"})");
  EXPECT_EQ(future.status, 400) << future.body;
  EXPECT_EQ(JsonString(future.body, "error.code"), "recognition.month_in_future");
  auto malformed = api_->Post("/v1/recognition_runs", R"({"month":"March"})");
  EXPECT_EQ(malformed.status, 400) << malformed.body;
  EXPECT_EQ(JsonString(malformed.body, "error.param"), "month");
  EXPECT_EQ(api_->Get("/v1/journal_entries/not-an-id").status, 400);
}

}  // namespace
}  // namespace accrue::testing
