// Title phrases: where an official's title starts and ends (complements,
// parentheses, lists, titles of unknown words), appositions and the
// organizations a title names. OfficialFinder's members (official_finder.h).
#include <string>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "service/base/normalize.h"
#include "service/extract/date_phrases.h"
#include "service/extract/official_finder.h"
#include "service/extract/person_names.h"

namespace parley {
namespace official_finder_internal {

// Where the title of head starts: the modifiers, subject words and
// capitalized words before it ("Acting US Deputy Secretary", "IT and
// Communication Minister", "homeland security secretary", "CERT-In
// Director General"), or a possessive country ("India's"), which
// *country receives.
size_t OfficialFinder::TitleStart(size_t head, std::string* country) const {
  size_t start = head;
  while (start > 0 && head - start < 7 && article_.Joined(start)) {
    const Token& t = tokens_[start - 1];
    size_t country_first = start - 1;
    std::string c = article_.CountryEndingAt(start - 1, &country_first);
    if (!c.empty()) {
      *country = c;
      start = country_first;
      continue;  // "Acting US Deputy Secretary": modifiers may come before it
    }
    const bool title_like =
        lexicon_.IsTitleModifier(t.norm) || lexicon_.IsSubjectWord(t.norm) ||
        lexicon_.IsTitleHead(t.norm) ||
        (t.capitalized && !lexicon_.IsFunctionWord(t.norm) && head - start < 4 &&
         PersonNameEndingAt(article_, start - 1) == std::string::npos) ||
        (lexicon_.IsConnector(t.norm) && start >= 2 && tokens_[start - 2].capitalized);
    if (!title_like) break;
    --start;
  }
  // "U.S. Ambassador", "Assistant U.S. Trade Representative": a country
  // written with dots (single letters) ends in one; "... of India. Deputy
  // Secretary" is a sentence's end.
  if (country->empty() && start > 0 && absl::StripAsciiWhitespace(article_.Gap(start)) == "." &&
      article_.Joined(start) == false && tokens_[start - 1].norm.size() == 1) {
    size_t country_first = 0;
    const std::string c = article_.CountryEndingAt(start - 1, &country_first);
    if (!c.empty() && !absl::StrContains(article_.Gap(start), '\n')) {
      *country = c;
      start = country_first;
      while (start > 0 && article_.Joined(start) &&
             (lexicon_.IsTitleModifier(tokens_[start - 1].norm) ||
              lexicon_.IsTitleHead(tokens_[start - 1].norm))) {
        --start;
      }
    }
  }
  // "Vice-Chancellor", "Vice-President": a modifier joined by a hyphen.
  while (start > 0 && start <= head && article_.Gap(start) == "-" &&
         lexicon_.IsTitleModifier(tokens_[start - 1].norm)) {
    --start;
  }
  // "CERT-In Director": an acronym written with a hyphen is one name.
  while (start > 0 && start < head && absl::StripAsciiWhitespace(article_.Gap(start)) == "-" &&
         tokens_[start - 1].capitalized) {
    --start;
  }
  while (start < head && lexicon_.IsConnector(tokens_[start].norm)) ++start;
  // A possessive country just before, maybe with a space: "India's Ambassador".
  if (country->empty() && start > 0 && article_.Possessive(start - 1)) {
    size_t first = 0;
    *country = article_.CountryEndingAt(start - 1, &first);
    if (!country->empty()) start = first;
  }
  return start;
}

// One past the title of head: its complements "of/for/to/in/at [the]
// <subject words, countries, capitalized words>", maybe several: "Deputy
// Assistant Secretary of State for International Cyberspace Security".
// *complement_country receives the first country a complement names (but
// for "to": where the official serves). Complements may follow a
// parenthesized part: "Joint Secretary (Americas) in the Ministry of
// External Affairs".
size_t OfficialFinder::TitleEnd(size_t head, std::string* complement_country) const {
  size_t end =
      ComplementsEnd(ParenthesizedEnd(ComplementsEnd(FixedTitleEnd(head + 1), complement_country)),
                     complement_country);
  // "Secretary, Ministry of Mines": a release's title names its ministry
  // after a comma ("Secretary, Department of Biotechnology (DBT), Dr. X").
  if (end + 1 < tokens_.size() && article_.CommaBefore(end) && tokens_[end].capitalized &&
      lexicon_.IsOrganizationHead(tokens_[end].norm) && tokens_[end + 1].norm == "of") {
    const size_t of_end = ComplementsEnd(end + 1, complement_country);
    if (of_end > end + 1) end = ParenthesizedEnd(of_end);
  }
  // "Chief Commissioner of Customs, Chennai Zone, Smt. Lalitha V.": words
  // between two commas before an honorific and a name are the title's.
  if (article_.CommaBefore(end)) {
    const size_t run_end = CapitalizedComplementEnd(end);
    if (run_end > end && run_end < tokens_.size() && article_.CommaBefore(run_end) &&
        lexicon_.IsHonorific(tokens_[run_end].norm)) {
      end = run_end;
    }
  }
  return end;
}

// One past the words that always follow a title's head, from token i:
// "Special Agent in Charge", "Charge d'Affaires a.i." (ad interim),
// "Ambassador-at-Large"; i if none.
size_t OfficialFinder::FixedTitleEnd(size_t i) const {
  // "Ambassador-at-Large for Cyberspace ...".
  if (i + 1 < tokens_.size() && tokens_[i].norm == "at" && tokens_[i + 1].norm == "large" &&
      article_.Gap(i) == "-" && article_.Gap(i + 1) == "-") {
    return i + 2;
  }
  if (i + 1 < tokens_.size() && tokens_[i].norm == "in" && tokens_[i + 1].norm == "charge" &&
      article_.Joined(i) && article_.Joined(i + 1)) {
    return i + 2;
  }
  if (i + 1 < tokens_.size() && tokens_[i].norm == "a" && tokens_[i + 1].norm == "i" &&
      article_.Joined(i) && absl::StripAsciiWhitespace(article_.Gap(i + 1)) == ".") {
    return i + 2;
  }
  return i;
}

// "ambassador to the U.S., Meenakshi Raghavan": a comma after an
// abbreviation's dot.
bool OfficialFinder::CommaAfterAbbreviation(size_t i) const {
  return i > 0 && i < tokens_.size() && tokens_[i - 1].norm.size() == 1 &&
         absl::StripAsciiWhitespace(article_.Gap(i)) == ".,";
}

// Token i follows "a.i." (ad interim) closing a title: "Charge d'Affaires
// a.i. of the US Embassy", "... a.i. Meredith Lindgren".
bool OfficialFinder::AfterAdInterim(size_t i) const {
  return i >= 2 && i < tokens_.size() && tokens_[i - 1].norm == "i" && tokens_[i - 2].norm == "a" &&
         absl::StripAsciiWhitespace(article_.Gap(i)) == "." &&
         !absl::StrContains(article_.Gap(i), '\n');
}

// Token i continues the words before it: only spaces between them, or a
// possessive after a country ("of India's Ministry of Defence").
bool OfficialFinder::JoinedOrPossessiveCountry(size_t i, bool after_country) const {
  if (article_.Joined(i)) return true;
  if (!after_country || i == 0 || !article_.Possessive(i - 1)) return false;
  absl::string_view gap = article_.Gap(i);
  gap.remove_prefix(absl::StartsWith(gap, "'s") ? 2 : 4);  // "'s" or "’s"
  return !gap.empty() && absl::StripAsciiWhitespace(gap).empty();
}

// One past a run of capitalized words at token i that names what a
// title's complement names though the lexicons do not know its words:
// up to its last organization head ("of the CHIPS Program Office", "of
// the Human Space Flight Centre (HSFC)"), or the whole run when a comma
// and a person's name close it ("for Terrorist Financing and Financial
// Crimes, Ezekiel Okafor-Brandt"; "of Ports, Shipping and Waterways,
// Shri ..."). i itself if neither.
size_t OfficialFinder::CapitalizedComplementEnd(size_t i) const {
  size_t j = i, after_head = i;
  // An organization's head closes the run only before any "and": "...
  // Climate Policy Daniel Okoro-Hayes and National Security Council" is a
  // name and another's title.
  bool joined_by_connector = false;
  for (; j < tokens_.size() && j < i + 10; ++j) {
    const bool listed = j > i && article_.CommaBefore(j) && ListContinuesAt(j);
    if (j > i && !article_.Joined(j) && !listed &&
        !(article_.Gap(j) == "-" && tokens_[j].capitalized)) {
      break;
    }
    const Token& t = tokens_[j];
    // "Bharat 6G Alliance": a number with a capital letter is a name's word.
    const bool numbered_name = !t.norm.empty() && absl::ascii_isdigit(t.norm[0]) &&
                               absl::c_any_of(article_.TextOf(j, j), absl::ascii_isupper);
    if (t.capitalized || numbered_name) {
      if (lexicon_.IsTitleHead(t.norm) || IsNamePrefix(article_, t) || MonthOf(t) > 0 ||
          WeekdayOf(t.norm) >= 0) {
        break;
      }
      if (lexicon_.IsOrganizationHead(t.norm) && !joined_by_connector) after_head = j + 1;
      continue;
    }
    if (!(lexicon_.IsConnector(t.norm) && j + 1 < tokens_.size() && tokens_[j + 1].capitalized &&
          article_.Joined(j + 1))) {
      break;
    }
    joined_by_connector = true;
  }
  while (j > i && !tokens_[j - 1].capitalized) --j;
  if (after_head > i) return after_head;
  // "at USAID Dr. Yolanda Brisbane-Okeke": an honorific starts the name.
  const bool honorific_next = j < tokens_.size() && article_.Joined(j) &&
                              lexicon_.IsHonorific(tokens_[j].norm) && tokens_[j].capitalized;
  // ("Deputy Secretary of State Christopher Landau, Ambassador Vinay
  // Kwatra": a run that ends in a person's name is that person, not the
  // title's.)
  if (j > i && j < tokens_.size() && (article_.CommaBefore(j) || honorific_next) &&
      PersonNameEndingAt(article_, j - 1) == std::string::npos) {
    const size_t first = SkipNamePrefixes(article_, j);
    if (first > j || !honorific_next) {
      if (PersonNameAt(article_, first) > 0) return j;
    }
  }
  return i;
}

// "Ports, | Shipping and Waterways": after the comma at token j, one
// capitalized word and then "and" (or another such comma) continue a list
// of a name's parts.
bool OfficialFinder::ListContinuesAt(size_t j) const {
  return j + 2 < tokens_.size() && tokens_[j].capitalized &&
         !lexicon_.IsTitleHead(tokens_[j].norm) && !IsNamePrefix(article_, tokens_[j]) &&
         ((tokens_[j + 1].norm == "and" && article_.Joined(j + 1) && tokens_[j + 2].capitalized) ||
          article_.CommaBefore(j + 1));
}

// One past the complements that start at token end (end if none).
size_t OfficialFinder::ComplementsEnd(size_t end, std::string* complement_country) const {
  // "Joint Secretary (Americas) in the Ministry ...": a complement may
  // follow the title's parenthesized part.
  for (int complements = 0; complements < 3 && end < tokens_.size() &&
                            (article_.Joined(end) || AfterAdInterim(end) ||
                             absl::StripAsciiWhitespace(article_.Gap(end)) == ")");
       ++complements) {
    const std::string& word = tokens_[end].norm;
    if (!lexicon_.IsTitleComplementWord(word)) break;
    const bool to = word == "to";
    size_t i = end + 1;
    if (i < tokens_.size() && tokens_[i].norm == "the" && article_.Joined(i)) ++i;
    size_t last_good = 0;
    bool after_country = false;
    // "Political-Military Affairs": subject words may be hyphenated.
    while (i < tokens_.size() &&
           (JoinedOrPossessiveCountry(i, after_country) ||
            (article_.Gap(i) == "-" && IsSubjectOrOrganizationWord(i)) ||
            (last_good == i && article_.CommaBefore(i) && ListContinuesAt(i)))) {
      after_country = false;
      size_t country_last = 0;
      std::string c = article_.CountryStartingAt(i, &country_last);
      if (!c.empty()) {
        if (!to && complement_country->empty()) *complement_country = c;
        i = country_last + 1;
        last_good = i;
        after_country = true;
        continue;
      }
      // "Consul General in Chennai": where the post is (no country of theirs).
      if (size_t place_last = 0;
          word == "in" && !article_.PlaceStartingAt(i, &place_last).empty()) {
        i = place_last + 1;
        last_good = i;
        continue;
      }
      if (IsSubjectOrOrganizationWord(i) ||
          (lexicon_.IsConnector(tokens_[i].norm) && i + 1 < tokens_.size() &&
           IsSubjectOrOrganizationWord(i + 1))) {
        ++i;
        if (!lexicon_.IsConnector(tokens_[i - 1].norm)) last_good = i;
        continue;
      }
      if (const size_t run_end = CapitalizedComplementEnd(i); run_end > i) {
        i = last_good = run_end;
        continue;
      }
      break;
    }
    if (last_good == 0) break;
    // ("the Minister at Technology Bhawan": a building's name, cut short,
    // is no complement.)
    if (last_good < tokens_.size() && article_.Joined(last_good) &&
        tokens_[last_good].capitalized && lexicon_.IsPlaceHead(tokens_[last_good].norm)) {
      break;
    }
    end = last_good;
  }
  return end;
}

// One past a parenthesized part of a title that starts at token end
// ("Joint Secretary (Counter Terrorism)", "Director General (NIA)",
// "Secretary (Defence Production)"): capitalized words, at most four;
// end itself if there is none.
size_t OfficialFinder::ParenthesizedEnd(size_t end) const {
  if (end >= tokens_.size() || !article_.ParenBefore(end) ||
      absl::StrContains(article_.Gap(end), ',')) {
    return end;
  }
  // "President (Barack) Obama": a first name, not part of the title
  // ("Joint Secretary (Americas) Smita Harikrishnan": a full name follows).
  // "Secretary (West) Shri Pavan Kumar Rathi": an honorific after the
  // parenthesis starts the name.
  if (end + 1 < tokens_.size() && CloseParenBefore(end + 1) && !tokens_[end].all_caps &&
      !article_.IsTitleWord(tokens_[end]) && tokens_[end + 1].capitalized &&
      !IsNamePrefix(article_, tokens_[end + 1]) && PersonNameAt(article_, end + 1) < 2) {
    return end;
  }
  // ("(Mumbai Zone-II)": hyphenated words too.)
  for (size_t t = end; t < tokens_.size() && t < end + 4; ++t) {
    if (!tokens_[t].capitalized && !lexicon_.IsConnector(tokens_[t].norm)) return end;
    if (t + 1 < tokens_.size() && CloseParenBefore(t + 1)) return t + 1;
    if (t + 1 < tokens_.size() && !article_.Joined(t + 1) && article_.Gap(t + 1) != "-") {
      return end;
    }
  }
  return end;
}

// A closing parenthesis (maybe with a comma) alone separates token i from
// the one before.
bool OfficialFinder::CloseParenBefore(size_t i) const {
  const absl::string_view gap = absl::StripAsciiWhitespace(article_.Gap(i));
  return gap == ")" || gap == "),";
}

// "X, a senior fellow at the Hudson Institute, said": words at token
// end that name where the person works — "at" or "of", maybe "the",
// then only capitalized words (and connectors) up to punctuation.
bool OfficialFinder::OrganizationRunClosesAt(size_t end) const {
  // Or the rest of a name the title's complement began ("at the Center |
  // for Strategic and International Studies", "at the Strategic | Studies
  // Center").
  if (end >= tokens_.size()) return false;
  size_t t = end;
  if (tokens_[end].norm == "at" || tokens_[end].norm == "of") {
    ++t;
    if (t < tokens_.size() && tokens_[t].norm == "the" && article_.Joined(t)) ++t;
  } else if (!tokens_[end].capitalized && !lexicon_.IsConnector(tokens_[end].norm)) {
    return false;
  }
  size_t capitalized = 0;
  for (; t < tokens_.size() && (t == end || article_.Joined(t)) && t < end + 12; ++t) {
    if (tokens_[t].capitalized) {
      ++capitalized;
    } else if (!lexicon_.IsConnector(tokens_[t].norm)) {
      return false;
    }
  }
  return capitalized > 0 && (t >= tokens_.size() || !article_.Joined(t));
}

// Where an apposition's title starts, before start: a possessive
// organization or country and "the" ("the State Department's acting
// coordinator", "NASA's associate administrator", "the Indian foreign
// ministry's joint secretary"); start if there is none. A country the
// phrase names goes to *country if it has none.
size_t OfficialFinder::AppositionStart(size_t start, std::string* country) const {
  size_t k = start;
  if (k > 0 && article_.Possessive(k - 1)) {
    --k;
    // ("the Department of Homeland Security's attache": connectors inside.)
    while (k > 0 && start - k < 7 && article_.Joined(k) &&
           (tokens_[k - 1].capitalized || IsSubjectOrOrganizationWord(k - 1) ||
            lexicon_.IsTitleModifier(tokens_[k - 1].norm) ||
            (k >= 2 && lexicon_.IsOrganizationConnector(tokens_[k - 1].norm) &&
             tokens_[k].capitalized && tokens_[k - 2].capitalized))) {
      --k;
    }
    // (Not from a connector: "Kurian, and Tidewater's chief executive".)
    while (k < start && lexicon_.IsOrganizationConnector(tokens_[k].norm)) ++k;
    for (size_t t = k; t < start && country->empty(); ++t) {
      size_t last = 0;
      *country = article_.CountryStartingAt(t, &last);
    }
  }
  // "the", "an additional secretary", "a senior official", "its Chief of
  // Rehabilitation" (of the place just named).
  auto article_word = [&](size_t t) {
    return tokens_[t].norm == "the" || IsIndefiniteArticle(tokens_[t].norm) ||
           tokens_[t].norm == "its";
  };
  // "the White House deputy national security adviser": an organization's
  // capitalized words between "the" and the title (two at most).
  if (k == start) {
    size_t j = k;
    while (j > 0 && k - j < 2 && article_.Joined(j) && tokens_[j - 1].capitalized &&
           !IsNamePrefix(article_, tokens_[j - 1])) {
      --j;
    }
    if (j < k && j > 0 && tokens_[j - 1].norm == "the" && article_.Joined(j)) k = j;
  }
  if (k > 0 && article_word(k - 1) && article_.Joined(k)) --k;
  return k;
}

bool OfficialFinder::IsSubjectOrOrganizationWord(size_t i) const {
  return lexicon_.IsSubjectWord(tokens_[i].norm) || lexicon_.IsOrganizationHead(tokens_[i].norm);
}

// Capitalized words the lexicons do not know may end a title too:
// "Special Envoy for Climate Change Todd Stern". The name is then the
// last two words of the run (three with an initial).
NameTokens OfficialFinder::NameEndingAnUnknownTitle(size_t head) const {
  if (head + 1 >= tokens_.size() || !article_.Joined(head + 1) ||
      !lexicon_.IsUnknownTitleComplementWord(tokens_[head + 1].norm)) {
    return {};
  }
  const size_t run = head + 2;
  size_t i = run;
  // The run stops at a date ("... Jennifer Ashworth on Tuesday").
  // "... Response and Recovery Marcus Delacroix-Penn": hyphenated words too.
  while (i < tokens_.size() &&
         (article_.Joined(i) || (article_.Gap(i) == "-" && tokens_[i].capitalized)) &&
         (tokens_[i].capitalized || ConnectorInsideUnknownTitle(i)) &&
         !article_.Possessive(i - 1) && MonthOf(tokens_[i]) == 0 &&
         WeekdayOf(tokens_[i].norm) < 0) {
    ++i;
  }
  // "... and Scientific Affairs Dr. Caroline Westbrook": the name follows
  // its honorific.
  if (i < tokens_.size() && i > run && IsNamePrefix(article_, tokens_[i - 1])) {
    const size_t named = SkipNamePrefixes(article_, i - 1);
    const size_t count = PersonNameAt(article_, named);
    if (count > 0) return {named, count};
  }
  if (i < run + 3) return {};
  size_t first = i - 2;
  if (article_.Gap(i - 1) == "-") --first;  // "Marcus Delacroix-Penn"
  if (first > run + 1 && tokens_[first - 1].norm.size() == 1) --first;
  // "Vice President for India at Lockheed Martin": a name right after "at"
  // is where the person works.
  if (!tokens_[first - 1].capitalized) return {};
  if (PersonNameAt(article_, first) != i - first) return {};
  return {first, i - first};
}

// A connector before a capitalized word that is no initials, country or
// title word: "Envoy for Climate and Energy".
bool OfficialFinder::ConnectorInsideUnknownTitle(size_t i) const {
  return lexicon_.IsConnector(tokens_[i].norm) && i + 1 < tokens_.size() &&
         MonthOf(tokens_[i + 1]) == 0 && WeekdayOf(tokens_[i + 1].norm) < 0 &&
         tokens_[i + 1].capitalized && !tokens_[i + 1].all_caps &&
         lexicon_.CountryOf(tokens_[i + 1].norm).empty() &&
         !lexicon_.IsTitleHead(tokens_[i + 1].norm) &&
         !lexicon_.IsTitleModifier(tokens_[i + 1].norm);
}

// The organization named inside tokens [first, end) of a title: a known
// one (longest first), else "" with *name set to words that look like one.
std::string OfficialFinder::OrganizationInTitle(size_t first, size_t end, std::string* name) const {
  for (size_t length = std::min<size_t>(end - first, 8); length >= 1; --length) {
    for (size_t s = first; s + length <= end; ++s) {
      std::string key;
      for (size_t t = s; t < s + length; ++t) key += tokens_[t].norm;
      if (const ExtractionLexicon::KnownOrganization* org = lexicon_.FindTitleOrganization(key)) {
        *name = std::string(article_.TextOf(s, s + length - 1));
        return org->id;
      }
    }
  }
  for (size_t s = first; s < end; ++s) {
    if (lexicon_.IsOrganizationHead(tokens_[s].norm) && tokens_[s].capitalized) {
      size_t last = s;
      while (last + 1 < end && article_.Joined(last + 1) &&
             (tokens_[last + 1].capitalized || lexicon_.IsConnector(tokens_[last + 1].norm))) {
        ++last;
      }
      while (last > s && lexicon_.IsConnector(tokens_[last].norm)) --last;
      *name = std::string(article_.TextOf(s, last));
      return "";
    }
  }
  return "";
}

}  // namespace official_finder_internal
}  // namespace parley
