// EInvoiceDocument: what an EN 16931 e-invoice says, independent of its XML syntax.
//
// This is the input of the UBL and CII writers (ubl_writer.h, cii_writer.h) and of the
// EN 16931 rule checks (rules.h). It carries exactly the business terms (BT-n, BG-n of
// EN 16931-1) that Accrue emits; each field names its term. It deliberately does not depend on
// domain/invoice.h or domain/tax/: the caller (app layer) maps a finalized invoice or credit
// note onto it, so the writers can be tested and benchmarked alone, and a change to the tax
// calculator never changes the e-invoice format by accident.
//
// Conventions:
//  * Text fields: an empty (or all-blank) string means "absent".
//  * Amounts are Money in the document currency (BT-5); every Money in a document must have
//    that currency (checked first, as "einvoice.currency_mismatch"). EN 16931 allows at most 2
//    decimals on amounts (BR-DEC-*): JPY and other 0-decimal currencies are written without
//    decimals ("1000"); 3-decimal currencies (KWD, BHD, ...) are accepted only when every amount
//    is a whole number of hundredths (the last minor digit is 0) and are written with 2
//    decimals; anything else is a BR-DEC error, never a silent rounding here. Rounding belongs
//    to the tax calculator, which must round e-invoiced amounts to 0.01.
//  * Unit prices, quantities and rates are Decimal, written exactly (shortest form).
//  * Credit notes (type 381) carry positive amounts and quantities, like the UBL CreditNote;
//    the sign is in the document type.
//  * Amounts that EN 16931 marks optional are std::optional; the writers omit absent ones.
//
// Value type; copy freely. Thread-safety: none needed (plain data).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/time/civil_time.h"
#include "accrue/money/currency.h"
#include "accrue/money/decimal.h"
#include "accrue/money/money.h"

namespace accrue::einvoice {

// BT-3, UNTDID 1001.
enum class DocumentType {
  kInvoice,     // 380 Commercial invoice
  kCreditNote,  // 381 Credit note
};
std::string_view DocumentTypeCode(DocumentType type);

// BT-118 / BT-151 / BT-95 / BT-102, UNTDID 5305 as restricted by EN 16931.
enum class VatCategory {
  kStandard,        // S  standard or reduced rate
  kZeroRated,       // Z  zero rated goods
  kExempt,          // E  exempt from VAT
  kReverseCharge,   // AE VAT reverse charge
  kIntraCommunity,  // K  intra-community supply (VAT exempt, EEA)
  kExport,          // G  export outside the EU, free export item
  kNotSubject,      // O  services outside scope of tax
  kCanaryIgic,      // L  Canary Islands general indirect tax
  kCeutaIpsi,       // M  tax for production, services and importation in Ceuta and Melilla
};
std::string_view VatCategoryCode(VatCategory category);
// The words EN 16931 uses for the category in rule texts ("Standard rated", "Reverse charge").
std::string_view VatCategoryName(VatCategory category);

// BG-5 / BG-8 / BG-15.
struct Address {
  std::string street;             // BT-35 / BT-50 / BT-75
  std::string additional_street;  // BT-36 / BT-51 / BT-76
  std::string city;               // BT-37 / BT-52 / BT-77
  std::string postal_code;        // BT-38 / BT-53 / BT-78
  std::string subdivision;        // BT-39 / BT-54 / BT-79
  std::string country_code;       // BT-40 / BT-55 / BT-80, ISO 3166-1 alpha-2
};

// An identifier with an optional ISO 6523 ICD scheme ("0088" GLN, "0208" BE enterprise no).
struct SchemedId {
  std::string id;
  std::string scheme;  // empty: no scheme
};

// BG-6 / BG-9.
struct Contact {
  std::string name;       // BT-41 / BT-56
  std::string telephone;  // BT-42 / BT-57
  std::string email;      // BT-43 / BT-58
};

// BG-4 Seller / BG-7 Buyer.
struct Party {
  std::string name;                 // BT-27 / BT-44 (legal name)
  std::string trading_name;         // BT-28 / BT-45
  SchemedId identifier;             // BT-29 / BT-46 (with BT-29-1 / BT-46-1)
  SchemedId legal_registration;     // BT-30 / BT-47 (with BT-30-1 / BT-47-1)
  std::string vat_id;               // BT-31 / BT-48, with its country prefix ("DE123456789")
  std::string tax_registration_id;  // BT-32, seller only (local tax number)
  SchemedId electronic_address;     // BT-34 / BT-49 with EAS scheme (BT-34-1): 0088, 9930, EM
  Address address;                  // BG-5 / BG-8
  std::optional<Contact> contact;   // BG-6 / BG-9
};

// BG-14 / BG-26: at least one end must be set (BR-CO-19 / BR-CO-20).
struct Period {
  std::optional<absl::CivilDay> start;  // BT-73 / BT-134
  std::optional<absl::CivilDay> end;    // BT-74 / BT-135, inclusive
};

// BG-3.
struct PrecedingInvoice {
  std::string number;                        // BT-25
  std::optional<absl::CivilDay> issue_date;  // BT-26
};

// BG-13 (the parts Accrue uses): when and where the goods or services were delivered.
struct Delivery {
  std::optional<absl::CivilDay> date;  // BT-72 actual delivery date
  std::string party_name;              // BT-70
  std::optional<Address> address;      // BG-15 deliver-to address
};

// BG-16 payment instructions.
struct PaymentMeans {
  // BT-81, UNTDID 4461: "58" SEPA credit transfer, "30" credit transfer, "59" SEPA direct
  // debit, "49" direct debit, "1" not defined, "10" cash, "57" standing agreement, ...
  std::string type_code;
  std::string payment_id;         // BT-83 remittance information (e.g. an ISO 11649 RF reference)
  std::string account_id;         // BT-84 payee account (IBAN for SEPA)
  std::string account_name;       // BT-85
  std::string bic;                // BT-86 payment service provider id
  std::string mandate_reference;  // BT-89 direct debit mandate
  std::string creditor_id;        // BT-90 bank assigned creditor identifier (SEPA direct debit)
  std::string debited_account;    // BT-91 debited account (IBAN) for direct debit
};

// BG-20 / BG-21 document level and BG-27 / BG-28 line level allowances and charges. The VAT
// fields are used at document level only (BT-95/96, BT-102/103); lines carry no VAT of their
// own on allowances and charges.
struct AllowanceCharge {
  bool is_charge = false;            // false: allowance (discount); true: charge (surcharge)
  std::optional<Money> amount;       // BT-92 / BT-99 / BT-136 / BT-141, positive
  std::optional<Money> base_amount;  // BT-93 / BT-100 / BT-137 / BT-142
  std::optional<Decimal> percent;    // BT-94 / BT-101 / BT-138 / BT-143
  std::string reason;                // BT-97 / BT-104 / BT-139 / BT-144
  std::string reason_code;           // BT-98 (UNTDID 5189) / BT-105 (UNTDID 7161)
  VatCategory vat_category = VatCategory::kStandard;  // BT-95 / BT-102 (document level only)
  std::optional<Decimal> vat_rate;                    // BT-96 / BT-103; absent for category O
};

// BG-25.
struct Line {
  std::string id;                   // BT-126
  std::string note;                 // BT-127
  std::optional<Decimal> quantity;  // BT-129
  std::string unit_code;            // BT-130, UN/ECE Rec 20 / 21 ("C62", "HUR", "MON", "XPP")
  std::optional<Money> net_amount;  // BT-131 = quantity × price / base quantity
                                    //          + charges − allowances, rounded by the caller
  std::optional<Period> period;     // BG-26
  std::vector<AllowanceCharge> allowances_charges;    // BG-27 / BG-28
  std::string item_name;                              // BT-153
  std::string item_description;                       // BT-154
  std::string seller_item_id;                         // BT-155
  std::optional<Decimal> net_price;                   // BT-146, not negative (BR-27)
  std::optional<Decimal> base_quantity;               // BT-149, > 0 when present
  VatCategory vat_category = VatCategory::kStandard;  // BT-151
  std::optional<Decimal> vat_rate;  // BT-152, percent ("19", "5.5"); absent for category O
};

// BG-23, one per VAT category and rate.
struct VatBreakdown {
  VatCategory category = VatCategory::kStandard;  // BT-118
  std::optional<Decimal> rate;                    // BT-119; absent for category O
  std::optional<Money> taxable_amount;            // BT-116
  std::optional<Money> tax_amount;                // BT-117
  std::string exemption_reason;                   // BT-120 ("Reverse charge")
  std::string exemption_reason_code;              // BT-121, VATEX ("VATEX-EU-AE")
};

// BG-22.
struct Totals {
  std::optional<Money> line_net_sum;     // BT-106
  std::optional<Money> allowance_total;  // BT-107
  std::optional<Money> charge_total;     // BT-108
  std::optional<Money> tax_exclusive;    // BT-109
  std::optional<Money> tax_amount;       // BT-110
  std::optional<Money> tax_inclusive;    // BT-112
  std::optional<Money> prepaid;          // BT-113
  std::optional<Money> rounding;         // BT-114
  std::optional<Money> payable;          // BT-115
};

struct EInvoiceDocument {
  DocumentType type = DocumentType::kInvoice;        // BT-3
  std::string number;                                // BT-1
  std::optional<absl::CivilDay> issue_date;          // BT-2
  std::optional<absl::CivilDay> due_date;            // BT-9
  std::optional<Currency> currency;                  // BT-5
  std::vector<std::string> notes;                    // BT-22 (Peppol allows one)
  std::string buyer_reference;                       // BT-10 (Leitweg-ID for XRechnung)
  std::string order_reference;                       // BT-13
  std::string contract_reference;                    // BT-12
  std::vector<PrecedingInvoice> preceding_invoices;  // BG-3 (the invoice a credit note corrects)
  std::optional<Period> invoice_period;              // BG-14
  Party seller;                                      // BG-4
  Party buyer;                                       // BG-7
  std::optional<Delivery> delivery;                  // BG-13
  std::optional<PaymentMeans> payment_means;         // BG-16
  std::string payment_terms;                         // BT-20
  std::vector<AllowanceCharge> allowances_charges;   // BG-20 / BG-21
  std::vector<Line> lines;                           // BG-25
  std::vector<VatBreakdown> vat_breakdown;           // BG-23
  Totals totals;                                     // BG-22
};

// Limits on what a document may hold; beyond them the checks refuse it
// ("einvoice.too_many_lines", ...), so one request cannot ask for a gigabyte of XML.
inline constexpr size_t kLinesMax = 10000;
inline constexpr size_t kAllowancesChargesMax = 1000;
inline constexpr size_t kNotesMax = 100;
inline constexpr size_t kTextBytesMax = 4096;

}  // namespace accrue::einvoice
