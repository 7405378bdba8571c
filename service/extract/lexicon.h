// The vocabulary of extraction (extract.h): title words, countries and
// their demonyms, places, organization words, event triggers, topic
// keywords, read from data/lexicons/*.txt (docs/DATA_FORMAT.md), and the
// countries, organizations and places the knowledge base knows — as plain
// known facts (known_facts.h), never from an Index, so that extraction can
// run before the index is built.
//
// Thread-safety: immutable after Load(); safe to share.
#ifndef PARLEY_SERVICE_EXTRACT_LEXICON_H_
#define PARLEY_SERVICE_EXTRACT_LEXICON_H_

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

namespace parley {

class ExtractionLexicon {
 public:
  // Reads the lexicons of dir (title_heads, title_modifiers, subject_words,
  // event_triggers, organization_heads, countries, places, title_countries,
  // topic_keywords; one entry per line, '#' comments) and adds the
  // countries, organizations and places the knowledge base knows. Errors:
  // INVALID_ARGUMENT naming the file and line that is missing or malformed.
  [[nodiscard]] static absl::StatusOr<ExtractionLexicon> Load(const std::string& dir,
                                                              const KnownFacts& known);

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

}  // namespace parley

#endif  // PARLEY_SERVICE_EXTRACT_LEXICON_H_
