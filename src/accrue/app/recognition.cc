#include "accrue/app/recognition.h"

#include "accrue/app/tenants.h"
#include "accrue/base/strings.h"
#include "accrue/time/time_zone.h"

namespace accrue {

Result<RecognitionRun> RunRecognition(StoreTx& tx, const Services& services, const Actor& actor,
                                      absl::CivilMonth month) {
  ASSIGN_OR_RETURN(Tenant tenant, GetTenant(tx, actor.tenant));
  ASSIGN_OR_RETURN(absl::TimeZone zone, LoadTimeZone(tenant.settings.time_zone));
  const absl::Time now = services.clock.Now();
  const absl::CivilMonth current(absl::ToCivilDay(now, zone));
  if (month > current) {
    return InvalidArgument("month", "recognition.month_in_future",
                           fmt::format("{} has not started yet; recognize up to {}",
                                       ledger::FormatMonth(month), ledger::FormatMonth(current)));
  }
  LedgerRepository& ledger = tx.ledger();
  RecognitionRun run;
  run.month = month;
  ASSIGN_OR_RETURN(run.previously_through, ledger.RecognizedThrough(actor.tenant));
  if (run.previously_through.has_value() && *run.previously_through >= month) return run;
  absl::CivilMonth first = month;
  if (run.previously_through.has_value()) {
    first = *run.previously_through + 1;
  } else {
    ASSIGN_OR_RETURN(std::optional<absl::CivilMonth> scheduled,
                     ledger.FirstScheduledMonth(actor.tenant));
    if (scheduled.has_value() && *scheduled < month) first = *scheduled;
  }
  if (month - first + 1 > kRecognitionMonthsPerRunMax) {
    return InvalidArgument("month", "recognition.too_many_months",
                           fmt::format("{} months to recognize at once (at most {}); recognize "
                                       "an earlier month first",
                                       month - first + 1, kRecognitionMonthsPerRunMax));
  }
  for (absl::CivilMonth m = first; m <= month; ++m) {
    ASSIGN_OR_RETURN(ScheduledMonth scheduled, ledger.ScheduledFor(actor.tenant, m));
    RecognizedMonth done{m, std::nullopt, scheduled.items};
    done.entry = ledger::PostRevenueRecognized(services.NewId<ledger::JournalEntryId>(),
                                               actor.tenant, m, scheduled.amounts, now);
    if (done.entry.has_value()) {
      std::vector<ledger::JournalEntry> one{*done.entry};
      RETURN_IF_ERROR(ledger.Post(actor.tenant, one, {}));
      done.entry = one.front();  // with its journal number
    }
    run.months.push_back(std::move(done));
  }
  RETURN_IF_ERROR(ledger.SetRecognizedThrough(actor.tenant, month));
  return run;
}

}  // namespace accrue
