#include "accrue/domain/invoice_lifecycle.h"

#include "accrue/base/check.h"
#include "accrue/base/strings.h"

namespace accrue {
namespace {

using S = InvoiceStatus;

struct Edge {
  S from;
  S to;
};

// The whole legal graph in one table, so that reviewing it is reading it.
constexpr Edge kEdges[] = {
    {S::kDraft, S::kOpen},
    {S::kDraft, S::kVoid},
    {S::kOpen, S::kSent},
    {S::kOpen, S::kPartiallyPaid},
    {S::kOpen, S::kPaid},
    {S::kOpen, S::kDisputed},
    {S::kOpen, S::kCredited},
    {S::kOpen, S::kVoid},
    {S::kOpen, S::kUncollectible},
    {S::kSent, S::kPartiallyPaid},
    {S::kSent, S::kPaid},
    {S::kSent, S::kDisputed},
    {S::kSent, S::kCredited},
    {S::kSent, S::kVoid},
    {S::kSent, S::kUncollectible},
    {S::kPartiallyPaid, S::kPaid},
    {S::kPartiallyPaid, S::kDisputed},
    {S::kPartiallyPaid, S::kCredited},
    {S::kPartiallyPaid, S::kUncollectible},
    {S::kDisputed, S::kOpen},
    {S::kDisputed, S::kSent},
    {S::kDisputed, S::kPartiallyPaid},
    {S::kDisputed, S::kPaid},
    {S::kDisputed, S::kCredited},
    {S::kDisputed, S::kUncollectible},
    {S::kPartiallyPaid, S::kOpen},  // its payments were unapplied or reversed
    {S::kPartiallyPaid, S::kSent},
    {S::kPaid, S::kPartiallyPaid},  // a payment unapplied or reversed
    {S::kPaid, S::kOpen},
    {S::kPaid, S::kSent},
    {S::kPaid, S::kUncollectible},
    {S::kPaid, S::kDisputed},
    {S::kPaid, S::kCredited},
    {S::kPaid, S::kArchived},
    {S::kUncollectible, S::kPartiallyPaid},
    {S::kUncollectible, S::kPaid},
    {S::kUncollectible, S::kVoid},
    {S::kUncollectible, S::kArchived},
    {S::kCredited, S::kArchived},
    {S::kVoid, S::kArchived},
};

Status Refuse(const Invoice& inv, S to) {
  return WrongState("invoice.invalid_transition",
                    fmt::format("invoice {} is {} and cannot become {}", inv.id.ToString(),
                                InvoiceStatusName(inv.status), InvoiceStatusName(to)));
}

InvoiceStatusChange Apply(Invoice& inv, S to, const TransitionContext& ctx) {
  ACCRUE_CHECK(IsTransitionAllowed(inv.status, to), "transition checked by the caller");
  InvoiceStatusChange change{inv.id, inv.tenant_id, inv.status, to, ctx.actor, ctx.reason, ctx.now};
  inv.status = to;
  inv.updated_at = ctx.now;
  return change;
}

}  // namespace

bool IsTransitionAllowed(InvoiceStatus from, InvoiceStatus to) {
  for (const Edge& e : kEdges) {
    if (e.from == from && e.to == to) return true;
  }
  return false;
}

bool IsFinalized(InvoiceStatus status) { return status != S::kDraft; }

Result<InvoiceStatusChange> Finalize(Invoice& inv, std::string number, int64_t sequence,
                                     absl::CivilDay issue_date, const TransitionContext& ctx) {
  if (inv.status != S::kDraft) {
    return WrongState("invoice.not_draft",
                      fmt::format("invoice {} is {}; only drafts can be finalized",
                                  inv.id.ToString(), InvoiceStatusName(inv.status)));
  }
  if (inv.lines.empty()) {
    return WrongState("invoice.no_lines", "an invoice needs at least one line to be finalized");
  }
  RETURN_IF_ERROR(ComputeTotals(inv));
  if (inv.total_minor < 0) {
    return WrongState("invoice.negative_total",
                      "an invoice total cannot be negative; issue a credit note instead");
  }
  ACCRUE_CHECK(sequence > 0, "sequences start at 1");
  inv.number = std::move(number);
  inv.sequence = sequence;
  inv.issue_date = issue_date;
  inv.due_date = issue_date + inv.net_terms_days;
  inv.finalized_at = ctx.now;
  InvoiceStatusChange change = Apply(inv, S::kOpen, ctx);
  // A zero invoice has nothing to collect: it is paid the moment it is issued.
  if (inv.total_minor == 0) {
    inv.paid_at = ctx.now;
    inv.status = S::kPaid;
    change.to = S::kPaid;
  }
  return change;
}

Result<InvoiceStatusChange> Void(Invoice& inv, const TransitionContext& ctx) {
  if (!IsTransitionAllowed(inv.status, S::kVoid)) return Refuse(inv, S::kVoid);
  if (inv.amount_paid_minor != 0) {
    return WrongState("invoice.has_payments",
                      "an invoice with payments cannot be voided; refund or credit it instead");
  }
  if (inv.amount_credited_minor != 0) {
    // The void would reverse the whole finalization entry, and the credit notes already
    // reversed their part of it.
    return WrongState("invoice.has_credit_notes",
                      "an invoice with credit notes cannot be voided; credit the rest instead");
  }
  inv.voided_at = ctx.now;
  InvoiceStatusChange change = Apply(inv, S::kVoid, ctx);
  RETURN_IF_ERROR(ComputeTotals(inv));  // a void invoice asks for nothing
  return change;
}

Result<std::optional<InvoiceStatusChange>> MoveWithFacts(Invoice& inv, S to,
                                                         const TransitionContext& ctx) {
  inv.updated_at = ctx.now;
  if (inv.status == to) return std::optional<InvoiceStatusChange>();
  if (!IsTransitionAllowed(inv.status, to)) {
    return InternalError("invoice.invalid_transition",
                         fmt::format("invoice {} cannot move from {} to {}", inv.id.ToString(),
                                     InvoiceStatusName(inv.status), InvoiceStatusName(to)));
  }
  return std::optional<InvoiceStatusChange>(Apply(inv, to, ctx));
}

Result<InvoiceStatusChange> MarkSent(Invoice& inv, const TransitionContext& ctx) {
  if (inv.status == S::kDraft) {
    return WrongState("invoice.not_finalized", "finalize the invoice before sending it");
  }
  if (!IsTransitionAllowed(inv.status, S::kSent)) return Refuse(inv, S::kSent);
  inv.delivery_status = DeliveryStatus::kSent;
  inv.sent_at = ctx.now;
  return Apply(inv, S::kSent, ctx);
}

Result<InvoiceStatusChange> MarkUncollectible(Invoice& inv, const TransitionContext& ctx) {
  if (!IsTransitionAllowed(inv.status, S::kUncollectible)) return Refuse(inv, S::kUncollectible);
  inv.marked_uncollectible_at = ctx.now;
  return Apply(inv, S::kUncollectible, ctx);
}

Result<InvoiceStatusChange> Archive(Invoice& inv, const TransitionContext& ctx) {
  if (!IsTransitionAllowed(inv.status, S::kArchived)) return Refuse(inv, S::kArchived);
  inv.archived_at = ctx.now;
  return Apply(inv, S::kArchived, ctx);
}

}  // namespace accrue
