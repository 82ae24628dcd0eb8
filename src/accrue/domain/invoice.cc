#include "accrue/domain/invoice.h"

#include "accrue/base/strings.h"

namespace accrue {
namespace {

struct StatusName {
  InvoiceStatus status;
  std::string_view name;
};
constexpr StatusName kStatusNames[] = {
    {InvoiceStatus::kDraft, "draft"},
    {InvoiceStatus::kOpen, "open"},
    {InvoiceStatus::kSent, "sent"},
    {InvoiceStatus::kPartiallyPaid, "partially_paid"},
    {InvoiceStatus::kPaid, "paid"},
    {InvoiceStatus::kDisputed, "disputed"},
    {InvoiceStatus::kCredited, "credited"},
    {InvoiceStatus::kVoid, "void"},
    {InvoiceStatus::kUncollectible, "uncollectible"},
    {InvoiceStatus::kArchived, "archived"},
};

struct Sums {
  int64_t subtotal = 0;
  int64_t total = 0;
  int64_t due = 0;
};

Result<Sums> Sum(const Invoice& inv) {
  Sums s;
  for (const InvoiceLine& line : inv.lines) {
    if (__builtin_add_overflow(s.subtotal, line.amount_minor, &s.subtotal)) {
      return InvalidArgument("lines", "amount.overflow", "invoice subtotal overflows");
    }
  }
  if (__builtin_add_overflow(s.subtotal, inv.tax_minor, &s.total) ||
      __builtin_sub_overflow(s.total, inv.amount_paid_minor, &s.due) ||
      __builtin_sub_overflow(s.due, inv.amount_credited_minor, &s.due)) {
    return InvalidArgument("lines", "amount.overflow", "invoice total overflows");
  }
  return s;
}

// What the customer still owes. A credit or overpayment beyond the total becomes customer credit,
// so amount due never goes below zero; a void invoice asks for nothing.
int64_t AmountDue(const Invoice& inv, const Sums& s) {
  if (inv.status == InvoiceStatus::kVoid) return 0;
  return s.due < 0 ? 0 : s.due;
}

}  // namespace

std::string_view InvoiceStatusName(InvoiceStatus status) {
  for (const StatusName& n : kStatusNames) {
    if (n.status == status) return n.name;
  }
  return "draft";
}

Result<InvoiceStatus> ParseInvoiceStatus(std::string_view text) {
  for (const StatusName& n : kStatusNames) {
    if (n.name == text) return n.status;
  }
  return InvalidArgument("status", "invoice.status_unknown",
                         fmt::format("unknown invoice status '{}'", text));
}

std::string_view DeliveryStatusName(DeliveryStatus status) {
  return status == DeliveryStatus::kSent ? "sent" : "not_sent";
}

std::string_view DisputeStatusName(DisputeStatus status) {
  switch (status) {
    case DisputeStatus::kNone:
      return "none";
    case DisputeStatus::kOpen:
      return "open";
    case DisputeStatus::kWon:
      return "won";
    case DisputeStatus::kLost:
      return "lost";
  }
  return "none";
}

const InvoiceLine* FindLine(const Invoice& invoice, InvoiceLineId id) {
  for (const InvoiceLine& line : invoice.lines) {
    if (line.id == id) return &line;
  }
  return nullptr;
}

Status ComputeTotals(Invoice& inv) {
  ASSIGN_OR_RETURN(Sums s, Sum(inv));
  inv.subtotal_minor = s.subtotal;
  inv.total_minor = s.total;
  inv.amount_due_minor = AmountDue(inv, s);
  return OkStatus();
}

Status CheckTotals(const Invoice& inv) {
  ASSIGN_OR_RETURN(Sums s, Sum(inv));
  const int64_t due = AmountDue(inv, s);
  if (s.subtotal != inv.subtotal_minor || s.total != inv.total_minor ||
      due != inv.amount_due_minor) {
    return MakeError(absl::StatusCode::kDataLoss, "invoice.totals_mismatch",
                     fmt::format("invoice {} totals disagree with its lines: stored subtotal {} "
                                 "total {} due {}, computed {} {} {}",
                                 inv.id.ToString(), inv.subtotal_minor, inv.total_minor,
                                 inv.amount_due_minor, s.subtotal, s.total, due));
  }
  return OkStatus();
}

}  // namespace accrue
