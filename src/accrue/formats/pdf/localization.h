// Localizer: numbers, amounts, dates, country names and the printed labels of an invoice PDF in
// one locale, with ICU.
//
// Amounts are formatted from their exact decimal text (Money::ToString) with
// icu::number::NumberFormatter::formatDecimal, the currency as the unit and exactly the
// currency's ISO 4217 minor-unit digits from our Currency (never ICU's/CLDR's digits, which
// differ for IQD and a dozen others), with rounding mode UNNECESSARY: ICU refuses instead of
// rounding. No value ever passes through a double. Labels ("Invoice", "Due date", ...) come from
// a small table for English, German, French and Japanese, chosen by the locale's language;
// any other language gets English labels but still ICU's numbers and dates for its locale.
//
// Lifecycle: ForThread() returns a Localizer owned by the calling thread and cached there (ICU
// formatters are costly to create, and icu::DateFormat is not safe to share between threads);
// the pointer stays valid until the same thread asks for more than kLocalesCachedMax different
// locales. Do not hand it to another thread.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "absl/time/civil_time.h"
#include "accrue/base/status.h"
#include "accrue/money/currency.h"
#include "accrue/money/decimal.h"
#include "accrue/money/money.h"

namespace accrue::pdf {

// The printed labels; Text() gives each in the locale's language.
enum class Label {
  kInvoice,
  kCreditNote,
  kNumber,
  kIssueDate,
  kDueDate,
  kPeriod,
  kSeller,
  kBuyer,
  kVatId,
  kTaxNumber,
  kRegistration,
  kBuyerReference,
  kOrderReference,
  kContractReference,
  kCorrects,
  kDescription,
  kQuantity,
  kUnitPrice,
  kVat,
  kAmount,
  kDiscount,
  kCharge,
  kLinesTotal,
  kTotalNet,
  kTotalVat,
  kTotal,
  kPrepaid,
  kRounding,
  kAmountDue,
  kVatBreakdown,
  kCategory,
  kRate,
  kTaxableAmount,
  kTaxAmount,
  kPaymentInstructions,
  kAccountHolder,
  kIban,
  kBic,
  kReference,
  kScanToPay,
  kDirectDebit,
  kMandate,
  kCreditorId,
  kNotes,
  kPaymentTerms,
  kContinued,
  kCount,  // not a label
};

inline constexpr size_t kLocalesCachedMax = 16;

class Localizer {
 public:
  // The calling thread's Localizer for a BCP 47 tag ("en-GB", "de-DE", "ja-JP"). Error:
  // InvalidArgument, param "locale", reason "pdf.invalid_locale" for a tag ICU cannot parse.
  static Result<const Localizer*> ForThread(std::string_view locale_tag);

  ~Localizer();
  Localizer(const Localizer&) = delete;
  Localizer& operator=(const Localizer&) = delete;

  // "€1,234.56" (en-GB), "1.234,56 €" (de-DE), "￥1,235" (ja-JP, JPY): the amount with exactly
  // its currency's ISO digits. Error (InternalError "pdf.format") only if ICU fails.
  Result<std::string> Amount(const Money& amount) const;
  // A unit price in `currency`: at least the currency's digits, up to 12, never rounded
  // ("€0.0008", "49,00 €").
  Result<std::string> UnitPrice(const Decimal& price, Currency currency) const;
  // A plain number with grouping: "12,500.5", "12.500,5", "12 500,5" (U+202F in fr-FR).
  Result<std::string> Number(const Decimal& value) const;
  // A rate in percent as written: 19 → "19%", "19 %" (de-DE, U+00A0).
  Result<std::string> Percent(const Decimal& percent) const;
  // The medium date: "Mar 1, 2024", "1 Mar 2024", "01.03.2024", "1 mars 2024", "2024/03/01".
  std::string Date(absl::CivilDay day) const;
  // The country's name in this locale for an ISO 3166-1 alpha-2 code ("DE" → "Deutschland" in
  // de-DE); the code itself when ICU does not know it.
  std::string Country(std::string_view alpha2) const;
  std::string_view Text(Label label) const;
  // The ISO 639 language ("en", "de", "ja"), for text shaping.
  std::string_view language() const;

 private:
  struct Impl;
  explicit Localizer(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace accrue::pdf
