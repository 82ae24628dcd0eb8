// The upcoming invoice of a subscription: the invoice it would get if its current period ended
// now, computed without writing anything (GET /v1/subscriptions/{id}/upcoming_invoice).
//
// For an active subscription whose current period is c (in the customer's zone, at the
// injected clock's now) that is the draft of period c + 1: the fixed fee of period c + 1, billed
// in advance, plus the usage of period c so far, priced under the plan's charges (billed in
// arrears). Before the first period starts it is the draft of period 0 (fee only). For a
// canceled subscription it is its final usage invoice (app/rating.h) as if the period it was
// canceled in had ended now; when there is nothing left to bill the result is NotFound
// "invoice.upcoming_none".
//
// The draft is not stored: its id and line ids are fresh and will not match the invoice the
// billing run eventually writes; it carries no number. Runs in the caller's (read) transaction.
#pragma once

#include "accrue/app/services.h"

namespace accrue {

Result<Invoice> UpcomingInvoice(StoreTx& tx, const Services& services, const Actor& actor,
                                SubscriptionId id);

}  // namespace accrue
