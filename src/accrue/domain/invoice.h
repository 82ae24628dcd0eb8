// Invoice: the legal document Accrue exists to produce.
//
// Lifecycle (see invoice_lifecycle.h): a draft can change; finalizing assigns the next gapless
// number of the tenant's series and freezes number, lines, totals and the buyer snapshot forever.
// After that only the *facts* move — amounts paid and credited, delivery, dispute — and the status
// follows them through the legal transitions, each recorded with who and when. Corrections are
// credit notes or new invoices, never edits.
//
// Amounts are integer minor units of `currency`; a line's amount is rounded once, when the line
// is built (half-up, named at the rounding site). `CheckTotals` is the invariant
// total == subtotal + tax, subtotal == Σ line amounts, amount_due == max(0, total − paid −
// credited), and 0 once void;
// it is asserted when an invoice is built and verified again when one is loaded.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "accrue/domain/attributes.h"
#include "accrue/domain/customer.h"
#include "accrue/domain/ids.h"
#include "accrue/domain/pricing/usage_line.h"
#include "accrue/money/currency.h"
#include "accrue/money/decimal.h"

namespace accrue {

enum class InvoiceStatus {
  kDraft,
  kOpen,            // finalized (posted), numbered, nothing has happened since
  kSent,            // delivered to the customer
  kPartiallyPaid,
  kPaid,
  kDisputed,
  kCredited,        // fully offset by credit notes
  kVoid,
  kUncollectible,
  kArchived,
};
std::string_view InvoiceStatusName(InvoiceStatus status);
Result<InvoiceStatus> ParseInvoiceStatus(std::string_view text);

enum class DeliveryStatus { kNotSent, kSent };
enum class DisputeStatus { kNone, kOpen, kWon, kLost };
std::string_view DeliveryStatusName(DeliveryStatus status);
std::string_view DisputeStatusName(DisputeStatus status);

struct InvoiceLine {
  InvoiceLineId id;
  std::string description;
  Decimal quantity;      // exact; 1 for a fixed fee
  Decimal unit_price;    // full precision (up to 12 decimals)
  int64_t amount_minor = 0;  // quantity × unit_price rounded half-up to the currency's minor unit
  std::optional<absl::Time> period_start;
  std::optional<absl::Time> period_end;  // exclusive
  std::optional<PlanId> plan_id;
  // Set on lines billing usage (in arrears): how the amount was priced, so it can be recomputed.
  // For those lines `quantity` is the measured quantity and `unit_price` the per_unit price (0
  // for the other models, whose price lives in the steps).
  std::optional<UsageLineDetails> usage;
};

// The buyer as it was when the invoice was finalized (legal requirement: the document shows the
// address it was issued to, whatever the customer record says later).
struct BuyerSnapshot {
  std::string name;
  std::string email;
  PostalAddress address;
  std::vector<TaxIdentifier> tax_ids;
};

struct Invoice {
  InvoiceId id;
  TenantId tenant_id;
  CustomerId customer_id;
  std::optional<SubscriptionId> subscription_id;
  std::optional<int64_t> period_index;  // the subscription period this invoice bills
  std::optional<BillingRunId> billing_run_id;
  InvoiceStatus status = InvoiceStatus::kDraft;
  std::optional<std::string> number;  // set at finalization
  std::optional<int64_t> sequence;    // the gapless counter value behind `number`
  // Always set by whoever builds the value; Currency has no "none", so a placeholder is needed.
  Currency currency = Currency::FromCodeOrDie("EUR");
  std::string title;
  std::string description;
  Tags tags;
  Metadata metadata;
  BuyerSnapshot buyer;
  std::vector<InvoiceLine> lines;
  std::optional<absl::Time> period_start;
  std::optional<absl::Time> period_end;
  int64_t subtotal_minor = 0;
  int64_t tax_minor = 0;
  int64_t total_minor = 0;
  int64_t amount_paid_minor = 0;
  int64_t amount_credited_minor = 0;
  int64_t amount_due_minor = 0;
  int net_terms_days = 30;
  std::optional<absl::CivilDay> issue_date;  // the finalization day, local to the customer
  std::optional<absl::CivilDay> due_date;    // issue_date + net_terms_days
  DeliveryStatus delivery_status = DeliveryStatus::kNotSent;
  DisputeStatus dispute_status = DisputeStatus::kNone;
  absl::Time created_at;
  absl::Time updated_at;
  std::optional<absl::Time> finalized_at;
  std::optional<absl::Time> sent_at;
  std::optional<absl::Time> paid_at;
  std::optional<absl::Time> voided_at;
  std::optional<absl::Time> marked_uncollectible_at;
  std::optional<absl::Time> archived_at;
};

// One recorded lifecycle transition.
struct InvoiceStatusChange {
  InvoiceId invoice_id;
  TenantId tenant_id;
  std::optional<InvoiceStatus> from;  // empty for creation
  InvoiceStatus to;
  std::string actor;   // "api_key:<id>", "cli", "billing_run:<id>"
  std::string reason;  // optional free text
  absl::Time at;
};

inline constexpr size_t kInvoiceLinesMax = 1000;
inline constexpr size_t kInvoiceTitleLengthMax = 200;
inline constexpr size_t kInvoiceDescriptionLengthMax = 2000;

// The line of `invoice` with id `id`, or nullptr.
const InvoiceLine* FindLine(const Invoice& invoice, InvoiceLineId id);

// Recomputes subtotal, total and amount due from the lines and facts. Returns an error on
// overflow (which only absurd input can cause).
Status ComputeTotals(Invoice& invoice);
// Verifies the totals invariant without changing anything; an error names what disagrees.
Status CheckTotals(const Invoice& invoice);

}  // namespace accrue
