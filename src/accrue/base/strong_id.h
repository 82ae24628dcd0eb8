// StrongId<Tag>: a UUID that knows what it identifies, so an InvoiceId cannot be passed where a
// CustomerId is expected. Zero cost: it is a Uuid with a distinct type.
#pragma once

#include <string>
#include <string_view>

#include "accrue/base/uuid.h"

namespace accrue {

template <typename Tag>
class StrongId {
 public:
  StrongId() = default;
  explicit StrongId(Uuid value) : value_(value) {}

  static Result<StrongId> Parse(std::string_view text) {
    auto uuid = Uuid::Parse(text);
    if (!uuid.ok()) return uuid.status();
    return StrongId(*uuid);
  }

  const Uuid& uuid() const { return value_; }
  std::string ToString() const { return value_.ToString(); }
  bool IsNil() const { return value_.IsNil(); }

  friend auto operator<=>(const StrongId&, const StrongId&) = default;
  template <typename H>
  friend H AbslHashValue(H h, const StrongId& id) {
    return H::combine(std::move(h), id.value_);
  }

 private:
  Uuid value_;
};

}  // namespace accrue
