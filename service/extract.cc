#include "extract.h"

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "normalize.h"
#include "text_tokens.h"

namespace parley {
namespace {

std::string NormalizeEntry(absl::string_view entry) {
  return absl::StrJoin(NormalizedWords(entry), " ");
}

absl::StatusOr<std::vector<std::string>> ReadList(const std::filesystem::path& path) {
  std::ifstream in(path);
  if (!in) {
    return absl::InvalidArgumentError(
        absl::StrCat(path.string(), ": cannot read the lexicon (one entry per line)"));
  }
  std::vector<std::string> entries;
  std::string line;
  while (std::getline(in, line)) {
    absl::string_view entry = absl::StripAsciiWhitespace(line.substr(0, line.find('#')));
    if (!entry.empty()) entries.emplace_back(entry);
  }
  if (entries.empty()) {
    return absl::InvalidArgumentError(absl::StrCat(path.string(), ": the lexicon is empty"));
  }
  return entries;
}

// Words that join a title's parts: "Minister of External Affairs".
bool IsConnector(absl::string_view norm) {
  return norm == "of" || norm == "for" || norm == "to" || norm == "and" || norm == "the" ||
         norm == "on";
}

class Extractor {
 public:
  Extractor(absl::string_view text, const ExtractionLexicon& lexicon)
      : text_(text), lexicon_(lexicon), tokens_(Tokenize(text)) {}

  std::vector<ExtractedOfficial> Run() {
    std::vector<ExtractedOfficial> out;
    std::vector<bool> used(tokens_.size(), false);
    for (size_t h = 0; h < tokens_.size(); ++h) {
      if (!lexicon_.IsTitleHead(tokens_[h].norm)) continue;
      // "Deputy Secretary": the head is the last head word of a run.
      if (h + 1 < tokens_.size() && lexicon_.IsTitleHead(tokens_[h + 1].norm) && Joined(h + 1)) {
        continue;
      }
      ExtractedOfficial official;
      if (MatchAt(h, &official)) {
        for (size_t t = 0; t < tokens_.size(); ++t) {
          if (tokens_[t].start >= official.name_start && tokens_[t].end <= official.name_end) {
            used[t] = true;
          }
        }
        out.push_back(std::move(official));
      }
    }
    AddShortReferences(used, &out);
    ShareCountries(&out);
    std::sort(out.begin(), out.end(), [](const ExtractedOfficial& a, const ExtractedOfficial& b) {
      return a.name_start < b.name_start;
    });
    return out;
  }

 private:
  absl::string_view Gap(size_t i) const {  // text between token i-1 and token i
    return text_.substr(tokens_[i - 1].end, tokens_[i].start - tokens_[i - 1].end);
  }
  // Token i follows token i-1 within one phrase: only spaces between them.
  bool Joined(size_t i) const {
    if (i == 0 || i >= tokens_.size()) return false;
    for (char c : Gap(i)) {
      if (c != ' ') return false;
    }
    return true;
  }
  // "P. Chidambaram": an initial's dot does not end the phrase.
  bool JoinedInName(size_t i) const {
    if (Joined(i)) return true;
    if (i == 0 || i >= tokens_.size()) return false;
    return tokens_[i - 1].norm.size() == 1 && absl::StripAsciiWhitespace(Gap(i)) == ".";
  }
  bool Possessive(size_t i) const {
    absl::string_view after = text_.substr(tokens_[i].end);
    return absl::StartsWith(after, "'s") || absl::StartsWith(after, "\xE2\x80\x99s");
  }
  bool CommaBefore(size_t i) const {
    return i > 0 && i < tokens_.size() && absl::StripAsciiWhitespace(Gap(i)) == ",";
  }
  bool IsTitleWord(const Token& t) const {
    return lexicon_.IsTitleHead(t.norm) || lexicon_.IsTitleModifier(t.norm) ||
           lexicon_.IsSubjectWord(t.norm);
  }
  // Country named by tokens [begin, begin + n), joined by spaces; "" if none.
  std::string CountryOfSpan(size_t begin, size_t n) const {
    std::string words;
    for (size_t t = begin; t < begin + n; ++t) {
      if (t > begin && !Joined(t)) return "";
      absl::StrAppend(&words, t > begin ? " " : "", tokens_[t].norm);
    }
    return lexicon_.CountryOf(words);
  }
  // Country of the words ending at token `last` (multi-word names first);
  // sets *first to where they start.
  std::string CountryEndingAt(size_t last, size_t* first) const {
    for (size_t n = std::min(lexicon_.max_country_words(), last + 1); n >= 1; --n) {
      std::string id = CountryOfSpan(last + 1 - n, n);
      if (!id.empty()) {
        *first = last + 1 - n;
        return id;
      }
    }
    return "";
  }
  std::string CountryStartingAt(size_t first, size_t* last) const {
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

  // A person's name starting at token i: 2-4 capitalized words that are not
  // title words or countries. Returns the number of tokens, 0 if none.
  size_t NameAt(size_t i) const {
    size_t n = 0;
    while (i + n < tokens_.size() && n < 4) {
      const Token& t = tokens_[i + n];
      if (!t.capitalized || (t.all_caps && t.norm.size() > 1) || IsTitleWord(t)) break;
      size_t unused;
      if (!CountryStartingAt(i + n, &unused).empty()) break;
      if (n > 0 && !JoinedInName(i + n)) break;
      ++n;
      if (Possessive(i + n - 1)) break;
    }
    while (n > 0 && tokens_[i + n - 1].norm.size() == 1) --n;  // a trailing initial is no surname
    return n >= 2 ? n : 0;
  }
  // The name ending at token `last`, found backwards; returns its first token
  // or npos.
  size_t NameEndingAt(size_t last) const {
    size_t first = last + 1;
    for (size_t n = 0; n < 4 && first > 0; ++n) {
      const Token& t = tokens_[first - 1];
      if (!t.capitalized || IsTitleWord(t)) break;
      if (n > 0 && !JoinedInName(first)) break;
      --first;
    }
    if (last + 1 - first < 2) return std::string::npos;
    if (NameAt(first) != last + 1 - first) return std::string::npos;
    return first;
  }

  bool MatchAt(size_t head, ExtractedOfficial* out) {
    // Left: modifiers, subject words and capitalized words of the title
    // ("Acting US Deputy Secretary", "IT and Communication Minister",
    // "homeland security secretary"), or a possessive country ("India's").
    size_t start = head;
    std::string country;
    while (start > 0 && head - start < 7 && Joined(start)) {
      const Token& t = tokens_[start - 1];
      size_t country_first = start - 1;
      std::string c = CountryEndingAt(start - 1, &country_first);
      if (!c.empty()) {
        country = c;
        start = country_first;
        continue;  // "Acting US Deputy Secretary": modifiers may come before it
      }
      const bool title_like = lexicon_.IsTitleModifier(t.norm) || lexicon_.IsSubjectWord(t.norm) ||
                              lexicon_.IsTitleHead(t.norm) ||
                              (IsConnector(t.norm) && start >= 2 && tokens_[start - 2].capitalized);
      if (!title_like) break;
      --start;
    }
    while (start < head && IsConnector(tokens_[start].norm)) ++start;
    // A possessive country just before, maybe with a space: "India's Ambassador".
    if (country.empty() && start > 0 && Possessive(start - 1)) {
      size_t first;
      country = CountryEndingAt(start - 1, &first);
      if (!country.empty()) start = first;
    }
    // Right: "of/for/to [the] <subject words or a country>".
    size_t end = head + 1;  // one past the title
    std::string complement_country;
    if (end < tokens_.size() && Joined(end) &&
        (tokens_[end].norm == "of" || tokens_[end].norm == "for" || tokens_[end].norm == "to")) {
      const bool to = tokens_[end].norm == "to";
      size_t i = end + 1;
      if (i < tokens_.size() && tokens_[i].norm == "the" && Joined(i)) ++i;
      size_t last_good = 0;
      while (i < tokens_.size() && Joined(i)) {
        size_t country_last;
        std::string c = CountryStartingAt(i, &country_last);
        if (!c.empty()) {
          if (!to && complement_country.empty()) complement_country = c;
          i = country_last + 1;
          last_good = i;
          continue;
        }
        if (lexicon_.IsSubjectWord(tokens_[i].norm) ||
            (IsConnector(tokens_[i].norm) && i + 1 < tokens_.size() &&
             lexicon_.IsSubjectWord(tokens_[i + 1].norm))) {
          ++i;
          if (!IsConnector(tokens_[i - 1].norm)) last_good = i;
          continue;
        }
        break;
      }
      if (last_good > 0) end = last_good;
    }
    if (country.empty()) country = complement_country;
    const int64_t title_start = tokens_[start].start;
    const int64_t title_end = tokens_[end - 1].end;
    // The name: right after the title (maybe after a comma), or before it
    // after a comma (apposition: "Jane Holl Lute, Deputy Secretary ...").
    size_t name_first = std::string::npos, name_count = 0;
    const bool lowercase_title = !tokens_[head].capitalized;
    if (end < tokens_.size() && (Joined(end) || CommaBefore(end))) {
      name_count = NameAt(end);
      if (name_count > 0) name_first = end;
    }
    std::string rule = "title before name";
    if (name_count == 0 && start > 0 && CommaBefore(start)) {
      const size_t first = NameEndingAt(start - 1);
      if (first != std::string::npos) {
        name_first = first;
        name_count = start - first;
        rule = "apposition";
      }
    }
    if (name_count == 0) return false;
    const int64_t name_start = tokens_[name_first].start;
    const int64_t name_end = tokens_[name_first + name_count - 1].end;
    out->name = std::string(text_.substr(name_start, name_end - name_start));
    // The title without the country words.
    size_t title_first = start;
    while (title_first < head) {
      size_t last;
      if (CountryStartingAt(title_first, &last).empty()) break;
      title_first = last + 1;
    }
    while (title_first < head && IsConnector(tokens_[title_first].norm)) ++title_first;
    out->title = std::string(text_.substr(tokens_[title_first].start,
                                          title_end - tokens_[title_first].start));
    out->country_id = country;
    out->name_start = name_start;
    out->name_end = name_end;
    out->quote_start = std::min(title_start, name_start);
    out->quote_end = std::max(title_end, name_end);
    out->rule = rule;
    out->confidence = rule == "apposition" ? 0.8 : lowercase_title ? 0.75 : 0.9;
    if (country.empty()) out->confidence -= 0.1;
    return true;
  }

  // One person, one country: a mention whose title says it ("his American
  // counterpart Hillary Clinton") lends it to the person's other mentions.
  static void ShareCountries(std::vector<ExtractedOfficial>* out) {
    absl::flat_hash_map<std::string, std::pair<double, std::string>> best;  // name key -> country
    for (const ExtractedOfficial& o : *out) {
      if (o.country_id.empty()) continue;
      auto& b = best[NameKey(o.name)];
      if (o.confidence > b.first) b = {o.confidence, o.country_id};
    }
    for (ExtractedOfficial& o : *out) {
      if (!o.country_id.empty()) continue;
      auto it = best.find(NameKey(o.name));
      if (it == best.end()) continue;
      o.country_id = it->second.second;
      o.rule += ", country from another mention";
    }
  }

  // "Napolitano" after "Janet Napolitano" was found: the same person.
  void AddShortReferences(const std::vector<bool>& used, std::vector<ExtractedOfficial>* out) {
    const size_t found = out->size();
    for (size_t i = 0; i < tokens_.size(); ++i) {
      if (used[i] || !tokens_[i].capitalized) continue;
      for (size_t k = 0; k < found; ++k) {
        const ExtractedOfficial& full = (*out)[k];
        if (tokens_[i].start <= full.name_start) continue;
        const std::vector<std::string> words = NormalizedWords(full.name);
        if (words.empty() || words.back() != tokens_[i].norm) continue;
        // Not part of a longer name ("Barack Obama" is not "Obama" alone).
        if ((i > 0 && tokens_[i - 1].capitalized && Joined(i) && !IsConnector(tokens_[i - 1].norm) &&
             !IsTitleWord(tokens_[i - 1])) ||
            (i + 1 < tokens_.size() && tokens_[i + 1].capitalized && Joined(i + 1))) {
          continue;
        }
        ExtractedOfficial ref = full;
        ref.name_start = ref.quote_start = tokens_[i].start;
        ref.name_end = ref.quote_end = tokens_[i].end;
        ref.rule = "short reference";
        ref.confidence = std::min(0.6, full.confidence);
        out->push_back(std::move(ref));
        break;
      }
    }
  }

  absl::string_view text_;
  const ExtractionLexicon& lexicon_;
  std::vector<Token> tokens_;
};

}  // namespace

std::string ExtractionLexicon::CountryOf(absl::string_view normalized_words) const {
  auto it = countries_.find(normalized_words);
  return it == countries_.end() ? "" : it->second;
}

ExtractionLexicon ExtractionLexicon::FromLists(
    const std::vector<std::string>& title_heads, const std::vector<std::string>& title_modifiers,
    const std::vector<std::string>& subject_words,
    const std::vector<std::pair<std::string, std::string>>& country_names) {
  ExtractionLexicon lexicon;
  for (const std::string& e : title_heads) lexicon.title_heads_.insert(NormalizeEntry(e));
  for (const std::string& e : title_modifiers) lexicon.modifiers_.insert(NormalizeEntry(e));
  for (const std::string& e : subject_words) lexicon.subjects_.insert(NormalizeEntry(e));
  for (const auto& [name, id] : country_names) {
    const std::vector<std::string> words = NormalizedWords(name);
    if (words.empty()) continue;
    lexicon.countries_.emplace(absl::StrJoin(words, " "), id);
    lexicon.max_country_words_ = std::max(lexicon.max_country_words_, words.size());
  }
  return lexicon;
}

absl::StatusOr<ExtractionLexicon> ExtractionLexicon::Load(const std::string& dir,
                                                          const Index& index) {
  const std::filesystem::path root(dir);
  absl::StatusOr<std::vector<std::string>> heads = ReadList(root / "title_heads.txt");
  if (!heads.ok()) return heads.status();
  absl::StatusOr<std::vector<std::string>> modifiers = ReadList(root / "title_modifiers.txt");
  if (!modifiers.ok()) return modifiers.status();
  absl::StatusOr<std::vector<std::string>> subjects = ReadList(root / "subject_words.txt");
  if (!subjects.ok()) return subjects.status();
  std::vector<std::pair<std::string, std::string>> countries;
  for (const v1::Entity& e : index.entities()) {
    if (e.kind() != v1::ENTITY_KIND_COUNTRY) continue;
    countries.emplace_back(e.name(), e.id());
    for (const std::string& alias : e.aliases()) countries.emplace_back(alias, e.id());
    for (const std::string& demonym : e.demonyms()) countries.emplace_back(demonym, e.id());
  }
  return FromLists(*heads, *modifiers, *subjects, countries);
}

std::vector<ExtractedOfficial> ExtractOfficials(absl::string_view text,
                                                const ExtractionLexicon& lexicon) {
  return Extractor(text, lexicon).Run();
}

}  // namespace parley
