// Reconciliation matching: which open invoices does each incoming bank payment pay?
//
// The matcher weighs evidence in a fixed order, strongest first, and stops at the first level
// that yields candidates:
//   1. Reference: an RF reference or one of our invoice numbers in the remittance text, the
//      structured creditor reference or the end-to-end id (see remittance.h). One payment may
//      name several invoices; it pays them in full when the amount is their sum, one invoice in
//      part when it names one and pays less.
//   2. Amount + customer: no reference, but the payment equals an invoice's amount due and the
//      payer is that invoice's customer (a known IBAN, or the same name once legal forms and
//      punctuation are ignored).
//   3. Amount + date window + name: the amount fits, the invoice fell due near the booking
//      date, and the payer's name resembles the customer's.
// Each outcome carries a confidence from 0 to 100 (the constants below). A line is applied
// automatically only when its best outcome reaches the tenant's threshold and is unambiguous;
// everything else becomes an exception-queue item with up to kCandidatesMax ranked candidates
// and a machine reason ("reconcile.ambiguous", "reconcile.no_candidate", …) saying why a person
// must look at it. The thresholds are chosen so that nothing reaches the default threshold on
// one piece of evidence alone: every automatic outcome has two that agree (a reference and the
// exact amount; a reference and the payer; the amount and the payer).
//
// Speed: InvoiceIndex::Build indexes the open invoices by compact number, by RF reference, by
// (currency, amount due, due date) and by customer, so one line costs a few hash lookups and a
// bounded scan; 100,000 lines against 1,000,000 invoices is a benchmark
// (bench/reconcile_benchmark.cc).
//
// Lifecycle: an InvoiceIndex refers to the invoices and payers it was built from, which must
// outlive it. Thread-safety: a built index is immutable and may be shared by threads; Reconcile
// keeps its per-call state (amounts already applied in this run) locally.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/time/civil_time.h"
#include "accrue/base/status.h"
#include "accrue/domain/banking/remittance.h"
#include "accrue/domain/banking/statement.h"
#include "accrue/money/money.h"

namespace accrue::banking {

// What the matcher needs to know about one open invoice (a projection the caller builds).
struct OpenInvoice {
  std::string id;
  std::string number;  // as issued, e.g. "INV-2026-000123"
  std::string customer_id;
  std::string customer_name;
  Money amount_due = Money::FromMinor(0, Currency::FromCodeOrDie("EUR"));  // still open, > 0
  absl::CivilDay due_date;
  std::string rf_reference;  // compact RF reference printed on the invoice, or ""
};

// An account a customer has paid from before (learned from earlier applied payments).
struct KnownPayer {
  std::string iban;  // compact, upper case
  std::string customer_id;
};

// Tenant settings. Confidences are 0..100.
struct MatchPolicy {
  int auto_apply_confidence_min = 90;
  // Level 3 looks for invoices that fell due at most this many days before the booking date
  // (late payers) or fall due at most this many days after it (early payers).
  int due_window_days_before = 60;
  int due_window_days_after = 30;
  // A payer name at least this similar (NameSimilarity) to the customer's corroborates.
  int name_similarity_min = 75;
};

// Confidences, one per kind of outcome; see the header comment for the reasoning.
inline constexpr int kConfidenceReferenceExactAmount = 98;     // reference(s) + Σ due == amount
inline constexpr int kConfidenceReferencePartialPayer = 92;    // one reference, less, payer agrees
inline constexpr int kConfidenceReferenceOverpaidPayer = 90;   // reference(s), more, payer agrees
inline constexpr int kConfidenceReferenceUncorroborated = 70;  // partial/over without the payer
inline constexpr int kConfidenceAmountKnownIban = 94;          // amount + payer's known IBAN
inline constexpr int kConfidenceAmountSameName = 91;           // amount + identical payer name
inline constexpr int kConfidenceAmountSimilarNameBase = 50;    // + up to 30 for the name, +5 date
inline constexpr int kConfidenceAmountOnly = 30;               // amount (+5 in the date window)
inline constexpr int kConfidenceCustomerOnly = 20;             // the payer's other invoices
// Two outcomes closer than this are ambiguous and go to the queue.
inline constexpr int kConfidenceMarginMin = 5;

inline constexpr size_t kCandidatesMax = 5;
// Level 3 scans at most this many invoices of one (currency, amount) bucket in the date window.
inline constexpr size_t kAmountBucketScanMax = 256;
inline constexpr size_t kOpenInvoicesMax = 50'000'000;

// One payment to match: an entry, or one payment of a batch entry. Views into the Statement,
// which must outlive it.
struct PaymentLine {
  explicit PaymentLine(Money line_amount) : amount(line_amount) {}

  size_t entry_index = 0;
  std::optional<size_t> detail_index;  // set when the line is one payment of a batch
  Money amount;                        // signed, as booked
  EntryStatus status = EntryStatus::kBooked;
  bool reversal = false;
  std::optional<absl::CivilDay> date;  // booking date, else value date
  std::string_view end_to_end_id;
  std::string_view creditor_reference;
  const Counterparty* counterparty = nullptr;
  const std::vector<std::string>* remittance_lines = nullptr;
};

// The lines of a statement: one per entry, except that a batch entry whose details each state
// an amount, in the entry's currency and summing to it, gives one line per detail.
std::vector<PaymentLine> PaymentLines(const Statement& statement);

class InvoiceIndex {
 public:
  // Indexes `invoices` (ids and numbers unique; amounts due > 0). Errors (InvalidArgument):
  // "reconcile.too_many_invoices" beyond kOpenInvoicesMax, "reconcile.bad_invoice" (param
  // "invoices[i]...") for a non-positive amount due or a duplicate number.
  static Result<InvoiceIndex> Build(std::span<const OpenInvoice> invoices,
                                    std::span<const KnownPayer> payers,
                                    InvoiceNumberPattern pattern);

  const OpenInvoice& invoice(uint32_t i) const { return invoices_[i]; }
  size_t size() const { return invoices_.size(); }

 private:
  friend class LineMatcher;
  InvoiceIndex() = default;

  std::span<const OpenInvoice> invoices_;
  InvoiceNumberPattern pattern_;
  absl::flat_hash_map<std::string, uint32_t> by_number_;  // compact number → invoice
  absl::flat_hash_map<std::string, uint32_t> by_rf_;
  // Every invoice, sorted by (currency, amount due, due date): contiguous keys, so a lookup is
  // a binary search without chasing pointers into the invoices.
  struct AmountKey {
    Currency currency;
    int64_t amount_minor;
    absl::CivilDay due_date;
    uint32_t invoice;
    friend bool operator<(const AmountKey& a, const AmountKey& b) {
      return std::tie(a.currency, a.amount_minor, a.due_date, a.invoice) <
             std::tie(b.currency, b.amount_minor, b.due_date, b.invoice);
    }
  };
  std::vector<AmountKey> by_amount_;
  // Dense customer numbers: per invoice, and customer → its invoices (CSR layout).
  std::vector<uint32_t> customer_of_;
  std::vector<uint32_t> customer_invoices_begin_;
  std::vector<uint32_t> customer_invoices_;
  absl::flat_hash_map<std::string, uint32_t> customer_by_id_;
  // Per customer: the name's letter pairs, normalised once (see NameBigrams).
  std::vector<std::vector<uint16_t>> customer_bigrams_;
  // Normalised customer name → customer; kAmbiguous when two customers share it.
  absl::flat_hash_map<std::string, uint32_t> customer_by_name_;
  absl::flat_hash_map<std::string, uint32_t> customer_by_iban_;
  static constexpr uint32_t kAmbiguous = UINT32_MAX;
};

enum class Decision { kApplied, kQueued, kSkipped };
enum class Evidence { kNone, kReference, kAmountAndCustomer, kAmountDateName, kCustomerOnly };

struct Allocation {
  uint32_t invoice;  // index into the invoices the index was built from
  Money amount;
};

struct Candidate {
  uint32_t invoice;
  int confidence;
  Evidence evidence;
};

struct MatchResult {
  Decision decision = Decision::kQueued;
  Evidence evidence = Evidence::kNone;
  int confidence = 0;
  // kApplied: what each invoice receives; Σ allocations + unapplied == the payment.
  std::vector<Allocation> allocations;
  std::optional<Money> unapplied;  // overpayment left as unapplied cash
  // kQueued: the best candidates, best first (may be empty: nobody we know paid this).
  std::vector<Candidate> candidates;
  // Why the line was queued or skipped ("" when applied): see matcher.cc for the list.
  std::string reason;
};

// Matches `lines` in order. Amounts applied to an invoice by an earlier line of the same call
// are no longer due for later lines (a duplicate payment is queued, not applied twice).
std::vector<MatchResult> Reconcile(std::span<const PaymentLine> lines, const InvoiceIndex& index,
                                   const MatchPolicy& policy);

const char* EvidenceName(Evidence evidence);
const char* DecisionName(Decision decision);

}  // namespace accrue::banking
