// Date phrases in article text (internal to extraction): complete dates
// ("July 20, 2009", "3 March 2024", "July 2009", "in 2023") and phrases
// resolved against the publication date ("on Tuesday", "December 2", "in
// May last year", "yesterday", "next week", "last month").
// extract.h's FindDate is the first of them.
//
// Ownership: DateFound is a plain value; DatesIn reads the tokens it is given.
// Errors: none; a phrase that needs more of the publication date than it
// has (a weekday without a day-precision date) is skipped.
// Thread-safety: pure functions.
#ifndef PARLEY_SERVICE_EXTRACT_DATE_PHRASES_H_
#define PARLEY_SERVICE_EXTRACT_DATE_PHRASES_H_

#include <cstddef>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "parley/v1/resources.pb.h"
#include "service/base/text_tokens.h"

namespace parley {

// 1-12 for a month's name or abbreviation ("May" only capitalized), else 0.
int MonthOf(const Token& t);
// 0 (Monday) to 6 for a weekday's normalized name, else -1.
int WeekdayOf(absl::string_view norm);

// A day, month or year (0 for what is not known) with its basis and note.
v1::FuzzyDate MakeDate(int year, int month, int day, v1::DateBasis basis, std::string note);

// A date expression found in text.
struct DateFound {
  v1::FuzzyDate date;
  size_t first = 0, last = 0;  // its tokens
  // Preceded by "the" ("the July 13 Mumbai serial blasts"): it names
  // another event, not the sentence's.
  bool adjectival = false;
  // Relative to publication and within a week of it ("on Tuesday",
  // "yesterday"): the date of the news the story reports.
  bool news_peg = false;
  // Told as a plan ("is due to arrive on 3 March", "will meet on Tuesday"):
  // a future word earlier in its clause. A relative phrase is then resolved
  // forward from publication, never back.
  bool planned = false;
};

// Whether norm makes a clause tell of a plan ("will", "due", "scheduled";
// event_cues.txt future).
using IsFutureWordFn = bool (*)(const void* context, absl::string_view norm);

// Every date expression in tokens [begin, end) of text, in text order.
// Phrases in a clause with a future word (is_future(context, norm); may be
// null) are planned and resolved forward.
std::vector<DateFound> DatesIn(absl::string_view text, const std::vector<Token>& tokens,
                               size_t begin, size_t end, const v1::FuzzyDate& published,
                               IsFutureWordFn is_future = nullptr, const void* context = nullptr);

}  // namespace parley

#endif  // PARLEY_SERVICE_EXTRACT_DATE_PHRASES_H_
