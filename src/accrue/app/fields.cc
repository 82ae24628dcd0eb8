#include "accrue/app/fields.h"

#include "accrue/money/money.h"

namespace accrue {

Result<int64_t> ParseMinorUnits(const std::string& text, Currency currency, std::string_view param,
                                AmountSign sign) {
  Result<Money> m = Money::ParseExact(text, currency);
  if (!m.ok()) return WithParamPrefix(m.status(), param);
  if (sign == AmountSign::kPositive && m->minor_units() <= 0) {
    return InvalidArgument(param, "parameter.out_of_range", "the amount must be greater than zero");
  }
  if (m->minor_units() == 0) {
    return InvalidArgument(param, "parameter.out_of_range", "the amount must not be zero");
  }
  return m->minor_units();
}

}  // namespace accrue
