// BR-DEC-* (at most two decimals on amounts) and the calculation rules BR-CO-10..BR-CO-18.
// The artefacts compare sums after round(x * 100) div 100; our amounts are exact Money with at
// most two decimals (BR-DEC runs first), so those comparisons are exact equalities here.
#include <fmt/format.h>

#include <optional>
#include <string>
#include <vector>

#include "accrue/formats/einvoice/rules_internal.h"

namespace accrue::einvoice::internal {
namespace {

void Dec(const std::optional<Money>& m, std::string_view rule, std::string param, Findings& out) {
  if (m && !m->ToDecimal().HasAtMostFractionDigits(2)) {
    out.Add(rule, std::move(param), fmt::format("{} {}", AmountText(*m), m->currency().code()));
  }
}

// Sums amounts; nullopt when the sum leaves the Money range (reported by the caller).
class Sum {
 public:
  explicit Sum(Currency currency) : total_(Money::FromMinor(0, currency)) {}
  void Add(const std::optional<Money>& m) {
    if (!m || !total_) return;
    Result<Money> next = Money::Add(*total_, *m);
    total_ = next.ok() ? std::optional<Money>(*next) : std::nullopt;
  }
  void Sub(const std::optional<Money>& m) {
    if (m) Add(m->Negated());
  }
  const std::optional<Money>& value() const { return total_; }

 private:
  std::optional<Money> total_;
};

// The document currency, or the currency of any amount in it; nullopt when there is no amount.
std::optional<Currency> AnyCurrency(const EInvoiceDocument& doc) {
  if (doc.currency) return doc.currency;
  for (const Line& line : doc.lines) {
    if (line.net_amount) return line.net_amount->currency();
  }
  for (const VatBreakdown& b : doc.vat_breakdown) {
    if (b.taxable_amount) return b.taxable_amount->currency();
    if (b.tax_amount) return b.tax_amount->currency();
  }
  const Totals& t = doc.totals;
  for (const auto* m : {&t.line_net_sum, &t.tax_exclusive, &t.tax_inclusive, &t.payable,
                        &t.tax_amount, &t.allowance_total, &t.charge_total}) {
    if (*m) return (*m)->currency();
  }
  for (const AllowanceCharge& ac : doc.allowances_charges) {
    if (ac.amount) return ac.amount->currency();
  }
  return std::nullopt;
}

std::string Mismatch(const std::optional<Money>& found, const std::optional<Money>& expected) {
  return fmt::format("{} but the calculation gives {}",
                     found ? AmountText(*found) : std::string("nothing"),
                     expected ? AmountText(*expected) : std::string("an overflow"));
}

void CheckEqual(const std::optional<Money>& found, const std::optional<Money>& expected,
                std::string_view rule, std::string param, Findings& out) {
  if (!found || !expected || *found != *expected) {
    out.Add(rule, std::move(param), Mismatch(found, expected));
  }
}

}  // namespace

void CheckDecimals(const EInvoiceDocument& doc, Findings& out) {
  for (size_t i = 0; i < doc.allowances_charges.size(); ++i) {
    const AllowanceCharge& ac = doc.allowances_charges[i];
    Dec(ac.amount, ac.is_charge ? "BR-DEC-05" : "BR-DEC-01",
        Indexed("allowances_charges", i, "amount"), out);
    Dec(ac.base_amount, ac.is_charge ? "BR-DEC-06" : "BR-DEC-02",
        Indexed("allowances_charges", i, "base_amount"), out);
  }
  const Totals& t = doc.totals;
  Dec(t.line_net_sum, "BR-DEC-09", "totals.line_net_sum", out);
  Dec(t.allowance_total, "BR-DEC-10", "totals.allowance_total", out);
  Dec(t.charge_total, "BR-DEC-11", "totals.charge_total", out);
  Dec(t.tax_exclusive, "BR-DEC-12", "totals.tax_exclusive", out);
  Dec(t.tax_amount, "BR-DEC-13", "totals.tax_amount", out);
  Dec(t.tax_inclusive, "BR-DEC-14", "totals.tax_inclusive", out);
  Dec(t.prepaid, "BR-DEC-16", "totals.prepaid", out);
  Dec(t.rounding, "BR-DEC-17", "totals.rounding", out);
  Dec(t.payable, "BR-DEC-18", "totals.payable", out);
  for (size_t i = 0; i < doc.vat_breakdown.size(); ++i) {
    Dec(doc.vat_breakdown[i].taxable_amount, "BR-DEC-19",
        Indexed("vat_breakdown", i, "taxable_amount"), out);
    Dec(doc.vat_breakdown[i].tax_amount, "BR-DEC-20", Indexed("vat_breakdown", i, "tax_amount"),
        out);
  }
  for (size_t i = 0; i < doc.lines.size(); ++i) {
    const Line& line = doc.lines[i];
    Dec(line.net_amount, "BR-DEC-23", Indexed("lines", i, "net_amount"), out);
    for (size_t j = 0; j < line.allowances_charges.size(); ++j) {
      const AllowanceCharge& ac = line.allowances_charges[j];
      std::string p = Indexed(Indexed("lines", i, "allowances_charges"), j);
      Dec(ac.amount, ac.is_charge ? "BR-DEC-27" : "BR-DEC-24", p + ".amount", out);
      Dec(ac.base_amount, ac.is_charge ? "BR-DEC-28" : "BR-DEC-25", p + ".base_amount", out);
    }
  }
}

void CheckCalculations(const EInvoiceDocument& doc, Findings& out) {
  std::optional<Currency> currency = AnyCurrency(doc);
  if (!currency) return;
  const Totals& t = doc.totals;

  Sum lines(*currency);
  for (const Line& line : doc.lines) lines.Add(line.net_amount);
  if (t.line_net_sum)
    CheckEqual(t.line_net_sum, lines.value(), "BR-CO-10", "totals.line_net_sum", out);

  Sum allowances(*currency);
  Sum charges(*currency);
  bool any_allowance = false;
  bool any_charge = false;
  for (const AllowanceCharge& ac : doc.allowances_charges) {
    (ac.is_charge ? charges : allowances).Add(ac.amount);
    (ac.is_charge ? any_charge : any_allowance) = true;
  }
  if (t.allowance_total || any_allowance) {
    CheckEqual(t.allowance_total, allowances.value(), "BR-CO-11", "totals.allowance_total", out);
  }
  if (t.charge_total || any_charge) {
    CheckEqual(t.charge_total, charges.value(), "BR-CO-12", "totals.charge_total", out);
  }

  if (t.tax_exclusive) {
    // The artefacts add to BT-106 (equal to Σ BT-131 when BR-CO-10 holds), so a partial
    // document without lines is judged like theirs.
    Sum expected(*currency);
    expected.Add(t.line_net_sum ? t.line_net_sum : lines.value());
    expected.Sub(t.allowance_total);
    expected.Add(t.charge_total);
    CheckEqual(t.tax_exclusive, expected.value(), "BR-CO-13", "totals.tax_exclusive", out);
  }

  if (!doc.vat_breakdown.empty()) {
    Sum vat(*currency);
    for (const VatBreakdown& b : doc.vat_breakdown) vat.Add(b.tax_amount);
    CheckEqual(t.tax_amount, vat.value(), "BR-CO-14", "totals.tax_amount", out);
  }

  if (t.tax_inclusive && t.tax_exclusive) {
    Sum expected(*currency);
    expected.Add(t.tax_exclusive);
    expected.Add(t.tax_amount);
    CheckEqual(t.tax_inclusive, expected.value(), "BR-CO-15", "totals.tax_inclusive", out);
  }

  if (t.payable && t.tax_inclusive) {
    Sum expected(*currency);
    expected.Add(t.tax_inclusive);
    expected.Sub(t.prepaid);
    expected.Add(t.rounding);
    CheckEqual(t.payable, expected.value(), "BR-CO-16", "totals.payable", out);
  }

  for (size_t i = 0; i < doc.vat_breakdown.size(); ++i) {
    const VatBreakdown& b = doc.vat_breakdown[i];
    if (!b.rate || !b.taxable_amount || !b.tax_amount) continue;
    Decimal expected = ExpectedVat(*b.taxable_amount, *b.rate);
    if (!VatWithinTolerance(*b.tax_amount, expected)) {
      out.Add("BR-CO-17", Indexed("vat_breakdown", i, "tax_amount"),
              fmt::format("{} on {} at {}% but the calculation gives {}", AmountText(*b.tax_amount),
                          AmountText(*b.taxable_amount), b.rate->ToString(), expected.ToString()));
    }
  }

  if (doc.vat_breakdown.empty()) out.Add("BR-CO-18", "vat_breakdown");
}

}  // namespace accrue::einvoice::internal
