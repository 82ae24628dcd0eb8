#include "accrue/storage/sqlite/document_chain_repository.h"

#include "accrue/storage/sqlite/rows.h"

namespace accrue::sqlite {
namespace {

Result<ChainLink> ReadLink(const Statement& st) {
  ChainLink link;
  link.tenant_id = ColumnId<TenantId>(st, 0);
  link.seq = st.ColumnInt(1);
  Result<ChainedDocumentKind> kind = ParseChainedDocumentKind(st.ColumnTextView(2));
  if (!kind.ok()) return CorruptRow("document_chain", "kind");
  link.kind = *kind;
  std::string_view id = st.ColumnBlob(3);
  if (id.size() != 16) return CorruptRow("document_chain", "document_id");
  link.document_id = Uuid::FromBytes(id);
  link.hash = std::string(st.ColumnBlob(4));
  return link;
}

}  // namespace

Status SqliteDocumentChainRepository::Append(const std::vector<ChainLink>& links) {
  ASSIGN_OR_RETURN(Statement * st,
                   c_.Prepare("INSERT INTO document_chain (tenant_id, seq, kind, document_id, "
                              "hash) VALUES (?, ?, ?, ?, ?)"));
  for (const ChainLink& link : links) {
    BindId(*st, 1, link.tenant_id);
    st->Bind(2, link.seq).Bind(3, ChainedDocumentKindName(link.kind));
    st->BindBlob(4, link.document_id.Bytes()).BindBlob(5, link.hash);
    RETURN_IF_ERROR(st->Run());
  }
  return OkStatus();
}

Result<std::optional<ChainLink>> SqliteDocumentChainRepository::Head(TenantId tenant) {
  ASSIGN_OR_RETURN(Statement * st,
                   c_.Prepare("SELECT tenant_id, seq, kind, document_id, hash FROM "
                              "document_chain WHERE tenant_id = ? ORDER BY seq DESC LIMIT 1"));
  BindId(*st, 1, tenant);
  ASSIGN_OR_RETURN(bool row, st->Step());
  if (!row) return std::optional<ChainLink>();
  ASSIGN_OR_RETURN(ChainLink link, ReadLink(*st));
  st->Reset();
  return std::optional<ChainLink>(std::move(link));
}

Result<std::vector<ChainLink>> SqliteDocumentChainRepository::List(TenantId tenant,
                                                                   int64_t after_seq, int limit) {
  ASSIGN_OR_RETURN(Statement * st,
                   c_.Prepare("SELECT tenant_id, seq, kind, document_id, hash FROM "
                              "document_chain WHERE tenant_id = ? AND seq > ? ORDER BY seq "
                              "LIMIT ?"));
  BindId(*st, 1, tenant);
  st->Bind(2, after_seq).Bind(3, static_cast<int64_t>(limit));
  std::vector<ChainLink> out;
  while (true) {
    ASSIGN_OR_RETURN(bool row, st->Step());
    if (!row) break;
    ASSIGN_OR_RETURN(ChainLink link, ReadLink(*st));
    out.push_back(std::move(link));
  }
  return out;
}

}  // namespace accrue::sqlite
