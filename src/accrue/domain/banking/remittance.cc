#include "accrue/domain/banking/remittance.h"

#include <algorithm>
#include <array>

#include "accrue/domain/banking/creditor_reference.h"
#include "accrue/domain/invoice_number.h"

namespace accrue::banking {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsAlpha(char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }
bool IsAlnum(char c) { return IsDigit(c) || IsAlpha(c); }
char ToUpper(char c) { return (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c; }

void AddUnique(std::string s, std::vector<std::string>* out) {
  if (std::find(out->begin(), out->end(), s) == out->end()) out->push_back(std::move(s));
}

}  // namespace

std::string CompactReference(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    if (IsAlnum(c)) out.push_back(ToUpper(c));
  }
  return out;
}

Result<InvoiceNumberPattern> InvoiceNumberPattern::FromFormat(std::string_view format) {
  // Validation (one {SEQ}, known tokens, length) is InvoiceNumberFormat's; we only re-read the
  // tokens for their digit counts.
  {
    Result<InvoiceNumberFormat> valid = InvoiceNumberFormat::Parse(format);
    if (!valid.ok()) return valid.status();
  }
  InvoiceNumberPattern p;
  auto add_literal = [&p](char c) {
    if (p.elements_.empty() || p.elements_.back().literal.empty()) p.elements_.push_back({});
    p.elements_.back().literal.push_back(ToUpper(c));
  };
  for (size_t i = 0; i < format.size(); ++i) {
    if (format[i] != '{') {
      if (IsAlnum(format[i])) add_literal(format[i]);
      continue;
    }
    const size_t close = format.find('}', i);
    const std::string_view token = format.substr(i + 1, close - i - 1);
    i = close;
    Element e;
    if (token == "YYYY") {
      e.digits_min = e.digits_max = 4;
    } else if (token == "YY" || token == "MM" || token == "DD") {
      e.digits_min = e.digits_max = 2;
    } else if (token == "SEQ") {
      e.digits_min = 1;
      e.digits_max = 12;
    } else {  // "SEQ:n", validated above
      const int width = std::stoi(std::string(token.substr(4)));
      e.digits_min = width;
      e.digits_max = std::min(12, width + kSequenceExtraDigitsMax);
    }
    p.elements_.push_back(std::move(e));
  }
  p.starts_with_literal_ = !p.elements_.empty() && p.elements_.front().literal.size() >= 2;
  return p;
}

void InvoiceNumberPattern::Match(const std::vector<StreamChar>& s, size_t pos, size_t element,
                                 std::string* key, std::vector<std::string>* out) const {
  if (element == elements_.size()) {
    // The number must not run on into more digits or letters without a separator.
    if (pos == s.size() || s[pos].separated || IsDigit(s[pos].c) != IsDigit(s[pos - 1].c)) {
      AddUnique(*key, out);
    }
    return;
  }
  const Element& e = elements_[element];
  const size_t key_size = key->size();
  if (!e.literal.empty()) {
    if (pos + e.literal.size() > s.size()) return;
    for (size_t k = 0; k < e.literal.size(); ++k) {
      if (s[pos + k].c != e.literal[k]) return;
    }
    key->append(e.literal);
    Match(s, pos + e.literal.size(), element + 1, key, out);
    key->resize(key_size);
    return;
  }
  // A run of digits: try every length the format allows; a fixed-width field has one.
  size_t end = pos;
  for (int n = 1; n <= e.digits_max && end < s.size() && IsDigit(s[end].c); ++n) {
    key->push_back(s[end].c);
    ++end;
    if (n >= e.digits_min) Match(s, end, element + 1, key, out);
  }
  key->resize(key_size);
}

void InvoiceNumberPattern::FindCandidates(std::string_view text,
                                          std::vector<std::string>* out) const {
  if (elements_.empty()) return;
  text = text.substr(0, std::min(text.size(), kRemittanceScanBytesMax));
  std::vector<StreamChar> s;
  s.reserve(text.size());
  bool separated = true;
  for (char c : text) {
    if (IsAlnum(c)) {
      s.push_back({ToUpper(c), separated});
      separated = false;
    } else {
      separated = true;
    }
  }
  std::string key;
  for (size_t i = 0; i < s.size(); ++i) {
    // A pattern that opens with letters ("INV") may start anywhere, because payers also glue
    // words together ("RECHNUNGINV2026000123"); one that opens with digits must start at a word
    // boundary, or every digit of an account number would be a start.
    const bool boundary = i == 0 || s[i].separated || IsDigit(s[i].c) != IsDigit(s[i - 1].c);
    if (!starts_with_literal_ && !boundary) continue;
    key.clear();
    Match(s, i, 0, &key, out);
  }
}

std::vector<std::string> FindRfReferences(std::string_view text) {
  text = text.substr(0, std::min(text.size(), kRemittanceScanBytesMax));
  std::vector<std::string> found;
  for (size_t i = 0; i + 4 < text.size(); ++i) {
    if (ToUpper(text[i]) != 'R' || ToUpper(text[i + 1]) != 'F' || !IsDigit(text[i + 2]) ||
        !IsDigit(text[i + 3])) {
      continue;
    }
    if (i > 0 && IsAlnum(text[i - 1])) continue;  // "XRF12…" is not an RF reference
    // Read on across single spaces (the printed form groups by four); stop at anything else.
    std::string rf = "RF";
    size_t j = i + 2;
    while (j < text.size() && rf.size() < kRfLengthMax) {
      if (IsAlnum(text[j])) {
        rf.push_back(ToUpper(text[j]));
        ++j;
        const bool at_end = j == text.size() || !IsAlnum(text[j]);
        if (at_end && rf.size() >= 5 && IsValidRf(rf)) AddUnique(rf, &found);
      } else if (text[j] == ' ' && j + 1 < text.size() && IsAlnum(text[j + 1])) {
        ++j;
      } else {
        break;
      }
    }
  }
  return found;
}

// U+00C0..U+00FF (UTF-8 C3 80..C3 BF) in upper-case ASCII, German style for umlauts.
constexpr std::array<std::string_view, 64> kLatin1Folding = {
    "A", "A", "A", "A", "AE", "A", "AE", "C", "E", "E", "E", "E", "I",  "I", "I",  "I",
    "D", "N", "O", "O", "O",  "O", "OE", "",  "O", "U", "U", "U", "UE", "Y", "TH", "SS",
    "A", "A", "A", "A", "AE", "A", "AE", "C", "E", "E", "E", "E", "I",  "I", "I",  "I",
    "D", "N", "O", "O", "O",  "O", "OE", "",  "O", "U", "U", "U", "UE", "Y", "TH", "Y"};

std::string NormalizeName(std::string_view name) {
  static constexpr std::array<std::string_view, 27> kLegalForms = {
      "GMBH", "AG",   "BV",  "NV",  "LTD", "LIMITED", "INC",      "LLC", "SA",
      "SAS",  "SARL", "SRL", "SPA", "KG",  "OHG",     "PLC",      "CO",  "CORP",
      "EV",   "UG",   "AB",  "AS",  "OY",  "LLP",     "GMBHCOKG", "KK",  "PTY"};
  std::vector<std::string> words;
  std::string word;
  auto flush = [&]() {
    if (word.empty()) return;
    if (std::find(kLegalForms.begin(), kLegalForms.end(), word) == kLegalForms.end()) {
      words.push_back(word);
    }
    word.clear();
  };
  for (size_t i = 0; i < name.size(); ++i) {
    const char c = name[i];
    const auto next = i + 1 < name.size() ? static_cast<unsigned char>(name[i + 1]) : 0;
    if (static_cast<unsigned char>(c) == 0xC3 && next >= 0x80 && next <= 0xBF) {
      // SEPA restricts names to basic Latin, so banks transliterate "Müller" to "MUELLER":
      // fold the Latin-1 letters the same way before comparing.
      word += kLatin1Folding[static_cast<size_t>(next - 0x80)];
      ++i;
    } else if (IsAlnum(c) || static_cast<unsigned char>(c) >= 0x80) {
      word.push_back(ToUpper(c));
    } else if (c == '.' || c == '\'') {
      // "B.V." and "O'Neil" are one word.
    } else {
      flush();
    }
  }
  flush();
  std::sort(words.begin(), words.end());
  std::string out;
  for (const std::string& w : words) {
    if (!out.empty()) out.push_back(' ');
    out += w;
  }
  return out;
}

std::vector<uint16_t> NameBigrams(std::string_view normalized) {
  std::vector<uint16_t> out;
  out.reserve(normalized.size());
  for (size_t i = 0; i + 1 < normalized.size(); ++i) {
    out.push_back(static_cast<uint16_t>((static_cast<unsigned char>(normalized[i]) << 8) |
                                        static_cast<unsigned char>(normalized[i + 1])));
  }
  std::sort(out.begin(), out.end());
  return out;
}

int BigramSimilarity(const std::vector<uint16_t>& a, const std::vector<uint16_t>& b) {
  if (a.empty() || b.empty()) return 0;
  size_t shared = 0;
  for (size_t i = 0, j = 0; i < a.size() && j < b.size();) {
    if (a[i] == b[j]) {
      ++shared, ++i, ++j;
    } else if (a[i] < b[j]) {
      ++i;
    } else {
      ++j;
    }
  }
  // Integer percentage, rounded down: the score is a ranking aid, not an amount.
  return static_cast<int>((200 * shared) / (a.size() + b.size()));
}

int NameSimilarity(std::string_view a, std::string_view b) {
  const std::string na = NormalizeName(a.substr(0, std::min<size_t>(a.size(), 256)));
  const std::string nb = NormalizeName(b.substr(0, std::min<size_t>(b.size(), 256)));
  if (na.empty() || nb.empty()) return 0;
  if (na == nb) return 100;
  return BigramSimilarity(NameBigrams(na), NameBigrams(nb));
}

}  // namespace accrue::banking
