// Use cases of the books: posting the entries of invoice events inside the events' own
// transactions, reading the journal and the chart, importing reference rates, and the tenant's
// reporting currency. Recognition runs are in recognition.h, reports in reports.h.
//
// The Post* functions are called by the invoice use cases (invoices.cc) with the transaction
// that changes the invoice, so the entry commits or rolls back with the change. Everything else
// runs in the caller's transaction as well. See docs/ledger.md.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/time/time.h"
#include "accrue/app/ports/ledger_store.h"
#include "accrue/domain/credit_note.h"
#include "accrue/app/services.h"

namespace accrue {

// Posts the finalization entry and revenue schedule of each invoice (one entry per invoice,
// written in one batch). `invoices` were just finalized at `now` by `tenant`, whose zone is
// `tenant_zone`; they need not be stored yet. Revenue is scheduled by the months of each
// customer's zone: taken from `known_zones` when the caller has them (a billing run planned its
// periods in those zones), read from the store otherwise.
using CustomerZones = absl::flat_hash_map<CustomerId, absl::TimeZone>;
Status PostFinalizedInvoices(StoreTx& tx, const Tenant& tenant, absl::TimeZone tenant_zone,
                             const std::vector<Invoice*>& invoices, absl::Time now,
                             const CustomerZones* known_zones = nullptr);
// Posts the reversal of everything posted for a just-voided invoice and cancels its schedule.
// Posts an issued credit note (domain/ledger/postings.h, PostCreditNoteIssued) at `now`, at the
// rate its invoice's receivable was booked at. Nothing for an invoice finalized before the
// ledger existed (no receivable was booked for it).
Status PostIssuedCreditNote(StoreTx& tx, const CreditNote& note, const Invoice& invoice,
                            absl::Time now);

Status PostVoidedInvoice(StoreTx& tx, const Invoice& invoice);
// Posts the write-off of a just-uncollectible invoice's amount due.
Status PostWrittenOffInvoice(StoreTx& tx, const Invoice& invoice);
// Posts money received (cash against unapplied cash), dated the day it was received in the
// tenant's zone.
Status PostPaymentReceived(StoreTx& tx, const Payment& payment);
// Posts one event of a payment (domain/ledger/postings.h, PostPaymentEvent), dated the event's
// day in the tenant's zone; `invoice_label` names the invoice it touched, if any.
Status PostPaymentEvent(StoreTx& tx, const Payment& payment, const PaymentEvent& event,
                        std::string_view invoice_label);

inline constexpr int kJournalPageLimitDefault = 100;
inline constexpr int kJournalPageLimitMax = 10000;
// The widest export window one request may ask for.
inline constexpr int64_t kJournalExportDaysMax = 3660;

struct JournalQuery {
  absl::CivilDay from;
  absl::CivilDay to;
  std::optional<JournalCursor> after;
  int limit = kJournalPageLimitDefault;
};

// Entries with effective date in [from, to]. InvalidArgument for from > to ("to"), a window over
// kJournalExportDaysMax days, or a limit outside 1..kJournalPageLimitMax ("limit").
Result<Page<ledger::JournalEntry>> ListJournalEntries(StoreTx& tx, const Actor& actor,
                                                      const JournalQuery& query);
Result<ledger::JournalEntry> GetJournalEntry(StoreTx& tx, const Actor& actor,
                                             ledger::JournalEntryId id);
// The cursor text of an entry ("2026-03-31.42") and its parser (InvalidArgument
// "cursor.malformed", empty param).
std::string FormatJournalCursor(const ledger::JournalEntry& entry);
Result<JournalCursor> ParseJournalCursor(std::string_view text);

Result<std::vector<ledger::Account>> ListLedgerAccounts(StoreTx& tx, const Actor& actor);

struct RatesImport {
  int64_t rates = 0;
  std::optional<absl::CivilDay> first_day;
  std::optional<absl::CivilDay> last_day;
  std::vector<std::string> skipped_currencies;
};
// Parses an ECB rates file (XML or CSV, fx.h) and stores its rates for the tenant.
Result<RatesImport> ImportReferenceRates(StoreTx& tx, const Actor& actor, std::string_view text);

Result<Tenant> SetReportingCurrency(StoreTx& tx, const Actor& actor, Currency currency);

}  // namespace accrue
