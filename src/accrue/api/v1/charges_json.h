// JSON of usage charges (API v1): the "charges" array of a plan body, the charges in plan JSON,
// and the "usage" block of an invoice line billed for usage. Prices and quantities are decimal
// strings (never JSON numbers: no binary floating point near money); money fields are rendered
// with exactly the currency's digits like every other amount.
#pragma once

#include <optional>
#include <vector>

#include "accrue/api/json/json_reader.h"
#include "accrue/api/json/json_writer.h"
#include "accrue/app/charges.h"
#include "accrue/domain/invoice.h"
#include "accrue/domain/plan.h"

namespace accrue::api {

// Reads the optional "charges" array of a plan body. Strict: unknown keys inside a charge or a
// tier are refused when the body is Finish()ed; decimals must be JSON strings.
Result<std::optional<std::vector<ChargeFields>>> ParseCharges(ObjectReader& body);

// "charges": [...] of a plan.
void WriteCharges(JsonWriter& w, const Plan& plan);

// "usage": {...} of an invoice line, or null for lines that do not bill usage.
void WriteLineUsage(JsonWriter& w, const InvoiceLine& line, Currency currency);

}  // namespace accrue::api
