// The change table: hand-checkable proration cases, each with its expected lines. The expected
// factors and amounts were derived independently of this code (exact fractions over the
// zone's real instants: Python's fractions and zoneinfo) and spot-checked by hand; the
// derivations of the less obvious ones are in docs/proration.md. Stripe's and Autumn's documented
// examples come first.
#include "accrue/domain/proration/change.h"

#include <gtest/gtest.h>

#include <vector>

#include "accrue/time/instant.h"
#include "accrue/time/time_zone.h"
#include "testing/status_matchers.h"

namespace accrue {
namespace {

using ::accrue::testing::HasParam;
using ::accrue::testing::HasReason;
using ::accrue::testing::StatusIs;

enum class Op { kPrice, kQuantity, kCancel, kPause, kResume };
using L = LineKind;
using T = ChangeTiming;
using P = ProrationUnit;
using R = RoundingMode;

struct ExpectedLine {
  LineKind kind;
  const char* from;  // local wall-clock time in the case's zone
  const char* to;
  int64_t used;
  int64_t total;
  int64_t amount_minor;
};

struct ChangeCase {
  const char* name;
  const char* zone;
  absl::CivilDay anchor;
  IntervalUnit unit;
  int count;
  const char* currency;
  const char* price;     // current unit price per period
  const char* quantity;  // current quantity
  int64_t period_index;  // the current (paid) period
  Op op;
  const char* at;         // local
  const char* new_price;  // "" = unchanged
  const char* new_quantity;
  ChangeTiming timing;
  bool credit;  // Cancellation::prorated_credit / Pause::credit_unused
  ProrationUnit proration;
  RoundingMode rounding;
  const char* paused_at;     // local, or nullptr
  const char* effective_at;  // local
  std::vector<ExpectedLine> lines;
};

const std::vector<ChangeCase>& Cases() {
  static const auto* cases = new std::vector<ChangeCase>{
      // clang-format off
  // name, zone, anchor, unit, count, currency, price, quantity, current period, change, at (local),
  // new price, new quantity, timing, credit, proration unit, rounding, paused at, effective at,
  // lines {kind, from, to (local), used, total, amount in minor units}.
  {"StripeUpgradeHalfway", "UTC", absl::CivilDay(2026, 4, 1), IntervalUnit::kMonth, 1, "USD", "10", "1", 0, Op::kPrice, "2026-04-16 00:00:00", "20", "", T::kDefault, true, P::kSecond, R::kHalfUp, nullptr,
   "2026-04-16 00:00:00", {
      {L::kCredit, "2026-04-16 00:00:00", "2026-05-01 00:00:00", 1296000, 2592000, -500},
      {L::kCharge, "2026-04-16 00:00:00", "2026-05-01 00:00:00", 1296000, 2592000, 1000}}},
  {"AutumnUpgradeHalfway", "UTC", absl::CivilDay(2026, 4, 1), IntervalUnit::kMonth, 1, "USD", "20", "1", 0, Op::kPrice, "2026-04-16 00:00:00", "50", "", T::kDefault, true, P::kSecond, R::kHalfUp, nullptr,
   "2026-04-16 00:00:00", {
      {L::kCredit, "2026-04-16 00:00:00", "2026-05-01 00:00:00", 1296000, 2592000, -1000},
      {L::kCharge, "2026-04-16 00:00:00", "2026-05-01 00:00:00", 1296000, 2592000, 2500}}},
  {"UpgradeFirstSecond", "UTC", absl::CivilDay(2026, 1, 1), IntervalUnit::kMonth, 1, "EUR", "30", "1", 0, Op::kPrice, "2026-01-01 00:00:00", "90", "", T::kDefault, true, P::kSecond, R::kHalfUp, nullptr,
   "2026-01-01 00:00:00", {
      {L::kCredit, "2026-01-01 00:00:00", "2026-02-01 00:00:00", 2678400, 2678400, -3000},
      {L::kCharge, "2026-01-01 00:00:00", "2026-02-01 00:00:00", 2678400, 2678400, 9000}}},
  {"UpgradeLastSecond", "UTC", absl::CivilDay(2026, 1, 1), IntervalUnit::kMonth, 1, "EUR", "30", "1", 0, Op::kPrice, "2026-01-31 23:59:59", "90", "", T::kDefault, true, P::kSecond, R::kHalfUp, nullptr,
   "2026-01-31 23:59:59", {
      {L::kCredit, "2026-01-31 23:59:59", "2026-02-01 00:00:00", 1, 2678400, 0},
      {L::kCharge, "2026-01-31 23:59:59", "2026-02-01 00:00:00", 1, 2678400, 0}}},
  {"UpgradeLastSecondDayMode", "UTC", absl::CivilDay(2026, 1, 1), IntervalUnit::kMonth, 1, "EUR", "30", "1", 0, Op::kPrice, "2026-01-31 23:59:59", "90", "", T::kDefault, true, P::kDay, R::kHalfUp, nullptr,
   "2026-01-31 23:59:59", {
      {L::kCredit, "2026-01-31 23:59:59", "2026-02-01 00:00:00", 1, 31, -97},
      {L::kCharge, "2026-01-31 23:59:59", "2026-02-01 00:00:00", 1, 31, 290}}},
  {"UpgradeFirstSecondDayMode", "UTC", absl::CivilDay(2026, 1, 1), IntervalUnit::kMonth, 1, "EUR", "30", "1", 0, Op::kPrice, "2026-01-01 00:00:00", "90", "", T::kDefault, true, P::kDay, R::kHalfUp, nullptr,
   "2026-01-01 00:00:00", {
      {L::kCredit, "2026-01-01 00:00:00", "2026-02-01 00:00:00", 31, 31, -3000},
      {L::kCharge, "2026-01-01 00:00:00", "2026-02-01 00:00:00", 31, 31, 9000}}},
  {"DowngradeFirstSecondImmediately", "UTC", absl::CivilDay(2026, 1, 1), IntervalUnit::kMonth, 1, "EUR", "90", "1", 0, Op::kPrice, "2026-01-01 00:00:00", "30", "", T::kImmediately, true, P::kSecond, R::kHalfUp, nullptr,
   "2026-01-01 00:00:00", {
      {L::kCredit, "2026-01-01 00:00:00", "2026-02-01 00:00:00", 2678400, 2678400, -9000},
      {L::kCharge, "2026-01-01 00:00:00", "2026-02-01 00:00:00", 2678400, 2678400, 3000}}},
  {"DowngradeLastSecondImmediately", "UTC", absl::CivilDay(2026, 1, 1), IntervalUnit::kMonth, 1, "EUR", "90", "1", 0, Op::kPrice, "2026-01-31 23:59:59", "30", "", T::kImmediately, true, P::kSecond, R::kHalfUp, nullptr,
   "2026-01-31 23:59:59", {
      {L::kCredit, "2026-01-31 23:59:59", "2026-02-01 00:00:00", 1, 2678400, 0},
      {L::kCharge, "2026-01-31 23:59:59", "2026-02-01 00:00:00", 1, 2678400, 0}}},
  {"DowngradeDefaultsToPeriodEnd", "UTC", absl::CivilDay(2026, 1, 1), IntervalUnit::kMonth, 1, "EUR", "90", "1", 0, Op::kPrice, "2026-01-16 00:00:00", "30", "", T::kDefault, true, P::kSecond, R::kHalfUp, nullptr,
   "2026-02-01 00:00:00", {}},
  {"DowngradeImmediately", "UTC", absl::CivilDay(2026, 1, 1), IntervalUnit::kMonth, 1, "EUR", "90", "1", 0, Op::kPrice, "2026-01-16 00:00:00", "30", "", T::kImmediately, true, P::kSecond, R::kHalfUp, nullptr,
   "2026-01-16 00:00:00", {
      {L::kCredit, "2026-01-16 00:00:00", "2026-02-01 00:00:00", 1382400, 2678400, -4645},
      {L::kCharge, "2026-01-16 00:00:00", "2026-02-01 00:00:00", 1382400, 2678400, 1548}}},
  {"UpgradeDeferredToPeriodEnd", "UTC", absl::CivilDay(2026, 1, 1), IntervalUnit::kMonth, 1, "EUR", "30", "1", 0, Op::kPrice, "2026-01-16 00:00:00", "90", "", T::kPeriodEnd, true, P::kSecond, R::kHalfUp, nullptr,
   "2026-02-01 00:00:00", {}},
  {"SamePriceSwitchIsImmediate", "UTC", absl::CivilDay(2026, 1, 1), IntervalUnit::kMonth, 1, "EUR", "30", "1", 0, Op::kPrice, "2026-01-16 00:00:00", "30", "", T::kDefault, true, P::kSecond, R::kHalfUp, nullptr,
   "2026-01-16 00:00:00", {
      {L::kCredit, "2026-01-16 00:00:00", "2026-02-01 00:00:00", 1382400, 2678400, -1548},
      {L::kCharge, "2026-01-16 00:00:00", "2026-02-01 00:00:00", 1382400, 2678400, 1548}}},
  {"Jan31AnchorInFebruary", "UTC", absl::CivilDay(2026, 1, 31), IntervalUnit::kMonth, 1, "EUR", "10", "1", 0, Op::kPrice, "2026-02-14 00:00:00", "20", "", T::kDefault, true, P::kSecond, R::kHalfUp, nullptr,
   "2026-02-14 00:00:00", {
      {L::kCredit, "2026-02-14 00:00:00", "2026-02-28 00:00:00", 1209600, 2419200, -500},
      {L::kCharge, "2026-02-14 00:00:00", "2026-02-28 00:00:00", 1209600, 2419200, 1000}}},
  {"Jan31AnchorMarchPeriod", "UTC", absl::CivilDay(2026, 1, 31), IntervalUnit::kMonth, 1, "EUR", "10", "1", 1, Op::kPrice, "2026-03-15 00:00:00", "20", "", T::kDefault, true, P::kSecond, R::kHalfUp, nullptr,
   "2026-03-15 00:00:00", {
      {L::kCredit, "2026-03-15 00:00:00", "2026-03-31 00:00:00", 1382400, 2678400, -516},
      {L::kCharge, "2026-03-15 00:00:00", "2026-03-31 00:00:00", 1382400, 2678400, 1032}}},
  {"Jan31AnchorLeapFebruary", "UTC", absl::CivilDay(2028, 1, 31), IntervalUnit::kMonth, 1, "EUR", "10", "1", 0, Op::kPrice, "2028-02-15 00:00:00", "20", "", T::kDefault, true, P::kSecond, R::kHalfUp, nullptr,
   "2028-02-15 00:00:00", {
      {L::kCredit, "2028-02-15 00:00:00", "2028-02-29 00:00:00", 1209600, 2505600, -483},
      {L::kCharge, "2028-02-15 00:00:00", "2028-02-29 00:00:00", 1209600, 2505600, 966}}},
  {"Jan31AnchorAprilPeriodDayMode", "UTC", absl::CivilDay(2026, 1, 31), IntervalUnit::kMonth, 1, "EUR", "10", "1", 2, Op::kPrice, "2026-04-10 00:00:00", "20", "", T::kDefault, true, P::kDay, R::kHalfUp, nullptr,
   "2026-04-10 00:00:00", {
      {L::kCredit, "2026-04-10 00:00:00", "2026-04-30 00:00:00", 20, 30, -667},
      {L::kCharge, "2026-04-10 00:00:00", "2026-04-30 00:00:00", 20, 30, 1333}}},
  {"Mar31AnchorShortMonth", "UTC", absl::CivilDay(2026, 3, 31), IntervalUnit::kMonth, 1, "EUR", "10", "1", 0, Op::kPrice, "2026-04-15 12:00:00", "20", "", T::kDefault, true, P::kSecond, R::kHalfUp, nullptr,
   "2026-04-15 12:00:00", {
      {L::kCredit, "2026-04-15 12:00:00", "2026-04-30 00:00:00", 1252800, 2592000, -483},
      {L::kCharge, "2026-04-15 12:00:00", "2026-04-30 00:00:00", 1252800, 2592000, 967}}},
  {"Feb29YearlyCommonYear", "UTC", absl::CivilDay(2024, 2, 29), IntervalUnit::kYear, 1, "EUR", "120", "1", 1, Op::kPrice, "2025-08-30 00:00:00", "240", "", T::kDefault, true, P::kSecond, R::kHalfUp, nullptr,
   "2025-08-30 00:00:00", {
      {L::kCredit, "2025-08-30 00:00:00", "2026-02-28 00:00:00", 15724800, 31536000, -5984},
      {L::kCharge, "2025-08-30 00:00:00", "2026-02-28 00:00:00", 15724800, 31536000, 11967}}},
  {"Feb29YearlyIntoLeapYear", "UTC", absl::CivilDay(2024, 2, 29), IntervalUnit::kYear, 1, "EUR", "120", "1", 3, Op::kPrice, "2027-08-30 00:00:00", "240", "", T::kDefault, true, P::kSecond, R::kHalfUp, nullptr,
   "2027-08-30 00:00:00", {
      {L::kCredit, "2027-08-30 00:00:00", "2028-02-29 00:00:00", 15811200, 31622400, -6000},
      {L::kCharge, "2027-08-30 00:00:00", "2028-02-29 00:00:00", 15811200, 31622400, 12000}}},
  {"Feb29YearlyOnTheLeapDayDayMode", "UTC", absl::CivilDay(2024, 2, 29), IntervalUnit::kYear, 1, "EUR", "120", "1", 4, Op::kPrice, "2028-02-29 00:00:00", "240", "", T::kDefault, true, P::kDay, R::kHalfUp, nullptr,
   "2028-02-29 00:00:00", {
      {L::kCredit, "2028-02-29 00:00:00", "2029-02-28 00:00:00", 365, 365, -12000},
      {L::kCharge, "2028-02-29 00:00:00", "2029-02-28 00:00:00", 365, 365, 24000}}},
  {"YearlyMidYear", "UTC", absl::CivilDay(2026, 1, 1), IntervalUnit::kYear, 1, "EUR", "1200", "1", 0, Op::kPrice, "2026-07-02 00:00:00", "2400", "", T::kDefault, true, P::kSecond, R::kHalfUp, nullptr,
   "2026-07-02 00:00:00", {
      {L::kCredit, "2026-07-02 00:00:00", "2027-01-01 00:00:00", 15811200, 31536000, -60164},
      {L::kCharge, "2026-07-02 00:00:00", "2027-01-01 00:00:00", 15811200, 31536000, 120329}}},
  {"YearlyLastDayDayMode", "UTC", absl::CivilDay(2026, 1, 1), IntervalUnit::kYear, 1, "EUR", "1200", "1", 0, Op::kPrice, "2026-12-31 18:00:00", "2400", "", T::kDefault, true, P::kDay, R::kHalfUp, nullptr,
   "2026-12-31 18:00:00", {
      {L::kCredit, "2026-12-31 18:00:00", "2027-01-01 00:00:00", 1, 365, -329},
      {L::kCharge, "2026-12-31 18:00:00", "2027-01-01 00:00:00", 1, 365, 658}}},
  {"TwoYearPlan", "UTC", absl::CivilDay(2026, 1, 1), IntervalUnit::kYear, 2, "EUR", "1000", "1", 0, Op::kPrice, "2027-01-01 00:00:00", "3000", "", T::kDefault, true, P::kSecond, R::kHalfUp, nullptr,
   "2027-01-01 00:00:00", {
      {L::kCredit, "2027-01-01 00:00:00", "2028-01-01 00:00:00", 31536000, 63072000, -50000},
      {L::kCharge, "2027-01-01 00:00:00", "2028-01-01 00:00:00", 31536000, 63072000, 150000}}},
  {"BerlinSpringForwardDay", "Europe/Berlin", absl::CivilDay(2026, 3, 1), IntervalUnit::kMonth, 1, "EUR", "10", "1", 0, Op::kPrice, "2026-03-29 00:00:00", "20", "", T::kDefault, true, P::kSecond, R::kHalfUp, nullptr,
   "2026-03-29 00:00:00", {
      {L::kCredit, "2026-03-29 00:00:00", "2026-04-01 00:00:00", 255600, 2674800, -96},
      {L::kCharge, "2026-03-29 00:00:00", "2026-04-01 00:00:00", 255600, 2674800, 191}}},
  {"BerlinSpringForwardDayDayMode", "Europe/Berlin", absl::CivilDay(2026, 3, 1), IntervalUnit::kMonth, 1, "EUR", "10", "1", 0, Op::kPrice, "2026-03-29 00:00:00", "20", "", T::kDefault, true, P::kDay, R::kHalfUp, nullptr,
   "2026-03-29 00:00:00", {
      {L::kCredit, "2026-03-29 00:00:00", "2026-04-01 00:00:00", 3, 31, -97},
      {L::kCharge, "2026-03-29 00:00:00", "2026-04-01 00:00:00", 3, 31, 194}}},
  {"BerlinBeforeSpringForward", "Europe/Berlin", absl::CivilDay(2026, 3, 1), IntervalUnit::kMonth, 1, "EUR", "10", "1", 0, Op::kPrice, "2026-03-15 00:00:00", "20", "", T::kDefault, true, P::kSecond, R::kHalfUp, nullptr,
   "2026-03-15 00:00:00", {
      {L::kCredit, "2026-03-15 00:00:00", "2026-04-01 00:00:00", 1465200, 2674800, -548},
      {L::kCharge, "2026-03-15 00:00:00", "2026-04-01 00:00:00", 1465200, 2674800, 1096}}},
  {"BerlinAfterSpringForward", "Europe/Berlin", absl::CivilDay(2026, 3, 1), IntervalUnit::kMonth, 1, "EUR", "10", "1", 0, Op::kPrice, "2026-03-29 03:00:00", "20", "", T::kDefault, true, P::kSecond, R::kHalfUp, nullptr,
   "2026-03-29 03:00:00", {
      {L::kCredit, "2026-03-29 03:00:00", "2026-04-01 00:00:00", 248400, 2674800, -93},
      {L::kCharge, "2026-03-29 03:00:00", "2026-04-01 00:00:00", 248400, 2674800, 186}}},
  {"BerlinFallBackDay", "Europe/Berlin", absl::CivilDay(2026, 10, 1), IntervalUnit::kMonth, 1, "EUR", "10", "1", 0, Op::kPrice, "2026-10-25 00:00:00", "20", "", T::kDefault, true, P::kSecond, R::kHalfUp, nullptr,
   "2026-10-25 00:00:00", {
      {L::kCredit, "2026-10-25 00:00:00", "2026-11-01 00:00:00", 608400, 2682000, -227},
      {L::kCharge, "2026-10-25 00:00:00", "2026-11-01 00:00:00", 608400, 2682000, 454}}},
  {"BerlinFallBackDayDayMode", "Europe/Berlin", absl::CivilDay(2026, 10, 1), IntervalUnit::kMonth, 1, "EUR", "10", "1", 0, Op::kPrice, "2026-10-25 00:00:00", "20", "", T::kDefault, true, P::kDay, R::kHalfUp, nullptr,
   "2026-10-25 00:00:00", {
      {L::kCredit, "2026-10-25 00:00:00", "2026-11-01 00:00:00", 7, 31, -226},
      {L::kCharge, "2026-10-25 00:00:00", "2026-11-01 00:00:00", 7, 31, 452}}},
  {"BerlinQuarterWithDst", "Europe/Berlin", absl::CivilDay(2026, 1, 1), IntervalUnit::kQuarter, 1, "EUR", "300", "1", 0, Op::kPrice, "2026-03-01 00:00:00", "600", "", T::kDefault, true, P::kSecond, R::kHalfUp, nullptr,
   "2026-03-01 00:00:00", {
      {L::kCredit, "2026-03-01 00:00:00", "2026-04-01 00:00:00", 2674800, 7772400, -10324},
      {L::kCharge, "2026-03-01 00:00:00", "2026-04-01 00:00:00", 2674800, 7772400, 20648}}},
  {"NewYorkSpringForward", "America/New_York", absl::CivilDay(2026, 3, 1), IntervalUnit::kMonth, 1, "USD", "10", "1", 0, Op::kPrice, "2026-03-08 12:00:00", "20", "", T::kDefault, true, P::kSecond, R::kHalfUp, nullptr,
   "2026-03-08 12:00:00", {
      {L::kCredit, "2026-03-08 12:00:00", "2026-04-01 00:00:00", 2030400, 2674800, -759},
      {L::kCharge, "2026-03-08 12:00:00", "2026-04-01 00:00:00", 2030400, 2674800, 1518}}},
  {"NewYorkFallBack", "America/New_York", absl::CivilDay(2026, 11, 1), IntervalUnit::kMonth, 1, "USD", "10", "1", 0, Op::kPrice, "2026-11-01 03:00:00", "20", "", T::kDefault, true, P::kSecond, R::kHalfUp, nullptr,
   "2026-11-01 03:00:00", {
      {L::kCredit, "2026-11-01 03:00:00", "2026-12-01 00:00:00", 2581200, 2595600, -994},
      {L::kCharge, "2026-11-01 03:00:00", "2026-12-01 00:00:00", 2581200, 2595600, 1989}}},
  {"NewYorkFallBackDayMode", "America/New_York", absl::CivilDay(2026, 11, 1), IntervalUnit::kMonth, 1, "USD", "10", "1", 0, Op::kPrice, "2026-11-01 03:00:00", "20", "", T::kDefault, true, P::kDay, R::kHalfUp, nullptr,
   "2026-11-01 03:00:00", {
      {L::kCredit, "2026-11-01 03:00:00", "2026-12-01 00:00:00", 30, 30, -1000},
      {L::kCharge, "2026-11-01 03:00:00", "2026-12-01 00:00:00", 30, 30, 2000}}},
  {"NewYorkWeeklyOverDst", "America/New_York", absl::CivilDay(2026, 3, 5), IntervalUnit::kWeek, 1, "USD", "70", "1", 0, Op::kPrice, "2026-03-09 00:00:00", "140", "", T::kDefault, true, P::kSecond, R::kHalfUp, nullptr,
   "2026-03-09 00:00:00", {
      {L::kCredit, "2026-03-09 00:00:00", "2026-03-12 00:00:00", 259200, 601200, -3018},
      {L::kCharge, "2026-03-09 00:00:00", "2026-03-12 00:00:00", 259200, 601200, 6036}}},
  {"SeatsUp", "UTC", absl::CivilDay(2026, 4, 1), IntervalUnit::kMonth, 1, "EUR", "12", "5", 0, Op::kQuantity, "2026-04-11 00:00:00", "", "8", T::kDefault, true, P::kSecond, R::kHalfUp, nullptr,
   "2026-04-11 00:00:00", {
      {L::kCredit, "2026-04-11 00:00:00", "2026-05-01 00:00:00", 1728000, 2592000, -4000},
      {L::kCharge, "2026-04-11 00:00:00", "2026-05-01 00:00:00", 1728000, 2592000, 6400}}},
  {"SeatsDown", "UTC", absl::CivilDay(2026, 4, 1), IntervalUnit::kMonth, 1, "EUR", "12", "8", 0, Op::kQuantity, "2026-04-11 00:00:00", "", "3", T::kDefault, true, P::kSecond, R::kHalfUp, nullptr,
   "2026-04-11 00:00:00", {
      {L::kCredit, "2026-04-11 00:00:00", "2026-05-01 00:00:00", 1728000, 2592000, -6400},
      {L::kCharge, "2026-04-11 00:00:00", "2026-05-01 00:00:00", 1728000, 2592000, 2400}}},
  {"SeatsAtPeriodEnd", "UTC", absl::CivilDay(2026, 4, 1), IntervalUnit::kMonth, 1, "EUR", "12", "8", 0, Op::kQuantity, "2026-04-11 00:00:00", "", "3", T::kPeriodEnd, true, P::kSecond, R::kHalfUp, nullptr,
   "2026-05-01 00:00:00", {}},
  {"SeatsDayMode", "UTC", absl::CivilDay(2026, 2, 1), IntervalUnit::kMonth, 1, "EUR", "9.99", "3", 0, Op::kQuantity, "2026-02-10 15:00:00", "", "4", T::kDefault, true, P::kDay, R::kHalfUp, nullptr,
   "2026-02-10 15:00:00", {
      {L::kCredit, "2026-02-10 15:00:00", "2026-03-01 00:00:00", 19, 28, -2034},
      {L::kCharge, "2026-02-10 15:00:00", "2026-03-01 00:00:00", 19, 28, 2712}}},
  {"UpgradeWithMoreSeats", "UTC", absl::CivilDay(2026, 4, 1), IntervalUnit::kMonth, 1, "EUR", "10", "2", 0, Op::kPrice, "2026-04-21 00:00:00", "25", "3", T::kDefault, true, P::kSecond, R::kHalfUp, nullptr,
   "2026-04-21 00:00:00", {
      {L::kCredit, "2026-04-21 00:00:00", "2026-05-01 00:00:00", 864000, 2592000, -667},
      {L::kCharge, "2026-04-21 00:00:00", "2026-05-01 00:00:00", 864000, 2592000, 2500}}},
  {"FewerSeatsOnDearerPlanIsDowngrade", "UTC", absl::CivilDay(2026, 4, 1), IntervalUnit::kMonth, 1, "EUR", "10", "10", 0, Op::kPrice, "2026-04-21 00:00:00", "25", "3", T::kDefault, true, P::kSecond, R::kHalfUp, nullptr,
   "2026-05-01 00:00:00", {}},
  {"FractionalQuantity", "UTC", absl::CivilDay(2026, 4, 1), IntervalUnit::kMonth, 1, "EUR", "100", "2.5", 0, Op::kQuantity, "2026-04-21 00:00:00", "", "0.75", T::kDefault, true, P::kSecond, R::kHalfUp, nullptr,
   "2026-04-21 00:00:00", {
      {L::kCredit, "2026-04-21 00:00:00", "2026-05-01 00:00:00", 864000, 2592000, -8333},
      {L::kCharge, "2026-04-21 00:00:00", "2026-05-01 00:00:00", 864000, 2592000, 2500}}},
  {"CancelAtPeriodEnd", "UTC", absl::CivilDay(2026, 4, 1), IntervalUnit::kMonth, 1, "EUR", "30", "1", 0, Op::kCancel, "2026-04-21 00:00:00", "", "", T::kDefault, true, P::kSecond, R::kHalfUp, nullptr,
   "2026-05-01 00:00:00", {}},
  {"CancelNowWithCredit", "UTC", absl::CivilDay(2026, 4, 1), IntervalUnit::kMonth, 1, "EUR", "30", "1", 0, Op::kCancel, "2026-04-21 00:00:00", "", "", T::kImmediately, true, P::kSecond, R::kHalfUp, nullptr,
   "2026-04-21 00:00:00", {
      {L::kCredit, "2026-04-21 00:00:00", "2026-05-01 00:00:00", 864000, 2592000, -1000}}},
  {"CancelNowWithoutCredit", "UTC", absl::CivilDay(2026, 4, 1), IntervalUnit::kMonth, 1, "EUR", "30", "1", 0, Op::kCancel, "2026-04-21 00:00:00", "", "", T::kImmediately, false, P::kSecond, R::kHalfUp, nullptr,
   "2026-04-21 00:00:00", {}},
  {"PauseCreditsUnused", "UTC", absl::CivilDay(2026, 4, 1), IntervalUnit::kMonth, 1, "EUR", "30", "1", 0, Op::kPause, "2026-04-16 00:00:00", "", "", T::kDefault, true, P::kSecond, R::kHalfUp, nullptr,
   "2026-04-16 00:00:00", {
      {L::kCredit, "2026-04-16 00:00:00", "2026-05-01 00:00:00", 1296000, 2592000, -1500}}},
  {"PauseWithoutCredit", "UTC", absl::CivilDay(2026, 4, 1), IntervalUnit::kMonth, 1, "EUR", "30", "1", 0, Op::kPause, "2026-04-16 00:00:00", "", "", T::kDefault, false, P::kSecond, R::kHalfUp, nullptr,
   "2026-04-16 00:00:00", {}},
  {"ResumeChargesRestOfPeriod", "UTC", absl::CivilDay(2026, 4, 1), IntervalUnit::kMonth, 1, "EUR", "30", "1", 0, Op::kResume, "2026-05-20 00:00:00", "", "", T::kDefault, true, P::kSecond, R::kHalfUp, "2026-04-16 00:00:00",
   "2026-05-20 00:00:00", {
      {L::kCharge, "2026-05-20 00:00:00", "2026-06-01 00:00:00", 1036800, 2678400, 1161}}},
  {"ResumeOnABoundaryChargesAWholePeriod", "UTC", absl::CivilDay(2026, 4, 1), IntervalUnit::kMonth, 1, "EUR", "30", "1", 0, Op::kResume, "2026-06-01 00:00:00", "", "", T::kDefault, true, P::kSecond, R::kHalfUp, "2026-04-16 00:00:00",
   "2026-06-01 00:00:00", {
      {L::kCharge, "2026-06-01 00:00:00", "2026-07-01 00:00:00", 2592000, 2592000, 3000}}},
  {"CancelWhilePausedCreditsNothing", "UTC", absl::CivilDay(2026, 4, 1), IntervalUnit::kMonth, 1, "EUR", "30", "1", 0, Op::kCancel, "2026-04-20 00:00:00", "", "", T::kImmediately, true, P::kSecond, R::kHalfUp, "2026-04-16 00:00:00",
   "2026-04-20 00:00:00", {}},
  {"JpyUpgrade", "Asia/Tokyo", absl::CivilDay(2026, 1, 1), IntervalUnit::kMonth, 1, "JPY", "1000", "1", 0, Op::kPrice, "2026-01-11 00:00:00", "3000", "", T::kDefault, true, P::kSecond, R::kHalfUp, nullptr,
   "2026-01-11 00:00:00", {
      {L::kCredit, "2026-01-11 00:00:00", "2026-02-01 00:00:00", 1814400, 2678400, -677},
      {L::kCharge, "2026-01-11 00:00:00", "2026-02-01 00:00:00", 1814400, 2678400, 2032}}},
  {"KwdUpgrade", "UTC", absl::CivilDay(2026, 1, 1), IntervalUnit::kMonth, 1, "KWD", "9.995", "1", 0, Op::kPrice, "2026-01-11 00:00:00", "19.99", "", T::kDefault, true, P::kSecond, R::kHalfUp, nullptr,
   "2026-01-11 00:00:00", {
      {L::kCredit, "2026-01-11 00:00:00", "2026-02-01 00:00:00", 1814400, 2678400, -6771},
      {L::kCharge, "2026-01-11 00:00:00", "2026-02-01 00:00:00", 1814400, 2678400, 13542}}},
  {"HalfEvenTie", "UTC", absl::CivilDay(2026, 4, 1), IntervalUnit::kMonth, 1, "EUR", "0.05", "1", 0, Op::kCancel, "2026-04-16 00:00:00", "", "", T::kImmediately, true, P::kSecond, R::kHalfEven, nullptr,
   "2026-04-16 00:00:00", {
      {L::kCredit, "2026-04-16 00:00:00", "2026-05-01 00:00:00", 1296000, 2592000, -2}}},
  {"HalfUpTie", "UTC", absl::CivilDay(2026, 4, 1), IntervalUnit::kMonth, 1, "EUR", "0.05", "1", 0, Op::kCancel, "2026-04-16 00:00:00", "", "", T::kImmediately, true, P::kSecond, R::kHalfUp, nullptr,
   "2026-04-16 00:00:00", {
      {L::kCredit, "2026-04-16 00:00:00", "2026-05-01 00:00:00", 1296000, 2592000, -3}}},
  {"SubCentSeatPrice", "UTC", absl::CivilDay(2026, 4, 1), IntervalUnit::kMonth, 1, "EUR", "0.0049", "1000", 0, Op::kQuantity, "2026-04-16 00:00:00", "", "3000", T::kDefault, true, P::kSecond, R::kHalfUp, nullptr,
   "2026-04-16 00:00:00", {
      {L::kCredit, "2026-04-16 00:00:00", "2026-05-01 00:00:00", 1296000, 2592000, -245},
      {L::kCharge, "2026-04-16 00:00:00", "2026-05-01 00:00:00", 1296000, 2592000, 735}}},
  {"UpgradeDuringCalendarStub", "UTC", absl::CivilDay(2026, 4, 1), IntervalUnit::kMonth, 1, "EUR", "10", "1", -1, Op::kPrice, "2026-03-20 00:00:00", "20", "", T::kDefault, true, P::kSecond, R::kHalfUp, nullptr,
   "2026-03-20 00:00:00", {
      {L::kCredit, "2026-03-20 00:00:00", "2026-04-01 00:00:00", 1036800, 2678400, -387},
      {L::kCharge, "2026-03-20 00:00:00", "2026-04-01 00:00:00", 1036800, 2678400, 774}}},
  {"WeeklyUpgrade", "UTC", absl::CivilDay(2026, 1, 5), IntervalUnit::kWeek, 1, "EUR", "7", "1", 0, Op::kPrice, "2026-01-08 00:00:00", "14", "", T::kDefault, true, P::kSecond, R::kHalfUp, nullptr,
   "2026-01-08 00:00:00", {
      {L::kCredit, "2026-01-08 00:00:00", "2026-01-12 00:00:00", 345600, 604800, -400},
      {L::kCharge, "2026-01-08 00:00:00", "2026-01-12 00:00:00", 345600, 604800, 800}}},
  {"BiweeklyUpgradeDayMode", "UTC", absl::CivilDay(2026, 1, 5), IntervalUnit::kWeek, 2, "EUR", "14", "1", 1, Op::kPrice, "2026-01-25 09:00:00", "28", "", T::kDefault, true, P::kDay, R::kHalfUp, nullptr,
   "2026-01-25 09:00:00", {
      {L::kCredit, "2026-01-25 09:00:00", "2026-02-02 00:00:00", 8, 14, -800},
      {L::kCharge, "2026-01-25 09:00:00", "2026-02-02 00:00:00", 8, 14, 1600}}},
      // clang-format on
  };
  return *cases;
}

Decimal D(std::string_view text) {
  Result<Decimal> d = Decimal::Parse(text);
  EXPECT_TRUE(d.ok()) << text;
  return d.ok() ? *d : Decimal();
}

absl::TimeZone Zone(const char* name) {
  Result<absl::TimeZone> tz = LoadTimeZone(name);
  EXPECT_TRUE(tz.ok()) << name;
  return tz.ok() ? *tz : absl::UTCTimeZone();
}

// "2026-03-29 03:00:00" in `tz`; the table avoids skipped and repeated local times.
absl::Time Local(const char* text, absl::TimeZone tz) {
  std::string iso(text);
  if (iso.size() > 10) iso[10] = 'T';
  absl::CivilSecond cs;
  EXPECT_TRUE(absl::ParseCivilTime(iso, &cs)) << text;
  return absl::FromCivil(cs, tz);
}

RecurringPrice Price(const char* name, const char* currency, const char* unit_price) {
  return RecurringPrice{
      std::nullopt, name, {CurrencyPrice{Currency::FromCodeOrDie(currency), D(unit_price)}}};
}

SubscriptionTerms TermsOf(const ChangeCase& c) {
  SubscriptionTerms terms;
  terms.currency = Currency::FromCodeOrDie(c.currency);
  terms.price = Price("Pro", c.currency, c.price);
  terms.quantity = D(c.quantity);
  terms.cycle = BillingCycle{c.anchor, c.unit, c.count};
  terms.tz = Zone(c.zone);
  terms.current_period_index = c.period_index;
  if (c.paused_at != nullptr) terms.paused_at = Local(c.paused_at, terms.tz);
  return terms;
}

SubscriptionChange ChangeOf(const ChangeCase& c) {
  const std::string_view new_price = c.new_price;
  const std::string_view new_quantity = c.new_quantity;
  switch (c.op) {
    case Op::kPrice: {
      PriceChange change{Price("Business", c.currency, new_price.empty() ? c.price : c.new_price),
                         std::nullopt, c.timing};
      if (!new_quantity.empty()) change.quantity = D(new_quantity);
      return change;
    }
    case Op::kQuantity:
      return QuantityChange{D(new_quantity), c.timing};
    case Op::kCancel:
      return Cancellation{c.timing, c.credit};
    case Op::kPause:
      return Pause{c.credit};
    case Op::kResume:
      return Resume{};
  }
  return Resume{};
}

void PrintTo(const ChangeCase& c, std::ostream* os) { *os << c.name; }

class ChangeTableTest : public ::testing::TestWithParam<ChangeCase> {};

TEST_P(ChangeTableTest, ProducesTheExpectedLines) {
  const ChangeCase& c = GetParam();
  const SubscriptionTerms terms = TermsOf(c);
  ASSERT_OK_AND_ASSIGN(
      ChangePlan plan,
      PlanSubscriptionChange(terms, ChangeOf(c), Local(c.at, terms.tz),
                             ProrationOptions{c.proration, c.rounding, StubBase::kCycle}));
  EXPECT_EQ(plan.effective_at, Local(c.effective_at, terms.tz));
  ASSERT_EQ(plan.lines.size(), c.lines.size());
  int64_t total = 0;
  for (size_t i = 0; i < c.lines.size(); ++i) {
    const ExpectedLine& want = c.lines[i];
    const ProratedLine& got = plan.lines[i];
    SCOPED_TRACE(::testing::Message() << "line " << i << ": " << got.description);
    EXPECT_EQ(got.kind, want.kind);
    EXPECT_EQ(got.period_start, Local(want.from, terms.tz));
    EXPECT_EQ(got.period_end, Local(want.to, terms.tz));
    EXPECT_EQ(got.proration, (ProrationFactor{c.proration, want.used, want.total}));
    EXPECT_EQ(got.amount, Money::FromMinor(want.amount_minor, terms.currency));
    EXPECT_FALSE(got.description.empty());
    EXPECT_TRUE(got.base.start <= got.period_start && got.period_end <= got.base.end);
    total += want.amount_minor;
  }
  EXPECT_EQ(plan.total, Money::FromMinor(total, terms.currency));
}

std::string CaseName(const ::testing::TestParamInfo<ChangeCase>& info) { return info.param.name; }

INSTANTIATE_TEST_SUITE_P(Vectors, ChangeTableTest, ::testing::ValuesIn(Cases()), CaseName);

TEST(ChangeTableSizeTest, HasAtLeastFortyCases) { EXPECT_GE(Cases().size(), 40u); }

// --- The terms after a change ------------------------------------------------------------------

SubscriptionTerms Monthly(const char* price = "30", const char* quantity = "1") {
  SubscriptionTerms terms;
  terms.currency = Currency::FromCodeOrDie("EUR");
  terms.price = Price("Pro", "EUR", price);
  terms.quantity = D(quantity);
  terms.cycle = BillingCycle{absl::CivilDay(2026, 4, 1), IntervalUnit::kMonth, 1};
  terms.tz = absl::UTCTimeZone();
  return terms;
}

const ProrationOptions kSeconds{ProrationUnit::kSecond, RoundingMode::kHalfUp, StubBase::kCycle};

absl::Time Utc(int y, int m, int d, int hh = 0) {
  return absl::FromCivil(absl::CivilSecond(y, m, d, hh, 0, 0), absl::UTCTimeZone());
}

TEST(ChangeTermsTest, UpgradeSwitchesPriceAndQuantityNow) {
  ASSERT_OK_AND_ASSIGN(
      ChangePlan plan,
      PlanSubscriptionChange(
          Monthly(), PriceChange{Price("Business", "EUR", "90"), D("2"), ChangeTiming::kDefault},
          Utc(2026, 4, 16), kSeconds));
  EXPECT_EQ(plan.terms.price.name, "Business");
  EXPECT_EQ(plan.terms.quantity, D("2"));
  EXPECT_EQ(plan.lines[0].description,
            "Unused time on Pro (2026-04-16 00:00:00 – 2026-05-01 "
            "00:00:00 UTC)");
  EXPECT_EQ(plan.lines[1].description,
            "Remaining time on Business (2026-04-16 00:00:00 – "
            "2026-05-01 00:00:00 UTC)");
  EXPECT_EQ(plan.lines[1].unit_price, D("90"));
  EXPECT_EQ(plan.lines[1].quantity, D("2"));
  EXPECT_EQ(plan.total.minor_units(), -1500 + 9000);
}

TEST(ChangeTermsTest, DayModeDescriptionsShowInclusiveDays) {
  ASSERT_OK_AND_ASSIGN(
      ChangePlan plan,
      PlanSubscriptionChange(
          Monthly(), QuantityChange{D("3"), ChangeTiming::kDefault}, Utc(2026, 4, 16, 15),
          ProrationOptions{ProrationUnit::kDay, RoundingMode::kHalfUp, StubBase::kCycle}));
  EXPECT_EQ(plan.lines[0].description, "Unused time on Pro (2026-04-16 – 2026-04-30)");
  EXPECT_EQ(plan.terms.quantity, D("3"));
}

TEST(ChangeTermsTest, DeferredChangesTakeEffectAtThePeriodEnd) {
  ASSERT_OK_AND_ASSIGN(ChangePlan cancel, PlanSubscriptionChange(Monthly(), Cancellation{},
                                                                 Utc(2026, 4, 16), kSeconds));
  EXPECT_EQ(cancel.terms.status, SubscriptionStatus::kCanceled);
  EXPECT_EQ(cancel.effective_at, Utc(2026, 5, 1));
  EXPECT_TRUE(cancel.lines.empty());
  EXPECT_EQ(cancel.total.minor_units(), 0);
  ASSERT_OK_AND_ASSIGN(ChangePlan downgrade,
                       PlanSubscriptionChange(Monthly("90"),
                                              PriceChange{Price("Basic", "EUR", "30"), std::nullopt,
                                                          ChangeTiming::kDefault},
                                              Utc(2026, 4, 16), kSeconds));
  EXPECT_EQ(downgrade.terms.price.name, "Basic");
  EXPECT_EQ(downgrade.effective_at, Utc(2026, 5, 1));
}

TEST(ChangeTermsTest, CancelingAPausedSubscriptionEndsItNow) {
  SubscriptionTerms paused = Monthly();
  paused.paused_at = Utc(2026, 4, 16);
  ASSERT_OK_AND_ASSIGN(ChangePlan plan,
                       PlanSubscriptionChange(paused, Cancellation{}, Utc(2026, 7, 3), kSeconds));
  EXPECT_EQ(plan.effective_at, Utc(2026, 7, 3));
  EXPECT_EQ(plan.terms.status, SubscriptionStatus::kCanceled);
  EXPECT_TRUE(plan.lines.empty());
  EXPECT_THAT(PlanSubscriptionChange(paused, Cancellation{}, Utc(2026, 4, 15), kSeconds),
              HasReason("subscription.change_before_pause"));
}

TEST(ChangeTermsTest, PauseAndResume) {
  ASSERT_OK_AND_ASSIGN(ChangePlan paused,
                       PlanSubscriptionChange(Monthly(), Pause{}, Utc(2026, 4, 16), kSeconds));
  ASSERT_TRUE(paused.terms.paused_at.has_value());
  EXPECT_EQ(*paused.terms.paused_at, Utc(2026, 4, 16));
  ASSERT_OK_AND_ASSIGN(ChangePlan resumed,
                       PlanSubscriptionChange(paused.terms, Resume{}, Utc(2026, 7, 11), kSeconds));
  EXPECT_FALSE(resumed.terms.paused_at.has_value());
  EXPECT_EQ(resumed.terms.current_period_index, 3);  // July
  ASSERT_EQ(resumed.lines.size(), 1u);
  EXPECT_EQ(resumed.lines[0].amount.minor_units(), 2032);  // 3000 × 21/31
}

// --- Bad input: each a clear error, and nothing planned ---------------------------------------

TEST(ChangeErrorsTest, CanceledSubscription) {
  SubscriptionTerms terms = Monthly();
  terms.status = SubscriptionStatus::kCanceled;
  Result<ChangePlan> r = PlanSubscriptionChange(terms, QuantityChange{D("2"), T::kDefault},
                                                Utc(2026, 4, 16), kSeconds);
  EXPECT_THAT(r, StatusIs(absl::StatusCode::kFailedPrecondition));
  EXPECT_THAT(r, HasReason("subscription.canceled"));
  EXPECT_THAT(r, HasParam("status"));
}

TEST(ChangeErrorsTest, QuantityZeroOrNegative) {
  for (const char* q : {"0", "-1", "-0.5"}) {
    EXPECT_THAT(PlanSubscriptionChange(Monthly(), QuantityChange{D(q), T::kDefault},
                                       Utc(2026, 4, 16), kSeconds),
                HasReason("quantity.not_positive"))
        << q;
    EXPECT_THAT(PlanSubscriptionChange(
                    Monthly(), PriceChange{Price("Business", "EUR", "90"), D(q), T::kDefault},
                    Utc(2026, 4, 16), kSeconds),
                HasParam("quantity"))
        << q;
  }
}

TEST(ChangeErrorsTest, InstantOutsideTheCurrentPeriod) {
  for (absl::Time at : {Utc(2026, 3, 31, 23), Utc(2026, 5, 1), Utc(2027, 1, 1)}) {
    Result<ChangePlan> r = PlanSubscriptionChange(
        Monthly(), PriceChange{Price("Business", "EUR", "90"), std::nullopt, T::kDefault}, at,
        kSeconds);
    EXPECT_THAT(r, HasReason("subscription.change_outside_period"));
    EXPECT_THAT(r, HasParam("at"));
  }
  // The last second of the period is inside; its end is the next period's first instant.
  EXPECT_OK(PlanSubscriptionChange(
      Monthly(), PriceChange{Price("Business", "EUR", "90"), std::nullopt, T::kDefault},
      Utc(2026, 5, 1) - absl::Seconds(1), kSeconds));
}

TEST(ChangeErrorsTest, PlanNotSoldInTheCustomersCurrency) {
  Result<ChangePlan> r = PlanSubscriptionChange(
      Monthly(), PriceChange{Price("Business", "USD", "90"), std::nullopt, T::kDefault},
      Utc(2026, 4, 16), kSeconds);
  EXPECT_THAT(r, HasReason("plan.currency_mismatch"));
  EXPECT_THAT(r, HasParam("price"));
  // A plan with several currencies picks the customer's.
  RecurringPrice multi = Price("Business", "USD", "99");
  multi.prices.push_back(CurrencyPrice{Currency::FromCodeOrDie("EUR"), D("90")});
  ASSERT_OK_AND_ASSIGN(
      ChangePlan plan,
      PlanSubscriptionChange(Monthly(), PriceChange{multi, std::nullopt, T::kDefault},
                             Utc(2026, 4, 16), kSeconds));
  EXPECT_EQ(plan.lines[1].unit_price, D("90"));
}

TEST(ChangeErrorsTest, PauseStateMachine) {
  SubscriptionTerms paused = Monthly();
  paused.paused_at = Utc(2026, 4, 10);
  EXPECT_THAT(PlanSubscriptionChange(paused, Pause{}, Utc(2026, 4, 16), kSeconds),
              HasReason("subscription.already_paused"));
  EXPECT_THAT(PlanSubscriptionChange(paused, QuantityChange{D("2"), T::kDefault}, Utc(2026, 4, 16),
                                     kSeconds),
              HasReason("subscription.paused"));
  EXPECT_THAT(PlanSubscriptionChange(Monthly(), Resume{}, Utc(2026, 4, 16), kSeconds),
              HasReason("subscription.not_paused"));
  Result<ChangePlan> early = PlanSubscriptionChange(paused, Resume{}, Utc(2026, 4, 9), kSeconds);
  EXPECT_THAT(early, HasReason("subscription.change_before_pause"));
  EXPECT_THAT(early, HasParam("at"));
}

TEST(ChangeErrorsTest, CorruptStoredTermsAreErrorsNotCrashes) {
  SubscriptionTerms bad_cycle = Monthly();
  bad_cycle.cycle.count = 0;
  EXPECT_THAT(PlanSubscriptionChange(bad_cycle, Pause{}, Utc(2026, 4, 16), kSeconds),
              HasParam("cycle.count"));
  EXPECT_THAT(
      PlanPeriodsInAdvance(bad_cycle, Utc(2026, 4, 16), std::nullopt, Utc(2026, 4, 16), kSeconds),
      HasReason("interval.count_out_of_range"));
  SubscriptionTerms bad_index = Monthly();
  bad_index.current_period_index = -2;
  EXPECT_THAT(PlanSubscriptionChange(bad_index, Pause{}, Utc(2026, 4, 16), kSeconds),
              HasParam("current_period_index"));
  SubscriptionTerms no_price = Monthly();
  no_price.currency = Currency::FromCodeOrDie("CHF");
  EXPECT_THAT(PlanSubscriptionChange(no_price, Pause{}, Utc(2026, 4, 16), kSeconds),
              HasReason("plan.currency_mismatch"));
}

TEST(ChangeErrorsTest, AbsurdAmountsOverflowCleanly) {
  Result<ChangePlan> r =
      PlanSubscriptionChange(Monthly("1000000000000000", "1000"),
                             QuantityChange{D("2000"), T::kDefault}, Utc(2026, 4, 16), kSeconds);
  EXPECT_THAT(r, HasReason("amount.overflow"));
}

// --- Periods billed in advance: calendar-anchor first periods and backdated starts -------------

struct InAdvanceCase {
  const char* name;
  const char* zone;
  absl::CivilDay anchor;
  IntervalUnit unit;
  const char* price;
  const char* start;
  const char* end;  // nullptr: open-ended
  const char* through;
  ProrationUnit proration;
  std::vector<ExpectedLine> lines;
  int64_t next_period_index;
};

const std::vector<InAdvanceCase>& InAdvanceCases() {
  static const auto* cases = new std::vector<InAdvanceCase>{
      // Calendar anchor: Mar 15 → Apr 1 is 17 of March's 31 days; 30 × 17/31 = 16.4516.
      {"CalendarMonthlyStub",
       "UTC",
       absl::CivilDay(2026, 4, 1),
       IntervalUnit::kMonth,
       "30",
       "2026-03-15 00:00:00",
       nullptr,
       "2026-03-15 00:00:00",
       P::kSecond,
       {{L::kCharge, "2026-03-15 00:00:00", "2026-04-01 00:00:00", 17 * 86400, 31 * 86400, 1645}},
       0},
      // Calendar yearly: 292 of 365 days of 120 = 96 exactly.
      {"CalendarYearlyStub",
       "UTC",
       absl::CivilDay(2027, 1, 1),
       IntervalUnit::kYear,
       "120",
       "2026-03-15 00:00:00",
       nullptr,
       "2026-06-01 00:00:00",
       P::kSecond,
       {{L::kCharge, "2026-03-15 00:00:00", "2027-01-01 00:00:00", 292 * 86400, 365 * 86400, 9600}},
       0},
      // Lago A9/A10/A11 (vectors.md): 1.00 per month, calendar billing, starts Mar 15, Mar 18,
      // Mar 4 (after trials): 17/31, 14/31, 28/31 → 55, 45, 90 cents.
      {"LagoA9",
       "UTC",
       absl::CivilDay(2022, 4, 1),
       IntervalUnit::kMonth,
       "1",
       "2022-03-15 00:00:00",
       nullptr,
       "2022-03-15 00:00:00",
       P::kDay,
       {{L::kCharge, "2022-03-15 00:00:00", "2022-04-01 00:00:00", 17, 31, 55}},
       0},
      {"LagoA10",
       "UTC",
       absl::CivilDay(2022, 4, 1),
       IntervalUnit::kMonth,
       "1",
       "2022-03-18 00:00:00",
       nullptr,
       "2022-03-18 00:00:00",
       P::kDay,
       {{L::kCharge, "2022-03-18 00:00:00", "2022-04-01 00:00:00", 14, 31, 45}},
       0},
      {"LagoA11",
       "UTC",
       absl::CivilDay(2022, 4, 1),
       IntervalUnit::kMonth,
       "1",
       "2022-03-04 00:00:00",
       nullptr,
       "2022-03-04 00:00:00",
       P::kDay,
       {{L::kCharge, "2022-03-04 00:00:00", "2022-04-01 00:00:00", 28, 31, 90}},
       0},
      // Calendar stub over Berlin's spring change: 12 days minus an hour of 31 days minus an
      // hour: 30 × 1,033,200 / 2,674,800 = 11.588…; in day mode 12/31 = 11.6129….
      {"BerlinCalendarStubSeconds",
       "Europe/Berlin",
       absl::CivilDay(2026, 4, 1),
       IntervalUnit::kMonth,
       "30",
       "2026-03-20 00:00:00",
       nullptr,
       "2026-03-20 00:00:00",
       P::kSecond,
       {{L::kCharge, "2026-03-20 00:00:00", "2026-04-01 00:00:00", 1033200, 2674800, 1159}},
       0},
      {"BerlinCalendarStubDays",
       "Europe/Berlin",
       absl::CivilDay(2026, 4, 1),
       IntervalUnit::kMonth,
       "30",
       "2026-03-20 00:00:00",
       nullptr,
       "2026-03-20 00:00:00",
       P::kDay,
       {{L::kCharge, "2026-03-20 00:00:00", "2026-04-01 00:00:00", 12, 31, 1161}},
       0},
      // Backdated anniversary start: three whole past periods, the third containing `through`.
      {"BackdatedAnniversary",
       "UTC",
       absl::CivilDay(2026, 1, 15),
       IntervalUnit::kMonth,
       "30",
       "2026-01-15 00:00:00",
       nullptr,
       "2026-04-03 00:00:00",
       P::kSecond,
       {{L::kCharge, "2026-01-15 00:00:00", "2026-02-15 00:00:00", 31 * 86400, 31 * 86400, 3000},
        {L::kCharge, "2026-02-15 00:00:00", "2026-03-15 00:00:00", 28 * 86400, 28 * 86400, 3000},
        {L::kCharge, "2026-03-15 00:00:00", "2026-04-15 00:00:00", 31 * 86400, 31 * 86400, 3000}},
       3},
      // Backdated with a calendar anchor: stub 12/31 (Jan 20 → Feb 1), then Feb and March.
      {"BackdatedCalendar",
       "UTC",
       absl::CivilDay(2026, 2, 1),
       IntervalUnit::kMonth,
       "30",
       "2026-01-20 00:00:00",
       nullptr,
       "2026-03-10 00:00:00",
       P::kSecond,
       {{L::kCharge, "2026-01-20 00:00:00", "2026-02-01 00:00:00", 12 * 86400, 31 * 86400, 1161},
        {L::kCharge, "2026-02-01 00:00:00", "2026-03-01 00:00:00", 28 * 86400, 28 * 86400, 3000},
        {L::kCharge, "2026-03-01 00:00:00", "2026-04-01 00:00:00", 31 * 86400, 31 * 86400, 3000}},
       2},
      // Backdated and already ended on Mar 10: a trailing stub of 9/31 (30 × 9/31 = 8.7097).
      {"BackdatedWithEnd",
       "UTC",
       absl::CivilDay(2026, 1, 1),
       IntervalUnit::kMonth,
       "30",
       "2026-01-01 00:00:00",
       "2026-03-10 00:00:00",
       "2026-04-05 00:00:00",
       P::kSecond,
       {{L::kCharge, "2026-01-01 00:00:00", "2026-02-01 00:00:00", 31 * 86400, 31 * 86400, 3000},
        {L::kCharge, "2026-02-01 00:00:00", "2026-03-01 00:00:00", 28 * 86400, 28 * 86400, 3000},
        {L::kCharge, "2026-03-01 00:00:00", "2026-03-10 00:00:00", 9 * 86400, 31 * 86400, 871}},
       3},
      // Starting today on the anchor: one whole period, as the billing run would bill.
      {"StartOnAnchor",
       "America/New_York",
       absl::CivilDay(2026, 3, 1),
       IntervalUnit::kMonth,
       "30",
       "2026-03-01 00:00:00",
       nullptr,
       "2026-03-01 00:00:00",
       P::kSecond,
       {{L::kCharge, "2026-03-01 00:00:00", "2026-04-01 00:00:00", 2674800, 2674800, 3000}},
       1},
  };
  return *cases;
}

void PrintTo(const InAdvanceCase& c, std::ostream* os) { *os << c.name; }

class InAdvanceTableTest : public ::testing::TestWithParam<InAdvanceCase> {};

TEST_P(InAdvanceTableTest, BillsThePeriodsOwed) {
  const InAdvanceCase& c = GetParam();
  SubscriptionTerms terms = Monthly(c.price);
  terms.cycle = BillingCycle{c.anchor, c.unit, 1};
  terms.tz = Zone(c.zone);
  std::optional<absl::Time> end;
  if (c.end != nullptr) end = Local(c.end, terms.tz);
  ASSERT_OK_AND_ASSIGN(
      BilledPeriods billed,
      PlanPeriodsInAdvance(terms, Local(c.start, terms.tz), end, Local(c.through, terms.tz),
                           ProrationOptions{c.proration, RoundingMode::kHalfUp, StubBase::kCycle}));
  ASSERT_EQ(billed.lines.size(), c.lines.size());
  int64_t total = 0;
  for (size_t i = 0; i < c.lines.size(); ++i) {
    SCOPED_TRACE(::testing::Message() << "line " << i << ": " << billed.lines[i].description);
    EXPECT_EQ(billed.lines[i].period_start, Local(c.lines[i].from, terms.tz));
    EXPECT_EQ(billed.lines[i].period_end, Local(c.lines[i].to, terms.tz));
    EXPECT_EQ(billed.lines[i].proration,
              (ProrationFactor{c.proration, c.lines[i].used, c.lines[i].total}));
    EXPECT_EQ(billed.lines[i].amount.minor_units(), c.lines[i].amount_minor);
    total += c.lines[i].amount_minor;
  }
  EXPECT_EQ(billed.total.minor_units(), total);
  EXPECT_EQ(billed.next_period_index, c.next_period_index);
}

std::string InAdvanceName(const ::testing::TestParamInfo<InAdvanceCase>& info) {
  return info.param.name;
}

INSTANTIATE_TEST_SUITE_P(Vectors, InAdvanceTableTest, ::testing::ValuesIn(InAdvanceCases()),
                         InAdvanceName);

TEST(InAdvanceTest, DescriptionsNameTheProration) {
  SubscriptionTerms terms = Monthly();
  terms.cycle.anchor = absl::CivilDay(2026, 4, 1);
  ASSERT_OK_AND_ASSIGN(
      BilledPeriods billed,
      PlanPeriodsInAdvance(terms, Utc(2026, 3, 15), std::nullopt, Utc(2026, 4, 2), kSeconds));
  ASSERT_EQ(billed.lines.size(), 2u);
  EXPECT_EQ(billed.lines[0].description,
            "Pro, prorated (2026-03-15 00:00:00 – 2026-04-01 00:00:00 UTC)");
  EXPECT_EQ(billed.lines[0].base.start_day, absl::CivilDay(2026, 3, 1));
  EXPECT_EQ(billed.lines[1].description, "Pro (2026-04-01 00:00:00 – 2026-05-01 00:00:00 UTC)");
}

TEST(InAdvanceErrorsTest, BadInput) {
  const SubscriptionTerms terms = Monthly();
  EXPECT_THAT(
      PlanPeriodsInAdvance(terms, Utc(2026, 4, 10), std::nullopt, Utc(2026, 4, 9), kSeconds),
      HasParam("through"));
  EXPECT_THAT(
      PlanPeriodsInAdvance(terms, Utc(2026, 4, 10), Utc(2026, 4, 9), Utc(2026, 4, 10), kSeconds),
      HasReason("proration.end_before_start"));
  // More than one period before the anchor (period −1 is Mar 1 → Apr 1).
  Result<BilledPeriods> early =
      PlanPeriodsInAdvance(terms, Utc(2026, 2, 27), std::nullopt, Utc(2026, 4, 9), kSeconds);
  EXPECT_THAT(early, HasReason("proration.before_first_period"));
  EXPECT_THAT(early, HasParam("start"));
  SubscriptionTerms far = terms;
  far.cycle.anchor = absl::CivilDay(2010, 1, 1);
  Result<BilledPeriods> backdated =
      PlanPeriodsInAdvance(far, Utc(2010, 1, 1), std::nullopt, Utc(2026, 4, 9), kSeconds);
  EXPECT_THAT(backdated, StatusIs(absl::StatusCode::kResourceExhausted));
  EXPECT_THAT(backdated, HasReason("subscription.backdated_too_far"));
  SubscriptionTerms zero = terms;
  zero.quantity = D("0");
  EXPECT_THAT(
      PlanPeriodsInAdvance(zero, Utc(2026, 4, 10), std::nullopt, Utc(2026, 4, 10), kSeconds),
      HasReason("quantity.not_positive"));
  SubscriptionTerms usd = terms;
  usd.currency = Currency::FromCodeOrDie("USD");
  EXPECT_THAT(PlanPeriodsInAdvance(usd, Utc(2026, 4, 10), std::nullopt, Utc(2026, 4, 10), kSeconds),
              HasReason("plan.currency_mismatch"));
}

}  // namespace
}  // namespace accrue
