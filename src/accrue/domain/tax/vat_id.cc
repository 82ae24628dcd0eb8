#include "accrue/domain/tax/vat_id.h"

#include <array>
#include <cstdint>
#include <initializer_list>

#include "accrue/base/strings.h"
#include "accrue/domain/banking/creditor_reference.h"

// The algorithms below follow the member states' published rules as collected in the EU VIES
// FAQ and in python-stdnum (LGPL; rules only, no code copied). Each checker gets the national
// part, already stripped of separators and upper-cased, and says which of the three outcomes it
// is. Comments name the rule where it is not obvious from the code.
namespace accrue::tax {
namespace {

enum class Check { kOk, kBadFormat, kBadChecksum };

Check Verdict(bool ok) { return ok ? Check::kOk : Check::kBadChecksum; }

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsUpper(char c) { return c >= 'A' && c <= 'Z'; }
int Digit(char c) { return c - '0'; }

bool AllDigits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (!IsDigit(c)) return false;
  }
  return true;
}

// Σ weight[i] × digit[i] over the first weights.size() characters of `s` (all digits).
int WeightedSum(std::string_view s, std::initializer_list<int> weights) {
  int sum = 0;
  size_t i = 0;
  for (int w : weights) sum += w * Digit(s[i++]);
  return sum;
}

// The Luhn checksum over all digits of `s` (check digit included): 0 when valid.
int LuhnChecksum(std::string_view s) {
  int sum = 0;
  bool doubled = false;
  for (size_t i = s.size(); i-- > 0;) {
    int d = Digit(s[i]);
    if (doubled) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    doubled = !doubled;
  }
  return sum % 10;
}

// ISO 7064 MOD 11,10 (DE, HR): the check digit for the digits in `s`.
int Mod11_10CheckDigit(std::string_view s) {
  int product = 10;
  for (char c : s) {
    int sum = (Digit(c) + product) % 10;
    if (sum == 0) sum = 10;
    product = (2 * sum) % 11;
  }
  return (11 - product) % 10;
}

// The national number `s` modulo `m` (s has at most 13 digits here).
int64_t Mod(std::string_view s, int64_t m) {
  int64_t rest = 0;
  for (char c : s) rest = (rest * 10 + Digit(c)) % m;
  return rest;
}

Check CheckAt(std::string_view n) {
  // U + 8 digits. S_i = INT(C_i / 5) + (2 C_i) MOD 10 on the 2nd, 4th and 6th digit.
  if (n.size() != 9 || n[0] != 'U' || !AllDigits(n.substr(1))) return Check::kBadFormat;
  std::string_view c = n.substr(1);
  int sum = 4;
  for (size_t i = 0; i < 7; ++i) {
    int d = Digit(c[i]);
    sum += (i % 2 == 1) ? d / 5 + (2 * d) % 10 : d;
  }
  return Verdict((10 - sum % 10) % 10 == Digit(c[7]));
}

Check CheckBe(std::string_view n) {
  // 10 digits, first 0 or 1 (the old 9-digit form gets a leading 0 first); 97 − (first 8 mod
  // 97) is the last two.
  if (!AllDigits(n) || n.size() != 10 || (n[0] != '0' && n[0] != '1')) return Check::kBadFormat;
  int64_t check = 97 - Mod(n.substr(0, 8), 97);
  return Verdict(check == Digit(n[8]) * 10 + Digit(n[9]));
}

Check CheckBg(std::string_view n) {
  if (!AllDigits(n)) return Check::kBadFormat;
  if (n.size() == 9) {  // legal entity
    int s = WeightedSum(n, {1, 2, 3, 4, 5, 6, 7, 8}) % 11;
    if (s == 10) s = WeightedSum(n, {3, 4, 5, 6, 7, 8, 9, 10}) % 11 % 10;
    return Verdict(s == Digit(n[8]));
  }
  if (n.size() != 10) return Check::kBadFormat;
  // A physical person (EGN), a foreigner (PNF) or another registrant: any of the three rules.
  int egn = WeightedSum(n, {2, 4, 8, 5, 10, 9, 7, 3, 6}) % 11 % 10;
  int pnf = WeightedSum(n, {21, 19, 17, 13, 11, 9, 7, 3, 1}) % 10;
  int other = 11 - WeightedSum(n, {4, 3, 2, 7, 6, 5, 4, 3, 2}) % 11;
  if (other == 11) other = 0;
  const int last = Digit(n[9]);
  return Verdict(egn == last || pnf == last || (other != 10 && other == last));
}

Check CheckCy(std::string_view n) {
  // 8 digits + check letter; "12" cannot start a number.
  if (n.size() != 9 || !AllDigits(n.substr(0, 8)) || !IsUpper(n[8])) return Check::kBadFormat;
  if (n.substr(0, 2) == "12") return Check::kBadFormat;
  static constexpr std::array<int, 10> kOdd = {1, 0, 5, 7, 9, 13, 15, 17, 19, 21};
  int sum = 0;
  for (size_t i = 0; i < 8; ++i) {
    sum += (i % 2 == 0) ? kOdd[static_cast<size_t>(Digit(n[i]))] : Digit(n[i]);
  }
  return Verdict(n[8] == static_cast<char>('A' + sum % 26));
}

Check CheckCz(std::string_view n) {
  if (!AllDigits(n)) return Check::kBadFormat;
  if (n.size() == 8) {  // legal entity
    if (n[0] == '9') return Check::kBadFormat;
    int c = (11 - WeightedSum(n, {8, 7, 6, 5, 4, 3, 2}) % 11) % 11;
    if (c == 0) c = 1;
    return Verdict(c % 10 == Digit(n[7]));
  }
  if (n.size() == 9 && n[0] == '6') {  // "special" individual numbers
    int s = WeightedSum(n.substr(1), {8, 7, 6, 5, 4, 3, 2}) % 11;
    return Verdict((8 - (10 - s) % 11) % 10 == Digit(n[8]));
  }
  // Birth numbers (rodné číslo). Nine digits (born before 1954) carry no check digit.
  if (n.size() == 9) return Check::kOk;
  if (n.size() != 10) return Check::kBadFormat;
  int64_t rest = Mod(n.substr(0, 9), 11);
  return Verdict((rest == 10 ? 0 : rest) == Digit(n[9]));
}

Check CheckDe(std::string_view n) {
  if (n.size() != 9 || !AllDigits(n) || n[0] == '0') return Check::kBadFormat;
  return Verdict(Mod11_10CheckDigit(n.substr(0, 8)) == Digit(n[8]));
}

Check CheckDk(std::string_view n) {
  if (n.size() != 8 || !AllDigits(n) || n[0] == '0') return Check::kBadFormat;
  return Verdict(WeightedSum(n, {2, 7, 6, 5, 4, 3, 2, 1}) % 11 == 0);
}

Check CheckEe(std::string_view n) {
  if (n.size() != 9 || !AllDigits(n) || n.substr(0, 2) != "10") return Check::kBadFormat;
  return Verdict((10 - WeightedSum(n, {3, 7, 1, 3, 7, 1, 3, 7}) % 10) % 10 == Digit(n[8]));
}

Check CheckEl(std::string_view n) {
  // 9 digits (old 8-digit numbers are read with a leading zero: see Normalise).
  if (n.size() != 9 || !AllDigits(n)) return Check::kBadFormat;
  int s = WeightedSum(n, {256, 128, 64, 32, 16, 8, 4, 2}) % 11 % 10;
  return Verdict(s == Digit(n[8]));
}

char SpanishDniLetter(int64_t number) {
  static constexpr std::string_view kLetters = "TRWAGMYFPDXBNJZSQVHLCKE";
  return kLetters[static_cast<size_t>(number % 23)];
}

Check CheckEs(std::string_view n) {
  if (n.size() != 9 || !AllDigits(n.substr(1, 7))) return Check::kBadFormat;
  const char first = n[0];
  const char last = n[8];
  if (IsDigit(first)) {  // DNI: 8 digits and a letter
    if (!AllDigits(n.substr(0, 8)) || !IsUpper(last)) return Check::kBadFormat;
    return Verdict(last == SpanishDniLetter(Mod(n.substr(0, 8), 23)));
  }
  if (first == 'X' || first == 'Y' || first == 'Z') {  // NIE: X/Y/Z read as 0/1/2
    if (!IsUpper(last)) return Check::kBadFormat;
    int64_t number = (first - 'X') * 10'000'000 + Mod(n.substr(1, 7), 10'000'000);
    return Verdict(last == SpanishDniLetter(number));
  }
  if (first == 'K' || first == 'L' || first == 'M') {  // NIF of minors and non-residents
    if (!IsUpper(last)) return Check::kBadFormat;
    return Verdict(last == SpanishDniLetter(Mod(n.substr(1, 7), 23)));
  }
  static constexpr std::string_view kCifLetters = "ABCDEFGHJNPQRSUVW";
  if (kCifLetters.find(first) == std::string_view::npos) return Check::kBadFormat;
  // CIF: digits at even positions plus the digit sums of the doubled odd-position digits; the
  // control is a digit or the letter "JABCDEFGHI"[c]. Either form is accepted for every type.
  int sum = 0;
  for (size_t i = 0; i < 7; ++i) {
    int d = Digit(n[1 + i]);
    if (i % 2 == 0) {
      d *= 2;
      d = d / 10 + d % 10;
    }
    sum += d;
  }
  const int c = (10 - sum % 10) % 10;
  if (!IsDigit(last) && !IsUpper(last)) return Check::kBadFormat;
  return Verdict(last == static_cast<char>('0' + c) || last == "JABCDEFGHI"[c]);
}

Check CheckFi(std::string_view n) {
  if (n.size() != 8 || !AllDigits(n)) return Check::kBadFormat;
  int c = 11 - WeightedSum(n, {7, 9, 10, 5, 8, 4, 2}) % 11;
  if (c == 11) c = 0;
  return Verdict(c != 10 && c == Digit(n[7]));
}

Check CheckFr(std::string_view n) {
  // Two key characters and the 9-digit SIREN. SIREN "000…" are Monaco numbers, which have no
  // SIREN Luhn digit.
  static constexpr std::string_view kAlphabet = "0123456789ABCDEFGHJKLMNPQRSTUVWXYZ";
  if (n.size() != 11 || !AllDigits(n.substr(2))) return Check::kBadFormat;
  const size_t k0 = kAlphabet.find(n[0]);
  const size_t k1 = kAlphabet.find(n[1]);
  if (k0 == std::string_view::npos || k1 == std::string_view::npos) return Check::kBadFormat;
  std::string_view siren = n.substr(2);
  if (siren.substr(0, 3) != "000" && LuhnChecksum(siren) != 0) return Check::kBadChecksum;
  if (IsDigit(n[0]) && IsDigit(n[1])) {  // key = (12 + 3 × (SIREN mod 97)) mod 97
    int64_t key = (12 + 3 * Mod(siren, 97)) % 97;
    return Verdict(key == Digit(n[0]) * 10 + Digit(n[1]));
  }
  // The newer alphanumeric keys.
  const int64_t check = IsDigit(n[0]) ? static_cast<int64_t>(k0 * 24 + k1) - 10
                                      : static_cast<int64_t>(k0 * 34 + k1) - 100;
  const int64_t siren_value = Mod(siren, 1'000'000'000'000);
  return Verdict((siren_value + 1 + check / 11) % 11 == check % 11);
}

Check CheckHr(std::string_view n) {
  if (n.size() != 11 || !AllDigits(n)) return Check::kBadFormat;
  return Verdict(Mod11_10CheckDigit(n.substr(0, 10)) == Digit(n[10]));
}

Check CheckHu(std::string_view n) {
  if (n.size() != 8 || !AllDigits(n)) return Check::kBadFormat;
  return Verdict(WeightedSum(n, {9, 7, 3, 1, 9, 7, 3, 1}) % 10 == 0);
}

Check CheckIe(std::string_view n) {
  // New: 7 digits, a check letter, optionally a second letter (A-I, W) that enters the sum
  // with weight 9. Old: digit, letter or + or *, 5 digits, check letter; the check is computed
  // on "0" + digits 3-7 + digit 1.
  static constexpr std::string_view kAlphabet = "WABCDEFGHIJKLMNOPQRSTUV";
  if ((n.size() != 8 && n.size() != 9) || !IsDigit(n[0]) || !AllDigits(n.substr(2, 5))) {
    return Check::kBadFormat;
  }
  for (char c : n.substr(7)) {
    if (kAlphabet.find(c) == std::string_view::npos) return Check::kBadFormat;
  }
  auto letter = [&](std::string_view seven_digits, size_t extra) {
    int sum = WeightedSum(seven_digits, {8, 7, 6, 5, 4, 3, 2}) + 9 * static_cast<int>(extra);
    return kAlphabet[static_cast<size_t>(sum % 23)];
  };
  if (IsDigit(n[1])) {
    size_t extra = n.size() == 9 ? kAlphabet.find(n[8]) : 0;
    if (extra > 9) return Check::kBadFormat;  // only W and A-I appear as the ninth character
    return Verdict(n[7] == letter(n.substr(0, 7), extra));
  }
  if (n.size() != 8 || !(IsUpper(n[1]) || n[1] == '+' || n[1] == '*')) return Check::kBadFormat;
  std::string seven = "0";
  seven.append(n.substr(2, 5));
  seven.push_back(n[0]);
  return Verdict(n[7] == letter(seven, 0));
}

Check CheckIt(std::string_view n) {
  // 7-digit company number, 3-digit province office (001-100, 120, 121, 888, 999), Luhn digit.
  if (n.size() != 11 || !AllDigits(n)) return Check::kBadFormat;
  if (n.substr(0, 7) == "0000000") return Check::kBadFormat;
  const int64_t office = Mod(n.substr(7, 3), 1000);
  if (!((office >= 1 && office <= 100) || office == 120 || office == 121 || office == 888 ||
        office == 999)) {
    return Check::kBadFormat;
  }
  return Verdict(LuhnChecksum(n) == 0);
}

Check CheckLt(std::string_view n) {
  // 9 digits (legal persons, 8th digit 1) or 12 (temporary payers, 11th digit 1).
  if (!AllDigits(n) || (n.size() != 9 && n.size() != 12)) return Check::kBadFormat;
  if (n[n.size() - 2] != '1') return Check::kBadFormat;
  std::string_view body = n.substr(0, n.size() - 1);
  int sum = 0;
  for (size_t i = 0; i < body.size(); ++i) sum += static_cast<int>(1 + i % 9) * Digit(body[i]);
  int check = sum % 11;
  if (check == 10) {
    sum = 0;
    for (size_t i = 0; i < body.size(); ++i) {
      sum += static_cast<int>(1 + (i + 2) % 9) * Digit(body[i]);
    }
    check = sum % 11 % 10;
  }
  return Verdict(check == Digit(n.back()));
}

Check CheckLu(std::string_view n) {
  if (n.size() != 8 || !AllDigits(n)) return Check::kBadFormat;
  return Verdict(Mod(n.substr(0, 6), 89) == Mod(n.substr(6), 100));
}

Check CheckLv(std::string_view n) {
  if (n.size() != 11 || !AllDigits(n)) return Check::kBadFormat;
  // Legal persons (first digit above 3) carry a weighted mod-11 check. Personal codes (0-3)
  // have no published check for the post-2017 "32…" form, so they are checked by syntax only.
  if (Digit(n[0]) <= 3) return Check::kOk;
  return Verdict(WeightedSum(n, {9, 1, 4, 8, 3, 10, 2, 5, 7, 6, 1}) % 11 == 3);
}

Check CheckMt(std::string_view n) {
  if (n.size() != 8 || !AllDigits(n) || n[0] == '0') return Check::kBadFormat;
  return Verdict(WeightedSum(n, {3, 4, 6, 7, 8, 9, 10, 1}) % 37 == 0);
}

Check CheckNl(std::string_view n) {
  // 9 digits, "B", 2 digits (not 00). Older ids pass the "elfproef" on the 9 digits; the ids
  // issued to sole traders since 2020 pass ISO 7064 MOD 97-10 over "NL" + the whole id.
  if (n.size() != 12 || !AllDigits(n.substr(0, 9)) || n[9] != 'B' || !AllDigits(n.substr(10)) ||
      n.substr(10) == "00") {
    return Check::kBadFormat;
  }
  const int elf = WeightedSum(n, {9, 8, 7, 6, 5, 4, 3, 2}) - Digit(n[8]);
  const bool elf_ok = elf % 11 == 0;
  std::string full = "NL";
  full.append(n);
  return Verdict(elf_ok || banking::Mod97(full) == 1);
}

Check CheckPl(std::string_view n) {
  if (n.size() != 10 || !AllDigits(n)) return Check::kBadFormat;
  return Verdict(WeightedSum(n, {6, 5, 7, 2, 3, 4, 5, 6, 7}) % 11 == Digit(n[9]));
}

Check CheckPt(std::string_view n) {
  if (n.size() != 9 || !AllDigits(n) || n[0] == '0') return Check::kBadFormat;
  int c = 11 - WeightedSum(n, {9, 8, 7, 6, 5, 4, 3, 2}) % 11;
  if (c >= 10) c = 0;
  return Verdict(c == Digit(n[8]));
}

Check CheckRo(std::string_view n) {
  if (!AllDigits(n) || n[0] == '0') return Check::kBadFormat;
  if (n.size() == 13) {  // CNP of a physical person
    int c = WeightedSum(n, {2, 7, 9, 1, 4, 6, 3, 5, 8, 2, 7, 9}) % 11;
    if (c == 10) c = 1;
    return Verdict(c == Digit(n[12]));
  }
  if (n.size() < 2 || n.size() > 10) return Check::kBadFormat;
  // CIF: weights 7,5,3,2,1,7,5,3,2 aligned to the right of the digits before the check.
  static constexpr std::array<int, 9> kWeights = {7, 5, 3, 2, 1, 7, 5, 3, 2};
  std::string_view body = n.substr(0, n.size() - 1);
  const size_t offset = kWeights.size() - body.size();
  int sum = 0;
  for (size_t i = 0; i < body.size(); ++i) sum += kWeights[offset + i] * Digit(body[i]);
  return Verdict(sum * 10 % 11 % 10 == Digit(n.back()));
}

Check CheckSe(std::string_view n) {
  // 10-digit organisation number (Luhn) followed by "01".
  if (n.size() != 12 || !AllDigits(n) || n.substr(10) != "01") return Check::kBadFormat;
  return Verdict(LuhnChecksum(n.substr(0, 10)) == 0);
}

Check CheckSi(std::string_view n) {
  if (n.size() != 8 || !AllDigits(n) || n[0] == '0') return Check::kBadFormat;
  int c = 11 - WeightedSum(n, {8, 7, 6, 5, 4, 3, 2}) % 11;
  if (c == 10) c = 0;
  return Verdict(c != 11 && c == Digit(n[7]));
}

Check CheckSk(std::string_view n) {
  // 10 digits, no leading zero, third digit 2, 3, 4, 7, 8 or 9; divisible by 11.
  if (n.size() != 10 || !AllDigits(n) || n[0] == '0') return Check::kBadFormat;
  if (std::string_view("234789").find(n[2]) == std::string_view::npos) return Check::kBadFormat;
  return Verdict(Mod(n, 11) == 0);
}

struct Rule {
  std::string_view prefix;
  std::string_view country;  // ISO 3166-1 alpha-2
  Check (*check)(std::string_view);
};

// The 27 member states, by VAT prefix.
constexpr std::array<Rule, 27> kRules = {{
    {"AT", "AT", CheckAt}, {"BE", "BE", CheckBe}, {"BG", "BG", CheckBg}, {"CY", "CY", CheckCy},
    {"CZ", "CZ", CheckCz}, {"DE", "DE", CheckDe}, {"DK", "DK", CheckDk}, {"EE", "EE", CheckEe},
    {"EL", "GR", CheckEl}, {"ES", "ES", CheckEs}, {"FI", "FI", CheckFi}, {"FR", "FR", CheckFr},
    {"HR", "HR", CheckHr}, {"HU", "HU", CheckHu}, {"IE", "IE", CheckIe}, {"IT", "IT", CheckIt},
    {"LT", "LT", CheckLt}, {"LU", "LU", CheckLu}, {"LV", "LV", CheckLv}, {"MT", "MT", CheckMt},
    {"NL", "NL", CheckNl}, {"PL", "PL", CheckPl}, {"PT", "PT", CheckPt}, {"RO", "RO", CheckRo},
    {"SE", "SE", CheckSe}, {"SI", "SI", CheckSi}, {"SK", "SK", CheckSk},
}};

const Rule* FindRule(std::string_view prefix) {
  for (const Rule& r : kRules) {
    if (r.prefix == prefix) return &r;
  }
  return nullptr;
}

Status BadFormat(std::string_view text, std::string_view why) {
  return InvalidArgument("", "tax.vat_id.bad_format",
                         fmt::format("VAT id '{}' is not well formed: {}", text, why));
}

// Separators people put in ids; anything else that is not a letter or digit is a format error.
bool IsSeparator(char c) { return c == ' ' || c == '-' || c == '.' || c == '/' || c == ':'; }

// Old-style numbers that national registers print shorter than the VIES form.
std::string PadLegacyForms(std::string_view prefix, std::string number) {
  if (prefix == "BE" && number.size() == 9) return "0" + number;
  if (prefix == "EL" && number.size() == 8) return "0" + number;
  if (prefix == "NL" && number.size() >= 4 && number.size() < 12 &&
      number[number.size() - 3] == 'B') {
    return std::string(12 - number.size(), '0') + number;
  }
  return number;
}

}  // namespace

std::string VatId::Country() const { return prefix == "EL" ? "GR" : prefix; }

std::string_view VatPrefixOfCountry(std::string_view iso_country) {
  for (const Rule& r : kRules) {
    if (r.country == iso_country) return r.prefix;
  }
  return {};
}

Result<VatId> ParseVatId(std::string_view text) {
  if (text.size() > kVatIdTextLengthMax) {
    return BadFormat(text.substr(0, kVatIdTextLengthMax), "too long");
  }
  std::string compact;
  compact.reserve(text.size());
  for (char c : text) {
    if (IsSeparator(c)) continue;
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    if (!IsDigit(c) && !IsUpper(c) && c != '+' && c != '*') {
      return BadFormat(text, "unexpected character");
    }
    compact.push_back(c);
  }
  if (compact.size() < 3 || !IsUpper(compact[0]) || !IsUpper(compact[1])) {
    return BadFormat(text, "expected a two-letter country prefix and a number");
  }
  std::string prefix = compact.substr(0, 2);
  if (prefix == "GR") prefix = "EL";  // the ISO code, commonly typed for Greece
  const Rule* rule = FindRule(prefix);
  if (rule == nullptr) {
    return InvalidArgument(
        "", "tax.vat_id.unknown_country",
        fmt::format("VAT id '{}': '{}' is not the prefix of an EU member state", text, prefix));
  }
  std::string number = PadLegacyForms(prefix, compact.substr(2));
  switch (rule->check(number)) {
    case Check::kOk:
      return VatId{std::move(prefix), std::move(number)};
    case Check::kBadFormat:
      return BadFormat(text, fmt::format("not a valid {} number", prefix));
    case Check::kBadChecksum:
      return InvalidArgument("", "tax.vat_id.bad_checksum",
                             fmt::format("VAT id '{}': the check digits do not match", text));
  }
  return BadFormat(text, "unreachable");
}

}  // namespace accrue::tax
