// ComputeInvoiceTax: the one call the invoice generator makes to tax a draft.
//
// It validates the seller and customer once (tax_rules.h: ResolveParties), decides each line's
// category and rate from the rate table on that line's day of supply (DetermineTreatment), and
// computes nets, VAT, the breakdown and totals (tax_calculator.h: CalculateTax). The answer also
// says which seller VAT id to print, the customer's VAT id in compact form, and the legal notes
// the invoice must carry ("Reverse charge", "Intra-Community supply", ...; one each).
//
// How the invoice generator uses it: one InvoiceTaxLine per invoice line, in order, with the
// line's rounded amount (Invoice::lines[i].amount_minor, net or gross as the tenant's prices
// are), its product's SupplyType and TaxClass, and supply_day = SupplyDayOfPeriod(period) for
// periodic charges or the delivery day otherwise; discounts on the whole document are
// kAllowance items. The result's items are parallel to the lines: store `net`, `tax` and the
// treatment per line, the breakdown per invoice, and set subtotal = totals.net, tax =
// totals.tax, total = totals.gross.
//
// Pure function; thread-safe (the RateTable is immutable).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "absl/time/civil_time.h"
#include "accrue/base/status.h"
#include "accrue/domain/tax/rate_table.h"
#include "accrue/domain/tax/tax_calculator.h"
#include "accrue/domain/tax/tax_rules.h"
#include "accrue/money/currency.h"
#include "accrue/money/money.h"

namespace accrue::tax {

// The tenant's tax settings.
struct TaxSettings {
  PriceMode prices = PriceMode::kExclusive;
  RoundingPolicy rounding;  // per document, half up (EN 16931) unless the tenant chooses
};

struct InvoiceTaxLine {
  ItemKind kind = ItemKind::kLine;
  Money amount;  // rounded line amount: net or gross per TaxSettings::prices
  SupplyType supply = SupplyType::kDigitalService;
  TaxClass tax_class = TaxClass::kStandard;
  std::optional<TaxExemption> exemption;  // required for TaxClass::kExempt
  absl::CivilDay supply_day;              // decides which rate is in force
};

struct InvoiceTaxRequest {
  Currency currency;
  TaxSettings settings;
  SellerTaxProfile seller;
  CustomerTaxProfile customer;
  std::vector<InvoiceTaxLine> lines;
};

struct InvoiceTax {
  TaxResult amounts;                      // items parallel to request.lines
  std::vector<LineTreatment> treatments;  // parallel to request.lines
  std::string seller_vat_id;    // the registration in the country whose VAT is charged, else home
  std::string customer_vat_id;  // compact form, "" if none
  std::vector<std::string> notes;  // legal notes, in order of first appearance, no duplicates
};

// Errors carry the field: "seller.*", "customer.*", "lines[i].*" (see ResolveParties,
// DetermineTreatment and CalculateTax for the reasons).
Result<InvoiceTax> ComputeInvoiceTax(const InvoiceTaxRequest& request, const RateTable& rates);

}  // namespace accrue::tax
