// The reader of officials behind FindOfficials (officials.h), internal to
// extraction: one class, its members defined in officials.cc (matching a
// title and a name, short, title and pronoun references) and
// title_phrases.cc (where a title starts and ends: complements,
// parentheses, appositions, titles of unknown words, organizations named
// in a title).
//
// Ownership: holds references to the article, which must outlive it.
// Errors: none.
// Thread-safety: one reader per article; not shared.
#ifndef PARLEY_SERVICE_EXTRACT_OFFICIAL_FINDER_H_
#define PARLEY_SERVICE_EXTRACT_OFFICIAL_FINDER_H_

#include <cstddef>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "service/extract/article_text.h"
#include "service/extract/extract.h"
#include "service/extract/lexicon.h"

namespace parley {
namespace official_finder_internal {

// "a", "an": an indefinite title names no one person by itself.
inline bool IsIndefiniteArticle(absl::string_view norm) { return norm == "a" || norm == "an"; }

// Tokens [first, first + count) of a person's name; count 0 if none.
struct NameTokens {
  size_t first = std::string::npos;
  size_t count = 0;
};

// Finds the officials of one article: a title around each title head word,
// and a name right after the title or before it after a comma.
class OfficialFinder {
 public:
  explicit OfficialFinder(const ArticleText& article)
      : article_(article), tokens_(article.tokens()), lexicon_(article.lexicon()) {}
  std::vector<ExtractedOfficial> Find() const;

 private:
  // ---- A title and a name at a title's head word, and the references to
  // officials named before (officials.cc).

  bool MatchAt(size_t head, ExtractedOfficial* out) const;
  ExtractedOfficial TitledName(size_t title_first, std::string title, size_t first, size_t count,
                               absl::string_view rule, double confidence,
                               std::vector<bool>* in_name) const;
  ExtractedOfficial ReferenceTo(const ExtractedOfficial& antecedent, size_t first, size_t end,
                                std::string title, absl::string_view rule) const;
  void AddRankReferences(const std::vector<bool>& in_name,
                         std::vector<ExtractedOfficial>* officials) const;
  void AddListedOfficials(std::vector<bool>* in_name,
                          std::vector<ExtractedOfficial>* officials) const;
  void AddRankedOfficials(std::vector<bool>* in_name,
                          std::vector<ExtractedOfficial>* officials) const;
  void AddHeadsOfOrganizations(std::vector<bool>* in_name,
                               std::vector<ExtractedOfficial>* officials) const;
  static void FoldHyphenatedSurnames(std::vector<ExtractedOfficial>* officials);
  void AddShortReferences(const std::vector<bool>& in_name,
                          std::vector<ExtractedOfficial>* officials) const;
  void AddTitleReferences(const std::vector<bool>& in_name,
                          std::vector<ExtractedOfficial>* officials) const;
  bool InsideAnOfficial(size_t t, const std::vector<ExtractedOfficial>& officials,
                        size_t count) const;
  void AddPronounReferences(std::vector<ExtractedOfficial>* officials) const;
  size_t SentencePronoun(const Sentence& s) const;
  size_t FullNameEndingAt(size_t i, const std::vector<std::string>& words) const;
  bool PartOfLongerName(size_t i) const;

  // ---- Title phrases: where a title starts and ends, its complements,
  // appositions and organizations (title_phrases.cc).

  size_t TitleStart(size_t head, std::string* country) const;
  size_t TitleEnd(size_t head, std::string* complement_country) const;
  size_t FixedTitleEnd(size_t i) const;
  bool CommaAfterAbbreviation(size_t i) const;
  bool AfterAdInterim(size_t i) const;
  bool JoinedOrPossessiveCountry(size_t i, bool after_country) const;
  size_t CapitalizedComplementEnd(size_t i) const;
  bool ListContinuesAt(size_t j) const;
  size_t ComplementsEnd(size_t end, std::string* complement_country) const;
  size_t ParenthesizedEnd(size_t end) const;
  bool CloseParenBefore(size_t i) const;
  bool OrganizationRunClosesAt(size_t end) const;
  size_t AppositionStart(size_t start, std::string* country) const;
  bool IsSubjectOrOrganizationWord(size_t i) const;
  NameTokens NameEndingAnUnknownTitle(size_t head) const;
  // The first token of the name before the predicative words that end
  // right before title_first ("X took over as"), or npos.
  size_t NameBeforePredicate(size_t title_first) const;
  // first, less the honorifics and ranks right before it.
  size_t SkipBackNamePrefixes(size_t first) const;
  bool ConnectorInsideUnknownTitle(size_t i) const;
  std::string OrganizationInTitle(size_t first, size_t end, std::string* name) const;

  const ArticleText& article_;
  const std::vector<Token>& tokens_;
  const ExtractionLexicon& lexicon_;
};

}  // namespace official_finder_internal
}  // namespace parley

#endif  // PARLEY_SERVICE_EXTRACT_OFFICIAL_FINDER_H_
