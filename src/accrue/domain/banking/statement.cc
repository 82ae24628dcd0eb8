#include "accrue/domain/banking/statement.h"

#include <fmt/format.h>

namespace accrue::banking {

Result<Money> BookedTotal(const Statement& statement) {
  Money total = Money::FromMinor(0, statement.currency);
  for (size_t i = 0; i < statement.entries.size(); ++i) {
    const Entry& e = statement.entries[i];
    if (e.status != EntryStatus::kBooked) continue;
    if (e.amount.currency() != statement.currency) {
      return InvalidArgument("balance", "bank.statement.balance_currency",
                             fmt::format("entry {} is in {}, the account in {}", i + 1,
                                         e.amount.currency().code(), statement.currency.code()));
    }
    ASSIGN_OR_RETURN(total, Money::Add(total, e.amount));
  }
  return total;
}

Status CheckBalances(const Statement& statement) {
  for (const std::optional<Balance>* b : {&statement.opening, &statement.closing}) {
    if (b->has_value() && (*b)->amount.currency() != statement.currency) {
      return InvalidArgument(
          "balance", "bank.statement.balance_currency",
          fmt::format("statement {}: {} balance is in {}, the account in {}", statement.id,
                      b == &statement.opening ? "opening" : "closing",
                      (*b)->amount.currency().code(), statement.currency.code()));
    }
  }
  if (!statement.opening.has_value() || !statement.closing.has_value()) return OkStatus();
  ASSIGN_OR_RETURN(Money total, BookedTotal(statement));
  ASSIGN_OR_RETURN(Money expected, Money::Add(statement.opening->amount, total));
  if (expected != statement.closing->amount) {
    Result<Money> difference = Money::Sub(statement.closing->amount, expected);
    return InvalidArgument(
        "balance", "bank.statement.unbalanced",
        fmt::format("statement {}: opening {} + entries {} = {}, but the closing balance is {} "
                    "(difference {})",
                    statement.id, statement.opening->amount.ToString(), total.ToString(),
                    expected.ToString(), statement.closing->amount.ToString(),
                    difference.ok() ? difference->ToString() : std::string("out of range")));
  }
  return OkStatus();
}

}  // namespace accrue::banking
