// EPC069-12 payload strings, exactly, and their refusals; the QR matrix libqrencode returns.
#include "accrue/formats/pdf/epc_qr.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "accrue/formats/einvoice/einvoice_test_util.h"
#include "accrue/formats/pdf/pdf_renderer.h"
#include "testing/status_matchers.h"

namespace accrue::pdf {
namespace {

using ::accrue::testing::HasParam;
using ::accrue::testing::HasReason;

EpcCreditTransfer Transfer() {
  EpcCreditTransfer t;
  t.beneficiary_name = "Accrue Demo GmbH";
  t.iban = "DE89 3704 0044 0532 0130 00";
  t.bic = "COBADEFFXXX";
  t.amount = Money::FromMinor(7021, Currency::FromCodeOrDie("EUR"));
  t.remittance = "RF18 5390 0754 7034";
  return t;
}

TEST(PdfEpcQr, PayloadWithRfReferenceInTheStructuredField) {
  ASSERT_OK_AND_ASSIGN(std::string payload, EpcQrPayload(Transfer()));
  EXPECT_EQ(payload,
            "BCD\n002\n1\nSCT\nCOBADEFFXXX\nAccrue Demo GmbH\nDE89370400440532013000\nEUR70.21\n"
            "\nRF18539007547034");
}

TEST(PdfEpcQr, PayloadWithTextRemittanceAndNoBic) {
  EpcCreditTransfer t = Transfer();
  t.bic = "";
  t.remittance = "Invoice INV-2024-0001";
  t.amount = Money::FromMinor(1, Currency::FromCodeOrDie("EUR"));
  ASSERT_OK_AND_ASSIGN(std::string payload, EpcQrPayload(t));
  EXPECT_EQ(payload,
            "BCD\n002\n1\nSCT\n\nAccrue Demo GmbH\nDE89370400440532013000\nEUR0.01\n\n\n"
            "Invoice INV-2024-0001");
}

TEST(PdfEpcQr, RfWithBadCheckDigitsIsText) {
  EpcCreditTransfer t = Transfer();
  t.remittance = "RF19539007547034";  // check digits off by one
  ASSERT_OK_AND_ASSIGN(std::string payload, EpcQrPayload(t));
  EXPECT_THAT(payload, ::testing::EndsWith("EUR70.21\n\n\nRF19539007547034"));
}

TEST(PdfEpcQr, NameCutAt70CharactersNotBytes) {
  EpcCreditTransfer t = Transfer();
  std::string name;
  for (int i = 0; i < 75; ++i) name += "Ж";  // two bytes each
  t.beneficiary_name = name + "\nsecond line";
  ASSERT_OK_AND_ASSIGN(std::string payload, EpcQrPayload(t));
  std::string expected_name;
  for (int i = 0; i < 70; ++i) expected_name += "Ж";
  EXPECT_THAT(payload, ::testing::HasSubstr("\nCOBADEFFXXX\n" + expected_name + "\nDE89"));
}

TEST(PdfEpcQr, LargestAmountAccepted) {
  EpcCreditTransfer t = Transfer();
  t.amount = Money::FromMinor(99999999999, Currency::FromCodeOrDie("EUR"));
  ASSERT_OK_AND_ASSIGN(std::string payload, EpcQrPayload(t));
  EXPECT_THAT(payload, ::testing::HasSubstr("\nEUR999999999.99\n"));
}

TEST(PdfEpcQr, Refusals) {
  const Currency eur = Currency::FromCodeOrDie("EUR");
  struct Case {
    const char* name;
    EpcCreditTransfer transfer;
    const char* reason;
    const char* param;
  };
  std::vector<Case> cases;
  auto with = [&](const char* name, auto change, const char* reason, const char* param) {
    EpcCreditTransfer t = Transfer();
    change(t);
    cases.push_back({name, t, reason, param});
  };
  with(
      "usd", [](auto& t) { t.amount = Money::FromMinor(100, Currency::FromCodeOrDie("USD")); },
      "pdf.epc.not_eur", "currency");
  with(
      "too much", [&](auto& t) { t.amount = Money::FromMinor(100000000000, eur); },
      "pdf.epc.amount_out_of_range", "amount");
  with(
      "zero", [&](auto& t) { t.amount = Money::FromMinor(0, eur); }, "pdf.epc.amount_out_of_range",
      "amount");
  with(
      "negative", [&](auto& t) { t.amount = Money::FromMinor(-5, eur); },
      "pdf.epc.amount_out_of_range", "amount");
  with(
      "no iban", [](auto& t) { t.iban = " "; }, "pdf.epc.iban_missing", "iban");
  with(
      "bad iban", [](auto& t) { t.iban = "DE89370400440532013001"; }, "pdf.epc.iban_invalid",
      "iban");
  with(
      "iban shape", [](auto& t) { t.iban = "8937040044053201300"; }, "pdf.epc.iban_invalid",
      "iban");
  with(
      "bad bic", [](auto& t) { t.bic = "COBADE"; }, "pdf.epc.bic_invalid", "bic");
  with(
      "no name", [](auto& t) { t.beneficiary_name = "  "; }, "pdf.epc.name_missing",
      "beneficiary_name");
  with(
      "too long",
      [](auto& t) {
        t.beneficiary_name = std::string(70 * 3, 'x');  // cut to 70
        t.remittance.clear();
        for (int i = 0; i < 140; ++i) t.remittance += "語";  // 420 bytes
      },
      "pdf.epc.too_long", "remittance");
  for (const Case& c : cases) {
    Result<std::string> r = EpcQrPayload(c.transfer);
    EXPECT_THAT(r, HasReason(c.reason)) << c.name;
    EXPECT_THAT(r, HasParam(c.param)) << c.name;
  }
}

TEST(PdfEpcQr, EncodesASquareSymbolWithFinderPatterns) {
  ASSERT_OK_AND_ASSIGN(std::string payload, EpcQrPayload(Transfer()));
  ASSERT_OK_AND_ASSIGN(QrMatrix qr, EncodeQr(payload));
  // Version v has 17 + 4v modules a side; 94 bytes at level M need version 5 (37) or more.
  EXPECT_GE(qr.width, 37);
  EXPECT_EQ((qr.width - 17) % 4, 0);
  ASSERT_EQ(qr.dark.size(), static_cast<size_t>(qr.width * qr.width));
  // The top-left finder pattern: a dark 7×7 ring, a light ring, a dark 3×3 centre.
  for (int i = 0; i < 7; ++i) {
    EXPECT_TRUE(qr.At(i, 0) && qr.At(0, i) && qr.At(i, 6) && qr.At(6, i)) << i;
  }
  for (int i = 1; i < 6; ++i) EXPECT_FALSE(qr.At(i, 1)) << i;
  EXPECT_TRUE(qr.At(3, 3));
  EXPECT_TRUE(qr.At(qr.width - 1, 0));  // top-right finder
  EXPECT_TRUE(qr.At(0, qr.width - 1));  // bottom-left finder
}

TEST(PdfEpcQr, TooLongForAnyVersion) {
  EXPECT_THAT(EncodeQr(std::string(5000, 'x')), HasReason("pdf.qr.too_long"));
}

// When the renderer asks for a code at all.
TEST(PdfEpcQr, TransferForDocument) {
  using einvoice::testing::ScenarioByName;
  einvoice::EInvoiceDocument doc = ScenarioByName("standard_rate");
  std::optional<EpcCreditTransfer> t = EpcTransferFor(doc);
  ASSERT_TRUE(t.has_value());
  EXPECT_EQ(t->beneficiary_name, "Accrue Demo GmbH");
  EXPECT_EQ(t->iban, "DE89370400440532013000");
  EXPECT_EQ(t->remittance, "RF18539007547034");
  EXPECT_EQ(t->amount, *doc.totals.payable);

  doc.payment_means->account_name = "";
  doc.payment_means->payment_id = "";
  doc.seller.name = "Seller Name AG";
  t = EpcTransferFor(doc);
  ASSERT_TRUE(t.has_value());
  EXPECT_EQ(t->beneficiary_name, "Seller Name AG");
  EXPECT_EQ(t->remittance, doc.number);

  einvoice::EInvoiceDocument usd = ScenarioByName("export");
  ASSERT_TRUE(usd.currency.has_value());
  EXPECT_FALSE(EpcTransferFor(usd).has_value()) << usd.currency->code();
  EXPECT_FALSE(EpcTransferFor(ScenarioByName("credit_note")).has_value());
  einvoice::EInvoiceDocument debit = ScenarioByName("standard_rate");
  debit.payment_means->type_code = "59";
  EXPECT_FALSE(EpcTransferFor(debit).has_value());
  einvoice::EInvoiceDocument no_iban = ScenarioByName("standard_rate");
  no_iban.payment_means->account_id = "";
  EXPECT_FALSE(EpcTransferFor(no_iban).has_value());
  einvoice::EInvoiceDocument paid = ScenarioByName("standard_rate");
  paid.totals.payable = Money::FromMinor(0, *paid.currency);
  EXPECT_FALSE(EpcTransferFor(paid).has_value());
}

}  // namespace
}  // namespace accrue::pdf
