#include "accrue/formats/einvoice/document.h"

#include "accrue/formats/einvoice/profile.h"

namespace accrue::einvoice {

std::string_view DocumentTypeCode(DocumentType type) {
  switch (type) {
    case DocumentType::kInvoice:
      return "380";
    case DocumentType::kCreditNote:
      return "381";
  }
  return "380";
}

std::string_view VatCategoryCode(VatCategory category) {
  switch (category) {
    case VatCategory::kStandard:
      return "S";
    case VatCategory::kZeroRated:
      return "Z";
    case VatCategory::kExempt:
      return "E";
    case VatCategory::kReverseCharge:
      return "AE";
    case VatCategory::kIntraCommunity:
      return "K";
    case VatCategory::kExport:
      return "G";
    case VatCategory::kNotSubject:
      return "O";
    case VatCategory::kCanaryIgic:
      return "L";
    case VatCategory::kCeutaIpsi:
      return "M";
  }
  return "S";
}

std::string_view VatCategoryName(VatCategory category) {
  switch (category) {
    case VatCategory::kStandard:
      return "Standard rated";
    case VatCategory::kZeroRated:
      return "Zero rated";
    case VatCategory::kExempt:
      return "Exempt from VAT";
    case VatCategory::kReverseCharge:
      return "Reverse charge";
    case VatCategory::kIntraCommunity:
      return "Intra-community supply";
    case VatCategory::kExport:
      return "Export outside the EU";
    case VatCategory::kNotSubject:
      return "Not subject to VAT";
    case VatCategory::kCanaryIgic:
      return "IGIC";
    case VatCategory::kCeutaIpsi:
      return "IPSI";
  }
  return "";
}

std::string_view SpecificationId(Profile profile) {
  switch (profile) {
    case Profile::kEn16931:
      return kEn16931SpecificationId;
    case Profile::kPeppolBis3:
      return kPeppolSpecificationId;
    case Profile::kXRechnung3:
      return kXRechnung3SpecificationId;
  }
  return kEn16931SpecificationId;
}

std::string_view BusinessProcessId(Profile profile) {
  switch (profile) {
    case Profile::kEn16931:
      return {};
    case Profile::kPeppolBis3:
    case Profile::kXRechnung3:
      return kPeppolBillingProcessId;
  }
  return {};
}

std::string_view ProfileName(Profile profile) {
  switch (profile) {
    case Profile::kEn16931:
      return "en16931";
    case Profile::kPeppolBis3:
      return "peppol";
    case Profile::kXRechnung3:
      return "xrechnung";
  }
  return "en16931";
}

}  // namespace accrue::einvoice
