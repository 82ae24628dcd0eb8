// The chart of accounts: which accounts exist, what kind each is and on which side it grows.
//
// Every tenant has the same default chart (kDefaultAccounts), created lazily in storage the first
// time the tenant posts anything; codes are stable API: exports and customers' accounting
// imports depend on them. An account may have sub-accounts, written "<parent>-<suffix>": revenue
// per plan ("4000-pro-monthly"), tax payable per jurisdiction later ("2200-DE-19"). A sub-account
// inherits its parent's type and normal side; its suffix is 1..kAccountSuffixLengthMax characters
// of letters, digits, '-', '_' and '.', the same alphabet as plan codes.
//
// Thread-safety: pure functions over immutable tables.
#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "accrue/base/status.h"

namespace accrue::ledger {

enum class AccountType { kAsset, kLiability, kEquity, kRevenue, kExpense };
enum class Side { kDebit, kCredit };

std::string_view AccountTypeName(AccountType type);  // "asset", "liability", ...
std::string_view SideName(Side side);                // "debit", "credit"
// Assets and expenses grow with debits; liabilities, equity and revenue with credits.
Side NormalSide(AccountType type);

// The stable codes of the default chart.
namespace codes {
inline constexpr std::string_view kCash = "1000";
inline constexpr std::string_view kReceivable = "1100";
inline constexpr std::string_view kUnappliedCash = "1200";
inline constexpr std::string_view kDeferredRevenue = "2100";
inline constexpr std::string_view kTaxPayable = "2200";
inline constexpr std::string_view kCustomerCredit = "2300";
inline constexpr std::string_view kTranslationReserve = "3900";
inline constexpr std::string_view kRevenue = "4000";
inline constexpr std::string_view kBadDebt = "6100";
inline constexpr std::string_view kFxGainLoss = "7100";
}  // namespace codes

struct AccountDefinition {
  std::string_view code;
  std::string_view name;
  AccountType type;
  // Monetary items (receivables, cash, payables) are the ones a later FX revaluation (unrealized
  // gain/loss on 7100) will remeasure; see docs/ledger.md, "Currencies".
  bool monetary;
};

// The default chart, in code order.
std::span<const AccountDefinition> DefaultAccounts();

inline constexpr size_t kAccountSuffixLengthMax = 64;
inline constexpr size_t kAccountCodeLengthMax = 4 + 1 + kAccountSuffixLengthMax;

struct Account {
  std::string code;
  std::string name;
  AccountType type = AccountType::kAsset;
  bool monetary = false;
  std::string parent;  // "" for a default account, the parent's code for a sub-account
};

// Resolves a code of the default chart or a sub-account of one. InvalidArgument
// "ledger.account_unknown" (empty param) for anything else.
Result<Account> ResolveAccount(std::string_view code);

// "4000-<plan code>", or "4000" without a plan code.
std::string RevenueAccountFor(std::optional<std::string_view> plan_code);

}  // namespace accrue::ledger
