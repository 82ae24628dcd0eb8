// Texts of the fixed rules, as worded in the CEN/TC 434 EN 16931 validation artefacts
// (github.com/ConnectingEurope/eInvoicing-EN16931, EUPL-1.2; BR-DEC/BR-CO texts checked
// against ../shared/data/rounding/en16931_rules_BR-DEC_BR-CO.tsv, tag validation-1.3.16), the
// Peppol BIS Billing 3.0 schematron (OpenPEPPOL/peppol-bis-invoice-3) and the XRechnung
// schematron (KoSIT). Per-category VAT rules are built from templates in rules_vat.cc.
#include <algorithm>
#include <array>
#include <string_view>
#include <utility>

#include "accrue/formats/einvoice/rules_internal.h"

namespace accrue::einvoice::internal {
namespace {

using Text = std::pair<std::string_view, std::string_view>;

// Sorted by id (checked by a test through RuleText on every id used).
constexpr auto kTexts = std::to_array<Text>({
    {"BR-01", "An Invoice shall have a Specification identifier (BT-24)."},
    {"BR-02", "An Invoice shall have an Invoice number (BT-1)."},
    {"BR-03", "An Invoice shall have an Invoice issue date (BT-2)."},
    {"BR-04", "An Invoice shall have an Invoice type code (BT-3)."},
    {"BR-05", "An Invoice shall have an Invoice currency code (BT-5)."},
    {"BR-06", "An Invoice shall contain the Seller name (BT-27)."},
    {"BR-07", "An Invoice shall contain the Buyer name (BT-44)."},
    {"BR-08", "An Invoice shall contain the Seller postal address (BG-5)."},
    {"BR-09", "The Seller postal address (BG-5) shall contain a Seller country code (BT-40)."},
    {"BR-10", "An Invoice shall contain the Buyer postal address (BG-8)."},
    {"BR-11", "The Buyer postal address shall contain a Buyer country code (BT-55)."},
    {"BR-12", "An Invoice shall have the Sum of Invoice line net amount (BT-106)."},
    {"BR-13", "An Invoice shall have the Invoice total amount without VAT (BT-109)."},
    {"BR-14", "An Invoice shall have the Invoice total amount with VAT (BT-112)."},
    {"BR-15", "An Invoice shall have the Amount due for payment (BT-115)."},
    {"BR-16", "An Invoice shall have at least one Invoice line (BG-25)."},
    {"BR-21", "Each Invoice line (BG-25) shall have an Invoice line identifier (BT-126)."},
    {"BR-22", "Each Invoice line (BG-25) shall have an Invoiced quantity (BT-129)."},
    {"BR-23",
     "An Invoice line (BG-25) shall have an Invoiced quantity unit of measure code "
     "(BT-130)."},
    {"BR-24", "Each Invoice line (BG-25) shall have an Invoice line net amount (BT-131)."},
    {"BR-25", "Each Invoice line (BG-25) shall contain the Item name (BT-153)."},
    {"BR-26", "Each Invoice line (BG-25) shall contain the Item net price (BT-146)."},
    {"BR-27", "The Item net price (BT-146) shall NOT be negative."},
    {"BR-29",
     "If both Invoicing period start date (BT-73) and Invoicing period end date (BT-74) "
     "are given then the Invoicing period end date (BT-74) shall be later or equal to "
     "the Invoicing period start date (BT-73)."},
    {"BR-30",
     "If both Invoice line period start date (BT-134) and Invoice line period end date "
     "(BT-135) are given then the Invoice line period end date (BT-135) shall be later "
     "or equal to the Invoice line period start date (BT-134)."},
    {"BR-31",
     "Each Document level allowance (BG-20) shall have a Document level allowance "
     "amount (BT-92)."},
    {"BR-32",
     "Each Document level allowance (BG-20) shall have a Document level allowance VAT "
     "category code (BT-95)."},
    {"BR-33",
     "Each Document level allowance (BG-20) shall have a Document level allowance "
     "reason (BT-97) or a Document level allowance reason code (BT-98)."},
    {"BR-36",
     "Each Document level charge (BG-21) shall have a Document level charge amount "
     "(BT-99)."},
    {"BR-37",
     "Each Document level charge (BG-21) shall have a Document level charge VAT "
     "category code (BT-102)."},
    {"BR-38",
     "Each Document level charge (BG-21) shall have a Document level charge reason "
     "(BT-104) or a Document level charge reason code (BT-105)."},
    {"BR-41",
     "Each Invoice line allowance (BG-27) shall have an Invoice line allowance amount "
     "(BT-136)."},
    {"BR-42",
     "Each Invoice line allowance (BG-27) shall have an Invoice line allowance reason "
     "(BT-139) or an Invoice line allowance reason code (BT-140)."},
    {"BR-43",
     "Each Invoice line charge (BG-28) shall have an Invoice line charge amount "
     "(BT-141)."},
    {"BR-44",
     "Each Invoice line charge shall have an Invoice line charge reason or an invoice "
     "line allowance reason code."},
    {"BR-45", "Each VAT breakdown (BG-23) shall have a VAT category taxable amount (BT-116)."},
    {"BR-46", "Each VAT breakdown (BG-23) shall have a VAT category tax amount (BT-117)."},
    {"BR-47",
     "Each VAT breakdown (BG-23) shall be defined through a VAT category code "
     "(BT-118)."},
    {"BR-48",
     "Each VAT breakdown (BG-23) shall have a VAT category rate (BT-119), except if "
     "the Invoice is not subject to VAT."},
    {"BR-49", "A Payment instruction (BG-16) shall specify the Payment means type code (BT-81)."},
    {"BR-50",
     "A Payment account identifier (BT-84) shall be present if Credit transfer (BG-17) "
     "information is provided in the Invoice."},
    {"BR-55",
     "Each Preceding Invoice reference (BG-3) shall contain a Preceding Invoice "
     "reference (BT-25)."},
    {"BR-57",
     "Each Deliver to address (BG-15) shall contain a Deliver to country code "
     "(BT-80)."},
    {"BR-61",
     "If the Payment means type code (BT-81) means SEPA credit transfer, Local credit "
     "transfer or Non-SEPA international credit transfer, the Payment account "
     "identifier (BT-84) shall be present."},
    {"BR-62", "The Seller electronic address (BT-34) shall have a Scheme identifier."},
    {"BR-63", "The Buyer electronic address (BT-49) shall have a Scheme identifier."},
    {"BR-CL-10",
     "Any identifier identification scheme identifier MUST be coded using one of "
     "the ISO 6523 ICD list."},
    {"BR-CL-11",
     "Any registration identifier identification scheme identifier MUST be coded "
     "using one of the ISO 6523 ICD list."},
    {"BR-CL-14", "Country codes in an invoice MUST be coded using ISO code list 3166-1."},
    {"BR-CL-16", "Payment means in an invoice MUST be coded using UNCL4461 code list."},
    {"BR-CL-22",
     "Tax exemption reason code identifier scheme identifier MUST belong to the CEF "
     "VATEX code list."},
    {"BR-CL-23",
     "Unit code MUST be coded according to the UN/ECE Recommendation 20 with Rec 21 "
     "extension."},
    {"BR-CL-25", "Endpoint identifier scheme identifier MUST belong to the CEF EAS code list."},
    {"BR-CO-03",
     "Value added tax point date (BT-7) and Value added tax point date code (BT-8) "
     "are mutually exclusive."},
    {"BR-CO-04",
     "Each Invoice line (BG-25) shall be categorized with an Invoiced item VAT "
     "category code (BT-151)."},
    {"BR-CO-09",
     "The Seller VAT identifier (BT-31), the Seller tax representative VAT "
     "identifier (BT-63) and the Buyer VAT identifier (BT-48) shall have a prefix in "
     "accordance with ISO code ISO 3166-1 alpha-2 by which the country of issue may "
     "be identified. Nevertheless, Greece may use the prefix 'EL'."},
    {"BR-CO-10", "Sum of Invoice line net amount (BT-106) = Σ Invoice line net amount (BT-131)."},
    {"BR-CO-11",
     "Sum of allowances on document level (BT-107) = Σ Document level allowance "
     "amount (BT-92)."},
    {"BR-CO-12",
     "Sum of charges on document level (BT-108) = Σ Document level charge amount "
     "(BT-99)."},
    {"BR-CO-13",
     "Invoice total amount without VAT (BT-109) = Σ Invoice line net amount (BT-131) "
     "- Sum of allowances on document level (BT-107) + Sum of charges on document "
     "level (BT-108)."},
    {"BR-CO-14", "Invoice total VAT amount (BT-110) = Σ VAT category tax amount (BT-117)."},
    {"BR-CO-15",
     "Invoice total amount with VAT (BT-112) = Invoice total amount without VAT "
     "(BT-109) + Invoice total VAT amount (BT-110)."},
    {"BR-CO-16",
     "Amount due for payment (BT-115) = Invoice total amount with VAT (BT-112) "
     "-Paid amount (BT-113) +Rounding amount (BT-114)."},
    {"BR-CO-17",
     "VAT category tax amount (BT-117) = VAT category taxable amount (BT-116) x "
     "(VAT category rate (BT-119) / 100), rounded to two decimals."},
    {"BR-CO-18", "An Invoice shall at least have one VAT breakdown group (BG-23)."},
    {"BR-CO-19",
     "If Invoicing period (BG-14) is used, the Invoicing period start date (BT-73) "
     "or the Invoicing period end date (BT-74) shall be filled, or both."},
    {"BR-CO-20",
     "If Invoice line period (BG-26) is used, the Invoice line period start date "
     "(BT-134) or the Invoice line period end date (BT-135) shall be filled, or "
     "both."},
    {"BR-CO-21",
     "Each Document level allowance (BG-20) shall contain a Document level "
     "allowance reason (BT-97) or a Document level allowance reason code (BT-98), or "
     "both."},
    {"BR-CO-22",
     "Each Document level charge (BG-21) shall contain a Document level charge "
     "reason (BT-104) or a Document level charge reason code (BT-105), or both."},
    {"BR-CO-23",
     "Each Invoice line allowance (BG-27) shall contain an Invoice line allowance "
     "reason (BT-139) or an Invoice line allowance reason code (BT-140), or both."},
    {"BR-CO-24",
     "Each Invoice line charge (BG-28) shall contain an Invoice line charge reason "
     "(BT-144) or an Invoice line charge reason code (BT-145), or both."},
    {"BR-CO-25",
     "In case the Amount due for payment (BT-115) is positive, either the Payment "
     "due date (BT-9) or the Payment terms (BT-20) shall be present."},
    {"BR-CO-26",
     "In order for the buyer to automatically identify a supplier, the Seller "
     "identifier (BT-29), the Seller legal registration identifier (BT-30) and/or "
     "the Seller VAT identifier (BT-31) shall be present."},
    {"BR-DE-1", "An invoice must contain information on PAYMENT INSTRUCTIONS (BG-16)."},
    {"BR-DE-15", "The element Buyer reference (BT-10) must be provided."},
    {"BR-DE-16",
     "If one of the VAT category codes S, Z, E, AE, K, G, L or M is used, at least "
     "one of Seller VAT identifier (BT-31), Seller tax registration identifier "
     "(BT-32) or SELLER TAX REPRESENTATIVE PARTY (BG-11) must be provided."},
    {"BR-DE-19",
     "Payment account identifier (BT-84) should be a correct IBAN when the Payment "
     "means type code (BT-81) is 58 (SEPA credit transfer)."},
    {"BR-DE-2", "The group SELLER CONTACT (BG-6) must be provided."},
    {"BR-DE-3", "The element Seller city (BT-37) must be provided."},
    {"BR-DE-4", "The element Seller post code (BT-38) must be provided."},
    {"BR-DE-5", "The element Seller contact point (BT-41) must be provided."},
    {"BR-DE-6", "The element Seller contact telephone number (BT-42) must be provided."},
    {"BR-DE-7", "The element Seller contact email address (BT-43) must be provided."},
    {"BR-DE-8", "The element Buyer city (BT-52) must be provided."},
    {"BR-DE-9", "The element Buyer post code (BT-53) must be provided."},
    {"BR-DEC-01",
     "The allowed maximum number of decimals for the Document level allowance "
     "amount (BT-92) is 2."},
    {"BR-DEC-02",
     "The allowed maximum number of decimals for the Document level allowance base "
     "amount (BT-93) is 2."},
    {"BR-DEC-05",
     "The allowed maximum number of decimals for the Document level charge amount "
     "(BT-99) is 2."},
    {"BR-DEC-06",
     "The allowed maximum number of decimals for the Document level charge base "
     "amount (BT-100) is 2."},
    {"BR-DEC-09",
     "The allowed maximum number of decimals for the Sum of Invoice line net amount "
     "(BT-106) is 2."},
    {"BR-DEC-10",
     "The allowed maximum number of decimals for the Sum of allowances on document "
     "level (BT-107) is 2."},
    {"BR-DEC-11",
     "The allowed maximum number of decimals for the Sum of charges on document "
     "level (BT-108) is 2."},
    {"BR-DEC-12",
     "The allowed maximum number of decimals for the Invoice total amount without "
     "VAT (BT-109) is 2."},
    {"BR-DEC-13",
     "The allowed maximum number of decimals for the Invoice total VAT amount "
     "(BT-110) is 2."},
    {"BR-DEC-14",
     "The allowed maximum number of decimals for the Invoice total amount with VAT "
     "(BT-112) is 2."},
    {"BR-DEC-16", "The allowed maximum number of decimals for the Paid amount (BT-113) is 2."},
    {"BR-DEC-17",
     "The allowed maximum number of decimals for the Rounding amount (BT-114) is "
     "2."},
    {"BR-DEC-18",
     "The allowed maximum number of decimals for the Amount due for payment "
     "(BT-115) is 2."},
    {"BR-DEC-19",
     "The allowed maximum number of decimals for the VAT category taxable amount "
     "(BT-116) is 2."},
    {"BR-DEC-20",
     "The allowed maximum number of decimals for the VAT category tax amount "
     "(BT-117) is 2."},
    {"BR-DEC-23",
     "The allowed maximum number of decimals for the Invoice line net amount "
     "(BT-131) is 2."},
    {"BR-DEC-24",
     "The allowed maximum number of decimals for the Invoice line allowance amount "
     "(BT-136) is 2."},
    {"BR-DEC-25",
     "The allowed maximum number of decimals for the Invoice line allowance base "
     "amount (BT-137) is 2."},
    {"BR-DEC-27",
     "The allowed maximum number of decimals for the Invoice line charge amount "
     "(BT-141) is 2."},
    {"BR-DEC-28",
     "The allowed maximum number of decimals for the Invoice line charge base "
     "amount (BT-142) is 2."},
    {"PEPPOL-COMMON-R040", "GLN must have a valid format according to GS1 rules."},
    {"PEPPOL-COMMON-R041",
     "Norwegian organization number MUST be stated in the correct "
     "format."},
    {"PEPPOL-COMMON-R043", "Belgian enterprise number MUST be stated in the correct format."},
    {"PEPPOL-EN16931-CL008",
     "Electronic address identifier scheme must be from the codelist "
     "\"Electronic Address Identifier Scheme\"."},
    {"PEPPOL-EN16931-R002", "No more than one note is allowed on document level."},
    {"PEPPOL-EN16931-R003", "A buyer reference or purchase order reference MUST be provided."},
    {"PEPPOL-EN16931-R010", "Buyer electronic address MUST be provided."},
    {"PEPPOL-EN16931-R020", "Seller electronic address MUST be provided."},
    {"PEPPOL-EN16931-R040",
     "Allowance/charge amount must equal base amount * percentage/100 if "
     "base amount and percentage exists."},
    {"PEPPOL-EN16931-R041",
     "Allowance/charge base amount MUST be provided when "
     "allowance/charge percentage is provided."},
    {"PEPPOL-EN16931-R042",
     "Allowance/charge percentage MUST be provided when "
     "allowance/charge base amount is provided."},
    {"PEPPOL-EN16931-R061", "Mandate reference MUST be provided for direct debit."},
    {"PEPPOL-EN16931-R110", "Start date of line period MUST be within invoice period."},
    {"PEPPOL-EN16931-R111", "End date of line period MUST be within invoice period."},
    {"PEPPOL-EN16931-R120",
     "Invoice line net amount MUST equal (Invoiced quantity * (Item net "
     "price/item price base quantity) + Sum of invoice line charge amount "
     "- sum of invoice line allowance amount."},
    {"PEPPOL-EN16931-R121", "Base quantity MUST be a positive number above zero."},
    {"currency_mismatch", "Every amount shall be in the Invoice currency (BT-5)."},
    {"invalid_date",
     "Dates shall be between the years 1000 and 9999 (xs:date and CII format "
     "102 have four-digit years)."},
    {"invalid_text",
     "Text shall be valid UTF-8 without control characters, at most 4096 "
     "bytes."},
    {"too_many_allowances_charges", "A document holds at most 1000 allowances and charges."},
    {"too_many_lines", "A document holds at most 10000 lines."},
    {"too_many_notes", "A document holds at most 100 notes."},
});

}  // namespace

std::string_view RuleText(std::string_view rule) {
  auto it = std::lower_bound(kTexts.begin(), kTexts.end(), rule,
                             [](const Text& t, std::string_view r) { return t.first < r; });
  if (it == kTexts.end() || it->first != rule) return {};
  return it->second;
}

bool RuleTextsSorted() {
  return std::is_sorted(kTexts.begin(), kTexts.end(),
                        [](const Text& a, const Text& b) { return a.first < b.first; });
}

}  // namespace accrue::einvoice::internal
