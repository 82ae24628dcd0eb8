// Peppol BIS Billing 3.0 rules (PEPPOL-EN16931-R*, PEPPOL-COMMON-R*) that concern business
// terms of the model. Rules that hold by construction of the writers are not checked: R001 /
// R004 / R007 (the profile's ids are always written), R008 (blank texts are never written),
// R043 / R044 (indicators are booleans; no price-level charges), R051 (one currency, checked
// as "einvoice.currency_mismatch"), R053 / R054 (one TaxTotal with subtotals, no tax currency).
#include <fmt/format.h>

#include <string>
#include <string_view>

#include "accrue/formats/einvoice/rules_internal.h"

namespace accrue::einvoice::internal {
namespace {

bool AllDigits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

int DigitAt(std::string_view s, size_t i) { return s[i] - '0'; }

// GS1 check digit: weights 3, 1, 3, ... from the digit next to the check digit.
bool IsGln(std::string_view s) {
  if (!AllDigits(s) || s.size() < 2) return false;
  int sum = 0;
  size_t body = s.size() - 1;
  for (size_t k = 0; k < body; ++k) sum += DigitAt(s, body - 1 - k) * (k % 2 == 0 ? 3 : 1);
  return (10 - sum % 10) % 10 == DigitAt(s, body);
}

// Norwegian organisation number: 9 digits, mod 11 with weights 2..7 from the right.
bool IsNorwegianOrgNumber(std::string_view s) {
  if (s.size() != 9 || !AllDigits(s) || s == "000000000") return false;
  int sum = 0;
  for (size_t k = 0; k < 8; ++k) sum += DigitAt(s, 7 - k) * static_cast<int>(k % 6 + 2);
  return (11 - sum % 11) % 11 == DigitAt(s, 8);
}

// Belgian enterprise number: 10 digits, the last two are 97 - (first eight mod 97).
bool IsBelgianEnterpriseNumber(std::string_view s) {
  if (s.size() != 10 || !AllDigits(s)) return false;
  long first8 = 0;
  for (size_t k = 0; k < 8; ++k) first8 = first8 * 10 + DigitAt(s, k);
  return 97 - first8 % 97 == DigitAt(s, 8) * 10 + DigitAt(s, 9);
}

void CheckIcdValue(const SchemedId& id, const std::string& param, Findings& out) {
  if (IsBlank(id.id)) return;
  if (id.scheme == "0088" && !IsGln(id.id)) {
    out.Add("PEPPOL-COMMON-R040", param, fmt::format("\"{}\"", id.id));
  } else if (id.scheme == "0192" && !IsNorwegianOrgNumber(id.id)) {
    out.Add("PEPPOL-COMMON-R041", param, fmt::format("\"{}\"", id.id));
  } else if (id.scheme == "0208" && !IsBelgianEnterpriseNumber(id.id)) {
    out.Add("PEPPOL-COMMON-R043", param, fmt::format("\"{}\"", id.id));
  }
}

void CheckPartyIds(const Party& party, std::string_view p, Findings& out) {
  CheckIcdValue(party.electronic_address, fmt::format("{}.electronic_address.id", p), out);
  CheckIcdValue(party.identifier, fmt::format("{}.identifier.id", p), out);
  CheckIcdValue(party.legal_registration, fmt::format("{}.legal_registration.id", p), out);
}

void CheckAllowanceChargeAmount(const AllowanceCharge& ac, const std::string& p, Findings& out) {
  if (ac.percent && !ac.base_amount) out.Add("PEPPOL-EN16931-R041", p + ".base_amount");
  if (ac.base_amount && !ac.percent) out.Add("PEPPOL-EN16931-R042", p + ".percent");
  if (!ac.percent || !ac.base_amount) return;
  Result<Decimal> product =
      Decimal::Mul(ac.base_amount->ToDecimal(), *ac.percent, RoundingMode::kHalfUp);
  Result<Decimal> expected =
      product.ok() ? Decimal::Div(*product, Decimal::FromInt(100), RoundingMode::kHalfUp) : product;
  Decimal amount = ac.amount ? ac.amount->ToDecimal() : Decimal();
  if (!expected.ok() || (amount - *expected).Abs() > Decimal::FromMinor(2, 2)) {
    out.Add(
        "PEPPOL-EN16931-R040", p + ".amount",
        fmt::format("{} but {} × {}% = {}", amount.ToString(), AmountText(*ac.base_amount),
                    ac.percent->ToString(), expected.ok() ? expected->ToString() : "an overflow"));
  }
}

// R120: net = quantity × price / base quantity + charges − allowances, within 0.02.
void CheckLineNet(const Line& line, size_t i, Findings& out) {
  if (!line.net_amount || !line.quantity || !line.net_price) return;
  Decimal base = line.base_quantity && !line.base_quantity->IsZero() ? *line.base_quantity
                                                                     : Decimal::FromInt(1);
  Result<Decimal> unit = Decimal::Div(*line.net_price, base, RoundingMode::kHalfUp);
  Result<Decimal> expected =
      unit.ok() ? Decimal::Mul(*line.quantity, *unit, RoundingMode::kHalfUp) : unit;
  for (const AllowanceCharge& ac : line.allowances_charges) {
    if (!expected.ok() || !ac.amount) continue;
    Decimal a = ac.amount->ToDecimal();
    expected = ac.is_charge ? Decimal::Add(*expected, a) : Decimal::Sub(*expected, a);
  }
  Decimal net = line.net_amount->ToDecimal();
  if (!expected.ok() || (net - *expected).Abs() > Decimal::FromMinor(2, 2)) {
    out.Add("PEPPOL-EN16931-R120", Indexed("lines", i, "net_amount"),
            fmt::format("{} but the calculation gives {}", net.ToString(),
                        expected.ok() ? expected->ToString() : "an overflow"));
  }
}

void CheckLinePeriod(const EInvoiceDocument& doc, const Line& line, size_t i, Findings& out) {
  if (!doc.invoice_period || !line.period) return;
  const Period& inv = *doc.invoice_period;
  if (inv.start && line.period->start && *line.period->start < *inv.start) {
    out.Add("PEPPOL-EN16931-R110", Indexed("lines", i, "period.start"),
            absl::FormatCivilTime(*line.period->start));
  }
  if (inv.end && line.period->end && *line.period->end > *inv.end) {
    out.Add("PEPPOL-EN16931-R111", Indexed("lines", i, "period.end"),
            absl::FormatCivilTime(*line.period->end));
  }
}

}  // namespace

void CheckPeppol(const EInvoiceDocument& doc, Findings& out) {
  if (doc.notes.size() > 1) {
    out.Add("PEPPOL-EN16931-R002", "notes", fmt::format("{} notes", doc.notes.size()));
  }
  if (IsBlank(doc.buyer_reference) && IsBlank(doc.order_reference)) {
    out.Add("PEPPOL-EN16931-R003", "buyer_reference");
  }
  if (IsBlank(doc.buyer.electronic_address.id)) {
    out.Add("PEPPOL-EN16931-R010", "buyer.electronic_address.id");
  }
  if (IsBlank(doc.seller.electronic_address.id)) {
    out.Add("PEPPOL-EN16931-R020", "seller.electronic_address.id");
  }
  CheckPartyIds(doc.seller, "seller", out);
  CheckPartyIds(doc.buyer, "buyer", out);
  for (size_t i = 0; i < doc.allowances_charges.size(); ++i) {
    CheckAllowanceChargeAmount(doc.allowances_charges[i], Indexed("allowances_charges", i), out);
  }
  if (doc.payment_means &&
      (doc.payment_means->type_code == "49" || doc.payment_means->type_code == "59") &&
      IsBlank(doc.payment_means->mandate_reference)) {
    out.Add("PEPPOL-EN16931-R061", "payment_means.mandate_reference");
  }
  for (size_t i = 0; i < doc.lines.size(); ++i) {
    const Line& line = doc.lines[i];
    for (size_t j = 0; j < line.allowances_charges.size(); ++j) {
      CheckAllowanceChargeAmount(line.allowances_charges[j],
                                 Indexed(Indexed("lines", i, "allowances_charges"), j), out);
    }
    if (line.base_quantity && line.base_quantity->Sign() <= 0) {
      out.Add("PEPPOL-EN16931-R121", Indexed("lines", i, "base_quantity"),
              line.base_quantity->ToString());
    }
    CheckLineNet(line, i, out);
    CheckLinePeriod(doc, line, i, out);
  }
}

}  // namespace accrue::einvoice::internal
