#include "accrue/app/ledger.h"

#include <algorithm>
#include <functional>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/numbers.h"
#include "accrue/app/tenants.h"
#include "accrue/base/strings.h"
#include "accrue/time/instant.h"
#include "accrue/time/time_zone.h"

namespace accrue {
namespace {

using ledger::FxNote;
using ledger::JournalEntry;

// The rate an invoice in `currency` is valued at on `day`, when it differs from the reporting
// currency and a rate is known. Without a rate the entry is posted without one: a missing
// reference rate must not stop billing, and translated reports name the missing rate.
Result<std::optional<FxNote>> RateNote(StoreTx& tx, const Tenant& tenant, Currency currency,
                                       absl::CivilDay day) {
  const Currency reporting = tenant.settings.reporting_currency;
  if (currency == reporting) return std::optional<FxNote>();
  std::vector<ledger::ReferenceRate> rates;
  for (Currency c : {currency, reporting}) {
    if (c.code() == "EUR") continue;
    ASSIGN_OR_RETURN(std::optional<ledger::ReferenceRate> r,
                     tx.ledger().FindRate(tenant.id, c, day));
    if (!r.has_value()) return std::optional<FxNote>();
    rates.push_back(*r);
  }
  auto cross = ledger::RateTable(rates).Cross(currency, reporting, day);
  if (!cross.has_value()) return std::optional<FxNote>();
  return std::optional<FxNote>(
      FxNote{currency, reporting, cross->second, cross->first, std::string(ledger::kEcbSource)});
}

Result<absl::TimeZone> TenantZone(const Tenant& tenant) {
  return LoadTimeZone(tenant.settings.time_zone);
}

Status RequireAfterFinalization(const Invoice& inv, const std::optional<absl::Time>& at,
                                std::string_view what) {
  if (!at.has_value()) {
    return InternalError("ledger.event_time_missing",
                         fmt::format("invoice {} has no {} time", inv.id.ToString(), what));
  }
  return OkStatus();
}

// The entry that booked `inv`'s receivable, if any: none for a draft or an invoice finalized
// before the ledger existed. Later entries that take the receivable off the books (write-off,
// credit note) use its FX rate, so it leaves at the rate it was booked at.
Result<std::optional<JournalEntry>> FinalizationEntry(StoreTx& tx, const Invoice& inv) {
  ASSIGN_OR_RETURN(
      std::vector<JournalEntry> posted,
      tx.ledger().EntriesForSource(inv.tenant_id, ledger::kSourceInvoice, inv.id.ToString()));
  for (JournalEntry& e : posted) {
    if (e.kind == ledger::EntryKind::kInvoiceFinalized) {
      return std::optional<JournalEntry>(std::move(e));
    }
  }
  return std::optional<JournalEntry>();
}

}  // namespace

Status PostFinalizedInvoices(StoreTx& tx, const Tenant& tenant, absl::TimeZone tenant_zone,
                             const std::vector<Invoice*>& invoices, absl::Time now,
                             const CustomerZones* known_zones) {
  if (invoices.empty()) return OkStatus();
  LedgerRepository& ledger = tx.ledger();
  // What the posting rules need, read once for the whole batch.
  std::vector<CustomerId> customers;
  std::vector<PlanId> plans;
  absl::flat_hash_set<CustomerId> seen_customers;
  absl::flat_hash_set<PlanId> seen_plans;
  for (const Invoice* inv : invoices) {
    const bool known = known_zones != nullptr && known_zones->contains(inv->customer_id);
    if (!known && seen_customers.insert(inv->customer_id).second) {
      customers.push_back(inv->customer_id);
    }
    for (const InvoiceLine& line : inv->lines) {
      if (line.plan_id.has_value() && seen_plans.insert(*line.plan_id).second) {
        plans.push_back(*line.plan_id);
      }
    }
  }
  ASSIGN_OR_RETURN(auto zone_names, ledger.CustomerZones(tenant.id, customers));
  ASSIGN_OR_RETURN(auto plan_codes, ledger.PlanCodes(tenant.id, plans));
  ASSIGN_OR_RETURN(std::optional<absl::CivilMonth> closed, ledger.RecognizedThrough(tenant.id));
  const absl::CivilDay day = absl::ToCivilDay(now, tenant_zone);
  absl::flat_hash_map<std::string, absl::TimeZone> zones;
  absl::flat_hash_map<Currency, std::optional<FxNote>> notes;

  std::vector<JournalEntry> entries;
  std::vector<ledger::ScheduleItem> schedule;
  entries.reserve(invoices.size());
  for (const Invoice* inv : invoices) {
    const absl::TimeZone* given = nullptr;
    if (known_zones != nullptr) {
      auto it = known_zones->find(inv->customer_id);
      if (it != known_zones->end()) given = &it->second;
    }
    absl::TimeZone customer_zone;
    if (given != nullptr) {
      customer_zone = *given;
    } else {
      auto name = zone_names.find(inv->customer_id);
      if (name == zone_names.end()) {
        return NotFound("customer.not_found", fmt::format("invoice {}: its customer does not exist",
                                                          inv->id.ToString()));
      }
      auto zone = zones.find(name->second);
      if (zone == zones.end()) {
        ASSIGN_OR_RETURN(absl::TimeZone tz, LoadTimeZone(name->second));
        zone = zones.emplace(name->second, tz).first;
      }
      customer_zone = zone->second;
    }
    auto note = notes.find(inv->currency);
    if (note == notes.end()) {
      ASSIGN_OR_RETURN(std::optional<FxNote> n, RateNote(tx, tenant, inv->currency, day));
      note = notes.emplace(inv->currency, std::move(n)).first;
    }
    ledger::InvoicePostingContext ctx{now, day, customer_zone, &plan_codes, closed, note->second};
    ledger::InvoicePosting posting = ledger::PostInvoiceFinalized(*inv, ctx);
    if (posting.entry.has_value()) entries.push_back(*std::move(posting.entry));
    schedule.insert(schedule.end(), std::make_move_iterator(posting.schedule.begin()),
                    std::make_move_iterator(posting.schedule.end()));
  }
  return ledger.Post(tenant.id, entries, schedule);
}

namespace {

// Posts the one entry `build` makes of a payment's event at `at`: dated that day in the tenant's
// zone, with the FX note of that day for the payment's currency.
Status PostPaymentEntry(
    StoreTx& tx, const Payment& payment, absl::Time at,
    const std::function<JournalEntry(absl::CivilDay, std::optional<FxNote>)>& build) {
  ASSIGN_OR_RETURN(Tenant tenant, GetTenant(tx, payment.tenant_id));
  ASSIGN_OR_RETURN(absl::TimeZone zone, TenantZone(tenant));
  const absl::CivilDay day = absl::ToCivilDay(at, zone);
  ASSIGN_OR_RETURN(std::optional<FxNote> fx, RateNote(tx, tenant, payment.currency, day));
  std::vector<JournalEntry> one{build(day, std::move(fx))};
  return tx.ledger().Post(tenant.id, one, {});
}

}  // namespace

Status PostPaymentReceived(StoreTx& tx, const Payment& payment) {
  return PostPaymentEntry(tx, payment, payment.received_at,
                          [&](absl::CivilDay day, std::optional<FxNote> fx) {
                            return ledger::PostPaymentReceived(payment, payment.received_at, day,
                                                               std::move(fx));
                          });
}

Status PostPaymentEvent(StoreTx& tx, const Payment& payment, const PaymentEvent& event,
                        std::string_view invoice_label) {
  return PostPaymentEntry(tx, payment, event.at,
                          [&](absl::CivilDay day, std::optional<FxNote> fx) {
                            return ledger::PostPaymentEvent(payment, event, invoice_label, day,
                                                            std::move(fx));
                          });
}

Status PostVoidedInvoice(StoreTx& tx, const Invoice& inv) {
  RETURN_IF_ERROR(RequireAfterFinalization(inv, inv.voided_at, "void"));
  ASSIGN_OR_RETURN(Tenant tenant, GetTenant(tx, inv.tenant_id));
  ASSIGN_OR_RETURN(absl::TimeZone zone, TenantZone(tenant));
  LedgerRepository& ledger = tx.ledger();
  ASSIGN_OR_RETURN(
      std::vector<JournalEntry> posted,
      ledger.EntriesForSource(inv.tenant_id, ledger::kSourceInvoice, inv.id.ToString()));
  if (posted.empty()) return OkStatus();  // a draft, or finalized before the ledger existed
  ASSIGN_OR_RETURN(std::optional<absl::CivilMonth> closed, ledger.RecognizedThrough(inv.tenant_id));
  std::vector<ledger::RecognizedAmount> recognized;
  if (closed.has_value()) {
    ASSIGN_OR_RETURN(recognized, ledger.RecognizedForInvoice(inv.tenant_id, inv.id, *closed));
  }
  std::optional<JournalEntry> entry = ledger::PostInvoiceVoided(
      inv, posted, recognized, *inv.voided_at, absl::ToCivilDay(*inv.voided_at, zone));
  if (entry.has_value()) {
    std::vector<JournalEntry> one{*std::move(entry)};
    RETURN_IF_ERROR(ledger.Post(inv.tenant_id, one, {}));
  }
  return ledger.CancelSchedule(inv.tenant_id, inv.id);
}

Status PostIssuedCreditNote(StoreTx& tx, const CreditNote& note, const Invoice& inv,
                            absl::Time now) {
  ASSIGN_OR_RETURN(Tenant tenant, GetTenant(tx, inv.tenant_id));
  ASSIGN_OR_RETURN(absl::TimeZone tenant_zone, TenantZone(tenant));
  LedgerRepository& ledger = tx.ledger();
  ASSIGN_OR_RETURN(std::optional<JournalEntry> finalized, FinalizationEntry(tx, inv));
  if (!finalized.has_value()) return OkStatus();
  std::vector<PlanId> plans;
  for (const InvoiceLine& line : inv.lines) {
    if (line.plan_id.has_value()) plans.push_back(*line.plan_id);
  }
  ASSIGN_OR_RETURN(auto plan_codes, ledger.PlanCodes(tenant.id, plans));
  const CustomerId customer[] = {inv.customer_id};
  ASSIGN_OR_RETURN(auto zone_names, ledger.CustomerZones(tenant.id, customer));
  auto name = zone_names.find(inv.customer_id);
  if (name == zone_names.end()) {
    return NotFound("customer.not_found",
                    fmt::format("invoice {}: its customer does not exist", inv.id.ToString()));
  }
  ASSIGN_OR_RETURN(absl::TimeZone customer_zone, LoadTimeZone(name->second));
  ASSIGN_OR_RETURN(std::optional<absl::CivilMonth> closed, ledger.RecognizedThrough(tenant.id));
  ledger::InvoicePostingContext ctx{now,       absl::ToCivilDay(now, tenant_zone),
                                    customer_zone, &plan_codes,
                                    closed,    finalized->fx};
  ledger::InvoicePosting posting = ledger::PostCreditNoteIssued(note, inv, ctx);
  std::vector<JournalEntry> entries;
  if (posting.entry.has_value()) entries.push_back(*std::move(posting.entry));
  return ledger.Post(tenant.id, entries, posting.schedule);
}

Status PostWrittenOffInvoice(StoreTx& tx, const Invoice& inv) {
  RETURN_IF_ERROR(RequireAfterFinalization(inv, inv.marked_uncollectible_at, "write-off"));
  ASSIGN_OR_RETURN(Tenant tenant, GetTenant(tx, inv.tenant_id));
  ASSIGN_OR_RETURN(absl::TimeZone zone, TenantZone(tenant));
  ASSIGN_OR_RETURN(std::optional<JournalEntry> finalized, FinalizationEntry(tx, inv));
  if (!finalized.has_value()) return OkStatus();  // no receivable was booked
  LedgerRepository& ledger = tx.ledger();
  std::optional<JournalEntry> entry = ledger::PostInvoiceWrittenOff(
      inv, *inv.marked_uncollectible_at, absl::ToCivilDay(*inv.marked_uncollectible_at, zone),
      finalized->fx);
  if (!entry.has_value()) return OkStatus();
  std::vector<JournalEntry> one{*std::move(entry)};
  return ledger.Post(inv.tenant_id, one, {});
}

Result<Page<JournalEntry>> ListJournalEntries(StoreTx& tx, const Actor& actor,
                                              const JournalQuery& q) {
  if (q.to < q.from) {
    return InvalidArgument("to", "parameter.out_of_range", "'to' is on or after 'from'");
  }
  if (q.to - q.from > kJournalExportDaysMax) {
    return InvalidArgument("to", "parameter.out_of_range",
                           fmt::format("export at most {} days at once", kJournalExportDaysMax));
  }
  if (q.limit < 1 || q.limit > kJournalPageLimitMax) {
    return InvalidArgument("limit", "parameter.out_of_range",
                           fmt::format("limit is from 1 to {}", kJournalPageLimitMax));
  }
  return tx.ledger().ListEntries(actor.tenant, q.from, q.to, q.after, q.limit);
}

Result<JournalEntry> GetJournalEntry(StoreTx& tx, const Actor& actor, ledger::JournalEntryId id) {
  ASSIGN_OR_RETURN(std::optional<JournalEntry> e, tx.ledger().FindEntry(actor.tenant, id));
  if (!e.has_value()) {
    return NotFound("journal_entry.not_found", fmt::format("no journal entry {}", id.ToString()),
                    "id");
  }
  return *std::move(e);
}

std::string FormatJournalCursor(const JournalEntry& entry) {
  return fmt::format("{}.{}", FormatDate(entry.effective_date), entry.number);
}

Result<JournalCursor> ParseJournalCursor(std::string_view text) {
  auto bad = [] { return InvalidArgument("", "cursor.malformed", "not a journal cursor"); };
  const size_t dot = text.find('.');
  if (dot == std::string_view::npos) return bad();
  Result<absl::CivilDay> day = ParseDate(text.substr(0, dot));
  int64_t number = 0;
  if (!day.ok() || !absl::SimpleAtoi(AsAbsl(text.substr(dot + 1)), &number) || number < 0) {
    return bad();
  }
  return JournalCursor{*day, number};
}

Result<std::vector<ledger::Account>> ListLedgerAccounts(StoreTx& tx, const Actor& actor) {
  return tx.ledger().ListAccounts(actor.tenant);
}

Result<RatesImport> ImportReferenceRates(StoreTx& tx, const Actor& actor, std::string_view text) {
  ASSIGN_OR_RETURN(ledger::ParsedRates parsed, ledger::ParseEcbRates(text));
  RatesImport out;
  ASSIGN_OR_RETURN(out.rates,
                   tx.ledger().UpsertRates(actor.tenant, parsed.rates, ledger::kEcbSource));
  for (const ledger::ReferenceRate& r : parsed.rates) {
    if (!out.first_day.has_value() || r.date < *out.first_day) out.first_day = r.date;
    if (!out.last_day.has_value() || r.date > *out.last_day) out.last_day = r.date;
  }
  out.skipped_currencies = std::move(parsed.skipped_currencies);
  return out;
}

Result<Tenant> SetReportingCurrency(StoreTx& tx, const Actor& actor, Currency currency) {
  ASSIGN_OR_RETURN(Tenant tenant, GetTenant(tx, actor.tenant));
  tenant.settings.reporting_currency = currency;
  RETURN_IF_ERROR(tx.tenants().UpdateSettings(tenant.id, tenant.settings));
  return tenant;
}

}  // namespace accrue
