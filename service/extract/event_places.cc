#include "service/extract/event_places.h"

#include "absl/strings/ascii.h"
#include "service/base/normalize.h"
#include "service/extract/date_phrases.h"
#include "service/extract/person_names.h"

namespace parley {

// What the visit of the trigger went to, when it is a site rather than a
// country or a city: "visited the Joint Interagency Task Force West",
// "a visit to NASA's Johnson Space Center", "the integrated cargo
// terminal at Indira Gandhi International Airport". Two capitalized words
// or more, or an acronym, that name no country or known place (after a
// few lower-case words and "at" or "of"); "" if none.
std::string SiteVisited(const ArticleText& article, const std::vector<ExtractedOfficial>& officials,
                        size_t at, const Sentence& s) {
  const std::vector<Token>& tokens = article.tokens();
  const ExtractionLexicon& lexicon = article.lexicon();
  if (tokens[at].norm == "visiting") return "";
  size_t t = at + 1;
  if (t < s.end && tokens[t].norm == "to") ++t;
  if (t < s.end && tokens[t].norm == "the") ++t;
  // "visited the integrated cargo terminal at Indira Gandhi International
  // Airport": a few lower-case words naming a part of a named site.
  const size_t part = t;
  size_t named = t;
  while (named < s.end && named < part + 4 && !tokens[named].capitalized &&
         !lexicon.IsFunctionWord(tokens[named].norm) && article.Joined(named + 1)) {
    ++named;
  }
  if (named > part) {
    if (named + 1 >= s.end || (tokens[named].norm != "at" && tokens[named].norm != "of")) return "";
    t = named + 1;
    if (t < s.end && tokens[t].norm == "the") ++t;
  }
  size_t country_last = 0;
  if (t >= s.end || !tokens[t].capitalized ||
      !article.CountryStartingAt(t, &country_last).empty()) {
    return "";
  }
  size_t last = t;
  // ("Larsen & Toubro's Kattupalli Shipyard": "&" joins a name.)
  while (last + 1 < s.end && (article.Joined(last + 1) || article.Gap(last + 1) == " & ") &&
         (tokens[last + 1].capitalized || lexicon.IsConnector(tokens[last + 1].norm) ||
          article.Possessive(last)) &&
         MonthOf(tokens[last + 1]) == 0 && WeekdayOf(tokens[last + 1].norm) < 0) {
    ++last;
  }
  while (last > t && lexicon.IsConnector(tokens[last].norm)) --last;
  // "visited Secretary of State X": a person, not a site.
  for (size_t k = t; k <= last; ++k) {
    if (lexicon.IsTitleHead(tokens[k].norm)) return "";
  }
  for (const ExtractedOfficial& official : officials) {
    if (official.name_start >= tokens[t].start && official.name_end <= tokens[last].end) {
      return "";
    }
  }
  const std::string site(article.TextOf(t, last));
  if (!lexicon.CountryOfPlace(NormalizeName(site)).empty()) return "";
  if (last == t && !tokens[t].all_caps) return "";
  return std::string(article.TextOf(part, last));
}

// The place of an event: "in <Place>" of the sentence, else the dateline.
std::string PlaceIn(const ArticleText& article, const Sentence& s) {
  const std::vector<Token>& tokens = article.tokens();
  const ExtractionLexicon& lexicon = article.lexicon();
  for (size_t k = s.first; k + 1 < s.end; ++k) {
    const Token& next = tokens[k + 1];
    if (tokens[k].norm != "in" || !next.capitalized || MonthOf(next) > 0 ||
        WeekdayOf(next.norm) >= 0) {
      continue;
    }
    size_t country_last = 0;
    if (!article.CountryStartingAt(k + 1, &country_last).empty()) continue;
    size_t last = k + 1;
    while (last + 1 < s.end && last < k + 3 && tokens[last + 1].capitalized &&
           article.Joined(last + 1) && MonthOf(tokens[last + 1]) == 0) {
      ++last;
    }
    // "in Washington, DC"
    if (last + 1 < s.end && absl::StripAsciiWhitespace(article.Gap(last + 1)) == "," &&
        tokens[last + 1].all_caps && tokens[last + 1].norm.size() == 2) {
      ++last;
    }
    const std::string place(article.TextOf(k + 1, last));
    // Only places: a known one, or one word or two that is no name or title.
    if (!lexicon.CountryOfPlace(NormalizeName(place)).empty()) return place;
    bool plain = last - k <= 2;
    for (size_t t = k + 1; t <= last; ++t) {
      plain = plain && !article.IsTitleWord(tokens[t]) && !tokens[t].all_caps;
    }
    if (plain && PersonNameAt(article, k + 1) == 0) return place;
  }
  return article.dateline_city();
}

}  // namespace parley
