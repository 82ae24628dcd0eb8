// Bank statements exported as CSV, read through a column mapping the tenant saved once per bank.
//
// Banks' CSV exports differ in everything: delimiter (',' ';' tab), quoting, a preamble of
// account details before the header, date format ("DD.MM.YYYY"), decimal comma, thousands
// separators, and whether an amount is one signed column or a debit and a credit column. The
// mapping names all of that; the parser applies it strictly: a row that does not fit is an
// error naming its line and column, never a guess, and the whole file is rejected.
//
// The CSV dialect is RFC 4180 with a configurable delimiter and quote: quoted fields may hold
// delimiters, line breaks and doubled quotes; a UTF-8 byte-order mark is skipped; blank lines
// are ignored. A CSV export states no balances, so there is nothing to check them against; the
// statement has none.
//
// Errors (InvalidArgument): bank.file_too_large, bank.csv.bad_mapping (param "mapping.<field>"),
// bank.csv.missing_column (a mapped column not in the header), bank.csv.unterminated_quote,
// bank.csv.bad_row / bad_amount / bad_date / bad_currency (param "line N.<field>"),
// bank.csv.too_many_entries, bank.csv.empty.
//
// Thread-safety: pure function.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "accrue/base/status.h"
#include "accrue/domain/banking/statement.h"

namespace accrue::formats::bank {

struct CsvColumnMapping {
  char delimiter = ',';
  char quote = '"';
  bool has_header = true;
  int skip_lines = 0;  // preamble lines before the header (or the first row), 0..100
  // Tokens YYYY, YY, MM, DD; every other character must appear as written: "DD.MM.YYYY".
  std::string date_format = "YYYY-MM-DD";
  char decimal_separator = '.';
  char thousands_separator = '\0';  // '\0': none
  // The currency of every row, when the file has no currency column.
  std::string currency_code;

  // Columns: header names, or 1-based positions ("3") when has_header is false. Empty: absent.
  std::string booking_date;  // required
  std::string value_date;
  std::string amount;  // a signed amount; or debit and/or credit (unsigned or signed)
  std::string debit;
  std::string credit;
  std::string currency;
  std::string counterparty_name;
  std::string counterparty_iban;
  std::vector<std::string> remittance;  // each non-empty cell becomes one remittance line
  std::string end_to_end_id;
  std::string bank_reference;
};

inline constexpr int kCsvSkipLinesMax = 100;
inline constexpr size_t kCsvColumnsMax = 256;

// `statement_id` and `account` label the result (CSV files rarely carry them).
Result<banking::Statement> ParseBankCsv(std::string_view text, const CsvColumnMapping& mapping,
                                        std::string_view statement_id = "",
                                        std::string_view account = "");

// Parses an amount written with `decimal_separator` and optional `thousands_separator`, with a
// leading '+'/'-', a trailing '-' ("12,50-") or parentheses ("(12.50)") for negatives.
// Errors: "bank.csv.bad_amount" (empty param).
Result<Money> ParseCsvAmount(std::string_view text, char decimal_separator,
                             char thousands_separator, Currency currency);

// Parses `text` by a date format of YYYY/YY/MM/DD tokens. nullopt when it does not fit.
std::optional<absl::CivilDay> ParseDateWithFormat(std::string_view text, std::string_view format);

}  // namespace accrue::formats::bank
