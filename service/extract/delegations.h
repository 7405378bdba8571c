// A delegation named again by a noun phrase (internal to extraction): "the
// delegation", "the US delegation", "the lawmakers" as the subject of an
// act ("Later in the day, the delegation visited the institute"), and the
// official the article named before as leading it ("U.S. Consul General X
// led a delegation of fourteen companies to Pune", "The delegation was led
// by X"). The phrase is the lead's mention in the quote, checked like "the
// two" (quote_support.h): the lead must be named shortly before it.
//
// Ownership: reads its arguments; returns what it found.
// Errors: none; a sentence with no such phrase, or an article that named
// no lead, gives nothing.
// Thread-safety: pure functions.
#ifndef PARLEY_SERVICE_EXTRACT_DELEGATIONS_H_
#define PARLEY_SERVICE_EXTRACT_DELEGATIONS_H_

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "service/extract/article_text.h"
#include "service/extract/extract.h"

namespace parley {

struct DelegationReference {
  size_t first = 0, last = 0;  // its tokens, "the" to "delegation"
  std::string country_id;      // "the US delegation": "united-states"; "" if no side is named
};

// The first delegation phrase of sentence s that opens it or its first
// clause (a subject: not "met the US delegation"), if any.
std::optional<DelegationReference> FindDelegationReference(const ArticleText& article,
                                                           const Sentence& s);

// The token of the verb the phrase is the subject of: the one after it,
// past "also", "later", "then" ("the delegation also visited").
size_t VerbAfterDelegationReference(const ArticleText& article, const Sentence& s,
                                    const DelegationReference& r);

// A delegation the article named: its lead and its members (indices into
// Extraction::officials, the mentions that named them).
struct NamedDelegation {
  size_t lead = 0;
  std::vector<size_t> members;
};

// The delegation whose lead the latest sentence before offset `before`
// names — of country_id's side when it is not empty; nullopt if none. "X
// led a delegation", "X, who heads the delegation", "a delegation led by
// X", "The delegation was headed by X". Its members are the people that
// sentence names after a member word ("... and included Representatives Y
// and Z") or that a sentence before the phrase names after "It included" /
// "The delegation also comprised".
std::optional<NamedDelegation> DelegationNamedBefore(const ArticleText& article,
                                                     const Extraction& extraction, int64_t before,
                                                     absl::string_view country_id);

// Whether words (as written in a quote) are a delegation phrase.
bool IsDelegationReference(absl::string_view words);

}  // namespace parley

#endif  // PARLEY_SERVICE_EXTRACT_DELEGATIONS_H_
