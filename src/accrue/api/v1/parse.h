// Request bodies of API v1 → use-case inputs. Strict: unknown fields, wrong types, missing
// required fields and over-long values are 400 errors naming the field; nothing is written when
// parsing fails because parsing happens before any transaction starts.
#pragma once

#include <string>

#include "accrue/api/json/json_reader.h"
#include "accrue/app/customers.h"
#include "accrue/app/plans.h"
#include "accrue/app/subscriptions.h"

namespace accrue::api {

// Limits of request bodies for JSON resources (ingest endpoints get their own).
inline constexpr JsonLimits kResourceJsonLimits{1 << 20, 16};

Result<CustomerFields> ParseCustomerFields(ObjectReader& body);
Result<PlanFields> ParsePlanFields(ObjectReader& body);
Result<SubscriptionFields> ParseSubscriptionFields(ObjectReader& body);

// Parses an id from a path segment or a field; a malformed id is a 400 naming `param`.
template <typename Id>
Result<Id> ParseId(std::string_view text, std::string_view param) {
  Result<Id> id = Id::Parse(text);
  if (!id.ok()) return WithParamPrefix(id.status(), param);
  return id;
}

}  // namespace accrue::api
