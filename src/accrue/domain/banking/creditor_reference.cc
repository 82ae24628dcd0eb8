#include "accrue/domain/banking/creditor_reference.h"

#include <fmt/format.h>

#include "accrue/base/check.h"
#include "accrue/domain/banking/iban.h"

namespace accrue::banking {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsUpper(char c) { return c >= 'A' && c <= 'Z'; }
char ToUpper(char c) { return (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c; }

}  // namespace

int Mod97(std::string_view alnum) {
  int remainder = 0;
  for (char c : alnum) {
    if (IsDigit(c)) {
      remainder = (remainder * 10 + (c - '0')) % 97;
    } else {
      ACCRUE_CHECK(IsUpper(c), "Mod97 takes digits and upper-case letters only");
      const int value = c - 'A' + 10;  // two digits
      remainder = (remainder * 100 + value) % 97;
    }
  }
  return remainder;
}

std::string NormalizeRf(std::string_view text) { return ElectronicForm(text); }

bool IsValidRf(std::string_view text) {
  const std::string rf = NormalizeRf(text);
  if (rf.size() < 5 || rf.size() > kRfLengthMax) return false;
  if (rf[0] != 'R' || rf[1] != 'F' || !IsDigit(rf[2]) || !IsDigit(rf[3])) return false;
  for (size_t i = 4; i < rf.size(); ++i) {
    if (!IsDigit(rf[i]) && !IsUpper(rf[i])) return false;
  }
  // "RF00" and "RF01" can never be produced by the algorithm (check digits are 02..98).
  const std::string rearranged = rf.substr(4) + rf.substr(0, 4);
  return Mod97(rearranged) == 1;
}

Result<std::string> MakeRf(std::string_view creditor_part) {
  std::string part;
  for (char c : creditor_part) {
    const char u = ToUpper(c);
    if (!IsDigit(u) && !IsUpper(u)) {
      return InvalidArgument("", "bank.rf.invalid_creditor_part",
                             "an RF creditor part has only letters and digits");
    }
    part.push_back(u);
  }
  if (part.empty() || part.size() > kRfCreditorPartLengthMax) {
    return InvalidArgument(
        "", "bank.rf.invalid_creditor_part",
        fmt::format("an RF creditor part has 1 to {} characters", kRfCreditorPartLengthMax));
  }
  const int check = 98 - Mod97(part + "RF00");
  return fmt::format("RF{:02d}{}", check, part);
}

std::string FormatRfForPrint(std::string_view rf) {
  const std::string compact = NormalizeRf(rf);
  std::string out;
  for (size_t i = 0; i < compact.size(); ++i) {
    if (i > 0 && i % 4 == 0) out.push_back(' ');
    out.push_back(compact[i]);
  }
  return out;
}

}  // namespace accrue::banking
