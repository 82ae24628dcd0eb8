// SQLite implementation of DocumentChainRepository (app/ports/document_chain_store.h). Internal
// to storage/sqlite.
#pragma once

#include <string_view>

#include "accrue/app/ports/document_chain_store.h"
#include "accrue/storage/sqlite/sqlite_db.h"

namespace accrue::sqlite {

// Migration 12: the chain of issued documents. Keyed by (tenant, seq), so links append at the
// end of the B-tree and a repeated seq is a primary-key violation: two writers extending the
// same head cannot both commit. The previous hash is not stored; it is the hash of seq − 1.
inline constexpr std::string_view kDocumentChainSchema = R"sql(
CREATE TABLE document_chain (
  tenant_id BLOB NOT NULL,
  seq INTEGER NOT NULL CHECK (seq > 0),
  kind TEXT NOT NULL,
  document_id BLOB NOT NULL,
  hash BLOB NOT NULL CHECK (length(hash) = 32),
  PRIMARY KEY (tenant_id, seq)
) WITHOUT ROWID;
)sql";

class SqliteDocumentChainRepository final : public DocumentChainRepository {
 public:
  explicit SqliteDocumentChainRepository(Connection& c) : c_(c) {}
  Status Append(const std::vector<ChainLink>& links) override;
  Result<std::optional<ChainLink>> Head(TenantId tenant) override;
  Result<std::vector<ChainLink>> List(TenantId tenant, int64_t after_seq, int limit) override;

 private:
  Connection& c_;
};

}  // namespace accrue::sqlite
