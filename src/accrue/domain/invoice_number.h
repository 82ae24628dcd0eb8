// Invoice number formats and series keys.
//
// A format is literal text with tokens: {YYYY} (4-digit year), {YY}, {MM}, {DD}, and exactly one
// {SEQ} or {SEQ:n} (the gapless counter, zero-padded to n digits, 1 ≤ n ≤ 12). The default is
// "INV-{YYYY}-{SEQ:6}" → "INV-2026-000042". The counter itself lives in storage and is advanced
// in the same transaction that finalizes the invoice; this file only parses and renders.
// With yearly reset the counter restarts at 1 each calendar year of the tenant's time zone; the
// series key ("2026") names which counter an invoice draws from.
#pragma once

#include <string>
#include <vector>

#include "absl/time/civil_time.h"
#include "accrue/base/status.h"
#include "accrue/domain/tenant.h"

namespace accrue {

class InvoiceNumberFormat {
 public:
  static Result<InvoiceNumberFormat> Parse(std::string_view format);
  std::string Render(int64_t sequence, absl::CivilDay issue_day) const;
  bool MentionsYear() const { return mentions_year_; }

 private:
  enum class Kind { kLiteral, kYear4, kYear2, kMonth, kDay, kSequence };
  struct Piece {
    Kind kind;
    std::string literal;
    int width = 0;
  };
  std::vector<Piece> pieces_;
  bool mentions_year_ = false;
};

inline constexpr size_t kInvoiceNumberFormatLengthMax = 64;

// Which counter of the series an invoice issued on `day` draws from.
std::string NumberSeriesKey(NumberReset reset, absl::CivilDay day);

}  // namespace accrue
