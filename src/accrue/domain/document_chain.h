// The tamper-evident chain of a tenant's issued documents.
//
// Every finalized invoice and every credit note gets a link: the next sequence number of the
// tenant's chain and hash = SHA-256(previous link's hash ‖ SHA-256(canonical form)). The
// canonical form (below) holds everything the document says and that can never change after
// issue: number, dates, buyer, lines, amounts. Facts that legitimately move later (status,
// amounts paid and credited, delivery) are not in it. Editing a stored document, deleting one,
// or reordering the chain breaks the link at that document and every link after it, so
// verification names the first document that no longer matches what was issued.
//
// What it does not prove: someone who can rewrite the database can rewrite the whole chain from
// the tampered document on. Record the head hash somewhere else (an auditor's file, a monthly
// export) and a rewrite shows as a different head; docs/decisions/0018-document-chain.md says more.
//
// Pure; thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "absl/time/time.h"
#include "accrue/domain/credit_note.h"
#include "accrue/domain/ids.h"
#include "accrue/domain/invoice.h"

namespace accrue {

enum class ChainedDocumentKind { kInvoice, kCreditNote };
std::string_view ChainedDocumentKindName(ChainedDocumentKind kind);
Result<ChainedDocumentKind> ParseChainedDocumentKind(std::string_view text);

inline constexpr size_t kChainHashSize = 32;  // SHA-256, raw bytes

struct ChainLink {
  TenantId tenant_id;
  int64_t seq = 0;  // 1, 2, 3, ... per tenant, no gap
  ChainedDocumentKind kind = ChainedDocumentKind::kInvoice;
  Uuid document_id;
  std::string hash;  // kChainHashSize raw bytes
};

// The hash the first link chains to: 32 zero bytes.
const std::string& GenesisHash();

// The canonical forms, versioned by their first line ("accrue.invoice.v1"): one "name=value"
// line per field in a fixed order, text escaped (\\, \n, \r) so no value can fake a line.
// Amounts are integer minor units, quantities and prices exact decimals, instants
// microseconds since the epoch. Only for finalized invoices (number and sequence set).
std::string CanonicalInvoice(const Invoice& invoice);
std::string CanonicalCreditNote(const CreditNote& note);

// SHA-256(previous_hash ‖ SHA-256(canonical)).
std::string ChainHash(std::string_view previous_hash, std::string_view canonical);

// Builds links for documents issued in order, continuing after `head` (nullopt: the chain is
// empty). Appends to `out`; returns the new head.
class ChainBuilder {
 public:
  ChainBuilder(TenantId tenant, const std::optional<ChainLink>& head);
  const ChainLink& Add(ChainedDocumentKind kind, Uuid document_id, std::string_view canonical);
  const std::vector<ChainLink>& links() const { return links_; }

 private:
  TenantId tenant_;
  int64_t next_seq_;
  std::string previous_hash_;
  std::vector<ChainLink> links_;
};

}  // namespace accrue
