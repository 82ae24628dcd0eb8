#include "accrue/domain/tax/invoice_tax.h"

#include <algorithm>
#include <utility>

#include "accrue/base/strings.h"

namespace accrue::tax {
namespace {

// The VAT id to print: the registration in the country whose VAT the first VAT-charging line
// is; if the seller has none there (OSS) or nothing is charged, the home registration.
std::string SellerVatId(const ResolvedParties& parties,
                        const std::vector<LineTreatment>& treatments) {
  const std::vector<TaxRegistration>& regs = parties.seller.registrations;
  auto in = [&](std::string_view country) -> const TaxRegistration* {
    auto it = std::find_if(regs.begin(), regs.end(),
                           [&](const TaxRegistration& r) { return r.country == country; });
    return it == regs.end() ? nullptr : &*it;
  };
  for (const LineTreatment& t : treatments) {
    if (!ChargesVat(t.category)) continue;
    if (const TaxRegistration* r = in(t.jurisdiction.country)) return r->vat_id;
    break;
  }
  const TaxRegistration* home = in(parties.seller.country);
  return home ? home->vat_id : std::string();
}

}  // namespace

Result<InvoiceTax> ComputeInvoiceTax(const InvoiceTaxRequest& request, const RateTable& rates) {
  if (request.lines.size() > kTaxItemsMax) {
    return LimitExceeded("tax.too_many_items",
                         fmt::format("at most {} lines per document", kTaxItemsMax), "lines");
  }
  ASSIGN_OR_RETURN(ResolvedParties parties, ResolveParties(request.seller, request.customer));
  std::vector<LineTreatment> treatments;
  treatments.reserve(request.lines.size());
  std::vector<TaxableItem> items;
  items.reserve(request.lines.size());
  std::vector<std::string> notes;
  for (size_t i = 0; i < request.lines.size(); ++i) {
    const InvoiceTaxLine& line = request.lines[i];
    Result<LineTreatment> t = DetermineTreatment(parties, line.supply, line.tax_class,
                                                 line.exemption, line.supply_day, rates);
    if (!t.ok()) return WithParamPrefix(t.status(), fmt::format("lines[{}]", i));
    items.push_back(TaxableItem{line.kind, line.amount, t->category, t->percent, t->exemption});
    if (t->exemption && !t->exemption->text.empty() &&
        std::find(notes.begin(), notes.end(), t->exemption->text) == notes.end()) {
      notes.push_back(t->exemption->text);
    }
    treatments.push_back(*std::move(t));
  }
  Result<TaxResult> amounts =
      CalculateTax(request.currency, request.settings.prices, request.settings.rounding, items);
  if (!amounts.ok()) {
    // The calculator names "items[i]"; the caller knows them as "lines[i]".
    std::string param = ErrorParam(amounts.status());
    if (param.rfind("items", 0) == 0) {
      return MakeError(amounts.status().code(), ErrorReason(amounts.status()),
                       AsStd(amounts.status().message()), "lines" + param.substr(5));
    }
    return amounts.status();
  }
  std::string seller_vat_id = SellerVatId(parties, treatments);
  return InvoiceTax{*std::move(amounts), std::move(treatments), std::move(seller_vat_id),
                    parties.customer.vat_id, std::move(notes)};
}

}  // namespace accrue::tax
