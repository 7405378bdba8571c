#include "service/base/dates.h"

#include <gtest/gtest.h>

namespace parley {
namespace {

TEST(ParseFuzzyDateTest, PrecisionFollowsTheFieldsGiven) {
  auto year = ParseFuzzyDate("2015");
  ASSERT_TRUE(year.ok()) << year.status();
  EXPECT_EQ(year->precision(), v1::DATE_PRECISION_YEAR);
  EXPECT_EQ(year->display(), "2015");
  auto month = ParseFuzzyDate("2011-05");
  ASSERT_TRUE(month.ok());
  EXPECT_EQ(month->precision(), v1::DATE_PRECISION_MONTH);
  EXPECT_EQ(month->month(), 5);
  auto day = ParseFuzzyDate("2025-01-17");
  ASSERT_TRUE(day.ok());
  EXPECT_EQ(day->precision(), v1::DATE_PRECISION_DAY);
  EXPECT_EQ(day->day(), 17);
}

TEST(ParseFuzzyDateTest, SpansKeepBothEnds) {
  auto span = ParseFuzzyDate("2011-05-25/2011-05-27");
  ASSERT_TRUE(span.ok()) << span.status();
  EXPECT_EQ(span->end_day(), 27);
  EXPECT_EQ(span->display(), "2011-05-25/2011-05-27");
  EXPECT_FALSE(ParseFuzzyDate("2011-05-25/2011-05-27", /*allow_span=*/false).ok());
}

TEST(ParseFuzzyDateTest, ImpossibleDatesAreRefusedWithTheReason) {
  struct Case {
    const char* text;
    const char* says;
  } cases[] = {
      {"2011-13", "month 13 is not 1-12"},
      {"2011-02-31", "2011-02 has 28 days"},
      {"2011-02-29", "2011-02 has 28 days"},
      {"2011-04-31", "2011-04 has 30 days"},
      {"2011-00", "month 0 is not 1-12"},
      {"11-05-27", "use YYYY, YYYY-MM or YYYY-MM-DD"},
      {"2011/05/27", "malformed"},
      {"May 2011", "malformed"},
      {"2011-5-7", "malformed"},
      {"", "empty date"},
      {"2011-05-27/2011-05-20", "ends before it starts"},
      {"2011-05/2011-05-20", "same precision"},
  };
  for (const Case& c : cases) {
    auto date = ParseFuzzyDate(c.text);
    ASSERT_FALSE(date.ok()) << c.text;
    EXPECT_EQ(date.status().code(), absl::StatusCode::kInvalidArgument) << c.text;
    EXPECT_NE(date.status().message().find(c.says), absl::string_view::npos)
        << c.text << ": " << date.status().message();
  }
  EXPECT_TRUE(ParseFuzzyDate("2012-02-29").ok()) << "2012 is a leap year";
}

TEST(DayIntervalTest, PartialDatesCoverEveryDayTheyName) {
  const DayInterval may = ToDayInterval(*ParseFuzzyDate("2011-05"));
  EXPECT_EQ(may.first, absl::CivilDay(2011, 5, 1));
  EXPECT_EQ(may.last, absl::CivilDay(2011, 5, 31));
  const DayInterval year = ToDayInterval(*ParseFuzzyDate("2015"));
  EXPECT_EQ(year.first, absl::CivilDay(2015, 1, 1));
  EXPECT_EQ(year.last, absl::CivilDay(2015, 12, 31));
  const DayInterval span = ToDayInterval(*ParseFuzzyDate("2012-03/2012-04"));
  EXPECT_EQ(span.last, absl::CivilDay(2012, 4, 30));
}

TEST(DateRangeTest, OverlapSemantics) {
  auto range = ParseDateRange("filter", "2011-05-27", "2011-05-27");
  ASSERT_TRUE(range.ok());
  EXPECT_TRUE(ToDayInterval(*ParseFuzzyDate("2011-05")).Overlaps(*range));
  EXPECT_TRUE(ToDayInterval(*ParseFuzzyDate("2011")).Overlaps(*range));
  EXPECT_FALSE(ToDayInterval(*ParseFuzzyDate("2011-06")).Overlaps(*range));
  auto open = ParseDateRange("filter", "", "2010");
  ASSERT_TRUE(open.ok());
  EXPECT_TRUE(ToDayInterval(*ParseFuzzyDate("2009-07-20")).Overlaps(*open));
  EXPECT_FALSE(ToDayInterval(*ParseFuzzyDate("2011")).Overlaps(*open));
}

TEST(DateRangeTest, RefusesAnEndBeforeItsStartAndBadBounds) {
  auto reversed = ParseDateRange("filter", "2016", "2011");
  ASSERT_FALSE(reversed.ok());
  EXPECT_EQ(reversed.status().message(),
            "filter.from_date 2016 is after filter.to_date 2011: swap them or widen the range");
  auto bad = ParseDateRange("filter", "2011-13", "");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().message(), "filter.from_date: date \"2011-13\": month 13 is not 1-12");
  auto bad_end = ParseDateRange("filter", "", "2011-99");
  ASSERT_FALSE(bad_end.ok());
  EXPECT_EQ(bad_end.status().message(), "filter.to_date: date \"2011-99\": month 99 is not 1-12");
}

}  // namespace
}  // namespace parley
