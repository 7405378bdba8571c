// Extraction of officials, organizations and events from unannotated
// article text.
//
//  - Officials: people named with a title ("Secretary of Homeland Security
//    Janet Napolitano", "Vinay Kwatra, India's Ambassador to US", "Joint
//    Secretary in the Ministry of External Affairs Muanpuii Saiawi"), the
//    country and organization they represent (from the title's modifiers,
//    an organization the title names, the delegation they lead, another
//    mention of them, or the dateline), and later short references
//    ("Napolitano") resolved to the full name within the same article.
//  - Organizations: capitalized names with an organization word (ministry,
//    department, agency, centre, team, ...) and their acronyms
//    ("Cybersecurity and Infrastructure Security Agency (CISA)"), with the
//    country their name or context gives; names the knowledge base knows
//    are recognised as those organizations.
//  - Events: sentences with trigger words ("signed", "talks", "visited",
//    "dialogue", "press conference", ...), one event per kind, with the
//    officials of the sentence as participants and the function each had
//    (signatory, delegation lead, host, visitor, spokesperson, member), the
//    countries and organizations involved, topics from keywords, the place
//    ("in Washington", the dateline), and the date resolved against the
//    publication date ("on Friday", "in May last year", "July 20, 2009"),
//    from the sentence or, failing that, from the story it belongs to.
//
// Deterministic and explainable: every fact carries the quote it came from
// (byte offsets into the text), the rule that found it and a confidence.
// The vocabulary lives in data files an analyst can extend without
// recompiling (data/lexicons/*.txt, see docs/EXTRACTION.md); countries and
// organizations the knowledge base knows are added to it.
//
// Inside, one concept per (internal) header: article_text.h (tokens,
// sentences, dateline, quotes), date_phrases.h, person_names.h,
// officials.h, organizations.h, official_countries.h, events.h with
// event_participants.h and event_merging.h; the vocabulary is lexicon.h's,
// its small word sets word_sets.h's.
//
// Thread-safety: an ExtractionLexicon is immutable after Load(); extraction
// functions are pure.
#ifndef PARLEY_SERVICE_EXTRACT_EXTRACT_H_
#define PARLEY_SERVICE_EXTRACT_EXTRACT_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "parley/v1/resources.pb.h"
#include "service/base/text_tokens.h"
#include "service/extract/lexicon.h"

namespace parley {

struct ExtractedOfficial {
  std::string name;               // as written, initials kept: "Janet Napolitano", "P. Chidambaram"
  std::string title;              // without the country, e.g. "Secretary of Homeland Security"
  std::string country_id;         // "" when nothing says
  std::string organization_id;    // a known organization the title names, or ""
  std::string organization_name;  // the organization the title names, as written, or ""
  int64_t name_start = 0, name_end = 0;    // byte offsets of the name
  int64_t quote_start = 0, quote_end = 0;  // title and name together
  std::string rule;  // "title before name", "apposition", "short reference", ...
  double confidence = 0;
};

struct ExtractedOrganization {
  std::string name;        // as written, e.g. "Cybersecurity and Infrastructure Security Agency"
  std::string acronym;     // "CISA", or ""
  std::string country_id;  // "" when nothing says
  std::string known_id;    // the knowledge-base organization it is, or ""
  int64_t start = 0, end = 0;  // the name and its acronym in the text
  std::string rule;            // "name with acronym", "ministry or department", ...
  double confidence = 0;
};

// Who took part in an event, and the quote that says so: a sentence that
// names the person (mention: the full name, a surname, or a pronoun
// resolved to them) and ties them to the event (cue: the event's trigger or
// a reference to it, "the meeting", "delegation", as written). Every quote
// must pass CheckParticipantQuote (quote_support.h); the index drops and
// counts those that do not.
struct ExtractedParticipant {
  size_t official = 0;  // index into Extraction::officials
  v1::ParticipantFunction function = v1::PARTICIPANT_FUNCTION_MEMBER;
  int64_t quote_start = 0, quote_end = 0;      // byte offsets into the text
  int64_t mention_start = 0, mention_end = 0;  // the person's mention, inside the quote
  std::string cue;                             // words of the quote that tell of the event
  // Whether the person is in the trigger's own clause (not one that only
  // dates or frames the act: "signed in the week the two ministers met").
  bool in_trigger_clause = true;
  // The mention is a group reference ("the two", "the co-chairs") to people
  // named just before the quote (group_references.h).
  bool group_mention = false;
  std::string rule;  // "subject of the trigger", "led by", "story's delegation lead", ...
  double confidence = 0;
};

struct ExtractedEvent {
  v1::EventKind kind = v1::EVENT_KIND_UNSPECIFIED;
  std::string trigger;  // the words, as written
  int64_t sentence_start = 0, sentence_end = 0;
  std::vector<ExtractedParticipant> participants;
  std::vector<size_t> organizations;     // indices into Extraction::organizations
  std::vector<std::string> country_ids;  // countries involved
  std::vector<std::string> topics;       // topic ids
  std::optional<v1::FuzzyDate> date;     // basis STATED or RESOLVED, with a note
  std::string city;                      // "in <Place>" of the sentence, or the dateline's
  std::string city_country_id;           // the city's country, if known
  // What a visit went to when it is no country or city: "visited the
  // National Security Guard (NSG) campus" (a site within a trip); "" if none.
  std::string site;
  // Told as a plan ("will visit on Tuesday", "is due to arrive on 3
  // March"): its date was resolved forward from publication.
  bool planned = false;
  // Told as apart from the others ("held a separate meeting with"): never
  // folded into another event of its day.
  bool separate = false;
  // Told as at another time of the day than the acts told before ("Earlier
  // today, X joined the fifth meeting of the Dialogue"): merges with no
  // event of an earlier sentence.
  bool other_time_of_day = false;
  // Told with "also" right before its trigger ("X also met Y"): another
  // act than the one told before.
  bool told_with_also = false;
  // A signing in an article that tells of several documents signed ("two
  // Memoranda of Understanding were signed"): one signed by another pair
  // than a signing of that day is another signing.
  bool among_several_signings = false;
  double confidence = 0;
};

struct Extraction {
  std::vector<ExtractedOfficial> officials;
  std::vector<ExtractedOrganization> organizations;
  std::vector<ExtractedEvent> events;
  std::string dateline_city;     // "New Delhi" of "New Delhi: ..." or "TOKYO, March 9 - ..."
  std::string dateline_country;  // its country, if known
};

// The first date expression in text, resolved against published (which
// must have day precision for relative phrases; without it only complete
// dates are found). *phrase receives the words as written.
std::optional<v1::FuzzyDate> FindDate(absl::string_view text, const v1::FuzzyDate& published,
                                      std::string* phrase);

// Officials, organizations and events of an article.
Extraction ExtractArticle(absl::string_view text, const v1::FuzzyDate& published,
                          const ExtractionLexicon& lexicon);

// Officials named in text, in text order. Short references (a surname alone)
// to an official found earlier are returned too, with the full name.
std::vector<ExtractedOfficial> ExtractOfficials(absl::string_view text,
                                                const ExtractionLexicon& lexicon);

}  // namespace parley

#endif  // PARLEY_SERVICE_EXTRACT_EXTRACT_H_
