// Statement: what a bank says happened on one account over one period, independent of the file
// format it came in (camt.053/054, MT940, CSV; parsers live in formats/bank/).
//
// A Statement holds the account, its currency, the opening and closing booked balances when the
// file states them, and the entries in file order. An Entry is one booking: a signed Money
// (positive = credit, money came in; negative = debit), its dates, the bank's references, the
// counterparty and the remittance information the payer wrote. A batch booking (one entry for
// several payments, common in camt.054) keeps the individual payments in `details`; see
// PaymentLines() in matcher.h for how they are matched one by one.
//
// CheckBalances() is the arithmetic check every importer runs: opening + Σ booked entries ==
// closing, in the account currency. A statement that fails it is not imported (issue 6: "the
// import reports what is wrong and imports nothing of that file").
//
// Lifecycle: plain values; copy or move freely. Thread-safety: immutable once built.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "absl/time/civil_time.h"
#include "accrue/base/status.h"
#include "accrue/money/money.h"

namespace accrue::banking {

// ISO 20022 entry status (camt Sts): only booked entries move the booked balance.
enum class EntryStatus { kBooked, kPending, kInformation };

// Who paid us (for a credit) or whom we paid (for a debit), as the bank reports it.
struct Counterparty {
  std::string name;
  std::string iban;  // or another account id when the bank gives no IBAN
  std::string bic;
};

// One underlying payment of an entry (camt TxDtls; MT940 has exactly one per :61:).
struct TransactionDetails {
  // Set when the bank states the payment's own amount (batches); signed like Entry::amount.
  std::optional<Money> amount;
  std::string end_to_end_id;  // "NOTPROVIDED" is normalised to ""
  std::string bank_reference;
  Counterparty counterparty;
  // Unstructured remittance (camt Ustrd, MT940 :86: free text), one string per line as sent.
  std::vector<std::string> remittance_lines;
  // Structured creditor reference (camt Strd/CdtrRefInf/Ref): an RF reference, an ESR/QR
  // reference or whatever the creditor issued.
  std::string creditor_reference;
};

// Money and Currency have no "empty" value; the EUR zero defaults below are placeholders that
// every parser overwrites.
struct Entry {
  Money amount = Money::FromMinor(0, Currency::FromCodeOrDie("EUR"));  // credit > 0, debit < 0
  EntryStatus status = EntryStatus::kBooked;
  bool reversal = false;  // camt RvslInd / MT940 RC, RD: the entry undoes an earlier one
  std::optional<absl::CivilDay> booking_date;
  std::optional<absl::CivilDay> value_date;
  std::string bank_reference;  // camt AcctSvcrRef / MT940 reference after "//"
  // Copied from the only TxDtls when there is one, so single payments need not look into
  // `details`; for batches these are empty and each detail carries its own.
  std::string end_to_end_id;
  Counterparty counterparty;
  std::vector<std::string> remittance_lines;
  std::string creditor_reference;
  std::vector<TransactionDetails> details;
};

struct Balance {
  Money amount = Money::FromMinor(
      0, Currency::FromCodeOrDie("EUR"));  // signed: a debit balance (overdraft) is negative
  std::optional<absl::CivilDay> date;
};

struct Statement {
  std::string id;       // camt Stmt/Id, MT940 :20: (+ :28C:)
  std::string account;  // IBAN when the bank gives one, else its account id
  Currency currency =
      Currency::FromCodeOrDie("EUR");  // the account currency; always set by parsers
  std::optional<Balance> opening;      // camt OPBD (or PRCD), MT940 :60F:/:60M:
  std::optional<Balance> closing;      // camt CLBD, MT940 :62F:/:62M:
  std::vector<Entry> entries;
};

// Checks that the balances and booked entries agree. Errors (InvalidArgument, param "balance"):
//   "bank.statement.balance_currency": a stated balance or booked entry is not in the account
//       currency (then the sum is meaningless);
//   "bank.statement.unbalanced": opening + Σ booked entries != closing (the message states the
//       three amounts and the difference).
// Statements that state only one balance, or none (camt.054, most CSV), pass: there is nothing
// to check them against.
Status CheckBalances(const Statement& statement);

// Σ of booked entries in the account currency. Error "amount.overflow" if it does not fit.
Result<Money> BookedTotal(const Statement& statement);

}  // namespace accrue::banking
