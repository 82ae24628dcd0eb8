#include "accrue/app/reports.h"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include "accrue/app/tenants.h"
#include "accrue/base/strings.h"
#include "accrue/time/time_zone.h"

namespace accrue {
namespace {

Status CheckMonths(absl::CivilMonth from, absl::CivilMonth to) {
  if (to < from)
    return InvalidArgument("to", "parameter.out_of_range", "'to' is not before 'from'");
  if (to - from + 1 > kReportMonthsMax) {
    return InvalidArgument("to", "parameter.out_of_range",
                           fmt::format("at most {} months per report", kReportMonthsMax));
  }
  return OkStatus();
}

}  // namespace

Result<absl::CivilDay> ReportDay(StoreTx& tx, const Services& services, const Actor& actor,
                                 std::optional<absl::CivilDay> day) {
  if (day.has_value()) return *day;
  ASSIGN_OR_RETURN(Tenant tenant, GetTenant(tx, actor.tenant));
  ASSIGN_OR_RETURN(absl::TimeZone zone, LoadTimeZone(tenant.settings.time_zone));
  return absl::ToCivilDay(services.clock.Now(), zone);
}

Result<ledger::TrialBalance> TrialBalanceReport(StoreTx& tx, const Actor& actor,
                                                absl::CivilDay as_of, bool translate) {
  if (!translate) {
    ASSIGN_OR_RETURN(std::vector<ledger::AccountTotals> totals,
                     tx.ledger().Totals(actor.tenant, as_of));
    return ledger::BuildTrialBalance(as_of, totals);
  }
  ASSIGN_OR_RETURN(Tenant tenant, GetTenant(tx, actor.tenant));
  ASSIGN_OR_RETURN(std::vector<ledger::DailyTotals> days,
                   tx.ledger().DailyTotals(actor.tenant, absl::CivilDay(1900, 1, 1), as_of));
  std::set<Currency> currencies{tenant.settings.reporting_currency};
  for (const ledger::DailyTotals& d : days) currencies.insert(d.totals.currency);
  std::vector<Currency> wanted(currencies.begin(), currencies.end());
  ASSIGN_OR_RETURN(std::vector<ledger::ReferenceRate> rates,
                   tx.ledger().LoadRates(actor.tenant, wanted, as_of));
  return ledger::TranslateTrialBalance(as_of, days, ledger::RateTable(rates),
                                       tenant.settings.reporting_currency);
}

Result<ledger::AgingReport> ArAgingReport(StoreTx& tx, const Actor& actor, absl::CivilDay as_of) {
  ASSIGN_OR_RETURN(std::vector<ledger::AgingRow> rows,
                   tx.ledger().OpenReceivables(actor.tenant, as_of));
  return ledger::FinishAging(as_of, std::move(rows));
}

Result<DsoReport> DsoReportFor(StoreTx& tx, const Actor& actor, absl::CivilDay as_of,
                               int window_days) {
  if (window_days < 1 || window_days > kDsoWindowDaysMax) {
    return InvalidArgument("days", "parameter.out_of_range",
                           fmt::format("days is from 1 to {}", kDsoWindowDaysMax));
  }
  ASSIGN_OR_RETURN(std::vector<ledger::AccountTotals> totals,
                   tx.ledger().Totals(actor.tenant, as_of));
  ASSIGN_OR_RETURN(std::vector<ledger::DailyTotals> window,
                   tx.ledger().DailyTotals(actor.tenant, as_of - (window_days - 1), as_of));
  std::map<Currency, ledger::DsoRow> rows;
  for (const ledger::AccountTotals& t : totals) {
    if (t.account != ledger::codes::kReceivable) continue;
    ledger::DsoRow& row = rows[t.currency];
    row.currency = t.currency;
    row.receivable_minor += t.debit_minor - t.credit_minor;
  }
  for (const ledger::DailyTotals& d : window) {
    if (d.totals.account != ledger::codes::kReceivable ||
        d.kind != ledger::EntryKind::kInvoiceFinalized) {
      continue;
    }
    ledger::DsoRow& row = rows[d.totals.currency];
    row.currency = d.totals.currency;
    row.sales_minor += d.totals.debit_minor - d.totals.credit_minor;
  }
  DsoReport report{as_of, window_days, {}};
  for (auto& [currency, row] : rows) {
    row.dso_days = ledger::DaysSalesOutstanding(row.receivable_minor, row.sales_minor, window_days);
    report.rows.push_back(row);
  }
  return report;
}

Result<DeferredRevenueReport> DeferredRevenueWaterfall(StoreTx& tx, const Actor& actor) {
  DeferredRevenueReport report;
  ASSIGN_OR_RETURN(report.recognized_through, tx.ledger().RecognizedThrough(actor.tenant));
  ASSIGN_OR_RETURN(report.months,
                   tx.ledger().DeferredByMonth(actor.tenant, report.recognized_through));
  std::map<Currency, int64_t> totals;
  for (const DeferredMonth& m : report.months) totals[m.currency] += m.amount_minor;
  for (const auto& [currency, amount] : totals) {
    report.totals.push_back(DeferredMonth{absl::CivilMonth(), currency, amount});
  }
  return report;
}

Result<std::vector<RevenueRow>> RecognizedRevenueReport(StoreTx& tx, const Actor& actor,
                                                        absl::CivilMonth from,
                                                        absl::CivilMonth to) {
  RETURN_IF_ERROR(CheckMonths(from, to));
  ASSIGN_OR_RETURN(
      std::vector<ledger::DailyTotals> days,
      tx.ledger().DailyTotals(actor.tenant, absl::CivilDay(from), ledger::LastDayOf(to)));
  std::map<std::tuple<absl::CivilMonth, std::string, Currency>, int64_t> sums;
  for (const ledger::DailyTotals& d : days) {
    Result<ledger::Account> account = ledger::ResolveAccount(d.totals.account);
    if (!account.ok() || account->type != ledger::AccountType::kRevenue) continue;
    sums[{absl::CivilMonth(d.day), d.totals.account, d.totals.currency}] +=
        d.totals.credit_minor - d.totals.debit_minor;
  }
  std::vector<RevenueRow> out;
  for (const auto& [key, amount] : sums) {
    const auto& [month, account, currency] = key;
    std::string plan = account.size() > 5 ? account.substr(5) : "";
    out.push_back(RevenueRow{month, account, std::move(plan), currency, amount});
  }
  return out;
}

Result<std::vector<ledger::MrrMonth>> MrrReport(StoreTx& tx, const Actor& actor,
                                                absl::CivilMonth from, absl::CivilMonth to) {
  RETURN_IF_ERROR(CheckMonths(from, to));
  ASSIGN_OR_RETURN(Tenant tenant, GetTenant(tx, actor.tenant));
  ASSIGN_OR_RETURN(absl::TimeZone zone, LoadTimeZone(tenant.settings.time_zone));
  ASSIGN_OR_RETURN(std::vector<ledger::MrrSubscription> subs,
                   tx.ledger().MrrSubscriptions(actor.tenant, zone));
  return ledger::ComputeMrr(subs, from, to);
}

}  // namespace accrue
