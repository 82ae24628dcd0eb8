// The per-VAT-category rules of EN 16931: for each category X the artefacts define the same
// ten rules X-01..X-10 (plus X-11.. for O and K) with small differences, so they are one table
// (kCategories) and one set of templates here rather than ninety hand-written checks. Rule
// prefixes are the artefacts': K is BR-IC, L is BR-IG, M is BR-IP.
#include <fmt/format.h>

#include <array>
#include <optional>
#include <string>
#include <string_view>

#include "accrue/formats/einvoice/rules_internal.h"

namespace accrue::einvoice::internal {
namespace {

enum class SellerIds { kVatOrTaxRegistration, kVatOnly, kForbidden };
enum class BuyerIds { kNone, kVatOrLegalRegistration, kVat };
enum class RateRule { kPositive, kZero, kZeroOrPositive, kAbsent };

struct CategoryRules {
  VatCategory category;
  std::string_view prefix;      // "BR-S"
  bool exactly_one_breakdown;   // exactly one (vs at least one) breakdown
  SellerIds seller;             // X-02..04
  BuyerIds buyer;               // X-02..04
  RateRule rate;                // X-05..07
  bool per_rate;                // one breakdown per rate (S, L, M)
  bool tax_is_computed;         // tax = taxable × rate (S, L, M); else 0
  bool exemption_required;      // reason required (true) or forbidden (false)
  std::string_view vatex_code;  // the VATEX code meaning this category, if one
};

constexpr std::array<CategoryRules, 9> kCategories = {{
    {VatCategory::kStandard, "BR-S", false, SellerIds::kVatOrTaxRegistration, BuyerIds::kNone,
     RateRule::kPositive, true, true, false, ""},
    {VatCategory::kZeroRated, "BR-Z", true, SellerIds::kVatOrTaxRegistration, BuyerIds::kNone,
     RateRule::kZero, false, false, false, ""},
    {VatCategory::kExempt, "BR-E", true, SellerIds::kVatOrTaxRegistration, BuyerIds::kNone,
     RateRule::kZero, false, false, true, ""},
    {VatCategory::kReverseCharge, "BR-AE", true, SellerIds::kVatOrTaxRegistration,
     BuyerIds::kVatOrLegalRegistration, RateRule::kZero, false, false, true, "VATEX-EU-AE"},
    {VatCategory::kIntraCommunity, "BR-IC", true, SellerIds::kVatOnly, BuyerIds::kVat,
     RateRule::kZero, false, false, true, "VATEX-EU-IC"},
    {VatCategory::kExport, "BR-G", true, SellerIds::kVatOnly, BuyerIds::kNone, RateRule::kZero,
     false, false, true, "VATEX-EU-G"},
    {VatCategory::kNotSubject, "BR-O", true, SellerIds::kForbidden, BuyerIds::kNone,
     RateRule::kAbsent, false, false, true, "VATEX-EU-O"},
    {VatCategory::kCanaryIgic, "BR-IG", false, SellerIds::kVatOrTaxRegistration, BuyerIds::kNone,
     RateRule::kZeroOrPositive, true, true, false, ""},
    {VatCategory::kCeutaIpsi, "BR-IP", false, SellerIds::kVatOrTaxRegistration, BuyerIds::kNone,
     RateRule::kZeroOrPositive, true, true, false, ""},
}};

std::string Id(const CategoryRules& c, int n) { return fmt::format("{}-{:02}", c.prefix, n); }

// The three places a category appears, with their business terms.
struct Place {
  std::string_view what;      // "an Invoice line (BG-25)"
  std::string_view category;  // "BT-151"
  std::string_view rate;      // "BT-152"
};
constexpr Place kLinePlace{"an Invoice line (BG-25)", "BT-151", "BT-152"};
constexpr Place kAllowancePlace{"a Document level allowance (BG-20)", "BT-95", "BT-96"};
constexpr Place kChargePlace{"a Document level charge (BG-21)", "BT-102", "BT-103"};

std::string PartiesText(const CategoryRules& c) {
  std::string seller;
  switch (c.seller) {
    case SellerIds::kVatOrTaxRegistration:
      seller =
          "shall contain the Seller VAT Identifier (BT-31), the Seller tax registration "
          "identifier (BT-32) and/or the Seller tax representative VAT identifier (BT-63)";
      break;
    case SellerIds::kVatOnly:
      seller =
          "shall contain the Seller VAT Identifier (BT-31) or the Seller tax "
          "representative VAT identifier (BT-63)";
      break;
    case SellerIds::kForbidden:
      return "shall not contain the Seller VAT identifier (BT-31), the Seller tax "
             "representative VAT identifier (BT-63) or the Buyer VAT identifier (BT-48)";
  }
  switch (c.buyer) {
    case BuyerIds::kNone:
      return seller;
    case BuyerIds::kVatOrLegalRegistration:
      return seller +
             " and the Buyer VAT identifier (BT-48) and/or the Buyer legal "
             "registration identifier (BT-47)";
    case BuyerIds::kVat:
      return seller + " and the Buyer VAT identifier (BT-48)";
  }
  return seller;
}

std::string RateText(const CategoryRules& c, const Place& p) {
  switch (c.rate) {
    case RateRule::kPositive:
      return fmt::format("the Invoiced item VAT rate ({}) shall be greater than zero", p.rate);
    case RateRule::kZero:
      return fmt::format("the Invoiced item VAT rate ({}) shall be 0 (zero)", p.rate);
    case RateRule::kZeroOrPositive:
      return fmt::format("the Invoiced item VAT rate ({}) shall be 0 (zero) or greater than zero",
                         p.rate);
    case RateRule::kAbsent:
      return fmt::format("it shall not contain an Invoiced item VAT rate ({})", p.rate);
  }
  return {};
}

bool RateOk(const CategoryRules& c, const std::optional<Decimal>& rate) {
  switch (c.rate) {
    case RateRule::kPositive:
      return rate && rate->Sign() > 0;
    case RateRule::kZero:
      return rate && rate->IsZero();
    case RateRule::kZeroOrPositive:
      return rate && rate->Sign() >= 0;
    case RateRule::kAbsent:
      return !rate;
  }
  return false;
}

bool PartiesOk(const CategoryRules& c, const EInvoiceDocument& doc) {
  bool seller_vat = !IsBlank(doc.seller.vat_id);
  bool seller_tax = !IsBlank(doc.seller.tax_registration_id);
  bool buyer_vat = !IsBlank(doc.buyer.vat_id);
  bool buyer_legal = !IsBlank(doc.buyer.legal_registration.id);
  bool seller_ok = false;
  switch (c.seller) {
    case SellerIds::kVatOrTaxRegistration:
      seller_ok = seller_vat || seller_tax;
      break;
    case SellerIds::kVatOnly:
      seller_ok = seller_vat;
      break;
    case SellerIds::kForbidden:
      return !seller_vat && !buyer_vat;
  }
  switch (c.buyer) {
    case BuyerIds::kNone:
      return seller_ok;
    case BuyerIds::kVatOrLegalRegistration:
      return seller_ok && (buyer_vat || buyer_legal);
    case BuyerIds::kVat:
      return seller_ok && buyer_vat;
  }
  return seller_ok;
}

std::string RateFound(const std::optional<Decimal>& rate) {
  return rate ? fmt::format("rate {}", rate->ToString()) : std::string("no rate");
}

// X-02..X-07 for the lines and document level allowances and charges of category c.
void CheckItems(const CategoryRules& c, const EInvoiceDocument& doc, Findings& out) {
  std::string_view name = VatCategoryName(c.category);
  bool parties_ok = PartiesOk(c, doc);
  auto check = [&](const Place& place, int parties_rule, int rate_rule, std::string param,
                   const std::optional<Decimal>& rate, bool& parties_reported) {
    if (!parties_ok && !parties_reported) {
      parties_reported = true;
      out.AddWithText(Id(c, parties_rule), "seller.vat_id",
                      fmt::format("An Invoice that contains {} where the VAT category code ({}) is "
                                  "\"{}\" {}.",
                                  place.what, place.category, name, PartiesText(c)),
                      {});
    }
    if (!RateOk(c, rate)) {
      out.AddWithText(Id(c, rate_rule), std::move(param) + ".vat_rate",
                      fmt::format("In {} where the VAT category code ({}) is \"{}\" {}.",
                                  place.what, place.category, name, RateText(c, place)),
                      RateFound(rate));
    }
  };
  bool line_reported = false;
  bool allowance_reported = false;
  bool charge_reported = false;
  for (size_t i = 0; i < doc.lines.size(); ++i) {
    const Line& line = doc.lines[i];
    if (line.vat_category != c.category) continue;
    check(kLinePlace, 2, 5, Indexed("lines", i), line.vat_rate, line_reported);
  }
  for (size_t i = 0; i < doc.allowances_charges.size(); ++i) {
    const AllowanceCharge& ac = doc.allowances_charges[i];
    if (ac.vat_category != c.category) continue;
    if (ac.is_charge) {
      check(kChargePlace, 4, 7, Indexed("allowances_charges", i), ac.vat_rate, charge_reported);
    } else {
      check(kAllowancePlace, 3, 6, Indexed("allowances_charges", i), ac.vat_rate,
            allowance_reported);
    }
  }
}

bool SameRate(const std::optional<Decimal>& a, const std::optional<Decimal>& b) {
  if (!a || !b) return !a && !b;
  return *a == *b;
}

// Σ line net + charges − allowances of the category (and rate, for S/L/M).
std::optional<Money> ExpectedTaxable(const CategoryRules& c, const VatBreakdown& b,
                                     const EInvoiceDocument& doc, Currency currency) {
  Money sum = Money::FromMinor(0, currency);
  auto add = [&](const std::optional<Money>& m, bool negate) -> bool {
    if (!m) return true;
    Result<Money> next = Money::Add(sum, negate ? m->Negated() : *m);
    if (!next.ok()) return false;
    sum = *next;
    return true;
  };
  auto matches = [&](VatCategory cat, const std::optional<Decimal>& rate) {
    return cat == c.category && (!c.per_rate || SameRate(rate, b.rate));
  };
  for (const Line& line : doc.lines) {
    if (matches(line.vat_category, line.vat_rate) && !add(line.net_amount, false)) {
      return std::nullopt;
    }
  }
  for (const AllowanceCharge& ac : doc.allowances_charges) {
    if (matches(ac.vat_category, ac.vat_rate) && !add(ac.amount, !ac.is_charge)) {
      return std::nullopt;
    }
  }
  return sum;
}

void CheckBreakdown(const CategoryRules& c, const VatBreakdown& b, size_t i,
                    const EInvoiceDocument& doc, Findings& out) {
  std::string_view name = VatCategoryName(c.category);
  std::string p = Indexed("vat_breakdown", i);
  if (b.taxable_amount) {
    std::optional<Money> expected = ExpectedTaxable(c, b, doc, b.taxable_amount->currency());
    if (!expected || *expected != *b.taxable_amount) {
      out.AddWithText(
          Id(c, 8), p + ".taxable_amount",
          fmt::format("In a VAT breakdown (BG-23) where the VAT category code (BT-118) is \"{}\" "
                      "the VAT category taxable amount (BT-116) shall equal the sum of Invoice "
                      "line net amounts (BT-131) minus the sum of Document level allowance "
                      "amounts (BT-92) plus the sum of Document level charge amounts (BT-99) "
                      "where the VAT category codes (BT-151, BT-95, BT-102) are \"{}\"{}.",
                      name, name,
                      c.per_rate ? " and the VAT rate equals the VAT category rate (BT-119)" : ""),
          fmt::format("{} but the sum is {}", AmountText(*b.taxable_amount),
                      expected ? AmountText(*expected) : std::string("an overflow")));
    }
  }
  if (b.tax_amount) {
    if (c.tax_is_computed) {
      if (b.rate && b.taxable_amount) {
        Decimal expected = ExpectedVat(*b.taxable_amount, *b.rate);
        if (!VatWithinTolerance(*b.tax_amount, expected)) {
          out.AddWithText(
              Id(c, 9), p + ".tax_amount",
              fmt::format("The VAT category tax amount (BT-117) in a VAT breakdown (BG-23) where "
                          "VAT category code (BT-118) is \"{}\" shall equal the VAT category "
                          "taxable amount (BT-116) multiplied by the VAT category rate (BT-119).",
                          name),
              fmt::format("{} but the calculation gives {}", AmountText(*b.tax_amount),
                          expected.ToString()));
        }
      }
    } else if (!b.tax_amount->IsZero()) {
      out.AddWithText(
          Id(c, 9), p + ".tax_amount",
          fmt::format("The VAT category tax amount (BT-117) in a VAT breakdown (BG-23) where the "
                      "VAT category code (BT-118) is \"{}\" shall be 0 (zero).",
                      name),
          AmountText(*b.tax_amount));
    }
  }
  bool has_reason = !IsBlank(b.exemption_reason) || !IsBlank(b.exemption_reason_code);
  if (c.exemption_required) {
    bool code_wrong = !c.vatex_code.empty() && !IsBlank(b.exemption_reason_code) &&
                      b.exemption_reason_code != c.vatex_code;
    if (!has_reason || code_wrong) {
      out.AddWithText(
          Id(c, 10), p + ".exemption_reason",
          fmt::format("A VAT breakdown (BG-23) with VAT category code (BT-118) \"{}\" shall have "
                      "a VAT exemption reason code (BT-121){} or a VAT exemption reason text "
                      "(BT-120).",
                      name,
                      c.vatex_code.empty()
                          ? std::string()
                          : fmt::format(" meaning \"{}\" ({})", name, c.vatex_code)),
          code_wrong ? fmt::format("code \"{}\"", b.exemption_reason_code) : "none");
    }
  } else if (has_reason) {
    out.AddWithText(
        Id(c, 10), p + ".exemption_reason",
        fmt::format("A VAT breakdown (BG-23) with VAT category code (BT-118) \"{}\" shall not "
                    "have a VAT exemption reason code (BT-121) or VAT exemption reason text "
                    "(BT-120).",
                    name),
        IsBlank(b.exemption_reason_code) ? b.exemption_reason : b.exemption_reason_code);
  }
}

void CheckNotSubjectExclusivity(const EInvoiceDocument& doc, Findings& out) {
  bool has_o = false;
  for (const VatBreakdown& b : doc.vat_breakdown) has_o |= b.category == VatCategory::kNotSubject;
  if (!has_o) return;
  const std::string_view intro =
      "An Invoice that contains a VAT breakdown group (BG-23) with a VAT category code (BT-118) "
      "\"Not subject to VAT\" shall not contain ";
  for (size_t i = 0; i < doc.vat_breakdown.size(); ++i) {
    if (doc.vat_breakdown[i].category != VatCategory::kNotSubject) {
      out.AddWithText("BR-O-11", Indexed("vat_breakdown", i, "category"),
                      fmt::format("{}other VAT breakdown groups (BG-23).", intro),
                      VatCategoryCode(doc.vat_breakdown[i].category));
    }
  }
  for (size_t i = 0; i < doc.lines.size(); ++i) {
    if (doc.lines[i].vat_category != VatCategory::kNotSubject) {
      out.AddWithText("BR-O-12", Indexed("lines", i, "vat_category"),
                      fmt::format("{}lines where the Invoiced item VAT category code (BT-151) is "
                                  "not \"Not subject to VAT\".",
                                  intro),
                      VatCategoryCode(doc.lines[i].vat_category));
    }
  }
  for (size_t i = 0; i < doc.allowances_charges.size(); ++i) {
    const AllowanceCharge& ac = doc.allowances_charges[i];
    if (ac.vat_category == VatCategory::kNotSubject) continue;
    out.AddWithText(
        ac.is_charge ? "BR-O-14" : "BR-O-13", Indexed("allowances_charges", i, "vat_category"),
        fmt::format("{}a Document level {} where the VAT category code ({}) is not \"Not subject "
                    "to VAT\".",
                    intro, ac.is_charge ? "charge (BG-21)" : "allowance (BG-20)",
                    ac.is_charge ? "BT-102" : "BT-95"),
        VatCategoryCode(ac.vat_category));
  }
}

void CheckIntraCommunityDelivery(const EInvoiceDocument& doc, Findings& out) {
  bool has_k = false;
  for (const VatBreakdown& b : doc.vat_breakdown) {
    has_k |= b.category == VatCategory::kIntraCommunity;
  }
  if (!has_k) return;
  bool has_date = doc.delivery && doc.delivery->date;
  if (!has_date && !doc.invoice_period) {
    out.AddWithText("BR-IC-11", "delivery.date",
                    "In an Invoice with a VAT breakdown (BG-23) where the VAT category code "
                    "(BT-118) is \"Intra-community supply\" the Actual delivery date (BT-72) or "
                    "the Invoicing period (BG-14) shall not be blank.",
                    {});
  }
  bool has_country =
      doc.delivery && doc.delivery->address && !IsBlank(doc.delivery->address->country_code);
  if (!has_country) {
    out.AddWithText("BR-IC-12", "delivery.address.country_code",
                    "In an Invoice with a VAT breakdown (BG-23) where the VAT category code "
                    "(BT-118) is \"Intra-community supply\" the Deliver to country code (BT-80) "
                    "shall not be blank.",
                    {});
  }
}

}  // namespace

void CheckVatCategories(const EInvoiceDocument& doc, Findings& out) {
  for (const CategoryRules& c : kCategories) {
    bool used = false;
    for (const Line& line : doc.lines) used |= line.vat_category == c.category;
    for (const AllowanceCharge& ac : doc.allowances_charges) used |= ac.vat_category == c.category;
    size_t breakdowns = 0;
    for (const VatBreakdown& b : doc.vat_breakdown) breakdowns += b.category == c.category;
    if (used && (c.exactly_one_breakdown ? breakdowns != 1 : breakdowns == 0)) {
      std::string_view name = VatCategoryName(c.category);
      out.AddWithText(
          Id(c, 1), "vat_breakdown",
          fmt::format("An Invoice that contains an Invoice line (BG-25), a Document level "
                      "allowance (BG-20) or a Document level charge (BG-21) where the VAT "
                      "category code (BT-151, BT-95 or BT-102) is \"{}\" shall contain {} VAT "
                      "breakdown (BG-23) with a VAT category code (BT-118) equal to \"{}\".",
                      name, c.exactly_one_breakdown ? "exactly one" : "at least one", name),
          fmt::format("{} such breakdowns", breakdowns));
    }
    if (used) CheckItems(c, doc, out);
    for (size_t i = 0; i < doc.vat_breakdown.size(); ++i) {
      if (doc.vat_breakdown[i].category == c.category) {
        CheckBreakdown(c, doc.vat_breakdown[i], i, doc, out);
      }
    }
  }
  CheckNotSubjectExclusivity(doc, out);
  CheckIntraCommunityDelivery(doc, out);
}

}  // namespace accrue::einvoice::internal
