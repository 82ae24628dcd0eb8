// API v1 for the issued documents as documents: the tamper-evident chain.
//
//   GET /v1/documents/verify   recompute the tenant's chain from the stored invoices and credit
//                              notes; 200 with "valid": true, or "valid": false and the first
//                              broken link (which document, why)
//
// The renderer is public so that `accrue verify --json` prints exactly what the API returns.
#pragma once

#include <string>

#include "accrue/api/http/http_server.h"
#include "accrue/app/document_chain.h"

namespace accrue::api {

std::string RenderChainVerification(const ChainVerification& v);

void RegisterDocumentRoutes(HttpServer& server, const Services& services);

}  // namespace accrue::api
