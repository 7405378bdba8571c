// Extraction of officials from unannotated article text: people named with a
// title ("Secretary of Homeland Security Janet Napolitano", "Vinay Kwatra,
// India's Ambassador to US", "homeland security secretary Janet
// Napolitano"), the country they represent (from the title's modifiers:
// "US", "India's", "American"), and later short references ("Napolitano")
// resolved to the full name within the same article.
//
// Deterministic and explainable: every official carries the quote it came
// from (byte offsets into the text), the rule that found it and a
// confidence. The vocabulary (title head words, title modifiers, subject
// words that belong to titles and organization names) comes from data files
// an analyst can extend without recompiling (data/lexicons/*.txt, see
// docs/DATA_FORMAT.md); countries and their demonyms come from the index.
//
// Events: a sentence with a trigger word ("signed", "met", "talks",
// "visit") and at least one official becomes an event with those officials
// as participants, dated by the first date expression of the sentence
// resolved against the publication date ("on Friday", "in May last year",
// "March 9", "July 20, 2009") and placed by the article's dateline.
// Organizations are not extracted yet.
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
  // Reads dir/{title_heads,title_modifiers,subject_words}.txt (one entry per
  // line, '#' comments) and the countries (names, aliases, demonyms) of
  // index. Errors: INVALID_ARGUMENT naming the file that is missing or empty.
  static absl::StatusOr<ExtractionLexicon> Load(const std::string& dir, const Index& index);

  // Lexicon from lists (tests). Entries are normalized as words are.
  static ExtractionLexicon FromLists(const std::vector<std::string>& title_heads,
                                     const std::vector<std::string>& title_modifiers,
                                     const std::vector<std::string>& subject_words,
                                     const std::vector<std::pair<std::string, std::string>>&
                                         country_names);  // (name or demonym, country id)

  // Adds an event trigger word (normalized) of kind (tests; Load() reads
  // event_triggers.txt).
  void AddTrigger(v1::EventKind kind, absl::string_view word);
  // The event kind a word triggers, or EVENT_KIND_UNSPECIFIED.
  v1::EventKind TriggerOf(absl::string_view norm) const {
    auto it = triggers_.find(norm);
    return it == triggers_.end() ? v1::EVENT_KIND_UNSPECIFIED : it->second;
  }

  bool IsTitleHead(absl::string_view norm) const { return title_heads_.contains(norm); }
  bool IsTitleModifier(absl::string_view norm) const { return modifiers_.contains(norm); }
  bool IsSubjectWord(absl::string_view norm) const { return subjects_.contains(norm); }
  // Country id of a country name, alias or demonym given as normalized words
  // ("united states", "us", "american"); "" if none.
  std::string CountryOf(absl::string_view normalized_words) const;
  size_t max_country_words() const { return max_country_words_; }

 private:
  absl::flat_hash_set<std::string> title_heads_, modifiers_, subjects_;
  absl::flat_hash_map<std::string, std::string> countries_;  // normalized words -> id
  absl::flat_hash_map<std::string, v1::EventKind> triggers_;
  size_t max_country_words_ = 1;
};

struct ExtractedOfficial {
  std::string name;        // as written, e.g. "Janet Napolitano"
  std::string title;       // as written, without the country, e.g. "Secretary of Homeland Security"
  std::string country_id;  // "" when the text does not say
  int64_t name_start = 0, name_end = 0;    // byte offsets of the name
  int64_t quote_start = 0, quote_end = 0;  // title and name together
  std::string rule;        // "title before name", "apposition", "short reference"
  double confidence = 0;
};

struct ExtractedEvent {
  v1::EventKind kind = v1::EVENT_KIND_UNSPECIFIED;
  std::string trigger;                       // the word, as written
  int64_t sentence_start = 0, sentence_end = 0;
  std::vector<size_t> officials;             // indices into Extraction::officials
  std::optional<v1::FuzzyDate> date;         // basis STATED or RESOLVED, with a note
  std::string city;                          // from the dateline, if any
  double confidence = 0;
};

struct Extraction {
  std::vector<ExtractedOfficial> officials;
  std::vector<ExtractedEvent> events;
  std::string dateline_city;  // "New Delhi" of "New Delhi: ..." or "TOKYO, March 9 - ..."
};

// The first date expression in text, resolved against published (which
// must have day precision for relative phrases; without it only complete
// dates are found). *phrase receives the words as written.
std::optional<v1::FuzzyDate> FindDate(absl::string_view text, const v1::FuzzyDate& published,
                                      std::string* phrase);

// Officials and events of an article.
Extraction ExtractArticle(absl::string_view text, const v1::FuzzyDate& published,
                          const ExtractionLexicon& lexicon);

// Officials named in text, in text order. Short references (a surname alone)
// to an official found earlier are returned too, with the full name.
std::vector<ExtractedOfficial> ExtractOfficials(absl::string_view text,
                                                const ExtractionLexicon& lexicon);

}  // namespace parley

#endif  // PARLEY_SERVICE_EXTRACT_H_
