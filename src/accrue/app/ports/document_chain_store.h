// The document chain's storage port (domain/document_chain.h). Links are appended, in sequence
// order, in the transaction that issues their documents, and never change. Reached as
// StoreTx::document_chain(); scoped by tenant like every port.
#pragma once

#include <optional>
#include <vector>

#include "accrue/app/ports/store.h"
#include "accrue/domain/document_chain.h"

namespace accrue {

class DocumentChainRepository {
 public:
  virtual ~DocumentChainRepository() = default;
  // Links must continue the tenant's chain: seq = head + 1, + 2, ... (a repeated seq is refused
  // by the store, so two writers can never both extend the same head).
  virtual Status Append(const std::vector<ChainLink>& links) = 0;
  // The last link, or nullopt for a tenant that has issued nothing yet.
  virtual Result<std::optional<ChainLink>> Head(TenantId tenant) = 0;
  // Up to `limit` links with seq > after_seq, in sequence order.
  virtual Result<std::vector<ChainLink>> List(TenantId tenant, int64_t after_seq, int limit) = 0;
};

}  // namespace accrue
