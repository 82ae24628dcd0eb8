#include "accrue/app/billing_run.h"

#include <algorithm>
#include <future>

#include "absl/container/flat_hash_map.h"
#include "accrue/app/invoices.h"
#include "accrue/app/rating.h"
#include "accrue/app/tenants.h"
#include "accrue/base/strings.h"
#include "accrue/domain/billing.h"
#include "accrue/time/time_zone.h"

namespace accrue {
namespace {

// One subscription's work for this batch, computed outside the write transaction.
struct PlannedSubscription {
  Subscription subscription;
  std::vector<Invoice> invoices;  // one per due period, oldest first
  int64_t next_index = 0;
  absl::Time next_start;
  absl::TimeZone tz;  // the customer's
  // A canceled subscription's final usage invoice (app/rating.h): written with the final-usage
  // mark instead of a new billing position; `invoices` is empty when nothing was owed.
  bool final_usage = false;
};

struct BatchContext {
  const Services& services;
  const Actor& actor;
  const Tenant& tenant;
  const InvoiceFinalizer& finalizer;
  const BillingRunOptions& options;
};

// A planned batch of due subscriptions, ready to commit.
struct PlannedBatch {
  std::vector<PlannedSubscription> planned;
  std::vector<BillingRunFailure> failures;
};

// Due keys read per read transaction while listing a run's due subscriptions (each key is ~30
// bytes; a million due subscriptions take 20 short reads).
constexpr int kDueKeysPerRead = 50000;

using CustomerMap = absl::flat_hash_map<CustomerId, Customer>;
using PlanMap = absl::flat_hash_map<PlanId, Plan>;

// Reads the customers and plans (with their charges) of a batch in one snapshot.
Status LoadBatchRefs(const BatchContext& bc, const std::vector<Subscription>& due,
                     CustomerMap& customers, PlanMap& plans) {
  return bc.services.store.Read([&](StoreTx& tx) -> Status {
    for (const Subscription& s : due) {
      if (!customers.contains(s.customer_id)) {
        ASSIGN_OR_RETURN(std::optional<Customer> c, tx.customers().Find(bc.actor.tenant, s.customer_id));
        if (c.has_value()) customers.emplace(s.customer_id, *std::move(c));
      }
      if (!plans.contains(s.plan_id)) {
        ASSIGN_OR_RETURN(std::optional<Plan> p, tx.plans().Find(bc.actor.tenant, s.plan_id));
        if (p.has_value()) plans.emplace(s.plan_id, *std::move(p));
      }
    }
    return OkStatus();
  });
}

// Usage is billed in arrears: the draft of period i also carries the priced usage of period i-1
// (app/rating.h), read for the whole batch in one snapshot. The drafts are rated on copies, so a
// retried read transaction starts afresh; a subscription whose usage cannot be priced fails alone.
Status AddBatchUsage(const BatchContext& bc, const PlanMap& plans,
                     std::vector<PlannedSubscription>& planned,
                     std::vector<BillingRunFailure>& failures, BillingRunId run_id) {
  std::vector<std::optional<Result<std::vector<Invoice>>>> rated;
  RETURN_IF_ERROR(bc.services.store.Read([&](StoreTx& tx) -> Status {
    rated.assign(planned.size(), std::nullopt);
    for (size_t i = 0; i < planned.size(); ++i) {
      const PlannedSubscription& p = planned[i];
      const Plan& plan = plans.at(p.subscription.plan_id);
      if (plan.charges.empty()) continue;
      std::vector<Invoice> drafts = p.invoices;
      Status usage = OkStatus();
      for (Invoice& draft : drafts) {
        const std::optional<int64_t> period = UsagePeriodBilledWith(*draft.period_index);
        if (!period.has_value()) continue;
        usage = AddUsageLines(tx, bc.services, p.subscription, plan, p.tz,
                              std::span<const int64_t>(&*period, 1), draft);
        if (!usage.ok()) break;
      }
      rated[i] = usage.ok() ? Result<std::vector<Invoice>>(std::move(drafts))
                            : Result<std::vector<Invoice>>(usage);
    }
    return OkStatus();
  }));
  std::vector<PlannedSubscription> kept;
  for (size_t i = 0; i < planned.size(); ++i) {
    if (rated[i].has_value() && !rated[i]->ok()) {
      const Status& error = rated[i]->status();
      failures.push_back(BillingRunFailure{run_id, bc.actor.tenant, planned[i].subscription.id,
                                           ErrorReason(error), std::string(error.message()),
                                           bc.services.clock.Now()});
      continue;
    }
    if (rated[i].has_value()) planned[i].invoices = *std::move(*rated[i]);
    kept.push_back(std::move(planned[i]));
  }
  planned = std::move(kept);
  return OkStatus();
}

// Reads everything the batch needs (customers, plans) in one snapshot and builds the drafts.
// Subscriptions that cannot be billed go to `failures` with their reason.
Status PlanBatch(const BatchContext& bc, const std::vector<Subscription>& due,
                 std::vector<PlannedSubscription>& planned,
                 std::vector<BillingRunFailure>& failures, BillingRunId run_id) {
  CustomerMap customers;
  PlanMap plans;
  RETURN_IF_ERROR(LoadBatchRefs(bc, due, customers, plans));
  const absl::Time now = bc.services.clock.Now();
  auto fail = [&](const Subscription& s, std::string_view reason, std::string message) {
    failures.push_back(
        BillingRunFailure{run_id, bc.actor.tenant, s.id, std::string(reason), std::move(message), now});
  };
  for (const Subscription& s : due) {
    auto customer = customers.find(s.customer_id);
    auto plan = plans.find(s.plan_id);
    if (customer == customers.end()) {
      fail(s, "customer.not_found", "the subscription's customer does not exist");
      continue;
    }
    if (plan == plans.end()) {
      fail(s, "plan.not_found", "the subscription's plan does not exist");
      continue;
    }
    Result<absl::TimeZone> tz = LoadTimeZone(customer->second.time_zone);
    if (!tz.ok()) {
      fail(s, ErrorReason(tz.status()), std::string(tz.status().message()));
      continue;
    }
    std::vector<int64_t> indices = DuePeriodIndices(s, *tz, bc.options.billing_at);
    if (indices.empty()) continue;
    PlannedSubscription p{s, {}, indices.back() + 1, {}, *tz, false};
    const int net_terms = ResolveNetTermsDays(s, customer->second, bc.tenant.settings);
    for (int64_t index : indices) {
      Period period = PeriodAt(s.cycle(), index, *tz);
      DraftIds ids{bc.services.NewId<InvoiceId>(), bc.services.NewId<InvoiceLineId>()};
      p.invoices.push_back(BuildPeriodInvoice(s, plan->second, customer->second, period, index,
                                              net_terms, ids, now));
    }
    p.next_start = PeriodAt(s.cycle(), p.next_index, *tz).start;
    planned.push_back(std::move(p));
  }
  return AddBatchUsage(bc, plans, planned, failures, run_id);
}

// The final usage invoices of canceled subscriptions (app/rating.h, BuildFinalUsageDraft).
Status PlanFinalBatch(const BatchContext& bc, const std::vector<Subscription>& pending,
                      std::vector<PlannedSubscription>& planned,
                      std::vector<BillingRunFailure>& failures, BillingRunId run_id) {
  CustomerMap customers;
  PlanMap plans;
  RETURN_IF_ERROR(LoadBatchRefs(bc, pending, customers, plans));
  std::vector<Result<FinalUsageDraft>> drafts;
  std::vector<absl::TimeZone> zones;
  RETURN_IF_ERROR(bc.services.store.Read([&](StoreTx& tx) -> Status {
    drafts.clear();
    zones.assign(pending.size(), absl::UTCTimeZone());
    for (size_t i = 0; i < pending.size(); ++i) {
      const Subscription& s = pending[i];
      auto customer = customers.find(s.customer_id);
      auto plan = plans.find(s.plan_id);
      if (customer == customers.end() || plan == plans.end()) {
        drafts.push_back(NotFound("billing_run.reference_missing",
                                  "the subscription's customer or plan does not exist"));
        continue;
      }
      Result<absl::TimeZone> tz = LoadTimeZone(customer->second.time_zone);
      if (!tz.ok()) {
        drafts.push_back(tz.status());
        continue;
      }
      zones[i] = *tz;
      const int net_terms = ResolveNetTermsDays(s, customer->second, bc.tenant.settings);
      drafts.push_back(BuildFinalUsageDraft(tx, bc.services, s, plan->second, customer->second,
                                            *tz, net_terms, bc.options.billing_at));
    }
    return OkStatus();
  }));
  for (size_t i = 0; i < pending.size(); ++i) {
    const Subscription& s = pending[i];
    if (!drafts[i].ok()) {
      failures.push_back(BillingRunFailure{run_id, bc.actor.tenant, s.id,
                                           ErrorReason(drafts[i].status()),
                                           std::string(drafts[i].status().message()),
                                           bc.services.clock.Now()});
      continue;
    }
    if (drafts[i]->state == FinalUsageState::kNotDue) continue;
    PlannedSubscription p{s, {}, s.next_period_index, s.next_period_start, zones[i], true};
    if (drafts[i]->state == FinalUsageState::kReady) {
      // The final invoice takes the billing position after the last usage period.
      p.next_index = *drafts[i]->draft.period_index + 1;
      p.next_start = PeriodAt(s.cycle(), p.next_index, zones[i]).start;
      p.invoices.push_back(std::move(drafts[i]->draft));
    }
    planned.push_back(std::move(p));
  }
  return OkStatus();
}

// Writes the planned invoices of a batch in the caller's transaction.
Status WriteBatch(StoreTx& tx, const BatchContext& bc, std::vector<PlannedSubscription>& planned,
                  BillingRun& run) {
  std::vector<Invoice*> to_finalize;
  std::vector<Invoice*> written;
  CustomerZones zones;  // as planned: revenue months follow the zone the periods were cut in
  for (PlannedSubscription& p : planned) {
    bool advanced = false;
    if (p.final_usage) {
      ASSIGN_OR_RETURN(advanced, tx.rating().MarkFinalUsageInvoiced(
                                     bc.actor.tenant, p.subscription.id, p.next_index,
                                     p.next_start));
    } else {
      ASSIGN_OR_RETURN(advanced,
                       tx.subscriptions().AdvanceBilling(bc.actor.tenant, p.subscription.id,
                                                         p.subscription.next_period_index,
                                                         p.next_index, p.next_start));
    }
    ++run.subscriptions_processed;
    if (!advanced) {
      run.periods_already_invoiced += static_cast<int64_t>(p.invoices.size());
      continue;
    }
    for (Invoice& inv : p.invoices) {
      inv.billing_run_id = run.id;
      written.push_back(&inv);
      if (bc.options.finalize) to_finalize.push_back(&inv);
    }
    if (bc.options.finalize && !p.invoices.empty()) zones.emplace(p.subscription.customer_id, p.tz);
  }
  const TransitionContext ctx{bc.actor.name, "", bc.services.clock.Now()};
  if (!to_finalize.empty()) {
    RETURN_IF_ERROR(bc.finalizer.FinalizeAll(tx, to_finalize, ctx, &zones).status());
  }
  for (Invoice* inv : written) {
    ASSIGN_OR_RETURN(bool inserted, tx.invoices().Insert(*inv));
    if (!inserted) {
      // The position check above makes this unreachable unless the store was edited by hand;
      // refusing the batch keeps numbering gapless.
      return Conflict("billing_run.period_already_invoiced",
                      fmt::format("subscription {} period {} is already invoiced",
                                  inv->subscription_id->ToString(), *inv->period_index));
    }
    // One history entry: an invoice the run finalizes in the transaction that creates it was
    // never a draft anyone could see, so its history starts at `open` (an API-created invoice
    // records draft, then draft -> open).
    RETURN_IF_ERROR(tx.invoices().InsertStatusChange(InvoiceStatusChange{
        inv->id, inv->tenant_id, std::nullopt, inv->status, ctx.actor, "", ctx.now}));
    ++run.invoices_created;
  }
  run.invoices_finalized += static_cast<int64_t>(to_finalize.size());
  return OkStatus();
}

// Every save of a running run doubles as its heartbeat (kBillingRunStaleAfter).
Status SaveRun(StoreTx& tx, const Services& services, BillingRun& run) {
  run.heartbeat_at = services.clock.Now();
  return tx.billing_runs().Update(run);
}

Status RecordFailures(StoreTx& tx, BillingRun& run, const std::vector<BillingRunFailure>& failures) {
  for (const BillingRunFailure& f : failures) {
    if (static_cast<size_t>(run.failures) < kBillingRunFailuresRecordedMax) {
      RETURN_IF_ERROR(tx.billing_runs().InsertFailure(f));
    }
    ++run.failures;
  }
  return OkStatus();
}

// Commits one batch; if the batch as a whole fails, retries its subscriptions one by one so a
// single bad subscription cannot hold back the others.
Status CommitBatch(const BatchContext& bc, std::vector<PlannedSubscription>& planned,
                   std::vector<BillingRunFailure>& failures, BillingRun& run) {
  BillingRun attempt = run;
  Status batch = bc.services.store.Write([&](StoreTx& tx) -> Status {
    attempt = run;
    RETURN_IF_ERROR(WriteBatch(tx, bc, planned, attempt));
    RETURN_IF_ERROR(RecordFailures(tx, attempt, failures));
    return SaveRun(tx, bc.services, attempt);
  });
  if (batch.ok()) {
    run = attempt;
    return OkStatus();
  }
  if (planned.empty()) return batch;  // nothing but failure records, and the store refused them
  for (PlannedSubscription& p : planned) {
    std::vector<PlannedSubscription> one;
    one.push_back(std::move(p));
    Status single = bc.services.store.Write([&](StoreTx& tx) -> Status {
      attempt = run;
      RETURN_IF_ERROR(WriteBatch(tx, bc, one, attempt));
      return SaveRun(tx, bc.services, attempt);
    });
    if (single.ok()) {
      run = attempt;
    } else {
      failures.push_back(BillingRunFailure{run.id, run.tenant_id, one.front().subscription.id,
                                           ErrorReason(single), std::string(single.message()),
                                           bc.services.clock.Now()});
    }
  }
  return bc.services.store.Write([&](StoreTx& tx) -> Status {
    attempt = run;
    RETURN_IF_ERROR(RecordFailures(tx, attempt, failures));
    RETURN_IF_ERROR(SaveRun(tx, bc.services, attempt));
    run = attempt;
    return OkStatus();
  });
}

Status RunBatches(const Services& services, const Actor& actor, const BillingRunOptions& options,
                  const Tenant& tenant, BillingRun& run);

}  // namespace

Result<BillingRun> RunBilling(const Services& services, const Actor& actor,
                              const BillingRunOptions& options) {
  if (options.batch_size < 1 || options.batch_size > kBillingBatchSizeMax) {
    return InvalidArgument("batch_size", "parameter.out_of_range",
                           fmt::format("batch_size is between 1 and {}", kBillingBatchSizeMax));
  }
  BillingRun run;
  run.id = services.NewId<BillingRunId>();
  run.tenant_id = actor.tenant;
  run.billing_at = options.billing_at;
  run.finalize = options.finalize;
  run.actor = actor.name;
  run.started_at = services.clock.Now();
  run.heartbeat_at = run.started_at;
  Tenant tenant;
  RETURN_IF_ERROR(services.store.Write([&](StoreTx& tx) -> Status {
    ASSIGN_OR_RETURN(tenant, GetTenant(tx, actor.tenant));
    // Runs whose process died mid-way would otherwise read "running" forever.
    RETURN_IF_ERROR(tx.billing_runs()
                        .MarkInterrupted(actor.tenant, run.started_at - kBillingRunStaleAfter,
                                         run.started_at)
                        .status());
    return tx.billing_runs().Insert(run);
  }));
  Status body = RunBatches(services, actor, options, tenant, run);
  if (!body.ok()) {
    // The run stops here; its record says so (best effort: the store may be what failed).
    run.status = BillingRunStatus::kFailed;
    run.finished_at = services.clock.Now();
    (void)services.store.Write([&](StoreTx& tx) -> Status { return SaveRun(tx, services, run); });
    return body;
  }
  return run;
}

namespace {

// The batches of a run, after its record exists: due subscriptions, then final usage invoices.
Status RunBatches(const Services& services, const Actor& actor, const BillingRunOptions& options,
                  const Tenant& tenant, BillingRun& run) {
  ASSIGN_OR_RETURN(InvoiceFinalizer finalizer, InvoiceFinalizer::ForTenant(tenant));
  const Actor run_actor{actor.tenant, fmt::format("billing_run:{}", run.id.ToString())};
  BatchContext bc{services, run_actor, tenant, finalizer, options};

  // The due subscriptions, read once from the index on the billing position (only due rows),
  // then taken in id order. Ids are time-sortable, so neighbouring ids live on neighbouring pages
  // of the subscription table and of every index keyed by subscription or customer: a batch then
  // dirties a few dozen pages instead of one page per subscription, which is most of what a
  // commit writes to the WAL (measured in docs/benchmarks.md).
  std::vector<SubscriptionId> due_ids;
  {
    std::optional<SubscriptionRepository::DueCursor> after;
    while (true) {
      std::vector<SubscriptionRepository::DueCursor> page;
      RETURN_IF_ERROR(services.store.Read([&](StoreTx& tx) -> Status {
        ASSIGN_OR_RETURN(page, tx.subscriptions().ListDue(actor.tenant, options.billing_at, after,
                                                          kDueKeysPerRead));
        return OkStatus();
      }));
      if (page.empty()) break;
      after = page.back();
      for (const SubscriptionRepository::DueCursor& key : page) due_ids.push_back(key.id);
    }
  }
  std::sort(due_ids.begin(), due_ids.end());

  // Two-stage pipeline: while the writer commits batch k, a second thread reads and plans batch
  // k+1 from a reader snapshot. Planning never reads what the commit writes (batches are disjoint
  // slices of the due ids, and customers, plans and usage are not written by a run), so the
  // overlap is safe; it hides the reads and the invoice building behind the single SQLite
  // writer. A subscription changed since the due list was read is planned from its current
  // state (DuePeriodIndices skips it if it is no longer due), and the conditional position
  // update in the commit settles races with other writers.
  const BillingRunId run_id = run.id;
  const size_t batch_size = static_cast<size_t>(options.batch_size);
  auto plan_slice = [&bc, &services, &actor, &due_ids, batch_size,
                     run_id](size_t begin) -> Result<PlannedBatch> {
    PlannedBatch batch;
    const size_t end = std::min(due_ids.size(), begin + batch_size);
    std::vector<Subscription> due;
    due.reserve(end - begin);
    RETURN_IF_ERROR(services.store.Read([&](StoreTx& tx) -> Status {
      due.clear();
      for (size_t i = begin; i < end; ++i) {
        ASSIGN_OR_RETURN(std::optional<Subscription> s,
                         tx.subscriptions().Find(actor.tenant, due_ids[i]));
        if (s.has_value()) due.push_back(*std::move(s));
      }
      return OkStatus();
    }));
    RETURN_IF_ERROR(PlanBatch(bc, due, batch.planned, batch.failures, run_id));
    return batch;
  };
  std::future<Result<PlannedBatch>> next;
  if (!due_ids.empty()) next = std::async(std::launch::async, plan_slice, size_t{0});
  for (size_t begin = 0; begin < due_ids.size(); begin += batch_size) {
    ASSIGN_OR_RETURN(PlannedBatch batch, next.get());
    if (begin + batch_size < due_ids.size()) {
      next = std::async(std::launch::async, plan_slice, begin + batch_size);
    }
    // An error here returns while the next plan is in flight: the future's destructor waits for
    // it, and it only reads.
    RETURN_IF_ERROR(CommitBatch(bc, batch.planned, batch.failures, run));
    if (options.on_progress) options.on_progress(run);
  }
  // Canceled subscriptions whose last usage is still to be invoiced (app/rating.h).
  std::optional<SubscriptionId> after;
  while (true) {
    std::vector<SubscriptionId> ids;
    std::vector<Subscription> pending;
    RETURN_IF_ERROR(services.store.Read([&](StoreTx& tx) -> Status {
      pending.clear();
      ASSIGN_OR_RETURN(ids, tx.rating().ListFinalUsagePending(actor.tenant, after,
                                                              options.batch_size));
      for (const SubscriptionId& id : ids) {
        ASSIGN_OR_RETURN(std::optional<Subscription> s, tx.subscriptions().Find(actor.tenant, id));
        if (s.has_value()) pending.push_back(*std::move(s));
      }
      return OkStatus();
    }));
    if (ids.empty()) break;
    after = ids.back();
    std::vector<PlannedSubscription> planned;
    std::vector<BillingRunFailure> failures;
    RETURN_IF_ERROR(PlanFinalBatch(bc, pending, planned, failures, run.id));
    RETURN_IF_ERROR(CommitBatch(bc, planned, failures, run));
    if (options.on_progress) options.on_progress(run);
  }
  run.status = run.failures == 0 ? BillingRunStatus::kCompleted
                                 : BillingRunStatus::kCompletedWithFailures;
  run.finished_at = services.clock.Now();
  return services.store.Write([&](StoreTx& tx) -> Status { return SaveRun(tx, services, run); });
}

}  // namespace

Result<BillingRun> GetBillingRun(StoreTx& tx, const Actor& actor, BillingRunId id) {
  ASSIGN_OR_RETURN(std::optional<BillingRun> found, tx.billing_runs().Find(actor.tenant, id));
  if (!found.has_value()) {
    return NotFound("billing_run.not_found", fmt::format("no billing run {}", id.ToString()), "id");
  }
  return *std::move(found);
}

Result<std::vector<BillingRunFailure>> ListBillingRunFailures(StoreTx& tx, const Actor& actor,
                                                              BillingRunId id) {
  RETURN_IF_ERROR(GetBillingRun(tx, actor, id).status());
  return tx.billing_runs().ListFailures(actor.tenant, id,
                                        static_cast<int>(kBillingRunFailuresRecordedMax));
}

}  // namespace accrue
