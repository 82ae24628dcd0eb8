// Internal to formats/einvoice: the pieces rules.cc assembles. Tests include it to run one
// group of rules on a partial document (e.g. the official BR-CO unit-test snippets).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "accrue/formats/einvoice/document.h"
#include "accrue/formats/einvoice/rules.h"
#include "accrue/formats/einvoice/values.h"

namespace accrue::einvoice::internal {

// Collects violations; the message is the rule text (from RuleText) plus `found`.
class Findings {
 public:
  void Add(std::string_view rule, std::string param, std::string_view found = {});
  // For rules whose text is built from a template (per VAT category).
  void AddWithText(std::string_view rule, std::string param, std::string_view text,
                   std::string_view found);
  const std::vector<RuleViolation>& all() const { return all_; }
  std::vector<RuleViolation>& mutable_all() { return all_; }

 private:
  std::vector<RuleViolation> all_;
};

// The text of a fixed rule (BR-nn, BR-CO-nn, BR-DEC-nn, PEPPOL-*, BR-DE-*); empty if unknown.
std::string_view RuleText(std::string_view rule);
// The table RuleText searches is sorted (a test checks it).
bool RuleTextsSorted();

// Shape: one currency, valid text, limits. Returns false when the rules must not run.
bool CheckShape(const EInvoiceDocument& doc, Findings& out);
// BR-01..BR-65 (those that apply to the model), BR-CO-03..09, BR-CO-19..26.
void CheckCore(const EInvoiceDocument& doc, Findings& out);
// BR-DEC-*: at most two decimals on every amount.
void CheckDecimals(const EInvoiceDocument& doc, Findings& out);
// BR-CO-10..BR-CO-18: the totals and the VAT breakdown add up. Absent totals are skipped (that
// is BR-12..BR-15's job), so this runs on partial documents too.
void CheckCalculations(const EInvoiceDocument& doc, Findings& out);
// BR-S/Z/E/AE/IC/G/O/IG/IP-*: per VAT category.
void CheckVatCategories(const EInvoiceDocument& doc, Findings& out);
// Peppol BIS Billing 3.0.
void CheckPeppol(const EInvoiceDocument& doc, Findings& out);
// XRechnung 3.0 (BR-DE-*).
void CheckXRechnung(const EInvoiceDocument& doc, Findings& out);

// Helpers shared by the rule files.
std::string Indexed(std::string_view field, size_t i, std::string_view member = {});
std::string AmountText(const Money& m);
// round-half-up(|taxable| × rate / 100, 2), the artefacts' BR-CO-17 expectation.
Decimal ExpectedVat(const Money& taxable, Decimal rate_percent);
// |actual| within strictly less than one unit of `expected` (BR-CO-17's tolerance).
bool VatWithinTolerance(const Money& actual, Decimal expected);

}  // namespace accrue::einvoice::internal
