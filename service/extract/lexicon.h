// The vocabulary of extraction (extract.h): title words, countries and
// their demonyms, places, organization words, event triggers, topic
// keywords and the small word sets the rules look for (connectors, function
// words, event and participant cues; word_sets.h), read from
// data/lexicons/*.txt (docs/DATA_FORMAT.md), and the
// countries, organizations and places the knowledge base knows — as plain
// known facts (known_facts.h), never from an Index, so that extraction can
// run before the index is built.
//
// Thread-safety: immutable after Load(); safe to share.
#ifndef PARLEY_SERVICE_EXTRACT_LEXICON_H_
#define PARLEY_SERVICE_EXTRACT_LEXICON_H_

#include <algorithm>
#include <cstddef>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "parley/v1/resources.pb.h"
#include "service/base/text_tokens.h"
#include "service/extract/known_facts.h"
#include "service/extract/word_sets.h"

namespace parley {

class ExtractionLexicon {
 public:
  // Reads the lexicons of dir (title_heads, title_modifiers, subject_words,
  // event_triggers, organization_heads, countries, places, title_countries,
  // topic_keywords, and the word-set files of word_sets.h; one entry per
  // line, '#' comments) and adds the countries, organizations and places the
  // knowledge base knows. Errors: INVALID_ARGUMENT naming the file and line
  // that is missing or malformed.
  [[nodiscard]] static absl::StatusOr<ExtractionLexicon> Load(const std::string& dir,
                                                              const KnownFacts& known);

  // Lexicon from lists (tests). Entries are normalized as words are. The
  // word sets (connectors, function words, cues) are data/lexicons's as
  // they were at build time.
  static ExtractionLexicon FromLists(const std::vector<std::string>& title_heads,
                                     const std::vector<std::string>& title_modifiers,
                                     const std::vector<std::string>& subject_words,
                                     const std::vector<std::pair<std::string, std::string>>&
                                         country_names);  // (name or demonym, country id)

  // Additions (tests; Load() reads them from the files).
  void AddTrigger(v1::EventKind kind, absl::string_view words);
  void AddOrganizationHead(absl::string_view word);
  void AddPlace(absl::string_view place, absl::string_view country_id);
  void AddKnownOrganization(absl::string_view name, absl::string_view id,
                            absl::string_view country_id);
  void AddTopicKeyword(absl::string_view topic_id, absl::string_view words);
  void AddTitleCountry(absl::string_view words, absl::string_view country_id);

  // The event kind of the trigger that starts at token i, and its length in
  // tokens; EVENT_KIND_UNSPECIFIED if none.
  v1::EventKind TriggerAt(const std::vector<Token>& tokens, size_t i, size_t* length) const;

  bool IsTitleHead(absl::string_view norm) const { return title_heads_.contains(norm); }
  bool IsTitleModifier(absl::string_view norm) const { return modifiers_.contains(norm); }
  bool IsSubjectWord(absl::string_view norm) const { return subjects_.contains(norm); }
  bool IsOrganizationHead(absl::string_view norm) const { return org_heads_.contains(norm); }

  // The word sets (word_sets.h), asked with a normalized word (Token::norm);
  // the data/lexicons file and kind each comes from in parentheses.
  //
  // Words that join a title's or a name's parts: "Minister of External
  // Affairs" (connectors.txt name).
  bool IsConnector(absl::string_view norm) const { return In(WordSet::kNameConnector, norm); }
  // Words that open a title's complement: "Secretary of State"
  // (connectors.txt title_complement).
  bool IsTitleComplementWord(absl::string_view norm) const {
    return In(WordSet::kTitleComplement, norm);
  }
  // Words inside an organization's name: "Ministry of External Affairs"
  // (connectors.txt organization).
  bool IsOrganizationConnector(absl::string_view norm) const {
    return In(WordSet::kOrganizationConnector, norm);
  }
  // Right after a title's head, words that open a complement the lexicons
  // do not know: "Special Envoy for Climate Change" (connectors.txt unknown_title).
  bool IsUnknownTitleComplementWord(absl::string_view norm) const {
    return In(WordSet::kUnknownTitleComplement, norm);
  }
  // Words never part of a person's name, even capitalized (function_words.txt).
  bool IsFunctionWord(absl::string_view norm) const { return In(WordSet::kFunctionWord, norm); }
  // Before a statement trigger: "according to a statement" (event_cues.txt source).
  bool IsSourceCue(absl::string_view norm) const { return In(WordSet::kSourceCue, norm); }
  // After a statement trigger: "the statement said" (event_cues.txt reported).
  bool IsReportingVerb(absl::string_view norm) const { return In(WordSet::kReportingVerb, norm); }
  // Right before a trigger: "the next round" (event_cues.txt plan).
  bool IsPlanWord(absl::string_view norm) const { return In(WordSet::kPlanWord, norm); }
  // In the clause before a trigger: "will visit" (event_cues.txt future).
  bool IsFutureWord(absl::string_view norm) const { return In(WordSet::kFutureWord, norm); }
  // Right before a trigger: "the meeting", "this dialogue" (event_cues.txt back_reference).
  bool IsBackReference(absl::string_view norm) const { return In(WordSet::kBackReference, norm); }
  // Before a meeting trigger in a visit's sentence: "arrived for talks"
  // (event_cues.txt purpose).
  bool IsVisitPurposeWord(absl::string_view norm) const { return In(WordSet::kVisitPurpose, norm); }
  // A named dialogue held, not only the institution: "the third round"
  // (event_cues.txt round).
  bool IsDialogueRoundWord(absl::string_view norm) const {
    return In(WordSet::kDialogueRoundWord, norm);
  }
  // Opens a clause that only dates or frames an act: "signed in the week
  // the two ministers met", "signed during the visit of X" (event_cues.txt
  // frame). People named in it did not do the act.
  bool IsFrameWord(absl::string_view norm) const { return In(WordSet::kFrameWord, norm); }
  // "a round of inspections": no round of talks (event_cues.txt not_talks).
  bool IsNotTalks(absl::string_view norm) const { return In(WordSet::kNotTalks, norm); }
  // "before any deal was signed", "no agreement was signed": an act not
  // done (event_cues.txt unrealized).
  bool IsUnrealizedWord(absl::string_view norm) const { return In(WordSet::kUnrealized, norm); }
  // "... but the meeting was <word>": an act called off (event_cues.txt
  // called_off).
  bool IsCalledOffWord(absl::string_view norm) const { return In(WordSet::kCalledOff, norm); }
  // "where X briefed them": one who received a site's visitors
  // (participant_cues.txt host_verb).
  bool IsHostVerb(absl::string_view norm) const { return In(WordSet::kHostVerb, norm); }
  // "X, who <verb> U.S. Coast Guard forces": what X heads is of X's country
  // (participant_cues.txt heads_verb).
  bool IsHeadsVerb(absl::string_view norm) const { return In(WordSet::kHeadsVerb, norm); }
  // "<word> a press conference after the talks, X said": X did the act the
  // participle takes (participant_cues.txt opening_participle).
  bool IsOpeningParticiple(absl::string_view norm) const {
    return In(WordSet::kOpeningParticiple, norm);
  }
  // A word of the titles the issuing government's own people hold:
  // "Consul General", "Deputy Chief of Mission", "Senator"
  // (participant_cues.txt issuer_title).
  bool IsIssuerTitleWord(absl::string_view norm) const { return In(WordSet::kIssuerTitle, norm); }
  // "U.S. <word> Meridian Subsea Inc": the country before it is the
  // company's (connectors.txt company).
  bool IsCompanyNoun(absl::string_view norm) const { return In(WordSet::kCompanyNoun, norm); }
  // "X <words> India's Ambassador": words that give the name before them
  // the title after (connectors.txt predicative).
  bool IsPredicativeWord(absl::string_view norm) const { return In(WordSet::kPredicative, norm); }
  // "<verb> by NAME": NAME led a delegation (participant_cues.txt led_by).
  bool IsLeadVerbBeforeBy(absl::string_view norm) const {
    return In(WordSet::kLeadVerbBeforeBy, norm);
  }
  // "NAME <word>": NAME leads (participant_cues.txt leads).
  bool IsLeadWordAfterName(absl::string_view norm) const {
    return In(WordSet::kLeadWordAfterName, norm);
  }
  // "NAME, who <verb>", "delegation was <verb> by", "<verb> the US side"
  // (participant_cues.txt led).
  bool IsLedVerb(absl::string_view norm) const { return In(WordSet::kLedVerb, norm); }
  // "<verb> by NAME" that gives NAME a function of their own (participant_cues.txt role).
  bool IsRoleVerb(absl::string_view norm) const { return In(WordSet::kRoleVerb, norm); }
  // After a visit trigger, "the visit of X": X visits (participant_cues.txt visitor_next).
  bool IsVisitorCue(absl::string_view norm) const { return In(WordSet::kVisitorNext, norm); }
  // "the US <word>": a country's delegation (participant_cues.txt side).
  bool IsDelegationWord(absl::string_view norm) const { return In(WordSet::kDelegationWord, norm); }
  // With a side word, makes the people of a sentence members of the story's
  // event: "comprised", "part" (participant_cues.txt member).
  bool IsMemberCue(absl::string_view norm) const { return In(WordSet::kMemberCue, norm); }
  // Opens a sentence and refers to the official named before: "He"
  // (participant_cues.txt pronoun).
  bool IsPronoun(absl::string_view norm) const { return In(WordSet::kPronoun, norm); }
  // One of the two countries the corpus is about (participant_cues.txt
  // home_sides), by id.
  bool IsHomeSide(absl::string_view country_id) const {
    const std::vector<std::string> sides = HomeSides();
    return std::find(sides.begin(), sides.end(), country_id) != sides.end();
  }
  // The home sides' country ids, in id order (entries are normalized words,
  // "united states", and name the countries by their ids' words).
  std::vector<std::string> HomeSides() const {
    std::vector<std::string> sides;
    for (const std::string& words : word_sets_[static_cast<size_t>(WordSet::kHomeSide)]) {
      if (std::string id = CountryOf(words); !id.empty()) sides.push_back(std::move(id));
    }
    std::sort(sides.begin(), sides.end());
    return sides;
  }
  // Before a name, not part of it: "Shri", "Dr" (name_prefixes.txt honorific).
  bool IsHonorific(absl::string_view norm) const { return In(WordSet::kHonorific, norm); }
  // Before a name, a rank: "Rear Admiral", "Lt Gen" (name_prefixes.txt rank).
  bool IsRank(absl::string_view norm) const { return In(WordSet::kRank, norm); }
  // A word of a rank only beside a rank word: "Rear", "Group"
  // (name_prefixes.txt rank_part).
  bool IsRankPart(absl::string_view norm) const { return In(WordSet::kRankPart, norm); }
  // A word that ends a building's or place's name, never a person's: "Nirman
  // Bhawan", "Roosevelt House" (place_heads.txt).
  bool IsPlaceHead(absl::string_view norm) const { return In(WordSet::kPlaceHead, norm); }
  // The text between an official's name and an organization (whitespace
  // stripped, as written) makes the official its: "of the"
  // (name_organization_links.txt).
  bool LinksNameToOrganization(absl::string_view between) const {
    return In(WordSet::kNameOrganizationLink, between);
  }

  // Country id of a country name, alias or demonym given as normalized words
  // ("united states", "us", "american"); "" if none.
  std::string CountryOf(absl::string_view normalized_words) const;
  size_t max_country_words() const { return max_country_words_; }
  // Country of a city or place ("new delhi", "washington"); "" if unknown.
  std::string CountryOfPlace(absl::string_view normalized_words) const;
  // Country a title phrase implies ("secretary of state", "external affairs"); "".
  std::string CountryOfTitle(absl::string_view normalized_title) const;

  struct KnownOrganization {
    std::string id, country_id;
  };

  // A known organization by NameKey of a name, alias or acronym; nullptr if
  // none or ambiguous.
  const KnownOrganization* FindOrganization(absl::string_view name_key) const;
  // FindOrganization, or an organization whose name without its leading
  // "Ministry of"/"Department of" is name_key ("homelandsecurity"): what a
  // title such as "Secretary of Homeland Security" names.
  const KnownOrganization* FindTitleOrganization(absl::string_view name_key) const;

  // Topic ids whose keywords occur in tokens [begin, end), in lexicon order.
  std::vector<std::string> TopicsIn(const std::vector<Token>& tokens, size_t begin,
                                    size_t end) const;

 private:
  bool In(WordSet set, absl::string_view word) const {
    return word_sets_[static_cast<size_t>(set)].contains(word);
  }

  absl::flat_hash_set<std::string> title_heads_, modifiers_, subjects_, org_heads_;
  absl::flat_hash_map<std::string, std::string> countries_;  // normalized words -> id
  absl::flat_hash_map<std::string, std::string> places_;     // normalized words -> country id
  std::vector<std::pair<std::string, std::string>> title_countries_;  // (words, country id)
  // First word -> (normalized words, kind), longest first.
  absl::flat_hash_map<std::string, std::vector<std::pair<std::vector<std::string>, v1::EventKind>>>
      triggers_;
  absl::flat_hash_map<std::string, KnownOrganization> organizations_;  // "" id: ambiguous
  absl::flat_hash_map<std::string, KnownOrganization> title_organizations_;
  std::vector<std::pair<std::string, std::vector<std::string>>> topic_keywords_;
  size_t max_country_words_ = 1;
  WordSets word_sets_;
};

}  // namespace parley

#endif  // PARLEY_SERVICE_EXTRACT_LEXICON_H_
