#include "accrue/domain/invoice_number.h"

#include <gtest/gtest.h>

#include "testing/status_matchers.h"

namespace accrue {
namespace {

TEST(InvoiceNumberFormatTest, DefaultFormat) {
  ASSERT_OK_AND_ASSIGN(InvoiceNumberFormat f, InvoiceNumberFormat::Parse("INV-{YYYY}-{SEQ:6}"));
  EXPECT_EQ(f.Render(42, absl::CivilDay(2026, 3, 9)), "INV-2026-000042");
  EXPECT_EQ(f.Render(1234567, absl::CivilDay(2026, 3, 9)), "INV-2026-1234567");
  EXPECT_TRUE(f.MentionsYear());
}

TEST(InvoiceNumberFormatTest, AllTokens) {
  ASSERT_OK_AND_ASSIGN(InvoiceNumberFormat f, InvoiceNumberFormat::Parse("{YY}{MM}{DD}/{SEQ}"));
  EXPECT_EQ(f.Render(7, absl::CivilDay(2031, 1, 5)), "310105/7");
  EXPECT_TRUE(f.MentionsYear());  // {YY} counts
}

TEST(InvoiceNumberFormatTest, RejectsBadFormats) {
  for (const char* bad : {"", "INV-{YYYY}", "{SEQ}{SEQ}", "INV {SEQ}", "{SEQ:0}", "{SEQ:13}",
                          "{SEQ:x}", "{YYYY", "}{SEQ}", "{WEEK}{SEQ}", "Rechnung-ä-{SEQ}"}) {
    EXPECT_THAT(InvoiceNumberFormat::Parse(bad), testing::HasReason("invoice_number_format.invalid"))
        << bad;
  }
}

TEST(NumberSeriesKeyTest, YearlyResetKeysByYear) {
  EXPECT_EQ(NumberSeriesKey(NumberReset::kYearly, absl::CivilDay(2026, 12, 31)), "2026");
  EXPECT_EQ(NumberSeriesKey(NumberReset::kYearly, absl::CivilDay(2027, 1, 1)), "2027");
  EXPECT_EQ(NumberSeriesKey(NumberReset::kNever, absl::CivilDay(2027, 1, 1)), "");
}

}  // namespace
}  // namespace accrue
