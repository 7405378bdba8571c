#include "service/extract/article_text.h"

#include <algorithm>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "service/base/normalize.h"
#include "service/extract/date_phrases.h"

namespace parley {

ArticleText::ArticleText(absl::string_view text, const v1::FuzzyDate& published,
                         const ExtractionLexicon& lexicon)
    : text_(text), published_(published), lexicon_(lexicon), tokens_(Tokenize(text)) {
  FindDateline();
  FindIssuer();
  FindSentences();
}

void ArticleText::FindIssuer() {
  size_t line_start = 0;
  for (int line = 0; line < 6 && line_start < text_.size(); ++line) {
    size_t end = text_.find('\n', line_start);
    if (end == absl::string_view::npos) end = text_.size();
    const absl::string_view content =
        absl::StripAsciiWhitespace(text_.substr(line_start, end - line_start));
    // The body (or the dateline that opens it) ends the letterhead.
    if (content.size() > 80 || (dateline_end_ > 0 && static_cast<int64_t>(end) > dateline_end_)) {
      return;
    }
    if (!content.empty()) {
      issuer_country_ = lexicon_.CountryOfTitle(NormalizeName(content));
      if (!issuer_country_.empty()) return;
    }
    line_start = end + 1;
  }
}

size_t ArticleText::TokenStartingAt(int64_t offset) const {
  const auto it = std::lower_bound(tokens_.begin(), tokens_.end(), offset,
                                   [](const Token& t, int64_t o) { return t.start < o; });
  return it != tokens_.end() && it->start == offset ? static_cast<size_t>(it - tokens_.begin())
                                                    : tokens_.size();
}

size_t ArticleText::TokenEndingAt(int64_t offset) const {
  const auto it = std::lower_bound(tokens_.begin(), tokens_.end(), offset,
                                   [](const Token& t, int64_t o) { return t.end < o; });
  return it != tokens_.end() && it->end == offset ? static_cast<size_t>(it - tokens_.begin())
                                                  : tokens_.size();
}

const Sentence* ArticleText::SentenceOf(size_t i) const {
  const auto it = std::upper_bound(sentences_.begin(), sentences_.end(), i,
                                   [](size_t t, const Sentence& s) { return t < s.first; });
  if (it == sentences_.begin()) return nullptr;
  const Sentence& s = *(it - 1);
  return i < s.end ? &s : nullptr;
}

bool ArticleText::Joined(size_t i) const {
  if (i == 0 || i >= tokens_.size()) return false;
  for (char c : Gap(i)) {
    if (c != ' ') return false;
  }
  return true;
}

bool ArticleText::JoinedInName(size_t i) const {
  if (Joined(i)) return true;
  if (i == 0 || i >= tokens_.size()) return false;
  const absl::string_view gap = absl::StripAsciiWhitespace(Gap(i));
  // "President (Barack) Obama": one word in parentheses, not "Commissioner
  // of Customs (Mumbai Zone-I) Anuradha Kher".
  if (gap == "(") {
    return i + 1 < tokens_.size() && absl::StripAsciiWhitespace(Gap(i + 1)) == ")";
  }
  if (gap == ")") return i >= 2 && absl::StripAsciiWhitespace(Gap(i - 1)) == "(";
  // "Brennan-Hale": a hyphen between capitalized words joins a surname.
  if (Gap(i) == "-" && tokens_[i - 1].capitalized && tokens_[i].capitalized) return true;
  return tokens_[i - 1].norm.size() == 1 && gap == ".";
}

bool ArticleText::Possessive(size_t i) const {
  absl::string_view after = text_.substr(tokens_[i].end);
  return absl::StartsWith(after, "'s") || absl::StartsWith(after, "\xE2\x80\x99s");
}

bool ArticleText::CommaBefore(size_t i) const {
  return i > 0 && i < tokens_.size() && absl::StripAsciiWhitespace(Gap(i)) == ",";
}

bool ArticleText::ParenBefore(size_t i) const {
  return i > 0 && i < tokens_.size() && absl::StripAsciiWhitespace(Gap(i)) == "(";
}

bool ArticleText::IsTitleWord(const Token& t) const {
  return lexicon_.IsTitleHead(t.norm) || lexicon_.IsTitleModifier(t.norm) ||
         lexicon_.IsSubjectWord(t.norm) || lexicon_.IsOrganizationHead(t.norm);
}

bool ArticleText::IsInitials(const Token& t) const {
  return t.all_caps && t.norm.size() >= 2 && t.norm.size() <= 3 &&
         lexicon_.CountryOf(t.norm).empty();
}

std::string ArticleText::CountryOfSpan(size_t begin, size_t n) const {
  // "U.S.", "U.K.": single letters with dots are one word ("us").
  if (n >= 2) {
    std::string letters;
    for (size_t t = begin; t < begin + n; ++t) {
      if (tokens_[t].norm.size() != 1 || !tokens_[t].capitalized ||
          (t > begin && absl::StripAsciiWhitespace(Gap(t)) != ".")) {
        letters.clear();
        break;
      }
      letters += tokens_[t].norm;
    }
    if (!letters.empty()) return lexicon_.CountryOf(letters);
  }
  std::string words;
  for (size_t t = begin; t < begin + n; ++t) {
    if (t > begin && !Joined(t)) return "";
    absl::StrAppend(&words, t > begin ? " " : "", tokens_[t].norm);
  }
  // A lower-case "us" is the pronoun.
  if (n == 1 && tokens_[begin].norm == "us" && !tokens_[begin].all_caps) return "";
  return lexicon_.CountryOf(words);
}

std::string ArticleText::CountryEndingAt(size_t last, size_t* first) const {
  for (size_t n = std::min(lexicon_.max_country_words(), last + 1); n >= 1; --n) {
    std::string id = CountryOfSpan(last + 1 - n, n);
    if (!id.empty()) {
      *first = last + 1 - n;
      return id;
    }
  }
  return "";
}

std::string ArticleText::CountryStartingAt(size_t first, size_t* last) const {
  for (size_t n = lexicon_.max_country_words(); n >= 1; --n) {
    if (first + n > tokens_.size()) continue;
    std::string id = CountryOfSpan(first, n);
    if (!id.empty()) {
      *last = first + n - 1;
      return id;
    }
  }
  return "";
}

std::string ArticleText::PlaceStartingAt(size_t first, size_t* last) const {
  std::string words, country;
  for (size_t n = 0; n < 3 && first + n < tokens_.size(); ++n) {
    const size_t t = first + n;
    if (!tokens_[t].capitalized || (n > 0 && !Joined(t))) break;
    absl::StrAppend(&words, n > 0 ? " " : "", tokens_[t].norm);
    if (std::string c = lexicon_.CountryOfPlace(words); !c.empty()) {
      country = std::move(c);
      *last = t;
    }
  }
  return country;
}

bool ArticleText::Quoted(int64_t offset) const {
  const size_t paragraph = text_.rfind('\n', offset);
  const absl::string_view before =
      text_.substr(paragraph == absl::string_view::npos ? 0 : paragraph + 1,
                   offset - (paragraph == absl::string_view::npos ? 0 : paragraph + 1));
  int open = 0;
  for (size_t i = 0; i < before.size(); ++i) {
    if (before[i] == '"') open ^= 1;
    if (before.substr(i, 3) == "\xE2\x80\x9C") open = 1;  // “
    if (before.substr(i, 3) == "\xE2\x80\x9D") open = 0;  // ”
  }
  return open == 1;
}

namespace {

// Whether the parenthesis closed at head[close] holds a news agency's name:
// an all-capitals word ("ANI", "PTI", "IANS", "AP") or a known wire.
bool AgencyBefore(absl::string_view head, size_t close) {
  const size_t open = head.substr(0, close).rfind('(');
  if (open == absl::string_view::npos) return false;
  const absl::string_view name = head.substr(open + 1, close - open - 1);
  if (name == "Reuters" || name == "Xinhua" || name == "Bloomberg") return true;
  if (name.empty() || name.size() > 6) return false;
  for (char c : name) {
    if (!absl::ascii_isupper(c)) return false;
  }
  return true;
}

}  // namespace

void ArticleText::FindDateline() {
  size_t line_start = 0;
  for (int line = 0; line < 8 && line_start < text_.size() && line_start < 1000; ++line) {
    if (FindDatelineAt(line_start)) return;
    const size_t next = text_.find('\n', line_start);
    if (next == absl::string_view::npos) return;
    line_start = next + 1;
  }
}

bool ArticleText::FindDatelineAt(size_t line_start) {
  size_t first = 0;
  while (first < tokens_.size() && tokens_[first].start < line_start) ++first;
  if (first == tokens_.size() || tokens_[first].start > line_start + 2) return false;
  size_t words = 0;
  while (first + words < tokens_.size() && words < 3 && tokens_[first + words].capitalized &&
         (words == 0 || Joined(first + words))) {
    ++words;
  }
  if (words == 0) return false;
  // "Today, X met Y": a date opens the text, not a place.
  const absl::string_view opening = tokens_[first].norm;
  if (opening == "today" || opening == "yesterday" || opening == "tomorrow" ||
      opening == "earlier" || opening == "later" || WeekdayOf(opening) >= 0 ||
      MonthOf(tokens_[first]) > 0) {
    return false;
  }
  const absl::string_view after = text_.substr(tokens_[first + words - 1].end, 3);
  // "THIRUVANANTHAPURAM" on a line of its own counts as well.
  bool caps_line = absl::StartsWith(after, "\n") || first + words == tokens_.size();
  for (size_t k = 0; k < words && caps_line; ++k) caps_line = tokens_[first + k].all_caps;
  if (!absl::StartsWith(after, ":") && !absl::StartsWith(after, ",") &&
      !absl::StartsWith(after, " -") && !absl::StartsWith(after, " (") &&
      !absl::StartsWith(after, " [") && !absl::StartsWith(after, " \xE2\x80") && !caps_line) {
    return false;
  }
  std::string city(TextOf(first, first + words - 1));
  bool all_caps = true;
  for (size_t k = 0; k < words; ++k) all_caps = all_caps && tokens_[first + k].all_caps;
  if (all_caps) {  // "TOKYO" -> "Tokyo"
    bool start = true;
    for (char& c : city) {
      c = start ? absl::ascii_toupper(c) : absl::ascii_tolower(c);
      start = c == ' ';
    }
  }
  std::string country = lexicon_.CountryOfPlace(NormalizeName(city));
  if (country.empty()) country = lexicon_.CountryOf(NormalizeName(city));
  // "Canberra [Australia], ..."
  if (country.empty() && absl::StartsWith(after, " [") && first + words < tokens_.size()) {
    size_t last = 0;
    country = CountryStartingAt(first + words, &last);
  }
  // Below the top line, only a place the lexicons know is taken for one.
  if (line_start > 0 && country.empty()) return false;
  // Where the dateline ends: " - ", ": ", a dash, or the agency's ") ".
  const absl::string_view head = text_.substr(line_start, 100);
  size_t end = absl::string_view::npos;
  for (absl::string_view mark : {" - ", ": ", " \xE2\x80\x93 ", " \xE2\x80\x94 ", ") "}) {
    const size_t at = head.find(mark);
    if (at == absl::string_view::npos) continue;
    // ") " ends a dateline only after the agency's name ("(ANI) ", "(Reuters) "),
    // not after a region ("Bhubaneswar (Odisha) [India], October 14 (ANI):").
    if (mark == ") " && !AgencyBefore(head, at)) continue;
    end = std::min(end, at + mark.size());
  }
  if (end != absl::string_view::npos) dateline_end_ = static_cast<int64_t>(line_start + end);
  dateline_city_ = city;
  dateline_country_ = country;
  return true;
}

bool ArticleText::AbbreviatedPrefix(size_t i) const {
  // "On Feb. 17, ...": an abbreviated month before its day ends nothing.
  if (tokens_[i].capitalized && tokens_[i].norm.size() <= 4 && MonthOf(tokens_[i]) > 0 &&
      i + 1 < tokens_.size() && absl::ascii_isdigit(tokens_[i + 1].norm[0]) &&
      absl::StripAsciiWhitespace(Gap(i + 1)) == ".") {
    return true;
  }
  // "Mr. Jonathan Pierce", "Vice Adm. Nikhil Bhave": the dot of an
  // abbreviated honorific or rank before a capitalized word ends nothing.
  // "Commodore (retd.) Hemant Kumar Dash": inside parentheses too; "Prof.
  // (Dr.) Sameer Kulkarni": before them.
  if (i + 1 >= tokens_.size()) return false;
  const absl::string_view gap = absl::StripAsciiWhitespace(Gap(i + 1));
  return tokens_[i + 1].capitalized && (gap == "." || gap == ".)" || gap == ". (") &&
         tokens_[i].norm.size() <= 4 && (tokens_[i].capitalized || gap == ".)") &&
         (lexicon_.IsHonorific(tokens_[i].norm) || lexicon_.IsRank(tokens_[i].norm) ||
          lexicon_.IsRankPart(tokens_[i].norm));
}

void ArticleText::FindSentences() {
  size_t first = 0, paragraph = 0;
  for (size_t i = 1; i <= tokens_.size(); ++i) {
    bool boundary = i == tokens_.size(), new_paragraph = false;
    if (!boundary) {
      const absl::string_view gap = Gap(i);
      new_paragraph = gap.find('\n') != absl::string_view::npos;
      boundary = new_paragraph || gap.find_first_of("!?") != absl::string_view::npos ||
                 (gap.find('.') != absl::string_view::npos && tokens_[i - 1].norm.size() > 1 &&
                  !IsInitials(tokens_[i - 1]) && !AbbreviatedPrefix(i - 1));
    }
    if (!boundary) continue;
    sentences_.push_back({first, i, paragraph});
    if (new_paragraph) ++paragraph;
    first = i;
  }
}

}  // namespace parley
