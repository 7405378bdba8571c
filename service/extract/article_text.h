// One article's text as the finders read it (internal to extraction):
// its tokens, sentences and dateline, found once, and the questions every
// finder asks of the tokens (are two tokens one phrase, what lies between
// them, does a country start here, is this offset quoted).
//
// Ownership: ArticleText keeps references to the text, the publication
// date and the lexicon it is built with; they must outlive it.
// Errors: none; any text is read (an article without sentences or dateline
// has none).
// Thread-safety: immutable after construction; const methods are safe to
// call concurrently.
#ifndef PARLEY_SERVICE_EXTRACT_ARTICLE_TEXT_H_
#define PARLEY_SERVICE_EXTRACT_ARTICLE_TEXT_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "parley/v1/resources.pb.h"
#include "service/base/text_tokens.h"
#include "service/extract/lexicon.h"

namespace parley {

// Sentences end where the text between two tokens holds '.', '!', '?' (not
// the dot of an initial) or a line break; a line break also ends a
// paragraph.
struct Sentence {
  size_t first = 0, end = 0;  // tokens [first, end)
  size_t paragraph = 0;
};

// "is", "are", "was", "were": a passive's or a state's verb ("was joined
// by", "were present", "is visiting").
inline bool IsFormOfBe(absl::string_view norm) {
  return norm == "is" || norm == "are" || norm == "was" || norm == "were";
}

class ArticleText {
 public:
  ArticleText(absl::string_view text, const v1::FuzzyDate& published,
              const ExtractionLexicon& lexicon);

  ArticleText(const ArticleText&) = delete;
  ArticleText& operator=(const ArticleText&) = delete;

  absl::string_view text() const { return text_; }
  // Day precision for relative dates; unspecified for ExtractOfficials.
  const v1::FuzzyDate& published() const { return published_; }
  const ExtractionLexicon& lexicon() const { return lexicon_; }
  const std::vector<Token>& tokens() const { return tokens_; }
  const std::vector<Sentence>& sentences() const { return sentences_; }
  // The token that starts (ends) at byte offset, or tokens().size() if none.
  size_t TokenStartingAt(int64_t offset) const;
  size_t TokenEndingAt(int64_t offset) const;
  // The sentence that holds token i, or nullptr if none does.
  const Sentence* SentenceOf(size_t i) const;

  // The dateline: a line that starts with a place and ":", "," or a dash
  // ("New Delhi: ...", "WASHINGTON, Oct 15 (Reuters) - ...", "TOKYO (AP) —
  // ...", "Canberra [Australia], August 20 (ANI): ..."), at the top of the
  // article or after its headline and byline. "" when there is none.
  const std::string& dateline_city() const { return dateline_city_; }
  const std::string& dateline_country() const { return dateline_country_; }
  // Byte offset where the text after the dateline starts (its date is the
  // article's, not an event's); 0 if none.
  int64_t dateline_end() const { return dateline_end_; }
  // The government that issued the article, from its letterhead: short
  // lines at the top before the body ("U.S. Embassy New Delhi", "MEDIA NOTE
  // / OFFICE OF THE SPOKESPERSON", "Ministry of External Affairs") whose
  // words belong to one government (title_countries.txt). "" for news.
  const std::string& issuer_country() const { return issuer_country_; }

  // ---- Tokens and the text between them.

  // The text between token i-1 and token i. REQUIRES: 0 < i < size.
  absl::string_view Gap(size_t i) const {
    return text_.substr(tokens_[i - 1].end, tokens_[i].start - tokens_[i - 1].end);
  }
  // The text of tokens [first, last].
  absl::string_view TextOf(size_t first, size_t last) const {
    return text_.substr(tokens_[first].start, tokens_[last].end - tokens_[first].start);
  }
  // Token i follows token i-1 within one phrase: only spaces between them.
  bool Joined(size_t i) const;
  // Joined, or within a name: an initial's dot ("P. Chidambaram"),
  // parentheses around a one-word first name ("President (Barack) Obama") or a
  // hyphen in a surname ("Laura Brennan-Hale").
  bool JoinedInName(size_t i) const;
  // Token i is followed by a possessive "'s".
  bool Possessive(size_t i) const;
  // A comma (or an opening parenthesis) alone separates token i from the one before.
  bool CommaBefore(size_t i) const;
  bool ParenBefore(size_t i) const;
  // A word of a title or an organization's name in the lexicon.
  bool IsTitleWord(const Token& t) const;
  // Initials written together in capitals: "SM" of "SM Krishna".
  bool IsInitials(const Token& t) const;
  // Token i is an abbreviated honorific or rank with its dot before a
  // capitalized word ("Mr. Pierce", "Adm. Mori"): no sentence ends there.
  bool AbbreviatedPrefix(size_t i) const;

  // ---- Countries named by tokens (multi-word names first).

  // Country named by tokens [begin, begin + n), joined by spaces; "" if none.
  std::string CountryOfSpan(size_t begin, size_t n) const;
  // Country of the words ending at token last; *first receives where they start.
  std::string CountryEndingAt(size_t last, size_t* first) const;
  // Country of the words starting at token first; *last receives where they end.
  std::string CountryStartingAt(size_t first, size_t* last) const;
  // Country of the known place (city, state) that capitalized words starting
  // at token first name, the longest of up to three ("New Delhi", "Pune");
  // *last receives where it ends; "" if none.
  std::string PlaceStartingAt(size_t first, size_t* last) const;

  // Whether offset lies inside a quotation (after an odd number of quote
  // marks in its paragraph).
  bool Quoted(int64_t offset) const;

 private:
  void FindDateline();
  bool FindDatelineAt(size_t line_start);
  void FindIssuer();
  void FindSentences();

  absl::string_view text_;
  const v1::FuzzyDate& published_;
  const ExtractionLexicon& lexicon_;
  std::vector<Token> tokens_;
  std::vector<Sentence> sentences_;
  int64_t dateline_end_ = 0;
  std::string dateline_city_, dateline_country_;
  std::string issuer_country_;
};

}  // namespace parley

#endif  // PARLEY_SERVICE_EXTRACT_ARTICLE_TEXT_H_
