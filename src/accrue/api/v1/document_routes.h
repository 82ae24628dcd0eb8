// API v1 for the issued documents as documents: files, the seller block they carry, and the
// tamper-evident chain.
//
//   GET  /v1/invoices/{id}/pdf[?locale=de-DE]          application/pdf
//   GET  /v1/invoices/{id}/ubl|cii[?profile=en16931|peppol|xrechnung]   application/xml
//   GET  /v1/credit_notes/{id}/pdf|ubl|cii             the same for credit notes
//   GET  /v1/seller_profile                            the seller block, payment details, PDF look
//   POST /v1/seller_profile                            update some of its fields
//   GET  /v1/documents/verify   recompute the tenant's chain from the stored invoices and credit
//                              notes; 200 with "valid": true, or "valid": false and the first
//                              broken link (which document, why)
//
// The renderers are public so that the CLI prints exactly what the API returns.
#pragma once

#include <string>

#include "accrue/api/http/http_server.h"
#include "accrue/app/document_chain.h"
#include "accrue/domain/seller_profile.h"

namespace accrue::api {

std::string RenderChainVerification(const ChainVerification& v);
std::string RenderSellerProfile(const SellerProfile& profile);

void RegisterDocumentRoutes(HttpServer& server, const Services& services);

}  // namespace accrue::api
