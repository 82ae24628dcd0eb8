#include "accrue/domain/ledger/reporting.h"

#include <algorithm>
#include <tuple>

#include "absl/container/flat_hash_map.h"
#include "accrue/base/check.h"
#include "accrue/base/strings.h"
#include "accrue/domain/ledger/revenue_schedule.h"
#include "accrue/time/instant.h"

namespace accrue::ledger {
namespace {

Account AccountOrPlaceholder(const std::string& code) {
  Result<Account> a = ResolveAccount(code);
  if (a.ok()) return *a;
  return Account{code, code, AccountType::kAsset, false, ""};
}

// Splits a signed net (debit positive) into the two columns.
void SetNet(TrialBalanceRow& row, Int128 net) {
  ACCRUE_CHECK(net <= INT64_MAX && net >= -INT64_MAX, "trial balance amount out of range");
  row.debit_minor = net > 0 ? static_cast<int64_t>(net) : 0;
  row.credit_minor = net < 0 ? static_cast<int64_t>(-net) : 0;
}

TrialBalance FromNets(absl::CivilDay as_of,
                      const std::map<std::pair<std::string, Currency>, Int128>& nets) {
  TrialBalance tb;
  tb.as_of = as_of;
  std::map<Currency, CurrencyTotal> totals;
  for (const auto& [key, net] : nets) {
    TrialBalanceRow row{AccountOrPlaceholder(key.first), key.second, 0, 0};
    SetNet(row, net);
    CurrencyTotal& t =
        totals.try_emplace(key.second, CurrencyTotal{key.second, 0, 0}).first->second;
    t.debit_minor += row.debit_minor;
    t.credit_minor += row.credit_minor;
    tb.rows.push_back(std::move(row));
  }
  for (const auto& [currency, t] : totals) {
    tb.totals.push_back(t);
    if (t.debit_minor != t.credit_minor) tb.balanced = false;
  }
  return tb;
}

Status RateMissing(Currency from, Currency to, absl::CivilDay day) {
  return WrongState("fx.rate_missing",
                    fmt::format("no reference rate for {} → {} on or before {}; import ECB rates "
                                "(accrue rates import FILE)",
                                from.code(), to.code(), FormatDate(day)));
}

Result<Int128> Translate(Int128 net, Currency from, Currency to, absl::CivilDay day,
                         const RateTable& rates) {
  if (from == to || net == 0) return net;
  auto rate = rates.Cross(from, to, day);
  if (!rate.has_value()) return RateMissing(from, to, day);
  ACCRUE_CHECK(net <= INT64_MAX && net >= -INT64_MAX, "translated amount out of range");
  ASSIGN_OR_RETURN(Money m,
                   Convert(Money::FromMinor(static_cast<int64_t>(net), from), rate->second, to));
  return Int128{m.minor_units()};
}

int64_t RoundToMinor(Decimal exact, Currency c) {
  Result<int64_t> v = exact.ToMinorUnits(c.exponent(), RoundingMode::kHalfEven);
  ACCRUE_CHECK(v.ok(), "MRR amount out of range");
  return *v;
}

}  // namespace

TrialBalance BuildTrialBalance(absl::CivilDay as_of, const std::vector<AccountTotals>& totals) {
  std::map<std::pair<std::string, Currency>, Int128> nets;
  for (const AccountTotals& t : totals) {
    nets[{t.account, t.currency}] += Int128{t.debit_minor} - Int128{t.credit_minor};
  }
  return FromNets(as_of, nets);
}

Result<TrialBalance> TranslateTrialBalance(absl::CivilDay as_of,
                                           const std::vector<DailyTotals>& days,
                                           const RateTable& rates, Currency reporting) {
  // Balance-sheet balances are translated as a whole at the closing rate; the rest day by day.
  std::map<std::pair<std::string, Currency>, Int128> closing;
  std::map<std::pair<std::string, Currency>, Int128> nets;
  for (const DailyTotals& d : days) {
    if (d.day > as_of) continue;
    const AccountTotals& t = d.totals;
    const Int128 net = Int128{t.debit_minor} - Int128{t.credit_minor};
    const AccountType type = AccountOrPlaceholder(t.account).type;
    if (type == AccountType::kAsset || type == AccountType::kLiability) {
      closing[{t.account, t.currency}] += net;
      continue;
    }
    ASSIGN_OR_RETURN(Int128 translated, Translate(net, t.currency, reporting, d.day, rates));
    nets[{t.account, reporting}] += translated;
  }
  for (const auto& [key, net] : closing) {
    ASSIGN_OR_RETURN(Int128 translated, Translate(net, key.second, reporting, as_of, rates));
    nets[{key.first, reporting}] += translated;
  }
  Int128 difference = 0;
  for (const auto& [key, net] : nets) difference += net;
  if (difference != 0) nets[{std::string(codes::kTranslationReserve), reporting}] -= difference;
  TrialBalance tb = FromNets(as_of, nets);
  tb.reporting_currency = reporting;
  return tb;
}

std::string_view AgingBucketName(AgingBucket bucket) {
  switch (bucket) {
    case AgingBucket::kCurrent:
      return "current";
    case AgingBucket::kDays1To30:
      return "1_30";
    case AgingBucket::kDays31To60:
      return "31_60";
    case AgingBucket::kDays61To90:
      return "61_90";
    case AgingBucket::kOver90:
      return "over_90";
  }
  return "current";
}

AgingBucket BucketFor(absl::CivilDay due_date, absl::CivilDay as_of) {
  const int64_t past_due = as_of - due_date;
  if (past_due <= 0) return AgingBucket::kCurrent;
  if (past_due <= 30) return AgingBucket::kDays1To30;
  if (past_due <= 60) return AgingBucket::kDays31To60;
  if (past_due <= 90) return AgingBucket::kDays61To90;
  return AgingBucket::kOver90;
}

std::array<absl::CivilDay, 3> AgingBoundaries(absl::CivilDay as_of) {
  return {as_of - 30, as_of - 60, as_of - 90};
}

AgingReport FinishAging(absl::CivilDay as_of, std::vector<AgingRow> rows) {
  AgingReport report;
  report.as_of = as_of;
  std::sort(rows.begin(), rows.end(), [](const AgingRow& a, const AgingRow& b) {
    return std::tie(a.customer_name, a.customer, a.currency) <
           std::tie(b.customer_name, b.customer, b.currency);
  });
  std::map<Currency, AgingRow> totals;
  for (const AgingRow& row : rows) {
    AgingRow& t = totals[row.currency];
    t.currency = row.currency;
    for (size_t i = 0; i < kAgingBuckets; ++i) t.buckets_minor[i] += row.buckets_minor[i];
    t.total_minor += row.total_minor;
  }
  report.rows = std::move(rows);
  for (auto& [currency, t] : totals) report.totals.push_back(std::move(t));
  return report;
}

std::optional<Decimal> DaysSalesOutstanding(int64_t receivable_minor, int64_t sales_minor,
                                            int window_days) {
  if (sales_minor <= 0 || window_days <= 0) return std::nullopt;
  Result<Decimal> ratio = Decimal::Div(Decimal::FromInt(receivable_minor),
                                       Decimal::FromInt(sales_minor), RoundingMode::kHalfEven);
  if (!ratio.ok()) return std::nullopt;
  Result<Decimal> days =
      Decimal::Mul(*ratio, Decimal::FromInt(window_days), RoundingMode::kHalfEven);
  if (!days.ok()) return std::nullopt;
  return days->Rounded(1, RoundingMode::kHalfEven);
}

Decimal MonthlyAmount(Money amount, IntervalUnit unit, int interval_count) {
  ACCRUE_CHECK(interval_count >= 1, "interval count is positive");
  int64_t numerator = 1;
  int64_t denominator = interval_count;
  switch (unit) {
    case IntervalUnit::kMonth:
      break;
    case IntervalUnit::kQuarter:
      denominator *= 3;
      break;
    case IntervalUnit::kYear:
      denominator *= 12;
      break;
    case IntervalUnit::kWeek:
      numerator = 52;
      denominator *= 12;
      break;
    case IntervalUnit::kDay:
      numerator = 365;
      denominator *= 12;
      break;
  }
  Result<Decimal> scaled =
      Decimal::Mul(amount.ToDecimal(), Decimal::FromInt(numerator), RoundingMode::kHalfEven);
  ACCRUE_CHECK(scaled.ok(), "plan amount out of range");
  Result<Decimal> monthly =
      Decimal::Div(*scaled, Decimal::FromInt(denominator), RoundingMode::kHalfEven);
  ACCRUE_CHECK(monthly.ok(), "plan amount out of range");
  return *monthly;
}

std::vector<MrrMonth> ComputeMrr(const std::vector<MrrSubscription>& subscriptions,
                                 absl::CivilMonth from, absl::CivilMonth to) {
  std::vector<MrrMonth> out;
  if (to < from) return out;
  const int64_t n = to - from + 2;  // the month before `from`, then from..to
  const absl::CivilMonth base = from - 1;
  struct Series {
    std::vector<Decimal> mrr;
    std::optional<absl::CivilDay> first_paid_end;  // the first month end with MRR > 0
  };
  absl::flat_hash_map<std::pair<CustomerId, Currency>, Series> series;
  for (const MrrSubscription& s : subscriptions) {
    const Decimal monthly = MonthlyAmount(s.amount, s.unit, s.interval_count);
    if (monthly.Sign() <= 0) continue;
    Series& ser = series[{s.customer, s.amount.currency()}];
    if (ser.mrr.empty()) ser.mrr.assign(static_cast<size_t>(n), Decimal());
    const absl::CivilDay first_end = LastDayOf(absl::CivilMonth(s.start_date));
    if (!s.canceled_on.has_value() || *s.canceled_on > first_end) {
      if (!ser.first_paid_end.has_value() || first_end < *ser.first_paid_end) {
        ser.first_paid_end = first_end;
      }
    }
    for (int64_t k = 0; k < n; ++k) {
      const absl::CivilDay end = LastDayOf(base + k);
      const bool active =
          s.start_date <= end && (!s.canceled_on.has_value() || *s.canceled_on > end);
      if (active) ser.mrr[static_cast<size_t>(k)] = ser.mrr[static_cast<size_t>(k)] + monthly;
    }
  }
  struct Exact {
    Decimal opening, added, expansion, contraction, churn, reactivation, closing;
    int64_t customers = 0;
  };
  for (int64_t k = 1; k < n; ++k) {
    const absl::CivilDay prev_end = LastDayOf(base + (k - 1));
    std::map<Currency, Exact> sums;
    for (const auto& [key, ser] : series) {
      const Decimal prev = ser.mrr[static_cast<size_t>(k - 1)];
      const Decimal cur = ser.mrr[static_cast<size_t>(k)];
      if (prev.IsZero() && cur.IsZero()) continue;
      Exact& e = sums[key.second];
      e.opening = e.opening + prev;
      e.closing = e.closing + cur;
      if (cur.Sign() > 0) ++e.customers;
      if (prev.IsZero()) {
        const bool returning = ser.first_paid_end.has_value() && *ser.first_paid_end < prev_end;
        Decimal& bucket = returning ? e.reactivation : e.added;
        bucket = bucket + cur;
      } else if (cur.IsZero()) {
        e.churn = e.churn + prev;
      } else if (cur > prev) {
        e.expansion = e.expansion + (cur - prev);
      } else if (cur < prev) {
        e.contraction = e.contraction + (prev - cur);
      }
    }
    MrrMonth month{base + k, {}};
    for (const auto& [currency, e] : sums) {
      MrrMovement m;
      m.currency = currency;
      m.opening_minor = RoundToMinor(e.opening, currency);
      m.new_minor = RoundToMinor(e.added, currency);
      m.expansion_minor = RoundToMinor(e.expansion, currency);
      m.contraction_minor = RoundToMinor(e.contraction, currency);
      m.churn_minor = RoundToMinor(e.churn, currency);
      m.reactivation_minor = RoundToMinor(e.reactivation, currency);
      m.closing_minor = RoundToMinor(e.closing, currency);
      Result<Decimal> arr = Decimal::Mul(e.closing, Decimal::FromInt(12), RoundingMode::kHalfEven);
      ACCRUE_CHECK(arr.ok(), "ARR out of range");
      m.arr_minor = RoundToMinor(*arr, currency);
      m.customers = e.customers;
      month.by_currency.push_back(m);
    }
    out.push_back(std::move(month));
  }
  return out;
}

}  // namespace accrue::ledger
