// The query language of document search (TextSearch, SearchDocuments):
//
//   ransomware "fake currency"   every word and "quoted phrase" must occur
//   malware OR ransomware        either (OR in capitals; a clause of
//                                alternatives, any number of them)
//   cyber NEAR dialogue          both, within kNearWords words of each
//                                other (any number of them; a clause)
//   -Pakistan  NOT Pakistan      must not occur (also -"a phrase")
//
// Straight and typographic double quotes make phrases. "or" and "not" in
// lower case, and any word inside quotes, are words like the others.
// Thread-safety: a pure function.
#ifndef PARLEY_SERVICE_INDEX_TEXT_QUERY_H_
#define PARLEY_SERVICE_INDEX_TEXT_QUERY_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace parley {

// A word or a "quoted phrase" of a query.
struct QueryTerm {
  std::vector<std::string> words;  // normalized; more than one for a phrase
  std::string text;                // as the user wrote it
  // Where each word is written in the query: byte offsets [first, second).
  // Empty for the joined spelling ParseTextQuery adds (see there).
  std::vector<std::pair<size_t, size_t>> word_spans;
};

// What a hit must have: one of terms (more than one when joined by OR), or
// all of them near each other (joined by NEAR); or, when excluded, none of
// them.
struct QueryClause {
  std::vector<QueryTerm> terms;  // never empty
  bool excluded = false;
  bool near = false;  // the terms were joined by NEAR
};

// NEAR: the first words of the terms' occurrences lie at most this many
// words apart (Xapian's default window).
inline constexpr uint32_t kNearWords = 10;

// Words written without a space between them (cyber-security, CERT-In) are
// one term, a phrase. Unquoted words joined by hyphens alone also find
// their joined spelling: counter-terrorism is the clause
// "counter terrorism" OR counterterrorism (not in a NEAR, whose terms are
// all required). The same word or phrase twice in an OR or a NEAR counts
// once.
//
// Errors: INVALID_ARGUMENT (reason INVALID_QUERY) for an unclosed quote, a
// phrase without words, a query without words, an OR without a word or
// phrase on each side (NEAR likewise), OR and NEAR between the same
// words, an OR or NEAR beside an excluded term, a NOT with nothing
// after it, a query that only excludes (nothing a hit must have), or more
// than kMaxQueryTerms words, phrases and operators.
inline constexpr size_t kMaxQueryTerms = 64;
[[nodiscard]] absl::StatusOr<std::vector<QueryClause>> ParseTextQuery(absl::string_view query);

}  // namespace parley

#endif  // PARLEY_SERVICE_INDEX_TEXT_QUERY_H_
