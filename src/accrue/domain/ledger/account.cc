#include "accrue/domain/ledger/account.h"

#include <array>

#include "accrue/base/strings.h"

namespace accrue::ledger {
namespace {

constexpr std::array<AccountDefinition, 10> kDefaults = {{
    {codes::kCash, "Cash and bank", AccountType::kAsset, true},
    {codes::kReceivable, "Accounts receivable", AccountType::kAsset, true},
    {codes::kUnappliedCash, "Unapplied cash", AccountType::kAsset, true},
    {codes::kDeferredRevenue, "Deferred revenue", AccountType::kLiability, false},
    {codes::kTaxPayable, "Tax payable", AccountType::kLiability, true},
    {codes::kCustomerCredit, "Customer credit balances", AccountType::kLiability, true},
    {codes::kTranslationReserve, "Currency translation reserve", AccountType::kEquity, false},
    {codes::kRevenue, "Revenue", AccountType::kRevenue, false},
    {codes::kBadDebt, "Bad debt expense", AccountType::kExpense, false},
    {codes::kFxGainLoss, "FX gain/loss", AccountType::kExpense, false},
}};

bool ValidSuffixChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '_' || c == '.';
}

const AccountDefinition* FindDefault(std::string_view code) {
  for (const AccountDefinition& d : kDefaults) {
    if (d.code == code) return &d;
  }
  return nullptr;
}

Status Unknown(std::string_view code) {
  return InvalidArgument("", "ledger.account_unknown",
                         fmt::format("'{}' is not an account of the chart (a default code, or "
                                     "<code>-<suffix>)",
                                     code.substr(0, kAccountCodeLengthMax)));
}

}  // namespace

std::string_view AccountTypeName(AccountType type) {
  switch (type) {
    case AccountType::kAsset:
      return "asset";
    case AccountType::kLiability:
      return "liability";
    case AccountType::kEquity:
      return "equity";
    case AccountType::kRevenue:
      return "revenue";
    case AccountType::kExpense:
      return "expense";
  }
  return "asset";
}

std::string_view SideName(Side side) { return side == Side::kDebit ? "debit" : "credit"; }

Side NormalSide(AccountType type) {
  return type == AccountType::kAsset || type == AccountType::kExpense ? Side::kDebit
                                                                      : Side::kCredit;
}

std::span<const AccountDefinition> DefaultAccounts() { return kDefaults; }

Result<Account> ResolveAccount(std::string_view code) {
  if (const AccountDefinition* d = FindDefault(code)) {
    return Account{std::string(d->code), std::string(d->name), d->type, d->monetary, ""};
  }
  if (code.size() < 6 || code.size() > kAccountCodeLengthMax || code[4] != '-') {
    return Unknown(code);
  }
  const AccountDefinition* parent = FindDefault(code.substr(0, 4));
  std::string_view suffix = code.substr(5);
  if (parent == nullptr) return Unknown(code);
  for (char c : suffix) {
    if (!ValidSuffixChar(c)) return Unknown(code);
  }
  return Account{std::string(code), fmt::format("{}: {}", parent->name, suffix), parent->type,
                 parent->monetary, std::string(parent->code)};
}

std::string RevenueAccountFor(std::optional<std::string_view> plan_code) {
  if (!plan_code.has_value() || plan_code->empty()) return std::string(codes::kRevenue);
  return fmt::format("{}-{}", codes::kRevenue, *plan_code);
}

}  // namespace accrue::ledger
