#include "accrue/domain/credit_note.h"

#include <gtest/gtest.h>

#include <random>

#include "accrue/domain/invoice_lifecycle.h"
#include "testing/status_matchers.h"

namespace accrue {
namespace {

using testing::HasParam;
using testing::HasReason;

const Currency kEur = Currency::FromCodeOrDie("EUR");
const absl::Time kNow = absl::FromUnixSeconds(1767225600);

template <typename Id>
Id MakeId(uint64_t n) {
  std::string bytes(16, '\0');
  for (int i = 0; i < 8; ++i) bytes[static_cast<size_t>(15 - i)] = static_cast<char>(n >> (8 * i));
  bytes[6] = 0x70;
  return Id(Uuid::FromBytes(bytes));
}

// An open invoice with the given net line amounts and tax.
Invoice OpenInvoice(std::vector<int64_t> lines, int64_t tax) {
  Invoice inv;
  inv.id = MakeId<InvoiceId>(1);
  inv.tenant_id = MakeId<TenantId>(2);
  inv.customer_id = MakeId<CustomerId>(3);
  inv.currency = kEur;
  inv.status = InvoiceStatus::kOpen;
  inv.number = "INV-2026-000001";
  for (size_t i = 0; i < lines.size(); ++i) {
    InvoiceLine line;
    line.id = MakeId<InvoiceLineId>(100 + i);
    line.description = "line " + std::to_string(i);
    line.quantity = Decimal::FromInt(1);
    line.amount_minor = lines[i];
    inv.lines.push_back(line);
  }
  inv.tax_minor = tax;
  EXPECT_TRUE(ComputeTotals(inv).ok());
  return inv;
}

struct Issuer {
  uint64_t next = 1000;
  std::function<CreditNoteLineId()> line_id() {
    return [this] { return MakeId<CreditNoteLineId>(next++); };
  }
  // Plans the note and applies it, as IssueCreditNote does for an unpaid invoice.
  Result<CreditNote> Issue(Invoice& inv, std::vector<CreditNote>& prior, CreditRequest req) {
    ASSIGN_OR_RETURN(CreditNote note, PlanCreditNote(inv, prior, req, MakeId<CreditNoteId>(next++),
                                                     line_id(), kNow));
    note.number = "CN-" + std::to_string(prior.size() + 1);
    note.due_reduced_minor = std::min(note.total_minor, inv.amount_due_minor);
    note.returned_minor = note.total_minor - note.due_reduced_minor;
    RETURN_IF_ERROR(ApplyCreditNote(inv, note, "test", kNow).status());
    prior.push_back(note);
    return note;
  }
};

CreditRequest Amount(int64_t gross) {
  CreditRequest r;
  r.amount_minor = gross;
  return r;
}

TEST(CreditNoteTest, FullCreditTakesEveryLineAndTheWholeTax) {
  Invoice inv = OpenInvoice({10000, 2550}, 2385);
  Issuer is;
  std::vector<CreditNote> prior;
  ASSERT_OK_AND_ASSIGN(CreditNote n, is.Issue(inv, prior, CreditRequest{}));
  EXPECT_EQ(n.subtotal_minor, 12550);
  EXPECT_EQ(n.tax_minor, 2385);
  EXPECT_EQ(n.total_minor, inv.total_minor);
  ASSERT_EQ(n.lines.size(), 2u);
  EXPECT_EQ(n.lines[0].invoice_line_id, inv.lines[0].id);
  EXPECT_EQ(n.lines[1].amount_minor, 2550);
  EXPECT_EQ(inv.status, InvoiceStatus::kCredited);
  EXPECT_EQ(inv.amount_due_minor, 0);
  EXPECT_EQ(inv.amount_credited_minor, inv.total_minor);
  // Nothing is left: a second note is refused.
  EXPECT_THAT(is.Issue(inv, prior, CreditRequest{}), HasReason("invoice.not_creditable"));
}

TEST(CreditNoteTest, AGrossAmountIsSplitIntoNetAndTaxThatAddUp) {
  Invoice inv = OpenInvoice({10000}, 1900);  // 100.00 + 19 % VAT
  Issuer is;
  std::vector<CreditNote> prior;
  ASSERT_OK_AND_ASSIGN(CreditNote n, is.Issue(inv, prior, Amount(3000)));
  EXPECT_EQ(n.total_minor, 3000);
  EXPECT_EQ(n.subtotal_minor + n.tax_minor, 3000);
  EXPECT_EQ(n.subtotal_minor, 2521);  // 25.21 + 4.79 (19 % of 25.21 = 4.7899)
  EXPECT_EQ(n.tax_minor, 479);
  EXPECT_EQ(inv.status, InvoiceStatus::kOpen);
  EXPECT_EQ(inv.amount_due_minor, 11900 - 3000);
}

TEST(CreditNoteTest, ManyPartialCreditsEndExactlyOnTheInvoice) {
  // Property: whatever partial amounts come first, the last note credits what is left and the
  // notes together credit the invoice's subtotal, tax and total exactly, line by line.
  std::mt19937_64 rng(20261122);
  for (int round = 0; round < 300; ++round) {
    std::uniform_int_distribution<int64_t> amount(1, 500000);
    std::vector<int64_t> lines;
    const int n_lines = 1 + static_cast<int>(rng() % 4);
    for (int i = 0; i < n_lines; ++i) lines.push_back(amount(rng));
    int64_t subtotal = 0;
    for (int64_t l : lines) subtotal += l;
    const int64_t tax = subtotal * static_cast<int64_t>(rng() % 28) / 100;
    Invoice inv = OpenInvoice(lines, tax);
    Issuer is;
    std::vector<CreditNote> prior;
    const int partials = static_cast<int>(rng() % 4);
    for (int p = 0; p < partials; ++p) {
      const int64_t left = inv.total_minor - inv.amount_credited_minor;
      if (left < 10) break;
      const int64_t gross = 1 + static_cast<int64_t>(rng() % static_cast<uint64_t>(left / 2));
      Result<CreditNote> n = is.Issue(inv, prior, Amount(gross));
      if (!n.ok()) {
        // Only a gross smaller than the tax on one cent of net is refused.
        ASSERT_THAT(n, HasReason("credit_note.amount_too_small")) << gross;
        continue;
      }
      ASSERT_EQ(n->total_minor, gross);
    }
    ASSERT_OK(is.Issue(inv, prior, CreditRequest{}).status());
    PriorCredits sum = SumCredits(prior);
    ASSERT_EQ(sum.net_minor, inv.subtotal_minor);
    ASSERT_EQ(sum.tax_minor, inv.tax_minor);
    ASSERT_EQ(sum.total_minor, inv.total_minor);
    for (const InvoiceLine& line : inv.lines) ASSERT_EQ(sum.net_by_line[line.id], line.amount_minor);
    for (const CreditNote& n : prior) {
      ASSERT_GT(n.total_minor, 0);
      for (const CreditNoteLine& l : n.lines) ASSERT_GT(l.amount_minor, 0);
    }
    ASSERT_EQ(inv.status, InvoiceStatus::kCredited);
  }
}

TEST(CreditNoteTest, CreditByLine) {
  Invoice inv = OpenInvoice({4000, 6000}, 0);
  Issuer is;
  std::vector<CreditNote> prior;
  CreditRequest req;
  req.lines = {{inv.lines[1].id, 2500}};
  ASSERT_OK_AND_ASSIGN(CreditNote n, is.Issue(inv, prior, req));
  ASSERT_EQ(n.lines.size(), 1u);
  EXPECT_EQ(n.lines[0].credited_before_minor, 0);
  EXPECT_EQ(n.total_minor, 2500);
  // The next note on the same line knows what the first took.
  req.lines = {{inv.lines[1].id, 3500}};
  ASSERT_OK_AND_ASSIGN(CreditNote second, is.Issue(inv, prior, req));
  EXPECT_EQ(second.lines[0].credited_before_minor, 2500);
  req.lines = {{inv.lines[1].id, 1}};
  EXPECT_THAT(is.Issue(inv, prior, req), HasParam("lines[0].amount"));
  EXPECT_THAT(is.Issue(inv, prior, req), HasReason("credit_note.exceeds_line"));
  EXPECT_EQ(inv.status, InvoiceStatus::kOpen);
  EXPECT_EQ(inv.amount_due_minor, 4000);
}

TEST(CreditNoteTest, BadRequestsNameTheField) {
  Invoice inv = OpenInvoice({4000, 6000}, 0);
  Issuer is;
  std::vector<CreditNote> prior;
  CreditRequest unknown;
  unknown.lines = {{MakeId<InvoiceLineId>(999), 100}};
  EXPECT_THAT(is.Issue(inv, prior, unknown), HasReason("credit_note.unknown_line"));
  EXPECT_THAT(is.Issue(inv, prior, unknown), HasParam("lines[0].invoice_line"));
  CreditRequest twice;
  twice.lines = {{inv.lines[0].id, 100}, {inv.lines[0].id, 100}};
  EXPECT_THAT(is.Issue(inv, prior, twice), HasParam("lines[1].invoice_line"));
  CreditRequest negative;
  negative.lines = {{inv.lines[0].id, -100}};
  EXPECT_THAT(is.Issue(inv, prior, negative), HasReason("credit_note.exceeds_line"));
  CreditRequest both;
  both.lines = {{inv.lines[0].id, 100}};
  both.amount_minor = 100;
  EXPECT_THAT(is.Issue(inv, prior, both), HasReason("parameter.conflict"));
  EXPECT_THAT(is.Issue(inv, prior, Amount(10001)), HasReason("credit_note.exceeds_creditable"));
  CreditRequest memo;
  memo.memo = std::string(kCreditNoteMemoLengthMax + 1, 'x');
  EXPECT_THAT(is.Issue(inv, prior, memo), HasParam("memo"));
  EXPECT_TRUE(prior.empty());
  EXPECT_EQ(inv.amount_credited_minor, 0);
}

TEST(CreditNoteTest, OnlyIssuedInvoicesThatWereNotWrittenOffCanBeCredited) {
  Issuer is;
  for (InvoiceStatus s : {InvoiceStatus::kDraft, InvoiceStatus::kVoid, InvoiceStatus::kCredited,
                          InvoiceStatus::kUncollectible, InvoiceStatus::kArchived}) {
    Invoice inv = OpenInvoice({1000}, 0);
    inv.status = s;
    std::vector<CreditNote> prior;
    EXPECT_THAT(is.Issue(inv, prior, CreditRequest{}), HasReason("invoice.not_creditable"))
        << InvoiceStatusName(s);
  }
  Invoice recovered = OpenInvoice({1000}, 0);
  recovered.status = InvoiceStatus::kPaid;
  recovered.marked_uncollectible_at = kNow;
  std::vector<CreditNote> prior;
  EXPECT_THAT(is.Issue(recovered, prior, CreditRequest{}), HasReason("invoice.written_off"));
}

TEST(CreditNoteTest, DiscountLinesAreCreditedBackWithTheirSign) {
  Invoice inv = OpenInvoice({10000, -2000}, 0);
  Issuer is;
  std::vector<CreditNote> prior;
  // Crediting the full line alone would credit more than the invoice's total.
  CreditRequest line_only;
  line_only.lines = {{inv.lines[0].id, 10000}};
  EXPECT_THAT(is.Issue(inv, prior, line_only), HasReason("credit_note.exceeds_creditable"));
  CreditRequest only_discount;
  only_discount.lines = {{inv.lines[1].id, -2000}};
  EXPECT_THAT(is.Issue(inv, prior, only_discount), HasReason("credit_note.not_positive"));
  ASSERT_OK_AND_ASSIGN(CreditNote all, is.Issue(inv, prior, CreditRequest{}));
  ASSERT_EQ(all.lines.size(), 2u);
  EXPECT_EQ(all.lines[1].amount_minor, -2000);
  EXPECT_EQ(all.total_minor, 8000);
  EXPECT_EQ(inv.status, InvoiceStatus::kCredited);
}

TEST(CreditNoteTest, APaidInvoiceCreditedInPartStaysPaid) {
  // The caller took the returned part back from the payments first (paid 100 → 70).
  Invoice inv = OpenInvoice({10000}, 0);
  inv.amount_paid_minor = 7000;
  inv.status = InvoiceStatus::kPartiallyPaid;
  ASSERT_OK(ComputeTotals(inv));
  Issuer is;
  std::vector<CreditNote> prior;
  ASSERT_OK_AND_ASSIGN(CreditNote n, is.Issue(inv, prior, Amount(3000)));
  EXPECT_EQ(n.due_reduced_minor, 3000);
  EXPECT_EQ(inv.status, InvoiceStatus::kPaid);
  EXPECT_EQ(inv.amount_due_minor, 0);
  EXPECT_TRUE(inv.paid_at.has_value());
}

TEST(CreditNoteTest, ANoteLargerThanWhatIsDueIsRefusedUntilThePaymentsLetGo) {
  Invoice inv = OpenInvoice({10000}, 0);
  inv.amount_paid_minor = 10000;
  inv.status = InvoiceStatus::kPaid;
  ASSERT_OK(ComputeTotals(inv));
  Issuer is;
  ASSERT_OK_AND_ASSIGN(CreditNote n, PlanCreditNote(inv, {}, Amount(3000),
                                                    MakeId<CreditNoteId>(7), is.line_id(), kNow));
  EXPECT_THAT(ApplyCreditNote(inv, n, "test", kNow), HasReason("credit_note.not_applicable"));
  EXPECT_EQ(inv.amount_credited_minor, 0);
}

TEST(CreditNoteTest, AnInvoiceWithCreditNotesCannotBeVoided) {
  Invoice inv = OpenInvoice({10000}, 0);
  Issuer is;
  std::vector<CreditNote> prior;
  ASSERT_OK(is.Issue(inv, prior, Amount(100)).status());
  EXPECT_THAT(Void(inv, TransitionContext{"test", "", kNow}), HasReason("invoice.has_credit_notes"));
  EXPECT_EQ(inv.status, InvoiceStatus::kOpen);
}

TEST(CreditNoteTest, ReasonsRoundTrip) {
  for (std::string_view name : {"duplicate", "fraudulent", "order_change", "product_unsatisfactory",
                                "billing_error", "other"}) {
    ASSERT_OK_AND_ASSIGN(CreditNoteReason r, ParseCreditNoteReason(name));
    EXPECT_EQ(CreditNoteReasonName(r), name);
  }
  EXPECT_THAT(ParseCreditNoteReason("because"), HasReason("credit_note_reason.unknown"));
}

}  // namespace
}  // namespace accrue
