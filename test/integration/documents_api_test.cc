// The tamper-evident document chain against the real binary: every finalized invoice and credit
// note is linked; `GET /v1/documents/verify` and `accrue verify` recompute the chain and, after
// someone edits a stored document behind Accrue's back (here: the sqlite3 shell on the data
// file), name the first document that is no longer what was issued.
#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>

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

namespace accrue::testing {
namespace {

// The documents as files: seller profile, PDF, UBL and CII over HTTP and from the CLI.
class DocumentFilesApiTest : public ServedTenantTest {
 protected:
  // A buyer with a postal address (EN 16931 requires the buyer's country, BR-11), billed for
  // January and February 2026.
  void SetUp() override {
    ServedTenantTest::SetUp();
    if (HasFatalFailure()) return;
    BilledCustomer billed = BillOneCustomer(
        *api_,
        R"({"name":"Müller GmbH","currency":"EUR","time_zone":"Europe/Berlin",)"
        R"("email":"ap@mueller.example","address":{"line1":"Hauptstraße 5","city":"Berlin",)"
        R"("postal_code":"10115","country":"DE"}})",
        "2026-02-02T00:00:00Z");
    customer_ = billed.customer;
    invoices_ = billed.invoices;
    ASSERT_EQ(invoices_.size(), 2u);
  }

  void SetSeller(const std::string& extra = "") {
    auto r = api_->Post("/v1/seller_profile",
                        R"({"legal_name":"Accrue Demo Ltd","legal_registration_id":"IE 654321",)"
                        R"("email":"billing@accrue.example",)"
                        R"("address":{"line1":"1 Main Street","city":"Dublin",)"
                        R"("postal_code":"D01 X2Y3","country":"ie"},)"
                        R"("iban":"DE89 3704 0044 0532 0130 00","bic":"COBADEFFXXX",)"
                        R"("footer":"Registered in Ireland")" +
                            extra + "}");
    ASSERT_EQ(r.status, 200) << r.body;
  }
  std::string Number(const std::string& invoice) {
    return JsonString(api_->Get("/v1/invoices/" + invoice).body, "number");
  }
  std::string customer_;
  std::vector<std::string> invoices_;  // oldest first
  // pdftotext of a PDF body (Debian poppler-utils).
  std::string PdfText(const std::string& pdf) {
    const std::string path = dir_.path() + "/doc.pdf";
    FILE* f = std::fopen(path.c_str(), "wb");
    std::fwrite(pdf.data(), 1, pdf.size(), f);
    std::fclose(f);
    const std::string txt = dir_.path() + "/doc.txt";
    EXPECT_EQ(std::system(("pdftotext -layout '" + path + "' '" + txt + "'").c_str()), 0);
    std::ifstream in(txt);
    return std::string(std::istreambuf_iterator<char>(in), {});
  }
};

TEST_F(DocumentFilesApiTest, SellerProfileDefaultsUpdatesAndRefusesBadInput) {
  auto empty = api_->Get("/v1/seller_profile");
  ASSERT_EQ(empty.status, 200) << empty.body;
  EXPECT_EQ(JsonString(empty.body, "object"), "seller_profile");
  EXPECT_EQ(JsonString(empty.body, "legal_name"), "Test Tenant");  // the tenant's name
  EXPECT_EQ(JsonString(empty.body, "pdf_locale"), "en-GB");

  SetSeller();
  auto set = api_->Get("/v1/seller_profile");
  EXPECT_EQ(JsonString(set.body, "address.country"), "IE");
  EXPECT_EQ(JsonString(set.body, "iban"), "DE89370400440532013000");
  // A partial update keeps the rest.
  auto partial = api_->Post("/v1/seller_profile", R"({"pdf_locale":"de-DE"})");
  ASSERT_EQ(partial.status, 200) << partial.body;
  EXPECT_EQ(JsonString(partial.body, "pdf_locale"), "de-DE");
  EXPECT_EQ(JsonString(partial.body, "legal_name"), "Accrue Demo Ltd");

  ExpectError(api_->Post("/v1/seller_profile", R"({"iban":"DE89370400440532013001"})"), 400,
              "iban");
  ExpectError(api_->Post("/v1/seller_profile", R"({"address":{"country":"XX"}})"), 400,
              "address.country");
  ExpectError(api_->Post("/v1/seller_profile", R"({"vat_id":"DE12345678"})"), 400, "vat_id");
  ExpectError(api_->Post("/v1/seller_profile", R"({"colour":"#000000"})"), 400, "colour");
  ExpectError(api_->Post("/v1/seller_profile", R"({"iban":12})"), 400, "iban");
  // Nothing of the refused requests was written.
  EXPECT_EQ(JsonString(api_->Get("/v1/seller_profile").body, "iban"), "DE89370400440532013000");
}

TEST_F(DocumentFilesApiTest, InvoicePdfShowsNumberAmountsAndDueDate) {
  SetSeller();
  auto pdf = api_->Get("/v1/invoices/" + invoices_[0] + "/pdf");
  ASSERT_EQ(pdf.status, 200) << pdf.body.substr(0, 300);
  EXPECT_TRUE(pdf.body.starts_with("%PDF-"));
  auto type = pdf.headers.find("Content-Type");
  ASSERT_NE(type, pdf.headers.end());
  EXPECT_EQ(type->second, "application/pdf");
  const std::string text = PdfText(pdf.body);
  const std::string inv = api_->Get("/v1/invoices/" + invoices_[0]).body;
  EXPECT_NE(text.find(Number(invoices_[0])), std::string::npos) << text;
  EXPECT_NE(text.find("€49.00"), std::string::npos) << text;
  EXPECT_NE(text.find("Müller GmbH"), std::string::npos) << text;
  EXPECT_NE(text.find("Registered in Ireland"), std::string::npos) << text;
  EXPECT_NE(text.find("DE89 3704 0044 0532 0130 00"), std::string::npos) << text;
  // The due date, as en-GB writes it (e.g. "2 February 2026" for 2026-02-02).
  const std::string due = JsonString(inv, "due_date");
  ASSERT_EQ(due.size(), 10u);
  const int day = std::stoi(due.substr(8, 2));
  EXPECT_NE(text.find(std::to_string(day) + " "), std::string::npos) << text;
  // Another locale on request.
  auto de = api_->Get("/v1/invoices/" + invoices_[0] + "/pdf?locale=de-DE");
  ASSERT_EQ(de.status, 200);
  EXPECT_NE(PdfText(de.body).find("49,00"), std::string::npos);
  ExpectError(api_->Get("/v1/invoices/" + invoices_[0] + "/pdf?locale=xx_bad"), 400, "locale");
}

TEST_F(DocumentFilesApiTest, UblAndCiiForASellerNotSubjectToVat) {
  SetSeller();
  auto ubl = api_->Get("/v1/invoices/" + invoices_[1] + "/ubl");
  ASSERT_EQ(ubl.status, 200) << ubl.body;
  EXPECT_NE(ubl.body.find("<cbc:ID>" + Number(invoices_[1]) + "</cbc:ID>"), std::string::npos);
  EXPECT_NE(ubl.body.find("VATEX-EU-O"), std::string::npos);
  EXPECT_NE(ubl.body.find("DE89370400440532013000"), std::string::npos);
  auto cii = api_->Get("/v1/invoices/" + invoices_[1] + "/cii");
  ASSERT_EQ(cii.status, 200) << cii.body;
  EXPECT_NE(cii.body.find("CrossIndustryInvoice"), std::string::npos);
  // Peppol needs a buyer or order reference: the rule is named.
  auto peppol = api_->Get("/v1/invoices/" + invoices_[1] + "/ubl?profile=peppol");
  EXPECT_EQ(peppol.status, 400) << peppol.body;
  EXPECT_NE(JsonString(peppol.body, "error.code").find("einvoice.PEPPOL-EN16931-R003"),
            std::string::npos)
      << peppol.body;
  ExpectError(api_->Get("/v1/invoices/" + invoices_[1] + "/ubl?profile=zugferd"), 400, "profile");
}

TEST_F(DocumentFilesApiTest, VatRegisteredSellerGetsNoInventedVat) {
  SetSeller(R"(,"vat_id":"IE6388047V")");
  auto ubl = api_->Get("/v1/invoices/" + invoices_[0] + "/ubl");
  EXPECT_EQ(ubl.status, 409) << ubl.body;
  EXPECT_EQ(JsonString(ubl.body, "error.code"), "einvoice.tax_undetermined");
  // The PDF, which states no VAT category, is still available.
  EXPECT_EQ(api_->Get("/v1/invoices/" + invoices_[0] + "/pdf").status, 200);
}

TEST_F(DocumentFilesApiTest, CreditNoteFiles) {
  SetSeller();
  auto note =
      api_->Post("/v1/credit_notes", R"({"invoice":")" + invoices_[0] + R"(","amount":"9.00"})");
  ASSERT_EQ(note.status, 200) << note.body;
  const std::string id = JsonString(note.body, "id");
  auto pdf = api_->Get("/v1/credit_notes/" + id + "/pdf");
  ASSERT_EQ(pdf.status, 200);
  const std::string text = PdfText(pdf.body);
  EXPECT_NE(text.find(JsonString(note.body, "number")), std::string::npos) << text;
  EXPECT_NE(text.find(Number(invoices_[0])), std::string::npos) << text;
  EXPECT_NE(text.find("€9.00"), std::string::npos) << text;
  auto ubl = api_->Get("/v1/credit_notes/" + id + "/ubl");
  ASSERT_EQ(ubl.status, 200) << ubl.body;
  EXPECT_NE(ubl.body.find("<CreditNote"), std::string::npos);
}

TEST_F(DocumentFilesApiTest, DraftsAreNotDocumentsYet) {
  SetSeller();
  auto run =
      api_->Post("/v1/billing_runs", R"({"billing_at":"2026-03-02T00:00:00Z","finalize":false})");
  ASSERT_EQ(run.status, 200) << run.body;
  auto drafts = api_->Get("/v1/invoices?status=draft");
  ASSERT_EQ(JsonArraySize(drafts.body, "data"), 1u) << drafts.body;
  const std::string draft = JsonString(drafts.body, "data.0.id");
  ASSERT_FALSE(draft.empty()) << drafts.body;
  for (const char* format : {"pdf", "ubl", "cii"}) {
    auto r = api_->Get("/v1/invoices/" + draft + "/" + format);
    EXPECT_EQ(r.status, 409) << format << ": " << r.body;
    EXPECT_EQ(JsonString(r.body, "error.code"), "einvoice.not_finalized") << format;
  }
}

TEST_F(DocumentFilesApiTest, UnknownIdsAndOtherTenants) {
  SetSeller();
  ExpectError(api_->Get("/v1/invoices/not-an-id/pdf"), 400, "id");
  ExpectError(api_->Get("/v1/invoices/0190a000-0000-7000-8000-000000000001/pdf"), 404, "id");
  const std::string other_key = InitTenant(dir_.path(), "Other");
  ApiClient other(server_->port(), other_key);
  EXPECT_EQ(other.Get("/v1/invoices/" + invoices_[0] + "/pdf").status, 404);
  EXPECT_EQ(other.Get("/v1/invoices/" + invoices_[0] + "/ubl").status, 404);
}

TEST_F(DocumentFilesApiTest, CliRendersTheSameFile) {
  SetSeller();
  const std::string out = dir_.path() + "/invoice.xml";
  CliResult r = RunCli(
      {"--data", dir_.path(), "invoices", "render", invoices_[1], "--format", "ubl", "--out", out});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::ifstream in(out);
  const std::string file((std::istreambuf_iterator<char>(in)), {});
  EXPECT_EQ(file, api_->Get("/v1/invoices/" + invoices_[1] + "/ubl").body);
  CliResult pdf = RunCli({"--data", dir_.path(), "invoices", "render", invoices_[1], "--out",
                          dir_.path() + "/invoice.pdf"});
  EXPECT_EQ(pdf.exit_code, 0) << pdf.err;
  CliResult bad = RunCli({"--data", dir_.path(), "invoices", "render", invoices_[1], "--format",
                          "docx", "--out", out});
  EXPECT_NE(bad.exit_code, 0);
  EXPECT_NE(bad.err.find("format"), std::string::npos) << bad.err;
  CliResult unwritable = RunCli({"--data", dir_.path(), "invoices", "render", invoices_[1],
                                 "--out", dir_.path() + "/no/such/dir/invoice.pdf"});
  EXPECT_NE(unwritable.exit_code, 0);
  EXPECT_NE(unwritable.err.find("cannot write"), std::string::npos) << unwritable.err;
}

}  // namespace
}  // namespace accrue::testing
