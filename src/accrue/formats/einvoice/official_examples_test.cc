// Our calculation rules agree with documents others made: the official EN 16931 / Peppol
// examples (../shared/data/einvoice/examples, ../shared/data/rounding/en16931_example_invoices)
// pass BR-CO-10..17 and the per-category taxable/tax rules, and the CEN unit tests for
// BR-CO-10..17 (../shared/data/rounding/en16931_unit_tests) get the same verdict from us as
// from the official schematron. The official examples also validate against the XSDs we use,
// which shows the validator helper itself is sound.
#include <gtest/gtest.h>

#include <regex>

#include "accrue/formats/einvoice/einvoice_test_util.h"
#include "accrue/formats/einvoice/rules_internal.h"

namespace accrue::einvoice {
namespace {

using testing::ReadFile;
using testing::ReadTotalsModel;
using testing::SharedDir;

bool IsCalculationRule(const std::string& rule) {
  static const std::regex kCalc(R"(BR-CO-1[0-7]|BR-(S|Z|E|AE|IC|G|O|IG|IP)-0[89])");
  return std::regex_match(rule, kCalc);
}

std::vector<RuleViolation> CalculationViolations(const EInvoiceDocument& doc) {
  internal::Findings out;
  internal::CheckCalculations(doc, out);
  internal::CheckVatCategories(doc, out);
  std::vector<RuleViolation> calc;
  for (const RuleViolation& v : out.all()) {
    if (IsCalculationRule(v.rule)) calc.push_back(v);
  }
  return calc;
}

TEST(EInvoiceOfficialExamples, TotalsPassOurCalculationRules) {
  const std::vector<std::string> files = {
      "einvoice/examples/base-example.xml",
      "einvoice/examples/base-creditnote-correction.xml",
      "einvoice/examples/BIS3_Invoice_positive.XML",
      "einvoice/examples/CII_example1.xml",
      "einvoice/examples/CII_business_example_01.xml",
      "einvoice/examples/CII_business_example_Z.xml",
      "rounding/en16931_example_invoices/ubl-tc434-creditnote1.xml",
      "rounding/en16931_example_invoices/ubl-tc434-example1.xml",
      "rounding/en16931_example_invoices/ubl-tc434-example2.xml",
      "rounding/en16931_example_invoices/ubl-tc434-example3.xml",
      "rounding/en16931_example_invoices/ubl-tc434-example4.xml",
      "rounding/en16931_example_invoices/ubl-tc434-example5.xml",
      "rounding/en16931_example_invoices/ubl-tc434-example6.xml",
      "rounding/en16931_example_invoices/ubl-tc434-example7.xml",
      "rounding/en16931_example_invoices/ubl-tc434-example8.xml",
      "rounding/en16931_example_invoices/ubl-tc434-example9.xml",
      "rounding/en16931_example_invoices/ubl-tc434-example10.xml",
  };
  for (const std::string& f : files) {
    std::string xml = ReadFile(SharedDir() + "/data/" + f);
    ASSERT_FALSE(xml.empty()) << f;
    EInvoiceDocument doc = ReadTotalsModel(xml);
    ASSERT_FALSE(doc.lines.empty()) << f;
    ASSERT_TRUE(doc.totals.payable.has_value()) << f;
    for (const RuleViolation& v : CalculationViolations(doc)) {
      ADD_FAILURE() << f << ": " << v.message << " (" << v.param << ")";
    }
  }
}

// Vectors C6, C7 and C10 of ../shared/data/vectors/vectors.md, read from the examples.
TEST(EInvoiceOfficialExamples, VectorsFromExamples) {
  auto read = [](const std::string& name) {
    return ReadTotalsModel(
        ReadFile(SharedDir() + "/data/rounding/en16931_example_invoices/" + name));
  };
  EInvoiceDocument c6 = read("ubl-tc434-example8.xml");
  EXPECT_EQ(c6.totals.tax_amount->ToString(), "190.87");
  EXPECT_EQ(c6.totals.tax_inclusive->ToString(), "1099.78");
  EXPECT_EQ(internal::ExpectedVat(*c6.totals.line_net_sum, testing::D("21")), testing::D("190.87"));
  EInvoiceDocument c7 = read("ubl-tc434-example1.xml");
  EXPECT_EQ(c7.totals.tax_inclusive->ToString(), "250.33");
  EInvoiceDocument c10 = read("ubl-tc434-example2.xml");
  EXPECT_EQ(c10.currency->code(), "NOK");
  EXPECT_EQ(c10.totals.payable->ToString(), "801.78");
}

// Each <test> of the CEN unit-test files expects <success> or <error> for one rule; we must
// agree on every one of them.
TEST(EInvoiceOfficialExamples, CenUnitTestsForBrCo) {
  const std::vector<std::string> files = {
      "Invoice-UBL_BR-CO-10.xml",   "Invoice-UBL_BR-CO-11.xml", "Invoice-UBL_BR-CO-12.xml",
      "Invoice-UBL_BR-CO-13.xml",   "Invoice-UBL_BR-CO-14.xml", "Invoice-UBL_BR-CO-15.xml",
      "Invoice-UBL_BR-CO-15-2.xml", "Invoice-UBL_BR-CO-16.xml", "Invoice-UBL_BR-CO-17.xml",
  };
  static const std::regex kTest(
      R"(<test[^>]*>\s*<assert>[\s\S]*?<(success|error)>([A-Z0-9-]+)</\1>[\s\S]*?</assert>([\s\S]*?)</test>)");
  int checked = 0;
  for (const std::string& f : files) {
    std::string text = ReadFile(SharedDir() + "/data/rounding/en16931_unit_tests/" + f);
    ASSERT_FALSE(text.empty()) << f;
    int index = 0;
    for (std::sregex_iterator it(text.begin(), text.end(), kTest), end; it != end; ++it) {
      ++index;
      bool expect_error = (*it)[1] == "error";
      std::string rule = (*it)[2];
      EInvoiceDocument doc = ReadTotalsModel((*it)[3]);
      internal::Findings out;
      internal::CheckCalculations(doc, out);
      bool fired = false;
      for (const RuleViolation& v : out.all()) fired |= v.rule == rule;
      EXPECT_EQ(fired, expect_error) << f << " test #" << index << " expects "
                                     << (expect_error ? "error " : "success ") << rule;
      ++checked;
    }
  }
  EXPECT_EQ(checked, 79);  // every <test> in the nine files
}

TEST(EInvoiceOfficialExamples, ValidateAgainstXsd) {
  const std::string dir = SharedDir() + "/data/einvoice/examples/";
  EXPECT_EQ(testing::UblInvoiceSchema().Validate(ReadFile(dir + "base-example.xml")), "");
  EXPECT_EQ(
      testing::UblCreditNoteSchema().Validate(ReadFile(dir + "base-creditnote-correction.xml")),
      "");
  EXPECT_EQ(testing::CiiSchema().Validate(ReadFile(dir + "CII_business_example_01.xml")), "");
  // And the validator rejects what is not valid.
  EXPECT_NE(testing::UblInvoiceSchema().Validate("<Invoice/>"), "");
}

}  // namespace
}  // namespace accrue::einvoice
