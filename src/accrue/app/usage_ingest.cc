#include "accrue/app/usage_ingest.h"

#include <algorithm>

#include "accrue/app/ports/usage_store.h"
#include "accrue/base/strings.h"
#include "accrue/domain/metering/aggregation.h"
#include "accrue/time/billing_period.h"
#include "accrue/time/instant.h"
#include "accrue/time/time_zone.h"

namespace accrue {
namespace {

struct SubscriptionInfo {
  SubscriptionId id;
  BillingCycle cycle;
  absl::Time starts;                      // first instant of the start date, customer's zone
  std::optional<absl::Time> canceled_at;  // set when canceled
  int64_t next_period_index = 0;
  // The last period an event fell in: most events of a batch share it, and PeriodIndexAt is a
  // civil-time computation per call.
  mutable int64_t cached_index = -1;
  mutable absl::Time cached_start = absl::InfiniteFuture();
  mutable absl::Time cached_end = absl::InfinitePast();

  int64_t PeriodOf(absl::Time t, absl::TimeZone tz) const {
    if (cached_start <= t && t < cached_end) return cached_index;
    const int64_t index = PeriodIndexAt(cycle, t, tz);
    if (index < 0) return index;
    const Period p = PeriodAt(cycle, index, tz);
    cached_index = index;
    cached_start = p.start;
    cached_end = p.end;
    return index;
  }
};

struct CustomerInfo {
  bool exists = false;
  absl::TimeZone tz;
  std::string id_text;
  std::vector<SubscriptionInfo> subscriptions;  // active and canceled
};

struct TenantIndex {
  absl::flat_hash_map<uint64_t, int64_t> sequence_by_hash;
};

struct Delta {
  Aggregation aggregation;
  AggregateState state;
};

Status EventError(std::string_view param, std::string_view reason, std::string message) {
  return InvalidArgument(param, reason, message);
}

bool ActiveAt(const SubscriptionInfo& s, absl::Time t) {
  return s.starts <= t && (!s.canceled_at.has_value() || t < *s.canceled_at);
}

}  // namespace

std::string_view EventOutcomeName(EventOutcome outcome) {
  switch (outcome) {
    case EventOutcome::kAccepted:
      return "accepted";
    case EventOutcome::kDuplicate:
      return "duplicate";
    case EventOutcome::kRejected:
      return "rejected";
  }
  return "rejected";
}

struct UsageIngestor::State {
  int64_t catalog_version = -1;
  int64_t dedupe_version = -1;
  int64_t next_scan_sequence = 1;
  size_t indexed = 0;
  absl::flat_hash_map<std::pair<TenantId, CustomerId>, CustomerInfo> customers;
  absl::flat_hash_map<std::pair<TenantId, SubscriptionId>, std::optional<CustomerId>> owners;
  absl::flat_hash_map<TenantId, absl::flat_hash_map<std::string, std::optional<Meter>>> meters;
  absl::flat_hash_map<TenantId, TenantIndex> index;

  // Brings caches and the dedupe index up to date with the committed store; returns the sequence
  // the next appended event gets.
  Result<int64_t> Sync(StoreTx& tx) {
    ASSIGN_OR_RETURN(int64_t catalog, tx.usage().CatalogVersion());
    if (catalog != catalog_version || customers.size() > kIngestCustomerCacheMax) {
      customers.clear();
      owners.clear();
      meters.clear();
      catalog_version = catalog;
    }
    ASSIGN_OR_RETURN(int64_t dedupe, tx.usage().DedupeVersion());
    if (dedupe != dedupe_version) {
      index.clear();
      indexed = 0;
      next_scan_sequence = 1;
      dedupe_version = dedupe;
    }
    TenantId last_tenant;
    TenantIndex* last = nullptr;
    ASSIGN_OR_RETURN(
        next_scan_sequence, tx.usage().ScanEventKeys(next_scan_sequence, [&](const EventKeyRef& k) {
          if (last == nullptr || k.tenant != last_tenant) {
            last = &index[k.tenant];
            last_tenant = k.tenant;
          }
          // A collided id keeps the first event's entry; the collisions table
          // has the others.
          if (last->sequence_by_hash.try_emplace(StableHash64(k.id), k.sequence).second) {
            ++indexed;
          }
        }));
    return next_scan_sequence;
  }

  Result<const CustomerInfo*> Customer(StoreTx& tx, TenantId tenant, CustomerId id) {
    auto key = std::make_pair(tenant, id);
    if (auto it = customers.find(key); it != customers.end()) return &it->second;
    CustomerInfo info;
    ASSIGN_OR_RETURN(std::optional<accrue::Customer> c, tx.customers().Find(tenant, id));
    if (c.has_value()) {
      info.exists = true;
      ASSIGN_OR_RETURN(info.tz, LoadTimeZone(c->time_zone));
      info.id_text = id.ToString();
      ASSIGN_OR_RETURN(std::vector<SubscriptionTerms> subs,
                       tx.usage().ListCustomerSubscriptions(tenant, id));
      for (const SubscriptionTerms& s : subs) {
        std::optional<absl::Time> canceled;
        if (s.status != SubscriptionStatus::kActive) {
          canceled = s.canceled_at.value_or(absl::InfinitePast());
        }
        SubscriptionInfo sub;
        sub.id = s.id;
        sub.cycle = s.cycle;
        sub.starts = StartOfLocalDay(s.start_date, info.tz);
        sub.canceled_at = canceled;
        sub.next_period_index = s.next_period_index;
        info.subscriptions.push_back(sub);
      }
    }
    return &customers.emplace(key, std::move(info)).first->second;
  }

  Result<std::optional<CustomerId>> Owner(StoreTx& tx, TenantId tenant, SubscriptionId id) {
    auto key = std::make_pair(tenant, id);
    if (auto it = owners.find(key); it != owners.end()) return it->second;
    ASSIGN_OR_RETURN(std::optional<Subscription> s, tx.subscriptions().Find(tenant, id));
    std::optional<CustomerId> owner;
    if (s.has_value()) owner = s->customer_id;
    owners.emplace(key, owner);
    return owner;
  }

  Result<const Meter*> MeterByCode(StoreTx& tx, TenantId tenant, const std::string& code) {
    auto& by_code = meters[tenant];
    auto it = by_code.find(code);
    if (it == by_code.end()) {
      ASSIGN_OR_RETURN(std::optional<Meter> m, tx.meters().FindByCode(tenant, code));
      it = by_code.emplace(code, std::move(m)).first;
    }
    return it->second.has_value() ? &*it->second : nullptr;
  }
};

// The work of one Ingest call.
class UsageIngestor::Batch {
 public:
  Batch(State& state, StoreTx& tx, const Services& services, TenantId tenant, int64_t next_seq,
        std::optional<absl::Time> horizon)
      : s_(state),
        tx_(tx),
        tenant_(tenant),
        now_(services.clock.Now()),
        next_sequence_(next_seq),
        horizon_(horizon),
        index_(state.index[tenant]) {
    block_.tenant = tenant;
    block_.first_sequence = next_seq;
    block_.received_at = now_;
    block_.min_timestamp = absl::InfiniteFuture();
    block_.max_timestamp = absl::InfinitePast();
  }

  // The outcome of one item; an error Status only for storage failures.
  Result<EventResult> Process(const IngestItem& item);
  Status Finish();

 private:
  // Whether `e` (with id hash `hash`) was accepted before; sets `hash_taken_` when another id
  // already has this hash.
  Result<bool> IsDuplicate(const UsageEvent& e, uint64_t hash);
  Result<std::vector<const SubscriptionInfo*>> Targets(const UsageEvent& e,
                                                       const CustomerInfo** customer,
                                                       Status& rejection);
  Status CheckValue(const Meter& meter, const UsageEvent& e, Decimal& value, Status& rejection);
  Status Accept(const UsageEvent& e, uint64_t hash, const Meter& meter,
                const CustomerInfo& customer, const std::vector<const SubscriptionInfo*>& targets,
                bool counts, const Decimal& value,
                std::vector<std::pair<AggregateKey, Delta>> folded, int64_t sequence);

  State& s_;
  StoreTx& tx_;
  const TenantId tenant_;
  const absl::Time now_;
  int64_t next_sequence_;
  const std::optional<absl::Time> horizon_;
  TenantIndex& index_;
  bool hash_taken_ = false;

  absl::flat_hash_map<uint64_t, std::string> batch_hashes_;  // accepted in this batch
  absl::flat_hash_set<std::string> batch_collided_;          // accepted, hash was taken
  absl::flat_hash_map<AggregateKey, Delta> deltas_;
  EventBlock block_;
};

Result<bool> UsageIngestor::Batch::IsDuplicate(const UsageEvent& e, uint64_t hash) {
  hash_taken_ = false;
  if (auto b = batch_hashes_.find(hash); b != batch_hashes_.end()) {
    if (b->second == e.id) return true;
    hash_taken_ = true;
  } else if (auto it = index_.sequence_by_hash.find(hash); it != index_.sequence_by_hash.end()) {
    ASSIGN_OR_RETURN(std::optional<std::string> stored,
                     tx_.usage().FindEventId(tenant_, it->second));
    if (stored.has_value() && *stored == e.id) return true;
    hash_taken_ = true;
  }
  if (!hash_taken_) return false;
  if (batch_collided_.contains(e.id)) return true;
  return tx_.usage().HasCollidedEventId(tenant_, e.id);
}

Result<std::vector<const SubscriptionInfo*>> UsageIngestor::Batch::Targets(
    const UsageEvent& e, const CustomerInfo** customer, Status& rejection) {
  std::vector<const SubscriptionInfo*> targets;
  std::optional<SubscriptionId> only;
  std::optional<CustomerId> customer_id;
  if (!e.subscription.empty()) {
    Result<SubscriptionId> sid = SubscriptionId::Parse(e.subscription);
    std::optional<CustomerId> owner;
    if (sid.ok()) {
      ASSIGN_OR_RETURN(owner, s_.Owner(tx_, tenant_, *sid));
    }
    if (!owner.has_value()) {
      rejection = EventError("subscription", "event.unknown_subscription",
                             fmt::format("no subscription '{}'", e.subscription.substr(0, 64)));
      return targets;
    }
    only = *sid;
    customer_id = *owner;
  }
  if (!e.customer.empty()) {
    Result<CustomerId> cid = CustomerId::Parse(e.customer);
    if (!cid.ok() || (customer_id.has_value() && *customer_id != *cid)) {
      rejection = EventError("customer", "event.unknown_customer",
                             fmt::format("no customer '{}'{}", e.customer.substr(0, 64),
                                         customer_id ? " with that subscription" : ""));
      return targets;
    }
    customer_id = *cid;
  }
  ASSIGN_OR_RETURN(const CustomerInfo* info, s_.Customer(tx_, tenant_, *customer_id));
  if (!info->exists) {
    rejection = EventError("customer", "event.unknown_customer",
                           fmt::format("no customer '{}'", e.customer.substr(0, 64)));
    return targets;
  }
  *customer = info;
  bool any_active = false;
  for (const SubscriptionInfo& sub : info->subscriptions) {
    if (only.has_value() && sub.id != *only) continue;
    if (!sub.canceled_at.has_value() || e.timestamp < *sub.canceled_at) any_active = true;
    if (ActiveAt(sub, e.timestamp)) targets.push_back(&sub);
  }
  if (targets.empty()) {
    rejection = any_active
                    ? EventError("timestamp", "event.before_subscription_start",
                                 "the event is older than the start of its customer's "
                                 "subscription")
                    : EventError("customer", "event.no_subscription",
                                 "the customer had no active subscription at the event's time");
  }
  return targets;
}

Status UsageIngestor::Batch::CheckValue(const Meter& meter, const UsageEvent& e, Decimal& value,
                                        Status& rejection) {
  if (meter.aggregation == Aggregation::kCount) return OkStatus();
  const std::string param = fmt::format("properties.{}", meter.property);
  const PropertyValue* v = e.Find(meter.property);
  if (v == nullptr) {
    rejection = EventError(param, "event.missing_property",
                           fmt::format("meter '{}' aggregates property '{}', which the event lacks",
                                       meter.code, meter.property));
    return OkStatus();
  }
  if (!AggregationIsNumeric(meter.aggregation)) return OkStatus();
  Result<Decimal> d = v->kind == PropertyKind::kBool
                          ? Result<Decimal>(absl::InvalidArgumentError(""))
                          : Decimal::Parse(v->text);
  if (!d.ok()) {
    rejection = EventError(param, "event.invalid_value",
                           fmt::format("meter '{}' needs a decimal number in '{}', not '{}'",
                                       meter.code, meter.property, v->text.substr(0, 40)));
    return OkStatus();
  }
  value = *d;
  return OkStatus();
}

Result<EventResult> UsageIngestor::Batch::Process(const IngestItem& item) {
  EventResult result;
  auto reject = [&result](Status error) {
    result.outcome = EventOutcome::kRejected;
    result.error = std::move(error);
    return result;
  };
  if (!item.parse_error.ok()) return reject(item.parse_error);
  const UsageEvent& e = item.event;
  if (Status shape = ValidateEventShape(e); !shape.ok()) return reject(shape);
  const uint64_t hash = StableHash64(e.id);
  ASSIGN_OR_RETURN(bool duplicate, IsDuplicate(e, hash));
  if (duplicate) {
    result.outcome = EventOutcome::kDuplicate;
    return result;
  }
  if (e.timestamp > now_ + kEventFutureSkewMax) {
    return reject(EventError(
        "timestamp", "event.timestamp_in_future",
        fmt::format("timestamp {} is more than {} ahead of the server's clock",
                    FormatInstant(e.timestamp), absl::FormatDuration(kEventFutureSkewMax))));
  }
  if (horizon_.has_value() && e.timestamp < *horizon_) {
    return reject(EventError("timestamp", "event.too_old",
                             fmt::format("events before {} are no longer accepted (their period "
                                         "is closed)",
                                         FormatInstant(*horizon_))));
  }
  ASSIGN_OR_RETURN(const Meter* meter, s_.MeterByCode(tx_, tenant_, e.meter));
  if (meter == nullptr) {
    return reject(EventError("meter", "event.unknown_meter",
                             fmt::format("no meter with code '{}'", e.meter.substr(0, 64))));
  }
  Status rejection;
  const CustomerInfo* customer = nullptr;
  ASSIGN_OR_RETURN(std::vector<const SubscriptionInfo*> targets, Targets(e, &customer, rejection));
  if (!rejection.ok()) return reject(rejection);
  const bool counts = MeterFiltersMatch(*meter, e);
  Decimal value;
  if (counts) {
    RETURN_IF_ERROR(CheckValue(*meter, e, value, rejection));
    if (!rejection.ok()) return reject(rejection);
  }
  const int64_t sequence = next_sequence_;
  // Fold into copies first: an overflow rejects the event without touching any aggregate.
  std::vector<std::pair<AggregateKey, Delta>> folded;
  if (counts && meter->aggregation != Aggregation::kUniqueCount) {
    const std::string group_key = EncodeGroupKey(EventGroupValues(*meter, e));
    for (const SubscriptionInfo* sub : targets) {
      const int64_t period = sub->PeriodOf(e.timestamp, customer->tz);
      if (period < 0) continue;
      AggregateKey key{sub->id, meter->id, period, group_key};
      Delta delta{meter->aggregation, {}};
      if (auto it = deltas_.find(key); it != deltas_.end()) delta = it->second;
      if (!FoldEvent(meter->aggregation, delta.state, value, e.timestamp, sequence).ok()) {
        return reject(EventError(fmt::format("properties.{}", meter->property),
                                 "event.quantity_overflow",
                                 "the aggregate would leave the decimal range"));
      }
      folded.emplace_back(std::move(key), std::move(delta));
    }
  }
  RETURN_IF_ERROR(
      Accept(e, hash, *meter, *customer, targets, counts, value, std::move(folded), sequence));
  result.outcome = EventOutcome::kAccepted;
  result.sequence = sequence;
  return result;
}

Status UsageIngestor::Batch::Accept(const UsageEvent& e, uint64_t hash, const Meter& meter,
                                    const CustomerInfo& customer,
                                    const std::vector<const SubscriptionInfo*>& targets,
                                    bool counts, const Decimal& value,
                                    std::vector<std::pair<AggregateKey, Delta>> folded,
                                    int64_t sequence) {
  ++next_sequence_;
  if (hash_taken_) {
    batch_collided_.insert(e.id);
    ASSIGN_OR_RETURN(bool inserted,
                     tx_.usage().InsertCollidedEventId(tenant_, e.id, sequence, e.timestamp));
    (void)inserted;
  } else {
    batch_hashes_.emplace(hash, e.id);
  }
  for (auto& [key, delta] : folded) deltas_.insert_or_assign(key, std::move(delta));
  const bool side_tables = counts && (meter.aggregation == Aggregation::kUniqueCount ||
                                      meter.aggregation == Aggregation::kWeightedSum);
  std::string group_key;
  if (side_tables) group_key = EncodeGroupKey(EventGroupValues(meter, e));
  bool late = false;
  for (const SubscriptionInfo* sub : targets) {
    const int64_t period = sub->PeriodOf(e.timestamp, customer.tz);
    if (period < 0) continue;
    // Usage of period i is billed on the invoice of period i + 1 (see app/usage.h).
    if (period + 1 < sub->next_period_index) {
      late = true;
      RETURN_IF_ERROR(tx_.usage().InsertLate(
          tenant_, LateUsageEvent{sequence, sub->id, meter.id, period, e.id, e.timestamp, now_}));
    }
    if (!side_tables) continue;
    AggregateKey key{sub->id, meter.id, period, group_key};
    Delta& delta = deltas_.try_emplace(key, Delta{meter.aggregation, {}}).first->second;
    bool new_distinct = false;
    if (meter.aggregation == Aggregation::kUniqueCount) {
      ASSIGN_OR_RETURN(new_distinct, tx_.usage().InsertDistinctValue(
                                         tenant_, key, StableHash64(e.Find(meter.property)->text)));
    } else {
      RETURN_IF_ERROR(tx_.usage().InsertLevel(
          tenant_, sub->id, meter.id, LevelChange{group_key, e.timestamp, sequence, value}));
    }
    RETURN_IF_ERROR(
        FoldEvent(meter.aggregation, delta.state, value, e.timestamp, sequence, new_distinct));
  }
  block_.keys.push_back(EventKey{e.id, e.timestamp});
  block_.events_ndjson += EncodeStoredEvent(sequence, e, customer.id_text, late);
  block_.events_ndjson.push_back('\n');
  block_.min_timestamp = std::min(block_.min_timestamp, e.timestamp);
  block_.max_timestamp = std::max(block_.max_timestamp, e.timestamp);
  return OkStatus();
}

Status UsageIngestor::Batch::Finish() {
  // One read and one write per distinct aggregate key, in key order (B-tree locality).
  std::vector<std::pair<const AggregateKey*, const Delta*>> order;
  order.reserve(deltas_.size());
  for (const auto& [key, delta] : deltas_) order.emplace_back(&key, &delta);
  std::sort(order.begin(), order.end(), [](const auto& a, const auto& b) {
    return std::tie(a.first->subscription, a.first->period_index, a.first->meter,
                    a.first->group_key) < std::tie(b.first->subscription, b.first->period_index,
                                                   b.first->meter, b.first->group_key);
  });
  for (const auto& [key, delta] : order) {
    ASSIGN_OR_RETURN(std::optional<AggregateRow> stored, tx_.usage().FindAggregate(tenant_, *key));
    AggregateState before;
    if (stored.has_value()) {
      before = AggregateState{stored->quantity, stored->event_count, stored->latest_timestamp,
                              stored->latest_sequence};
    }
    Result<AggregateState> merged = MergeStates(delta->aggregation, before, delta->state);
    if (!merged.ok()) {
      return InvalidArgument("events", "usage.quantity_overflow",
                             "a running aggregate would leave the decimal range");
    }
    RETURN_IF_ERROR(tx_.usage().PutAggregate(
        tenant_, AggregateRow{*key, merged->quantity, merged->event_count, merged->latest_timestamp,
                              merged->latest_sequence}));
  }
  if (block_.keys.empty()) return OkStatus();
  return tx_.usage().AppendEventBlock(block_);
}

UsageIngestor::UsageIngestor() : state_(std::make_unique<State>()) {}
UsageIngestor::~UsageIngestor() = default;

void UsageIngestor::Forget() {
  std::lock_guard<std::mutex> lock(mu_);
  state_ = std::make_unique<State>();
}

size_t UsageIngestor::IndexedEventCount() const {
  std::lock_guard<std::mutex> lock(mu_);
  return state_->indexed;
}

Result<IngestBatchResult> UsageIngestor::Ingest(StoreTx& tx, const Services& services,
                                                TenantId tenant,
                                                const std::vector<IngestItem>& items) {
  ASSIGN_OR_RETURN(std::vector<IngestBatchResult> results,
                   IngestBatches(tx, services, tenant, {&items}));
  return std::move(results.front());
}

Result<std::vector<IngestBatchResult>> UsageIngestor::IngestBatches(
    StoreTx& tx, const Services& services, TenantId tenant,
    const std::vector<const std::vector<IngestItem>*>& batches) {
  for (const std::vector<IngestItem>* items : batches) {
    if (items->size() > kIngestBatchEventsMax) {
      return LimitExceeded("request.too_many_events",
                           fmt::format("a batch has at most {} events", kIngestBatchEventsMax),
                           "events");
    }
  }
  std::lock_guard<std::mutex> lock(mu_);
  // The caches and the index change only from rows Sync reads. In a transaction's first call
  // those are committed rows; a later call in the same transaction also reads the earlier
  // ones' blocks, which is why a caller whose transaction does not commit must call Forget().
  ASSIGN_OR_RETURN(int64_t next_sequence, state_->Sync(tx));
  ASSIGN_OR_RETURN(std::optional<absl::Time> horizon, tx.usage().DedupeHorizon(tenant));
  Batch batch(*state_, tx, services, tenant, next_sequence, horizon);
  std::vector<IngestBatchResult> out;
  for (const std::vector<IngestItem>* items : batches) {
    IngestBatchResult& result = out.emplace_back();
    result.results.reserve(items->size());
    for (const IngestItem& item : *items) {
      ASSIGN_OR_RETURN(EventResult r, batch.Process(item));
      switch (r.outcome) {
        case EventOutcome::kAccepted:
          ++result.accepted;
          break;
        case EventOutcome::kDuplicate:
          ++result.duplicates;
          break;
        case EventOutcome::kRejected:
          ++result.rejected;
          break;
      }
      result.results.push_back(std::move(r));
    }
  }
  // One flush for all the batches: each aggregate key is read and written once.
  RETURN_IF_ERROR(batch.Finish());
  return out;
}

Result<absl::Time> AdvanceDedupeHorizon(StoreTx& tx, const Services& services, TenantId tenant,
                                        absl::Duration grace) {
  absl::Time horizon = services.clock.Now() - grace;
  PageRequest page{kPageLimitMax, {}};
  while (true) {
    ASSIGN_OR_RETURN(Page<Subscription> p, tx.subscriptions().List(tenant, std::nullopt, page));
    for (const Subscription& s : p.items) {
      if (s.status != SubscriptionStatus::kActive && s.canceled_at.has_value() &&
          *s.canceled_at < horizon) {
        continue;
      }
      ASSIGN_OR_RETURN(std::optional<Customer> c, tx.customers().Find(tenant, s.customer_id));
      if (!c.has_value()) continue;
      ASSIGN_OR_RETURN(absl::TimeZone tz, LoadTimeZone(c->time_zone));
      // Usage of period next - 1 is still to be billed (in arrears).
      const int64_t open = std::max<int64_t>(0, s.next_period_index - 1);
      horizon = std::min(horizon, PeriodAt(s.cycle(), open, tz).start);
    }
    if (!p.has_more || p.items.empty()) break;
    page.starting_after = p.items.back().id.uuid();
  }
  ASSIGN_OR_RETURN(std::optional<absl::Time> current, tx.usage().DedupeHorizon(tenant));
  if (current.has_value() && *current >= horizon) return *current;
  RETURN_IF_ERROR(tx.usage().SetDedupeHorizon(tenant, horizon));
  return horizon;
}

}  // namespace accrue
