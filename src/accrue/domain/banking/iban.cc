#include "accrue/domain/banking/iban.h"

#include "accrue/domain/banking/creditor_reference.h"

namespace accrue::banking {
namespace {

constexpr size_t kIbanLengthMin = 15;  // Norway
constexpr size_t kIbanLengthMax = 34;

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsUpper(char c) { return c >= 'A' && c <= 'Z'; }

}  // namespace

std::string ElectronicForm(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    if (c == ' ') continue;
    out.push_back(c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c);
  }
  return out;
}

bool IsValidIban(std::string_view iban) {
  if (iban.size() < kIbanLengthMin || iban.size() > kIbanLengthMax) return false;
  if (!IsUpper(iban[0]) || !IsUpper(iban[1]) || !IsDigit(iban[2]) || !IsDigit(iban[3])) {
    return false;
  }
  for (char c : iban) {
    if (!IsDigit(c) && !IsUpper(c)) return false;
  }
  std::string rearranged(iban.substr(4));
  rearranged.append(iban.substr(0, 4));
  return Mod97(rearranged) == 1;
}

}  // namespace accrue::banking
