#include "service/extract/organizations.h"

#include <algorithm>
#include <string>
#include <utility>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/ascii.h"
#include "service/base/normalize.h"
#include "service/extract/date_phrases.h"

namespace parley {
namespace {

class OrganizationFinder {
 public:
  OrganizationFinder(const ArticleText& article, const std::vector<ExtractedOfficial>& officials)
      : article_(article),
        tokens_(article.tokens()),
        lexicon_(article.lexicon()),
        in_name_(tokens_.size(), false) {
    // People's names are no part of an organization's ("Todd Stern and
    // Ministry Secretary T Chatterjee").
    for (const ExtractedOfficial& o : officials) {
      for (size_t t = 0; t < tokens_.size(); ++t) {
        if (tokens_[t].start >= o.name_start && tokens_[t].end <= o.name_end) in_name_[t] = true;
      }
    }
  }

  std::vector<ExtractedOrganization> Find() && {
    FindNamesWithOrganizationWords();
    // Known organizations named by an acronym or a name without an
    // organization word ("CERT-In", "DHS").
    for (size_t i = 0; i < tokens_.size(); ++i) {
      if (tokens_[i].capitalized) i = KnownNameAt(i);
    }
    std::sort(found_.begin(), found_.end(),
              [](const ExtractedOrganization& a, const ExtractedOrganization& b) {
                return a.start < b.start;
              });
    return std::move(found_);
  }

 private:
  // Names around an organization word ("Cybersecurity and Infrastructure
  // Security Agency", "Ministry of External Affairs"), each once.
  void FindNamesWithOrganizationWords() {
    for (size_t head = 0; head < tokens_.size(); ++head) {
      if (!tokens_[head].capitalized || !lexicon_.IsOrganizationHead(tokens_[head].norm)) continue;
      if (in_name_[head]) continue;
      const size_t first = NameStart(head);
      std::string country;
      const size_t last = NameEnd(head, &country);
      // A single word is no name ("the Ministry"), unless "X Ministry".
      if (first == last) continue;
      // A leading country or demonym is part of the name ("Indian Computer
      // Emergency Response Team") and says whose it is.
      size_t country_last = 0;
      if (const std::string c = article_.CountryStartingAt(first, &country_last); !c.empty()) {
        if (country.empty()) country = c;
        if (country_last >= last) continue;
      }
      std::string rule_country;
      if (country.empty()) country = PossessiveOwnerCountry(first, &rule_country);
      size_t end_token = last;
      ExtractedOrganization org = Describe(first, last, country, rule_country, &end_token);
      if (!seen_.insert(NameKey(org.name)).second) continue;
      if (!org.acronym.empty()) seen_.insert(NameKey(org.acronym));
      found_.push_back(std::move(org));
      head = end_token;
    }
  }

  // Where the name of the organization word at head starts, backwards:
  // capitalized words and inner connectors ("Cybersecurity and
  // Infrastructure Security Agency").
  size_t NameStart(size_t head) const {
    size_t first = head;
    while (first > 0 && article_.Joined(first) && !in_name_[first - 1]) {
      const Token& t = tokens_[first - 1];
      if (t.capitalized && !lexicon_.IsFunctionWord(t.norm) && !lexicon_.IsTitleHead(t.norm) &&
          MonthOf(t) == 0) {
        --first;
      } else if (first >= 2 && ConnectorInside(first - 1) && tokens_[first - 2].capitalized &&
                 !lexicon_.IsFunctionWord(tokens_[first - 2].norm) && !in_name_[first - 2] &&
                 !LeftConjunctHasOrganizationWord(first - 2)) {
        // (An organization word ends a name: "Anna University and Purdue
        // University" are two.)
        --first;
      } else {
        break;
      }
    }
    return first;
  }

  // Token k joins two parts of a name, before a capitalized word.
  bool ConnectorInside(size_t k) const {
    return k + 1 < tokens_.size() && article_.Joined(k) && article_.Joined(k + 1) &&
           lexicon_.IsOrganizationConnector(tokens_[k].norm) && tokens_[k + 1].capitalized;
  }

  // Whether the capitalized run ending at token last (connectors inside)
  // holds an organization word: "Indian Institute of Technology Bombay" and
  // "Anna University" end names of their own before "and".
  bool LeftConjunctHasOrganizationWord(size_t last) const {
    // (An organization word that opens the run is a modifier: "Army Rapid
    // Capabilities and Critical Technologies Office".)
    bool head = false;
    for (size_t k = last + 1; k-- > 0;) {
      if (!tokens_[k].capitalized && !lexicon_.IsOrganizationConnector(tokens_[k].norm)) break;
      const bool opens =
          k == 0 || !article_.Joined(k) ||
          (!tokens_[k - 1].capitalized && !lexicon_.IsOrganizationConnector(tokens_[k - 1].norm));
      if (lexicon_.IsOrganizationHead(tokens_[k].norm) && tokens_[k].capitalized && !opens) {
        head = true;
      }
      if (opens) break;
    }
    return head;
  }

  // Where the name of the organization word at head ends, forwards: "of/for
  // <subject words or a country>" ("Ministry of External Affairs", "Cyber
  // Security Agency of Singapore"); *country receives the country "of" names.
  size_t NameEnd(size_t head, std::string* country) const {
    size_t last = head;
    for (size_t k = head + 1; k < tokens_.size() && article_.Joined(k);) {
      const std::string& w = tokens_[k].norm;
      if (lexicon_.IsOrganizationConnector(w) && k + 1 < tokens_.size() && article_.Joined(k + 1)) {
        size_t country_last = 0;
        const std::string c = article_.CountryStartingAt(k + 1, &country_last);
        if (!c.empty() && w == "of") {
          *country = c;
          return country_last;
        }
        if (lexicon_.IsSubjectWord(tokens_[k + 1].norm) ||
            lexicon_.IsOrganizationHead(tokens_[k + 1].norm)) {
          last = k + 1;
          k += 2;
          continue;
        }
        break;
      }
      if (tokens_[k].capitalized && (lexicon_.IsSubjectWord(w) || lexicon_.IsOrganizationHead(w))) {
        last = k;
        ++k;
        continue;
      }
      break;
    }
    return last;
  }

  // The country of a possessive before the name at first: a country's
  // ("India's National ... Centre") or an organization's found before
  // ("DHS' National Cyber Security Division"; *rule_country then says so).
  std::string PossessiveOwnerCountry(size_t first, std::string* rule_country) const {
    const absl::string_view text = article_.text();
    if (first == 0 ||
        !(article_.Possessive(first - 1) || text.substr(tokens_[first - 1].end, 1) == "'" ||
          text.substr(tokens_[first - 1].end, 3) == "\xE2\x80\x99")) {
      return "";
    }
    size_t unused = 0;
    std::string country = article_.CountryEndingAt(first - 1, &unused);
    for (const ExtractedOrganization& parent : found_) {
      if (country.empty() && (parent.acronym == tokens_[first - 1].norm ||
                              NameKey(parent.acronym) == tokens_[first - 1].norm)) {
        country = parent.country_id;
        *rule_country = ", country of its parent";
      }
    }
    return country;
  }

  // "U.S. firm Meridian Subsea Inc", "Mumbai-based Sagarlink Marine
  // Services": the country the words before a company's name give it; "" if
  // none.
  std::string CountryOfCompany(size_t first) const {
    if (first >= 2 && lexicon_.IsCompanyNoun(tokens_[first - 1].norm)) {
      size_t unused = 0;
      return article_.CountryEndingAt(first - 2, &unused);
    }
    if (first >= 2 && tokens_[first - 1].norm == "based" && article_.Gap(first - 1) == "-") {
      // The place's words end right before "-based".
      for (size_t start = first - 2 + 1; start-- > 0 && first - 2 - start < 3;) {
        size_t last = 0;
        std::string country = article_.PlaceStartingAt(start, &last);
        if (!country.empty() && last == first - 2) return country;
        country = article_.CountryStartingAt(start, &last);
        if (!country.empty() && last == first - 2) return country;
      }
    }
    return "";
  }

  // The organization named by tokens [first, last] with its acronym (whose
  // last token *end_token receives), country, rule and confidence.
  ExtractedOrganization Describe(size_t first, size_t last, const std::string& country,
                                 const std::string& rule_country, size_t* end_token) const {
    ExtractedOrganization org;
    org.name = std::string(article_.TextOf(first, last));
    org.acronym = AcronymAfter(last, end_token);
    org.start = tokens_[first].start;
    org.end = tokens_[*end_token].end;
    if (!org.acronym.empty() && article_.text().substr(org.end, 1) == ")") ++org.end;
    org.country_id = country;
    org.rule = !org.acronym.empty() ? "name with acronym"
               : lexicon_.IsOrganizationHead(tokens_[first].norm)
                   ? "ministry or department"
                   : "name with an organization word";
    org.rule += rule_country;
    org.confidence = !org.acronym.empty() ? 0.85 : 0.7;
    if (org.country_id.empty()) {
      org.country_id = lexicon_.CountryOfTitle(NormalizeName(org.name));
      if (!org.country_id.empty()) org.rule += ", country from the name";
    }
    if (org.country_id.empty()) {
      org.country_id = CountryOfCompany(first);
      if (!org.country_id.empty()) org.rule += ", country of the firm";
    }
    // "Virginia Port Authority", "Mumbai Port Trust": a place opens the name.
    size_t place_last = 0;
    if (org.country_id.empty()) {
      org.country_id = article_.PlaceStartingAt(first, &place_last);
      if (!org.country_id.empty()) org.rule += ", country of the place it is named for";
    }
    if (const ExtractionLexicon::KnownOrganization* known = KnownAs(org, first, last)) {
      org.known_id = known->id;
      if (org.country_id.empty()) org.country_id = known->country_id;
      org.rule += ", known";
      org.confidence = 0.95;
    }
    if (org.country_id.empty() && !article_.dateline_country().empty()) {
      org.country_id = article_.dateline_country();
      org.rule += ", country from the dateline";
      org.confidence -= 0.15;
    }
    return org;
  }

  // The known organization org (tokens [first, last]) is, by name or
  // acronym; nullptr if none.
  const ExtractionLexicon::KnownOrganization* KnownAs(const ExtractedOrganization& org,
                                                      size_t first, size_t last) const {
    const ExtractionLexicon::KnownOrganization* known =
        lexicon_.FindOrganization(NameKey(org.name));
    if (known == nullptr && !org.acronym.empty()) {
      known = lexicon_.FindOrganization(NameKey(org.acronym));
    }
    size_t country_last = 0;
    if (known == nullptr && !article_.CountryStartingAt(first, &country_last).empty()) {
      // "US Department of Homeland Security" is known as "Department of ...".
      known = lexicon_.FindOrganization(NameKey(article_.TextOf(country_last + 1, last)));
    }
    return known;
  }

  // The acronym in parentheses right after token last, e.g. "(CISA)",
  // "(CERT-In)": its text, with its last token in *acronym_last; or "".
  std::string AcronymAfter(size_t last, size_t* acronym_last) const {
    if (last + 1 >= tokens_.size() || absl::StripAsciiWhitespace(article_.Gap(last + 1)) != "(") {
      return "";
    }
    size_t k = last + 1;
    while (k + 1 < tokens_.size() && k < last + 4 &&
           absl::StripAsciiWhitespace(article_.Gap(k + 1)) == "-") {
      ++k;
    }
    if (k + 1 < tokens_.size() &&
        absl::StripAsciiWhitespace(article_.Gap(k + 1)).substr(0, 1) != ")") {
      return "";
    }
    if (k + 1 == tokens_.size() && article_.text().substr(tokens_[k].end, 1) != ")") return "";
    const std::string acronym(article_.TextOf(last + 1, k));
    int capitals = 0;
    for (char c : acronym) capitals += absl::ascii_isupper(static_cast<unsigned char>(c)) ? 1 : 0;
    if (capitals < 2 || acronym.size() > 12) return "";
    *acronym_last = k;
    return acronym;
  }

  // A known organization's name or acronym starting at token i (longest
  // first), added unless found already. Returns the last token it takes (i
  // if none).
  size_t KnownNameAt(size_t i) {
    for (size_t length = std::min<size_t>(6, tokens_.size() - i); length >= 1; --length) {
      std::string key;
      bool joined = true;
      for (size_t t = i; t < i + length; ++t) {
        if (t > i && !article_.Joined(t) && absl::StripAsciiWhitespace(article_.Gap(t)) != "-") {
          joined = false;
        }
        key += tokens_[t].norm;
      }
      if (!joined) continue;
      if (length == 1 && !tokens_[i].all_caps && tokens_[i].norm.size() < 4) continue;
      const ExtractionLexicon::KnownOrganization* known = lexicon_.FindOrganization(key);
      if (known == nullptr || seen_.contains(key)) continue;
      bool have = false;
      for (const ExtractedOrganization& o : found_) have = have || o.known_id == known->id;
      seen_.insert(key);
      if (have) return i;
      ExtractedOrganization org;
      org.name = std::string(article_.TextOf(i, i + length - 1));
      org.known_id = known->id;
      org.country_id = known->country_id;
      org.start = tokens_[i].start;
      org.end = tokens_[i + length - 1].end;
      org.rule = "known name";
      org.confidence = 0.9;
      found_.push_back(std::move(org));
      return i + length - 1;
    }
    return i;
  }

  const ArticleText& article_;
  const std::vector<Token>& tokens_;
  const ExtractionLexicon& lexicon_;
  std::vector<bool> in_name_;              // tokens of officials' names
  absl::flat_hash_set<std::string> seen_;  // name keys of what was found
  std::vector<ExtractedOrganization> found_;
};

}  // namespace

std::vector<ExtractedOrganization> FindOrganizations(
    const ArticleText& article, const std::vector<ExtractedOfficial>& officials) {
  return OrganizationFinder(article, officials).Find();
}

}  // namespace parley
