#include "accrue/api/v1/parse.h"

#include "accrue/api/v1/charges_json.h"
#include "accrue/time/instant.h"

namespace accrue::api {
namespace {

constexpr size_t kShortText = 64;
constexpr size_t kNameText = 256;
constexpr size_t kLongText = 2000;

Result<std::optional<Metadata>> ParseMetadata(ObjectReader& body) {
  ASSIGN_OR_RETURN(auto pairs,
                   body.OptionalStringMap("metadata", kMetadataKeysMax, kMetadataKeyLengthMax,
                                          kMetadataValueLengthMax));
  if (!pairs.has_value()) return std::optional<Metadata>();
  return std::optional<Metadata>(Metadata(pairs->begin(), pairs->end()));
}

Result<PostalAddress> ParseAddress(ObjectReader& a) {
  PostalAddress out;
  ASSIGN_OR_RETURN(auto line1, a.OptionalString("line1", kAddressFieldLengthMax));
  ASSIGN_OR_RETURN(auto line2, a.OptionalString("line2", kAddressFieldLengthMax));
  ASSIGN_OR_RETURN(auto city, a.OptionalString("city", kAddressFieldLengthMax));
  ASSIGN_OR_RETURN(auto postal_code, a.OptionalString("postal_code", 32));
  ASSIGN_OR_RETURN(auto region, a.OptionalString("region", kAddressFieldLengthMax));
  ASSIGN_OR_RETURN(auto country, a.OptionalString("country", 2));
  RETURN_IF_ERROR(a.Finish());
  out.line1 = line1.value_or("");
  out.line2 = line2.value_or("");
  out.city = city.value_or("");
  out.postal_code = postal_code.value_or("");
  out.region = region.value_or("");
  out.country = country.value_or("");
  return out;
}

Result<std::vector<TaxIdentifier>> ParseTaxIds(std::vector<ObjectReader>& items) {
  std::vector<TaxIdentifier> out;
  for (ObjectReader& item : items) {
    TaxIdentifier t;
    ASSIGN_OR_RETURN(t.type, item.RequiredString("type", 16));
    ASSIGN_OR_RETURN(t.value, item.RequiredString("value", 64));
    RETURN_IF_ERROR(item.Finish());
    out.push_back(std::move(t));
  }
  return out;
}

Result<std::optional<int>> ParseNetTerms(ObjectReader& body) {
  ASSIGN_OR_RETURN(std::optional<int64_t> v,
                   body.OptionalInt("net_terms_days", 0, kNetTermsDaysMax));
  if (!v.has_value()) return std::optional<int>();
  return std::optional<int>(static_cast<int>(*v));
}

}  // namespace

Result<CustomerFields> ParseCustomerFields(ObjectReader& body) {
  CustomerFields f;
  ASSIGN_OR_RETURN(f.name, body.OptionalString("name", kNameText));
  ASSIGN_OR_RETURN(f.email, body.OptionalString("email", kEmailLengthMax));
  ASSIGN_OR_RETURN(std::optional<ObjectReader> address, body.OptionalObject("address"));
  if (address.has_value()) {
    ASSIGN_OR_RETURN(PostalAddress a, ParseAddress(*address));
    f.address = std::move(a);
  }
  ASSIGN_OR_RETURN(f.country, body.OptionalString("country", 2));
  ASSIGN_OR_RETURN(f.currency, body.OptionalString("currency", 3));
  ASSIGN_OR_RETURN(f.time_zone, body.OptionalString("time_zone", kShortText));
  ASSIGN_OR_RETURN(f.locale, body.OptionalString("locale", 35));
  ASSIGN_OR_RETURN(auto tax_ids, body.OptionalObjectArray("tax_ids", kTaxIdsMax));
  if (tax_ids.has_value()) {
    ASSIGN_OR_RETURN(std::vector<TaxIdentifier> parsed, ParseTaxIds(*tax_ids));
    f.tax_ids = std::move(parsed);
  }
  ASSIGN_OR_RETURN(f.net_terms_days, ParseNetTerms(body));
  ASSIGN_OR_RETURN(f.metadata, ParseMetadata(body));
  RETURN_IF_ERROR(body.Finish());
  return f;
}

Result<PlanFields> ParsePlanFields(ObjectReader& body) {
  PlanFields f;
  ASSIGN_OR_RETURN(f.code, body.OptionalString("code", kPlanCodeLengthMax));
  ASSIGN_OR_RETURN(f.name, body.OptionalString("name", kPlanNameLengthMax));
  ASSIGN_OR_RETURN(f.description, body.OptionalString("description", kLongText));
  ASSIGN_OR_RETURN(f.currency, body.OptionalString("currency", 3));
  ASSIGN_OR_RETURN(f.amount, body.OptionalString("amount", kShortText));
  ASSIGN_OR_RETURN(f.interval, body.OptionalString("interval", 16));
  ASSIGN_OR_RETURN(std::optional<int64_t> count,
                   body.OptionalInt("interval_count", 1, kPlanIntervalCountMax));
  if (count.has_value()) f.interval_count = static_cast<int>(*count);
  ASSIGN_OR_RETURN(f.metadata, ParseMetadata(body));
  ASSIGN_OR_RETURN(f.charges, ParseCharges(body));
  RETURN_IF_ERROR(body.Finish());
  return f;
}

Result<SubscriptionFields> ParseSubscriptionFields(ObjectReader& body) {
  SubscriptionFields f;
  ASSIGN_OR_RETURN(std::string customer, body.RequiredString("customer", kShortText));
  ASSIGN_OR_RETURN(f.customer, ParseId<CustomerId>(customer, "customer"));
  ASSIGN_OR_RETURN(std::string plan, body.RequiredString("plan", kShortText));
  ASSIGN_OR_RETURN(f.plan, ParseId<PlanId>(plan, "plan"));
  ASSIGN_OR_RETURN(std::optional<std::string> start, body.OptionalString("start_date", 10));
  if (start.has_value()) {
    Result<absl::CivilDay> day = ParseDate(*start);
    if (!day.ok()) return WithParamPrefix(day.status(), "start_date");
    f.start_date = *day;
  }
  ASSIGN_OR_RETURN(f.title, body.OptionalString("title", kInvoiceTitleLengthMax));
  ASSIGN_OR_RETURN(f.description, body.OptionalString("description", kLongText));
  ASSIGN_OR_RETURN(f.tags, body.OptionalStringArray("tags", kTagsMax, kTagLengthMax));
  ASSIGN_OR_RETURN(f.net_terms_days, ParseNetTerms(body));
  ASSIGN_OR_RETURN(f.metadata, ParseMetadata(body));
  RETURN_IF_ERROR(body.Finish());
  return f;
}

}  // namespace accrue::api
