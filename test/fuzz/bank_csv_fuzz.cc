// libFuzzer target for the bank CSV parser.
//
// The first byte picks one of a few column mappings (comma/semicolon, header or positions,
// signed amount or debit/credit, decimal comma with thousands dots); the rest is the file.
// Nothing may crash, hang or trip a sanitizer; every row of a parsed file is an entry.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "accrue/formats/bank/bank_csv.h"

namespace {

accrue::formats::bank::CsvColumnMapping Mapping(uint8_t selector) {
  accrue::formats::bank::CsvColumnMapping m;
  m.currency_code = "EUR";
  m.booking_date = "date";
  m.amount = "amount";
  m.remittance = {"text"};
  m.counterparty_name = "name";
  switch (selector % 4) {
    case 0:
      break;
    case 1:
      m.delimiter = ';';
      m.decimal_separator = ',';
      m.thousands_separator = '.';
      m.date_format = "DD.MM.YYYY";
      m.skip_lines = 1;
      break;
    case 2:
      m.has_header = false;
      m.booking_date = "1";
      m.amount = "2";
      m.remittance = {"3", "4"};
      m.counterparty_name.clear();
      m.date_format = "MM/DD/YY";
      break;
    default:
      m.amount.clear();
      m.debit = "debit";
      m.credit = "credit";
      m.currency = "currency";
      m.currency_code.clear();
      m.quote = '\'';
      break;
  }
  return m;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);
  auto statement = accrue::formats::bank::ParseBankCsv(text, Mapping(data[0]));
  if (statement.ok() && statement->entries.empty()) std::abort();
  return 0;
}
