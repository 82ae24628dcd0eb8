// Typed identifiers of every Accrue resource. All are UUIDv7 (see base/uuid.h); the distinct types
// stop a CustomerId from being passed where an InvoiceId is expected.
#pragma once

#include "accrue/base/strong_id.h"

namespace accrue {

using TenantId = StrongId<struct TenantTag>;
using ApiKeyId = StrongId<struct ApiKeyTag>;
using CustomerId = StrongId<struct CustomerTag>;
using PlanId = StrongId<struct PlanTag>;
using SubscriptionId = StrongId<struct SubscriptionTag>;
using InvoiceId = StrongId<struct InvoiceTag>;
using InvoiceLineId = StrongId<struct InvoiceLineTag>;
using BillingRunId = StrongId<struct BillingRunTag>;
using MeterId = StrongId<struct MeterTag>;
using PaymentId = StrongId<struct PaymentTag>;
using PaymentEventId = StrongId<struct PaymentEventTag>;
using CreditNoteId = StrongId<struct CreditNoteTag>;
using CreditNoteLineId = StrongId<struct CreditNoteLineTag>;

}  // namespace accrue
