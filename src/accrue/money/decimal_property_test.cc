// Property tests: Decimal against an independent reference that does decimal arithmetic on digit
// strings, the way it is done on paper. The reference shares no code or representation with
// Decimal (no 128-bit integers, no remainder-based rounding), so a bug in one is unlikely to be
// mirrored in the other. Inputs come from a fixed-seed PRNG, so failures reproduce.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <random>
#include <string>

#include "accrue/money/decimal.h"
#include "testing/status_matchers.h"

namespace accrue {
namespace {

using ::accrue::testing::HasReason;

constexpr std::size_t kScale = 12;
// Decimal::Max() in units of 10^-12, as digits.
const std::string kMaxUnits = "170141183460469231731687303000000000000";

// --- Reference arithmetic on digit strings (most significant first, no leading zeros) -------

std::string StripLeadingZeros(std::string digits) {
  const std::size_t first = digits.find_first_not_of('0');
  return first == std::string::npos ? "0" : digits.substr(first);
}

int CompareMagnitude(const std::string& a, const std::string& b) {
  if (a.size() != b.size()) return a.size() < b.size() ? -1 : 1;
  return a.compare(b) < 0 ? -1 : (a == b ? 0 : 1);
}

std::string AddMagnitude(const std::string& a, const std::string& b) {
  std::string out;
  int carry = 0;
  for (std::size_t i = 0; i < std::max(a.size(), b.size()) || carry != 0; ++i) {
    int digit = carry;
    if (i < a.size()) digit += a[a.size() - 1 - i] - '0';
    if (i < b.size()) digit += b[b.size() - 1 - i] - '0';
    out += static_cast<char>('0' + digit % 10);
    carry = digit / 10;
  }
  std::reverse(out.begin(), out.end());
  return StripLeadingZeros(out);
}

// a - b for a >= b.
std::string SubMagnitude(const std::string& a, const std::string& b) {
  std::string out;
  int borrow = 0;
  for (std::size_t i = 0; i < a.size(); ++i) {
    int digit = (a[a.size() - 1 - i] - '0') - borrow;
    if (i < b.size()) digit -= b[b.size() - 1 - i] - '0';
    borrow = digit < 0 ? 1 : 0;
    out += static_cast<char>('0' + digit + 10 * borrow);
  }
  std::reverse(out.begin(), out.end());
  return StripLeadingZeros(out);
}

std::string MulMagnitude(const std::string& a, const std::string& b) {
  std::vector<int> columns(a.size() + b.size(), 0);
  for (std::size_t i = 0; i < a.size(); ++i) {
    for (std::size_t j = 0; j < b.size(); ++j) {
      columns[i + j + 1] += (a[i] - '0') * (b[j] - '0');
    }
  }
  for (std::size_t k = columns.size() - 1; k > 0; --k) {
    columns[k - 1] += columns[k] / 10;
    columns[k] %= 10;
  }
  std::string out;
  for (int digit : columns) out += static_cast<char>('0' + digit);
  return StripLeadingZeros(out);
}

// A signed number: magnitude digits counting units of 10^-scale (the scale is implied by use).
struct Ref {
  bool negative = false;
  std::string magnitude = "0";
};

Ref Normalized(Ref r) {
  if (r.magnitude == "0") r.negative = false;
  return r;
}

Ref AddRef(const Ref& a, const Ref& b) {
  if (a.negative == b.negative)
    return Normalized({a.negative, AddMagnitude(a.magnitude, b.magnitude)});
  if (CompareMagnitude(a.magnitude, b.magnitude) >= 0) {
    return Normalized({a.negative, SubMagnitude(a.magnitude, b.magnitude)});
  }
  return Normalized({b.negative, SubMagnitude(b.magnitude, a.magnitude)});
}

Ref NegateRef(Ref r) {
  r.negative = !r.negative;
  return Normalized(r);
}

// Text from the generator below ("-12.5", "007") at scale 12.
Ref ParseRef(const std::string& text) {
  Ref r;
  std::string body = text;
  if (body[0] == '-' || body[0] == '+') {
    r.negative = body[0] == '-';
    body = body.substr(1);
  }
  const std::size_t dot = body.find('.');
  std::string whole = body.substr(0, dot);
  std::string fraction = dot == std::string::npos ? "" : body.substr(dot + 1);
  fraction.resize(kScale, '0');
  r.magnitude = StripLeadingZeros(whole + fraction);
  return Normalized(r);
}

// Shortest text of a scale-12 reference.
std::string FormatRef(const Ref& r) {
  std::string digits = r.magnitude;
  if (digits.size() <= kScale) digits.insert(0, kScale + 1 - digits.size(), '0');
  std::string whole = digits.substr(0, digits.size() - kScale);
  std::string fraction = digits.substr(digits.size() - kScale);
  while (!fraction.empty() && fraction.back() == '0') fraction.pop_back();
  return (r.negative ? "-" : "") + whole + (fraction.empty() ? "" : "." + fraction);
}

// Drops the last `drop` digits of the magnitude, deciding on paper: look at the first dropped
// digit and whether anything after it is non-zero.
Ref RoundRef(const Ref& r, std::size_t drop, RoundingMode mode) {
  std::string digits = r.magnitude;
  if (digits.size() <= drop) digits.insert(0, drop + 1 - digits.size(), '0');
  const std::string kept = digits.substr(0, digits.size() - drop);
  const std::string dropped = digits.substr(digits.size() - drop);
  if (dropped.find_first_not_of('0') == std::string::npos)
    return Normalized({r.negative, StripLeadingZeros(kept)});
  const char first = dropped[0];
  const bool rest_zero = dropped.find_first_not_of('0', 1) == std::string::npos;
  const bool above_half = first > '5' || (first == '5' && !rest_zero);
  const bool tie = first == '5' && rest_zero;
  const bool kept_odd = (kept.back() - '0') % 2 == 1;
  bool increment = false;
  switch (mode) {
    case RoundingMode::kDown:
      increment = false;
      break;
    case RoundingMode::kUp:
      increment = true;
      break;
    case RoundingMode::kFloor:
      increment = r.negative;
      break;
    case RoundingMode::kCeiling:
      increment = !r.negative;
      break;
    case RoundingMode::kHalfUp:
      increment = above_half || tie;
      break;
    case RoundingMode::kHalfDown:
      increment = above_half;
      break;
    case RoundingMode::kHalfEven:
      increment = above_half || (tie && kept_odd);
      break;
  }
  const std::string magnitude = increment ? AddMagnitude(kept, "1") : StripLeadingZeros(kept);
  return Normalized({r.negative, magnitude});
}

bool OutOfRange(const Ref& r) { return CompareMagnitude(r.magnitude, kMaxUnits) > 0; }

// --- Random inputs -----------------------------------------------------------------------------

class Generator {
 public:
  explicit Generator(uint64_t seed) : rng_(seed) {}

  int Uniform(int low, int high) { return std::uniform_int_distribution<int>(low, high)(rng_); }

  // Decimal text with 1..max_whole_digits whole digits (leading zeros allowed) and 0..12
  // fractional digits. Some fractions are just "5" so that products and roundings hit ties.
  std::string Text(int max_whole_digits) {
    std::string text = Uniform(0, 1) == 0 ? "-" : "";
    const int whole_digits = Uniform(1, max_whole_digits);
    for (int i = 0; i < whole_digits; ++i) text += Digit();
    const int shape = Uniform(0, 9);
    if (shape == 0) return text;
    if (shape == 1) return text + ".5";
    text += '.';
    const int fraction_digits = Uniform(1, static_cast<int>(kScale));
    for (int i = 0; i < fraction_digits; ++i) text += Digit();
    return text;
  }

  // Text whose magnitude is near Decimal::Max(), on either side of it.
  std::string NearBound() {
    std::string text = Uniform(0, 1) == 0 ? "-" : "";
    text += "1701411834604692317316873";
    text += Digit();
    text += Digit();
    text += '.';
    for (int i = 0; i < 3; ++i) text += Digit();
    return text;
  }

 private:
  char Digit() { return static_cast<char>('0' + Uniform(0, 9)); }

  std::mt19937_64 rng_;
};

// Parses `text`, checking that Decimal agrees with the reference on whether it is in range.
bool ParseBoth(const std::string& text, Decimal& value, Ref& ref) {
  ref = ParseRef(text);
  Result<Decimal> parsed = Decimal::Parse(text);
  if (OutOfRange(ref)) {
    EXPECT_THAT(parsed, HasReason("decimal.overflow")) << text;
    return false;
  }
  EXPECT_TRUE(parsed.ok()) << text << ": " << parsed.status();
  if (!parsed.ok()) return false;
  value = *parsed;
  EXPECT_EQ(value.ToString(), FormatRef(ref)) << text;
  return true;
}

void ExpectMatches(const Result<Decimal>& actual, const Ref& expected, const std::string& what) {
  if (OutOfRange(expected)) {
    EXPECT_THAT(actual, HasReason("decimal.overflow")) << what;
  } else {
    ASSERT_TRUE(actual.ok()) << what << ": " << actual.status();
    EXPECT_EQ(actual->ToString(), FormatRef(expected)) << what;
  }
}

TEST(DecimalPropertyTest, SumsAndDifferencesMatchDigitArithmetic) {
  Generator gen(20240625);
  int overflows = 0;
  for (int i = 0; i < 10'000; ++i) {
    const std::string a_text = gen.Uniform(0, 9) == 0 ? gen.NearBound() : gen.Text(26);
    const std::string b_text = gen.Uniform(0, 9) == 0 ? gen.NearBound() : gen.Text(26);
    Decimal a, b;
    Ref a_ref, b_ref;
    if (!ParseBoth(a_text, a, a_ref) || !ParseBoth(b_text, b, b_ref)) continue;
    const Ref sum = AddRef(a_ref, b_ref);
    const Ref difference = AddRef(a_ref, NegateRef(b_ref));
    overflows += OutOfRange(sum) ? 1 : 0;
    ExpectMatches(Decimal::Add(a, b), sum, a_text + " + " + b_text);
    ExpectMatches(Decimal::Sub(a, b), difference, a_text + " - " + b_text);
  }
  EXPECT_GT(overflows, 10) << "the generator should reach the range bound";
}

TEST(DecimalPropertyTest, ProductsRoundedInEveryModeMatchDigitArithmetic) {
  Generator gen(4217);
  int ties = 0;
  int overflows = 0;
  for (int i = 0; i < 3'000; ++i) {
    const std::string a_text = gen.Text(15);
    const std::string b_text = gen.Text(gen.Uniform(0, 1) == 0 ? 3 : 14);
    Decimal a, b;
    Ref a_ref, b_ref;
    if (!ParseBoth(a_text, a, a_ref) || !ParseBoth(b_text, b, b_ref)) continue;
    // The exact product has 24 fractional digits; drop 12 of them.
    const Ref exact{a_ref.negative != b_ref.negative,
                    MulMagnitude(a_ref.magnitude, b_ref.magnitude)};
    const std::string last12 = std::string(12, '0') + exact.magnitude;
    ties += last12.substr(last12.size() - 12) == "500000000000" ? 1 : 0;
    for (RoundingMode mode : kAllRoundingModes) {
      const Ref expected = RoundRef(Normalized(exact), kScale, mode);
      overflows += OutOfRange(expected) ? 1 : 0;
      ExpectMatches(Decimal::Mul(a, b, mode), expected,
                    a_text + " * " + b_text + " " + std::string(RoundingModeName(mode)));
    }
  }
  EXPECT_GT(ties, 30) << "the generator should produce exact ties";
  EXPECT_GT(overflows, 30) << "the generator should produce overflowing products";
}

TEST(DecimalPropertyTest, RoundedMatchesDigitArithmetic) {
  Generator gen(978);
  for (int i = 0; i < 10'000; ++i) {
    const std::string text = gen.Text(26);
    Decimal value;
    Ref ref;
    if (!ParseBoth(text, value, ref)) continue;
    const int digits = gen.Uniform(0, static_cast<int>(kScale));
    const auto drop = kScale - static_cast<std::size_t>(digits);
    for (RoundingMode mode : kAllRoundingModes) {
      Ref expected = RoundRef(ref, drop, mode);
      expected.magnitude = StripLeadingZeros(expected.magnitude + std::string(drop, '0'));
      EXPECT_EQ(value.Rounded(digits, mode).ToString(), FormatRef(expected))
          << text << " to " << digits << " " << RoundingModeName(mode);
    }
  }
}

// Division is checked by multiplying back: a truncated quotient q of a / b satisfies
// |q| * |b| <= |a| < (|q| + 1) * |b| (at 24 fractional digits), with the sign of a * b.
TEST(DecimalPropertyTest, TruncatedQuotientsBracketTheDividend) {
  Generator gen(392);
  const std::string one_unit = "1";
  for (int i = 0; i < 3'000; ++i) {
    const std::string a_text = gen.Text(20);
    const std::string b_text = gen.Text(gen.Uniform(1, 20));
    Decimal a, b;
    Ref a_ref, b_ref;
    if (!ParseBoth(a_text, a, a_ref) || !ParseBoth(b_text, b, b_ref) || b.IsZero()) continue;
    Result<Decimal> q = Decimal::Div(a, b, RoundingMode::kDown);
    const std::string dividend = a_ref.magnitude + std::string(kScale, '0');
    const std::string what = a_text + " / " + b_text;
    if (!q.ok()) {
      EXPECT_THAT(q, HasReason("decimal.overflow")) << what;
      const std::string first_too_big = AddMagnitude(kMaxUnits, one_unit);
      EXPECT_LE(CompareMagnitude(MulMagnitude(first_too_big, b_ref.magnitude), dividend), 0)
          << what;
      continue;
    }
    const Ref q_ref = ParseRef(q->ToString());
    EXPECT_LE(CompareMagnitude(MulMagnitude(q_ref.magnitude, b_ref.magnitude), dividend), 0)
        << what;
    EXPECT_GT(CompareMagnitude(
                  MulMagnitude(AddMagnitude(q_ref.magnitude, one_unit), b_ref.magnitude), dividend),
              0)
        << what;
    if (!q->IsZero()) {
      EXPECT_EQ(q->Sign() < 0, a_ref.negative != b_ref.negative) << what;
    }
  }
}

}  // namespace
}  // namespace accrue
