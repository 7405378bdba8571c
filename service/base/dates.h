// Partial calendar dates ("2011", "2011-05", "2011-05-27") and spans
// ("2011-05-25/2011-05-27"), as used by the knowledge base, by event dates and
// by request filters.
//
// A partial date stands for every day it covers: "2011-05" is 1 to 31 May
// 2011. Range filters use overlap semantics on those day intervals.
//
// Thread-safety: all functions are pure.
#ifndef PARLEY_SERVICE_BASE_DATES_H_
#define PARLEY_SERVICE_BASE_DATES_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "parley/v1/resources.pb.h"

namespace parley {

// The days a date covers, both ends inclusive.
struct DayInterval {
  absl::CivilDay first;
  absl::CivilDay last;

  bool Overlaps(const DayInterval& other) const {
    return first <= other.last && other.first <= last;
  }
};

// Parses "YYYY", "YYYY-MM", "YYYY-MM-DD" or, if allow_span, "DATE/DATE".
// Fills year/month/day, end_*, precision and display; leaves basis alone.
// Errors: INVALID_ARGUMENT naming the problem ("month 13 is not 1-12",
// "2011-02-31: February 2011 has 28 days", "span ends before it starts").
[[nodiscard]] absl::StatusOr<v1::FuzzyDate> ParseFuzzyDate(absl::string_view text,
                                                           bool allow_span = true);

// The date of a year, month or day (month and day 0 when unknown), with
// precision and display set; basis left alone. The one place dates are
// formatted ("2011", "2011-05", "2011-05-27").
v1::FuzzyDate MakeFuzzyDate(int year, int month, int day);

// Makes date a span ending on last ("2011-05-25/2011-05-27"); nothing when
// last is the day date starts on.
void SetSpanEnd(int year, int month, int day, v1::FuzzyDate* date);

// The days covered by a date, from its start to the end of its span.
// REQUIRES: date came from ParseFuzzyDate (precision set).
DayInterval ToDayInterval(const v1::FuzzyDate& date);

// A filter range from optional bounds; an empty bound is open. filter names
// the message holding the two fields ("filter"): errors name each field by
// its path ("filter.to_date").
// Errors: INVALID_ARGUMENT for a malformed bound or from_date after to_date.
[[nodiscard]] absl::StatusOr<DayInterval> ParseDateRange(absl::string_view filter,
                                                         absl::string_view from_date,
                                                         absl::string_view to_date);

}  // namespace parley

#endif  // PARLEY_SERVICE_BASE_DATES_H_
