#include "accrue/domain/customer.h"

#include <gtest/gtest.h>

#include "testing/status_matchers.h"

namespace accrue {
namespace {

Customer Valid() {
  Customer c;
  c.name = "Acme";
  c.email = "ap@acme.example";
  c.country = "US";
  c.locale = "en-US";
  return c;
}

TEST(CustomerTest, ValidCustomerPasses) { EXPECT_OK(ValidateCustomer(Valid())); }

TEST(CustomerTest, EachBadFieldIsNamed) {
  Customer c = Valid();
  c.name = "";
  EXPECT_THAT(ValidateCustomer(c), testing::HasParam("name"));
  c = Valid();
  c.email = "not-an-email";
  EXPECT_THAT(ValidateCustomer(c), testing::HasParam("email"));
  c = Valid();
  c.country = "XX";
  EXPECT_THAT(ValidateCustomer(c), testing::HasParam("country"));
  c = Valid();
  c.address.country = "de";
  EXPECT_THAT(ValidateCustomer(c), testing::HasParam("address.country"));
  c = Valid();
  c.locale = "english";
  EXPECT_THAT(ValidateCustomer(c), testing::HasParam("locale"));
  c = Valid();
  c.net_terms_days = 400;
  EXPECT_THAT(ValidateCustomer(c), testing::HasParam("net_terms_days"));
  c = Valid();
  c.tax_ids = {{"eu_vat", ""}};
  EXPECT_THAT(ValidateCustomer(c), testing::HasParam("tax_ids[0]"));
  c = Valid();
  c.metadata = {{"a", "1"}, {"a", "2"}};
  EXPECT_THAT(ValidateCustomer(c), testing::HasParam("metadata.a"));
}

TEST(CustomerTest, LocaleShapes) {
  for (const char* ok : {"en", "de-DE", "ja-JP", "zh-Hant-TW", "es-419", "en_GB"}) {
    EXPECT_TRUE(IsWellFormedLocale(ok)) << ok;
  }
  for (const char* bad : {"", "e", "english", "de-", "-DE", "de--DE", "de-D"}) {
    EXPECT_FALSE(IsWellFormedLocale(bad)) << bad;
  }
}

TEST(TagsTest, NormalizeRemovesDuplicatesAndRejectsBadTags) {
  ASSERT_OK_AND_ASSIGN(Tags tags, NormalizeTags({"a", "b", "a"}));
  EXPECT_EQ(tags, (Tags{"a", "b"}));
  EXPECT_THAT(NormalizeTags({"a,b"}), testing::HasParam("tags"));
  EXPECT_THAT(NormalizeTags({""}), testing::HasParam("tags"));
  EXPECT_THAT(NormalizeTags(Tags(21, "x")), testing::HasReason("parameter.too_many_items"));
}

}  // namespace
}  // namespace accrue
