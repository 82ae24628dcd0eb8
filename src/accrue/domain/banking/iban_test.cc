#include "accrue/domain/banking/iban.h"

#include <gtest/gtest.h>

namespace accrue::banking {
namespace {

TEST(IbanTest, ChecksumAndShape) {
  EXPECT_TRUE(IsValidIban("DE89370400440532013000"));
  EXPECT_TRUE(IsValidIban(ElectronicForm("de89 3704 0044 0532 0130 00")));
  EXPECT_TRUE(IsValidIban("GB82WEST12345698765432"));
  EXPECT_TRUE(IsValidIban("NO9386011117947"));          // the shortest, 15
  EXPECT_FALSE(IsValidIban("DE89370400440532013001"));  // one digit off
  EXPECT_FALSE(IsValidIban("DE8937040044"));            // too short
  EXPECT_FALSE(IsValidIban("1289370400440532013000"));  // no country
  EXPECT_FALSE(IsValidIban("DE89-3704-0044-0532-0130-00"));
  // Typed forms are the caller's to normalise.
  EXPECT_FALSE(IsValidIban("de89370400440532013000"));
  EXPECT_FALSE(IsValidIban("DE89 3704 0044 0532 0130 00"));
}

TEST(IbanTest, ElectronicForm) {
  EXPECT_EQ(ElectronicForm("de89 3704 0044 0532 0130 00"), "DE89370400440532013000");
  EXPECT_EQ(ElectronicForm("rf18 5390 0754 7034"), "RF18539007547034");
  EXPECT_EQ(ElectronicForm("cobadeff"), "COBADEFF");
  EXPECT_EQ(ElectronicForm(""), "");
}

}  // namespace
}  // namespace accrue::banking
