// A kill -9 of the server in the middle of a billing run, then a restart and a rerun: every
// period is invoiced exactly once, numbers run 1..N with no gap and no repeat, and no invoice is
// half written (each has its line and consistent totals — the store verifies totals on load).
#include <gtest/gtest.h>

#include <set>
#include <thread>

#include "harness.h"
#include "testing/temp_dir.h"

namespace accrue::testing {
namespace {

struct InvoiceFacts {
  std::set<std::pair<std::string, int64_t>> periods;
  std::vector<int64_t> sequences;
  size_t count = 0;
  bool all_have_one_line = true;
};

InvoiceFacts ListAll(ApiClient& api) {
  InvoiceFacts facts;
  std::string after;
  simdjson::dom::parser p;
  while (true) {
    auto r = api.Get("/v1/invoices?limit=100" + (after.empty() ? "" : "&starting_after=" + after));
    EXPECT_EQ(r.status, 200) << r.body;
    if (r.status != 200) break;
    simdjson::dom::element doc = p.parse(r.body);
    for (simdjson::dom::element inv : doc["data"].get_array()) {
      after = std::string(inv["id"].get_string().value());
      ++facts.count;
      std::string sub(inv["subscription"].get_string().value());
      // period_start identifies the period as well as its index does.
      std::string start(inv["period_start"].get_string().value());
      facts.periods.emplace(sub + start, 0);
      facts.sequences.push_back(std::stoll(std::string(inv["number"].get_string().value()).substr(9)));
      if (inv["lines"].get_array().size() != 1) facts.all_have_one_line = false;
    }
    if (!doc["has_more"].get_bool().value()) break;
  }
  return facts;
}

TEST(CrashTest, KillNineDuringBillingRunThenRerun) {
  TempDir dir;
  std::string key = InitTenant(dir.path());
  ASSERT_FALSE(key.empty());
  constexpr int kSubscriptions = 20000;
  CliResult seeded = RunCli({"seed", "--data", dir.path(), "--subscriptions",
                             std::to_string(kSubscriptions), "--start-date", "2026-01-01"});
  ASSERT_EQ(seeded.exit_code, 0) << seeded.err;
  // Anchors are spread over Jan 1..28 in zones from UTC-5 to UTC+9, so at noon UTC on Feb 28
  // each subscription owes exactly 2 periods (Jan d and Feb d).
  const std::string body = R"({"billing_at":"2026-02-28T12:00:00Z"})";
  const size_t expected = 2 * kSubscriptions;

  {
    ServerProcess server(dir.path());
    ASSERT_TRUE(server.started());
    std::thread request([&] {
      ApiClient api(server.port(), key);
      api.Post("/v1/billing_runs", body);  // the server dies under it
    });
    // Pull the plug as soon as the first batches are committed (reads are served alongside).
    ApiClient watcher(server.port(), key);
    for (int i = 0; i < 2000; ++i) {
      if (JsonArraySize(watcher.Get("/v1/invoices?limit=1").body, "data") > 0) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    int status = server.Signal(SIGKILL);
    EXPECT_TRUE(WIFSIGNALED(status));
    request.join();
  }

  ServerProcess server(dir.path());
  ASSERT_TRUE(server.started());
  ApiClient api(server.port(), key);
  InvoiceFacts partial = ListAll(api);
  // A crash never leaves a gap, even before the rerun.
  std::sort(partial.sequences.begin(), partial.sequences.end());
  for (size_t i = 0; i < partial.sequences.size(); ++i) {
    ASSERT_EQ(partial.sequences[i], static_cast<int64_t>(i + 1));
  }
  EXPECT_LT(partial.count, expected) << "the run finished before the kill; raise kSubscriptions";

  auto rerun = api.Post("/v1/billing_runs", body);
  ASSERT_EQ(rerun.status, 200) << rerun.body;
  EXPECT_EQ(static_cast<size_t>(JsonInt(rerun.body, "invoices_created")), expected - partial.count);

  InvoiceFacts done = ListAll(api);
  EXPECT_EQ(done.count, expected);
  EXPECT_EQ(done.periods.size(), expected);  // no period twice
  EXPECT_TRUE(done.all_have_one_line);
  std::sort(done.sequences.begin(), done.sequences.end());
  for (size_t i = 0; i < done.sequences.size(); ++i) {
    ASSERT_EQ(done.sequences[i], static_cast<int64_t>(i + 1));
  }
}

}  // namespace
}  // namespace accrue::testing
