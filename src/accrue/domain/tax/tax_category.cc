#include "accrue/domain/tax/tax_category.h"

#include <array>
#include <utility>

#include "accrue/base/strings.h"
#include "accrue/domain/tax/name_table.h"

namespace accrue::tax {
namespace {

constexpr internal::NameTable<TaxCategory, 8> kCodes = {{
    {TaxCategory::kStandard, "S"},
    {TaxCategory::kReduced, "AA"},
    {TaxCategory::kZero, "Z"},
    {TaxCategory::kExempt, "E"},
    {TaxCategory::kReverseCharge, "AE"},
    {TaxCategory::kIntraCommunity, "K"},
    {TaxCategory::kExport, "G"},
    {TaxCategory::kOutsideScope, "O"},
}};

}  // namespace

std::string_view TaxCategoryCode(TaxCategory category) {
  return internal::NameOf(kCodes, category);
}

Result<TaxCategory> ParseTaxCategory(std::string_view code) {
  return internal::ParseName(kCodes, code, "tax.category_unknown",
                             "VAT category (S, AA, Z, E, AE, K, G, O)");
}

std::string_view En16931Code(TaxCategory category) {
  return category == TaxCategory::kReduced ? "S" : TaxCategoryCode(category);
}

bool ChargesVat(TaxCategory category) {
  return category == TaxCategory::kStandard || category == TaxCategory::kReduced;
}

bool NeedsExemptionReason(TaxCategory category) {
  return !ChargesVat(category) && category != TaxCategory::kZero;
}

TaxExemption ReverseChargeExemption() { return {"VATEX-EU-AE", "Reverse charge"}; }
TaxExemption IntraCommunityExemption() { return {"VATEX-EU-IC", "Intra-Community supply"}; }
TaxExemption ExportExemption() { return {"VATEX-EU-G", "Export outside the EU"}; }
TaxExemption OutsideScopeExemption() { return {"VATEX-EU-O", "Not subject to VAT"}; }

Status ValidateExemption(const TaxExemption& exemption) {
  if (exemption.code.empty() && exemption.text.empty()) {
    return InvalidArgument("", "tax.exemption.missing",
                           "an exempt supply needs a VATEX code or a reason text");
  }
  if (exemption.code.size() > kExemptionCodeLengthMax ||
      exemption.text.size() > kExemptionTextLengthMax) {
    return InvalidArgument("", "tax.exemption.too_long",
                           fmt::format("exemption code is limited to {} and text to {} bytes",
                                       kExemptionCodeLengthMax, kExemptionTextLengthMax));
  }
  if (!exemption.code.empty()) {
    bool ok = exemption.code.rfind("VATEX-", 0) == 0 && exemption.code.size() > 6;
    for (char c : exemption.code) {
      ok = ok && ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-');
    }
    if (!ok) {
      return InvalidArgument(
          "", "tax.exemption.bad_code",
          fmt::format("'{}' is not a VATEX code (e.g. VATEX-EU-132-1I)", exemption.code));
    }
  }
  return OkStatus();
}

}  // namespace accrue::tax
