// People's names in article text (internal to extraction): two to four
// capitalized words that are no title words, function words, months,
// weekdays or countries, with initials ("P. Chidambaram", "SM Krishna")
// and a first name in parentheses ("President (Barack) Obama") allowed.
//
// Ownership: the functions read the ArticleText they are given.
// Errors: none; "no name" is 0 or npos.
// Thread-safety: pure functions.
#ifndef PARLEY_SERVICE_EXTRACT_PERSON_NAMES_H_
#define PARLEY_SERVICE_EXTRACT_PERSON_NAMES_H_

#include <cstddef>
#include <string>

#include "service/extract/article_text.h"

namespace parley {

// The number of tokens of the name starting at token i; 0 if none.
size_t PersonNameAt(const ArticleText& article, size_t i);

// The first token after the honorifics and ranks that start at token i
// ("Shri", "Dr.", "Rear Admiral", "Lt Gen (retd)"); i if none.
size_t SkipNamePrefixes(const ArticleText& article, size_t i);

// Whether token t is an honorific or a rank (name_prefixes.txt).
bool IsNamePrefix(const ArticleText& article, const Token& t);

// The first token of the name ending at token last, found backwards; npos
// if none.
size_t PersonNameEndingAt(const ArticleText& article, size_t last);

// The name as it is usually written: tokens joined by spaces, initials with
// their dots, parentheses dropped.
std::string PersonNameText(const ArticleText& article, size_t first, size_t count);

}  // namespace parley

#endif  // PARLEY_SERVICE_EXTRACT_PERSON_NAMES_H_
