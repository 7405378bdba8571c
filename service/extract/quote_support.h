// The invariant every extracted participation's quote must meet: the quote
// names the person and tells of the event. "The two countries signed a
// memorandum" supports no signatory; "The memorandum was signed by NIA
// Director Ravi Menon" supports Menon.
//
// One rule, used where the extractor's output is checked: the index build
// (service/index/extracted_facts.cc drops and counts a participation whose
// quote fails it) and tools/extract_eval (which reports the failures).
//
// Ownership: reads its arguments.
// Errors: FAILED_PRECONDITION saying what the quote lacks.
// Thread-safety: pure function.
#ifndef PARLEY_SERVICE_EXTRACT_QUOTE_SUPPORT_H_
#define PARLEY_SERVICE_EXTRACT_QUOTE_SUPPORT_H_

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "service/extract/extract.h"

namespace parley {

// OK when participant's quote (text[quote_start, quote_end)) supports that
// person_name took part in the event: the quote lies in text and is at most
// one sentence long (no line break inside); the mention lies inside the quote
// and is the full name, one of its words (a resolved surname), a personal
// pronoun or words of person_title, the title the article gives them ("the
// Foreign Secretary"; "" if none), or a group reference ("the two", "the
// co-chairs") the extractor resolved (participant.group_mention) to people
// of whom person_name is named shortly before the mention; and the cue is
// non-empty and occurs in the quote as whole words.
[[nodiscard]] absl::Status CheckParticipantQuote(absl::string_view text,
                                                 absl::string_view person_name,
                                                 absl::string_view person_title,
                                                 const ExtractedParticipant& participant);
// The same for a person named without a title.
[[nodiscard]] absl::Status CheckParticipantQuote(absl::string_view text,
                                                 absl::string_view person_name,
                                                 const ExtractedParticipant& participant);

// Whether every one of words (normalized, NormalizeName's) is a word of
// title, and there is at least one: the one rule for a title mention ("the
// Foreign Secretary" of "Foreign Secretary Anil Kumar"), used by the
// extractor when it resolves such a mention and by CheckParticipantQuote.
bool WordsOfTitle(const std::vector<std::string>& words, absl::string_view title);

// Whether words occurs in text as whole words, ignoring ASCII case.
bool ContainsWords(absl::string_view text, absl::string_view words);

}  // namespace parley

#endif  // PARLEY_SERVICE_EXTRACT_QUOTE_SUPPORT_H_
