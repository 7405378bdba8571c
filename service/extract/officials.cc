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
#include "service/extract/person_names.h"
#include "service/extract/quote_support.h"

namespace parley {
namespace {

// "a", "an": an indefinite title names no one person by itself.
bool IsIndefiniteArticle(absl::string_view norm) { return norm == "a" || norm == "an"; }

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

  std::vector<ExtractedOfficial> Find() const {
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
      for (const ExtractedOfficial& o : officials)
        seen = seen || o.name_start == official.name_start;
      if (seen) continue;
      for (size_t t = 0; t < tokens_.size(); ++t) {
        if (tokens_[t].start >= official.name_start && tokens_[t].end <= official.name_end) {
          in_name[t] = true;
        }
      }
      officials.push_back(std::move(official));
    }
    AddRankedOfficials(&in_name, &officials);
    AddHeadsOfOrganizations(&in_name, &officials);
    FoldHyphenatedSurnames(&officials);
    AddShortReferences(in_name, &officials);
    AddTitleReferences(in_name, &officials);
    auto by_position = [](const ExtractedOfficial& a, const ExtractedOfficial& b) {
      return a.name_start < b.name_start;
    };
    std::sort(officials.begin(), officials.end(), by_position);
    AddPronounReferences(&officials);
    std::sort(officials.begin(), officials.end(), by_position);
    ShareCountries(&officials);
    return officials;
  }

 private:
  // The official whose title's head word is token head, if any.
  bool MatchAt(size_t head, ExtractedOfficial* out) const {
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
    out->organization_id = OrganizationInTitle(rule == "apposition" ? apposition : start, end,
                                               &out->organization_name);
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

  // Where the title of head starts: the modifiers, subject words and
  // capitalized words before it ("Acting US Deputy Secretary", "IT and
  // Communication Minister", "homeland security secretary", "CERT-In
  // Director General"), or a possessive country ("India's"), which
  // *country receives.
  size_t TitleStart(size_t head, std::string* country) const {
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
  size_t TitleEnd(size_t head, std::string* complement_country) const {
    size_t end = ComplementsEnd(
        ParenthesizedEnd(ComplementsEnd(FixedTitleEnd(head + 1), complement_country)),
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
  size_t FixedTitleEnd(size_t i) const {
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
  bool CommaAfterAbbreviation(size_t i) const {
    return i > 0 && i < tokens_.size() && tokens_[i - 1].norm.size() == 1 &&
           absl::StripAsciiWhitespace(article_.Gap(i)) == ".,";
  }

  // Token i follows "a.i." (ad interim) closing a title: "Charge d'Affaires
  // a.i. of the US Embassy", "... a.i. Meredith Lindgren".
  bool AfterAdInterim(size_t i) const {
    return i >= 2 && i < tokens_.size() && tokens_[i - 1].norm == "i" &&
           tokens_[i - 2].norm == "a" && absl::StripAsciiWhitespace(article_.Gap(i)) == "." &&
           !absl::StrContains(article_.Gap(i), '\n');
  }

  // Token i continues the words before it: only spaces between them, or a
  // possessive after a country ("of India's Ministry of Defence").
  bool JoinedOrPossessiveCountry(size_t i, bool after_country) const {
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
  size_t CapitalizedComplementEnd(size_t i) const {
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
  bool ListContinuesAt(size_t j) const {
    return j + 2 < tokens_.size() && tokens_[j].capitalized &&
           !lexicon_.IsTitleHead(tokens_[j].norm) && !IsNamePrefix(article_, tokens_[j]) &&
           ((tokens_[j + 1].norm == "and" && article_.Joined(j + 1) &&
             tokens_[j + 2].capitalized) ||
            article_.CommaBefore(j + 1));
  }

  // One past the complements that start at token end (end if none).
  size_t ComplementsEnd(size_t end, std::string* complement_country) const {
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
  size_t ParenthesizedEnd(size_t end) const {
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
  bool CloseParenBefore(size_t i) const {
    const absl::string_view gap = absl::StripAsciiWhitespace(article_.Gap(i));
    return gap == ")" || gap == "),";
  }

  // "X, a senior fellow at the Hudson Institute, said": words at token
  // end that name where the person works — "at" or "of", maybe "the",
  // then only capitalized words (and connectors) up to punctuation.
  bool OrganizationRunClosesAt(size_t end) const {
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
  size_t AppositionStart(size_t start, std::string* country) const {
    size_t k = start;
    if (k > 0 && article_.Possessive(k - 1)) {
      --k;
      while (k > 0 && start - k < 5 && article_.Joined(k) &&
             (tokens_[k - 1].capitalized || IsSubjectOrOrganizationWord(k - 1) ||
              lexicon_.IsTitleModifier(tokens_[k - 1].norm))) {
        --k;
      }
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

  bool IsSubjectOrOrganizationWord(size_t i) const {
    return lexicon_.IsSubjectWord(tokens_[i].norm) || lexicon_.IsOrganizationHead(tokens_[i].norm);
  }

  // Capitalized words the lexicons do not know may end a title too:
  // "Special Envoy for Climate Change Todd Stern". The name is then the
  // last two words of the run (three with an initial).
  NameTokens NameEndingAnUnknownTitle(size_t head) const {
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
  bool ConnectorInsideUnknownTitle(size_t i) const {
    return lexicon_.IsConnector(tokens_[i].norm) && i + 1 < tokens_.size() &&
           MonthOf(tokens_[i + 1]) == 0 && WeekdayOf(tokens_[i + 1].norm) < 0 &&
           tokens_[i + 1].capitalized && !tokens_[i + 1].all_caps &&
           lexicon_.CountryOf(tokens_[i + 1].norm).empty() &&
           !lexicon_.IsTitleHead(tokens_[i + 1].norm) &&
           !lexicon_.IsTitleModifier(tokens_[i + 1].norm);
  }

  // The organization named inside tokens [first, end) of a title: a known
  // one (longest first), else "" with *name set to words that look like one.
  std::string OrganizationInTitle(size_t first, size_t end, std::string* name) const {
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

  // "Rear Admiral Kiran Deshmukh", "Adm. Takuya Mori", "Group Captain
  // Arjun Rathore": a rank before a name is a title of its own, for names
  // no title head found. in_name marks the tokens of the names found.
  void AddRankedOfficials(std::vector<bool>* in_name,
                          std::vector<ExtractedOfficial>* officials) const {
    for (size_t t = 0; t < tokens_.size(); ++t) {
      if (!tokens_[t].capitalized || !IsNamePrefix(article_, tokens_[t]) || (*in_name)[t]) continue;
      // "Director General (NIA) Ravi Menon": a title's word, not a rank.
      if (t > 0 && article_.Joined(t) && article_.IsTitleWord(tokens_[t - 1])) continue;
      const size_t first = SkipNamePrefixes(article_, t);
      bool ranked = false;  // "Working Group", "Dr." alone are no rank
      for (size_t k = t; k < first; ++k) ranked = ranked || lexicon_.IsRank(tokens_[k].norm);
      const size_t count = ranked ? PersonNameAt(article_, first) : 0;
      if (count == 0 || (*in_name)[first]) {
        t = std::max(t, first);
        continue;
      }
      ExtractedOfficial official;
      official.name = PersonNameText(article_, first, count);
      official.title = std::string(article_.TextOf(t, first - 1));
      official.name_start = tokens_[first].start;
      official.name_end = tokens_[first + count - 1].end;
      official.quote_start = tokens_[t].start;
      official.quote_end = official.name_end;
      official.rule = "rank before name";
      official.confidence = 0.8;
      for (size_t k = first; k < first + count; ++k) (*in_name)[k] = true;
      officials->push_back(std::move(official));
      t = first + count - 1;
    }
  }

  // "Lydia Castellane-Brooks, who heads the White House Office of Science
  // and Technology Policy", "Tarun Bhasin, who heads the India Semiconductor
  // Mission": the head of a named organization (one with an organization's
  // head word, or an acronym), of its country.
  void AddHeadsOfOrganizations(std::vector<bool>* in_name,
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
  static void FoldHyphenatedSurnames(std::vector<ExtractedOfficial>* officials) {
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
  void AddShortReferences(const std::vector<bool>& in_name,
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
  void AddTitleReferences(const std::vector<bool>& in_name,
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
      ExtractedOfficial reference = *antecedent;
      reference.name_start = reference.quote_start = tokens_[first_word].start;
      reference.name_end = reference.quote_end = tokens_[end - 1].end;
      reference.rule = "title reference";
      reference.confidence = std::min(0.6, antecedent->confidence);
      officials->push_back(std::move(reference));
      head = end - 1;
    }
  }

  // Whether token t lies inside the title or name of one of the first
  // `count` officials.
  bool InsideAnOfficial(size_t t, const std::vector<ExtractedOfficial>& officials,
                        size_t count) const {
    for (size_t k = 0; k < count; ++k) {
      if (tokens_[t].start >= officials[k].quote_start &&
          tokens_[t].end <= officials[k].quote_end) {
        return true;
      }
    }
    return false;
  }

  // "He also called on ...", "On Tuesday, she met ...": a personal pronoun
  // that opens a sentence (or its first clause) refers to the first official
  // the sentence before named. officials is in text order.
  void AddPronounReferences(std::vector<ExtractedOfficial>* officials) const {
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
  size_t SentencePronoun(const Sentence& s) const {
    if (lexicon_.IsPronoun(tokens_[s.first].norm)) return s.first;
    for (size_t t = s.first + 1; t < s.end && t < s.first + 5; ++t) {
      if (absl::StrContains(article_.Gap(t), ',')) {
        return lexicon_.IsPronoun(tokens_[t].norm) ? t : std::string::npos;
      }
    }
    return std::string::npos;
  }

  // Where words (a full name, normalized) start if they end at token i,
  // joined as a name and with no other name word joined around them; npos
  // otherwise.
  size_t FullNameEndingAt(size_t i, const std::vector<std::string>& words) const {
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
  bool PartOfLongerName(size_t i) const {
    const bool title_acronym = i > 0 && tokens_[i - 1].all_caps &&
                               tokens_[i - 1].norm.size() >= 2 && tokens_[i - 1].norm.size() <= 4;
    return (i > 0 && tokens_[i - 1].capitalized && article_.Joined(i) &&
            !lexicon_.IsConnector(tokens_[i - 1].norm) && !article_.IsTitleWord(tokens_[i - 1]) &&
            !IsNamePrefix(article_, tokens_[i - 1]) && !title_acronym) ||
           (i + 1 < tokens_.size() && tokens_[i + 1].capitalized && article_.Joined(i + 1));
  }

  const ArticleText& article_;
  const std::vector<Token>& tokens_;
  const ExtractionLexicon& lexicon_;
};

}  // namespace

std::vector<ExtractedOfficial> FindOfficials(const ArticleText& article) {
  return OfficialFinder(article).Find();
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
