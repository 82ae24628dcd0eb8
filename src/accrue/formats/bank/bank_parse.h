// Shared by the bank-statement parsers (camt.h, mt940.h, bank_csv.h): options, limits, and the
// small readers for amounts and dates that every format needs.
//
// Every parser reads a whole file and returns either all of its statements or one error: a file
// that is not well-formed, names a wrong namespace, has a bad amount or (by default) does not
// balance is rejected as a whole, so an import never leaves half a file behind. Errors are
// InvalidArgument with a stable reason ("bank.camt.bad_namespace", "bank.mt940.bad_field",
// "bank.statement.unbalanced", …) and a param naming where in the file the problem is
// ("Stmt[2].Ntry[7].Amt", "message[1]:61:[3]", "line 12.amount").
//
// Thread-safety: pure functions of their input.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>
#include <vector>

#include "absl/time/civil_time.h"
#include "accrue/base/status.h"
#include "accrue/domain/banking/statement.h"

namespace accrue::formats::bank {

// Limits: a statement file is read into memory whole, so its size is bounded; a hostile file
// must fail fast, not exhaust memory.
inline constexpr size_t kStatementFileBytesMax = 64 * 1024 * 1024;
inline constexpr size_t kEntriesPerFileMax = 1'000'000;
inline constexpr size_t kRemittanceLinesMax = 100;

struct BankParseOptions {
  // Reject the file when a statement's booked entries do not sum to closing minus opening, or
  // when the file's own totals (camt TxsSummry) disagree with its entries. Off only for looking
  // at a broken file, never for importing one.
  bool require_balanced = true;
};

// Runs CheckBalances on every statement; the first failure is returned with `where(i)` as the
// param prefix ("Stmt[1]").
template <typename Where>
Status CheckAllBalanced(const std::vector<banking::Statement>& statements, Where where) {
  for (size_t i = 0; i < statements.size(); ++i) {
    Status s = banking::CheckBalances(statements[i]);
    if (!s.ok()) return WithParamPrefix(s, where(i));
  }
  return OkStatus();
}

// "2026-03-01" (also the date part of an ISO 8601 date-time "2026-03-01T10:00:00+01:00").
// nullopt for anything else, including days that do not exist (2026-02-30).
std::optional<absl::CivilDay> ParseIsoDate(std::string_view text);

// A day from its fields, or nullopt when it does not exist (month 13, February 30).
std::optional<absl::CivilDay> MakeDay(int64_t year, int month, int day);

// SWIFT and bank CSV files write two-digit years; 70–99 are 1970–1999, 00–69 are 2000–2069.
int ExpandTwoDigitYear(int yy);

// Strips leading and trailing ASCII whitespace.
std::string_view Trim(std::string_view s);

}  // namespace accrue::formats::bank
