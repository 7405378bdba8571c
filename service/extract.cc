#include "extract.h"

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_format.h"
#include "absl/time/civil_time.h"
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
    const std::string without_comment = line.substr(0, line.find('#'));
    absl::string_view entry = absl::StripAsciiWhitespace(without_comment);
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

  const std::vector<Token>& tokens() const { return tokens_; }

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
      size_t unused = 0;
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
      size_t first = 0;
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
        size_t country_last = 0;
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
      size_t last = 0;
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

const char* const kMonths[] = {"january", "february", "march",     "april",   "may",      "june",
                               "july",    "august",   "september", "october", "november",
                               "december"};
const char* const kMonthAbbreviations[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                           "jul", "aug", "sep", "oct", "nov", "dec"};
const char* const kWeekdays[] = {"monday", "tuesday",  "wednesday", "thursday",
                                 "friday", "saturday", "sunday"};

int MonthOf(const Token& t) {
  for (int m = 0; m < 12; ++m) {
    if (t.norm == kMonths[m] || t.norm == kMonthAbbreviations[m] ||
        (m == 8 && t.norm == "sept")) {
      // "may" is a month only when written "May".
      return (m == 4 && !t.capitalized) ? 0 : m + 1;
    }
  }
  return 0;
}

int WeekdayOf(absl::string_view norm) {
  for (int d = 0; d < 7; ++d) {
    if (norm == kWeekdays[d]) return d;
  }
  return -1;
}

bool Number(const Token& t, int lo, int hi, int* value) {
  int v = 0;
  if (t.norm.empty() || t.norm.size() > 4) return false;
  for (char c : t.norm) {
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  if (v < lo || v > hi) return false;
  *value = v;
  return true;
}

v1::FuzzyDate MakeDate(int year, int month, int day, v1::DateBasis basis, std::string note) {
  v1::FuzzyDate d;
  d.set_year(year);
  d.set_month(month);
  d.set_day(day);
  d.set_precision(day > 0 ? v1::DATE_PRECISION_DAY
                  : month > 0 ? v1::DATE_PRECISION_MONTH
                              : v1::DATE_PRECISION_YEAR);
  d.set_basis(basis);
  d.set_basis_note(std::move(note));
  d.set_display(day > 0     ? absl::StrFormat("%04d-%02d-%02d", year, month, day)
                : month > 0 ? absl::StrFormat("%04d-%02d", year, month)
                            : absl::StrFormat("%04d", year));
  return d;
}

}  // namespace

std::optional<v1::FuzzyDate> FindDate(absl::string_view text, const v1::FuzzyDate& published,
                                      std::string* phrase) {
  const std::vector<Token> tokens = Tokenize(text);
  const bool have_day = published.precision() == v1::DATE_PRECISION_DAY;
  const absl::CivilDay pub(published.year(), std::max(1, published.month()),
                           std::max(1, published.day()));
  const std::string against = absl::StrCat(" against publication on ", published.display());
  auto span = [&](size_t first, size_t last) {
    *phrase = std::string(text.substr(tokens[first].start, tokens[last].end - tokens[first].start));
    return "'" + *phrase + "'";
  };
  for (size_t i = 0; i < tokens.size(); ++i) {
    const Token& t = tokens[i];
    int value = 0;
    if (const int month = MonthOf(t); month > 0) {
      int day = 0, year = 0;
      // "July 20, 2009", "July 20", "July 2009"
      if (i + 1 < tokens.size() && Number(tokens[i + 1], 1, 31, &day)) {
        if (i + 2 < tokens.size() && Number(tokens[i + 2], 1900, 2100, &year)) {
          return MakeDate(year, month, day, v1::DATE_BASIS_STATED, span(i, i + 2));
        }
        if (!have_day) continue;
        year = published.year();
        if (absl::CivilDay(year, month, day) > pub) --year;
        return MakeDate(year, month, day, v1::DATE_BASIS_RESOLVED, span(i, i + 1) + against);
      }
      // "20 July 2009", "20 July"
      if (i > 0 && Number(tokens[i - 1], 1, 31, &day)) {
        if (i + 1 < tokens.size() && Number(tokens[i + 1], 1900, 2100, &year)) {
          return MakeDate(year, month, day, v1::DATE_BASIS_STATED, span(i - 1, i + 1));
        }
      }
      if (i + 1 < tokens.size() && Number(tokens[i + 1], 1900, 2100, &year)) {
        return MakeDate(year, month, 0, v1::DATE_BASIS_STATED, span(i, i + 1));
      }
      // "in May", "in May last year"
      if (i > 0 && tokens[i - 1].norm == "in" && published.year() > 0) {
        if (i + 2 < tokens.size() && tokens[i + 1].norm == "last" && tokens[i + 2].norm == "year") {
          return MakeDate(published.year() - 1, month, 0, v1::DATE_BASIS_RESOLVED,
                          span(i - 1, i + 2) + against);
        }
        if (published.month() == 0) continue;
        year = published.year();
        if (month > published.month()) --year;
        return MakeDate(year, month, 0, v1::DATE_BASIS_RESOLVED, span(i - 1, i) + against);
      }
      continue;
    }
    if (!have_day) continue;
    if (const int weekday = WeekdayOf(t.norm); weekday >= 0 && t.capitalized) {
      // The latest such day on or before publication.
      absl::CivilDay day = pub;
      for (int k = 0; k < 7 && static_cast<int>(absl::GetWeekday(day)) != weekday; ++k) --day;
      const size_t first = i > 0 && tokens[i - 1].norm == "on" ? i - 1 : i;
      return MakeDate(static_cast<int>(day.year()), day.month(), day.day(),
                      v1::DATE_BASIS_RESOLVED, span(first, i) + against);
    }
    if (t.norm == "yesterday" || t.norm == "today") {
      const absl::CivilDay day = t.norm == "yesterday" ? pub - 1 : pub;
      return MakeDate(static_cast<int>(day.year()), day.month(), day.day(),
                      v1::DATE_BASIS_RESOLVED, span(i, i) + against);
    }
    if (t.norm == "next" && i + 1 < tokens.size() && tokens[i + 1].norm == "week") {
      // Monday to Sunday of the week after publication.
      absl::CivilDay monday = pub + 1;
      while (absl::GetWeekday(monday) != absl::Weekday::monday) ++monday;
      const absl::CivilDay sunday = monday + 6;
      v1::FuzzyDate d = MakeDate(static_cast<int>(monday.year()), monday.month(), monday.day(),
                                 v1::DATE_BASIS_RESOLVED, span(i, i + 1) + against);
      d.set_end_year(static_cast<int>(sunday.year()));
      d.set_end_month(sunday.month());
      d.set_end_day(sunday.day());
      d.set_display(absl::StrCat(d.display(), "/",
                                 absl::StrFormat("%04d-%02d-%02d", sunday.year(), sunday.month(),
                                                 sunday.day())));
      return d;
    }
    if (t.norm == "last" && i + 1 < tokens.size()) {
      if (tokens[i + 1].norm == "month") {
        const absl::CivilMonth month = absl::CivilMonth(pub) - 1;
        return MakeDate(static_cast<int>(month.year()), month.month(), 0,
                        v1::DATE_BASIS_RESOLVED, span(i, i + 1) + against);
      }
      if (tokens[i + 1].norm == "year") {
        return MakeDate(published.year() - 1, 0, 0, v1::DATE_BASIS_RESOLVED,
                        span(i, i + 1) + against);
      }
    }
    (void)value;
  }
  return std::nullopt;
}

Extraction ExtractArticle(absl::string_view text, const v1::FuzzyDate& published,
                          const ExtractionLexicon& lexicon) {
  Extraction out;
  Extractor extractor(text, lexicon);
  out.officials = extractor.Run();
  const std::vector<Token>& tokens = extractor.tokens();
  // The dateline: capitalized words at the start, before ':' or ',' or " -".
  {
    size_t n = 0;
    while (n < tokens.size() && n < 3 && tokens[n].capitalized &&
           (n == 0 || text.substr(tokens[n - 1].end, tokens[n].start - tokens[n - 1].end) == " ")) {
      ++n;
    }
    if (n > 0) {
      absl::string_view after = text.substr(tokens[n - 1].end, 3);
      if (absl::StartsWith(after, ":") || absl::StartsWith(after, ",") ||
          absl::StartsWith(after, " -") || absl::StartsWith(after, " (")) {
        std::string city(text.substr(tokens[0].start, tokens[n - 1].end - tokens[0].start));
        // "TOKYO" -> "Tokyo"
        bool all_caps = true;
        for (size_t k = 0; k < n; ++k) all_caps = all_caps && tokens[k].all_caps;
        if (all_caps) {
          bool start = true;
          for (char& c : city) {
            c = start ? absl::ascii_toupper(c) : absl::ascii_tolower(c);
            start = c == ' ';
          }
        }
        out.dateline_city = city;
      }
    }
  }
  int64_t dateline_end = 0;
  if (!out.dateline_city.empty()) {
    const absl::string_view head = text.substr(0, 80);
    for (absl::string_view mark : {" - ", ": ", " \xE2\x80\x93 ", " \xE2\x80\x94 "}) {
      const size_t at = head.find(mark);
      if (at != absl::string_view::npos) {
        dateline_end = static_cast<int64_t>(at + mark.size());
        break;
      }
    }
  }
  // Sentences: split where a gap holds '.', '!', '?' or a line break (not
  // the dot of an initial).
  size_t first = 0;
  for (size_t i = 1; i <= tokens.size(); ++i) {
    bool boundary = i == tokens.size();
    if (!boundary) {
      absl::string_view gap = text.substr(tokens[i - 1].end, tokens[i].start - tokens[i - 1].end);
      boundary = gap.find_first_of("!?\n") != absl::string_view::npos ||
                 (gap.find('.') != absl::string_view::npos && tokens[i - 1].norm.size() > 1);
    }
    if (!boundary) continue;
    const int64_t start = tokens[first].start, end = tokens[i - 1].end;
    const size_t event_first = first;
    ExtractedEvent event;
    for (size_t k = first; k < i && event.kind == v1::EVENT_KIND_UNSPECIFIED; ++k) {
      event.kind = lexicon.TriggerOf(tokens[k].norm);
      if (event.kind != v1::EVENT_KIND_UNSPECIFIED) {
        event.trigger = std::string(text.substr(tokens[k].start, tokens[k].end - tokens[k].start));
      }
    }
    first = i;
    if (event.kind == v1::EVENT_KIND_UNSPECIFIED) continue;
    absl::flat_hash_set<std::string> people;
    for (size_t o = 0; o < out.officials.size(); ++o) {
      const ExtractedOfficial& official = out.officials[o];
      if (official.name_start >= start && official.name_end <= end &&
          people.insert(NameKey(official.name)).second) {
        event.officials.push_back(o);
      }
    }
    if (event.officials.empty()) continue;
    event.sentence_start = start;
    event.sentence_end = end;
    std::string phrase;
    // The dateline's own date ("TOKYO, March 9 -") is the article's, not the event's.
    const int64_t date_from = std::max<int64_t>(start, dateline_end);
    event.date = date_from < end ? FindDate(text.substr(date_from, end - date_from), published,
                                            &phrase)
                                 : std::nullopt;
    event.city = out.dateline_city;
    // "in London", "in Washington": a place named in the sentence wins.
    for (size_t k = event_first; k + 1 < i; ++k) {
      const Token& next = tokens[k + 1];
      if (tokens[k].norm != "in" || !next.capitalized || MonthOf(next) > 0 ||
          WeekdayOf(next.norm) >= 0 || !lexicon.CountryOf(next.norm).empty()) {
        continue;
      }
      size_t last = k + 1;
      while (last + 1 < i && last < k + 3 && tokens[last + 1].capitalized &&
             text.substr(tokens[last].end, tokens[last + 1].start - tokens[last].end) == " " &&
             MonthOf(tokens[last + 1]) == 0) {
        ++last;
      }
      event.city = std::string(text.substr(next.start, tokens[last].end - next.start));
      break;
    }
    event.confidence = std::min(0.9, 0.5 + 0.1 * static_cast<double>(event.officials.size()) +
                                         (event.date ? 0.1 : 0.0));
    // The same event told again in the article ("... after the signing,
    // Wong said"): same kind, same or no date, a participant in common.
    bool merged = false;
    for (ExtractedEvent& earlier : out.events) {
      if (earlier.kind != event.kind) continue;
      if (event.date && earlier.date && event.date->display() != earlier.date->display()) continue;
      bool shared = false;
      for (size_t a : earlier.officials) {
        for (size_t b : event.officials) {
          shared = shared || NameKey(out.officials[a].name) == NameKey(out.officials[b].name);
        }
      }
      if (!shared) continue;
      for (size_t b : event.officials) {
        bool known = false;
        for (size_t a : earlier.officials) {
          known = known || NameKey(out.officials[a].name) == NameKey(out.officials[b].name);
        }
        if (!known) earlier.officials.push_back(b);
      }
      if (!earlier.date) earlier.date = event.date;
      merged = true;
      break;
    }
    if (!merged) out.events.push_back(std::move(event));
  }
  return out;
}

void ExtractionLexicon::AddTrigger(v1::EventKind kind, absl::string_view word) {
  triggers_[NormalizeEntry(word)] = kind;
}

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
  ExtractionLexicon lexicon = FromLists(*heads, *modifiers, *subjects, countries);
  absl::StatusOr<std::vector<std::string>> triggers = ReadList(root / "event_triggers.txt");
  if (!triggers.ok()) return triggers.status();
  for (const std::string& line : *triggers) {
    std::vector<std::string> parts = absl::StrSplit(line, absl::ByAnyChar(" \t"), absl::SkipEmpty());
    v1::EventKind kind;
    if (parts.size() < 2 || !v1::EventKind_Parse(absl::StrCat("EVENT_KIND_", parts[0]), &kind)) {
      return absl::InvalidArgumentError(absl::StrCat(
          (root / "event_triggers.txt").string(), ": \"", line,
          "\": write KIND WORD, e.g. MEETING met (kinds: MEETING, DIALOGUE, AGREEMENT_SIGNING, "
          "VISIT, STATEMENT, ANNOUNCEMENT, PRESS_CONFERENCE)"));
    }
    lexicon.AddTrigger(kind, parts[1]);
  }
  return lexicon;
}

std::vector<ExtractedOfficial> ExtractOfficials(absl::string_view text,
                                                const ExtractionLexicon& lexicon) {
  return Extractor(text, lexicon).Run();
}

}  // namespace parley
