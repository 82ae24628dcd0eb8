#include "accrue/domain/banking/matcher.h"

#include <fmt/format.h>

#include <algorithm>
#include <numeric>
#include <tuple>

#include "accrue/base/check.h"
#include "accrue/domain/banking/creditor_reference.h"

// Reasons a line is queued or skipped (stable; shown in the exception queue):
//   reconcile.not_a_credit       a debit: money went out, nothing to match against receivables
//   reconcile.not_booked         pending or information-only entry
//   reconcile.reversal           a bank return; handled by the payments module, not here
//   reconcile.partial_uncorroborated  a reference, but the amount differs and nothing else
//                                confirms the payer
//   reconcile.partial_several    several references paid together with less than their sum
//   reconcile.reference_amount_conflict  the referenced invoice's amount differs, but the payer
//                                has another open invoice of exactly this amount
//   reconcile.already_paid       every referenced invoice is paid (e.g. a duplicate payment)
//   reconcile.payer_conflict     reference and amount agree, but the payer is known to be
//                                another customer
//   reconcile.currency_mismatch  the references name invoices in another currency
//   reconcile.ambiguous          several candidates are about as likely
//   reconcile.low_confidence     one candidate, below the tenant's threshold
//   reconcile.amount_mismatch    the payer is known, but no open invoice has this amount
//   reconcile.no_candidate       nothing we know of: unapplied cash until someone decides

namespace accrue::banking {
namespace {

constexpr int kDateWindowBonus = 5;
constexpr int kSimilarNameRange = 30;

}  // namespace

std::vector<PaymentLine> PaymentLines(const Statement& statement) {
  std::vector<PaymentLine> lines;
  lines.reserve(statement.entries.size());
  for (size_t i = 0; i < statement.entries.size(); ++i) {
    const Entry& e = statement.entries[i];
    PaymentLine base(e.amount);
    base.entry_index = i;
    base.status = e.status;
    base.reversal = e.reversal;
    base.date = e.booking_date.has_value() ? e.booking_date : e.value_date;
    bool split = e.details.size() > 1;
    int64_t sum = 0;
    for (const TransactionDetails& d : e.details) {
      if (!split) break;
      if (!d.amount.has_value() || d.amount->currency() != e.amount.currency() ||
          d.amount->Sign() != e.amount.Sign()) {
        split = false;
      } else if (__builtin_add_overflow(sum, d.amount->minor_units(), &sum)) {
        split = false;
      }
    }
    if (split && sum == e.amount.minor_units()) {
      for (size_t k = 0; k < e.details.size(); ++k) {
        const TransactionDetails& d = e.details[k];
        PaymentLine line = base;
        line.detail_index = k;
        line.amount = *d.amount;
        line.end_to_end_id = d.end_to_end_id;
        line.creditor_reference = d.creditor_reference;
        line.counterparty = &d.counterparty;
        line.remittance_lines = &d.remittance_lines;
        lines.push_back(line);
      }
      continue;
    }
    base.end_to_end_id = e.end_to_end_id;
    base.creditor_reference = e.creditor_reference;
    base.counterparty = &e.counterparty;
    base.remittance_lines = &e.remittance_lines;
    lines.push_back(base);
  }
  return lines;
}

Result<InvoiceIndex> InvoiceIndex::Build(std::span<const OpenInvoice> invoices,
                                         std::span<const KnownPayer> payers,
                                         InvoiceNumberPattern pattern) {
  if (invoices.size() > kOpenInvoicesMax) {
    return InvalidArgument("invoices", "reconcile.too_many_invoices",
                           fmt::format("at most {} open invoices", kOpenInvoicesMax));
  }
  InvoiceIndex ix;
  ix.invoices_ = invoices;
  ix.pattern_ = std::move(pattern);
  const auto n = static_cast<uint32_t>(invoices.size());
  ix.by_number_.reserve(n);
  ix.customer_by_id_.reserve(n / 4 + 1);
  ix.customer_of_.resize(n);
  for (uint32_t i = 0; i < n; ++i) {
    const OpenInvoice& inv = invoices[i];
    if (inv.amount_due.Sign() <= 0) {
      return InvalidArgument(fmt::format("invoices[{}].amount_due", i), "reconcile.bad_invoice",
                             "an open invoice has a positive amount due");
    }
    if (!ix.by_number_.emplace(CompactReference(inv.number), i).second) {
      return InvalidArgument(fmt::format("invoices[{}].number", i), "reconcile.bad_invoice",
                             fmt::format("invoice number {} appears twice", inv.number));
    }
    if (!inv.rf_reference.empty()) ix.by_rf_.emplace(NormalizeRf(inv.rf_reference), i);
    auto [it, inserted] = ix.customer_by_id_.emplace(
        inv.customer_id, static_cast<uint32_t>(ix.customer_by_id_.size()));
    ix.customer_of_[i] = it->second;
    if (inserted) {
      auto [name_it, fresh] =
          ix.customer_by_name_.emplace(NormalizeName(inv.customer_name), it->second);
      if (!fresh && name_it->second != it->second) name_it->second = kAmbiguous;
    }
  }
  ix.customer_by_name_.erase("");
  // Customer → invoices, counting sort by customer.
  const size_t customers = ix.customer_by_id_.size();
  ix.customer_invoices_begin_.assign(customers + 1, 0);
  for (uint32_t c : ix.customer_of_) ++ix.customer_invoices_begin_[c + 1];
  std::partial_sum(ix.customer_invoices_begin_.begin(), ix.customer_invoices_begin_.end(),
                   ix.customer_invoices_begin_.begin());
  ix.customer_invoices_.resize(n);
  {
    std::vector<uint32_t> next(ix.customer_invoices_begin_.begin(),
                               ix.customer_invoices_begin_.end() - 1);
    for (uint32_t i = 0; i < n; ++i) ix.customer_invoices_[next[ix.customer_of_[i]]++] = i;
  }
  ix.by_amount_.reserve(n);
  for (uint32_t i = 0; i < n; ++i) {
    const OpenInvoice& inv = invoices[i];
    ix.by_amount_.push_back(
        {inv.amount_due.currency(), inv.amount_due.minor_units(), inv.due_date, i});
  }
  std::sort(ix.by_amount_.begin(), ix.by_amount_.end());
  ix.customer_bigrams_.resize(customers);
  for (uint32_t c = 0; c < customers; ++c) {
    const OpenInvoice& any = invoices[ix.customer_invoices_[ix.customer_invoices_begin_[c]]];
    ix.customer_bigrams_[c] = NameBigrams(NormalizeName(any.customer_name));
  }
  for (const KnownPayer& p : payers) {
    auto it = ix.customer_by_id_.find(p.customer_id);
    if (it == ix.customer_by_id_.end()) continue;  // a customer with nothing open
    auto [iban_it, fresh] = ix.customer_by_iban_.emplace(CompactReference(p.iban), it->second);
    if (!fresh && iban_it->second != it->second) iban_it->second = kAmbiguous;
  }
  return ix;
}

// Matches one line at a time against the index, remembering what this run already applied.
class LineMatcher {
 public:
  LineMatcher(const InvoiceIndex& ix, const MatchPolicy& policy) : ix_(ix), policy_(policy) {}

  MatchResult Match(const PaymentLine& line) {
    if (line.amount.Sign() <= 0) return Skip("reconcile.not_a_credit");
    if (line.status != EntryStatus::kBooked) return Skip("reconcile.not_booked");
    if (line.reversal) return Skip("reconcile.reversal");
    IdentifyPayer(line);
    std::vector<uint32_t> refs = FindReferences(line);
    if (!refs.empty()) return MatchReferences(line, refs);
    return MatchAmount(line);
  }

 private:
  static MatchResult Skip(const char* reason) {
    MatchResult r;
    r.decision = Decision::kSkipped;
    r.reason = reason;
    return r;
  }

  int64_t Remaining(uint32_t i) const {
    auto it = applied_.find(i);
    const int64_t due = ix_.invoices_[i].amount_due.minor_units();
    return it == applied_.end() ? due : due - it->second;
  }

  void IdentifyPayer(const PaymentLine& line) {
    payer_customer_.reset();
    payer_name_.clear();
    payer_bigrams_.clear();
    if (line.counterparty == nullptr) return;
    payer_name_ =
        NormalizeName(std::string_view(line.counterparty->name)
                          .substr(0, std::min<size_t>(line.counterparty->name.size(), 256)));
    if (!payer_name_.empty()) payer_bigrams_ = NameBigrams(payer_name_);
    if (!line.counterparty->iban.empty()) {
      auto it = ix_.customer_by_iban_.find(CompactReference(line.counterparty->iban));
      if (it != ix_.customer_by_iban_.end() && it->second != InvoiceIndex::kAmbiguous) {
        payer_customer_ = it->second;
        payer_by_iban_ = true;
        return;
      }
    }
    if (!payer_name_.empty()) {
      auto it = ix_.customer_by_name_.find(payer_name_);
      if (it != ix_.customer_by_name_.end() && it->second != InvoiceIndex::kAmbiguous) {
        payer_customer_ = it->second;
        payer_by_iban_ = false;
      }
    }
  }

  // NameSimilarity of the payer and the customer of invoice `i`, from bigrams made once.
  int SimilarityToCustomerOf(uint32_t i) const {
    if (payer_bigrams_.empty()) return 0;
    const uint32_t c = ix_.customer_of_[i];
    if (payer_customer_.has_value() && !payer_by_iban_ && *payer_customer_ == c) return 100;
    return BigramSimilarity(payer_bigrams_, ix_.customer_bigrams_[c]);
  }

  // Whether the payer is, or plausibly is, the customer of invoice `i`.
  bool PayerIsCustomerOf(uint32_t i) const {
    if (payer_customer_.has_value()) return *payer_customer_ == ix_.customer_of_[i];
    return SimilarityToCustomerOf(i) >= policy_.name_similarity_min;
  }

  std::vector<uint32_t> FindReferences(const PaymentLine& line) {
    text_.clear();
    if (line.remittance_lines != nullptr) {
      for (const std::string& l : *line.remittance_lines) {
        text_ += l;
        text_.push_back('\n');
      }
    }
    text_.push_back('\n');
    text_ += line.creditor_reference;
    text_.push_back('\n');
    text_ += line.end_to_end_id;
    std::vector<uint32_t> refs;
    auto add = [&refs](uint32_t i) {
      if (std::find(refs.begin(), refs.end(), i) == refs.end()) refs.push_back(i);
    };
    for (const std::string& rf : FindRfReferences(text_)) {
      auto it = ix_.by_rf_.find(rf);
      if (it != ix_.by_rf_.end()) add(it->second);
    }
    keys_.clear();
    ix_.pattern_.FindCandidates(text_, &keys_);
    // A structured reference or end-to-end id may be exactly our number in another spelling.
    for (std::string_view whole : {line.creditor_reference, line.end_to_end_id}) {
      if (!whole.empty()) keys_.push_back(CompactReference(whole));
    }
    for (const std::string& key : keys_) {
      auto it = ix_.by_number_.find(key);
      if (it != ix_.by_number_.end()) add(it->second);
    }
    return refs;
  }

  MatchResult MatchReferences(const PaymentLine& line, std::vector<uint32_t> refs) {
    MatchResult r;
    r.evidence = Evidence::kReference;
    const Currency currency = line.amount.currency();
    std::erase_if(refs,
                  [&](uint32_t i) { return ix_.invoices_[i].amount_due.currency() != currency; });
    if (refs.empty()) return Queue(std::move(r), "reconcile.currency_mismatch", {});
    std::erase_if(refs, [&](uint32_t i) { return Remaining(i) <= 0; });
    if (refs.empty()) {
      // A duplicate payment, or a typo naming a paid invoice: offer what the amount suggests.
      MatchResult by_amount = MatchAmount(line, /*may_apply=*/false);
      return QueueCandidates(std::move(r), "reconcile.already_paid",
                             std::move(by_amount.candidates));
    }
    std::sort(refs.begin(), refs.end(), [&](uint32_t a, uint32_t b) {
      return std::tuple(ix_.invoices_[a].due_date, a) < std::tuple(ix_.invoices_[b].due_date, b);
    });
    int64_t open = 0;
    for (uint32_t i : refs) {
      if (__builtin_add_overflow(open, Remaining(i), &open)) {
        return Queue(std::move(r), "reconcile.partial_several", refs);
      }
    }
    const int64_t paid = line.amount.minor_units();
    const bool payer_agrees =
        std::all_of(refs.begin(), refs.end(), [&](uint32_t i) { return PayerIsCustomerOf(i); });
    // The payer is positively someone else than the customer the reference names.
    const bool payer_contradicts =
        payer_customer_.has_value() && std::any_of(refs.begin(), refs.end(), [&](uint32_t i) {
          return ix_.customer_of_[i] != *payer_customer_;
        });
    if (payer_customer_.has_value() && (paid != open || payer_contradicts)) {
      // A mistyped number names another invoice; if the payer has an open invoice of exactly
      // this amount, the reference is the likelier error.
      std::vector<Candidate> exact = CustomerInvoicesOfAmount(*payer_customer_, line.amount, refs);
      if (!exact.empty()) {
        r.confidence = kConfidenceReferenceUncorroborated;
        for (uint32_t i : refs) exact.push_back({i, r.confidence, Evidence::kReference});
        return QueueCandidates(std::move(r), "reconcile.reference_amount_conflict",
                               std::move(exact));
      }
    }
    if (paid == open) {
      if (payer_contradicts) {
        r.confidence = kConfidenceReferenceUncorroborated;
        return Queue(std::move(r), "reconcile.payer_conflict", refs);
      }
      r.confidence = kConfidenceReferenceExactAmount + (payer_agrees ? 1 : 0);
      for (uint32_t i : refs)
        r.allocations.push_back({i, Money::FromMinor(Remaining(i), currency)});
      return Decide(std::move(r), refs);
    }
    if (paid < open) {
      if (refs.size() > 1) {
        r.confidence = kConfidenceReferenceUncorroborated;
        return Queue(std::move(r), "reconcile.partial_several", refs);
      }
      r.confidence =
          payer_agrees ? kConfidenceReferencePartialPayer : kConfidenceReferenceUncorroborated;
      if (!payer_agrees) return Queue(std::move(r), "reconcile.partial_uncorroborated", refs);
      r.allocations.push_back({refs[0], line.amount});
      return Decide(std::move(r), refs);
    }
    // More than everything named: pay them all, keep the rest as unapplied cash.
    r.confidence =
        payer_agrees ? kConfidenceReferenceOverpaidPayer : kConfidenceReferenceUncorroborated;
    if (!payer_agrees) return Queue(std::move(r), "reconcile.partial_uncorroborated", refs);
    for (uint32_t i : refs) r.allocations.push_back({i, Money::FromMinor(Remaining(i), currency)});
    r.unapplied = Money::FromMinor(paid - open, currency);
    return Decide(std::move(r), refs);
  }

  // The customer's other open invoices of exactly `amount`, oldest first.
  std::vector<Candidate> CustomerInvoicesOfAmount(uint32_t customer, Money amount,
                                                  const std::vector<uint32_t>& except) const {
    std::vector<Candidate> out;
    for (uint32_t k = ix_.customer_invoices_begin_[customer];
         k < ix_.customer_invoices_begin_[customer + 1]; ++k) {
      const uint32_t i = ix_.customer_invoices_[k];
      if (std::find(except.begin(), except.end(), i) == except.end() &&
          ix_.invoices_[i].amount_due.currency() == amount.currency() &&
          Remaining(i) == amount.minor_units()) {
        out.push_back({i, kConfidenceReferenceUncorroborated + 1, Evidence::kAmountAndCustomer});
      }
    }
    Rank(&out);
    return out;
  }

  // Levels 2 and 3. With `may_apply` false the outcome is only a ranked list for the queue.
  MatchResult MatchAmount(const PaymentLine& line, bool may_apply = true) {
    std::vector<Candidate> cands;
    const Currency currency = line.amount.currency();
    const int64_t paid = line.amount.minor_units();
    using Key = InvoiceIndex::AmountKey;
    auto amount_less = [](const Key& k, std::tuple<Currency, int64_t> v) {
      return std::tuple(k.currency, k.amount_minor) < v;
    };
    auto first = std::lower_bound(ix_.by_amount_.begin(), ix_.by_amount_.end(),
                                  std::tuple(currency, paid), amount_less);
    auto last = std::upper_bound(first, ix_.by_amount_.end(), std::tuple(currency, paid),
                                 [](std::tuple<Currency, int64_t> v, const Key& k) {
                                   return v < std::tuple(k.currency, k.amount_minor);
                                 });
    if (payer_customer_.has_value()) {
      // The payer is known: only their invoices of this amount count, wherever they fall due.
      // Walk whichever is shorter: the payer's invoices or the amount bucket.
      const uint32_t c = *payer_customer_;
      const int confidence =
          payer_by_iban_ ? kConfidenceAmountKnownIban : kConfidenceAmountSameName;
      const uint32_t own = ix_.customer_invoices_begin_[c + 1] - ix_.customer_invoices_begin_[c];
      if (own < static_cast<size_t>(last - first)) {
        for (uint32_t k = ix_.customer_invoices_begin_[c]; k < ix_.customer_invoices_begin_[c + 1];
             ++k) {
          const uint32_t i = ix_.customer_invoices_[k];
          if (ix_.invoices_[i].amount_due.currency() == currency &&
              ix_.invoices_[i].amount_due.minor_units() == paid && Remaining(i) == paid) {
            cands.push_back({i, confidence, Evidence::kAmountAndCustomer});
          }
        }
      } else {
        for (auto it = first; it != last; ++it) {
          if (ix_.customer_of_[it->invoice] != c || Remaining(it->invoice) != paid) continue;
          cands.push_back({it->invoice, confidence, Evidence::kAmountAndCustomer});
        }
      }
    }
    if (cands.empty() && first != last) {
      // Level 3: the date window narrows a bucket that can hold thousands of equal prices; if
      // nobody with a similar name falls due in it, look at the whole bucket (bounded).
      auto window_first = first, window_last = last;
      if (line.date.has_value()) {
        // Late payers pay after the due date, early ones before it.
        const absl::CivilDay from = *line.date - policy_.due_window_days_before;
        const absl::CivilDay to = *line.date + policy_.due_window_days_after;
        window_first = std::lower_bound(
            first, last, from, [](const Key& k, absl::CivilDay d) { return k.due_date < d; });
        window_last = std::upper_bound(
            window_first, last, to, [](absl::CivilDay d, const Key& k) { return d < k.due_date; });
      }
      const bool similar_in_window =
          ScanBucket(window_first, window_last, paid, line.date.has_value(), &cands);
      if (!similar_in_window && line.date.has_value()) {
        std::vector<Candidate> outside;
        ScanBucket(first, window_first, paid, false, &outside);
        ScanBucket(window_last, last, paid, false, &outside);
        cands.insert(cands.end(), outside.begin(), outside.end());
      }
    }
    MatchResult r;
    if (cands.empty()) {
      if (payer_customer_.has_value()) return QueueCustomerInvoices(line, std::move(r));
      return Queue(std::move(r), "reconcile.no_candidate", {});
    }
    Rank(&cands);
    r.evidence = cands[0].evidence;
    r.confidence = cands[0].confidence;
    const bool clear =
        cands.size() == 1 || cands[1].confidence + kConfidenceMarginMin <= cands[0].confidence;
    if (!clear) return QueueCandidates(std::move(r), "reconcile.ambiguous", std::move(cands));
    if (r.confidence < policy_.auto_apply_confidence_min) {
      return QueueCandidates(std::move(r), "reconcile.low_confidence", std::move(cands));
    }
    if (!may_apply)
      return QueueCandidates(std::move(r), "reconcile.low_confidence", std::move(cands));
    r.allocations.push_back({cands[0].invoice, line.amount});
    r.candidates = std::move(cands);
    return Apply(std::move(r));
  }

  // Scores the invoices in [first, last) that still have exactly `paid` open (at most
  // kAmountBucketScanMax of them); returns whether one of them has a similar customer name.
  bool ScanBucket(std::vector<InvoiceIndex::AmountKey>::const_iterator first,
                  std::vector<InvoiceIndex::AmountKey>::const_iterator last, int64_t paid,
                  bool in_window, std::vector<Candidate>* cands) const {
    bool similar_found = false;
    const int date_bonus = in_window ? kDateWindowBonus : 0;
    size_t scanned = 0;
    for (auto it = first; it != last && scanned < kAmountBucketScanMax; ++it, ++scanned) {
      const uint32_t i = it->invoice;
      if (Remaining(i) != paid) continue;
      const int similarity = SimilarityToCustomerOf(i);
      if (similarity >= policy_.name_similarity_min / 2) {
        similar_found = true;
        cands->push_back(
            {i,
             kConfidenceAmountSimilarNameBase + similarity * kSimilarNameRange / 100 + date_bonus,
             Evidence::kAmountDateName});
      } else {
        cands->push_back({i, kConfidenceAmountOnly + date_bonus, Evidence::kAmountDateName});
      }
    }
    return similar_found;
  }

  // The payer is known but no invoice has this amount: offer theirs, closest amount first.
  MatchResult QueueCustomerInvoices(const PaymentLine& line, MatchResult r) {
    std::vector<Candidate> cands;
    const uint32_t c = *payer_customer_;
    for (uint32_t k = ix_.customer_invoices_begin_[c]; k < ix_.customer_invoices_begin_[c + 1];
         ++k) {
      const uint32_t i = ix_.customer_invoices_[k];
      if (ix_.invoices_[i].amount_due.currency() == line.amount.currency() && Remaining(i) > 0) {
        cands.push_back({i, kConfidenceCustomerOnly, Evidence::kCustomerOnly});
      }
    }
    const int64_t paid = line.amount.minor_units();
    auto distance = [&](uint32_t i) {
      const int64_t d = Remaining(i) - paid;
      return d < 0 ? -d : d;
    };
    std::sort(cands.begin(), cands.end(), [&](const Candidate& a, const Candidate& b) {
      return std::tuple(distance(a.invoice), ix_.invoices_[a.invoice].due_date, a.invoice) <
             std::tuple(distance(b.invoice), ix_.invoices_[b.invoice].due_date, b.invoice);
    });
    if (cands.size() > kCandidatesMax) cands.resize(kCandidatesMax);
    r.evidence = Evidence::kCustomerOnly;
    r.confidence = cands.empty() ? 0 : kConfidenceCustomerOnly;
    return QueueCandidates(std::move(r), "reconcile.amount_mismatch", std::move(cands));
  }

  // Best first; among equals the invoice that fell due first (customers usually pay the oldest).
  void Rank(std::vector<Candidate>* cands) const {
    std::sort(cands->begin(), cands->end(), [&](const Candidate& a, const Candidate& b) {
      return std::tuple(-a.confidence, ix_.invoices_[a.invoice].due_date, a.invoice) <
             std::tuple(-b.confidence, ix_.invoices_[b.invoice].due_date, b.invoice);
    });
  }

  MatchResult Decide(MatchResult r, const std::vector<uint32_t>& refs) {
    for (uint32_t i : refs) r.candidates.push_back({i, r.confidence, Evidence::kReference});
    if (r.candidates.size() > kCandidatesMax) r.candidates.resize(kCandidatesMax);
    if (r.confidence < policy_.auto_apply_confidence_min) {
      r.allocations.clear();
      r.unapplied.reset();
      r.decision = Decision::kQueued;
      r.reason = "reconcile.low_confidence";
      return r;
    }
    return Apply(std::move(r));
  }

  MatchResult Apply(MatchResult r) {
    for (const Allocation& a : r.allocations) applied_[a.invoice] += a.amount.minor_units();
    r.decision = Decision::kApplied;
    r.reason.clear();
    return r;
  }

  MatchResult Queue(MatchResult r, const char* reason, const std::vector<uint32_t>& refs) {
    std::vector<Candidate> cands;
    for (uint32_t i : refs) cands.push_back({i, r.confidence, r.evidence});
    return QueueCandidates(std::move(r), reason, std::move(cands));
  }

  static MatchResult QueueCandidates(MatchResult r, const char* reason,
                                     std::vector<Candidate> cands) {
    if (cands.size() > kCandidatesMax) cands.resize(kCandidatesMax);
    r.candidates = std::move(cands);
    r.allocations.clear();
    r.unapplied.reset();
    r.decision = Decision::kQueued;
    r.reason = reason;
    return r;
  }

  const InvoiceIndex& ix_;
  const MatchPolicy& policy_;
  absl::flat_hash_map<uint32_t, int64_t> applied_;  // minor units applied in this run
  // Per-line scratch, kept to reuse allocations across lines.
  std::string text_;
  std::vector<std::string> keys_;
  std::optional<uint32_t> payer_customer_;
  bool payer_by_iban_ = false;
  std::string payer_name_;  // normalised
  std::vector<uint16_t> payer_bigrams_;
};

std::vector<MatchResult> Reconcile(std::span<const PaymentLine> lines, const InvoiceIndex& index,
                                   const MatchPolicy& policy) {
  LineMatcher matcher(index, policy);
  std::vector<MatchResult> results;
  results.reserve(lines.size());
  for (const PaymentLine& line : lines) results.push_back(matcher.Match(line));
  return results;
}

const char* EvidenceName(Evidence evidence) {
  switch (evidence) {
    case Evidence::kNone:
      return "none";
    case Evidence::kReference:
      return "reference";
    case Evidence::kAmountAndCustomer:
      return "amount_and_customer";
    case Evidence::kAmountDateName:
      return "amount_date_name";
    case Evidence::kCustomerOnly:
      return "customer_only";
  }
  return "none";
}

const char* DecisionName(Decision decision) {
  switch (decision) {
    case Decision::kApplied:
      return "applied";
    case Decision::kQueued:
      return "queued";
    case Decision::kSkipped:
      return "skipped";
  }
  return "queued";
}

}  // namespace accrue::banking
