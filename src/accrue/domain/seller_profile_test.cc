#include "accrue/domain/seller_profile.h"

#include <gtest/gtest.h>

namespace accrue {
namespace {

TEST(SellerProfileTest, NormalizesWhatItAccepts) {
  SellerProfile p;
  p.address.country = "ie";
  p.vat_id = "ie 6388047V";
  p.iban = "de89 3704 0044 0532 0130 00";
  p.bic = "cobadeff";
  ASSERT_TRUE(NormalizeSellerProfile(p).ok()) << NormalizeSellerProfile(p);
  EXPECT_EQ(p.address.country, "IE");
  EXPECT_EQ(p.vat_id, "IE6388047V");
  EXPECT_EQ(p.iban, "DE89370400440532013000");
  EXPECT_EQ(p.bic, "COBADEFF");
}

TEST(SellerProfileTest, ErrorsNameTheField) {
  struct Case {
    std::function<void(SellerProfile&)> edit;
    std::string param;
  };
  const std::vector<Case> cases = {
      {[](SellerProfile& p) { p.address.country = "XX"; }, "address.country"},
      {[](SellerProfile& p) { p.vat_id = "DE12345678"; }, "vat_id"},
      {[](SellerProfile& p) { p.iban = "DE89370400440532013001"; }, "iban"},
      {[](SellerProfile& p) { p.bic = "COBA"; }, "bic"},
      {[](SellerProfile& p) { p.email = "billing"; }, "email"},
      {[](SellerProfile& p) { p.accent_colour = "blue"; }, "accent_colour"},
      {[](SellerProfile& p) { p.pdf_locale = "german"; }, "pdf_locale"},
      {[](SellerProfile& p) { p.electronic_address_scheme = "12"; }, "electronic_address_scheme"},
      {[](SellerProfile& p) { p.electronic_address_scheme = "0088"; }, "electronic_address"},
      {[](SellerProfile& p) { p.legal_name = std::string(201, 'a'); }, "legal_name"},
      {[](SellerProfile& p) { p.footer = std::string(1001, 'a'); }, "footer"},
  };
  for (const Case& c : cases) {
    SellerProfile p;
    c.edit(p);
    Status s = NormalizeSellerProfile(p);
    ASSERT_FALSE(s.ok()) << c.param;
    EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument) << c.param;
    EXPECT_TRUE(ErrorParam(s).starts_with(c.param)) << c.param << ": " << s;
  }
}

}  // namespace
}  // namespace accrue
