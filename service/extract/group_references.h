// Plural references to people the article just named (internal to
// extraction): "the two" and "the two officials" (the two who took part in
// the act told before), "the co-chairs" and "the heads of the two
// delegations" (its leads). "On the margins of the ministerial, the two
// witnessed the signing", "The two officials last met in New Delhi in
// March", "signed ... in the presence of the co-chairs". Like a pronoun,
// the phrase is the person's mention in the quote (quote_support.h).
//
// Ownership: reads its arguments; returns what it found.
// Errors: none; a sentence with no such phrase gives nothing.
// Thread-safety: pure functions.
#ifndef PARLEY_SERVICE_EXTRACT_GROUP_REFERENCES_H_
#define PARLEY_SERVICE_EXTRACT_GROUP_REFERENCES_H_

#include <cstddef>
#include <optional>
#include <vector>

#include "absl/strings/string_view.h"
#include "parley/v1/resources.pb.h"
#include "service/extract/article_text.h"
#include "service/extract/extract.h"

namespace parley {

struct GroupReference {
  size_t first = 0, last = 0;  // its tokens
  bool leads = false;          // "the co-chairs": the leads, not any two
  // "in the presence of the co-chairs", "the two witnessed": they attended
  // (members), whatever the act.
  bool attended = false;
  // "The two officials last met in Bengaluru": of the article's main act
  // (the first of the kind), not of the latest one told.
  bool history = false;
};

// The first group reference of sentence s, if any.
std::optional<GroupReference> FindGroupReference(const ArticleText& article, const Sentence& s);

// The people a reference points to: of the latest of events [0, before)
// told in an earlier sentence than sentence_start — of kind when there is
// one ("The two officials last met in March": the two of the last
// meeting), else of any kind ("the two witnessed the signing") — its two
// participants of the trigger's clause; or (leads) the delegation leads or
// hosts of the latest talks. Empty when that is not exactly two people (or,
// for leads, fewer than two).
std::vector<size_t> ReferredPeople(const Extraction& extraction, size_t before,
                                   int64_t sentence_start, v1::EventKind kind,
                                   const GroupReference& reference);

// Whether words (as written in a quote) are a group reference.
bool IsGroupReference(absl::string_view words);

}  // namespace parley

#endif  // PARLEY_SERVICE_EXTRACT_GROUP_REFERENCES_H_
