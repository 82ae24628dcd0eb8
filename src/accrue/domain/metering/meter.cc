#include "accrue/domain/metering/meter.h"

#include <algorithm>

#include "accrue/base/strings.h"

namespace accrue {
namespace {

struct AggregationSpelling {
  Aggregation aggregation;
  std::string_view name;
};
constexpr AggregationSpelling kAggregations[] = {
    {Aggregation::kCount, "count"},   {Aggregation::kSum, "sum"},
    {Aggregation::kMax, "max"},       {Aggregation::kUniqueCount, "unique_count"},
    {Aggregation::kLatest, "latest"}, {Aggregation::kWeightedSum, "weighted_sum"},
};

bool IsCodeChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '-' || c == '.' || c == ':';
}

bool HasControlChar(std::string_view s) {
  return std::any_of(s.begin(), s.end(),
                     [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7f; });
}

Status ValidatePropertyName(std::string_view name, std::string_view param) {
  if (name.empty()) return InvalidArgument(param, "parameter.empty", "a property name is empty");
  if (name.size() > kPropertyNameLengthMax) {
    return InvalidArgument(
        param, "parameter.too_long",
        fmt::format("property names have at most {} bytes", kPropertyNameLengthMax));
  }
  if (HasControlChar(name)) {
    return InvalidArgument(param, "parameter.invalid", "property names have no control characters");
  }
  return OkStatus();
}

Status ValidateFilters(const Meter& m) {
  if (m.filters.size() > kMeterFiltersMax) {
    return InvalidArgument("filters", "parameter.too_many_items",
                           fmt::format("a meter has at most {} filters", kMeterFiltersMax));
  }
  for (size_t i = 0; i < m.filters.size(); ++i) {
    const MeterFilter& f = m.filters[i];
    RETURN_IF_ERROR(ValidatePropertyName(f.property, fmt::format("filters[{}].property", i)));
    const std::string values = fmt::format("filters[{}].values", i);
    if (f.values.empty()) {
      return InvalidArgument(values, "parameter.empty", "a filter lists at least one value");
    }
    if (f.values.size() > kMeterFilterValuesMax) {
      return InvalidArgument(
          values, "parameter.too_many_items",
          fmt::format("a filter lists at most {} values", kMeterFilterValuesMax));
    }
    for (const std::string& v : f.values) {
      if (v.size() > kPropertyValueLengthMax) {
        return InvalidArgument(
            values, "parameter.too_long",
            fmt::format("filter values have at most {} bytes", kPropertyValueLengthMax));
      }
    }
    for (size_t j = 0; j < i; ++j) {
      if (m.filters[j].property == f.property) {
        return InvalidArgument(fmt::format("filters[{}].property", i), "parameter.duplicate",
                               fmt::format("two filters on property '{}'", f.property));
      }
    }
  }
  return OkStatus();
}

Status ValidateGroupBy(const Meter& m) {
  if (m.group_by.size() > kMeterGroupByMax) {
    return InvalidArgument("group_by", "parameter.too_many_items",
                           fmt::format("group_by names at most {} properties", kMeterGroupByMax));
  }
  for (size_t i = 0; i < m.group_by.size(); ++i) {
    RETURN_IF_ERROR(ValidatePropertyName(m.group_by[i], fmt::format("group_by[{}]", i)));
    for (size_t j = 0; j < i; ++j) {
      if (m.group_by[j] == m.group_by[i]) {
        return InvalidArgument(fmt::format("group_by[{}]", i), "parameter.duplicate",
                               fmt::format("'{}' appears twice in group_by", m.group_by[i]));
      }
    }
  }
  return OkStatus();
}

}  // namespace

std::string_view AggregationName(Aggregation aggregation) {
  for (const AggregationSpelling& a : kAggregations) {
    if (a.aggregation == aggregation) return a.name;
  }
  return "count";  // unreachable: the table covers the enum
}

Result<Aggregation> ParseAggregation(std::string_view name) {
  for (const AggregationSpelling& a : kAggregations) {
    if (a.name == name) return a.aggregation;
  }
  return InvalidArgument("", "meter.unknown_aggregation",
                         fmt::format("aggregation is one of count, sum, max, unique_count, "
                                     "latest, weighted_sum; not '{}'",
                                     name.substr(0, 40)));
}

bool AggregationIsNumeric(Aggregation aggregation) {
  return aggregation == Aggregation::kSum || aggregation == Aggregation::kMax ||
         aggregation == Aggregation::kLatest || aggregation == Aggregation::kWeightedSum;
}

Status ValidateMeter(const Meter& m) {
  if (m.code.empty() || m.code.size() > kMeterCodeLengthMax ||
      !std::all_of(m.code.begin(), m.code.end(), IsCodeChar)) {
    return InvalidArgument("code", "meter.invalid_code",
                           fmt::format("a meter code is 1 to {} characters of A-Z a-z 0-9 _ - . :",
                                       kMeterCodeLengthMax));
  }
  if (m.name.empty()) return InvalidArgument("name", "parameter.empty", "name is required");
  if (m.name.size() > kMeterNameLengthMax) {
    return InvalidArgument("name", "parameter.too_long",
                           fmt::format("name has at most {} bytes", kMeterNameLengthMax));
  }
  if (m.aggregation == Aggregation::kCount) {
    if (!m.property.empty()) {
      return InvalidArgument("property", "meter.property_not_allowed",
                             "a count meter counts events and aggregates no property");
    }
  } else {
    if (m.property.empty()) {
      return InvalidArgument("property", "parameter.missing",
                             fmt::format("a {} meter needs the property it aggregates",
                                         AggregationName(m.aggregation)));
    }
    RETURN_IF_ERROR(ValidatePropertyName(m.property, "property"));
  }
  RETURN_IF_ERROR(ValidateFilters(m));
  return ValidateGroupBy(m);
}

}  // namespace accrue
