#include "service/extract/officials.h"

#include <algorithm>
#include <string>
#include <utility>

#include "absl/algorithm/container.h"
#include "absl/container/flat_hash_map.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "service/base/normalize.h"
#include "service/extract/date_phrases.h"
#include "service/extract/official_finder.h"
#include "service/extract/person_names.h"
#include "service/extract/quote_support.h"

namespace parley {
namespace official_finder_internal {

std::vector<ExtractedOfficial> OfficialFinder::Find() const {
  std::vector<ExtractedOfficial> officials;
  std::vector<bool> in_name(tokens_.size(), false);
  for (size_t head = 0; head < tokens_.size(); ++head) {
    if (!lexicon_.IsTitleHead(tokens_[head].norm)) continue;
    // "Deputy Secretary", "Director General": the head is the last head
    // word of a run.
    if (head + 1 < tokens_.size() && lexicon_.IsTitleHead(tokens_[head + 1].norm) &&
        article_.Joined(head + 1)) {
      continue;
    }
    ExtractedOfficial official;
    if (!MatchAt(head, &official)) continue;
    bool seen = false;  // the same name reached from two heads
    for (const ExtractedOfficial& o : officials) seen = seen || o.name_start == official.name_start;
    if (seen) continue;
    for (size_t t = 0; t < tokens_.size(); ++t) {
      if (tokens_[t].start >= official.name_start && tokens_[t].end <= official.name_end) {
        in_name[t] = true;
      }
    }
    officials.push_back(std::move(official));
  }
  AddRankedOfficials(&in_name, &officials);
  AddListedOfficials(&in_name, &officials);
  AddHeadsOfOrganizations(&in_name, &officials);
  FoldHyphenatedSurnames(&officials);
  AddShortReferences(in_name, &officials);
  AddTitleReferences(in_name, &officials);
  AddRankReferences(in_name, &officials);
  auto by_position = [](const ExtractedOfficial& a, const ExtractedOfficial& b) {
    return a.name_start < b.name_start;
  };
  std::sort(officials.begin(), officials.end(), by_position);
  AddPronounReferences(&officials);
  std::sort(officials.begin(), officials.end(), by_position);
  ShareCountries(&officials);
  return officials;
}

// The official whose title's head word is token head, if any.
bool OfficialFinder::MatchAt(size_t head, ExtractedOfficial* out) const {
  std::string country;
  const size_t start = TitleStart(head, &country);
  std::string complement_country;
  size_t end = TitleEnd(head, &complement_country);  // one past the title
  NameTokens name;
  // The name: right after the title (maybe after a comma or a
  // parenthesis), honorifics and ranks aside ("Director General (NIA)
  // Ravi Menon", "Joint Secretary, Shri Prakash Iyer").
  if (end < tokens_.size() &&
      (article_.Joined(end) || AfterAdInterim(end) || article_.CommaBefore(end) ||
       CommaAfterAbbreviation(end) || article_.ParenBefore(end) || CloseParenBefore(end))) {
    const size_t first = SkipNamePrefixes(article_, end);
    name.count = PersonNameAt(article_, first);
    if (name.count > 0) name.first = first;
    // "Director (Counter Terrorism and Counter Radicalisation)": words in
    // parentheses are a name only as "President (Barack) Obama".
    if (name.count > 0 && article_.ParenBefore(first) &&
        !(name.count >= 2 && CloseParenBefore(first + 1))) {
      name = {};
    }
  }
  // "Prof. X, Dean (Global Engagement), IIT Madras": with a name before
  // the title and a comma after it, the title is the apposition's; what
  // follows the comma is its organization.
  // ("Vinay Kwatra, the Indian ambassador to the U.S., Vikram Misri and
  // ...": the same, after "the".)
  if (name.count > 0 && end < tokens_.size() && absl::StrContains(article_.Gap(end), ',')) {
    std::string unused;
    const size_t app = AppositionStart(start, &unused);
    if (app > 0 && article_.CommaBefore(app) &&
        PersonNameEndingAt(article_, app - 1) != std::string::npos) {
      name = {};
    }
  }
  // "According to a senior US official, Vikram Misri met ...": an
  // indefinite title names the one after it only between commas ("A
  // State Department spokesperson, Matthew Miller, said").
  if (name.count > 0 && start > 0 && IsIndefiniteArticle(tokens_[start - 1].norm)) {
    const size_t after_name = name.first + name.count;
    if (after_name >= tokens_.size() || !article_.CommaBefore(after_name)) name = {};
  }
  // "the director general of the Indian Coast Guard, X": capitalized words
  // right after "the <demonym>" name its organization, not a person ("the
  // United States Vivek Krishnaswamy" is a title and a name).
  if (name.count > 0 && name.first >= 2 && article_.Joined(name.first)) {
    size_t country_first = 0;
    const absl::string_view demonym = tokens_[name.first - 1].norm;
    if (!article_.CountryEndingAt(name.first - 1, &country_first).empty() && country_first > 0 &&
        tokens_[country_first - 1].norm == "the" &&
        (absl::EndsWith(demonym, "ian") || absl::EndsWith(demonym, "can") ||
         absl::EndsWith(demonym, "ese") || absl::EndsWith(demonym, "ish"))) {
      name = {};
    }
  }
  if (name.count == 0) {
    name = NameEndingAnUnknownTitle(head);
    if (name.count > 0) end = name.first;
  }
  if (country.empty()) country = complement_country;
  const int64_t title_start = tokens_[start].start;
  int64_t title_end = tokens_[end - 1].end;
  if (end < tokens_.size() && CloseParenBefore(end)) ++title_end;  // "Director General (NIA)"
  std::string rule = "title before name";
  // Before the title after a comma (apposition: "Jane Holl Lute, Deputy
  // Secretary ...", "Karen Whitlock, NASA's associate administrator",
  // "Prakash Iyer, the Indian foreign ministry's joint secretary").
  size_t apposition = start;
  if (name.count == 0) apposition = AppositionStart(start, &country);
  // An apposition with "a" ends at punctuation: "Bali Road Map, a
  // Ministry official said" names no official.
  const bool indefinite = apposition < start && IsIndefiniteArticle(tokens_[apposition].norm);
  // "..., an additional secretary in India's Department of Commerce and
  // its chief negotiator": a second apposition joined by "and".
  const bool second_apposition =
      end + 1 < tokens_.size() && tokens_[end].norm == "and" &&
      (tokens_[end + 1].norm == "its" || tokens_[end + 1].norm == "the" ||
       IsIndefiniteArticle(tokens_[end + 1].norm));
  // ("..., a senior foreign ministry official who oversees consular
  // affairs, ...": a relative clause closes it too.)
  const bool closed = !indefinite || end >= tokens_.size() || !article_.Joined(end) ||
                      OrganizationRunClosesAt(end) || second_apposition ||
                      tokens_[end].norm == "who";
  if (name.count == 0 && apposition > 0 && article_.CommaBefore(apposition) && closed) {
    const size_t first = PersonNameEndingAt(article_, apposition - 1);
    if (first != std::string::npos) {
      name = {first, apposition - first};
      rule = "apposition";
    }
  }
  // "days after Ramesh Venkataraman took over as India's Ambassador", "when
  // Anand Mohan Tiwari was CBI director": the name before a verb that
  // gives it the title (connectors.txt predicative).
  // ("X is President Trump's pick", "the President's choice": the title is
  // another's, named or possessive, after it.)
  const bool title_of_another =
      end < tokens_.size() &&
      (article_.Possessive(end - 1) || (article_.Joined(end) && tokens_[end].capitalized));
  if (name.count == 0 && apposition > 0 && !title_of_another) {
    const size_t first = NameBeforePredicate(apposition);
    if (first != std::string::npos) {
      size_t cue = first;
      while (cue < apposition && !lexicon_.IsPredicativeWord(tokens_[cue].norm)) ++cue;
      name = {first, cue - first};
      rule = "predicative title";
    }
  }
  if (name.count == 0) return false;
  // "a former director general", "ex-Secretary": a position no longer
  // held names no official.
  for (size_t t = rule == "apposition" ? apposition : start; t < head; ++t) {
    if (tokens_[t].norm == "former") return false;
  }
  if (start > 0 && tokens_[start - 1].norm == "ex" && article_.Gap(start) == "-") return false;
  const int64_t name_start = tokens_[name.first].start;
  const int64_t name_end = tokens_[name.first + name.count - 1].end;
  out->name = PersonNameText(article_, name.first, name.count);
  // The title without the country words.
  size_t title_first = start;
  while (title_first < head) {
    size_t last = 0;
    if (article_.CountryStartingAt(title_first, &last).empty()) break;
    title_first = last + 1;
  }
  while (title_first < head && lexicon_.IsConnector(tokens_[title_first].norm)) ++title_first;
  out->title = std::string(
      article_.text().substr(tokens_[title_first].start, title_end - tokens_[title_first].start));
  out->organization_id =
      OrganizationInTitle(rule == "apposition" ? apposition : start, end, &out->organization_name);
  out->country_id = country;
  out->name_start = name_start;
  out->name_end = name_end;
  // An apposition's quote starts with the name's honorific or rank ("led
  // by Shri Prakash Iyer, Joint Secretary"), so that the words before it
  // are read as the words before the official.
  size_t name_quote_first = name.first;
  while (rule == "apposition" && name_quote_first > 0 &&
         IsNamePrefix(article_, tokens_[name_quote_first - 1]) &&
         !absl::StrContains(article_.Gap(name_quote_first), ',')) {
    --name_quote_first;
  }
  out->quote_start = std::min<int64_t>(title_start, tokens_[name_quote_first].start);
  out->quote_end = std::max(title_end, name_end);
  out->rule = rule;
  const bool lowercase_title = !tokens_[head].capitalized;
  out->confidence = rule == "apposition" ? 0.8 : lowercase_title ? 0.75 : 0.9;
  return true;
}

size_t OfficialFinder::NameBeforePredicate(size_t title_first) const {
  // Up to three predicative words ("was", "took over as", "was appointed
  // as") right before the title, one of them no "as" ("X as Director" is
  // a role in an act, not a title held).
  size_t cue = title_first;
  bool verb = false;
  while (cue > 0 && title_first - cue < 3 && article_.Joined(cue) &&
         lexicon_.IsPredicativeWord(tokens_[cue - 1].norm)) {
    --cue;
    // ("was", "as" only with a verb that gives the post: "was appointed";
    // "when X was Prime Minister" tells of a post held once.)
    const absl::string_view w = tokens_[cue].norm;
    verb = verb || (w != "as" && w != "was" && w != "over");
  }
  if (cue == title_first || !verb || cue == 0 || !article_.Joined(cue)) return std::string::npos;
  const size_t first = PersonNameEndingAt(article_, cue - 1);
  if (first == std::string::npos) return first;
  // ("Accompanying Rubio was ...": a participle, no name.)
  if (absl::EndsWith(tokens_[first].norm, "ing")) return std::string::npos;
  // (A name after a title of its own has that title: "Secretary X was in
  // Delhi".)
  const size_t before = SkipBackNamePrefixes(first);
  if (before > 0 && article_.Joined(before) && article_.IsTitleWord(tokens_[before - 1])) {
    return std::string::npos;
  }
  return first;
}

size_t OfficialFinder::SkipBackNamePrefixes(size_t first) const {
  while (first > 0 && IsNamePrefix(article_, tokens_[first - 1]) && article_.Joined(first)) --first;
  return first;
}

// The official named by tokens [first, first + count) under a title that
// starts at token title_first (marked in *in_name).
ExtractedOfficial OfficialFinder::TitledName(size_t title_first, std::string title, size_t first,
                                             size_t count, absl::string_view rule,
                                             double confidence, std::vector<bool>* in_name) const {
  ExtractedOfficial official;
  official.name = PersonNameText(article_, first, count);
  official.title = std::move(title);
  official.name_start = tokens_[first].start;
  official.name_end = tokens_[first + count - 1].end;
  official.quote_start = tokens_[title_first].start;
  official.quote_end = official.name_end;
  official.rule = std::string(rule);
  official.confidence = confidence;
  for (size_t k = first; k < first + count; ++k) (*in_name)[k] = true;
  return official;
}

// "Rear Admiral Kiran Deshmukh", "Adm. Takuya Mori", "Group Captain
// Arjun Rathore": a rank before a name is a title of its own, for names
// no title head found. in_name marks the tokens of the names found.
void OfficialFinder::AddRankedOfficials(std::vector<bool>* in_name,
                                        std::vector<ExtractedOfficial>* officials) const {
  for (size_t t = 0; t < tokens_.size(); ++t) {
    if (!tokens_[t].capitalized || !IsNamePrefix(article_, tokens_[t]) || (*in_name)[t]) continue;
    // "Director General (NIA) Ravi Menon": a title's word, not a rank.
    if (t > 0 && article_.Joined(t) && article_.IsTitleWord(tokens_[t - 1])) continue;
    const size_t first = SkipNamePrefixes(article_, t);
    bool ranked = false;   // "Working Group", "Dr." alone are no rank
    bool retired = false;  // "Lt Gen (retd) X": a former officer, no official now
    for (size_t k = t; k < first; ++k) {
      ranked = ranked || lexicon_.IsRank(tokens_[k].norm);
      retired = retired || tokens_[k].norm == "retd" || tokens_[k].norm == "retired";
    }
    if (retired) ranked = false;
    const size_t count = ranked ? PersonNameAt(article_, first) : 0;
    if (count == 0 || (*in_name)[first]) {
      t = std::max(t, first);
      continue;
    }
    officials->push_back(TitledName(t, std::string(article_.TextOf(t, first - 1)), first, count,
                                    "rank before name", 0.8, in_name));
    t = first + count - 1;
  }
}

// "Representatives Gregory Tanaka-Willis of California, Darnell
// Okonkwo-Price of Ohio, and Priya Ramaswamy-Clarke", "Senators X and Y":
// a plural title right before a list of names is each one's, in the
// singular ("of California" after a name is skipped: CountryAfterName
// reads it). The list ends at the first item that is no name.
void OfficialFinder::AddListedOfficials(std::vector<bool>* in_name,
                                        std::vector<ExtractedOfficial>* officials) const {
  constexpr int kMaxNames = 8;
  for (size_t t = 0; t + 1 < tokens_.size(); ++t) {
    const std::string& plural = tokens_[t].norm;
    if (!tokens_[t].capitalized || plural.size() < 4 || plural.back() != 's' ||
        !lexicon_.IsTitleHead(plural.substr(0, plural.size() - 1)) || !article_.Joined(t + 1)) {
      continue;
    }
    // ("Former Presidents X and Y": not officials now; "US Senators X and
    // Y": of the country before the title.)
    if (t > 0 && article_.Joined(t) && lexicon_.IsTitleModifier(tokens_[t - 1].norm)) continue;
    // (Not in a headline before the dateline: "Sports Envoys Conclude
    // Basketball Program".)
    if (tokens_[t].start < article_.dateline_end()) continue;
    size_t country_first = 0;
    const std::string country =
        t > 0 && article_.Joined(t) ? article_.CountryEndingAt(t - 1, &country_first) : "";
    const absl::string_view written = article_.TextOf(t, t);
    const std::string title(written.substr(0, written.size() - 1));
    size_t u = t + 1;
    for (int n = 0; n < kMaxNames && u < tokens_.size(); ++n) {
      // The list ends at one named with an honorific or a rank ("..., and
      // Dr. X, a physician"), or described by an apposition.
      const size_t first = u;
      if (first < tokens_.size() && IsNamePrefix(article_, tokens_[first])) break;
      const size_t count = first < tokens_.size() ? PersonNameAt(article_, first) : 0;
      if (count == 0 || (*in_name)[first]) break;
      const bool apposition =
          first + count + 1 < tokens_.size() && article_.CommaBefore(first + count) &&
          (tokens_[first + count].norm == "a" || tokens_[first + count].norm == "an" ||
           tokens_[first + count].norm == "the");
      if (apposition && n > 0) break;
      officials->push_back(
          TitledName(t, title, first, count, "plural title before a list of names", 0.75, in_name));
      if (!country.empty()) {
        officials->back().country_id = country;
        officials->back().rule += ", country before the title";
      }
      u = first + count;
      // ("Sports Envoys X, a former WNBA guard, and Y": past the first
      // one's apposition, to its closing comma.)
      while (apposition && u < tokens_.size() && !article_.CommaBefore(u + 1)) ++u;
      if (apposition) ++u;
      // "of California"; "(Republican-Ohio)": the state's country is theirs.
      if (u + 1 < tokens_.size() && tokens_[u].norm == "of" && article_.Joined(u)) {
        ++u;
        while (u < tokens_.size() && tokens_[u].capitalized && article_.Joined(u)) ++u;
      } else if (u + 1 < tokens_.size() && article_.ParenBefore(u)) {
        ExtractedOfficial& listed = officials->back();
        for (size_t k = u; k < tokens_.size() && k < u + 6; ++k) {
          size_t last = 0;
          const std::string place = article_.PlaceStartingAt(k, &last);
          if (listed.country_id.empty() && !place.empty()) {
            listed.country_id = place;
            listed.rule += ", country from the state in parentheses";
          }
          if (article_.Gap(k + 1).find(')') != absl::string_view::npos) {
            u = k + 1;
            break;
          }
        }
      }
      // ", Y", ", and Y", "and Y" (after a closing parenthesis too).
      if (u >= tokens_.size()) break;
      const absl::string_view gap = absl::StripAsciiWhitespace(
          absl::StripPrefix(absl::StripAsciiWhitespace(article_.Gap(u)), ")"));
      const bool comma = gap == ",";
      if (tokens_[u].norm == "and" && (comma || gap.empty())) {
        ++u;
      } else if (!comma) {
        break;
      }
    }
    t = std::max(t, u > 0 ? u - 1 : t);
  }
}

// "Lydia Castellane-Brooks, who heads the White House Office of Science
// and Technology Policy", "Tarun Bhasin, who heads the India Semiconductor
// Mission": the head of a named organization (one with an organization's
// head word, or an acronym), of its country.
void OfficialFinder::AddHeadsOfOrganizations(std::vector<bool>* in_name,
                                             std::vector<ExtractedOfficial>* officials) const {
  for (size_t t = 2; t + 2 < tokens_.size(); ++t) {
    const absl::string_view verb = tokens_[t + 1].norm;
    if (tokens_[t].norm != "who" || !article_.CommaBefore(t) ||
        (verb != "heads" && verb != "leads" && verb != "chairs" && verb != "directs")) {
      continue;
    }
    const size_t first = PersonNameEndingAt(article_, t - 1);
    if (first == std::string::npos || (*in_name)[first]) continue;
    size_t org = t + 2;
    if (tokens_[org].norm == "the" && org + 1 < tokens_.size()) ++org;
    size_t end = org;  // one past the organization's last word
    while (end < tokens_.size() && (end == org || article_.Joined(end))) {
      if (tokens_[end].capitalized) {
        ++end;
      } else if (lexicon_.IsConnector(tokens_[end].norm) && end + 1 < tokens_.size() &&
                 tokens_[end + 1].capitalized && article_.Joined(end + 1)) {
        end += 2;
      } else {
        break;
      }
    }
    if (end == org) continue;
    const Token& last = tokens_[end - 1];
    bool named = last.all_caps && last.norm.size() > 1;  // "the NIA"
    for (size_t k = org; k < end && !named; ++k) {
      named = tokens_[k].capitalized && lexicon_.IsOrganizationHead(tokens_[k].norm);
    }
    if (!named) continue;
    const size_t count = t - first;
    ExtractedOfficial official;
    official.name = PersonNameText(article_, first, count);
    official.title = "Head";
    official.organization_name = std::string(article_.TextOf(org, end - 1));
    official.name_start = tokens_[first].start;
    official.name_end = tokens_[t - 1].end;
    official.quote_start = official.name_start;
    official.quote_end = last.end;
    official.rule = "head of an organization";
    official.confidence = 0.75;
    for (size_t k = first; k < t; ++k) (*in_name)[k] = true;
    officials->push_back(std::move(official));
  }
}

// "Secretary Oyelaran-Fisk" after "Dr. Miriam Oyelaran-Fisk": a hyphenated
// surname reads as a name of two words, but it is the surname of a person
// named before in full, and so a short reference to them (the title
// before it stays the mention's quote).
void OfficialFinder::FoldHyphenatedSurnames(std::vector<ExtractedOfficial>* officials) {
  for (ExtractedOfficial& o : *officials) {
    if (o.name.find('-') == std::string::npos || o.name.find(' ') != std::string::npos) continue;
    const std::string key = NormalizeName(o.name);
    for (const ExtractedOfficial& full : *officials) {
      if (full.name_start >= o.name_start || full.rule.rfind("short reference", 0) == 0) continue;
      const size_t space = full.name.rfind(' ');
      if (space == std::string::npos || NormalizeName(full.name.substr(space + 1)) != key) {
        continue;
      }
      ExtractedOfficial reference = full;
      reference.name_start = o.name_start;
      reference.name_end = o.name_end;
      reference.quote_start = o.quote_start;
      reference.quote_end = o.quote_end;
      reference.rule = "short reference";
      reference.confidence = std::min(0.6, full.confidence);
      o = std::move(reference);
      break;
    }
  }
}

// "Napolitano" after "Janet Napolitano" was found: the same person.
// in_name marks the tokens of the names found.
void OfficialFinder::AddShortReferences(const std::vector<bool>& in_name,
                                        std::vector<ExtractedOfficial>* officials) const {
  const size_t found = officials->size();
  for (size_t i = 0; i < tokens_.size(); ++i) {
    if (in_name[i] || !tokens_[i].capitalized) continue;
    for (size_t k = 0; k < found; ++k) {
      const ExtractedOfficial& full = (*officials)[k];
      if (tokens_[i].start <= full.name_start) continue;
      const std::vector<std::string> words = NormalizedWords(full.name);
      if (words.empty() || words.back() != tokens_[i].norm) continue;
      // "Ms. Lalrinpuii Ralte" again: the full name repeated is a mention
      // of its own (a surname alone is one only when no other name
      // word is joined to it).
      const size_t repeated = FullNameEndingAt(i, words);
      if (repeated == std::string::npos && PartOfLongerName(i)) continue;
      ExtractedOfficial reference = full;
      // "Ellsworth-Reyes": the whole hyphenated surname is the mention.
      size_t first = i;
      while (first > 0 && article_.Gap(first) == "-" && tokens_[first - 1].capitalized) --first;
      if (repeated != std::string::npos) first = repeated;
      reference.name_start = reference.quote_start = tokens_[first].start;
      reference.name_end = reference.quote_end = tokens_[i].end;
      reference.rule = "short reference";
      reference.confidence = std::min(0.6, full.confidence);
      officials->push_back(std::move(reference));
      break;
    }
  }
}

// "Foreign Secretary held talks ...", "the minister said": a title with no
// name of its own refers to the one person named before with that title
// (its head word and every other word of it are words of theirs;
// countries agree). Lowercase titles refer only after "the"; none refers
// when two people could be meant.
void OfficialFinder::AddTitleReferences(const std::vector<bool>& in_name,
                                        std::vector<ExtractedOfficial>* officials) const {
  const size_t found = officials->size();
  for (size_t head = 0; head < tokens_.size(); ++head) {
    if (!lexicon_.IsTitleHead(tokens_[head].norm) || in_name[head] ||
        (head + 1 < tokens_.size() && lexicon_.IsTitleHead(tokens_[head + 1].norm) &&
         article_.Joined(head + 1)) ||
        InsideAnOfficial(head, *officials, found)) {
      continue;
    }
    ExtractedOfficial named;
    if (MatchAt(head, &named)) continue;
    std::string country;
    const size_t start = TitleStart(head, &country);
    std::string unused;
    const size_t end = TitleEnd(head, &unused);
    const absl::string_view before = start > 0 ? absl::string_view(tokens_[start - 1].norm) : "";
    // ("its Chief of Rehabilitation": someone else's title.)
    if (IsIndefiniteArticle(before) || before == "its" ||
        (!tokens_[head].capitalized && before != "the")) {
      continue;
    }
    std::vector<std::string> words;
    size_t first_word = end;  // the mention starts there: "The Indian minister"
    for (size_t t = start; t < end; ++t) {
      size_t country_last = 0;
      if (!article_.CountryStartingAt(t, &country_last).empty()) {
        t = country_last;
      } else if (!lexicon_.IsConnector(tokens_[t].norm) && tokens_[t].norm != "the") {
        words.push_back(tokens_[t].norm);
        first_word = std::min(first_word, t);
      }
    }
    const ExtractedOfficial* antecedent = nullptr;
    bool ambiguous = false;
    for (size_t k = 0; k < found && !ambiguous; ++k) {
      const ExtractedOfficial& o = (*officials)[k];
      if (o.name_start >= tokens_[start].start || !WordsOfTitle(words, o.title) ||
          (!country.empty() && !o.country_id.empty() && country != o.country_id)) {
        continue;
      }
      if (antecedent != nullptr && NameKey(antecedent->name) != NameKey(o.name)) {
        ambiguous = true;
      }
      antecedent = &o;
    }
    if (antecedent == nullptr || ambiguous) continue;
    officials->push_back(
        ReferenceTo(*antecedent, first_word, end, antecedent->title, "title reference"));
    head = end - 1;
  }
}

// "The following day, the Vice Admiral toured the centre": a rank after
// "the" and before no name is the one official named before with that
// rank right before their name; the rank is the mention's title.
void OfficialFinder::AddRankReferences(const std::vector<bool>& in_name,
                                       std::vector<ExtractedOfficial>* officials) const {
  const size_t found = officials->size();
  auto rank_word = [&](size_t k) {
    return tokens_[k].capitalized &&
           (lexicon_.IsRank(tokens_[k].norm) || lexicon_.IsRankPart(tokens_[k].norm));
  };
  for (size_t t = 1; t < tokens_.size(); ++t) {
    if (tokens_[t - 1].norm != "the" || in_name[t] || !rank_word(t)) continue;
    size_t end = t + 1;
    while (end < tokens_.size() && article_.Joined(end) && rank_word(end)) ++end;
    bool ranked = false;  // ("the Group" alone is no rank)
    for (size_t k = t; k < end; ++k) ranked = ranked || lexicon_.IsRank(tokens_[k].norm);
    if (!ranked || (end < tokens_.size() && tokens_[end].capitalized && article_.Joined(end))) {
      continue;
    }
    // ("the Commander of the US Seventh Fleet, Vice Admiral X": a post, not
    // a reference; "the Commander" alone may be anyone's post.)
    const absl::string_view one = tokens_[t].norm;
    if ((end < tokens_.size() && (tokens_[end].norm == "of" || article_.CommaBefore(end))) ||
        (end == t + 1 && (one == "commander" || one == "commandant" || one == "captain"))) {
      continue;
    }
    const size_t length = end - t;
    const ExtractedOfficial* antecedent = nullptr;
    bool ambiguous = false;
    for (size_t k = 0; k < found && !ambiguous; ++k) {
      const ExtractedOfficial& o = (*officials)[k];
      const size_t name = article_.TokenStartingAt(o.name_start);
      if (o.name_start >= tokens_[t].start || name >= tokens_.size() || name < length) continue;
      bool same = true;
      for (size_t i = 0; i < length && same; ++i) {
        same = tokens_[name - length + i].norm == tokens_[t + i].norm &&
               article_.Joined(name - length + i + 1);
      }
      if (!same) continue;
      ambiguous = antecedent != nullptr && NameKey(antecedent->name) != NameKey(o.name);
      antecedent = &o;
    }
    if (antecedent == nullptr || ambiguous) continue;
    officials->push_back(ReferenceTo(*antecedent, t, end, std::string(article_.TextOf(t, end - 1)),
                                     "rank reference"));
    t = end - 1;
  }
}

// A mention of antecedent by tokens [first, end) that hold no name (a
// title or rank), with that title.
ExtractedOfficial OfficialFinder::ReferenceTo(const ExtractedOfficial& antecedent, size_t first,
                                              size_t end, std::string title,
                                              absl::string_view rule) const {
  ExtractedOfficial reference = antecedent;
  reference.title = std::move(title);
  reference.name_start = reference.quote_start = tokens_[first].start;
  reference.name_end = reference.quote_end = tokens_[end - 1].end;
  reference.rule = std::string(rule);
  reference.confidence = std::min(0.6, antecedent.confidence);
  return reference;
}

// Whether token t lies inside the title or name of one of the first
// `count` officials.
bool OfficialFinder::InsideAnOfficial(size_t t, const std::vector<ExtractedOfficial>& officials,
                                      size_t count) const {
  for (size_t k = 0; k < count; ++k) {
    if (tokens_[t].start >= officials[k].quote_start && tokens_[t].end <= officials[k].quote_end) {
      return true;
    }
  }
  return false;
}

// "He also called on ...", "On Tuesday, she met ...": a personal pronoun
// that opens a sentence (or its first clause) refers to the first official
// the sentence before named. officials is in text order.
void OfficialFinder::AddPronounReferences(std::vector<ExtractedOfficial>* officials) const {
  const std::vector<Sentence>& sentences = article_.sentences();
  officials->reserve(officials->size() + sentences.size());  // antecedent stays valid
  for (size_t k = 1; k < sentences.size(); ++k) {
    const size_t pronoun = SentencePronoun(sentences[k]);
    if (pronoun == std::string::npos) continue;
    const Sentence& before = sentences[k - 1];
    // The first official of the sentence before, pronouns resolved there included.
    const ExtractedOfficial* antecedent = nullptr;
    for (const ExtractedOfficial& official : *officials) {
      if (official.name_start >= tokens_[before.first].start &&
          official.name_end <= tokens_[before.end - 1].end &&
          !article_.Quoted(official.name_start) &&
          (antecedent == nullptr || official.name_start < antecedent->name_start)) {
        antecedent = &official;
      }
    }
    if (antecedent == nullptr) continue;
    ExtractedOfficial reference = *antecedent;
    reference.name_start = reference.quote_start = tokens_[pronoun].start;
    reference.name_end = reference.quote_end = tokens_[pronoun].end;
    reference.rule = "short reference (pronoun)";
    reference.confidence = std::min(0.6, antecedent->confidence);
    officials->push_back(std::move(reference));
  }
}

// The pronoun token that opens sentence s or its first clause ("He
// met", "Later, she met"); npos if none.
size_t OfficialFinder::SentencePronoun(const Sentence& s) const {
  if (lexicon_.IsPronoun(tokens_[s.first].norm)) return s.first;
  for (size_t t = s.first + 1; t < s.end && t < s.first + 8; ++t) {
    if (absl::StrContains(article_.Gap(t), ',')) {
      return lexicon_.IsPronoun(tokens_[t].norm) ? t : std::string::npos;
    }
  }
  return std::string::npos;
}

// Where words (a full name, normalized) start if they end at token i,
// joined as a name and with no other name word joined around them; npos
// otherwise.
size_t OfficialFinder::FullNameEndingAt(size_t i, const std::vector<std::string>& words) const {
  if (words.size() < 2 || i + 1 < words.size()) return std::string::npos;
  const size_t first = i + 1 - words.size();
  for (size_t k = 0; k < words.size(); ++k) {
    if (tokens_[first + k].norm != words[k]) return std::string::npos;
    if (k > 0 && !article_.JoinedInName(first + k)) return std::string::npos;
  }
  const bool longer_before =
      first > 0 && tokens_[first - 1].capitalized && article_.JoinedInName(first) &&
      !IsNamePrefix(article_, tokens_[first - 1]) &&
      !lexicon_.IsConnector(tokens_[first - 1].norm) && !article_.IsTitleWord(tokens_[first - 1]);
  const bool longer_after =
      i + 1 < tokens_.size() && tokens_[i + 1].capitalized && article_.Joined(i + 1);
  return longer_before || longer_after ? std::string::npos : first;
}

// Token i is part of a longer name ("Barack Obama" is not "Obama" alone).
// An acronym of a title before a surname ("DAS Prescott", "EAM Rao") is
// no part of a name.
bool OfficialFinder::PartOfLongerName(size_t i) const {
  const bool title_acronym = i > 0 && tokens_[i - 1].all_caps && tokens_[i - 1].norm.size() >= 2 &&
                             tokens_[i - 1].norm.size() <= 4;
  return (i > 0 && tokens_[i - 1].capitalized && article_.Joined(i) &&
          !lexicon_.IsConnector(tokens_[i - 1].norm) && !article_.IsTitleWord(tokens_[i - 1]) &&
          !IsNamePrefix(article_, tokens_[i - 1]) && !title_acronym) ||
         (i + 1 < tokens_.size() && tokens_[i + 1].capitalized && article_.Joined(i + 1));
}

}  // namespace official_finder_internal

std::vector<ExtractedOfficial> FindOfficials(const ArticleText& article) {
  return official_finder_internal::OfficialFinder(article).Find();
}

void ShareCountries(std::vector<ExtractedOfficial>* officials) {
  absl::flat_hash_map<std::string, std::pair<double, std::string>> best;  // name key -> country
  for (const ExtractedOfficial& o : *officials) {
    if (o.country_id.empty()) continue;
    auto& b = best[NameKey(o.name)];
    if (o.confidence > b.first) b = {o.confidence, o.country_id};
  }
  for (ExtractedOfficial& o : *officials) {
    if (!o.country_id.empty()) continue;
    auto it = best.find(NameKey(o.name));
    if (it == best.end()) continue;
    o.country_id = it->second.second;
    o.rule += ", country from another mention";
  }
}

}  // namespace parley
