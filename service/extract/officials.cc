#include "service/extract/officials.h"

#include <algorithm>
#include <string>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/ascii.h"
#include "service/base/normalize.h"
#include "service/extract/person_names.h"

namespace parley {
namespace {

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
    AddShortReferences(in_name, &officials);
    std::sort(officials.begin(), officials.end(),
              [](const ExtractedOfficial& a, const ExtractedOfficial& b) {
                return a.name_start < b.name_start;
              });
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
    // The name: right after the title (maybe after a comma or a parenthesis).
    if (end < tokens_.size() &&
        (article_.Joined(end) || article_.CommaBefore(end) || article_.ParenBefore(end))) {
      name.count = PersonNameAt(article_, end);
      if (name.count > 0) name.first = end;
    }
    if (name.count == 0) {
      name = NameEndingAnUnknownTitle(head);
      if (name.count > 0) end = name.first;
    }
    if (country.empty()) country = complement_country;
    const int64_t title_start = tokens_[start].start;
    const int64_t title_end = tokens_[end - 1].end;
    std::string rule = "title before name";
    // Before the title after a comma (apposition: "Jane Holl Lute, Deputy
    // Secretary ...").
    if (name.count == 0 && start > 0 && article_.CommaBefore(start)) {
      const size_t first = PersonNameEndingAt(article_, start - 1);
      if (first != std::string::npos) {
        name = {first, start - first};
        rule = "apposition";
      }
    }
    if (name.count == 0) return false;
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
    out->organization_id = OrganizationInTitle(start, end, &out->organization_name);
    out->country_id = country;
    out->name_start = name_start;
    out->name_end = name_end;
    out->quote_start = std::min(title_start, name_start);
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
  // for "to": where the official serves).
  size_t TitleEnd(size_t head, std::string* complement_country) const {
    size_t end = head + 1;
    for (int complements = 0; complements < 3 && end < tokens_.size() && article_.Joined(end);
         ++complements) {
      const std::string& word = tokens_[end].norm;
      if (!lexicon_.IsTitleComplementWord(word)) break;
      const bool to = word == "to";
      size_t i = end + 1;
      if (i < tokens_.size() && tokens_[i].norm == "the" && article_.Joined(i)) ++i;
      size_t last_good = 0;
      while (i < tokens_.size() && article_.Joined(i)) {
        size_t country_last = 0;
        std::string c = article_.CountryStartingAt(i, &country_last);
        if (!c.empty()) {
          if (!to && complement_country->empty()) *complement_country = c;
          i = country_last + 1;
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
        break;
      }
      if (last_good == 0) break;
      end = last_good;
    }
    return end;
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
    while (i < tokens_.size() && article_.Joined(i) &&
           (tokens_[i].capitalized || ConnectorInsideUnknownTitle(i)) &&
           !article_.Possessive(i - 1)) {
      ++i;
    }
    if (i < run + 3) return {};
    size_t first = i - 2;
    if (first > run + 1 && tokens_[first - 1].norm.size() == 1) --first;
    if (PersonNameAt(article_, first) != i - first) return {};
    return {first, i - first};
  }

  // A connector before a capitalized word that is no initials, country or
  // title word: "Envoy for Climate and Energy".
  bool ConnectorInsideUnknownTitle(size_t i) const {
    return lexicon_.IsConnector(tokens_[i].norm) && i + 1 < tokens_.size() &&
           tokens_[i + 1].capitalized && !tokens_[i + 1].all_caps &&
           lexicon_.CountryOf(tokens_[i + 1].norm).empty() && !article_.IsTitleWord(tokens_[i + 1]);
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
        if (PartOfLongerName(i)) continue;
        ExtractedOfficial reference = full;
        reference.name_start = reference.quote_start = tokens_[i].start;
        reference.name_end = reference.quote_end = tokens_[i].end;
        reference.rule = "short reference";
        reference.confidence = std::min(0.6, full.confidence);
        officials->push_back(std::move(reference));
        break;
      }
    }
  }

  // Token i is part of a longer name ("Barack Obama" is not "Obama" alone).
  bool PartOfLongerName(size_t i) const {
    return (i > 0 && tokens_[i - 1].capitalized && article_.Joined(i) &&
            !lexicon_.IsConnector(tokens_[i - 1].norm) && !article_.IsTitleWord(tokens_[i - 1])) ||
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
