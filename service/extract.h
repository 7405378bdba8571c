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
// Thread-safety: an ExtractionLexicon is immutable after Load(); extraction
// functions are pure.
#ifndef PARLEY_SERVICE_EXTRACT_H_
#define PARLEY_SERVICE_EXTRACT_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "index.h"

namespace parley {

class ExtractionLexicon {
 public:
  // Reads the lexicons of dir (title_heads, title_modifiers, subject_words,
  // event_triggers, organization_heads, countries, places, title_countries,
  // topic_keywords; one entry per line, '#' comments) and adds the
  // countries, organizations and event places of index. Organizations whose
  // evidence cites withheld_document are left out (the evaluation withholds
  // an article's own annotations). Errors: INVALID_ARGUMENT naming the file
  // and line that is missing or malformed.
  static absl::StatusOr<ExtractionLexicon> Load(const std::string& dir, const Index& index,
                                                absl::string_view withheld_document = "");

  // Lexicon from lists (tests). Entries are normalized as words are.
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

  // The event kind of the trigger that starts at token i, and its length in
  // tokens; EVENT_KIND_UNSPECIFIED if none.
  v1::EventKind TriggerAt(const std::vector<Token>& tokens, size_t i, size_t* length) const;

  bool IsTitleHead(absl::string_view norm) const { return title_heads_.contains(norm); }
  bool IsTitleModifier(absl::string_view norm) const { return modifiers_.contains(norm); }
  bool IsSubjectWord(absl::string_view norm) const { return subjects_.contains(norm); }
  bool IsOrganizationHead(absl::string_view norm) const { return org_heads_.contains(norm); }
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
};

struct ExtractedOfficial {
  std::string name;        // as written, initials kept: "Janet Napolitano", "P. Chidambaram"
  std::string title;       // without the country, e.g. "Secretary of Homeland Security"
  std::string country_id;  // "" when nothing says
  std::string organization_id;    // a known organization the title names, or ""
  std::string organization_name;  // the organization the title names, as written, or ""
  int64_t name_start = 0, name_end = 0;    // byte offsets of the name
  int64_t quote_start = 0, quote_end = 0;  // title and name together
  std::string rule;        // "title before name", "apposition", "short reference", ...
  double confidence = 0;
};

struct ExtractedOrganization {
  std::string name;        // as written, e.g. "Cybersecurity and Infrastructure Security Agency"
  std::string acronym;     // "CISA", or ""
  std::string country_id;  // "" when nothing says
  std::string known_id;    // the knowledge-base organization it is, or ""
  int64_t start = 0, end = 0;  // the name and its acronym in the text
  std::string rule;        // "name with acronym", "ministry or department", ...
  double confidence = 0;
};

struct ExtractedParticipant {
  size_t official = 0;  // index into Extraction::officials
  v1::ParticipantFunction function = v1::PARTICIPANT_FUNCTION_MEMBER;
};

struct ExtractedEvent {
  v1::EventKind kind = v1::EVENT_KIND_UNSPECIFIED;
  std::string trigger;                       // the words, as written
  int64_t sentence_start = 0, sentence_end = 0;
  std::vector<ExtractedParticipant> participants;
  std::vector<size_t> organizations;         // indices into Extraction::organizations
  std::vector<std::string> country_ids;      // countries involved
  std::vector<std::string> topics;           // topic ids
  std::optional<v1::FuzzyDate> date;         // basis STATED or RESOLVED, with a note
  std::string city;                          // "in <Place>" of the sentence, or the dateline's
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

#endif  // PARLEY_SERVICE_EXTRACT_H_
