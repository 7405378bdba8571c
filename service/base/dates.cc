#include "service/base/dates.h"

#include <vector>

#include "absl/status/status.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"

namespace parley {
namespace {

struct Parts {
  int year = 0;
  int month = 0;
  int day = 0;
  v1::DatePrecision precision = v1::DATE_PRECISION_UNSPECIFIED;
};

constexpr absl::string_view kDateHelp =
    "use YYYY, YYYY-MM or YYYY-MM-DD, e.g. 2011, 2011-07 or 2011-07-19";

bool ParseDigits(absl::string_view s, size_t width, int* out) {
  if (s.size() != width) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return absl::SimpleAtoi(s, out);
}

absl::StatusOr<Parts> ParseSingle(absl::string_view text) {
  std::vector<absl::string_view> fields = absl::StrSplit(text, '-');
  Parts p;
  if (fields.empty() || fields.size() > 3 || !ParseDigits(fields[0], 4, &p.year)) {
    return absl::InvalidArgumentError(absl::StrCat("malformed date \"", text, "\": ", kDateHelp));
  }
  if (p.year < 1) {
    return absl::InvalidArgumentError(
        absl::StrCat("date \"", text, "\": year must be 0001 or later"));
  }
  p.precision = v1::DATE_PRECISION_YEAR;
  if (fields.size() >= 2) {
    if (!ParseDigits(fields[1], 2, &p.month)) {
      return absl::InvalidArgumentError(absl::StrCat("malformed date \"", text, "\": ", kDateHelp));
    }
    if (p.month < 1 || p.month > 12) {
      return absl::InvalidArgumentError(
          absl::StrCat("date \"", text, "\": month ", p.month, " is not 1-12"));
    }
    p.precision = v1::DATE_PRECISION_MONTH;
  }
  if (fields.size() == 3) {
    if (!ParseDigits(fields[2], 2, &p.day)) {
      return absl::InvalidArgumentError(absl::StrCat("malformed date \"", text, "\": ", kDateHelp));
    }
    const absl::CivilMonth month(p.year, p.month);
    const int days_in_month = static_cast<int>(absl::CivilDay(month + 1) - absl::CivilDay(month));
    if (p.day < 1 || p.day > days_in_month) {
      return absl::InvalidArgumentError(
          absl::StrFormat("date \"%s\": day %d does not exist; %04d-%02d has %d days", text, p.day,
                          p.year, p.month, days_in_month));
    }
    p.precision = v1::DATE_PRECISION_DAY;
  }
  return p;
}

std::string Display(int year, int month, int day) {
  if (month == 0) return absl::StrFormat("%04d", year);
  if (day == 0) return absl::StrFormat("%04d-%02d", year, month);
  return absl::StrFormat("%04d-%02d-%02d", year, month, day);
}

DayInterval Covered(int year, int month, int day) {
  if (month == 0) {
    return {absl::CivilDay(year, 1, 1), absl::CivilDay(year, 12, 31)};
  }
  if (day == 0) {
    const absl::CivilMonth m(year, month);
    return {absl::CivilDay(m), absl::CivilDay(m + 1) - 1};
  }
  return {absl::CivilDay(year, month, day), absl::CivilDay(year, month, day)};
}

}  // namespace

absl::StatusOr<v1::FuzzyDate> ParseFuzzyDate(absl::string_view text, bool allow_span) {
  text = absl::StripAsciiWhitespace(text);
  if (text.empty()) {
    return absl::InvalidArgumentError(absl::StrCat("empty date: ", kDateHelp));
  }
  std::vector<absl::string_view> ends = absl::StrSplit(text, '/');
  if (ends.size() > 2 || (ends.size() == 2 && !allow_span)) {
    return absl::InvalidArgumentError(absl::StrCat("malformed date \"", text, "\": ", kDateHelp,
                                                   allow_span ? ", or a span START/END" : ""));
  }
  absl::StatusOr<Parts> start = ParseSingle(ends[0]);
  if (!start.ok()) return start.status();
  v1::FuzzyDate date = MakeFuzzyDate(start->year, start->month, start->day);
  if (ends.size() == 2) {
    absl::StatusOr<Parts> end = ParseSingle(ends[1]);
    if (!end.ok()) return end.status();
    if (end->precision != start->precision) {
      return absl::InvalidArgumentError(
          absl::StrCat("date span \"", text, "\": both ends need the same precision"));
    }
    if (Covered(end->year, end->month, end->day).first <
        Covered(start->year, start->month, start->day).first) {
      return absl::InvalidArgumentError(
          absl::StrCat("date span \"", text, "\" ends before it starts"));
    }
    SetSpanEnd(end->year, end->month, end->day, &date);
  }
  return date;
}

v1::FuzzyDate MakeFuzzyDate(int year, int month, int day) {
  v1::FuzzyDate date;
  date.set_year(year);
  date.set_month(month);
  date.set_day(day);
  date.set_precision(day > 0     ? v1::DATE_PRECISION_DAY
                     : month > 0 ? v1::DATE_PRECISION_MONTH
                                 : v1::DATE_PRECISION_YEAR);
  date.set_display(Display(year, month, day));
  return date;
}

void SetSpanEnd(int year, int month, int day, v1::FuzzyDate* date) {
  date->set_end_year(year);
  date->set_end_month(month);
  date->set_end_day(day);
  absl::StrAppend(date->mutable_display(), "/", Display(year, month, day));
}

DayInterval ToDayInterval(const v1::FuzzyDate& date) {
  DayInterval interval = Covered(date.year(), date.month(), date.day());
  if (date.end_year() != 0) {
    interval.last = Covered(date.end_year(), date.end_month(), date.end_day()).last;
  }
  return interval;
}

absl::StatusOr<DayInterval> ParseDateRange(absl::string_view filter, absl::string_view from_date,
                                           absl::string_view to_date) {
  DayInterval range{absl::CivilDay(1, 1, 1), absl::CivilDay(9999, 12, 31)};
  if (!absl::StripAsciiWhitespace(from_date).empty()) {
    absl::StatusOr<v1::FuzzyDate> from = ParseFuzzyDate(from_date, false);
    if (!from.ok()) {
      return absl::InvalidArgumentError(
          absl::StrCat(filter, ".from_date: ", from.status().message()));
    }
    range.first = ToDayInterval(*from).first;
  }
  if (!absl::StripAsciiWhitespace(to_date).empty()) {
    absl::StatusOr<v1::FuzzyDate> to = ParseFuzzyDate(to_date, false);
    if (!to.ok()) {
      return absl::InvalidArgumentError(absl::StrCat(filter, ".to_date: ", to.status().message()));
    }
    range.last = ToDayInterval(*to).last;
  }
  if (range.last < range.first) {
    return absl::InvalidArgumentError(absl::StrCat(filter, ".from_date ", from_date, " is after ",
                                                   filter, ".to_date ", to_date,
                                                   ": swap them or widen the range"));
  }
  return range;
}

}  // namespace parley
