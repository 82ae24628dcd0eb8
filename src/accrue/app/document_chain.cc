#include "accrue/app/document_chain.h"

#include "accrue/app/ports/credit_note_store.h"
#include "accrue/app/ports/document_chain_store.h"
#include "accrue/base/crypto.h"
#include "accrue/base/enum_names.h"

namespace accrue {
namespace {

constexpr EnumNames<ChainBreak, 4> kBreakNames{{
    {ChainBreak::kAltered, "altered"},
    {ChainBreak::kMissing, "missing"},
    {ChainBreak::kUnreadable, "unreadable"},
    {ChainBreak::kGap, "gap"},
}};

constexpr int kVerifyPageSize = 1000;

// The canonical form of the document a link names, or why there is none.
struct Recomputed {
  std::optional<std::string> canonical;
  std::string number;
  ChainBreak reason = ChainBreak::kMissing;
  std::string message;
};

// What a stored document says about its link: its canonical form, or why there is none.
template <typename Doc, typename NumberOf, typename CanonicalOf>
Result<Recomputed> FromStored(const Result<std::optional<Doc>>& found, const std::string& what,
                              NumberOf number_of, CanonicalOf canonical_of) {
  Recomputed out;
  if (!found.ok()) {
    // A row that fails its own checks on load (DataLoss) is reported, not served; for the chain
    // it is the answer. Anything else (I/O) is the caller's error.
    if (found.status().code() != absl::StatusCode::kDataLoss) return found.status();
    out.reason = ChainBreak::kUnreadable;
    out.message = fmt::format("{} cannot be read: {}", what, std::string(found.status().message()));
    return out;
  }
  if (!found->has_value()) {
    out.message = fmt::format("{} is linked but no longer stored", what);
    return out;
  }
  out.number = number_of(**found);
  out.canonical = canonical_of(**found);
  return out;
}

Result<Recomputed> Recompute(StoreTx& tx, const ChainLink& link) {
  const std::string what =
      fmt::format("{} {}", ChainedDocumentKindName(link.kind), link.document_id.ToString());
  if (link.kind == ChainedDocumentKind::kInvoice) {
    return FromStored(
        tx.invoices().Find(link.tenant_id, InvoiceId(link.document_id)), what,
        [](const Invoice& inv) { return inv.number.value_or(""); },
        [](const Invoice& inv) { return CanonicalInvoice(inv); });
  }
  return FromStored(
      tx.credit_notes().Find(link.tenant_id, CreditNoteId(link.document_id)), what,
      [](const CreditNote& note) { return note.number; },
      [](const CreditNote& note) { return CanonicalCreditNote(note); });
}

}  // namespace

std::string_view ChainBreakName(ChainBreak reason) { return EnumName(kBreakNames, reason); }

Status ChainInvoices(StoreTx& tx, TenantId tenant, const std::vector<Invoice*>& invoices) {
  if (invoices.empty()) return OkStatus();
  ASSIGN_OR_RETURN(std::optional<ChainLink> head, tx.document_chain().Head(tenant));
  ChainBuilder chain(tenant, head);
  for (const Invoice* inv : invoices) {
    chain.Add(ChainedDocumentKind::kInvoice, inv->id.uuid(), CanonicalInvoice(*inv));
  }
  return tx.document_chain().Append(chain.links());
}

Status ChainCreditNote(StoreTx& tx, const CreditNote& note) {
  ASSIGN_OR_RETURN(std::optional<ChainLink> head, tx.document_chain().Head(note.tenant_id));
  ChainBuilder chain(note.tenant_id, head);
  chain.Add(ChainedDocumentKind::kCreditNote, note.id.uuid(), CanonicalCreditNote(note));
  return tx.document_chain().Append(chain.links());
}

Result<ChainVerification> VerifyDocumentChain(StoreTx& tx, const Actor& actor) {
  ChainVerification v;
  ASSIGN_OR_RETURN(std::optional<ChainLink> head, tx.document_chain().Head(actor.tenant));
  if (!head.has_value()) return v;
  v.head_seq = head->seq;
  v.head_hash = head->hash;

  std::string previous = GenesisHash();
  int64_t expected_seq = 1;
  while (expected_seq <= v.head_seq) {
    ASSIGN_OR_RETURN(std::vector<ChainLink> page,
                     tx.document_chain().List(actor.tenant, expected_seq - 1, kVerifyPageSize));
    if (page.empty()) break;
    for (const ChainLink& link : page) {
      auto broken = [&](ChainBreak reason, std::string number, std::string message) {
        v.first_broken = BrokenLink{link.seq,          link.kind, link.document_id,
                                    std::move(number), reason,    std::move(message)};
      };
      if (link.seq != expected_seq) {
        broken(ChainBreak::kGap, "",
               fmt::format("the chain jumps from link {} to link {}", expected_seq - 1, link.seq));
        return v;
      }
      ASSIGN_OR_RETURN(Recomputed doc, Recompute(tx, link));
      if (!doc.canonical.has_value()) {
        broken(doc.reason, doc.number, std::move(doc.message));
        return v;
      }
      const std::string hash = ChainHash(previous, *doc.canonical);
      if (hash != link.hash) {
        broken(ChainBreak::kAltered, doc.number,
               fmt::format("{} {} ({}) differs from what was issued: its hash is {}, the chain "
                           "recorded {}",
                           ChainedDocumentKindName(link.kind), doc.number,
                           link.document_id.ToString(), HexEncode(hash), HexEncode(link.hash)));
        return v;
      }
      previous = link.hash;
      ++expected_seq;
      ++v.documents_checked;
    }
  }
  if (v.documents_checked != v.head_seq) {
    v.first_broken = BrokenLink{
        expected_seq,     ChainedDocumentKind::kInvoice,
        Uuid(),           "",
        ChainBreak::kGap, fmt::format("links {} to {} are missing", expected_seq, v.head_seq)};
  }
  return v;
}

}  // namespace accrue
