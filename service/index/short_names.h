// Short references to a person whom the same text names in full: the given
// name alone ("Jayanthi said", after "Jayanthi Natarajan"; the headline
// "Talks on terror very productive: Hillary" above "Hillary Clinton"), and
// the surname alone or after the given name's initials ("Okafor", "M.
// Okafor", after "Mohan Okafor"). The matcher's own surname patterns cover
// only surnames no two people of the knowledge base share
// (name_and_mention_steps.cc); in a text that names one of them in full,
// the text says which is meant.
//
// A short name is linked only when nothing else in the text could be meant:
// - the anchor is a match of one person's name or alias (every pattern that
//   accepts the words is that person's);
// - the keys are the first and the last word of the anchor's canonical
//   name, of three bytes or more once normalized; a key that two anchors'
//   words give (two people of the text named Stern, or a Stern and a Todd
//   Stern's "Todd") means no one. (A namesake the knowledge base does not
//   know, "Tom Okafor", does not make it ambiguous: the press's short name
//   is the person it has introduced, as the blind set
//   tests/corpora/mentions_blind1 annotates it.)
// - the word is capitalized, in no match, and no part of a longer name: the
//   word after it in the same stretch (no clause punctuation, line break or
//   bracket between) is not capitalized, nor is the word before it unless
//   that is a title ("Minister", "Secretary"), an honorific, a function word
//   ("During"), a one-letter word or a linked name; in a line in title case
//   ("Clinton Meets Karzai In Kabul") capitals say nothing and neither
//   check is made;
// - initials before it (not part of a match) make it a surname of the
//   person whose given name starts so ("M." for Mohan; "C. Okafor" is
//   someone else, and a given name after initials is no one's), and the
//   span then starts there.
// The matcher's surname matches pass the same checks, but a linked word may
// follow them ("Napolitano US visit"): one is dropped in a longer name
// ("Tom Ferraro") or after someone else's initials, and starts at the given
// name's initials.
//
// Thread-safety: pure functions of a frozen index.
#ifndef PARLEY_SERVICE_INDEX_SHORT_NAMES_H_
#define PARLEY_SERVICE_INDEX_SHORT_NAMES_H_

#include <cstdint>
#include <vector>

#include "absl/strings/string_view.h"
#include "parley/v1/resources.pb.h"
#include "service/base/text_tokens.h"
#include "service/index/index_data.h"
#include "service/index/mentions.h"

namespace parley {

struct ShortNameMention {
  uint32_t first_token = 0;  // [first_token, end_token) in the token list
  uint32_t end_token = 0;
  int32_t entity = 0;
  v1::MentionKind kind = v1::MENTION_KIND_UNSPECIFIED;  // GIVEN_NAME or SURNAME
  // The word of the canonical name it stands for: a view of the entity
  // store's bytes, valid as long as the index.
  absl::string_view name;
};

// The short names of text (tokens, and matches from d.matcher.Match), in
// text order; none overlaps a match. Reviews the matches' surnames first
// (above): some are dropped from matches, some start earlier.
std::vector<ShortNameMention> FindShortNames(const IndexData& d, absl::string_view text,
                                             const std::vector<Token>& tokens,
                                             std::vector<MentionMatch>* matches);

// A word of a title that stands before a name ("Home Minister", "Special
// Envoy"): such words are not a name of their own. normalized_word as in
// Token::norm.
bool IsTitleWord(absl::string_view normalized_word);

// Whether the text between two words ends a name: a clause's punctuation
// or a line break.
bool BreaksName(absl::string_view gap);

}  // namespace parley

#endif  // PARLEY_SERVICE_INDEX_SHORT_NAMES_H_
