#include "service/extract/person_names.h"

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "service/extract/date_phrases.h"

namespace parley {

bool IsNamePrefix(const ArticleText& article, const Token& t) {
  return article.lexicon().IsHonorific(t.norm) || article.lexicon().IsRank(t.norm) ||
         article.lexicon().IsRankPart(t.norm);
}

// "Vandana Kumari Mishra": an honorific that is also a middle name is the
// latter right after a first name.
bool MiddleNameAt(const ArticleText& article, size_t i) {
  const std::vector<Token>& tokens = article.tokens();
  return i > 0 && i + 1 < tokens.size() && tokens[i].norm == "kumari" &&
         tokens[i - 1].capitalized && !IsNamePrefix(article, tokens[i - 1]) &&
         !article.IsTitleWord(tokens[i - 1]) && article.Joined(i) && article.Joined(i + 1) &&
         tokens[i + 1].capitalized;
}

size_t SkipNamePrefixes(const ArticleText& article, size_t i) {
  const std::vector<Token>& tokens = article.tokens();
  size_t first = i;
  while (first + 1 < tokens.size() && (tokens[first].capitalized || tokens[first].norm == "retd") &&
         IsNamePrefix(article, tokens[first])) {
    if (absl::StrContains(article.Gap(first + 1), '\n')) break;
    const absl::string_view gap = absl::StripAsciiWhitespace(article.Gap(first + 1));
    const bool retired = tokens[first + 1].norm == "retd" || tokens[first + 1].norm == "retired";
    if (!(gap.empty() || gap == "." || (gap == "(" && retired) || gap == ")" || gap == ")." ||
          gap == ".)")) {
      break;
    }
    ++first;
  }
  return first;
}

size_t PersonNameAt(const ArticleText& article, size_t i) {
  const std::vector<Token>& tokens = article.tokens();
  const ExtractionLexicon& lexicon = article.lexicon();
  size_t n = 0;
  while (i + n < tokens.size() && n < 4) {
    const Token& t = tokens[i + n];
    // "A.K. Sreedharan Pillai", "A. K. Pillai": an initial, not the article "a".
    const bool initial = t.norm.size() == 1 && t.capitalized && i + n + 1 < tokens.size() &&
                         absl::StartsWith(article.Gap(i + n + 1), ".") &&
                         tokens[i + n + 1].capitalized;
    if (!t.capitalized || article.IsTitleWord(t) || (lexicon.IsFunctionWord(t.norm) && !initial) ||
        (IsNamePrefix(article, t) && !(n > 0 && MiddleNameAt(article, i + n)))) {
      break;
    }
    if (t.all_caps && t.norm.size() > 1 &&
        !(article.IsInitials(t) && i + n + 1 < tokens.size() && tokens[i + n + 1].capitalized &&
          !tokens[i + n + 1].all_caps)) {
      break;
    }
    // "New Delhi, April 15 (PTI) Leena Phadnis": an agency's bracketed
    // acronym is no initial of the name after it.
    if (t.all_caps && i + n + 1 < tokens.size() &&
        article.Gap(i + n + 1).find(')') != absl::string_view::npos) {
      break;
    }
    if (MonthOf(t) > 0 || WeekdayOf(t.norm) >= 0) break;
    // "U.S. Coast Guard Pacific Area Commander Visits Chennai" (a
    // headline): a word that tells of an act is no name's.
    size_t unused = 0;
    if (lexicon.TriggerAt(tokens, i + n, &unused) != v1::EVENT_KIND_UNSPECIFIED && unused == 1) {
      break;
    }
    if (!article.CountryStartingAt(i + n, &unused).empty()) break;
    if (n > 0 && !article.JoinedInName(i + n)) break;
    ++n;
    if (article.Possessive(i + n - 1)) break;
  }
  // "Coast Guard", "Electric Co": a name with an organization's head word
  // is the organization's.
  for (size_t k = i; k < i + n; ++k) {
    if (lexicon.IsOrganizationHead(tokens[k].norm)) return 0;
  }
  // "Narcotics Control Bureau": words before an organization's head word
  // are its name, not a person's.
  if (i + n < tokens.size() && article.Joined(i + n) &&
      lexicon.IsOrganizationHead(tokens[i + n].norm) && tokens[i + n].capitalized) {
    return 0;
  }
  // "the US Geological Survey (USGS)": people have no acronym.
  if (n > 0 && i + n < tokens.size() && article.ParenBefore(i + n) && tokens[i + n].all_caps &&
      tokens[i + n].norm.size() > 1) {
    return 0;
  }
  while (n > 0 && tokens[i + n - 1].norm.size() == 1) --n;  // a trailing initial is no surname
  if (n >= 1 && article.IsInitials(tokens[i + n - 1])) --n;
  // "Nirman Bhawan", "Roosevelt House": a building, not a person; "Reactor
  // Systems": an organization.
  if (n >= 2 && (lexicon.IsPlaceHead(tokens[i + n - 1].norm) ||
                 lexicon.IsOrganizationHead(tokens[i + n - 1].norm))) {
    return 0;
  }
  return n >= 2 ? n : 0;
}

size_t PersonNameEndingAt(const ArticleText& article, size_t last) {
  const std::vector<Token>& tokens = article.tokens();
  size_t first = last + 1;
  for (size_t n = 0; n < 4 && first > 0; ++n) {
    const Token& t = tokens[first - 1];
    if (!t.capitalized || article.IsTitleWord(t) || article.lexicon().IsFunctionWord(t.norm) ||
        (IsNamePrefix(article, t) && !MiddleNameAt(article, first - 1))) {
      break;
    }
    if (n > 0 && !article.JoinedInName(first)) break;
    --first;
  }
  while (first <= last && last + 1 - first >= 2 &&
         PersonNameAt(article, first) != last + 1 - first) {
    ++first;
  }
  if (last + 1 - first < 2) return std::string::npos;
  return first;
}

std::string PersonNameText(const ArticleText& article, size_t first, size_t count) {
  std::string name;
  for (size_t t = first; t < first + count; ++t) {
    if (t > first) {
      // ("A.K. Pillai" as written; "Prashant S. Gawande" with its space.)
      const absl::string_view raw = article.Gap(t), gap = absl::StripAsciiWhitespace(raw);
      absl::StrAppend(&name, raw == "." ? "." : gap == "." ? ". " : gap == "-" ? "-" : " ");
    }
    absl::StrAppend(&name, article.TextOf(t, t));
  }
  return name;
}

}  // namespace parley
