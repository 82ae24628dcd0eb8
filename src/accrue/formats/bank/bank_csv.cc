#include "accrue/formats/bank/bank_csv.h"

#include <fmt/format.h>

#include <charconv>
#include <optional>

#include "accrue/base/strings.h"
#include "accrue/formats/bank/bank_parse.h"
#include "accrue/money/money.h"

namespace accrue::formats::bank {
namespace {

using banking::Entry;
using banking::Statement;

Status Bad(std::string_view param, std::string_view reason, std::string message) {
  return InvalidArgument(param, reason, message);
}

struct Row {
  size_t line = 0;  // 1-based line where the row starts
  std::vector<std::string> cells;
};

// RFC 4180 with the mapping's delimiter and quote.
Result<std::vector<Row>> SplitRows(std::string_view text, char delimiter, char quote) {
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  std::vector<Row> rows;
  Row row{1, {}};
  std::string cell;
  size_t line = 1;
  bool quoted = false, any = false;
  auto end_cell = [&] {
    row.cells.push_back(std::move(cell));
    cell.clear();
  };
  auto end_row = [&]() -> Status {
    end_cell();
    if (row.cells.size() > kCsvColumnsMax) {
      return Bad(fmt::format("line {}", row.line), "bank.csv.bad_row",
                 fmt::format("more than {} columns", kCsvColumnsMax));
    }
    const bool blank = row.cells.size() == 1 && row.cells[0].empty() && !any;
    if (!blank) {
      if (rows.size() > kEntriesPerFileMax + kCsvSkipLinesMax + 1) {
        return Bad("", "bank.csv.too_many_entries",
                   fmt::format("at most {} rows", kEntriesPerFileMax));
      }
      rows.push_back(std::move(row));
    }
    row = Row{line, {}};
    any = false;
    return OkStatus();
  };
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == quote) {
        if (i + 1 < text.size() && text[i + 1] == quote) {
          cell.push_back(quote);
          ++i;
        } else {
          quoted = false;
        }
      } else {
        if (c == '\n') ++line;
        cell.push_back(c);
      }
    } else if (c == quote && cell.empty()) {
      quoted = true;
      any = true;
    } else if (c == delimiter) {
      end_cell();
      any = true;
    } else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
      // CRLF: the '\n' ends the row.
    } else if (c == '\n' || c == '\r') {
      ++line;
      RETURN_IF_ERROR(end_row());
    } else {
      cell.push_back(c);
      any = true;
    }
  }
  if (quoted) {
    return Bad(fmt::format("line {}", row.line), "bank.csv.unterminated_quote",
               "a quoted field is not closed before the end of the file");
  }
  if (any || !cell.empty()) RETURN_IF_ERROR(end_row());
  return rows;
}

// Resolves a mapped column to an index; -1 when the mapping leaves it empty.
Result<int> Resolve(const std::string& column, std::string_view field, const CsvColumnMapping& m,
                    const std::vector<std::string>& header) {
  if (column.empty()) return -1;
  if (!m.has_header) {
    int position = 0;
    const auto [end, ec] = std::from_chars(column.data(), column.data() + column.size(), position);
    if (ec != std::errc() || end != column.data() + column.size() || position < 1 ||
        static_cast<size_t>(position) > kCsvColumnsMax) {
      return Bad(fmt::format("mapping.{}", field), "bank.csv.bad_mapping",
                 fmt::format("without a header, columns are positions 1..{}", kCsvColumnsMax));
    }
    return position - 1;
  }
  for (size_t i = 0; i < header.size(); ++i) {
    if (Trim(header[i]) == column) return static_cast<int>(i);
  }
  return Bad(fmt::format("mapping.{}", field), "bank.csv.missing_column",
             fmt::format("the header has no column '{}'", column.substr(0, 64)));
}

struct Columns {
  int booking_date = -1, value_date = -1, amount = -1, debit = -1, credit = -1, currency = -1;
  int name = -1, iban = -1, e2e = -1, bank_ref = -1;
  std::vector<int> remittance;
};

Status CheckMapping(const CsvColumnMapping& m) {
  if (m.delimiter == m.quote || m.delimiter == '\n' || m.delimiter == '\r' || m.delimiter == '\0') {
    return Bad("mapping.delimiter", "bank.csv.bad_mapping",
               "the delimiter must differ from the quote and line ends");
  }
  if (m.decimal_separator == m.thousands_separator) {
    return Bad("mapping.thousands_separator", "bank.csv.bad_mapping",
               "the thousands separator must differ from the decimal separator");
  }
  if (m.skip_lines < 0 || m.skip_lines > kCsvSkipLinesMax) {
    return Bad("mapping.skip_lines", "bank.csv.bad_mapping",
               fmt::format("0..{} lines", kCsvSkipLinesMax));
  }
  if (m.booking_date.empty()) {
    return Bad("mapping.booking_date", "bank.csv.bad_mapping",
               "the booking date column is required");
  }
  if (m.amount.empty() == (m.debit.empty() && m.credit.empty())) {
    return Bad("mapping.amount", "bank.csv.bad_mapping",
               "map either an amount column or debit/credit columns");
  }
  if (m.currency.empty() && m.currency_code.empty()) {
    return Bad("mapping.currency_code", "bank.csv.bad_mapping",
               "map a currency column or give the currency");
  }
  if (m.date_format.find("DD") == std::string::npos ||
      m.date_format.find("MM") == std::string::npos ||
      m.date_format.find("YY") == std::string::npos) {
    return Bad("mapping.date_format", "bank.csv.bad_mapping",
               "the date format needs DD, MM and YY or YYYY");
  }
  return OkStatus();
}

}  // namespace

std::optional<absl::CivilDay> ParseDateWithFormat(std::string_view text, std::string_view format) {
  text = Trim(text);
  int year = -1, month = -1, day = -1;
  size_t t = 0;
  for (size_t f = 0; f < format.size();) {
    auto digits = [&](size_t n, int* out) {
      if (t + n > text.size()) return false;
      int v = 0;
      for (size_t k = 0; k < n; ++k) {
        const char c = text[t + k];
        if (c < '0' || c > '9') return false;
        v = v * 10 + (c - '0');
      }
      *out = v;
      t += n;
      return true;
    };
    if (format.substr(f, 4) == "YYYY") {
      if (!digits(4, &year)) return std::nullopt;
      f += 4;
    } else if (format.substr(f, 2) == "YY") {
      int yy = 0;
      if (!digits(2, &yy)) return std::nullopt;
      year = ExpandTwoDigitYear(yy);
      f += 2;
    } else if (format.substr(f, 2) == "MM") {
      if (!digits(2, &month)) return std::nullopt;
      f += 2;
    } else if (format.substr(f, 2) == "DD") {
      if (!digits(2, &day)) return std::nullopt;
      f += 2;
    } else {
      if (t >= text.size() || text[t] != format[f]) return std::nullopt;
      ++t, ++f;
    }
  }
  if (t != text.size()) return std::nullopt;
  return MakeDay(year, month, day);
}

Result<Money> ParseCsvAmount(std::string_view text, char decimal_separator,
                             char thousands_separator, Currency currency) {
  std::string_view s = Trim(text);
  bool negative = false;
  if (s.size() >= 2 && s.front() == '(' && s.back() == ')') {
    negative = true;
    s = Trim(s.substr(1, s.size() - 2));
  }
  if (!s.empty() && (s.front() == '-' || s.front() == '+')) {
    negative = negative != (s.front() == '-');
    s.remove_prefix(1);
  } else if (!s.empty() && s.back() == '-') {
    negative = !negative;
    s.remove_suffix(1);
  }
  std::string plain;
  bool seen_decimal = false;
  // Digits since the last thousands separator, or -1 before the first one: every group after a
  // separator has exactly three digits, so "1,00" under a '.'-decimal mapping is an error (a
  // mis-set mapping), not one hundred.
  int group = -1;
  auto bad = [&] {
    return Bad("", "bank.csv.bad_amount", fmt::format("'{}' is not an amount", text.substr(0, 40)));
  };
  for (char c : s) {
    if (c == decimal_separator && !seen_decimal) {
      if (group >= 0 && group != 3) return bad();
      plain.push_back('.');
      seen_decimal = true;
    } else if (thousands_separator != '\0' && c == thousands_separator && !seen_decimal) {
      if (plain.empty() || (group >= 0 && group != 3)) return bad();
      group = 0;
    } else if (c >= '0' && c <= '9') {
      plain.push_back(c);
      if (group >= 0 && !seen_decimal) ++group;
    } else {
      return bad();
    }
  }
  if (!seen_decimal && group >= 0 && group != 3) return bad();
  Result<Money> m = Money::ParseExact(plain, currency);
  if (!m.ok()) {
    return Bad("", "bank.csv.bad_amount",
               fmt::format("'{}': {}", text.substr(0, 40), AsStd(m.status().message())));
  }
  return negative ? m->Negated() : *m;
}

Result<Statement> ParseBankCsv(std::string_view text, const CsvColumnMapping& m,
                               std::string_view statement_id, std::string_view account) {
  if (text.size() > kStatementFileBytesMax) {
    return Bad("", "bank.file_too_large",
               fmt::format("a statement file is at most {} bytes", kStatementFileBytesMax));
  }
  RETURN_IF_ERROR(CheckMapping(m));
  std::optional<Currency> fixed_currency;
  if (!m.currency_code.empty()) {
    Result<Currency> c = Currency::Find(m.currency_code);
    if (!c.ok()) return WithParamPrefix(c.status(), "mapping.currency_code");
    fixed_currency = *c;
  }
  ASSIGN_OR_RETURN(std::vector<Row> rows, SplitRows(text, m.delimiter, m.quote));
  size_t first = static_cast<size_t>(m.skip_lines);
  std::vector<std::string> header;
  if (m.has_header) {
    if (rows.size() <= first) return Bad("", "bank.csv.empty", "the file has no header line");
    header = rows[first].cells;
    ++first;
  }
  Columns c;
  ASSIGN_OR_RETURN(c.booking_date, Resolve(m.booking_date, "booking_date", m, header));
  ASSIGN_OR_RETURN(c.value_date, Resolve(m.value_date, "value_date", m, header));
  ASSIGN_OR_RETURN(c.amount, Resolve(m.amount, "amount", m, header));
  ASSIGN_OR_RETURN(c.debit, Resolve(m.debit, "debit", m, header));
  ASSIGN_OR_RETURN(c.credit, Resolve(m.credit, "credit", m, header));
  ASSIGN_OR_RETURN(c.currency, Resolve(m.currency, "currency", m, header));
  ASSIGN_OR_RETURN(c.name, Resolve(m.counterparty_name, "counterparty_name", m, header));
  ASSIGN_OR_RETURN(c.iban, Resolve(m.counterparty_iban, "counterparty_iban", m, header));
  ASSIGN_OR_RETURN(c.e2e, Resolve(m.end_to_end_id, "end_to_end_id", m, header));
  ASSIGN_OR_RETURN(c.bank_ref, Resolve(m.bank_reference, "bank_reference", m, header));
  for (const std::string& r : m.remittance) {
    ASSIGN_OR_RETURN(int index, Resolve(r, "remittance", m, header));
    c.remittance.push_back(index);
  }
  Statement s;
  s.id = std::string(statement_id);
  s.account = std::string(account);
  if (fixed_currency.has_value()) s.currency = *fixed_currency;
  bool currency_known = fixed_currency.has_value();
  for (size_t r = first; r < rows.size(); ++r) {
    const Row& row = rows[r];
    const std::string where = fmt::format("line {}", row.line);
    auto cell = [&](int index) -> std::string_view {
      return index >= 0 && static_cast<size_t>(index) < row.cells.size()
                 ? std::string_view(row.cells[static_cast<size_t>(index)])
                 : std::string_view();
    };
    for (int index : {c.booking_date, c.amount, c.debit, c.credit, c.currency}) {
      if (index >= 0 && static_cast<size_t>(index) >= row.cells.size()) {
        return Bad(where, "bank.csv.bad_row",
                   fmt::format("the row has {} columns, the mapping reads column {}",
                               row.cells.size(), index + 1));
      }
    }
    Currency currency = s.currency;
    if (c.currency >= 0) {
      Result<Currency> found = Currency::Find(Trim(cell(c.currency)));
      if (!found.ok()) {
        return Bad(where + ".currency", "bank.csv.bad_currency",
                   fmt::format("'{}': {}", cell(c.currency).substr(0, 8),
                               AsStd(found.status().message())));
      }
      currency = *found;
      if (!currency_known) {
        s.currency = currency;
        currency_known = true;
      }
    }
    Entry e;
    e.booking_date = ParseDateWithFormat(cell(c.booking_date), m.date_format);
    if (!e.booking_date.has_value()) {
      return Bad(
          where + ".booking_date", "bank.csv.bad_date",
          fmt::format("'{}' does not fit {}", cell(c.booking_date).substr(0, 40), m.date_format));
    }
    if (c.value_date >= 0 && !Trim(cell(c.value_date)).empty()) {
      e.value_date = ParseDateWithFormat(cell(c.value_date), m.date_format);
      if (!e.value_date.has_value()) {
        return Bad(
            where + ".value_date", "bank.csv.bad_date",
            fmt::format("'{}' does not fit {}", cell(c.value_date).substr(0, 40), m.date_format));
      }
    }
    if (c.amount >= 0) {
      Result<Money> a =
          ParseCsvAmount(cell(c.amount), m.decimal_separator, m.thousands_separator, currency);
      if (!a.ok()) return WithParamPrefix(a.status(), where + ".amount");
      e.amount = *a;
    } else {
      // Debit and credit columns: one holds the amount, the other is empty (or zero). Some
      // banks sign the debit column, some do not; the column decides the direction.
      std::optional<Money> debit, credit;
      if (c.debit >= 0 && !Trim(cell(c.debit)).empty()) {
        Result<Money> a =
            ParseCsvAmount(cell(c.debit), m.decimal_separator, m.thousands_separator, currency);
        if (!a.ok()) return WithParamPrefix(a.status(), where + ".debit");
        if (!a->IsZero()) debit = a->Sign() < 0 ? *a : a->Negated();
      }
      if (c.credit >= 0 && !Trim(cell(c.credit)).empty()) {
        Result<Money> a =
            ParseCsvAmount(cell(c.credit), m.decimal_separator, m.thousands_separator, currency);
        if (!a.ok()) return WithParamPrefix(a.status(), where + ".credit");
        if (!a->IsZero()) credit = a->Sign() < 0 ? a->Negated() : *a;
      }
      if (debit.has_value() && credit.has_value()) {
        return Bad(where, "bank.csv.bad_row",
                   "both the debit and the credit column hold an amount");
      }
      e.amount = debit.has_value()    ? *debit
                 : credit.has_value() ? *credit
                                      : Money::FromMinor(0, currency);
    }
    e.counterparty.name = std::string(Trim(cell(c.name)));
    e.counterparty.iban = std::string(Trim(cell(c.iban)));
    e.end_to_end_id = std::string(Trim(cell(c.e2e)));
    e.bank_reference = std::string(Trim(cell(c.bank_ref)));
    for (int index : c.remittance) {
      std::string_view v = Trim(cell(index));
      if (!v.empty()) e.remittance_lines.emplace_back(v);
    }
    s.entries.push_back(std::move(e));
  }
  if (s.entries.empty()) return Bad("", "bank.csv.empty", "the file has no statement rows");
  return s;
}

}  // namespace accrue::formats::bank
