// EN 16931 core rules BR-01..BR-65 and the conditional BR-CO rules that are not
// calculations, plus syntax checks of the code lists (BR-CL-*). Rules about business terms the
// model does not carry (payee BR-17, tax representative BR-18..20/BR-56, card BR-51,
// attachments BR-52, VAT accounting currency BR-53, item attributes and identifiers BR-54,
// BR-64, BR-65, gross price BR-28, tax point date BR-CO-03) cannot be violated and are not
// checked; BR-01 and BR-04 hold by construction (the writer always writes the profile's
// specification id and the type code).
#include <fmt/format.h>

#include <string>
#include <string_view>

#include "accrue/domain/country.h"
#include "accrue/formats/einvoice/rules_internal.h"

namespace accrue::einvoice::internal {
namespace {

bool IsUpperAlnum(char c) { return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }

bool AllOf(std::string_view s, bool (*pred)(char)) {
  for (char c : s) {
    if (!pred(c)) return false;
  }
  return true;
}

// ISO 3166-1 alpha-2 plus the two codes EN 16931's country list adds: 1A (Kosovo) and XI
// (United Kingdom, Northern Ireland).
bool IsEn16931Country(std::string_view code) {
  return IsIsoCountryCode(code) || code == "1A" || code == "XI";
}

// UNTDID 4461: numeric codes 1..97, or ZZZ (mutually defined).
bool IsPaymentMeansCode(std::string_view code) {
  if (code == "ZZZ") return true;
  if (code.empty() || code.size() > 2 || !AllOf(code, IsDigit)) return false;
  int n = code.size() == 1 ? code[0] - '0' : (code[0] - '0') * 10 + (code[1] - '0');
  return n >= 1 && n <= 97;
}

// UN/ECE Rec 20 codes are 2 or 3 upper-case letters or digits ("C62", "HUR", "E48"); Rec 21
// adds "X" + 2 characters ("XPP"). Syntax only: the full list (about 2,000 codes) is not
// compiled in.
bool IsUnitCode(std::string_view code) {
  return (code.size() == 2 || code.size() == 3) && AllOf(code, IsUpperAlnum);
}

// CEF EAS: ISO 6523 ICD values (four digits) and the letter codes EM (e-mail), AN, AQ, AS, AU.
bool IsEasCode(std::string_view code) {
  if (code.size() == 4 && AllOf(code, IsDigit)) return true;
  return code == "EM" || code == "AN" || code == "AQ" || code == "AS" || code == "AU";
}

bool IsIcdCode(std::string_view code) { return code.size() == 4 && AllOf(code, IsDigit); }

// CEF VATEX codes look like "VATEX-EU-AE", "VATEX-EU-132-1A", "VATEX-FR-FRANCHISE".
bool IsVatexCode(std::string_view code) {
  if (code.size() < 9 || code.substr(0, 6) != "VATEX-") return false;
  for (char c : code) {
    if (!IsUpperAlnum(c) && c != '-') return false;
  }
  return true;
}

bool IsCreditTransfer(std::string_view code) {
  return code == "30" || code == "58" || code == "42";
}

void CheckAddress(const Address& a, std::string_view p, std::string_view rule_country,
                  Findings& out) {
  if (IsBlank(a.country_code)) {
    out.Add(rule_country, fmt::format("{}.country_code", p));
  } else if (!IsEn16931Country(a.country_code)) {
    out.Add("BR-CL-14", fmt::format("{}.country_code", p), fmt::format("\"{}\"", a.country_code));
  }
}

void CheckPartyCodes(const Party& party, std::string_view p, Findings& out) {
  if (!IsBlank(party.electronic_address.scheme) && !IsEasCode(party.electronic_address.scheme)) {
    out.Add("BR-CL-25", fmt::format("{}.electronic_address.scheme", p),
            fmt::format("\"{}\"", party.electronic_address.scheme));
  }
  if (!IsBlank(party.identifier.scheme) && !IsIcdCode(party.identifier.scheme)) {
    out.Add("BR-CL-10", fmt::format("{}.identifier.scheme", p),
            fmt::format("\"{}\"", party.identifier.scheme));
  }
  if (!IsBlank(party.legal_registration.scheme) && !IsIcdCode(party.legal_registration.scheme)) {
    out.Add("BR-CL-11", fmt::format("{}.legal_registration.scheme", p),
            fmt::format("\"{}\"", party.legal_registration.scheme));
  }
  // BR-CO-09: the first two characters of a VAT identifier name the country (EL for Greece).
  if (!IsBlank(party.vat_id)) {
    std::string_view prefix = std::string_view(party.vat_id).substr(0, 2);
    if (!(IsEn16931Country(prefix) || prefix == "EL")) {
      out.Add("BR-CO-09", fmt::format("{}.vat_id", p), fmt::format("\"{}\"", party.vat_id));
    }
  }
}

void CheckParties(const EInvoiceDocument& doc, Findings& out) {
  if (IsBlank(doc.seller.name)) out.Add("BR-06", "seller.name");
  if (IsBlank(doc.buyer.name)) out.Add("BR-07", "buyer.name");
  // BG-5 / BG-8 are "present" when any of their terms is; the country is the one mandatory
  // term, so a missing address reports BR-09 / BR-11 on the country code.
  CheckAddress(doc.seller.address, "seller.address", "BR-09", out);
  CheckAddress(doc.buyer.address, "buyer.address", "BR-11", out);
  if (!IsBlank(doc.seller.electronic_address.id) && IsBlank(doc.seller.electronic_address.scheme)) {
    out.Add("BR-62", "seller.electronic_address.scheme");
  }
  if (!IsBlank(doc.buyer.electronic_address.id) && IsBlank(doc.buyer.electronic_address.scheme)) {
    out.Add("BR-63", "buyer.electronic_address.scheme");
  }
  CheckPartyCodes(doc.seller, "seller", out);
  CheckPartyCodes(doc.buyer, "buyer", out);
  if (IsBlank(doc.seller.identifier.id) && IsBlank(doc.seller.legal_registration.id) &&
      IsBlank(doc.seller.vat_id)) {
    out.Add("BR-CO-26", "seller.vat_id");
  }
}

void CheckPeriod(const Period& period, const std::string& p, std::string_view rule_filled,
                 std::string_view rule_order, Findings& out) {
  if (!period.start && !period.end) {
    out.Add(rule_filled, p);
  } else if (period.start && period.end && *period.end < *period.start) {
    out.Add(rule_order, p + ".end",
            fmt::format("{} before {}", absl::FormatCivilTime(*period.end),
                        absl::FormatCivilTime(*period.start)));
  }
}

// The rule ids for a missing amount, a missing reason (BR-nn and BR-CO-nn) of an allowance or
// a charge, at document or line level.
struct AllowanceChargeRules {
  std::string_view amount;
  std::string_view reason;
  std::string_view reason_co;
};
constexpr AllowanceChargeRules kDocumentAllowance{"BR-31", "BR-33", "BR-CO-21"};
constexpr AllowanceChargeRules kDocumentCharge{"BR-36", "BR-38", "BR-CO-22"};
constexpr AllowanceChargeRules kLineAllowance{"BR-41", "BR-42", "BR-CO-23"};
constexpr AllowanceChargeRules kLineCharge{"BR-43", "BR-44", "BR-CO-24"};

// BR-32 / BR-37 (a VAT category code at document level) hold by construction: it is an enum.
void CheckAllowanceCharge(const AllowanceCharge& ac, const std::string& p, bool line_level,
                          Findings& out) {
  const AllowanceChargeRules& rules = line_level
                                          ? (ac.is_charge ? kLineCharge : kLineAllowance)
                                          : (ac.is_charge ? kDocumentCharge : kDocumentAllowance);
  if (!ac.amount) out.Add(rules.amount, p + ".amount");
  if (IsBlank(ac.reason) && IsBlank(ac.reason_code)) {
    out.Add(rules.reason, p + ".reason");
    out.Add(rules.reason_co, p + ".reason");
  }
}

void CheckLine(const Line& line, size_t i, Findings& out) {
  if (IsBlank(line.id)) out.Add("BR-21", Indexed("lines", i, "id"));
  if (!line.quantity) out.Add("BR-22", Indexed("lines", i, "quantity"));
  if (IsBlank(line.unit_code)) {
    out.Add("BR-23", Indexed("lines", i, "unit_code"));
  } else if (!IsUnitCode(line.unit_code)) {
    out.Add("BR-CL-23", Indexed("lines", i, "unit_code"), fmt::format("\"{}\"", line.unit_code));
  }
  if (!line.net_amount) out.Add("BR-24", Indexed("lines", i, "net_amount"));
  if (IsBlank(line.item_name)) out.Add("BR-25", Indexed("lines", i, "item_name"));
  if (!line.net_price) {
    out.Add("BR-26", Indexed("lines", i, "net_price"));
  } else if (line.net_price->Sign() < 0) {
    out.Add("BR-27", Indexed("lines", i, "net_price"), line.net_price->ToString());
  }
  if (line.period) {
    CheckPeriod(*line.period, Indexed("lines", i, "period"), "BR-CO-20", "BR-30", out);
  }
  for (size_t j = 0; j < line.allowances_charges.size(); ++j) {
    CheckAllowanceCharge(line.allowances_charges[j],
                         Indexed(Indexed("lines", i, "allowances_charges"), j), true, out);
  }
}

void CheckPayment(const EInvoiceDocument& doc, Findings& out) {
  if (doc.payment_means) {
    const PaymentMeans& pm = *doc.payment_means;
    if (IsBlank(pm.type_code)) {
      out.Add("BR-49", "payment_means.type_code");
    } else if (!IsPaymentMeansCode(pm.type_code)) {
      out.Add("BR-CL-16", "payment_means.type_code", fmt::format("\"{}\"", pm.type_code));
    } else if (IsCreditTransfer(pm.type_code) && IsBlank(pm.account_id)) {
      out.Add("BR-61", "payment_means.account_id");
    }
    // BG-17 credit transfer information is "provided" when a name or a BIC is given.
    if (IsBlank(pm.account_id) && (!IsBlank(pm.account_name) || !IsBlank(pm.bic))) {
      out.Add("BR-50", "payment_means.account_id");
    }
  }
  // BR-CO-25: something must say when a positive amount is due.
  if (doc.totals.payable && doc.totals.payable->Sign() > 0 && !doc.due_date &&
      IsBlank(doc.payment_terms)) {
    out.Add("BR-CO-25", "due_date", fmt::format("amount due {}", AmountText(*doc.totals.payable)));
  }
}

void CheckVatBreakdownPresence(const EInvoiceDocument& doc, Findings& out) {
  for (size_t i = 0; i < doc.vat_breakdown.size(); ++i) {
    const VatBreakdown& b = doc.vat_breakdown[i];
    if (!b.taxable_amount) out.Add("BR-45", Indexed("vat_breakdown", i, "taxable_amount"));
    if (!b.tax_amount) out.Add("BR-46", Indexed("vat_breakdown", i, "tax_amount"));
    if (!b.rate && b.category != VatCategory::kNotSubject) {
      out.Add("BR-48", Indexed("vat_breakdown", i, "rate"));
    }
    if (!IsBlank(b.exemption_reason_code) && !IsVatexCode(b.exemption_reason_code)) {
      out.Add("BR-CL-22", Indexed("vat_breakdown", i, "exemption_reason_code"),
              fmt::format("\"{}\"", b.exemption_reason_code));
    }
  }
}

}  // namespace

void CheckCore(const EInvoiceDocument& doc, Findings& out) {
  if (IsBlank(doc.number)) out.Add("BR-02", "number");
  if (!doc.issue_date) out.Add("BR-03", "issue_date");
  if (!doc.currency) out.Add("BR-05", "currency");
  CheckParties(doc, out);
  if (!doc.totals.line_net_sum) out.Add("BR-12", "totals.line_net_sum");
  if (!doc.totals.tax_exclusive) out.Add("BR-13", "totals.tax_exclusive");
  if (!doc.totals.tax_inclusive) out.Add("BR-14", "totals.tax_inclusive");
  if (!doc.totals.payable) out.Add("BR-15", "totals.payable");
  if (doc.lines.empty()) out.Add("BR-16", "lines");
  if (doc.invoice_period) {
    CheckPeriod(*doc.invoice_period, "invoice_period", "BR-CO-19", "BR-29", out);
  }
  for (size_t i = 0; i < doc.lines.size(); ++i) CheckLine(doc.lines[i], i, out);
  for (size_t i = 0; i < doc.allowances_charges.size(); ++i) {
    CheckAllowanceCharge(doc.allowances_charges[i], Indexed("allowances_charges", i), false, out);
  }
  CheckVatBreakdownPresence(doc, out);
  CheckPayment(doc, out);
  for (size_t i = 0; i < doc.preceding_invoices.size(); ++i) {
    if (IsBlank(doc.preceding_invoices[i].number)) {
      out.Add("BR-55", Indexed("preceding_invoices", i, "number"));
    }
  }
  if (doc.delivery && doc.delivery->address) {
    CheckAddress(*doc.delivery->address, "delivery.address", "BR-57", out);
  }
}

}  // namespace accrue::einvoice::internal
