// Use cases for the tamper-evident document chain (domain/document_chain.h): link documents as
// they are issued, in the issuing transaction, and verify a tenant's whole chain.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "accrue/app/services.h"
#include "accrue/domain/document_chain.h"

namespace accrue {

// Links finalized invoices, in order, after the tenant's head. One read of the head per call, so
// the billing run pays it once per batch.
Status ChainInvoices(StoreTx& tx, TenantId tenant, const std::vector<Invoice*>& invoices);
Status ChainCreditNote(StoreTx& tx, const CreditNote& note);

enum class ChainBreak {
  kAltered,     // the document no longer hashes to its link: an amount, a line, a date changed
  kMissing,     // the link names a document that is not there any more
  kUnreadable,  // the stored document fails its own checks (e.g. lines no longer sum to totals)
  kGap,         // a link is missing: the sequence jumps
};
std::string_view ChainBreakName(ChainBreak reason);

struct BrokenLink {
  int64_t seq = 0;
  ChainedDocumentKind kind = ChainedDocumentKind::kInvoice;
  Uuid document_id;
  std::string number;  // empty when the document cannot be read
  ChainBreak reason = ChainBreak::kAltered;
  std::string message;
};

struct ChainVerification {
  int64_t documents_checked = 0;  // links that verified before the first break (all when intact)
  int64_t head_seq = 0;           // 0: nothing issued yet
  std::string head_hash;          // raw bytes of the last link's stored hash; empty if none
  std::optional<BrokenLink> first_broken;
  bool ok() const { return !first_broken.has_value(); }
};

// Recomputes every link of the actor's tenant from the stored documents, in chain order, and stops
// at the first that does not match. Reads in pages, so memory does not grow with the chain.
Result<ChainVerification> VerifyDocumentChain(StoreTx& tx, const Actor& actor);

}  // namespace accrue
