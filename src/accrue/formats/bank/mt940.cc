#include "accrue/formats/bank/mt940.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <string>

#include "accrue/base/strings.h"
#include "accrue/money/money.h"

namespace accrue::formats::bank {
namespace {

using banking::Balance;
using banking::Entry;
using banking::Statement;

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsUpper(char c) { return c >= 'A' && c <= 'Z'; }
bool IsAlnum(char c) { return IsDigit(c) || IsUpper(c) || (c >= 'a' && c <= 'z'); }

struct Field {
  std::string tag;    // "61", "60F", "28C"
  std::string value;  // continuation lines joined with '\n'
};

struct Message {
  std::vector<Field> fields;
};

// A field tag line: ":61:…" with two digits and an optional letter.
bool TagLine(std::string_view line, std::string* tag, std::string_view* rest) {
  if (line.size() < 4 || line[0] != ':' || !IsDigit(line[1]) || !IsDigit(line[2])) return false;
  size_t end = 3;
  if (IsUpper(line[3])) end = 4;
  if (end >= line.size() || line[end] != ':') return false;
  *tag = std::string(line.substr(1, end - 1));
  *rest = line.substr(end + 1);
  return true;
}

// Splits the file into messages and fields. SWIFT forbids block-4 lines that start with ':'
// other than tags, or with '-', so a line starting with '-' ends a message.
std::vector<Message> SplitMessages(std::string_view text) {
  std::vector<Message> messages;
  Message current;
  bool in_field = false;
  auto finish = [&] {
    if (!current.fields.empty()) messages.push_back(std::move(current));
    current = Message{};
    in_field = false;
  };
  size_t pos = 0;
  std::string clean;
  while (pos < text.size()) {
    size_t eol = text.find('\n', pos);
    if (eol == std::string_view::npos) eol = text.size();
    std::string_view raw = text.substr(pos, eol - pos);
    pos = eol + 1;
    clean.clear();
    for (char c : raw) {
      const auto u = static_cast<unsigned char>(c);
      if (u >= 0x20 || c == '\t') clean.push_back(c);  // drops CR, SOH, ETX and friends
    }
    std::string_view line = clean;
    if (!line.empty() && line[0] == '{') {
      // Envelope: "{1:…}{2:…}{4:" opens the text block; anything after "{4:" is text.
      const size_t block4 = line.find("{4:");
      if (block4 == std::string_view::npos) {
        if (line.find("-}") != std::string_view::npos) finish();
        continue;
      }
      finish();
      line = line.substr(block4 + 3);
      if (line.empty()) continue;
    }
    if (!line.empty() && line[0] == '-') {
      finish();
      continue;
    }
    std::string tag;
    std::string_view rest;
    if (TagLine(line, &tag, &rest)) {
      if (tag == "20" && !current.fields.empty()) finish();  // messages without a "-" trailer
      current.fields.push_back({tag, std::string(rest)});
      in_field = true;
    } else if (in_field) {
      current.fields.back().value.push_back('\n');
      current.fields.back().value += line;
    }
    // Lines before the first field (bank headers such as "940 00") are not part of MT940.
  }
  finish();
  return messages;
}

Status Bad(std::string_view param, std::string_view reason, std::string message) {
  return InvalidArgument(param, reason, message);
}

// Reads a YYMMDD date at `pos`.
std::optional<absl::CivilDay> ReadDate(std::string_view s, size_t pos) {
  if (pos + 6 > s.size()) return std::nullopt;
  for (size_t i = pos; i < pos + 6; ++i) {
    if (!IsDigit(s[i])) return std::nullopt;
  }
  const int yy = (s[pos] - '0') * 10 + (s[pos + 1] - '0');
  const int mm = (s[pos + 2] - '0') * 10 + (s[pos + 3] - '0');
  const int dd = (s[pos + 4] - '0') * 10 + (s[pos + 5] - '0');
  return MakeDay(ExpandTwoDigitYear(yy), mm, dd);
}

// Reads an amount "1234,56" (SWIFT: digits, one mandatory decimal comma, at most 15
// characters) at `*pos` and advances past it.
Result<Money> ReadAmount(std::string_view s, size_t* pos, Currency currency,
                         const std::string& where) {
  const size_t start = *pos;
  size_t i = start;
  while (i < s.size() && (IsDigit(s[i]) || s[i] == ',')) ++i;
  const std::string_view raw = s.substr(start, i - start);
  const size_t comma = raw.find(',');
  if (raw.empty() || raw.size() > 15 || comma == std::string_view::npos || comma == 0 ||
      raw.find(',', comma + 1) != std::string_view::npos) {
    return Bad(where, "bank.mt940.bad_amount",
               fmt::format("'{}' is not an MT940 amount (digits with one decimal comma)",
                           raw.substr(0, 20)));
  }
  std::string text(raw.substr(0, comma));
  if (comma + 1 < raw.size()) {
    text.push_back('.');
    text += raw.substr(comma + 1);
  }
  Result<Money> m = Money::ParseExact(text, currency);
  if (!m.ok()) {
    return Bad(where, "bank.mt940.bad_amount",
               fmt::format("'{}' in {}: {}", raw, currency.code(), AsStd(m.status().message())));
  }
  *pos = i;
  return *m;
}

// :60F:/:62F: "C200101EUR444,29".
Result<Balance> ParseBalance(std::string_view v, const std::string& where) {
  v = Trim(v);
  if (v.size() < 11 || (v[0] != 'C' && v[0] != 'D')) {
    return Bad(where, "bank.mt940.bad_field", "a balance is C or D, YYMMDD, currency, amount");
  }
  Balance b;
  b.date = ReadDate(v, 1);
  if (!b.date.has_value())
    return Bad(where, "bank.mt940.bad_date", "the balance date is not YYMMDD");
  Result<Currency> currency = Currency::Find(v.substr(7, 3));
  if (!currency.ok()) {
    return Bad(where, "bank.mt940.bad_currency",
               fmt::format("'{}': {}", v.substr(7, 3), AsStd(currency.status().message())));
  }
  size_t pos = 10;
  ASSIGN_OR_RETURN(Money amount, ReadAmount(v, &pos, *currency, where));
  if (pos != v.size()) return Bad(where, "bank.mt940.bad_field", "text after the balance amount");
  b.amount = v[0] == 'D' ? amount.Negated() : amount;
  return b;
}

// :61: statement line; see the header for the layout.
Result<Entry> ParseStatementLine(std::string_view v, Currency currency, const std::string& where) {
  const size_t nl = v.find('\n');
  const std::string_view first = nl == std::string_view::npos ? v : v.substr(0, nl);
  const std::string_view supplementary = nl == std::string_view::npos ? "" : Trim(v.substr(nl + 1));
  Entry e;
  e.value_date = ReadDate(first, 0);
  if (!e.value_date.has_value())
    return Bad(where, "bank.mt940.bad_date", "the value date is not YYMMDD");
  size_t pos = 6;
  // Optional entry (booking) date MMDD: four digits before the mark. The mark never starts
  // with a digit, so four digits here are the entry date.
  if (pos + 4 <= first.size() && std::all_of(first.begin() + 6, first.begin() + 10, IsDigit)) {
    const int mm = (first[6] - '0') * 10 + (first[7] - '0');
    const int dd = (first[8] - '0') * 10 + (first[9] - '0');
    // The entry date has no year: it is the value date's, or the adjacent one across New Year.
    int64_t year = e.value_date->year();
    if (e.value_date->month() == 12 && mm == 1) ++year;
    if (e.value_date->month() == 1 && mm == 12) --year;
    e.booking_date = MakeDay(year, mm, dd);
    if (!e.booking_date.has_value())
      return Bad(where, "bank.mt940.bad_date", "the entry date is not MMDD");
    pos = 10;
  } else {
    e.booking_date = e.value_date;
  }
  int sign = 0;
  if (first.substr(pos, 2) == "RC") {
    sign = -1, e.reversal = true, pos += 2;  // reversal of a credit: money goes out
  } else if (first.substr(pos, 2) == "RD") {
    sign = 1, e.reversal = true, pos += 2;  // reversal of a debit: money comes back
  } else if (pos < first.size() && (first[pos] == 'C' || first[pos] == 'D')) {
    sign = first[pos] == 'C' ? 1 : -1;
    ++pos;
  } else {
    return Bad(where, "bank.mt940.bad_field", "the debit/credit mark is not C, D, RC or RD");
  }
  // Funds code: the third letter of the currency code, when present.
  if (pos < first.size() && IsUpper(first[pos])) ++pos;
  ASSIGN_OR_RETURN(Money amount, ReadAmount(first, &pos, currency, where));
  e.amount = sign < 0 ? amount.Negated() : amount;
  // Transaction type: N, F or S and a three-character code.
  if (pos + 4 > first.size() || (first[pos] != 'N' && first[pos] != 'F' && first[pos] != 'S')) {
    return Bad(where, "bank.mt940.bad_field",
               "the transaction type (N/F/S + 3 characters) is missing");
  }
  pos += 4;
  const std::string_view refs = first.substr(pos);
  const size_t slashes = refs.find("//");
  const std::string_view owner_ref = Trim(refs.substr(0, slashes));
  if (slashes != std::string_view::npos)
    e.bank_reference = std::string(Trim(refs.substr(slashes + 2)));
  if (owner_ref != "NONREF") e.end_to_end_id = std::string(owner_ref);
  if (!supplementary.empty()) e.remittance_lines.emplace_back(supplementary);
  return e;
}

// German/Austrian structured :86: ("166?00GUTSCHRIFT?20EREF+…"): three digits (the business
// transaction code), then subfields introduced by a separator (usually '?') and two digits.
bool ParseGermanInformation(std::string_view v, Entry* e) {
  if (v.size() < 4 || !IsDigit(v[0]) || !IsDigit(v[1]) || !IsDigit(v[2])) return false;
  const char sep = v[3];
  if (IsAlnum(sep) || sep == ' ' || sep == '\n') return false;
  // The field was wrapped at 65 characters wherever the text happened to be.
  std::string joined;
  for (char c : v) {
    if (c != '\n') joined.push_back(c);
  }
  std::vector<std::string> remittance;
  std::string name;
  for (size_t i = 3; i < joined.size();) {
    if (joined[i] != sep || i + 2 >= joined.size() || !IsDigit(joined[i + 1]) ||
        !IsDigit(joined[i + 2])) {
      ++i;
      continue;
    }
    const int code = (joined[i + 1] - '0') * 10 + (joined[i + 2] - '0');
    size_t end = i + 3;
    while (end < joined.size() && !(joined[end] == sep && end + 2 < joined.size() &&
                                    IsDigit(joined[end + 1]) && IsDigit(joined[end + 2]))) {
      ++end;
    }
    const std::string value = joined.substr(i + 3, end - i - 3);
    if ((code >= 20 && code <= 29) || (code >= 60 && code <= 63)) {
      remittance.push_back(value);
    } else if (code == 31) {
      e->counterparty.iban = std::string(Trim(value));
    } else if (code == 30) {
      e->counterparty.bic = std::string(Trim(value));
    } else if (code == 32 || code == 33) {
      name += value;
    }
    i = end;
  }
  e->counterparty.name = std::string(Trim(name));
  // SEPA keywords inside the remittance subfields: EREF+ is the end-to-end id.
  std::string text;
  for (const std::string& r : remittance) text += r;
  static constexpr std::array<std::string_view, 10> kKeywords = {
      "EREF+", "KREF+", "MREF+", "CRED+", "DEBT+", "SVWZ+", "ABWA+", "ABWE+", "COAM+", "OAMT+"};
  const size_t eref = text.find("EREF+");
  if (eref != std::string::npos) {
    size_t end = text.size();
    for (std::string_view k : kKeywords) {
      const size_t at = text.find(k, eref + 5);
      if (at != std::string::npos) end = std::min(end, at);
    }
    std::string id(Trim(std::string_view(text).substr(eref + 5, end - eref - 5)));
    if (id != "NOTPROVIDED") e->end_to_end_id = id;
  }
  for (std::string& r : remittance) e->remittance_lines.push_back(std::move(r));
  return true;
}

// Dutch structured :86: ("/EREF/…/BENM//NAME/…/REMI/…"): known tags between slashes.
bool ParseDutchInformation(std::string_view v, Entry* e) {
  std::string joined;
  for (char c : v) {
    if (c != '\n') joined.push_back(c);
  }
  if (joined.empty() || joined[0] != '/') return false;
  static constexpr std::array<std::string_view, 18> kTags = {
      "EREF", "MARF", "CSID", "CNTP", "REMI", "PURP", "ULTC", "ULTD", "BENM",
      "ORDP", "NAME", "ADDR", "ISDT", "IBAN", "BIC",  "RTRN", "TRCD", "ID"};
  struct Hit {
    size_t at;
    std::string_view tag;
  };
  std::vector<Hit> hits;
  for (size_t i = 0; i < joined.size(); ++i) {
    if (joined[i] != '/') continue;
    for (std::string_view t : kTags) {
      if (joined.compare(i + 1, t.size(), t) == 0 && i + 1 + t.size() < joined.size() &&
          joined[i + 1 + t.size()] == '/') {
        hits.push_back({i, t});
        break;
      }
    }
  }
  if (hits.empty()) return false;
  for (size_t h = 0; h < hits.size(); ++h) {
    const size_t from = hits[h].at + hits[h].tag.size() + 2;
    const size_t to = h + 1 < hits.size() ? hits[h + 1].at : joined.size();
    std::string value = from < to ? joined.substr(from, to - from) : "";
    while (!value.empty() && value.back() == '/') value.pop_back();
    while (!value.empty() && value.front() == '/') value.erase(0, 1);
    const std::string_view tag = hits[h].tag;
    if (tag == "EREF" && value != "NOTPROVIDED") {
      e->end_to_end_id = value;
    } else if (tag == "REMI") {
      // "/REMI/USTD//free text/" or "/REMI/STRD/CUR/reference/": keep the text either way.
      for (std::string_view prefix : {"USTD//", "USTD/", "STRD/CUR/", "STRD/ISO/"}) {
        if (value.rfind(prefix, 0) == 0) value.erase(0, prefix.size());
      }
      if (!value.empty()) e->remittance_lines.push_back(value);
    } else if (tag == "NAME" && e->counterparty.name.empty()) {
      e->counterparty.name = value;
    } else if (tag == "IBAN") {
      e->counterparty.iban = value;
    } else if (tag == "BIC") {
      e->counterparty.bic = value;
    } else if (tag == "CNTP") {
      // "/CNTP/IBAN/BIC/NAME/CITY/": positional.
      std::vector<std::string> parts;
      size_t start = 0;
      for (size_t k = 0; k <= value.size(); ++k) {
        if (k == value.size() || value[k] == '/') {
          parts.push_back(value.substr(start, k - start));
          start = k + 1;
        }
      }
      if (!parts.empty() && !parts[0].empty()) e->counterparty.iban = parts[0];
      if (parts.size() > 1 && !parts[1].empty()) e->counterparty.bic = parts[1];
      if (parts.size() > 2 && !parts[2].empty()) e->counterparty.name = parts[2];
    }
  }
  return true;
}

void ParseInformation(std::string_view v, Entry* e) {
  // What the payer wrote, however it is laid out, stays searchable for references.
  std::vector<std::string> supplementary = std::move(e->remittance_lines);
  e->remittance_lines.clear();
  if (!ParseGermanInformation(v, e) && !ParseDutchInformation(v, e)) {
    size_t start = 0;
    for (size_t k = 0; k <= v.size(); ++k) {
      if (k == v.size() || v[k] == '\n') {
        std::string_view line = Trim(v.substr(start, k - start));
        if (!line.empty() && e->remittance_lines.size() < kRemittanceLinesMax) {
          e->remittance_lines.emplace_back(line);
        }
        start = k + 1;
      }
    }
  }
  for (std::string& s : supplementary) e->remittance_lines.push_back(std::move(s));
}

Result<Statement> ParseMessage(const Message& m, const std::string& where, size_t* entries_total) {
  Statement s;
  bool have_20 = false;
  std::optional<Currency> currency;
  std::string previous;
  size_t lines = 0;
  for (const Field& f : m.fields) {
    const std::string at = fmt::format("{}:{}:", where, f.tag);
    if (f.tag == "20") {
      have_20 = true;
      s.id = std::string(Trim(f.value));
    } else if (f.tag == "25") {
      s.account = std::string(Trim(f.value));
    } else if (f.tag == "28C" || f.tag == "28") {
      if (!s.id.empty()) s.id += "/";
      s.id += std::string(Trim(f.value));
    } else if (f.tag == "60F" || f.tag == "60M") {
      ASSIGN_OR_RETURN(Balance b, ParseBalance(f.value, at));
      s.opening = b;
      currency = b.amount.currency();
    } else if (f.tag == "61") {
      if (!currency.has_value()) {
        return Bad(at, "bank.mt940.missing_field",
                   "an entry (:61:) before the opening balance (:60F:)");
      }
      if (++*entries_total > kEntriesPerFileMax) {
        return Bad(at, "bank.mt940.too_many_entries",
                   fmt::format("at most {} entries per file", kEntriesPerFileMax));
      }
      ASSIGN_OR_RETURN(Entry e,
                       ParseStatementLine(f.value, *currency, fmt::format("{}[{}]", at, ++lines)));
      s.entries.push_back(std::move(e));
    } else if (f.tag == "86") {
      // Information about the entry just before it; after the closing balance it is about the
      // statement as a whole and not needed here.
      if (previous == "61") ParseInformation(f.value, &s.entries.back());
    } else if (f.tag == "62F" || f.tag == "62M") {
      ASSIGN_OR_RETURN(Balance b, ParseBalance(f.value, at));
      s.closing = b;
    }
    previous = f.tag;
  }
  if (!have_20)
    return Bad(where + ":20:", "bank.mt940.missing_field", "the message has no :20: reference");
  if (!s.opening.has_value()) {
    return Bad(where + ":60F:", "bank.mt940.missing_field", "the message has no opening balance");
  }
  if (!s.closing.has_value()) {
    return Bad(where + ":62F:", "bank.mt940.missing_field", "the message has no closing balance");
  }
  s.currency = *currency;
  return s;
}

}  // namespace

Result<std::vector<Statement>> ParseMt940(std::string_view text, const BankParseOptions& options) {
  if (text.size() > kStatementFileBytesMax) {
    return Bad("", "bank.file_too_large",
               fmt::format("a statement file is at most {} bytes", kStatementFileBytesMax));
  }
  const std::vector<Message> messages = SplitMessages(text);
  if (messages.empty()) return Bad("", "bank.mt940.empty", "no MT940 message in the file");
  std::vector<Statement> statements;
  size_t entries_total = 0;
  for (size_t i = 0; i < messages.size(); ++i) {
    ASSIGN_OR_RETURN(Statement s,
                     ParseMessage(messages[i], fmt::format("message[{}]", i + 1), &entries_total));
    statements.push_back(std::move(s));
  }
  if (options.require_balanced) {
    RETURN_IF_ERROR(
        CheckAllBalanced(statements, [](size_t i) { return fmt::format("message[{}]", i + 1); }));
  }
  return statements;
}

}  // namespace accrue::formats::bank
