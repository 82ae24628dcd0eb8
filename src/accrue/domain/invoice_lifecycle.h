// The invoice state machine: which status may follow which, and under what facts.
//
//   draft ──finalize──► open ──send──► sent
//     │                  │ │            │
//     └─void             │ └────────────┴──► partially_paid ──► paid ──► archived
//                        ├──► disputed ──► (back to what the facts say) / credited
//                        ├──► void (no money received)       ──► archived
//                        ├──► credited (fully credited)      ──► archived
//                        └──► uncollectible ──► paid / partially_paid / void / archived
//   Payments taken back (unapplied, reversed: domain/payment.h) move paid / partially_paid back
//   to partially_paid, open, sent or uncollectible, whichever the facts say.
//
// Every function here is pure: it checks the transition, applies it to the invoice value and
// returns the change record; the caller persists both in one transaction. Illegal moves return
// FailedPrecondition with reason "invoice.invalid_transition" (or a more specific reason) and
// leave the invoice untouched.
#pragma once

#include <optional>
#include <string>

#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "accrue/domain/invoice.h"

namespace accrue {

bool IsTransitionAllowed(InvoiceStatus from, InvoiceStatus to);
bool IsFinalized(InvoiceStatus status);  // anything but draft

struct TransitionContext {
  std::string actor;
  std::string reason;
  absl::Time now;
};

// draft → open. The number and sequence come from the series (see invoice_number.h) and the
// issue date is `now` in the customer's zone; the due date follows from net terms. Refuses an
// invoice without lines or with a negative total.
Result<InvoiceStatusChange> Finalize(Invoice& invoice, std::string number, int64_t sequence,
                                     absl::CivilDay issue_date, const TransitionContext& ctx);
// draft/open/sent/uncollectible → void, only while nothing was paid or credited.
Result<InvoiceStatusChange> Void(Invoice& invoice, const TransitionContext& ctx);
// open → sent (delivery recorded; the status of a paid invoice does not move back).
Result<InvoiceStatusChange> MarkSent(Invoice& invoice, const TransitionContext& ctx);
// open/sent/partially_paid → uncollectible.
Result<InvoiceStatusChange> MarkUncollectible(Invoice& invoice, const TransitionContext& ctx);
// paid/void/credited/uncollectible → archived.
Result<InvoiceStatusChange> Archive(Invoice& invoice, const TransitionContext& ctx);

// Moves `invoice` to `to` because its money changed (a payment applied or taken back, a credit
// note): the status follows the facts the caller just updated. Sets updated_at; records nothing
// when the invoice is already there. An edge the graph lacks is a bug in the caller's rule:
// InternalError "invoice.invalid_transition", status untouched.
Result<std::optional<InvoiceStatusChange>> MoveWithFacts(Invoice& invoice, InvoiceStatus to,
                                                         const TransitionContext& ctx);

}  // namespace accrue
