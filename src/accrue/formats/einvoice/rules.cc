#include "accrue/formats/einvoice/rules.h"

#include <fmt/format.h>

#include <utility>

#include "accrue/formats/einvoice/rules_internal.h"

namespace accrue::einvoice {
namespace internal {

void Findings::Add(std::string_view rule, std::string param, std::string_view found) {
  AddWithText(rule, std::move(param), RuleText(rule), found);
}

void Findings::AddWithText(std::string_view rule, std::string param, std::string_view text,
                           std::string_view found) {
  std::string message = fmt::format("[{}]-{}", rule, text);
  if (!found.empty()) message += fmt::format(" Found: {}.", found);
  all_.push_back(RuleViolation{std::string(rule), std::move(param), std::move(message)});
}

std::string Indexed(std::string_view field, size_t i, std::string_view member) {
  if (member.empty()) return fmt::format("{}[{}]", field, i);
  return fmt::format("{}[{}].{}", field, i, member);
}

std::string AmountText(const Money& m) { return m.ToDecimal().ToString(); }

Decimal ExpectedVat(const Money& taxable, Decimal rate_percent) {
  // |taxable| has at most 2 decimals (BR-DEC runs first) and VAT rates at most a few, so the
  // product is exact at 12 digits; the artefacts round half up on the absolute value.
  Result<Decimal> product =
      Decimal::Mul(taxable.ToDecimal().Abs(), rate_percent.Abs(), RoundingMode::kHalfUp);
  if (!product.ok()) return Decimal::Max();  // cannot be met: reported as a violation
  Result<Decimal> shifted = Decimal::Div(*product, Decimal::FromInt(100), RoundingMode::kHalfUp);
  if (!shifted.ok()) return Decimal::Max();
  return shifted->Rounded(2, RoundingMode::kHalfUp);
}

bool VatWithinTolerance(const Money& actual, Decimal expected) {
  Decimal diff = actual.ToDecimal().Abs() - expected;
  return diff.Abs() < Decimal::FromInt(1);
}

}  // namespace internal

std::vector<RuleViolation> FindViolations(const EInvoiceDocument& doc, Profile profile) {
  internal::Findings out;
  if (!internal::CheckShape(doc, out)) return std::move(out.mutable_all());
  internal::CheckCore(doc, out);
  internal::CheckDecimals(doc, out);
  internal::CheckCalculations(doc, out);
  internal::CheckVatCategories(doc, out);
  switch (profile) {
    case Profile::kEn16931:
      break;
    case Profile::kPeppolBis3:
      internal::CheckPeppol(doc, out);
      break;
    case Profile::kXRechnung3:
      internal::CheckXRechnung(doc, out);
      break;
  }
  return std::move(out.mutable_all());
}

Status CheckDocument(const EInvoiceDocument& doc, Profile profile) {
  std::vector<RuleViolation> found = FindViolations(doc, profile);
  if (found.empty()) return OkStatus();
  const RuleViolation& first = found.front();
  std::string message = first.message;
  if (found.size() > 1) {
    message +=
        fmt::format(" ({} more violation{})", found.size() - 1, found.size() == 2 ? "" : "s");
  }
  return InvalidArgument(first.param, fmt::format("einvoice.{}", first.rule), message);
}

}  // namespace accrue::einvoice
