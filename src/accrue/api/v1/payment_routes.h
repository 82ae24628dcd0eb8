// API v1 endpoints of payments:
//   POST /v1/payments                          record money received (optionally applied at once)
//   GET  /v1/payments?customer=&status=        newest first
//   GET  /v1/payments/{id}
//   GET  /v1/payments/{id}/events              what became of it, oldest first
//   POST /v1/payments/{id}/apply               {"apply_to":[{"invoice":id,"amount":"10.00"}]}
//   POST /v1/payments/{id}/unapply             {"invoice":id,"amount":"10.00"?,"reason":"..."?}
//   POST /v1/payments/{id}/refund              {"amount":"5.00"?,"reason":"..."?}
//   POST /v1/payments/{id}/reverse             {"reason":"..."?}  (bank return, chargeback)
//   GET  /v1/invoices/{id}/payments            applications to one invoice
// Amounts are decimal strings exact in the payment's currency; every POST takes an
// Idempotency-Key. Every move writes its balanced journal entry in the same transaction.
#pragma once

#include "accrue/api/http/http_server.h"
#include "accrue/app/services.h"

namespace accrue::api {

void RegisterPaymentRoutes(HttpServer& server, const Services& services);

}  // namespace accrue::api
