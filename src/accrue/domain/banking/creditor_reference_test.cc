#include "accrue/domain/banking/creditor_reference.h"

#include <gtest/gtest.h>

#include "testing/status_matchers.h"

namespace accrue::banking {
namespace {

using ::accrue::testing::HasReason;

// The example of ISO 11649 and of the EPC guidance on the structured creditor reference.
TEST(RfTest, StandardExample) {
  EXPECT_TRUE(IsValidRf("RF18539007547034"));
  EXPECT_TRUE(IsValidRf("RF18 5390 0754 7034"));
  EXPECT_TRUE(IsValidRf("rf18 5390 0754 7034"));
  ASSERT_OK_AND_ASSIGN(std::string rf, MakeRf("539007547034"));
  EXPECT_EQ(rf, "RF18539007547034");
  EXPECT_EQ(FormatRfForPrint(rf), "RF18 5390 0754 7034");
}

TEST(RfTest, DetectsTyposAndSwaps) {
  EXPECT_FALSE(IsValidRf("RF19539007547034"));  // wrong check digits
  EXPECT_FALSE(IsValidRf("RF18539007547035"));  // one digit changed
  EXPECT_FALSE(IsValidRf("RF18539007547043"));  // two digits swapped
}

TEST(RfTest, RejectsMalformed) {
  for (const char* bad : {"", "RF", "RF18", "XX18539007547034", "RF1A539007547034", "RF18-5390",
                          "RF18539007547034539007547034"}) {
    EXPECT_FALSE(IsValidRf(bad)) << bad;
  }
}

TEST(RfTest, RoundTripsLettersAndLengths) {
  for (const char* part : {"1", "A", "INV2026000123", "ABCDEFGHIJKLMNOPQRSTU", "0"}) {
    ASSERT_OK_AND_ASSIGN(std::string rf, MakeRf(part));
    EXPECT_TRUE(IsValidRf(rf)) << rf;
    EXPECT_GE(rf.size(), 5u);
  }
  ASSERT_OK_AND_ASSIGN(std::string lower, MakeRf("inv2026000123"));
  ASSERT_OK_AND_ASSIGN(std::string upper, MakeRf("INV2026000123"));
  EXPECT_EQ(lower, upper);
}

TEST(RfTest, MakeRejectsBadCreditorParts) {
  EXPECT_THAT(MakeRf(""), HasReason("bank.rf.invalid_creditor_part"));
  EXPECT_THAT(MakeRf("INV-2026"), HasReason("bank.rf.invalid_creditor_part"));
  EXPECT_THAT(MakeRf("1234567890123456789012"), HasReason("bank.rf.invalid_creditor_part"));
}

TEST(Mod97Test, IbanCheck) {
  // GB82 WEST 1234 5698 7654 32, rearranged, is ≡ 1 (mod 97).
  EXPECT_EQ(Mod97("WEST12345698765432GB82"), 1);
}

}  // namespace
}  // namespace accrue::banking
