// The document chain through the use cases: the billing run links every invoice it finalizes
// (across batches, in number order), single finalization and credit notes link theirs, drafts
// are not documents, a rerun links nothing twice, and verification recomputes it all.
#include "accrue/app/document_chain.h"

#include <gtest/gtest.h>

#include "accrue/app/credit_notes.h"
#include "accrue/app/ports/document_chain_store.h"
#include "accrue/storage/contract/billed_customer_fixture.h"

namespace accrue::testing {
namespace {

class DocumentChainContractTest : public BilledCustomerTest {
 protected:
  ChainVerification Verify(const Actor& actor) {
    return *f_.Read<ChainVerification>([&](StoreTx& tx) { return VerifyDocumentChain(tx, actor); });
  }
  std::vector<ChainLink> Links(const Actor& actor) {
    return *f_.Read<std::vector<ChainLink>>(
        [&](StoreTx& tx) { return tx.document_chain().List(actor.tenant, 0, 1000); });
  }
};

TEST_F(DocumentChainContractTest, BillingRunAndCreditNotesExtendOneChain) {
  ChainVerification v = Verify(actor_);
  EXPECT_TRUE(v.ok());
  EXPECT_EQ(v.documents_checked, 3);
  EXPECT_EQ(v.head_seq, 3);
  std::vector<ChainLink> links = Links(actor_);
  ASSERT_EQ(links.size(), 3u);
  for (size_t i = 0; i < links.size(); ++i) {
    EXPECT_EQ(links[i].seq, static_cast<int64_t>(i + 1));
    EXPECT_EQ(links[i].kind, ChainedDocumentKind::kInvoice);
    EXPECT_EQ(links[i].document_id, invoices_[i].id.uuid());  // number order
  }

  CreditNoteFields f;
  f.invoice = invoices_[2].id.ToString();
  f.amount = "5.00";
  CreditNote note = f_.Write<CreditNote>(
      [&](StoreTx& tx) { return IssueCreditNote(tx, f_.services(), actor_, f); });
  links = Links(actor_);
  ASSERT_EQ(links.size(), 4u);
  EXPECT_EQ(links[3].kind, ChainedDocumentKind::kCreditNote);
  EXPECT_EQ(links[3].document_id, note.id.uuid());
  EXPECT_TRUE(Verify(actor_).ok());
  EXPECT_EQ(Verify(actor_).documents_checked, 4);

  // A rerun of the same cycle issues nothing, so links nothing.
  BillingRunOptions options;
  options.billing_at = NoonUtc(2026, 3, 2);
  ASSERT_OK(RunBilling(f_.services(), actor_, options).status());
  EXPECT_EQ(Links(actor_).size(), 4u);
}

TEST_F(DocumentChainContractTest, DraftsAreLinkedWhenFinalizedNotBefore) {
  const Actor other = f_.NewTenant("Drafts Co");
  const Customer c = f_.NewCustomer(other);
  const Plan p = f_.NewPlan(other, "basic", "EUR", "10.00");
  f_.NewSubscription(other, c, p, absl::CivilDay(2026, 1, 1));
  BillingRunOptions options;
  options.billing_at = NoonUtc(2026, 2, 2);
  options.finalize = false;
  ASSERT_OK(RunBilling(f_.services(), other, options).status());
  EXPECT_EQ(Verify(other).head_seq, 0);

  Page<Invoice> drafts = *f_.Read<Page<Invoice>>([&](StoreTx& tx) {
    return ListInvoices(tx, other, InvoiceFilter{}, PageRequest{100, {}});
  });
  ASSERT_EQ(drafts.items.size(), 2u);
  for (const Invoice& d : drafts.items) {
    f_.Write<Invoice>([&](StoreTx& tx) { return FinalizeInvoice(tx, f_.services(), other, d.id); });
  }
  ChainVerification v = Verify(other);
  EXPECT_TRUE(v.ok());
  EXPECT_EQ(v.documents_checked, 2);
  // The first tenant's chain is untouched by the second's.
  EXPECT_EQ(Verify(actor_).head_seq, 3);
}

TEST_F(DocumentChainContractTest, ManyBatchesMakeOneGaplessChain) {
  const Actor big = f_.NewTenant("Batches Co");
  const Plan p = f_.NewPlan(big, "seat", "EUR", "3.00");
  for (int i = 0; i < 25; ++i) {
    f_.NewSubscription(big, f_.NewCustomer(big), p, absl::CivilDay(2026, 1, 1));
  }
  BillingRunOptions options;
  options.billing_at = NoonUtc(2026, 1, 2);
  options.batch_size = 4;
  ASSERT_OK(RunBilling(f_.services(), big, options).status());
  ChainVerification v = Verify(big);
  EXPECT_TRUE(v.ok()) << (v.first_broken ? v.first_broken->message : "");
  EXPECT_EQ(v.documents_checked, 25);
  EXPECT_EQ(v.head_seq, 25);
}

}  // namespace
}  // namespace accrue::testing
