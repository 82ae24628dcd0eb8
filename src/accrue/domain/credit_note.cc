#include "accrue/domain/credit_note.h"

#include <algorithm>
#include <cstdlib>

#include "absl/container/flat_hash_set.h"
#include "accrue/base/enum_names.h"
#include "accrue/base/strings.h"
#include "accrue/domain/invoice_lifecycle.h"
#include "accrue/money/decimal.h"

namespace accrue {
namespace {

constexpr EnumNames<CreditNoteReason, 6> kReasonNames{{
    {CreditNoteReason::kDuplicate, "duplicate"},
    {CreditNoteReason::kFraudulent, "fraudulent"},
    {CreditNoteReason::kOrderChange, "order_change"},
    {CreditNoteReason::kProductUnsatisfactory, "product_unsatisfactory"},
    {CreditNoteReason::kBillingError, "billing_error"},
    {CreditNoteReason::kOther, "other"},
}};

bool IsCreditable(InvoiceStatus status) {
  switch (status) {
    case InvoiceStatus::kOpen:
    case InvoiceStatus::kSent:
    case InvoiceStatus::kPartiallyPaid:
    case InvoiceStatus::kPaid:
      return true;
    default:
      return false;
  }
}

Status RequireCreditable(const Invoice& inv) {
  if (inv.marked_uncollectible_at.has_value()) {
    // Its receivable left the books as bad debt; taking revenue back now would need the write-off
    // undone first.
    return WrongState("invoice.written_off",
                      fmt::format("invoice {} was written off as uncollectible; it cannot be "
                                  "credited",
                                  inv.id.ToString()));
  }
  if (IsCreditable(inv.status)) return OkStatus();
  return WrongState("invoice.not_creditable",
                    fmt::format("invoice {} is {}; credit notes apply to open, sent, partially "
                                "paid or paid invoices (edit a draft instead)",
                                inv.id.ToString(), InvoiceStatusName(inv.status)));
}

// a × b / c rounded half away from zero, exact for any int64 inputs whose result fits.
int64_t MulDivRound(int64_t a, int64_t b, int64_t c) {
  const Int128 num = static_cast<Int128>(a) * b;
  Int128 q = num / c;
  const Int128 r = num % c;
  const Int128 twice = (r < 0 ? -r : r) * 2;
  const Int128 abs_c = c < 0 ? -c : c;
  if (twice >= abs_c) q += ((num < 0) != (c < 0)) ? -1 : 1;
  return static_cast<int64_t>(q);
}

// Splits `amount` (> 0) over `weights` (> 0) in proportion, largest remainders first (ties: the
// earlier weight), so the parts add up to `amount` exactly.
std::vector<int64_t> SpreadByWeight(int64_t amount, const std::vector<int64_t>& weights) {
  Int128 total = 0;
  for (int64_t w : weights) total += w;
  std::vector<int64_t> parts(weights.size());
  std::vector<std::pair<Int128, size_t>> remainders;
  int64_t given = 0;
  for (size_t i = 0; i < weights.size(); ++i) {
    const Int128 num = static_cast<Int128>(amount) * weights[i];
    parts[i] = static_cast<int64_t>(num / total);
    given += parts[i];
    remainders.emplace_back(num % total, i);
  }
  std::stable_sort(remainders.begin(), remainders.end(),
                   [](const auto& a, const auto& b) { return a.first > b.first; });
  for (size_t k = 0; given < amount; ++k, ++given) ++parts[remainders[k].second];
  return parts;
}

}  // namespace

std::string_view CreditNoteReasonName(CreditNoteReason reason) {
  return EnumName(kReasonNames, reason);
}

Result<CreditNoteReason> ParseCreditNoteReason(std::string_view text) {
  return ParseEnumName(kReasonNames, text, "reason", "credit_note_reason");
}

PriorCredits SumCredits(const std::vector<CreditNote>& notes) {
  PriorCredits out;
  for (const CreditNote& n : notes) {
    for (const CreditNoteLine& l : n.lines) out.net_by_line[l.invoice_line_id] += l.amount_minor;
    out.net_minor += n.subtotal_minor;
    out.tax_minor += n.tax_minor;
    out.total_minor += n.total_minor;
  }
  return out;
}

int64_t TaxForCreditedNet(const Invoice& invoice, int64_t net_minor) {
  if (invoice.subtotal_minor == 0 || invoice.tax_minor == 0) return 0;
  if (net_minor == invoice.subtotal_minor) return invoice.tax_minor;
  return MulDivRound(invoice.tax_minor, net_minor, invoice.subtotal_minor);
}

Result<CreditNote> PlanCreditNote(const Invoice& inv, const std::vector<CreditNote>& prior,
                                  const CreditRequest& request, CreditNoteId id,
                                  const std::function<CreditNoteLineId()>& new_line_id,
                                  absl::Time now) {
  RETURN_IF_ERROR(RequireCreditable(inv));
  if (!request.lines.empty() && request.amount_minor.has_value()) {
    return InvalidArgument("amount", "parameter.conflict",
                           "give either lines or an amount, not both");
  }
  if (request.memo.size() > kCreditNoteMemoLengthMax) {
    return InvalidArgument("memo", "parameter.too_long",
                           fmt::format("at most {} bytes", kCreditNoteMemoLengthMax));
  }
  const PriorCredits before = SumCredits(prior);
  const int64_t creditable = inv.total_minor - before.total_minor;
  if (creditable <= 0) {
    return WrongState("credit_note.nothing_to_credit",
                      fmt::format("invoice {} is credited in full", inv.id.ToString()));
  }
  auto left_of = [&](const InvoiceLine& line) {
    auto it = before.net_by_line.find(line.id);
    return line.amount_minor - (it == before.net_by_line.end() ? 0 : it->second);
  };

  CreditNote note;
  note.id = id;
  note.tenant_id = inv.tenant_id;
  note.invoice_id = inv.id;
  note.customer_id = inv.customer_id;
  note.currency = inv.currency;
  note.reason = request.reason;
  note.memo = request.memo;
  note.created_at = now;
  auto add_line = [&](const InvoiceLine& line, int64_t amount) {
    note.lines.push_back(CreditNoteLine{new_line_id(), line.id, line.description, amount,
                                        line.amount_minor - left_of(line)});
  };
  std::optional<int64_t> tax;  // set when the gross amount was given

  if (!request.lines.empty()) {
    absl::flat_hash_set<InvoiceLineId> seen;
    for (size_t i = 0; i < request.lines.size(); ++i) {
      const auto& [line_id, amount] = request.lines[i];
      const std::string param = fmt::format("lines[{}]", i);
      const InvoiceLine* line = FindLine(inv, line_id);
      if (line == nullptr) {
        return InvalidArgument(param + ".invoice_line", "credit_note.unknown_line",
                               fmt::format("invoice {} has no line {}", inv.id.ToString(),
                                           line_id.ToString()));
      }
      if (!seen.insert(line_id).second) {
        return InvalidArgument(param + ".invoice_line", "parameter.duplicate",
                               "each invoice line at most once per credit note");
      }
      const int64_t left = left_of(*line);
      if (amount == 0 || (amount > 0) != (left > 0) || std::llabs(amount) > std::llabs(left)) {
        return InvalidArgument(
            param + ".amount", "credit_note.exceeds_line",
            fmt::format("{} minor units of line {} are left to credit (with the line's sign), "
                        "{} asked",
                        left, line_id.ToString(), amount));
      }
      add_line(*line, amount);
    }
  } else if (request.amount_minor.has_value() && *request.amount_minor < creditable) {
    const int64_t gross = *request.amount_minor;
    if (gross <= 0) {
      return InvalidArgument("amount", "parameter.out_of_range",
                             "the amount must be greater than zero");
    }
    // The net N whose tax makes N + tax(N) = gross; N + tax(N) grows by one or two per unit of N,
    // so when no N hits `gross` exactly the tax takes the odd unit.
    const int64_t net_left = inv.subtotal_minor - before.net_minor;
    int64_t net = MulDivRound(gross, net_left, creditable);
    auto gross_of = [&](int64_t n) {
      return n + TaxForCreditedNet(inv, before.net_minor + n) - before.tax_minor;
    };
    while (net > 0 && gross_of(net) > gross) --net;
    while (gross_of(net + 1) <= gross) ++net;
    if (net <= 0) {
      return InvalidArgument("amount", "credit_note.amount_too_small",
                             "the amount is smaller than the tax on the smallest net credit");
    }
    tax = gross - net;
    std::vector<const InvoiceLine*> lines;
    std::vector<int64_t> weights;
    for (const InvoiceLine& line : inv.lines) {
      if (left_of(line) > 0) {
        lines.push_back(&line);
        weights.push_back(left_of(line));
      }
    }
    const std::vector<int64_t> parts = SpreadByWeight(net, weights);
    for (size_t i = 0; i < lines.size(); ++i) {
      if (parts[i] != 0) add_line(*lines[i], parts[i]);
    }
  } else {
    if (request.amount_minor.has_value() && *request.amount_minor > creditable) {
      return InvalidArgument("amount", "credit_note.exceeds_creditable",
                             fmt::format("{} minor units of invoice {} are left to credit, {} asked",
                                         creditable, inv.id.ToString(), *request.amount_minor));
    }
    for (const InvoiceLine& line : inv.lines) {
      if (left_of(line) != 0) add_line(line, left_of(line));
    }
  }

  for (const CreditNoteLine& l : note.lines) note.subtotal_minor += l.amount_minor;
  note.tax_minor =
      tax.value_or(TaxForCreditedNet(inv, before.net_minor + note.subtotal_minor) - before.tax_minor);
  note.total_minor = note.subtotal_minor + note.tax_minor;
  if (note.total_minor <= 0) {
    return InvalidArgument(request.lines.empty() ? "amount" : "lines",
                           "credit_note.not_positive",
                           "a credit note credits a positive amount (crediting only a discount "
                           "line would raise what is owed; issue an invoice instead)");
  }
  if (note.total_minor > creditable) {
    return InvalidArgument(request.lines.empty() ? "amount" : "lines",
                           "credit_note.exceeds_creditable",
                           fmt::format("{} minor units of invoice {} are left to credit, {} asked "
                                       "(credit its discount lines too)",
                                       creditable, inv.id.ToString(), note.total_minor));
  }
  return note;
}

Result<std::optional<InvoiceStatusChange>> ApplyCreditNote(Invoice& inv, const CreditNote& note,
                                                           const std::string& actor,
                                                           absl::Time now) {
  RETURN_IF_ERROR(RequireCreditable(inv));
  if (note.invoice_id != inv.id || note.total_minor <= 0 ||
      note.total_minor > inv.amount_due_minor) {
    return InternalError("credit_note.not_applicable",
                         fmt::format("credit note of {} exceeds the {} due on invoice {}; take the "
                                     "paid part back from the payments first",
                                     note.total_minor, inv.amount_due_minor, inv.id.ToString()));
  }
  inv.amount_credited_minor += note.total_minor;
  RETURN_IF_ERROR(ComputeTotals(inv));
  InvoiceStatus to = inv.status;  // partly credited with something still due: it stays
  if (inv.amount_credited_minor == inv.total_minor) {
    to = InvoiceStatus::kCredited;
  } else if (inv.amount_due_minor == 0) {
    to = InvoiceStatus::kPaid;
    inv.paid_at = now;
  }
  return MoveWithFacts(inv, to,
                       TransitionContext{actor, fmt::format("credit note {}", note.number), now});
}

}  // namespace accrue
