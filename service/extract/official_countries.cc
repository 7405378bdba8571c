#include "service/extract/official_countries.h"

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "service/base/normalize.h"
#include "service/extract/officials.h"
#include "service/extract/person_names.h"

namespace parley {
namespace {

// The official represents org, and so org's country.
void TakeOrganization(const ExtractedOrganization& org, ExtractedOfficial* official) {
  official->country_id = org.country_id;
  official->organization_name = org.name;
  official->organization_id = org.known_id;
  official->rule += ", country from the organization";
}

void Assign(const std::string& country, absl::string_view how, ExtractedOfficial* official) {
  if (!official->country_id.empty()) return;
  official->country_id = country;
  absl::StrAppend(&official->rule, ", country from the ", how);
}

// An organization named right before the title: "Ministry of External
// Affairs (MEA) official spokesperson Randhir Jaiswal".
void OrganizationBeforeTitle(absl::string_view text,
                             const std::vector<ExtractedOrganization>& organizations,
                             ExtractedOfficial* official) {
  if (!official->organization_name.empty() || official->rule == "short reference") return;
  for (const ExtractedOrganization& org : organizations) {
    const absl::string_view between =
        text.substr(org.end, std::max<int64_t>(0, official->quote_start - org.end));
    if (org.end <= official->quote_start && between.size() <= 2 &&
        absl::StripAsciiWhitespace(between).empty()) {
      official->organization_name = org.name;
      official->organization_id = org.known_id;
      official->quote_start = org.start;
      if (official->country_id.empty() && !org.country_id.empty()) {
        official->country_id = org.country_id;
        official->rule += ", country from the organization";
      }
    }
  }
}

// "Meridian Subsea President Dale Kowalczyk" after "U.S. firm Meridian
// Subsea Inc": the capitalized words right before the title begin the name
// of an organization the article named (two words at least).
void OrganizationShortNameBeforeTitle(const ArticleText& article,
                                      const std::vector<ExtractedOrganization>& organizations,
                                      ExtractedOfficial* official) {
  if (!official->country_id.empty() || official->rule.rfind("title before name", 0) != 0) return;
  const std::vector<Token>& tokens = article.tokens();
  const size_t title = article.TokenStartingAt(official->quote_start);
  if (title == tokens.size()) return;
  size_t first = title;
  while (first > 0 && title - first < 4 && article.Joined(first) && tokens[first - 1].capitalized &&
         !IsNamePrefix(article, tokens[first - 1])) {
    --first;
  }
  // ("Sagarlink Chief Executive X": the title's own words before its title
  // words, when the title opens with them.)
  size_t end = title;
  if (first == title) {
    while (end < tokens.size() && tokens[end].capitalized && !article.IsTitleWord(tokens[end]) &&
           !article.lexicon().IsSubjectWord(tokens[end].norm) &&
           tokens[end].end < official->name_start) {
      ++end;
    }
    size_t unused = 0;
    if (end == title || !article.CountryStartingAt(title, &unused).empty() ||
        !article.PlaceStartingAt(title, &unused).empty()) {
      return;
    }
  } else if (title - first < 2) {
    return;
  }
  // (Whole words: "Sagar" does not begin "Sagarlink Marine Services".)
  const std::vector<std::string> words = NormalizedWords(article.TextOf(first, end - 1));
  for (const ExtractedOrganization& org : organizations) {
    const std::vector<std::string> name = NormalizedWords(org.name);
    if (org.country_id.empty() || org.rule.find("dateline") != std::string::npos ||
        name.size() <= words.size() || !std::equal(words.begin(), words.end(), name.begin())) {
      continue;
    }
    TakeOrganization(org, official);
    return;
  }
}

// "Cascadia's chief executive, Ellen Sorensen-Patel" after "US-based
// Cascadia Reactor Systems", "the service's administrator" after "the
// Agricultural Research Service": a possessive right before the title is
// the organization named last before it whose first word (or acronym), or,
// after "the", whose organization word it is.
void OrganizationOfPossessive(const ArticleText& article,
                              const std::vector<ExtractedOrganization>& organizations,
                              ExtractedOfficial* official) {
  if (!official->country_id.empty() || !official->organization_name.empty()) return;
  if (official->rule.rfind("title before name", 0) != 0 &&
      official->rule.rfind("apposition", 0) != 0) {
    return;
  }
  const std::vector<Token>& tokens = article.tokens();
  const size_t title = article.TokenStartingAt(official->quote_start);
  if (title == tokens.size() || title == 0 || !article.Possessive(title - 1)) return;
  const Token& owner = tokens[title - 1];
  const bool head = !owner.capitalized && title >= 2 && tokens[title - 2].norm == "the" &&
                    article.lexicon().IsOrganizationHead(owner.norm);
  if (!owner.capitalized && !head) return;
  const ExtractedOrganization* named = nullptr;
  bool ambiguous = false;  // "the university's" after two universities of two countries
  for (const ExtractedOrganization& org : organizations) {
    if (org.end > owner.start) break;  // (organizations are in text order)
    const std::vector<std::string> words = NormalizedWords(org.name);
    if (words.empty()) continue;
    // (British and American spellings are one word: "the center's director"
    // after "Human Space Flight Centre".)
    const auto american = [](absl::string_view w) {
      return absl::EndsWith(w, "tre") ? absl::StrCat(w.substr(0, w.size() - 3), "ter")
                                      : std::string(w);
    };
    // ("The institute's Director" after "ICMR-National Institute of
    // Nutrition": the organization word anywhere in the name.)
    const bool same =
        head
            ? std::any_of(words.begin(), words.end(),
                          [&](const std::string& w) { return american(w) == american(owner.norm); })
            : words.front() == owner.norm || NameKey(org.acronym) == owner.norm;
    if (!same) continue;
    ambiguous = ambiguous || (head && named != nullptr && named->country_id != org.country_id);
    named = &org;
  }
  // (Nor after the word named outside it: "The University of Hyderabad ...
  // with Purdue University. The university's Vice-Chancellor".)
  for (size_t t = 0; head && named != nullptr && t + 1 < title; ++t) {
    ambiguous = ambiguous || (tokens[t].capitalized && tokens[t].norm == owner.norm &&
                              (tokens[t].start < named->start || tokens[t].end > named->end));
  }
  if (named == nullptr || ambiguous || named->country_id.empty() ||
      named->rule.find("dateline") != std::string::npos) {
    return;
  }
  TakeOrganization(*named, official);
}

// The organization a title names: its country, from the knowledge base or
// the organizations found.
void CountryOfTitleOrganization(const ExtractionLexicon& lexicon,
                                const std::vector<ExtractedOrganization>& organizations,
                                ExtractedOfficial* official) {
  if (!official->country_id.empty() || official->organization_name.empty()) return;
  std::string country;
  if (const auto* known = lexicon.FindTitleOrganization(NameKey(official->organization_name))) {
    country = known->country_id;
  }
  for (const ExtractedOrganization& org : organizations) {
    if (country.empty() && NameKey(org.name) == NameKey(official->organization_name)) {
      country = org.country_id;
    }
    // ("Managing Director of Deccan Biologics" after "Hyderabad-based
    // Deccan Biologics Limited": the name's first words, two at least.)
    const std::vector<std::string> title_org = NormalizedWords(official->organization_name),
                                   name = NormalizedWords(org.name);
    if (country.empty() && title_org.size() >= 2 && name.size() > title_org.size() &&
        std::equal(title_org.begin(), title_org.end(), name.begin()) &&
        org.rule.find("dateline") == std::string::npos) {
      country = org.country_id;
    }
    if (org.acronym == official->organization_name && country.empty()) country = org.country_id;
  }
  if (!country.empty()) {
    official->country_id = country;
    official->rule += ", country from the organization";
  }
}

// An organization the extraction found, named in the title by name or
// acronym: "CSA Chief Executive David Koh".
void OrganizationInTitle(absl::string_view text,
                         const std::vector<ExtractedOrganization>& organizations,
                         ExtractedOfficial* official) {
  if (!official->country_id.empty()) return;
  const std::string title_key =
      NameKey(text.substr(official->quote_start, official->name_start - official->quote_start));
  for (const ExtractedOrganization& org : organizations) {
    if (org.country_id.empty() || org.rule.find("dateline") != std::string::npos) continue;
    const std::string acronym = NameKey(org.acronym), name = NameKey(org.name);
    // ("Virginia Port Authority Chief Operating Officer X": the title's
    // first words are the organization's last.)
    const bool overlaps = org.start < official->quote_start && org.end > official->quote_start &&
                          org.end <= official->name_start;
    if ((!acronym.empty() && absl::StrContains(title_key, acronym)) ||
        (!name.empty() && absl::StrContains(title_key, name)) || overlaps) {
      TakeOrganization(org, official);
      break;
    }
  }
}

// An organization right after the name: "Joint Secretary Amit Sharma of
// the Ministry of External Affairs".
void OrganizationAfterName(absl::string_view text, const ExtractionLexicon& lexicon,
                           const std::vector<ExtractedOrganization>& organizations,
                           ExtractedOfficial* official) {
  if (!official->country_id.empty() || official->rule == "short reference") return;
  // (An organization is found once, at its first mention: a later "of the
  // US Embassy" is read from the text after the name.)
  const absl::string_view after = text.substr(official->name_end, 120);
  for (const ExtractedOrganization& org : organizations) {
    if (org.country_id.empty() || org.rule.find("dateline") != std::string::npos) continue;
    for (const std::string& name : {org.name, org.acronym}) {
      if (name.empty()) continue;
      const size_t at = after.find(name);
      if (at == absl::string_view::npos || at > 16) continue;
      const size_t end = at + name.size();
      // (Not a longer word, nor a possessive: "at HAL's corporate office" is
      // where, not whose.)
      if (end < after.size() && (absl::ascii_isalnum(after[end]) || after[end] == '\'' ||
                                 absl::StartsWith(after.substr(end), "\xE2\x80\x99"))) {
        continue;
      }
      if (lexicon.LinksNameToOrganization(absl::StripAsciiWhitespace(after.substr(0, at)))) {
        TakeOrganization(org, official);
        return;
      }
    }
  }
}

// "visited the ISRO Navigation Centre, where its Director, X, ...": the
// organization "its" refers to, the last one named before it in the
// sentence.
void OrganizationOfIts(const ArticleText& article,
                       const std::vector<ExtractedOrganization>& organizations,
                       ExtractedOfficial* official) {
  if (!official->country_id.empty() || official->rule.rfind("short reference", 0) == 0 ||
      official->rule.rfind("title reference", 0) == 0) {
    return;  // (another mention's "its Chief" is not this person's title)
  }
  const std::vector<Token>& tokens = article.tokens();
  const size_t t = article.TokenStartingAt(official->quote_start);
  const Sentence* sentence = t < tokens.size() ? article.SentenceOf(t) : nullptr;
  if (sentence == nullptr || t == sentence->first || tokens[t - 1].norm != "its") return;
  const ExtractedOrganization* referred = nullptr;
  for (const ExtractedOrganization& org : organizations) {
    if (org.start >= tokens[sentence->first].start && org.end <= tokens[t - 1].start &&
        (referred == nullptr || org.end > referred->end)) {
      referred = &org;
    }
  }
  // (", where its": the site named right before, only a place or a day
  // between; not "NASA visited the desalination plant, where its ...".
  // ", led by its head", ", including its Chief": the organization.)
  bool site = referred != nullptr;
  if (site && t >= 2 && tokens[t - 2].norm == "where") {
    for (size_t u = sentence->first; site && u < t - 2; ++u) {
      if (tokens[u].start < referred->end) continue;
      const absl::string_view w = tokens[u].norm;
      site =
          tokens[u].capitalized || w == "in" || w == "at" || w == "on" || absl::ascii_isdigit(w[0]);
    }
  }
  if (site && !referred->country_id.empty() &&
      referred->rule.find("dateline") == std::string::npos) {
    TakeOrganization(*referred, official);
  }
}

// "National Security Adviser Sanjeev Raghavan of India": the country
// named right after the name.
void CountryAfterName(const ArticleText& article, ExtractedOfficial* official) {
  if (!official->country_id.empty() || official->rule.rfind("short reference", 0) == 0) return;
  const std::vector<Token>& tokens = article.tokens();
  for (size_t t = 0; t + 2 < tokens.size(); ++t) {
    if (tokens[t].end != official->name_end) continue;
    if (tokens[t + 1].norm != "of" || !article.Joined(t + 1) || !article.Joined(t + 2)) return;
    size_t last = 0;
    // "Representative X of Texas": a state or place names the country too.
    std::string country = article.CountryStartingAt(t + 2, &last);
    if (country.empty()) country = article.PlaceStartingAt(t + 2, &last);
    if (!country.empty()) Assign(country, "words after the name", official);
    return;
  }
}

// "the", "a", "an": an apposition may open with them ("X, the US Coast
// Guard liaison officer"), as with a lower-case title word ("X, director
// for strategic planning"); another lower-case word opens a clause (", who").
bool IsArticleWord(absl::string_view norm) { return norm == "the" || norm == "a" || norm == "an"; }

// The words of ", who ..." right after the name that ends at token
// name_last, up to the clause's next comma, semicolon or stop and before
// token name_last + limit: [first, end), first the word after "who"
// (first == end if there is no such clause).
std::pair<size_t, size_t> WhoClause(const ArticleText& article, size_t name_last, size_t limit) {
  const std::vector<Token>& tokens = article.tokens();
  if (name_last + 2 >= tokens.size() || !article.CommaBefore(name_last + 1) ||
      tokens[name_last + 1].norm != "who") {
    return {0, 0};
  }
  const size_t first = name_last + 2;
  size_t end = first;
  while (end < tokens.size() && end < name_last + limit &&
         (end == first || article.Gap(end).find_first_of(",;.") == absl::string_view::npos)) {
    ++end;
  }
  return {first, end};
}

// A country named in the official's own words: the title before the name
// or an apposition after it ("Captain Marisa Delgado-Finch, the US Coast
// Guard liaison officer", "Arvind Raghunathan, Counsellor (Space) at the
// Embassy of India"), else a city there ("Dr Sheetal Kadam, Director,
// ICMR-National Institute of Virology, Pune"). Not a country the title is
// addressed to or about ("Ambassador to the US", "Senior Director for
// India") nor a city where an office sits ("Consul General in Chennai").
// The apposition ends at ", and", a comma before a lower-case word (", who"),
// a semicolon, a dash, a full stop or the sentence's end.
void CountryInOwnWords(const ArticleText& article, ExtractedOfficial* official) {
  if (!official->country_id.empty() || official->rule.rfind("short reference", 0) == 0 ||
      official->rule.rfind("title reference", 0) == 0) {
    return;
  }
  const std::vector<Token>& tokens = article.tokens();
  std::vector<size_t> words;  // the official's own words, the name aside
  size_t name_last = tokens.size();
  for (size_t t = 0; t < tokens.size(); ++t) {
    if (tokens[t].start >= official->quote_start && tokens[t].end <= official->name_start) {
      words.push_back(t);
    }
    if (tokens[t].end == official->name_end) name_last = t;
  }
  if (name_last + 1 < tokens.size() && article.CommaBefore(name_last + 1)) {
    const Sentence* sentence = nullptr;
    for (const Sentence& s : article.sentences()) {
      if (s.first <= name_last && name_last < s.end) sentence = &s;
    }
    for (size_t t = name_last + 1; sentence != nullptr && t < sentence->end && t < name_last + 16;
         ++t) {
      const absl::string_view gap = article.Gap(t);
      // "and" after a comma ends it ("..., and Special Agent Y"), not
      // inside a name ("Cybersecurity and Infrastructure Security Agency").
      if ((tokens[t].norm == "and" && absl::StrContains(gap, ',')) || absl::StrContains(gap, ';') ||
          absl::StrContains(gap, ". ") || absl::StrContains(gap, ".\n") ||
          absl::StrContains(gap, "\xE2\x80\x94") || absl::StrContains(gap, " - ") ||
          (absl::StrContains(gap, ',') && !tokens[t].capitalized &&
           (t > name_last + 1 ||
            !(IsArticleWord(tokens[t].norm) || article.IsTitleWord(tokens[t]))))) {
        break;  // ", who is visiting India": a clause, not the person's words
      }
      words.push_back(t);
    }
  }
  // "X, who commands U.S. Coast Guard forces in the Pacific", "Y, who heads
  // the Indian Coast Guard's eastern region": the country of the
  // organization the person heads (a country right before a capitalized
  // name; not "who heads the India desk at the State Department").
  if (const auto [first, end] = WhoClause(article, name_last, 12);
      first < end && article.lexicon().IsHeadsVerb(tokens[first].norm)) {
    for (size_t t = first + 1; t + 1 < tokens.size() && t < end; ++t) {
      size_t last = 0;
      const std::string country = article.CountryStartingAt(t, &last);
      if (country.empty()) continue;
      const absl::string_view after = absl::StripAsciiWhitespace(article.Gap(last + 1));
      if (last + 1 < tokens.size() && (after.empty() || after == ".") &&
          tokens[last + 1].capitalized) {
        Assign(country, "organization it heads", official);
        return;
      }
      break;
    }
  }
  for (bool place : {false, true}) {
    for (size_t w = 0; w < words.size(); ++w) {
      const size_t t = words[w];
      if (t > 0 && !place && tokens[t].norm == "the") continue;
      const std::string& before = t > 0 ? tokens[t - 1].norm : "";
      const std::string& before2 = t > 1 ? tokens[t - 2].norm : "";
      auto addressed = [](const std::string& word) {
        return word == "to" || word == "for" || word == "with" || word == "on" || word == "in";
      };
      if (addressed(before) || (before == "the" && addressed(before2))) continue;
      // "Country Director of the FDA India Office": a country inside
      // another name (after a capitalized word) is not whose official.
      if (!place && t > 0 && article.Joined(t) && tokens[t - 1].capitalized &&
          !article.lexicon().IsConnector(tokens[t - 1].norm)) {
        continue;
      }
      size_t last = 0;
      const std::string country =
          place ? article.PlaceStartingAt(t, &last) : article.CountryStartingAt(t, &last);
      if (country.empty()) continue;
      Assign(country, place ? "city in its own words" : "country in its own words", official);
      return;
    }
    // Before a city: a phrase of one government's titles or agencies in
    // them ("..., Associate Administrator for Space Operations", "...,
    // Drugs Controller General of India").
    if (!place) {
      std::string phrase;
      for (size_t t : words) absl::StrAppend(&phrase, phrase.empty() ? "" : " ", tokens[t].norm);
      if (std::string country = article.lexicon().CountryOfTitle(NormalizeName(phrase));
          !country.empty()) {
        Assign(country, "title words in its own words", official);
        return;
      }
    }
  }
}

// The official whose name starts at token i, or -1.
int OfficialAt(const ArticleText& article, const std::vector<ExtractedOfficial>& officials,
               size_t i) {
  for (size_t o = 0; o < officials.size(); ++o) {
    if (officials[o].name_start == article.tokens()[i].start ||
        officials[o].quote_start == article.tokens()[i].start) {
      return static_cast<int>(o);
    }
  }
  return -1;
}

// "A delegation from the State of Michigan led by Lieutenant Governor X
// is visiting Chennai. The delegation includes Y; Z": the lead and the
// members of a delegation from a place (or a country) are of its country.
void DelegationsFromAPlace(const ArticleText& article, std::vector<ExtractedOfficial>* officials) {
  const std::vector<Token>& tokens = article.tokens();
  std::string country;  // of the delegation from a place told last
  for (const Sentence& s : article.sentences()) {
    auto norm = [&](size_t t) -> absl::string_view {
      return t < s.end ? absl::string_view(tokens[t].norm) : absl::string_view();
    };
    size_t told = s.end;  // where "delegation from <place>" ends in s
    for (size_t i = s.first; i + 2 < s.end; ++i) {
      if (norm(i) != "delegation" || norm(i + 1) != "from") continue;
      size_t j = i + 2, last = 0;
      if (norm(j) == "the") ++j;
      if (norm(j) == "state" && norm(j + 1) == "of") j += 2;
      std::string from = article.CountryStartingAt(j, &last);
      if (from.empty()) from = article.PlaceStartingAt(j, &last);
      if (from.empty()) continue;
      country = from;
      told = last + 1;
      break;
    }
    if (country.empty()) continue;
    // Its lead: "led by X", "headed by X" after it.
    for (size_t k = told; k + 1 < s.end; ++k) {
      if (norm(k) != "by" || !article.lexicon().IsLedVerb(norm(k - 1))) continue;
      if (int o = OfficialAt(article, *officials, k + 1); o >= 0) {
        Assign(country, "delegation from a place", &(*officials)[o]);
      }
      break;
    }
    // Its members: "The delegation (also) includes ...".
    size_t verb = s.first + 2;
    if (norm(s.first) != "the" || norm(s.first + 1) != "delegation") continue;
    if (norm(verb) == "also") ++verb;
    if (!article.lexicon().IsMemberCue(norm(verb)) || norm(verb) == "part") continue;
    for (ExtractedOfficial& official : *officials) {
      if (official.quote_start > tokens[verb].start && official.name_end <= tokens[s.end - 1].end) {
        Assign(country, "delegation from a place", &official);
      }
    }
  }
}

// Delegations: "the US delegation was headed by X", "X headed the
// Australian side", "India was represented by X", "The U.S. delegation
// included X and Y".
void Delegations(const ArticleText& article, std::vector<ExtractedOfficial>* officials) {
  const std::vector<Token>& tokens = article.tokens();
  const ExtractionLexicon& lexicon = article.lexicon();
  for (const Sentence& s : article.sentences()) {
    for (size_t i = s.first; i < s.end; ++i) {
      size_t country_last = 0;
      const std::string country = article.CountryStartingAt(i, &country_last);
      if (country.empty()) continue;
      const size_t after = country_last + 1;
      const bool side = after < s.end && lexicon.IsDelegationWord(tokens[after].norm);
      const bool represented = after + 2 < s.end && tokens[after].norm == "was" &&
                               tokens[after + 1].norm == "represented" &&
                               tokens[after + 2].norm == "by";
      if (!side && !represented) continue;
      // "X signed it on behalf of the Indian side, while Y signed for the
      // American side": the official named last before it, a few words
      // before, in the same clause.
      const bool acted_for =
          side && i >= s.first + 2 && tokens[i - 1].norm == "the" &&
          (tokens[i - 2].norm == "for" ||
           (i >= s.first + 3 && tokens[i - 2].norm == "of" && tokens[i - 3].norm == "behalf"));
      if (acted_for) {
        ExtractedOfficial* actor = nullptr;
        for (ExtractedOfficial& official : *officials) {
          if (official.name_end <= tokens[i - 2].start &&
              official.name_start >= tokens[s.first].start &&
              (actor == nullptr || official.name_end > actor->name_end)) {
            actor = &official;
          }
        }
        // ("X signed it on behalf of the Indian side"; not "X called for
        // the American side to ease visa rules".)
        size_t words_between = 0;
        bool same_clause = actor != nullptr, acted = false;
        for (size_t t = s.first; actor != nullptr && t < i - 2; ++t) {
          if (tokens[t].start < actor->name_end) continue;
          ++words_between;
          same_clause =
              same_clause && article.Gap(t).find_first_of(",;") == absl::string_view::npos;
          acted = acted || tokens[t].norm == "signed" || tokens[t].norm == "spoke";
        }
        if (actor != nullptr && same_clause && acted && words_between <= 5) {
          Assign(country, "side it acted for", actor);
        }
      }
      // "Their American counterparts were NAME, ...".
      if (side && after + 2 < s.end &&
          (tokens[after + 1].norm == "were" || tokens[after + 1].norm == "was")) {
        if (int o = OfficialAt(article, *officials, after + 2); o >= 0) {
          Assign(country, "delegation", &(*officials)[o]);
        }
      }
      // "The U.S. delegation included X, ..., and Y": its members.
      size_t verb = after + 1;
      if (verb < s.end && tokens[verb].norm == "also") ++verb;
      if (side && verb < s.end &&
          (tokens[verb].norm == "included" || tokens[verb].norm == "comprised")) {
        // (Up to another clause: "..., while Y joined the U.S. delegation".)
        size_t members_end = verb + 1;
        // (And up to a verb of another clause: "..., and Y assisted Misri":
        // a lower-case word outside every official's title and name that is
        // no function word.)
        auto in_official = [&](size_t t) {
          for (const ExtractedOfficial& o : *officials) {
            if (tokens[t].start >= o.quote_start && tokens[t].end <= o.quote_end) return true;
          }
          return false;
        };
        while (members_end < s.end && tokens[members_end].norm != "while" &&
               tokens[members_end].norm != "whereas" && tokens[members_end].norm != "but" &&
               !absl::StrContains(article.Gap(members_end), ';') &&
               !(!tokens[members_end].capitalized && !in_official(members_end) &&
                 !lexicon.IsFunctionWord(tokens[members_end].norm) &&
                 !lexicon.IsConnector(tokens[members_end].norm))) {
          ++members_end;
        }
        for (ExtractedOfficial& official : *officials) {
          if (official.quote_start > tokens[verb].start &&
              official.name_end <= tokens[members_end - 1].end) {
            Assign(country, "delegation", &official);
          }
        }
      }
      // "... led/headed/represented by NAME" after it, or "NAME led (joined)
      // the X side" before it.
      for (size_t k = after; k + 1 < s.end; ++k) {
        if (tokens[k].norm != "by") continue;
        if (int o = OfficialAt(article, *officials, k + 1); o >= 0) {
          Assign(country, "delegation", &(*officials)[o]);
        }
        break;
      }
      if (side && i >= 3 && i - 3 >= s.first && tokens[i - 1].norm == "the" &&
          (lexicon.IsLedVerb(tokens[i - 2].norm) ||
           (tokens[i - 2].norm == "joined" &&
            (tokens[after].norm == "delegation" || tokens[after].norm == "team")))) {
        for (ExtractedOfficial& official : *officials) {
          if (official.name_end == tokens[i - 3].end) Assign(country, "delegation", &official);
        }
      }
    }
  }
}

// "The minister is accompanied by Industries Secretary Y and ...", "She was
// accompanied by Y": Y, and whoever the coordination names with Y, is of
// the side of the one accompanied (a pronoun resolved to an official too).
void Companions(const ArticleText& article, std::vector<ExtractedOfficial>* officials) {
  const std::vector<Token>& tokens = article.tokens();
  for (const Sentence& s : article.sentences()) {
    for (size_t t = s.first + 2; t + 1 < s.end; ++t) {
      if (tokens[t].norm != "accompanied" || tokens[t + 1].norm != "by" ||
          !IsFormOfBe(tokens[t - 1].norm)) {
        continue;
      }
      const ExtractedOfficial* accompanied = nullptr;
      for (const ExtractedOfficial& o : *officials) {
        if (o.name_end == tokens[t - 2].end && !o.country_id.empty()) accompanied = &o;
      }
      if (accompanied == nullptr) continue;
      const std::string country = accompanied->country_id;
      // Up to the clause's end ("..., who ...", "; ...", "when she called
      // on Y": whoever is named after is not a companion).
      static const absl::flat_hash_set<absl::string_view> kClauseWords = {
          "when", "while", "as", "to", "for", "after", "before", "during", "where", "who"};
      size_t end = t + 2;
      while (end < s.end && article.Gap(end).find(';') == absl::string_view::npos &&
             !kClauseWords.contains(tokens[end].norm) &&
             !(article.CommaBefore(end) && !tokens[end].capitalized && tokens[end].norm != "and")) {
        ++end;
      }
      for (ExtractedOfficial& o : *officials) {
        if (o.quote_start >= tokens[t + 1].end && o.name_end <= tokens[end - 1].end) {
          Assign(country, "one it accompanied", &o);
        }
      }
    }
  }
}

// The two countries the article names most often (a bilateral story's
// sides), most named first; fewer if it names fewer.
std::vector<std::string> MainCountries(const ArticleText& article) {
  std::vector<std::pair<std::string, int>> counts;
  for (size_t t = 0; t < article.tokens().size(); ++t) {
    size_t last = 0;
    const std::string c = article.CountryStartingAt(t, &last);
    if (c.empty()) continue;
    auto it =
        std::find_if(counts.begin(), counts.end(), [&](const auto& p) { return p.first == c; });
    if (it == counts.end()) {
      counts.emplace_back(c, 1);
    } else {
      ++it->second;
    }
    t = last;
  }
  std::stable_sort(counts.begin(), counts.end(),
                   [](const auto& a, const auto& b) { return a.second > b.second; });
  std::vector<std::string> main;
  for (size_t i = 0; i < counts.size() && i < 2; ++i) main.push_back(counts[i].first);
  // A story that names one home side only is with the other one.
  if (main.size() == 1 && article.lexicon().IsHomeSide(main[0])) {
    const std::vector<std::string> sides = article.lexicon().HomeSides();
    if (sides.size() == 2) main.push_back(sides[0] == main[0] ? sides[1] : sides[0]);
  }
  return main;
}

// Whether sentence s tells of people meeting ("met", "held talks with",
// "hosted", a dialogue): the officials it names face each other.
bool TellsOfMeeting(const ArticleText& article, const Sentence& s) {
  for (size_t t = s.first; t < s.end; ++t) {
    size_t length = 0;
    const v1::EventKind kind = article.lexicon().TriggerAt(article.tokens(), t, &length);
    if (kind == v1::EVENT_KIND_MEETING || kind == v1::EVENT_KIND_DIALOGUE) return true;
  }
  return false;
}

// Counterparts: in a bilateral story, an official nothing else places who
// is named in a sentence with an official of one side ("National Security
// Advisor Jordan Pierce met today with Indian National Security Adviser
// Ashok Bhardwaj") is of the other side, when the sentence tells of a
// meeting and places officials of one side only.
void Counterparts(const ArticleText& article, std::vector<ExtractedOfficial>* officials) {
  const std::vector<std::string> sides = MainCountries(article);
  if (sides.size() != 2) return;
  const std::vector<Token>& tokens = article.tokens();
  for (const Sentence& s : article.sentences()) {
    const int64_t start = tokens[s.first].start, end = tokens[s.end - 1].end;
    std::vector<ExtractedOfficial*> unplaced;
    std::string placed;
    bool one_side = true;
    for (ExtractedOfficial& o : *officials) {
      if (o.name_start < start || o.name_end > end) continue;
      if (o.country_id.empty()) {
        unplaced.push_back(&o);
      } else if (placed.empty() || placed == o.country_id) {
        placed = o.country_id;
      } else {
        one_side = false;
      }
    }
    if (unplaced.empty() || placed.empty() || !one_side || !TellsOfMeeting(article, s)) continue;
    const std::string other = placed == sides[0] ? sides[1] : placed == sides[1] ? sides[0] : "";
    if (other.empty()) continue;
    for (ExtractedOfficial* o : unplaced) {
      Assign(other, "counterpart of the other side", o);
      o->confidence -= 0.1;
    }
  }
}

// "X, who is on a week-long visit to India", "Y, who arrived in India on
// Sunday": a visitor to one side of a bilateral story is of the other,
// where nothing else placed them (before the dateline's guess).
void VisitorsToACountry(const ArticleText& article, std::vector<ExtractedOfficial>* officials) {
  const std::vector<std::string> sides = MainCountries(article);
  if (sides.size() != 2) return;
  const std::vector<Token>& tokens = article.tokens();
  for (ExtractedOfficial& o : *officials) {
    if (!o.country_id.empty() || o.rule.rfind("short reference (pronoun)", 0) == 0) continue;
    const auto [first, end] = WhoClause(article, article.TokenEndingAt(o.name_end), 14);
    for (size_t t = first; t + 1 < tokens.size() && t < end; ++t) {
      const absl::string_view before = tokens[t - 1].norm;
      const bool to_country =
          (before == "to" && (tokens[t - 2].norm == "visit" || tokens[t - 2].norm == "trip")) ||
          before == "visiting" || (before == "in" && tokens[t - 2].norm == "arrived");
      size_t last = 0;
      const std::string visited = to_country ? article.CountryStartingAt(t, &last) : "";
      if (visited.empty()) continue;
      if (visited == sides[0] || visited == sides[1]) {
        Assign(visited == sides[0] ? sides[1] : sides[0], "a visitor to the other side", &o);
      }
      break;
    }
  }
}

// Whether a word of the official's title, or of the capitalized words
// right before it, is one the issuing government's own people hold ("Consul
// General", "Deputy Chief of Mission", "Consular Section Chief", "Senator",
// "Commerce Secretary"), or a military rank ("Vice Admiral X" visiting).
bool HoldsIssuersTitle(const ArticleText& article, const ExtractedOfficial& official) {
  const ExtractionLexicon& lexicon = article.lexicon();
  for (const std::string& word : NormalizedWords(official.title)) {
    if (lexicon.IsIssuerTitleWord(word)) return true;
  }
  const std::vector<Token>& tokens = article.tokens();
  const size_t first = article.TokenStartingAt(official.quote_start);
  for (size_t t = first; t < tokens.size() && t > 0 && t + 3 > first && article.Joined(t); --t) {
    if (!tokens[t - 1].capitalized) break;
    if (lexicon.IsIssuerTitleWord(tokens[t - 1].norm)) return true;
  }
  // A rank right before the name ("Vice Admiral X"; not a post after it,
  // "X, Commander, Coast Guard Region (West)").
  const size_t name = article.TokenStartingAt(official.name_start);
  return name < tokens.size() && name > 0 && article.Joined(name) &&
         lexicon.IsRank(tokens[name - 1].norm);
}

// Last, for officials nothing else places, unless they are "visiting": the
// country of the government that issued the article (an embassy's release
// is about its own officials) — but in a mission's release datelined in
// the host country, only for the titles the issuer's people hold; anyone
// else there is a local of the host country ("Director Dr. X" of an institute the
// consul general visited) — else the dateline's.
void CountryOfDateline(const ArticleText& article, ExtractedOfficial* official) {
  if (!official->country_id.empty()) return;
  const absl::string_view before = article.text().substr(0, official->quote_start);
  const size_t word = before.find_last_not_of(' ');
  if (word != absl::string_view::npos &&
      absl::EndsWithIgnoreCase(before.substr(0, word + 1), "visiting")) {
    return;
  }
  const std::string& issuer = article.issuer_country();
  const std::string& dateline = article.dateline_country();
  const bool abroad = !issuer.empty() && !dateline.empty() && issuer != dateline;
  if (!issuer.empty() && (!abroad || HoldsIssuersTitle(article, *official))) {
    official->country_id = issuer;
    official->rule += ", country of the article's issuer";
  } else {
    official->country_id = dateline;
    official->rule += abroad ? ", a local of the host country of the issuer's mission"
                             : ", country from the dateline";
  }
  official->confidence -= 0.15;
}

// The honorific right before official's name ("Shri", "Smt."), normalized;
// "" if none. Some say whose official the person is.
std::string HonorificBefore(const ArticleText& article, const ExtractedOfficial& official) {
  const std::vector<Token>& tokens = article.tokens();
  for (size_t t = 1; t < tokens.size(); ++t) {
    if (tokens[t].start != official.name_start) continue;
    return IsNamePrefix(article, tokens[t - 1]) ? tokens[t - 1].norm : "";
  }
  return "";
}

}  // namespace

void FindOfficialCountries(const ArticleText& article,
                           const std::vector<ExtractedOrganization>& organizations,
                           std::vector<ExtractedOfficial>* officials) {
  const absl::string_view text = article.text();
  const ExtractionLexicon& lexicon = article.lexicon();
  // Each source in turn for every official: an earlier one wins.
  for (ExtractedOfficial& o : *officials) OrganizationBeforeTitle(text, organizations, &o);
  for (ExtractedOfficial& o : *officials) CountryOfTitleOrganization(lexicon, organizations, &o);
  for (ExtractedOfficial& o : *officials) OrganizationInTitle(text, organizations, &o);
  for (ExtractedOfficial& o : *officials) {
    OrganizationShortNameBeforeTitle(article, organizations, &o);
  }
  for (ExtractedOfficial& o : *officials) OrganizationOfPossessive(article, organizations, &o);
  for (ExtractedOfficial& o : *officials) OrganizationAfterName(text, lexicon, organizations, &o);
  for (ExtractedOfficial& o : *officials) OrganizationOfIts(article, organizations, &o);
  // Titles that say whose official they are ("Secretary of State"), and
  // honorifics ("Shri").
  for (ExtractedOfficial& o : *officials) {
    if (!o.country_id.empty()) continue;
    o.country_id = lexicon.CountryOfTitle(NormalizeName(
        absl::StrCat(o.organization_name, " ", o.title, " ", HonorificBefore(article, o))));
    if (!o.country_id.empty()) o.rule += ", country from the title";
  }
  for (ExtractedOfficial& o : *officials) CountryAfterName(article, &o);
  for (ExtractedOfficial& o : *officials) CountryInOwnWords(article, &o);
  Delegations(article, officials);
  DelegationsFromAPlace(article, officials);
  ShareCountries(officials);
  Companions(article, officials);
  ShareCountries(officials);
  Counterparts(article, officials);
  ShareCountries(officials);
  VisitorsToACountry(article, officials);
  ShareCountries(officials);
  if (article.dateline_country().empty() && article.issuer_country().empty()) return;
  // Full mentions first: a short reference ("Charge d'Affaires X") takes
  // the country its full mention got.
  for (ExtractedOfficial& o : *officials) {
    if (o.rule.rfind("short reference", 0) != 0) CountryOfDateline(article, &o);
  }
  ShareCountries(officials);
  for (ExtractedOfficial& o : *officials) CountryOfDateline(article, &o);
}

}  // namespace parley
