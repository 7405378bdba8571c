// The small word sets the extraction rules look for around names, titles
// and triggers (connectors, function words, event and participant cues),
// read from data/lexicons (connectors.txt, function_words.txt,
// event_cues.txt, participant_cues.txt, name_organization_links.txt,
// name_prefixes.txt, place_heads.txt; see
// docs/DATA_FORMAT.md). ExtractionLexicon (lexicon.h) holds them and asks
// them through its Is...() methods.
//
// Ownership: WordSets is a plain value. BuiltInWordSets() is a process-wide
// immutable copy of data/lexicons as it was at build time.
// Errors: ReadWordSets returns INVALID_ARGUMENT naming the file and line of
// a missing, malformed or unknown entry.
// Thread-safety: pure functions; BuiltInWordSets() is initialized once.
#ifndef PARLEY_SERVICE_EXTRACT_WORD_SETS_H_
#define PARLEY_SERVICE_EXTRACT_WORD_SETS_H_

#include <array>
#include <cstddef>
#include <string>

#include "absl/container/flat_hash_set.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace parley {

// One per word-set file, or per KIND of a keyed one (word_sets.cc maps
// them; lexicon.h documents each).
enum class WordSet : size_t {
  // connectors.txt: name, title_complement, organization, unknown_title, company,
  // predicative.
  kNameConnector,
  kTitleComplement,
  kOrganizationConnector,
  kUnknownTitleComplement,
  kCompanyNoun,
  kPredicative,
  // function_words.txt.
  kFunctionWord,
  // event_cues.txt: source, reported, plan, future, back_reference, purpose, round, frame.
  kSourceCue,
  kReportingVerb,
  kPlanWord,
  kFutureWord,
  kBackReference,
  kVisitPurpose,
  kDialogueRoundWord,
  kFrameWord,
  kNotTalks,
  kUnrealized,
  kCalledOff,
  // participant_cues.txt: led_by, leads, led, role, visitor_next, side, member,
  // pronoun, home_sides, host_verb, heads_verb, opening_participle.
  kLeadVerbBeforeBy,
  kLeadWordAfterName,
  kLedVerb,
  kRoleVerb,
  kVisitorNext,
  kDelegationWord,
  kMemberCue,
  kPronoun,
  kHomeSide,
  kHostVerb,
  kHeadsVerb,
  kOpeningParticiple,
  kIssuerTitle,
  // name_prefixes.txt: honorific, rank, rank_part.
  kHonorific,
  kRank,
  kRankPart,
  // name_organization_links.txt (exact text).
  kNameOrganizationLink,
  // place_heads.txt.
  kPlaceHead,
  kCount  // the number of word sets
};

// Normalized words (NormalizeName), but for kNameOrganizationLink, whose
// entries are kept as written.
using WordSets = std::array<absl::flat_hash_set<std::string>, static_cast<size_t>(WordSet::kCount)>;

// The word sets of the files in dir.
[[nodiscard]] absl::StatusOr<WordSets> ReadWordSets(const std::string& dir);

// The word sets of data/lexicons compiled into the program (what
// ExtractionLexicon::FromLists starts from).
const WordSets& BuiltInWordSets();

// The contents of a word-set file of data/lexicons as it was at build time
// ("connectors.txt"), or "" (generated: builtin_word_lists.cc.in).
absl::string_view BuiltInWordList(absl::string_view file_name);

}  // namespace parley

#endif  // PARLEY_SERVICE_EXTRACT_WORD_SETS_H_
