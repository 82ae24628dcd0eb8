// Remittance parsing: finding our references in what the payer typed and the banks passed on.
//
// Payers copy invoice numbers by hand and banks re-wrap the text at 27, 35 or 65 characters, so
// "INV-2026-000123" arrives as "INV 2026 000123", "INV2026000123", "inv-2026-\n000123" or
// "Rechnung INV-2026-000123 Kd 4711". We therefore compare *compact* references: upper case,
// letters and digits only ("INV2026000123"). An InvoiceNumberPattern, built from the tenant's
// number format, finds the places in free text where a compact number could start and proposes
// every reading that fits the format; the matcher keeps only those that name an open invoice, so
// a reading that is wrong names nothing and costs nothing.
//
// RF references (ISO 11649) are found the same way and kept only when their check digits hold.
//
// Thread-safety: InvoiceNumberPattern is immutable after construction and safe to share; the
// functions are pure.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "accrue/base/status.h"

namespace accrue::banking {

// Upper case, ASCII letters and digits only: "inv-2026-\n000123" → "INV2026000123".
std::string CompactReference(std::string_view text);

// Text longer than this is looked at only up to this many bytes (SEPA remittance is at most 140
// characters; MT940 :86: at most 6 × 65; a generous bound keeps a hostile file linear).
inline constexpr size_t kRemittanceScanBytesMax = 4096;
// A {SEQ:n} counter may outgrow its padding by this many digits before we stop reading.
inline constexpr int kSequenceExtraDigitsMax = 3;

class InvoiceNumberPattern {
 public:
  // `format` uses the tokens of domain/invoice_number.h: "INV-{YYYY}-{SEQ:6}". Punctuation in
  // the format is ignored (payers drop it). Error "invoice_number_format.invalid" for a format
  // InvoiceNumberFormat rejects.
  static Result<InvoiceNumberPattern> FromFormat(std::string_view format);

  // Appends to `out` the compact readings of every place in `text` that fits the format,
  // without duplicates. Separators (spaces, dashes, slashes, dots, line breaks) may appear
  // anywhere between characters of a number, but the counter must end where the text has a
  // separator, a letter or its end, so "INV 2026 000123 4500" yields "INV2026000123" and not a
  // number that runs into the amount.
  void FindCandidates(std::string_view text, std::vector<std::string>* out) const;

 private:
  struct Element {
    std::string literal;  // non-empty: letters/digits that must appear as written
    int digits_min = 0;   // otherwise: a run of digits
    int digits_max = 0;
  };
  struct StreamChar {
    char c;
    bool separated;  // a non-alphanumeric character preceded it
  };
  void Match(const std::vector<StreamChar>& s, size_t pos, size_t element, std::string* key,
             std::vector<std::string>* out) const;

  std::vector<Element> elements_;
  bool starts_with_literal_ = false;
};

// Valid RF references found in `text`, compact ("RF18539007547034"), without duplicates. A
// reference may be printed in groups ("RF18 5390 0754 7034") but must end at a separator or the
// end of the text.
std::vector<std::string> FindRfReferences(std::string_view text);

// How alike two party names are, 0 (nothing in common) to 100 (the same after normalisation):
// case, punctuation, word order and legal forms ("GmbH", "Ltd", "B.V.", "Inc") are ignored, and
// the rest is compared by shared letter pairs (Sørensen–Dice), which tolerates truncation and
// small typos ("ACME TRADING GMBH" vs "Acme Tradng").
int NameSimilarity(std::string_view a, std::string_view b);

// The normalised form NameSimilarity compares: upper case, words sorted, legal forms removed.
std::string NormalizeName(std::string_view name);

// The two halves of NameSimilarity, for callers that compare one name with many: the sorted
// letter pairs of a normalised name, and the Dice similarity (0..100) of two such lists.
std::vector<uint16_t> NameBigrams(std::string_view normalized);
int BigramSimilarity(const std::vector<uint16_t>& a, const std::vector<uint16_t>& b);

}  // namespace accrue::banking
