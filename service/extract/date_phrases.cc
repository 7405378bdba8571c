#include "service/extract/date_phrases.h"

#include <algorithm>
#include <optional>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "service/base/dates.h"
#include "service/extract/extract.h"

namespace parley {
namespace {

const char* const kMonths[] = {"january",   "february", "march",    "april",
                               "may",       "june",     "july",     "august",
                               "september", "october",  "november", "december"};
const char* const kMonthAbbreviations[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                           "jul", "aug", "sep", "oct", "nov", "dec"};
const char* const kWeekdays[] = {"monday", "tuesday",  "wednesday", "thursday",
                                 "friday", "saturday", "sunday"};

// A number of at most four digits in [lo, hi].
bool Number(const Token& t, int lo, int hi, int* value) {
  int v = 0;
  absl::string_view digits = t.norm;
  // A day may be an ordinal: "2nd December 2025", "13th to 16th July".
  if (hi <= 31 && digits.size() > 2) {
    const absl::string_view suffix = digits.substr(digits.size() - 2);
    if (suffix == "st" || suffix == "nd" || suffix == "rd" || suffix == "th") {
      digits.remove_suffix(2);
    }
  }
  if (digits.empty() || digits.size() > 4) return false;
  for (char c : digits) {
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  if (v < lo || v > hi) return false;
  *value = v;
  return true;
}

v1::FuzzyDate DayDate(const absl::CivilDay& day, v1::DateBasis basis, std::string note) {
  return MakeDate(static_cast<int>(day.year()), day.month(), day.day(), basis, std::move(note));
}

// Finds the date phrases of tokens [begin, end) in one pass. Each ...At(i)
// method tries the phrases that start (or end) at token i and returns the
// last token the phrase found takes, so that the scan goes on after it.
class DateScanner {
 public:
  DateScanner(absl::string_view text, const std::vector<Token>& tokens, size_t begin, size_t end,
              const v1::FuzzyDate& published, IsFutureWordFn is_future, const void* context)
      : is_future_(is_future),
        context_(context),
        text_(text),
        tokens_(tokens),
        begin_(begin),
        end_(end),
        published_(published),
        have_day_(published.precision() == v1::DATE_PRECISION_DAY),
        publication_day_(published.year(), std::max(1, published.month()),
                         std::max(1, published.day())),
        against_(absl::StrCat(" against publication on ", published.display())) {}

  std::vector<DateFound> Scan() && {
    for (size_t i = begin_; i < end_; ++i) {
      planned_ = Planned(i);
      if (const int month = MonthOf(tokens_[i]); month > 0) {
        i = MonthPhraseAt(i, month);
        continue;
      }
      if (YearAt(i) || !have_day_) continue;
      if (std::optional<size_t> last = RelativePhraseAt(i)) i = *last;
    }
    return std::move(found_);
  }

 private:
  // The text between tokens t - 1 and t.
  absl::string_view Gap(size_t t) const {
    return text_.substr(tokens_[t - 1].end, tokens_[t].start - tokens_[t - 1].end);
  }

  // The words of tokens [first, last], quoted: the note of a date.
  std::string Quote(size_t first, size_t last) const {
    return "'" +
           std::string(
               text_.substr(tokens_[first].start, tokens_[last].end - tokens_[first].start)) +
           "'";
  }

  // Whether a future word stands in the sentence of token i: at most ten
  // words before it ("is due to arrive on 3 March") or eight after it ("On
  // March 4, she will co-chair"), not across a sentence's end.
  bool Planned(size_t i) const {
    if (is_future_ == nullptr) return false;
    auto ends_sentence = [&](size_t t) {  // between token t and t + 1
      const absl::string_view gap =
          text_.substr(tokens_[t].end, tokens_[t + 1].start - tokens_[t].end);
      return gap.find_first_of(".;!?\n") != absl::string_view::npos &&
             tokens_[t].norm.size() > 1;  // not an initial's dot
    };
    for (size_t back = 1; back <= 16 && i >= begin_ + back; ++back) {
      const size_t t = i - back;
      if (ends_sentence(t)) break;
      if (is_future_(context_, tokens_[t].norm)) return true;
      // "The two sides, which will hold the next round ..., signed the
      // agreement on Tuesday": a past verb that opens the clause after a
      // comma is the date's, not the future word's before it.
      if (t > begin_ && absl::EndsWith(tokens_[t].norm, "ed") && absl::StrContains(Gap(t), ',')) {
        break;
      }
    }
    for (size_t t = i + 1; t < end_ && t <= i + 8; ++t) {
      if (ends_sentence(t - 1)) break;
      // "signed an agreement Wednesday that will let ...": a relative
      // clause's future is not the act's.
      // ("on Thursday evening, X said India would need ...": what a
      // speaker said after the date is reported, not the act's future.)
      const std::string& w = tokens_[t].norm;
      if (w == "that" || w == "which" || w == "who" || w == "whose" || w == "said" || w == "says" ||
          w == "told" || w == "added") {
        break;
      }
      if (is_future_(context_, w)) return true;
    }
    return false;
  }

  // The year of month/day (day 0: the month): a plan's is the first on or
  // after publication (never a year back), anything else's the latest on or
  // before it.
  int YearOf(int month, int day) const {
    int year = published_.year();
    const absl::CivilDay date(year, month, std::max(day, 1));
    const absl::CivilDay reference =
        day > 0 ? publication_day_ : absl::CivilDay(published_.year(), published_.month(), 1);
    if (planned_) {
      if (date < reference) ++year;
    } else if (date > reference) {
      --year;
    }
    return year;
  }

  void Add(size_t first, size_t last, v1::FuzzyDate date, bool news_peg) {
    DateFound d;
    // A complete date is a plan's when a future word goes with it and it is
    // to come ("will visit Kochi on 13th December 2024", published the 12th).
    const bool stated_day = have_day_ && date.basis() == v1::DATE_BASIS_STATED &&
                            date.precision() == v1::DATE_PRECISION_DAY;
    const int64_t days_before =
        stated_day ? publication_day_ - absl::CivilDay(date.year(), date.month(), date.day()) : -1;
    d.planned =
        planned_ && (date.basis() == v1::DATE_BASIS_RESOLVED || (stated_day && days_before < 0));
    if (d.planned) {
      date.set_basis_note(absl::StrCat(date.basis_note(), ", planned: resolved forward"));
      news_peg = false;
    }
    d.date = std::move(date);
    d.first = first;
    d.last = last;
    d.adjectival = first > begin_ && tokens_[first - 1].norm == "the";
    d.news_peg = news_peg;
    found_.push_back(std::move(d));
  }

  // A phrase with the month named by token i.
  size_t MonthPhraseAt(size_t i, int month) {
    int day = 0, year = 0;
    // "January 19-20, 2026", "January 19-20": a span within the month.
    int last_day = 0;
    if (i + 2 < end_ && Number(tokens_[i + 1], 1, 31, &day) &&
        (Gap(i + 2) == "-" || Gap(i + 2) == "\xE2\x80\x93") &&
        Number(tokens_[i + 2], day + 1, 31, &last_day)) {
      const bool stated = i + 3 < end_ && Number(tokens_[i + 3], 1900, 2100, &year);
      if (!stated) {
        if (!have_day_) return i + 2;
        year = YearOf(month, day);
      }
      const size_t last = stated ? i + 3 : i + 2;
      AddSpanInMonth(i, last, year, month, day, last_day, stated);
      return last;
    }
    // "July 20, 2009", "July 20", "July 2009"
    if (i + 1 < end_ && Number(tokens_[i + 1], 1, 31, &day)) {
      if (i + 2 < end_ && Number(tokens_[i + 2], 1900, 2100, &year)) {
        Add(i, i + 2, MakeDate(year, month, day, v1::DATE_BASIS_STATED, Quote(i, i + 2)), false);
        return i + 2;
      }
      if (!have_day_) return i;
      year = YearOf(month, day);
      // "from April 13 to 17", "April 13-17": a span within the month.
      int end_day = 0;
      if (i + 3 < end_ &&
          (tokens_[i + 2].norm == "to" || tokens_[i + 2].norm == "through" ||
           tokens_[i + 2].norm == "until") &&
          Number(tokens_[i + 3], day + 1, 31, &end_day)) {
        v1::FuzzyDate span =
            MakeDate(year, month, day, v1::DATE_BASIS_RESOLVED, Quote(i, i + 3) + against_);
        SetSpanEnd(year, month, end_day, &span);
        Add(i, i + 3, std::move(span), false);
        return i + 3;
      }
      Add(i, i + 1, MakeDate(year, month, day, v1::DATE_BASIS_RESOLVED, Quote(i, i + 1) + against_),
          publication_day_ - absl::CivilDay(year, month, day) <= 7);
      return i + 1;
    }
    // "from 26 to 29 January", "6-8 May 2026": a span within the month,
    // the day first.
    if (std::optional<size_t> last = DayFirstSpanAt(i, month)) return *last;
    // "20 July 2009"
    if (i > begin_ && Number(tokens_[i - 1], 1, 31, &day) && i + 1 < end_ &&
        Number(tokens_[i + 1], 1900, 2100, &year)) {
      Add(i - 1, i + 1, MakeDate(year, month, day, v1::DATE_BASIS_STATED, Quote(i - 1, i + 1)),
          false);
      return i + 1;
    }
    // "3 March" (the year is publication's, or the next for a plan).
    if (have_day_ && i > begin_ && Number(tokens_[i - 1], 1, 31, &day) &&
        !(i + 1 < end_ && Number(tokens_[i + 1], 1900, 2100, &year)) &&
        !(i > begin_ + 1 && MonthOf(tokens_[i - 2]) > 0)) {
      year = YearOf(month, day);
      Add(i - 1, i, MakeDate(year, month, day, v1::DATE_BASIS_RESOLVED, Quote(i - 1, i) + against_),
          publication_day_ - absl::CivilDay(year, month, day) <= 7 &&
              absl::CivilDay(year, month, day) <= publication_day_);
      return i;
    }
    if (i + 1 < end_ && Number(tokens_[i + 1], 1900, 2100, &year)) {
      Add(i, i + 1, MakeDate(year, month, 0, v1::DATE_BASIS_STATED, Quote(i, i + 1)), false);
      return i + 1;
    }
    if (i > begin_ && tokens_[i - 1].norm == "in" && published_.year() > 0) {
      return InMonthAt(i, month);
    }
    // "last September": the latest such month before the publication's.
    if (i > begin_ && tokens_[i - 1].norm == "last" && published_.year() > 0 &&
        published_.month() > 0) {
      year = month < published_.month() ? published_.year() : published_.year() - 1;
      Add(i - 1, i, MakeDate(year, month, 0, v1::DATE_BASIS_RESOLVED, Quote(i - 1, i) + against_),
          false);
      return i;
    }
    return i;
  }

  // "[from] 26 to 29 January [2026]", "6-8 May 2026", "12 and 13 May" (token i is the
  // month): the span, its year stated or that of its first day; nullopt
  // if the words before the month are no such span.
  std::optional<size_t> DayFirstSpanAt(size_t i, int month) {
    int first_day = 0, last_day = 0, year = 0;
    size_t first = 0;
    if (i >= begin_ + 3 && Number(tokens_[i - 1], 1, 31, &last_day) &&
        (tokens_[i - 2].norm == "to" || tokens_[i - 2].norm == "through" ||
         tokens_[i - 2].norm == "until") &&
        Number(tokens_[i - 3], 1, last_day - 1, &first_day)) {
      first = i - 3;
    } else if (i >= begin_ + 2 && Number(tokens_[i - 1], 1, 31, &last_day) &&
               (Gap(i - 1) == "-" || Gap(i - 1) == "\xE2\x80\x93") &&
               Number(tokens_[i - 2], 1, last_day - 1, &first_day)) {
      first = i - 2;
    } else if (i >= begin_ + 3 && Number(tokens_[i - 1], 1, 31, &last_day) &&
               tokens_[i - 2].norm == "and" && last_day > 1 &&
               Number(tokens_[i - 3], last_day - 1, last_day - 1, &first_day)) {
      first = i - 3;  // "on 12 and 13 May 2026": two days in a row
    } else {
      return std::nullopt;
    }
    const bool stated = i + 1 < end_ && Number(tokens_[i + 1], 1900, 2100, &year);
    if (!stated) {
      if (!have_day_) return std::nullopt;
      year = YearOf(month, first_day);
    }
    const size_t last = stated ? i + 1 : i;
    AddSpanInMonth(first, last, year, month, first_day, last_day, stated);
    return last;
  }

  // Adds the span [first_day, last_day] of month, told by tokens [first,
  // last], its year stated or resolved.
  void AddSpanInMonth(size_t first, size_t last, int year, int month, int first_day, int last_day,
                      bool stated) {
    v1::FuzzyDate span =
        MakeDate(year, month, first_day, stated ? v1::DATE_BASIS_STATED : v1::DATE_BASIS_RESOLVED,
                 Quote(first, last) + (stated ? "" : against_));
    SetSpanEnd(year, month, last_day, &span);
    Add(first, last, std::move(span), false);
  }

  // "in May", "in May last year", "in December this year" (token i is the month).
  size_t InMonthAt(size_t i, int month) {
    if (i + 2 < end_ && tokens_[i + 2].norm == "year" &&
        (tokens_[i + 1].norm == "last" || tokens_[i + 1].norm == "this" ||
         tokens_[i + 1].norm == "next")) {
      const int shift = tokens_[i + 1].norm == "last" ? -1 : tokens_[i + 1].norm == "next" ? 1 : 0;
      Add(i - 1, i + 2,
          MakeDate(published_.year() + shift, month, 0, v1::DATE_BASIS_RESOLVED,
                   Quote(i - 1, i + 2) + against_),
          false);
      return i + 2;
    }
    if (published_.month() == 0) return i;
    const int year = YearOf(month, 0);
    Add(i - 1, i, MakeDate(year, month, 0, v1::DATE_BASIS_RESOLVED, Quote(i - 1, i) + against_),
        false);
    return i;
  }

  // "in 2023"
  bool YearAt(size_t i) {
    int year = 0;
    if (i > begin_ && tokens_[i - 1].norm == "in" && Number(tokens_[i], 1900, 2100, &year)) {
      Add(i - 1, i, MakeDate(year, 0, 0, v1::DATE_BASIS_STATED, Quote(i - 1, i)), false);
      return true;
    }
    return false;
  }

  // "on Tuesday", "yesterday", "today", "next week", "last week", "last
  // month", "last year". REQUIRES: have_day_.
  std::optional<size_t> RelativePhraseAt(size_t i) {
    const Token& t = tokens_[i];
    if (const int weekday = WeekdayOf(t.norm); weekday >= 0 && t.capitalized) {
      // The latest such day on or before publication; for a plan, the
      // first after it.
      absl::CivilDay day = publication_day_;
      // ("is scheduled to call on X later on Thursday", "is scheduled to
      // meet Y on Wednesday", published on that weekday: that day; a week
      // on would be "next Wednesday".)
      const bool on_publication_weekday = static_cast<int>(absl::GetWeekday(day)) == weekday &&
                                          !(i > begin_ && tokens_[i - 1].norm == "next");
      if (planned_ && !on_publication_weekday) {
        ++day;
        for (int k = 0; k < 7 && static_cast<int>(absl::GetWeekday(day)) != weekday; ++k) ++day;
      } else if (!planned_) {
        for (int k = 0; k < 7 && static_cast<int>(absl::GetWeekday(day)) != weekday; ++k) --day;
      }
      const size_t first = i > begin_ && tokens_[i - 1].norm == "on" ? i - 1 : i;
      // "on Tuesday and Wednesday": the two days, the second the next such
      // day after the first (and not after publication, unless a plan).
      if (i + 2 < end_ && (tokens_[i + 1].norm == "and" || tokens_[i + 1].norm == "to") &&
          tokens_[i + 2].capitalized && WeekdayOf(tokens_[i + 2].norm) >= 0) {
        // ("on Monday and Friday" are two days, not a span: "and" joins
        // consecutive days only.)
        const int second = WeekdayOf(tokens_[i + 2].norm);
        const absl::CivilDay last = day + ((second - weekday + 7) % 7);
        const bool consecutive = last == day + 1 || tokens_[i + 1].norm == "to";
        if (last > day && consecutive && (planned_ || last <= publication_day_)) {
          v1::FuzzyDate d = DayDate(day, v1::DATE_BASIS_RESOLVED, Quote(first, i + 2) + against_);
          SetSpanEnd(static_cast<int>(last.year()), last.month(), last.day(), &d);
          Add(first, i + 2, std::move(d), true);
          return i + 2;
        }
      }
      Add(first, i, DayDate(day, v1::DATE_BASIS_RESOLVED, Quote(first, i) + against_), true);
      return i;
    }
    if (t.norm == "yesterday" || t.norm == "today") {
      const absl::CivilDay day = t.norm == "yesterday" ? publication_day_ - 1 : publication_day_;
      Add(i, i, DayDate(day, v1::DATE_BASIS_RESOLVED, Quote(i, i) + against_), true);
      return i;
    }
    if ((t.norm == "next" || t.norm == "last") && i + 1 < end_ && tokens_[i + 1].norm == "week") {
      // Monday to Sunday of the week after (or before) publication.
      absl::CivilDay monday = publication_day_;
      if (t.norm == "next") {
        ++monday;
        while (absl::GetWeekday(monday) != absl::Weekday::monday) ++monday;
      } else {
        while (absl::GetWeekday(monday) != absl::Weekday::monday) --monday;
        monday -= 7;
      }
      const absl::CivilDay sunday = monday + 6;
      v1::FuzzyDate d = DayDate(monday, v1::DATE_BASIS_RESOLVED, Quote(i, i + 1) + against_);
      SetSpanEnd(static_cast<int>(sunday.year()), sunday.month(), sunday.day(), &d);
      Add(i, i + 1, std::move(d), t.norm == "last");
      return i + 1;
    }
    // "earlier this week": from its Monday to the day before publication;
    // "earlier this month": the publication's month.
    if (t.norm == "earlier" && i + 2 < end_ && tokens_[i + 1].norm == "this" &&
        (tokens_[i + 2].norm == "week" || tokens_[i + 2].norm == "month")) {
      if (tokens_[i + 2].norm == "month") {
        Add(i, i + 2,
            MakeDate(published_.year(), published_.month(), 0, v1::DATE_BASIS_RESOLVED,
                     Quote(i, i + 2) + against_),
            false);
        return i + 2;
      }
      absl::CivilDay monday = publication_day_;
      while (absl::GetWeekday(monday) != absl::Weekday::monday) --monday;
      const absl::CivilDay before = std::max(monday, publication_day_ - 1);
      v1::FuzzyDate d = DayDate(monday, v1::DATE_BASIS_RESOLVED, Quote(i, i + 2) + against_);
      SetSpanEnd(static_cast<int>(before.year()), before.month(), before.day(), &d);
      Add(i, i + 2, std::move(d), false);
      return i + 2;
    }
    if (t.norm == "last" && i + 1 < end_ && tokens_[i + 1].norm == "month") {
      const absl::CivilMonth month = absl::CivilMonth(publication_day_) - 1;
      Add(i, i + 1,
          MakeDate(static_cast<int>(month.year()), month.month(), 0, v1::DATE_BASIS_RESOLVED,
                   Quote(i, i + 1) + against_),
          false);
      return i + 1;
    }
    if (t.norm == "last" && i + 1 < end_ && tokens_[i + 1].norm == "year") {
      Add(i, i + 1,
          MakeDate(published_.year() - 1, 0, 0, v1::DATE_BASIS_RESOLVED,
                   Quote(i, i + 1) + against_),
          false);
      return i + 1;
    }
    return std::nullopt;
  }

  IsFutureWordFn is_future_;
  const void* context_;
  bool planned_ = false;  // the phrase being read is in a clause that tells of a plan
  absl::string_view text_;
  const std::vector<Token>& tokens_;
  const size_t begin_, end_;
  const v1::FuzzyDate& published_;
  const bool have_day_;
  const absl::CivilDay publication_day_;  // the first of its month or year if less precise
  const std::string against_;             // the notes' " against publication on <date>"
  std::vector<DateFound> found_;
};

}  // namespace

int MonthOf(const Token& t) {
  for (int m = 0; m < 12; ++m) {
    if (t.norm == kMonths[m] || t.norm == kMonthAbbreviations[m] || (m == 8 && t.norm == "sept")) {
      // "may" is a month only when written "May".
      return (m == 4 && !t.capitalized) ? 0 : m + 1;
    }
  }
  return 0;
}

int WeekdayOf(absl::string_view norm) {
  for (int d = 0; d < 7; ++d) {
    if (norm == kWeekdays[d]) return d;
  }
  return -1;
}

v1::FuzzyDate MakeDate(int year, int month, int day, v1::DateBasis basis, std::string note) {
  v1::FuzzyDate d = MakeFuzzyDate(year, month, day);
  d.set_basis(basis);
  d.set_basis_note(std::move(note));
  return d;
}

std::vector<DateFound> DatesIn(absl::string_view text, const std::vector<Token>& tokens,
                               size_t begin, size_t end, const v1::FuzzyDate& published,
                               IsFutureWordFn is_future, const void* context) {
  return DateScanner(text, tokens, begin, end, published, is_future, context).Scan();
}

std::optional<v1::FuzzyDate> FindDate(absl::string_view text, const v1::FuzzyDate& published,
                                      std::string* phrase) {
  const std::vector<Token> tokens = Tokenize(text);
  for (const DateFound& d : DatesIn(text, tokens, 0, tokens.size(), published)) {
    if (d.adjectival) continue;
    *phrase =
        std::string(text.substr(tokens[d.first].start, tokens[d.last].end - tokens[d.first].start));
    return d.date;
  }
  return std::nullopt;
}

}  // namespace parley
