// HTTP routes of credit notes: POST /v1/credit_notes, GET /v1/credit_notes[/{id}],
// GET /v1/invoices/{id}/credit_notes.
#pragma once

#include "accrue/api/http/http_server.h"
#include "accrue/app/services.h"

namespace accrue::api {

void RegisterCreditNoteRoutes(HttpServer& server, const Services& services);

}  // namespace accrue::api
