// The tamper-evident document chain against the real binary: every finalized invoice and credit
// note is linked; `GET /v1/documents/verify` and `accrue verify` recompute the chain and, after
// someone edits a stored document behind Accrue's back (here: the sqlite3 shell on the data
// file), name the first document that is no longer what was issued.
#include <gtest/gtest.h>

#include <cstdlib>

#include "harness.h"

namespace accrue::testing {
namespace {

// The id as SQLite stores it (16-byte blob), for WHERE clauses in the sqlite3 shell.
std::string BlobLiteral(std::string uuid) {
  std::erase(uuid, '-');
  return "x'" + uuid + "'";
}

class DocumentChainApiTest : public BilledCustomerApiTest {
 protected:
  // Runs SQL on the data file directly, as an attacker with file access would.
  void Tamper(const std::string& sql) {
    const std::string cmd =
        "sqlite3 '" + dir_.path() + "/accrue.db' \"PRAGMA busy_timeout=5000; " + sql + "\"";
    ASSERT_EQ(std::system(cmd.c_str()), 0) << cmd;
  }
  std::string Number(const std::string& invoice) {
    return JsonString(api_->Get("/v1/invoices/" + invoice).body, "number");
  }
};

TEST_F(DocumentChainApiTest, IntactChainVerifies) {
  auto note =
      api_->Post("/v1/credit_notes", R"({"invoice":")" + invoices_[1] + R"(","amount":"10.00"})");
  ASSERT_EQ(note.status, 200) << note.body;

  auto r = api_->Get("/v1/documents/verify");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(JsonString(r.body, "object"), "document_chain_verification");
  EXPECT_NE(r.body.find(R"("valid":true)"), std::string::npos) << r.body;
  EXPECT_EQ(JsonInt(r.body, "documents_checked"), 3);  // two invoices and the credit note
  EXPECT_EQ(JsonInt(r.body, "head_sequence"), 3);
  EXPECT_EQ(JsonString(r.body, "head_hash").size(), 64u);
  EXPECT_NE(r.body.find(R"("first_broken":null)"), std::string::npos) << r.body;

  CliResult cli = RunCli({"--data", dir_.path(), "verify"});
  EXPECT_EQ(cli.exit_code, 0) << cli.err;
  EXPECT_NE(cli.out.find("3 issued documents verified"), std::string::npos) << cli.out;
  EXPECT_NE(cli.out.find(JsonString(r.body, "head_hash")), std::string::npos) << cli.out;
  // Paying an invoice moves its facts (paid, status), not the document: still intact.
  auto pay = api_->Post("/v1/payments", R"({"customer":")" + customer_ +
                                            R"(","amount":"49.00","method":"bank_transfer",)"
                                            R"("apply_to":[{"invoice":")" +
                                            invoices_[0] + R"("}]})");
  ASSERT_EQ(pay.status, 200) << pay.body;
  EXPECT_NE(api_->Get("/v1/documents/verify").body.find(R"("valid":true)"), std::string::npos);
}

TEST_F(DocumentChainApiTest, AConsistentlyEditedAmountIsNamed) {
  // Lower the first invoice's line by 10.00 and its totals with it, so the row still adds up:
  // only the chain can tell.
  const std::string id = BlobLiteral(invoices_[0]);
  Tamper(
      "UPDATE invoice_lines SET amount_minor = amount_minor - 1000, unit_price = '39' "
      "WHERE invoice_id = " +
      id +
      "; UPDATE invoices SET subtotal_minor = subtotal_minor - "
      "1000, total_minor = total_minor - 1000, amount_due_minor = amount_due_minor - 1000 "
      "WHERE id = " +
      id + ";");
  EXPECT_EQ(JsonString(api_->Get("/v1/invoices/" + invoices_[0]).body, "total"), "39.00");

  auto r = api_->Get("/v1/documents/verify");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_NE(r.body.find(R"("valid":false)"), std::string::npos) << r.body;
  EXPECT_EQ(JsonInt(r.body, "documents_checked"), 0);
  EXPECT_EQ(JsonInt(r.body, "first_broken.sequence"), 1);
  EXPECT_EQ(JsonString(r.body, "first_broken.document_type"), "invoice");
  EXPECT_EQ(JsonString(r.body, "first_broken.document"), invoices_[0]);
  EXPECT_EQ(JsonString(r.body, "first_broken.number"), Number(invoices_[0]));
  EXPECT_EQ(JsonString(r.body, "first_broken.reason"), "altered");

  CliResult cli = RunCli({"--data", dir_.path(), "verify"});
  EXPECT_EQ(cli.exit_code, 1);
  EXPECT_NE(cli.err.find(Number(invoices_[0])), std::string::npos) << cli.err;
  EXPECT_NE(cli.err.find("altered"), std::string::npos) << cli.err;
  CliResult json = RunCli({"--data", dir_.path(), "--json", "verify"});
  EXPECT_EQ(json.exit_code, 1);
  EXPECT_EQ(JsonString(json.out, "first_broken.number"), Number(invoices_[0])) << json.out;
}

TEST_F(DocumentChainApiTest, AnEditThatBreaksTheTotalsIsUnreadable) {
  // Only the total changes: the invoice no longer passes its own check on load.
  Tamper("UPDATE invoices SET total_minor = total_minor + 1 WHERE id = " +
         BlobLiteral(invoices_[1]) + ";");
  auto r = api_->Get("/v1/documents/verify");
  EXPECT_EQ(JsonInt(r.body, "documents_checked"), 1) << r.body;
  EXPECT_EQ(JsonInt(r.body, "first_broken.sequence"), 2);
  EXPECT_EQ(JsonString(r.body, "first_broken.reason"), "unreadable");
  EXPECT_EQ(JsonString(r.body, "first_broken.document"), invoices_[1]);
  EXPECT_EQ(RunCli({"--data", dir_.path(), "verify"}).exit_code, 1);
}

TEST_F(DocumentChainApiTest, ADeletedDocumentOrLinkIsNamed) {
  Tamper("PRAGMA foreign_keys=OFF; DELETE FROM invoice_lines WHERE invoice_id = " +
         BlobLiteral(invoices_[1]) +
         "; DELETE FROM invoices WHERE id = " + BlobLiteral(invoices_[1]) + ";");
  auto r = api_->Get("/v1/documents/verify");
  EXPECT_EQ(JsonString(r.body, "first_broken.reason"), "missing") << r.body;
  EXPECT_EQ(JsonString(r.body, "first_broken.document"), invoices_[1]);

  Tamper("DELETE FROM document_chain WHERE seq = 1;");
  r = api_->Get("/v1/documents/verify");
  EXPECT_EQ(JsonString(r.body, "first_broken.reason"), "gap") << r.body;
  EXPECT_EQ(JsonInt(r.body, "first_broken.sequence"), 2);
}

TEST_F(DocumentChainApiTest, TenantsHaveTheirOwnChains) {
  // A second tenant in the same data directory has issued nothing: its chain is empty and its
  // verification does not see the first tenant's documents.
  const std::string other_key = InitTenant(dir_.path(), "Other");
  ApiClient other(server_->port(), other_key);
  auto r = other.Get("/v1/documents/verify");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(JsonInt(r.body, "documents_checked"), 0);
  EXPECT_EQ(JsonInt(r.body, "head_sequence"), 0);
  EXPECT_NE(r.body.find(R"("head_hash":null)"), std::string::npos) << r.body;
  EXPECT_EQ(api_->Get("/v1/documents/verify").status, 200);
  EXPECT_EQ(JsonInt(api_->Get("/v1/documents/verify").body, "documents_checked"), 2);
}

TEST_F(DocumentChainApiTest, RequiresAKey) {
  ApiClient anonymous(server_->port(), "");
  EXPECT_EQ(anonymous.Get("/v1/documents/verify").status, 401);
}

}  // namespace
}  // namespace accrue::testing
