#include "service/extract/extract.h"

#include <algorithm>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/time/civil_time.h"
#include "service/base/dates.h"
#include "service/base/normalize.h"
#include "service/base/text_tokens.h"

namespace parley {
namespace {

// Words that join a title's or a name's parts: "Minister of External Affairs".
bool IsConnector(absl::string_view norm) {
  return norm == "of" || norm == "for" || norm == "to" || norm == "and" || norm == "the" ||
         norm == "on" || norm == "in" || norm == "at";
}

// A word that cannot be part of a person's name even when capitalized.
bool IsFunctionWord(absl::string_view norm) {
  static const auto* kWords = new absl::flat_hash_set<absl::string_view>{
      "the", "a", "an", "and", "or", "but", "of", "for", "to", "in", "at", "on", "by", "with",
      "from", "he", "she", "it", "they", "we", "his", "her", "its", "their", "this", "that",
      "these", "those", "both", "after", "before", "during", "while", "as", "also", "said",
      "according", "under", "when", "who", "which", "officials", "sources"};
  return kWords->contains(norm);
}

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
  v1::FuzzyDate d = MakeFuzzyDate(year, month, day);
  d.set_basis(basis);
  d.set_basis_note(std::move(note));
  return d;
}

// A date expression found in text.
struct DateFound {
  v1::FuzzyDate date;
  size_t first = 0, last = 0;  // its tokens
  // Preceded by "the" ("the July 13 Mumbai serial blasts"): it names
  // another event, not the sentence's.
  bool adjectival = false;
  // Relative to publication and within a week of it ("on Tuesday",
  // "yesterday"): the date of the news the story reports.
  bool news_peg = false;
};

// Every date expression in tokens [begin, end), in text order.
std::vector<DateFound> DatesIn(absl::string_view text, const std::vector<Token>& tokens,
                               size_t begin, size_t end, const v1::FuzzyDate& published) {
  std::vector<DateFound> found;
  const bool have_day = published.precision() == v1::DATE_PRECISION_DAY;
  const absl::CivilDay pub(published.year(), std::max(1, published.month()),
                           std::max(1, published.day()));
  const std::string against = absl::StrCat(" against publication on ", published.display());
  auto span = [&](size_t first, size_t last) {
    return "'" + std::string(text.substr(tokens[first].start,
                                         tokens[last].end - tokens[first].start)) + "'";
  };
  auto add = [&](size_t first, size_t last, v1::FuzzyDate date, bool news_peg) {
    DateFound d;
    d.date = std::move(date);
    d.first = first;
    d.last = last;
    d.adjectival = first > begin && tokens[first - 1].norm == "the";
    d.news_peg = news_peg;
    found.push_back(std::move(d));
  };
  for (size_t i = begin; i < end; ++i) {
    const Token& t = tokens[i];
    if (const int month = MonthOf(t); month > 0) {
      int day = 0, year = 0;
      // "July 20, 2009", "July 20", "July 2009"
      if (i + 1 < end && Number(tokens[i + 1], 1, 31, &day)) {
        if (i + 2 < end && Number(tokens[i + 2], 1900, 2100, &year)) {
          add(i, i + 2, MakeDate(year, month, day, v1::DATE_BASIS_STATED, span(i, i + 2)), false);
          i += 2;
          continue;
        }
        if (!have_day) continue;
        year = published.year();
        if (absl::CivilDay(year, month, day) > pub) --year;
        add(i, i + 1,
            MakeDate(year, month, day, v1::DATE_BASIS_RESOLVED, span(i, i + 1) + against),
            pub - absl::CivilDay(year, month, day) <= 7);
        ++i;
        continue;
      }
      // "20 July 2009"
      if (i > begin && Number(tokens[i - 1], 1, 31, &day) && i + 1 < end &&
          Number(tokens[i + 1], 1900, 2100, &year)) {
        add(i - 1, i + 1, MakeDate(year, month, day, v1::DATE_BASIS_STATED, span(i - 1, i + 1)),
            false);
        ++i;
        continue;
      }
      if (i + 1 < end && Number(tokens[i + 1], 1900, 2100, &year)) {
        add(i, i + 1, MakeDate(year, month, 0, v1::DATE_BASIS_STATED, span(i, i + 1)), false);
        ++i;
        continue;
      }
      // "in May", "in May last year", "in December this year"
      if (i > begin && tokens[i - 1].norm == "in" && published.year() > 0) {
        if (i + 2 < end && tokens[i + 2].norm == "year" &&
            (tokens[i + 1].norm == "last" || tokens[i + 1].norm == "this" ||
             tokens[i + 1].norm == "next")) {
          const int shift = tokens[i + 1].norm == "last" ? -1 : tokens[i + 1].norm == "next" ? 1 : 0;
          add(i - 1, i + 2,
              MakeDate(published.year() + shift, month, 0, v1::DATE_BASIS_RESOLVED,
                       span(i - 1, i + 2) + against),
              false);
          i += 2;
          continue;
        }
        if (published.month() == 0) continue;
        year = published.year();
        if (month > published.month()) --year;
        add(i - 1, i,
            MakeDate(year, month, 0, v1::DATE_BASIS_RESOLVED, span(i - 1, i) + against), false);
      }
      continue;
    }
    // "in 2023"
    if (int year = 0; i > begin && tokens[i - 1].norm == "in" && Number(t, 1900, 2100, &year)) {
      add(i - 1, i, MakeDate(year, 0, 0, v1::DATE_BASIS_STATED, span(i - 1, i)), false);
      continue;
    }
    if (!have_day) continue;
    if (const int weekday = WeekdayOf(t.norm); weekday >= 0 && t.capitalized) {
      // The latest such day on or before publication.
      absl::CivilDay day = pub;
      for (int k = 0; k < 7 && static_cast<int>(absl::GetWeekday(day)) != weekday; ++k) --day;
      const size_t first = i > begin && tokens[i - 1].norm == "on" ? i - 1 : i;
      add(first, i,
          MakeDate(static_cast<int>(day.year()), day.month(), day.day(), v1::DATE_BASIS_RESOLVED,
                   span(first, i) + against),
          true);
      continue;
    }
    if (t.norm == "yesterday" || t.norm == "today") {
      const absl::CivilDay day = t.norm == "yesterday" ? pub - 1 : pub;
      add(i, i,
          MakeDate(static_cast<int>(day.year()), day.month(), day.day(), v1::DATE_BASIS_RESOLVED,
                   span(i, i) + against),
          true);
      continue;
    }
    if ((t.norm == "next" || t.norm == "last") && i + 1 < end && tokens[i + 1].norm == "week") {
      // Monday to Sunday of the week after (or before) publication.
      absl::CivilDay monday = pub;
      if (t.norm == "next") {
        ++monday;
        while (absl::GetWeekday(monday) != absl::Weekday::monday) ++monday;
      } else {
        while (absl::GetWeekday(monday) != absl::Weekday::monday) --monday;
        monday -= 7;
      }
      const absl::CivilDay sunday = monday + 6;
      v1::FuzzyDate d = MakeDate(static_cast<int>(monday.year()), monday.month(), monday.day(),
                                 v1::DATE_BASIS_RESOLVED, span(i, i + 1) + against);
      SetSpanEnd(static_cast<int>(sunday.year()), sunday.month(), sunday.day(), &d);
      add(i, i + 1, std::move(d), t.norm == "last");
      ++i;
      continue;
    }
    if (t.norm == "last" && i + 1 < end) {
      if (tokens[i + 1].norm == "month") {
        const absl::CivilMonth month = absl::CivilMonth(pub) - 1;
        add(i, i + 1,
            MakeDate(static_cast<int>(month.year()), month.month(), 0, v1::DATE_BASIS_RESOLVED,
                     span(i, i + 1) + against),
            false);
        ++i;
        continue;
      }
      if (tokens[i + 1].norm == "year") {
        add(i, i + 1,
            MakeDate(published.year() - 1, 0, 0, v1::DATE_BASIS_RESOLVED,
                     span(i, i + 1) + against),
            false);
        ++i;
        continue;
      }
    }
  }
  return found;
}

}  // namespace

std::optional<v1::FuzzyDate> FindDate(absl::string_view text, const v1::FuzzyDate& published,
                                      std::string* phrase) {
  const std::vector<Token> tokens = Tokenize(text);
  for (const DateFound& d : DatesIn(text, tokens, 0, tokens.size(), published)) {
    if (d.adjectival) continue;
    *phrase = std::string(
        text.substr(tokens[d.first].start, tokens[d.last].end - tokens[d.first].start));
    return d.date;
  }
  return std::nullopt;
}

namespace {

class Extractor {
 public:
  Extractor(absl::string_view text, const v1::FuzzyDate& published,
            const ExtractionLexicon& lexicon)
      : text_(text), published_(published), lexicon_(lexicon), tokens_(Tokenize(text)) {}

  Extraction Run() {
    Extraction out;
    FindDateline(&out);
    FindSentences();
    FindOfficials(&out.officials);
    FindOrganizations(out.officials, &out.organizations);
    FindCountries(out, &out.officials);
    FindEvents(&out);
    return out;
  }

 private:
  // ---- Tokens and the text between them.

  absl::string_view Gap(size_t i) const {  // text between token i-1 and token i
    return text_.substr(tokens_[i - 1].end, tokens_[i].start - tokens_[i - 1].end);
  }
  absl::string_view TextOf(size_t first, size_t last) const {  // tokens [first, last]
    return text_.substr(tokens_[first].start, tokens_[last].end - tokens_[first].start);
  }
  // Token i follows token i-1 within one phrase: only spaces between them.
  bool Joined(size_t i) const {
    if (i == 0 || i >= tokens_.size()) return false;
    for (char c : Gap(i)) {
      if (c != ' ') return false;
    }
    return true;
  }
  // Within a name: an initial's dot ("P. Chidambaram") or parentheses around
  // a first name ("President (Barack) Obama") do not end it.
  bool JoinedInName(size_t i) const {
    if (Joined(i)) return true;
    if (i == 0 || i >= tokens_.size()) return false;
    const absl::string_view gap = absl::StripAsciiWhitespace(Gap(i));
    if (gap == "(" || gap == ")") return true;
    return tokens_[i - 1].norm.size() == 1 && gap == ".";
  }
  bool Possessive(size_t i) const {
    absl::string_view after = text_.substr(tokens_[i].end);
    return absl::StartsWith(after, "'s") || absl::StartsWith(after, "\xE2\x80\x99s");
  }
  bool CommaBefore(size_t i) const {
    return i > 0 && i < tokens_.size() && absl::StripAsciiWhitespace(Gap(i)) == ",";
  }
  bool ParenBefore(size_t i) const {
    return i > 0 && i < tokens_.size() && absl::StripAsciiWhitespace(Gap(i)) == "(";
  }
  bool IsTitleWord(const Token& t) const {
    return lexicon_.IsTitleHead(t.norm) || lexicon_.IsTitleModifier(t.norm) ||
           lexicon_.IsSubjectWord(t.norm) || lexicon_.IsOrganizationHead(t.norm);
  }
  // Initials written together in capitals: "SM" of "SM Krishna".
  bool IsInitials(const Token& t) const {
    return t.all_caps && t.norm.size() >= 2 && t.norm.size() <= 3 &&
           lexicon_.CountryOf(t.norm).empty();
  }
  // Country named by tokens [begin, begin + n), joined by spaces; "" if none.
  std::string CountryOfSpan(size_t begin, size_t n) const {
    std::string words;
    for (size_t t = begin; t < begin + n; ++t) {
      if (t > begin && !Joined(t)) return "";
      absl::StrAppend(&words, t > begin ? " " : "", tokens_[t].norm);
    }
    // A lower-case "us" is the pronoun.
    if (n == 1 && tokens_[begin].norm == "us" && !tokens_[begin].all_caps) return "";
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

  // ---- Dateline, sentences and paragraphs.

  // The dateline: a line that starts with a place and ":", "," or a dash
  // ("New Delhi: ...", "WASHINGTON, Oct 15 (Reuters) - ...", "TOKYO (AP) —
  // ...", "Canberra [Australia], August 20 (ANI): ..."), at the top of the
  // article or after its headline and byline.
  void FindDateline(Extraction* out) {
    size_t line_start = 0;
    for (int line = 0; line < 8 && line_start < text_.size() && line_start < 1000; ++line) {
      if (FindDatelineAt(line_start, out)) return;
      const size_t next = text_.find('\n', line_start);
      if (next == absl::string_view::npos) return;
      line_start = next + 1;
    }
  }

  bool FindDatelineAt(size_t line_start, Extraction* out) {
    size_t f = 0;
    while (f < tokens_.size() && tokens_[f].start < line_start) ++f;
    if (f == tokens_.size() || tokens_[f].start > line_start + 2) return false;
    size_t n = 0;
    while (f + n < tokens_.size() && n < 3 && tokens_[f + n].capitalized &&
           (n == 0 || Joined(f + n))) {
      ++n;
    }
    if (n == 0) return false;
    const absl::string_view after = text_.substr(tokens_[f + n - 1].end, 3);
    if (!absl::StartsWith(after, ":") && !absl::StartsWith(after, ",") &&
        !absl::StartsWith(after, " -") && !absl::StartsWith(after, " (") &&
        !absl::StartsWith(after, " [") && !absl::StartsWith(after, " \xE2\x80")) {
      return false;
    }
    std::string city(TextOf(f, f + n - 1));
    bool all_caps = true;
    for (size_t k = 0; k < n; ++k) all_caps = all_caps && tokens_[f + k].all_caps;
    if (all_caps) {  // "TOKYO" -> "Tokyo"
      bool start = true;
      for (char& c : city) {
        c = start ? absl::ascii_toupper(c) : absl::ascii_tolower(c);
        start = c == ' ';
      }
    }
    std::string country = lexicon_.CountryOfPlace(NormalizeName(city));
    if (country.empty()) country = lexicon_.CountryOf(NormalizeName(city));
    // "Canberra [Australia], ..."
    if (country.empty() && absl::StartsWith(after, " [") && f + n < tokens_.size()) {
      size_t last = 0;
      country = CountryStartingAt(f + n, &last);
    }
    // Below the top line, only a place the lexicons know is taken for one.
    if (line_start > 0 && country.empty()) return false;
    // Where the dateline ends: " - ", ": ", a dash, or the agency's ") ".
    const absl::string_view head = text_.substr(line_start, 100);
    size_t end = absl::string_view::npos;
    for (absl::string_view mark : {" - ", ": ", " \xE2\x80\x93 ", " \xE2\x80\x94 ", ") "}) {
      const size_t at = head.find(mark);
      if (at == absl::string_view::npos) continue;
      if (mark == ") " && head.substr(0, at).find('(') == absl::string_view::npos) continue;
      end = std::min(end, at + mark.size());
    }
    if (end != absl::string_view::npos) dateline_end_ = static_cast<int64_t>(line_start + end);
    out->dateline_city = city;
    out->dateline_country = country;
    dateline_city_ = city;
    dateline_country_ = country;
    return true;
  }

  struct Sentence {
    size_t first = 0, end = 0;  // tokens [first, end)
    size_t paragraph = 0;
  };

  // Sentences end where a gap holds '.', '!', '?' or a line break (not the
  // dot of an initial); a line break also ends a paragraph.
  void FindSentences() {
    size_t first = 0, paragraph = 0;
    for (size_t i = 1; i <= tokens_.size(); ++i) {
      bool boundary = i == tokens_.size(), new_paragraph = false;
      if (!boundary) {
        const absl::string_view gap = Gap(i);
        new_paragraph = gap.find('\n') != absl::string_view::npos;
        boundary = new_paragraph || gap.find_first_of("!?") != absl::string_view::npos ||
                   (gap.find('.') != absl::string_view::npos && tokens_[i - 1].norm.size() > 1 &&
                    !IsInitials(tokens_[i - 1]));
      }
      if (!boundary) continue;
      sentences_.push_back({first, i, paragraph});
      if (new_paragraph) ++paragraph;
      first = i;
    }
  }

  // ---- Officials.

  // A person's name starting at token i: 2-4 capitalized words that are not
  // title words or countries ("SM" initials and "(Barack)" allowed). Returns
  // the number of tokens, 0 if none.
  size_t NameAt(size_t i) const {
    size_t n = 0;
    while (i + n < tokens_.size() && n < 4) {
      const Token& t = tokens_[i + n];
      if (!t.capitalized || IsTitleWord(t) || IsFunctionWord(t.norm)) break;
      if (t.all_caps && t.norm.size() > 1 &&
          !(IsInitials(t) && i + n + 1 < tokens_.size() && tokens_[i + n + 1].capitalized &&
            !tokens_[i + n + 1].all_caps)) {
        break;
      }
      if (MonthOf(t) > 0 || WeekdayOf(t.norm) >= 0) break;
      size_t unused = 0;
      if (!CountryStartingAt(i + n, &unused).empty()) break;
      if (n > 0 && !JoinedInName(i + n)) break;
      ++n;
      if (Possessive(i + n - 1)) break;
    }
    while (n > 0 && tokens_[i + n - 1].norm.size() == 1) --n;  // a trailing initial is no surname
    if (n >= 1 && IsInitials(tokens_[i + n - 1])) --n;
    return n >= 2 ? n : 0;
  }
  // The name ending at token `last`, found backwards; returns its first token
  // or npos.
  size_t NameEndingAt(size_t last) const {
    size_t first = last + 1;
    for (size_t n = 0; n < 4 && first > 0; ++n) {
      const Token& t = tokens_[first - 1];
      if (!t.capitalized || IsTitleWord(t) || IsFunctionWord(t.norm)) break;
      if (n > 0 && !JoinedInName(first)) break;
      --first;
    }
    while (first <= last && last + 1 - first >= 2 && NameAt(first) != last + 1 - first) ++first;
    if (last + 1 - first < 2) return std::string::npos;
    return first;
  }
  // The name as it is usually written: tokens joined by spaces, initials
  // with their dots, parentheses dropped.
  std::string NameText(size_t first, size_t count) const {
    std::string name;
    for (size_t t = first; t < first + count; ++t) {
      if (t > first) {
        const absl::string_view gap = absl::StripAsciiWhitespace(Gap(t));
        absl::StrAppend(&name, gap == "." ? ". " : " ");
      }
      absl::StrAppend(&name, text_.substr(tokens_[t].start, tokens_[t].end - tokens_[t].start));
    }
    return name;
  }

  // The organization named inside tokens [first, end) of a title: a known
  // one (longest first), else "" with *name set to words that look like one.
  std::string OrganizationInTitle(size_t first, size_t end, std::string* name) const {
    for (size_t length = std::min<size_t>(end - first, 8); length >= 1; --length) {
      for (size_t s = first; s + length <= end; ++s) {
        std::string key;
        for (size_t t = s; t < s + length; ++t) key += tokens_[t].norm;
        if (const ExtractionLexicon::KnownOrganization* org = lexicon_.FindTitleOrganization(key)) {
          *name = std::string(TextOf(s, s + length - 1));
          return org->id;
        }
      }
    }
    for (size_t s = first; s < end; ++s) {
      if (lexicon_.IsOrganizationHead(tokens_[s].norm) && tokens_[s].capitalized) {
        size_t last = s;
        while (last + 1 < end && Joined(last + 1) &&
               (tokens_[last + 1].capitalized || IsConnector(tokens_[last + 1].norm))) {
          ++last;
        }
        while (last > s && IsConnector(tokens_[last].norm)) --last;
        *name = std::string(TextOf(s, last));
        return "";
      }
    }
    return "";
  }

  bool MatchAt(size_t head, ExtractedOfficial* out) {
    // Left: modifiers, subject words and capitalized words of the title
    // ("Acting US Deputy Secretary", "IT and Communication Minister",
    // "homeland security secretary", "CERT-In Director General"), or a
    // possessive country ("India's").
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
      const bool title_like =
          lexicon_.IsTitleModifier(t.norm) || lexicon_.IsSubjectWord(t.norm) ||
          lexicon_.IsTitleHead(t.norm) ||
          (t.capitalized && !IsFunctionWord(t.norm) && head - start < 4 &&
           NameEndingAt(start - 1) == std::string::npos) ||
          (IsConnector(t.norm) && start >= 2 && tokens_[start - 2].capitalized);
      if (!title_like) break;
      --start;
    }
    // "CERT-In Director": an acronym written with a hyphen is one name.
    while (start > 0 && start < head && absl::StripAsciiWhitespace(Gap(start)) == "-" &&
           tokens_[start - 1].capitalized) {
      --start;
    }
    while (start < head && IsConnector(tokens_[start].norm)) ++start;
    // A possessive country just before, maybe with a space: "India's Ambassador".
    if (country.empty() && start > 0 && Possessive(start - 1)) {
      size_t first = 0;
      country = CountryEndingAt(start - 1, &first);
      if (!country.empty()) start = first;
    }
    // Right: "of/for/to/in/at [the] <subject words, countries, capitalized
    // words>", maybe several: "Deputy Assistant Secretary of State for
    // International Cyberspace Security".
    size_t end = head + 1;  // one past the title
    std::string complement_country;
    size_t name_first = std::string::npos, name_count = 0;
    const bool lowercase_title = !tokens_[head].capitalized;
    for (int prepositions = 0; prepositions < 3 && end < tokens_.size() && Joined(end); ++prepositions) {
      const std::string& word = tokens_[end].norm;
      if (word != "of" && word != "for" && word != "to" && word != "in" && word != "at") break;
      const bool to = word == "to";
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
        if (lexicon_.IsSubjectWord(tokens_[i].norm) || lexicon_.IsOrganizationHead(tokens_[i].norm) ||
            (IsConnector(tokens_[i].norm) && i + 1 < tokens_.size() &&
             (lexicon_.IsSubjectWord(tokens_[i + 1].norm) ||
              lexicon_.IsOrganizationHead(tokens_[i + 1].norm)))) {
          ++i;
          if (!IsConnector(tokens_[i - 1].norm)) last_good = i;
          continue;
        }
        break;
      }
      if (last_good == 0) break;
      end = last_good;
    }
    // The name: right after the title (maybe after a comma or a parenthesis).
    if (end < tokens_.size() && (Joined(end) || CommaBefore(end) || ParenBefore(end))) {
      name_count = NameAt(end);
      if (name_count > 0) name_first = end;
    }
    // Capitalized words the lexicons do not know may end the title too:
    // "Special Envoy for Climate Change Todd Stern". The name is then the
    // last two words of the run (three with an initial).
    if (name_count == 0 && head + 1 < tokens_.size() && Joined(head + 1) &&
        (tokens_[head + 1].norm == "for" || tokens_[head + 1].norm == "of")) {
      const size_t run = head + 2;
      size_t i = run;
      while (i < tokens_.size() && Joined(i) &&
             (tokens_[i].capitalized ||
              (IsConnector(tokens_[i].norm) && i + 1 < tokens_.size() &&
               tokens_[i + 1].capitalized && !tokens_[i + 1].all_caps &&
               lexicon_.CountryOf(tokens_[i + 1].norm).empty() && !IsTitleWord(tokens_[i + 1]))) &&
             !Possessive(i - 1)) {
        ++i;
      }
      if (i >= run + 3) {
        size_t first = i - 2;
        if (first > run + 1 && tokens_[first - 1].norm.size() == 1) --first;
        if (NameAt(first) == i - first) {
          name_first = first;
          name_count = i - first;
          end = first;
        }
      }
    }
    if (country.empty()) country = complement_country;
    const int64_t title_start = tokens_[start].start;
    const int64_t title_end = tokens_[end - 1].end;
    std::string rule = "title before name";
    // Before the title after a comma (apposition: "Jane Holl Lute, Deputy
    // Secretary ...").
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
    out->name = NameText(name_first, name_count);
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
    out->organization_id = OrganizationInTitle(start, end, &out->organization_name);
    out->country_id = country;
    out->name_start = name_start;
    out->name_end = name_end;
    out->quote_start = std::min(title_start, name_start);
    out->quote_end = std::max(title_end, name_end);
    out->rule = rule;
    out->confidence = rule == "apposition" ? 0.8 : lowercase_title ? 0.75 : 0.9;
    return true;
  }

  void FindOfficials(std::vector<ExtractedOfficial>* out) {
    std::vector<bool> used(tokens_.size(), false);
    for (size_t h = 0; h < tokens_.size(); ++h) {
      if (!lexicon_.IsTitleHead(tokens_[h].norm)) continue;
      // "Deputy Secretary", "Director General": the head is the last head
      // word of a run.
      if (h + 1 < tokens_.size() && lexicon_.IsTitleHead(tokens_[h + 1].norm) && Joined(h + 1)) {
        continue;
      }
      ExtractedOfficial official;
      if (!MatchAt(h, &official)) continue;
      bool seen = false;  // the same name reached from two heads
      for (const ExtractedOfficial& o : *out) seen = seen || o.name_start == official.name_start;
      if (seen) continue;
      for (size_t t = 0; t < tokens_.size(); ++t) {
        if (tokens_[t].start >= official.name_start && tokens_[t].end <= official.name_end) {
          used[t] = true;
        }
      }
      out->push_back(std::move(official));
    }
    AddShortReferences(used, out);
    std::sort(out->begin(), out->end(), [](const ExtractedOfficial& a, const ExtractedOfficial& b) {
      return a.name_start < b.name_start;
    });
    ShareCountries(out);
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

  // ---- Organizations.

  // The acronym in parentheses right after token `last`, e.g. "(CISA)",
  // "(CERT-In)": its text and its last token, or "".
  std::string AcronymAfter(size_t last, size_t* acronym_last) const {
    if (last + 1 >= tokens_.size() || absl::StripAsciiWhitespace(Gap(last + 1)) != "(") return "";
    size_t k = last + 1;
    while (k + 1 < tokens_.size() && k < last + 4 &&
           absl::StripAsciiWhitespace(Gap(k + 1)) == "-") {
      ++k;
    }
    if (k + 1 < tokens_.size() && absl::StripAsciiWhitespace(Gap(k + 1)).substr(0, 1) != ")") {
      return "";
    }
    if (k + 1 == tokens_.size() && text_.substr(tokens_[k].end, 1) != ")") return "";
    const std::string acronym(TextOf(last + 1, k));
    int capitals = 0;
    for (char c : acronym) capitals += absl::ascii_isupper(static_cast<unsigned char>(c)) ? 1 : 0;
    if (capitals < 2 || acronym.size() > 12) return "";
    *acronym_last = k;
    return acronym;
  }

  void FindOrganizations(const std::vector<ExtractedOfficial>& officials,
                         std::vector<ExtractedOrganization>* out) {
    // People's names are no part of an organization's ("Todd Stern and
    // Ministry Secretary T Chatterjee").
    std::vector<bool> in_name(tokens_.size(), false);
    for (const ExtractedOfficial& o : officials) {
      for (size_t t = 0; t < tokens_.size(); ++t) {
        if (tokens_[t].start >= o.name_start && tokens_[t].end <= o.name_end) in_name[t] = true;
      }
    }
    absl::flat_hash_set<std::string> seen;  // name keys
    auto connector_inside = [&](size_t k) {
      return k + 1 < tokens_.size() && Joined(k) && Joined(k + 1) &&
             (tokens_[k].norm == "and" || tokens_[k].norm == "of" || tokens_[k].norm == "for" ||
              tokens_[k].norm == "on") &&
             tokens_[k + 1].capitalized;
    };
    for (size_t h = 0; h < tokens_.size(); ++h) {
      if (!tokens_[h].capitalized || !lexicon_.IsOrganizationHead(tokens_[h].norm)) continue;
      // Backwards: capitalized words and inner connectors ("Cybersecurity
      // and Infrastructure Security Agency").
      if (in_name[h]) continue;
      size_t first = h;
      while (first > 0 && Joined(first) && !in_name[first - 1]) {
        const Token& t = tokens_[first - 1];
        if (t.capitalized && !IsFunctionWord(t.norm) && !lexicon_.IsTitleHead(t.norm) &&
            MonthOf(t) == 0) {
          --first;
        } else if (first >= 2 && connector_inside(first - 1) && tokens_[first - 2].capitalized &&
                   !IsFunctionWord(tokens_[first - 2].norm) && !in_name[first - 2]) {
          --first;
        } else {
          break;
        }
      }
      // Forwards: "of/for <subject words or a country>" ("Ministry of
      // External Affairs", "Cyber Security Agency of Singapore").
      size_t last = h;
      std::string country;
      for (size_t k = h + 1; k < tokens_.size() && Joined(k);) {
        const std::string& w = tokens_[k].norm;
        if ((w == "of" || w == "for" || w == "and" || w == "on") && k + 1 < tokens_.size() &&
            Joined(k + 1)) {
          size_t country_last = 0;
          const std::string c = CountryStartingAt(k + 1, &country_last);
          if (!c.empty() && w == "of") {
            country = c;
            last = country_last;
            break;
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
      // A single word is no name ("the Ministry"), unless "X Ministry".
      if (first == last) continue;
      // A leading country or demonym is part of the name ("Indian Computer
      // Emergency Response Team") and says whose it is.
      size_t country_last = 0;
      if (const std::string c = CountryStartingAt(first, &country_last); !c.empty()) {
        if (country.empty()) country = c;
        if (country_last >= last) continue;
      }
      // A possessive before it: a country ("India's National ... Centre") or
      // an organization ("DHS' National Cyber Security Division").
      std::string rule_country;
      if (country.empty() && first > 0 &&
          (Possessive(first - 1) || text_.substr(tokens_[first - 1].end, 1) == "'" ||
           text_.substr(tokens_[first - 1].end, 3) == "\xE2\x80\x99")) {
        size_t unused = 0;
        country = CountryEndingAt(first - 1, &unused);
        for (const ExtractedOrganization& parent : *out) {
          if (country.empty() && (parent.acronym == tokens_[first - 1].norm ||
                                  NameKey(parent.acronym) == tokens_[first - 1].norm)) {
            country = parent.country_id;
            rule_country = ", country of its parent";
          }
        }
      }
      ExtractedOrganization org;
      org.name = std::string(TextOf(first, last));
      size_t end_token = last;
      org.acronym = AcronymAfter(last, &end_token);
      org.start = tokens_[first].start;
      org.end = tokens_[end_token].end;
      if (!org.acronym.empty() && text_.substr(org.end, 1) == ")") ++org.end;
      org.country_id = country;
      org.rule = !org.acronym.empty() ? "name with acronym"
                 : lexicon_.IsOrganizationHead(tokens_[first].norm) ? "ministry or department"
                                                                   : "name with an organization word";
      org.rule += rule_country;
      org.confidence = !org.acronym.empty() ? 0.85 : 0.7;
      if (org.country_id.empty()) {
        org.country_id = lexicon_.CountryOfTitle(NormalizeName(org.name));
        if (!org.country_id.empty()) org.rule += ", country from the name";
      }
      const ExtractionLexicon::KnownOrganization* known = lexicon_.FindOrganization(NameKey(org.name));
      if (known == nullptr && !org.acronym.empty()) known = lexicon_.FindOrganization(NameKey(org.acronym));
      if (known == nullptr && CountryStartingAt(first, &country_last) != "") {
        // "US Department of Homeland Security" is known as "Department of ...".
        known = lexicon_.FindOrganization(NameKey(TextOf(country_last + 1, last)));
      }
      if (known != nullptr) {
        org.known_id = known->id;
        if (org.country_id.empty()) org.country_id = known->country_id;
        org.rule += ", known";
        org.confidence = 0.95;
      }
      if (org.country_id.empty() && !dateline_country_.empty()) {
        org.country_id = dateline_country_;
        org.rule += ", country from the dateline";
        org.confidence -= 0.15;
      }
      if (!seen.insert(NameKey(org.name)).second) continue;
      if (!org.acronym.empty()) seen.insert(NameKey(org.acronym));
      out->push_back(std::move(org));
      h = end_token;
    }
    // Known organizations named by an acronym or a name without an
    // organization word ("CERT-In", "DHS").
    for (size_t i = 0; i < tokens_.size(); ++i) {
      if (!tokens_[i].capitalized) continue;
      for (size_t length = std::min<size_t>(6, tokens_.size() - i); length >= 1; --length) {
        std::string key;
        bool joined = true;
        for (size_t t = i; t < i + length; ++t) {
          if (t > i && !Joined(t) && absl::StripAsciiWhitespace(Gap(t)) != "-") joined = false;
          key += tokens_[t].norm;
        }
        if (!joined) continue;
        if (length == 1 && !tokens_[i].all_caps && tokens_[i].norm.size() < 4) continue;
        const ExtractionLexicon::KnownOrganization* known = lexicon_.FindOrganization(key);
        if (known == nullptr || seen.contains(key)) continue;
        bool have = false;
        for (const ExtractedOrganization& o : *out) have = have || o.known_id == known->id;
        seen.insert(key);
        if (have) break;
        ExtractedOrganization org;
        org.name = std::string(TextOf(i, i + length - 1));
        org.known_id = known->id;
        org.country_id = known->country_id;
        org.start = tokens_[i].start;
        org.end = tokens_[i + length - 1].end;
        org.rule = "known name";
        org.confidence = 0.9;
        out->push_back(std::move(org));
        i += length - 1;
        break;
      }
    }
    std::sort(out->begin(), out->end(),
              [](const ExtractedOrganization& a, const ExtractedOrganization& b) {
                return a.start < b.start;
              });
  }

  // ---- Countries of officials the titles leave open.

  // The official whose name starts at token i, or -1.
  int OfficialAt(const std::vector<ExtractedOfficial>& officials, size_t i) const {
    for (size_t o = 0; o < officials.size(); ++o) {
      if (officials[o].name_start == tokens_[i].start) return static_cast<int>(o);
    }
    return -1;
  }

  void FindCountries(const Extraction& x, std::vector<ExtractedOfficial>* officials) {
    // An organization named right before the title: "Ministry of External
    // Affairs (MEA) official spokesperson Randhir Jaiswal".
    for (ExtractedOfficial& o : *officials) {
      if (!o.organization_name.empty() || o.rule == "short reference") continue;
      for (const ExtractedOrganization& org : x.organizations) {
        const absl::string_view between = text_.substr(org.end, std::max<int64_t>(0, o.quote_start - org.end));
        if (org.end <= o.quote_start && between.size() <= 2 &&
            absl::StripAsciiWhitespace(between).empty()) {
          o.organization_name = org.name;
          o.organization_id = org.known_id;
          o.quote_start = org.start;
          if (o.country_id.empty() && !org.country_id.empty()) {
            o.country_id = org.country_id;
            o.rule += ", country from the organization";
          }
        }
      }
    }
    // The organization a title names: its country.
    for (ExtractedOfficial& o : *officials) {
      if (!o.country_id.empty() || o.organization_name.empty()) continue;
      std::string country;
      if (const auto* known = lexicon_.FindTitleOrganization(NameKey(o.organization_name))) {
        country = known->country_id;
      }
      for (const ExtractedOrganization& org : x.organizations) {
        if (country.empty() && NameKey(org.name) == NameKey(o.organization_name)) {
          country = org.country_id;
        }
        if (org.acronym == o.organization_name && country.empty()) country = org.country_id;
      }
      if (!country.empty()) {
        o.country_id = country;
        o.rule += ", country from the organization";
      }
    }
    // An organization the extraction found, named in the title by name or
    // acronym: "CSA Chief Executive David Koh".
    for (ExtractedOfficial& o : *officials) {
      if (!o.country_id.empty()) continue;
      const std::string title_key = NameKey(text_.substr(o.quote_start, o.name_start - o.quote_start));
      for (const ExtractedOrganization& org : x.organizations) {
        if (org.country_id.empty() || org.rule.find("dateline") != std::string::npos) continue;
        const std::string acronym = NameKey(org.acronym), name = NameKey(org.name);
        if ((!acronym.empty() && absl::StrContains(title_key, acronym)) ||
            (!name.empty() && absl::StrContains(title_key, name))) {
          TakeOrganization(org, &o);
          break;
        }
      }
    }
    // An organization right after the name: "Joint Secretary Amit Sharma of
    // the Ministry of External Affairs".
    for (ExtractedOfficial& o : *officials) {
      if (!o.country_id.empty() || o.rule == "short reference") continue;
      for (const ExtractedOrganization& org : x.organizations) {
        if (org.country_id.empty() || org.rule.find("dateline") != std::string::npos) continue;
        if (org.start < o.name_end) continue;
        const std::string between(absl::StripAsciiWhitespace(text_.substr(o.name_end, org.start - o.name_end)));
        if (between == "of" || between == "of the" || between == "at" || between == "at the" ||
            between == ", of the") {
          TakeOrganization(org, &o);
          break;
        }
      }
    }
    // Titles that say whose official they are ("Secretary of State").
    for (ExtractedOfficial& o : *officials) {
      if (!o.country_id.empty()) continue;
      o.country_id = lexicon_.CountryOfTitle(NormalizeName(o.title));
      if (!o.country_id.empty()) o.rule += ", country from the title";
    }
    // Delegations: "the US delegation was headed by X", "X headed the
    // Australian side", "India was represented by X".
    for (const Sentence& s : sentences_) {
      for (size_t i = s.first; i < s.end; ++i) {
        size_t country_last = 0;
        const std::string country = CountryStartingAt(i, &country_last);
        if (country.empty()) continue;
        const size_t after = country_last + 1;
        const bool side = after < s.end && (tokens_[after].norm == "delegation" ||
                                            tokens_[after].norm == "side" ||
                                            tokens_[after].norm == "team");
        const bool represented = after + 2 < s.end && tokens_[after].norm == "was" &&
                                 tokens_[after + 1].norm == "represented" &&
                                 tokens_[after + 2].norm == "by";
        if (!side && !represented) continue;
        // "... led/headed/represented by NAME" after it, or "NAME led the X side" before it.
        for (size_t k = after; k + 1 < s.end; ++k) {
          if (tokens_[k].norm != "by") continue;
          if (int o = OfficialAt(*officials, k + 1); o >= 0) Assign(country, "delegation", &(*officials)[o]);
          break;
        }
        if (side && i >= 3 && i - 3 >= s.first && tokens_[i - 1].norm == "the" &&
            (tokens_[i - 2].norm == "headed" || tokens_[i - 2].norm == "led")) {
          for (ExtractedOfficial& o : *officials) {
            if (o.name_end == tokens_[i - 3].end) Assign(country, "delegation", &o);
          }
        }
      }
    }
    ShareCountries(officials);
    // Last: the dateline's country, for officials nothing else places, unless
    // they are "visiting".
    if (dateline_country_.empty()) return;
    for (ExtractedOfficial& o : *officials) {
      if (!o.country_id.empty()) continue;
      const absl::string_view before = text_.substr(0, o.quote_start);
      const size_t word = before.find_last_not_of(' ');
      if (word != absl::string_view::npos &&
          absl::EndsWithIgnoreCase(before.substr(0, word + 1), "visiting")) {
        continue;
      }
      o.country_id = dateline_country_;
      o.rule += ", country from the dateline";
      o.confidence -= 0.15;
    }
  }

  // The official represents org, and so org's country.
  static void TakeOrganization(const ExtractedOrganization& org, ExtractedOfficial* o) {
    o->country_id = org.country_id;
    o->organization_name = org.name;
    o->organization_id = org.known_id;
    o->rule += ", country from the organization";
  }

  static void Assign(const std::string& country, absl::string_view how, ExtractedOfficial* o) {
    if (!o->country_id.empty()) return;
    o->country_id = country;
    absl::StrAppend(&o->rule, ", country from the ", how);
  }

  // ---- Events.

  // Whether offset lies inside a quotation (after an odd number of quote
  // marks in its paragraph).
  bool Quoted(int64_t offset) const {
    const size_t paragraph = text_.rfind('\n', offset);
    const absl::string_view before =
        text_.substr(paragraph == absl::string_view::npos ? 0 : paragraph + 1,
                     offset - (paragraph == absl::string_view::npos ? 0 : paragraph + 1));
    int open = 0;
    for (size_t i = 0; i < before.size(); ++i) {
      if (before[i] == '"') open ^= 1;
      if (before.substr(i, 3) == "\xE2\x80\x9C") open = 1;  // “
      if (before.substr(i, 3) == "\xE2\x80\x9D") open = 0;  // ”
    }
    return open == 1;
  }

  // What an official did at an event, from the words around the name.
  v1::ParticipantFunction FunctionOf(const ExtractedOfficial& o, v1::EventKind kind,
                                     const Sentence& s) const {
    size_t first = s.first, last = s.first;
    for (size_t t = s.first; t < s.end; ++t) {
      if (tokens_[t].start == o.quote_start) first = t;
      if (tokens_[t].end == o.name_end) last = t;
    }
    auto word = [&](size_t t) -> absl::string_view {
      return t >= s.first && t < s.end ? absl::string_view(tokens_[t].norm) : absl::string_view();
    };
    const absl::string_view by = word(first - 1), verb = word(first - 2);
    const absl::string_view next = word(last + 1), after_next = word(last + 2);
    auto any = [](absl::string_view w, std::initializer_list<absl::string_view> list) {
      return std::find(list.begin(), list.end(), w) != list.end();
    };
    // "Japan's delegation was led by X, and India's by Y": Y led too.
    bool delegation_led = false;
    for (size_t t = s.first; t + 2 < s.end; ++t) {
      delegation_led = delegation_led || (tokens_[t].norm == "delegation" &&
                                          (tokens_[t + 2].norm == "led" || tokens_[t + 2].norm == "headed"));
    }
    if (by == "by" && verb == "hosted") return v1::PARTICIPANT_FUNCTION_HOST;
    const bool verb_is_cue = any(verb, {"led", "headed", "represented", "hosted", "signed",
                                        "accompanied", "chaired", "received"});
    if ((by == "by" && (any(verb, {"led", "headed", "represented"}) ||
                        (delegation_led && !verb_is_cue))) ||
        any(next, {"led", "headed", "leading", "heading"}) ||
        (next == "who" && any(after_next, {"led", "headed"}))) {
      return v1::PARTICIPANT_FUNCTION_DELEGATION_LEAD;
    }
    // "... in the presence of X": there, not signing.
    if (by == "of" && verb == "presence") return v1::PARTICIPANT_FUNCTION_HOST;
    if ((by == "by" && verb == "hosted") || next == "hosted" ||
        (next == "who" && after_next == "hosted")) {
      return v1::PARTICIPANT_FUNCTION_HOST;
    }
    if (absl::StrContains(absl::AsciiStrToLower(o.title), "spokes")) {
      return v1::PARTICIPANT_FUNCTION_SPOKESPERSON;
    }
    switch (kind) {
      case v1::EVENT_KIND_AGREEMENT_SIGNING: return v1::PARTICIPANT_FUNCTION_SIGNATORY;
      case v1::EVENT_KIND_VISIT: return v1::PARTICIPANT_FUNCTION_VISITOR;
      case v1::EVENT_KIND_STATEMENT:
      case v1::EVENT_KIND_ANNOUNCEMENT: return v1::PARTICIPANT_FUNCTION_SPOKESPERSON;
      default: return v1::PARTICIPANT_FUNCTION_MEMBER;
    }
  }

  // Whether an official of the sentence is the visitor of the visit whose
  // trigger is token `at`: who comes before "visited", after "visiting", or
  // after "visit of". People met are the visit's hosts, not its visitors.
  bool Visitor(const ExtractedOfficial& o, size_t at, const Sentence& s) const {
    const bool before = o.name_end <= tokens_[at].start;
    // "visiting Secretary of State X", "the visit of X", "a visit by X": the
    // official named next.
    const bool names_next =
        tokens_[at].norm == "visiting" ||
        (at + 1 < s.end && (tokens_[at + 1].norm == "of" || tokens_[at + 1].norm == "by"));
    if (names_next && !before) {
      return o.quote_start <= tokens_[std::min(at + 3, s.end - 1)].start;
    }
    return before && tokens_[at].norm != "visiting";
  }

  // The place of an event: "in <Place>" of the sentence, else the dateline.
  std::string PlaceIn(const Sentence& s) const {
    for (size_t k = s.first; k + 1 < s.end; ++k) {
      const Token& next = tokens_[k + 1];
      if (tokens_[k].norm != "in" || !next.capitalized || MonthOf(next) > 0 ||
          WeekdayOf(next.norm) >= 0) {
        continue;
      }
      size_t country_last = 0;
      if (!CountryStartingAt(k + 1, &country_last).empty()) continue;
      size_t last = k + 1;
      while (last + 1 < s.end && last < k + 3 && tokens_[last + 1].capitalized &&
             Joined(last + 1) && MonthOf(tokens_[last + 1]) == 0) {
        ++last;
      }
      // "in Washington, DC"
      if (last + 1 < s.end && absl::StripAsciiWhitespace(Gap(last + 1)) == "," &&
          tokens_[last + 1].all_caps && tokens_[last + 1].norm.size() == 2) {
        ++last;
      }
      const std::string place(TextOf(k + 1, last));
      // Only places: a known one, or one word or two that is no name or title.
      if (!lexicon_.CountryOfPlace(NormalizeName(place)).empty()) return place;
      bool plain = last - k <= 2;
      for (size_t t = k + 1; t <= last; ++t) {
        plain = plain && !IsTitleWord(tokens_[t]) && !tokens_[t].all_caps;
      }
      if (plain && NameAt(k + 1) == 0) return place;
    }
    return dateline_city_;
  }

  void FindEvents(Extraction* x) {
    const std::vector<DateFound> all_dates =
        DatesIn(text_, tokens_, 0, tokens_.size(), published_);
    // The date of the news: the latest date near publication told before a
    // sentence (for sentences that give none).
    std::optional<v1::FuzzyDate> news_date;
    std::string news_phrase;
    for (const Sentence& s : sentences_) {
      // Dates of this sentence, after the dateline.
      std::vector<const DateFound*> dates;
      for (const DateFound& d : all_dates) {
        if (d.first >= s.first && d.last < s.end && tokens_[d.first].start >= dateline_end_ &&
            !d.adjectival) {
          dates.push_back(&d);
        }
      }
      // Triggers, by kind: a specific kind (a signing, a dialogue, a press
      // conference) makes "talks" and "met" of the same sentence part of it.
      std::vector<std::pair<v1::EventKind, size_t>> triggers;  // kind, token
      std::vector<std::string> trigger_words;
      for (size_t t = s.first; t < s.end; ++t) {
        size_t length = 0;
        const v1::EventKind kind = lexicon_.TriggerAt(tokens_, t, &length);
        if (kind == v1::EVENT_KIND_UNSPECIFIED || t + length > s.end) continue;
        auto before = [&](size_t back) -> absl::string_view {
          return t >= s.first + back ? absl::string_view(tokens_[t - back].norm) : "";
        };
        // "according to a joint statement", "said in a statement": a
        // source, not an event. "in talks with": a state, not an event.
        if (kind == v1::EVENT_KIND_STATEMENT &&
            (before(1) == "according" || before(2) == "according" || before(3) == "according" ||
             (before(1) == "a" && before(2) == "in") ||
             (t + length < s.end && (tokens_[t + length].norm == "said" ||
                                     tokens_[t + length].norm == "says")))) {
          continue;
        }
        if (kind == v1::EVENT_KIND_MEETING && before(1) == "in" && tokens_[t].norm == "talks") {
          continue;
        }
        // "under the India-US Homeland Security Dialogue": the institution,
        // not a round of it, unless the sentence launches or numbers it.
        if (kind == v1::EVENT_KIND_DIALOGUE && tokens_[t].capitalized) {
          bool held = false;
          for (size_t k = s.first; k < s.end; ++k) {
            static const auto* kHeld = new absl::flat_hash_set<absl::string_view>{
                "launch", "launched", "launches", "round", "first", "second", "third", "fourth",
                "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "held", "inaugural"};
            held = held || kHeld->contains(tokens_[k].norm);
          }
          if (!held) continue;
        }
        // "the next round", "will soon sit down for the dialogue": planned,
        // not held (a plan with a date, "will visit next week", stays).
        if (before(1) == "next" || before(1) == "upcoming" || before(1) == "future") continue;
        bool planned = false;
        for (size_t back = 1; back <= 10 && t >= s.first + back; ++back) {
          const std::string& w = tokens_[t - back].norm;
          if (absl::StripAsciiWhitespace(Gap(t - back + 1)) == ",") break;
          planned = planned || w == "will" || w == "would" || w == "shall" || w == "expected";
        }
        if (planned) {
          bool dated = false;
          for (const DateFound& d : all_dates) {
            dated = dated || (d.first >= s.first && d.last < s.end && !d.adjectival);
          }
          if (!dated) continue;
        }
        bool have = false;
        for (const auto& [k, at] : triggers) have = have || k == kind;
        if (!have) {
          triggers.emplace_back(kind, t);
          trigger_words.emplace_back(TextOf(t, t + length - 1));
        }
        t += length - 1;
      }
      // "Talks" and "met" are part of a signing, a dialogue or a press
      // conference told in the same sentence, and of a visit made "for
      // talks"; visits come first, so that their visitors are known.
      bool specific = false, visit = false;
      for (const auto& [kind, at] : triggers) {
        specific = specific || kind == v1::EVENT_KIND_AGREEMENT_SIGNING ||
                   kind == v1::EVENT_KIND_DIALOGUE || kind == v1::EVENT_KIND_PRESS_CONFERENCE;
        visit = visit || kind == v1::EVENT_KIND_VISIT;
      }
      std::vector<size_t> order(triggers.size());
      for (size_t k = 0; k < order.size(); ++k) order[k] = k;
      std::stable_sort(order.begin(), order.end(), [&triggers](size_t a, size_t b) {
        return (triggers[a].first == v1::EVENT_KIND_VISIT) > (triggers[b].first == v1::EVENT_KIND_VISIT);
      });
      std::vector<size_t> visitors;
      // Officials of the sentence, each person once; not those quoted
      // ("as President Obama has said").
      std::vector<size_t> people;
      absl::flat_hash_set<std::string> keys;
      for (size_t o = 0; o < x->officials.size(); ++o) {
        const ExtractedOfficial& official = x->officials[o];
        if (official.name_start >= tokens_[s.first].start &&
            official.name_end <= tokens_[s.end - 1].end && !Quoted(official.name_start) &&
            keys.insert(NameKey(official.name)).second) {
          people.push_back(o);
        }
      }
      for (size_t k : order) {
        const auto [kind, at] = triggers[k];
        if (kind == v1::EVENT_KIND_MEETING &&
            (specific || (visit && at > s.first &&
                          (tokens_[at - 1].norm == "for" || tokens_[at - 1].norm == "to")))) {
          continue;
        }
        // "the meeting", "this dialogue": the one the story already told of.
        if (at > s.first && (tokens_[at - 1].norm == "the" || tokens_[at - 1].norm == "this" ||
                             tokens_[at - 1].norm == "that")) {
          // "the meeting" may be the dialogue the story told of.
          ExtractedEvent* told = nullptr;
          for (ExtractedEvent& e : x->events) {
            if (e.kind == kind ||
                (kind == v1::EVENT_KIND_MEETING && e.kind == v1::EVENT_KIND_DIALOGUE)) {
              told = &e;
            }
          }
          if (told != nullptr) {
            for (size_t o : people) {
              if (kind == v1::EVENT_KIND_VISIT && !Visitor(x->officials[o], at, s)) continue;
              AddParticipant({o, FunctionOf(x->officials[o], kind, s)}, told, *x);
            }
            continue;
          }
        }
        // Without a named official, a sentence must give its own date or
        // name the organizations involved to count as an event ("The
        // previous round was held in June").
        std::vector<size_t> organizations;
        for (size_t o = 0; o < x->organizations.size(); ++o) {
          const ExtractedOrganization& org = x->organizations[o];
          if (org.start >= tokens_[s.first].start && org.end <= tokens_[s.end - 1].end) {
            organizations.push_back(o);
          }
        }
        const bool specific_kind = kind == v1::EVENT_KIND_DIALOGUE ||
                                   kind == v1::EVENT_KIND_AGREEMENT_SIGNING ||
                                   kind == v1::EVENT_KIND_PRESS_CONFERENCE ||
                                   kind == v1::EVENT_KIND_STATEMENT;
        // A specific event with neither may still be the story's, dated by
        // it, if the sentence names the countries involved ("This is the
        // second round of India-US homeland security talks").
        bool names_countries = false;
        for (size_t t = s.first; t < s.end && !names_countries; ++t) {
          size_t last = 0;
          names_countries = !CountryStartingAt(t, &last).empty();
        }
        if (people.empty() && dates.empty() && organizations.empty() &&
            !(specific_kind && news_date && names_countries)) {
          continue;
        }
        // An incident ("the July 13 Mumbai serial blasts") is told with its
        // own date, often as an adjective; without one it is no event here.
        const DateFound* incident_date = nullptr;
        if (kind == v1::EVENT_KIND_INCIDENT) {
          for (const DateFound& d : all_dates) {
            if (d.first >= s.first && d.last < at && at - d.last <= 4) incident_date = &d;
          }
          if (incident_date == nullptr) continue;
        }
        ExtractedEvent event;
        event.kind = kind;
        event.trigger = trigger_words[k];
        event.sentence_start = tokens_[s.first].start;
        event.sentence_end = tokens_[s.end - 1].end;
        for (size_t o : people) {
          if (kind == v1::EVENT_KIND_VISIT && !Visitor(x->officials[o], at, s)) continue;
          event.participants.push_back({o, FunctionOf(x->officials[o], kind, s)});
        }
        if (kind == v1::EVENT_KIND_VISIT && event.participants.empty() && !people.empty()) continue;
        // "Koh, on a visit to India, also met officials of I4C": the
        // visitors' meetings are part of the visit.
        if (kind == v1::EVENT_KIND_MEETING && !visitors.empty()) {
          bool all = !event.participants.empty();
          for (const ExtractedParticipant& p : event.participants) {
            all = all && std::find(visitors.begin(), visitors.end(), p.official) != visitors.end();
          }
          if (all) continue;
        }
        if (kind == v1::EVENT_KIND_VISIT) {
          for (const ExtractedParticipant& p : event.participants) visitors.push_back(p.official);
        }
        // The date of the trigger's clause: the nearest one after it
        // ("held talks ... on Tuesday") before the next trigger, else the
        // nearest before it after the previous trigger ("on Monday signed");
        // else the news date.
        size_t previous = s.first, next = s.end;
        for (const auto& [other_kind, other_at] : triggers) {
          if (other_at < at) previous = std::max(previous, other_at);
          if (other_at > at) next = std::min(next, other_at);
        }
        const DateFound* nearest = nullptr;
        for (const DateFound* d : dates) {
          if (d->first > at && d->first < next &&
              (nearest == nullptr || nearest->first < at || d->first < nearest->first)) {
            nearest = d;
          }
        }
        for (const DateFound* d : dates) {
          if (nearest == nullptr && d->last < at && d->first >= previous) nearest = d;
          if (nearest != nullptr && nearest->last < at && d->last < at && d->first >= previous &&
              d->last > nearest->last) {
            nearest = d;
          }
        }
        if (nearest == nullptr) {  // any date of the sentence, nearest first
          for (const DateFound* d : dates) {
            const size_t distance = d->first > at ? d->first - at : at - d->last;
            if (nearest == nullptr ||
                distance < (nearest->first > at ? nearest->first - at : at - nearest->last)) {
              nearest = d;
            }
          }
        }
        if (incident_date != nullptr) {
          event.date = incident_date->date;
          event.participants.clear();
        } else if (nearest != nullptr) {
          event.date = nearest->date;
        } else if (news_date) {
          event.date = *news_date;
          event.date->set_basis_note(absl::StrCat("no date in its sentence: the story's ",
                                                  news_phrase, ", ", news_date->basis_note()));
        } else if (published_.precision() != v1::DATE_PRECISION_UNSPECIFIED) {
          event.date = published_;
          event.date->set_basis(v1::DATE_BASIS_RESOLVED);
          event.date->set_basis_note("no date in its sentence or story: the publication date");
        } else {
          continue;  // an event needs a date
        }
        // Plans months ahead ("will next meet in 2027") are not events yet.
        if (published_.precision() == v1::DATE_PRECISION_DAY &&
            ToDayInterval(*event.date).first >
                absl::CivilDay(published_.year(), published_.month(), published_.day()) + 31) {
          continue;
        }
        event.organizations = organizations;
        absl::flat_hash_set<std::string> countries;
        auto add_country = [&](const std::string& id) {
          if (!id.empty() && countries.insert(id).second) event.country_ids.push_back(id);
        };
        for (const ExtractedParticipant& p : event.participants) {
          add_country(x->officials[p.official].country_id);
        }
        for (size_t t = s.first; t < s.end; ++t) {
          size_t last = 0;
          if (const std::string c = CountryStartingAt(t, &last); !c.empty()) {
            add_country(c);
            t = last;
          }
        }
        event.topics = lexicon_.TopicsIn(tokens_, s.first, s.end);
        event.city = PlaceIn(s);
        event.confidence =
            std::min(0.9, (people.empty() ? 0.4 : 0.5) +
                              0.1 * static_cast<double>(std::min<size_t>(people.size(), 2)) +
                              (nearest != nullptr ? 0.1 : 0.0));
        Add(std::move(event), x);
      }
      // "The US delegation was headed by X": X took part in the meeting the
      // story tells of, though the sentence names no event.
      if (triggers.empty() && !x->events.empty()) {
        ExtractedEvent* story = nullptr;
        for (ExtractedEvent& e : x->events) {
          if (e.kind == v1::EVENT_KIND_MEETING || e.kind == v1::EVENT_KIND_DIALOGUE ||
              e.kind == v1::EVENT_KIND_VISIT) {
            story = &e;
          }
        }
        for (size_t o : people) {
          if (story == nullptr) break;
          v1::ParticipantFunction function = FunctionOf(x->officials[o], v1::EVENT_KIND_MEETING, s);
          // "X was accompanied by Y": Y was there too.
          size_t name_token = s.first;
          for (size_t t = s.first; t < s.end; ++t) {
            if (tokens_[t].start == x->officials[o].quote_start) name_token = t;
          }
          if (name_token >= s.first + 2 && tokens_[name_token - 1].norm == "by" &&
              tokens_[name_token - 2].norm == "accompanied") {
            function = v1::PARTICIPANT_FUNCTION_MEMBER;
          } else if (function != v1::PARTICIPANT_FUNCTION_DELEGATION_LEAD &&
                     function != v1::PARTICIPANT_FUNCTION_HOST) {
            continue;
          }
          AddParticipant({o, function}, story, *x);
        }
      }
      for (const DateFound* d : dates) {
        // The latest peg: "Clinton arrived on Monday night" does not move a
        // story of Tuesday back a day.
        if (d->news_peg && (!news_date || ToDayInterval(d->date).first >=
                                              ToDayInterval(*news_date).first)) {
          news_date = d->date;
          news_phrase = std::string(TextOf(d->first, d->last));
          news_phrase = "'" + news_phrase + "'";
        }
      }
    }
  }

  static bool SamePerson(const Extraction& x, size_t a, size_t b) {
    return NameKey(x.officials[a].name) == NameKey(x.officials[b].name);
  }
  static bool Takes(const ExtractedEvent& event, size_t official, const Extraction& x) {
    for (const ExtractedParticipant& p : event.participants) {
      if (SamePerson(x, p.official, official)) return true;
    }
    return false;
  }
  // Adds p to event unless the person is there already.
  static void AddParticipant(ExtractedParticipant p, ExtractedEvent* event, const Extraction& x) {
    if (!Takes(*event, p.official, x)) event->participants.push_back(p);
  }
  template <typename T>
  static void AddNew(const std::vector<T>& from, std::vector<T>* into) {
    for (const T& item : from) {
      if (std::find(into->begin(), into->end(), item) == into->end()) into->push_back(item);
    }
  }
  // Merges what event adds (people, organizations, countries, topics, a
  // longer span of days) into earlier.
  static void Absorb(const ExtractedEvent& event, ExtractedEvent* earlier, const Extraction& x) {
    for (const ExtractedParticipant& p : event.participants) AddParticipant(p, earlier, x);
    AddNew(event.organizations, &earlier->organizations);
    AddNew(event.country_ids, &earlier->country_ids);
    AddNew(event.topics, &earlier->topics);
    if (!earlier->date) {
      earlier->date = event.date;
    } else if (event.date && event.date->display() != earlier->date->display()) {
      earlier->date = Span(*earlier->date, *event.date);
    }
    earlier->confidence = std::min(0.95, std::max(earlier->confidence, event.confidence) + 0.05);
  }

  // Adds event, or merges it into an earlier one of the article that tells
  // the same thing.
  static void Add(ExtractedEvent event, Extraction* x) {
    const bool dated = event.date.has_value();
    auto same_day = [&](const ExtractedEvent& earlier) {
      return dated && earlier.date && earlier.date->display() == event.date->display();
    };
    auto specific = [](v1::EventKind k) {
      return k == v1::EVENT_KIND_DIALOGUE || k == v1::EVENT_KIND_AGREEMENT_SIGNING ||
             k == v1::EVENT_KIND_PRESS_CONFERENCE;
    };
    auto shares_people = [&](const ExtractedEvent& earlier) {
      for (const ExtractedParticipant& p : event.participants) {
        if (Takes(earlier, p.official, *x)) return true;
      }
      return false;
    };
    for (ExtractedEvent& earlier : x->events) {
      if (!same_day(earlier)) continue;
      // "Verma told reporters after the meeting": a meeting of people who
      // took part in an event of that day is that event.
      if (event.kind == v1::EVENT_KIND_MEETING && !event.participants.empty() &&
          std::all_of(event.participants.begin(), event.participants.end(),
                      [&](const ExtractedParticipant& p) { return Takes(earlier, p.official, *x); })) {
        return;
      }
      // "Day-long talks on Friday" and "the second round of the dialogue":
      // a meeting and a more specific event of one day, with the same
      // people or none named, are one event of the specific kind.
      const bool meeting_and_specific =
          (earlier.kind == v1::EVENT_KIND_MEETING && specific(event.kind)) ||
          (event.kind == v1::EVENT_KIND_MEETING && specific(earlier.kind));
      if (meeting_and_specific &&
          ((earlier.participants.empty() && event.participants.empty()) || shares_people(earlier))) {
        if (earlier.kind == v1::EVENT_KIND_MEETING) {
          earlier.kind = event.kind;
          earlier.trigger = event.trigger;
        }
        Absorb(event, &earlier, *x);
        return;
      }
    }
    for (ExtractedEvent& earlier : x->events) {
      if (earlier.kind != event.kind) continue;
      // One signing, one round of a dialogue a day: "India and France on
      // Tuesday signed a roadmap ... The document was signed by ...".
      if ((event.kind == v1::EVENT_KIND_AGREEMENT_SIGNING ||
           event.kind == v1::EVENT_KIND_DIALOGUE) &&
          same_day(earlier)) {
        Absorb(event, &earlier, *x);
        return;
      }
      // Otherwise the same day (or no date) and a participant in common. A
      // visit lasts days: "arrived on Monday", "visiting ... said on Tuesday".
      const bool visit = event.kind == v1::EVENT_KIND_VISIT;
      if (dated && earlier.date && !same_day(earlier)) {
        if (!visit) continue;
        const DayInterval a = ToDayInterval(*earlier.date), b = ToDayInterval(*event.date);
        if (std::max(a.first, b.first) - std::min(a.last, b.last) > 7) continue;
      }
      const bool shared = shares_people(earlier) ||
                          (!visit && (earlier.participants.empty() || event.participants.empty()));
      if (!shared) continue;
      Absorb(event, &earlier, *x);
      return;
    }
    x->events.push_back(std::move(event));
  }

  // The days from the first of a to the last of b (or the other way round).
  static v1::FuzzyDate Span(const v1::FuzzyDate& a, const v1::FuzzyDate& b) {
    const DayInterval ia = ToDayInterval(a), ib = ToDayInterval(b);
    const absl::CivilDay first = std::min(ia.first, ib.first);
    const absl::CivilDay last = std::max(ia.last, ib.last);
    v1::FuzzyDate d = MakeDate(static_cast<int>(first.year()), first.month(), first.day(),
                               v1::DATE_BASIS_RESOLVED,
                               absl::StrCat(a.basis_note(), "; ", b.basis_note()));
    if (last != first) {
      SetSpanEnd(static_cast<int>(last.year()), last.month(), last.day(), &d);
    }
    return d;
  }

  absl::string_view text_;
  const v1::FuzzyDate& published_;
  const ExtractionLexicon& lexicon_;
  std::vector<Token> tokens_;
  std::vector<Sentence> sentences_;
  int64_t dateline_end_ = 0;
  std::string dateline_city_, dateline_country_;
};

}  // namespace

Extraction ExtractArticle(absl::string_view text, const v1::FuzzyDate& published,
                          const ExtractionLexicon& lexicon) {
  Extraction extraction = Extractor(text, published, lexicon).Run();
  for (ExtractedEvent& event : extraction.events) {
    if (event.city.empty()) continue;
    event.city_country_id = lexicon.CountryOfPlace(NormalizeName(event.city));
    if (event.city_country_id.empty() && event.city == extraction.dateline_city) {
      event.city_country_id = extraction.dateline_country;
    }
  }
  return extraction;
}

std::vector<ExtractedOfficial> ExtractOfficials(absl::string_view text,
                                                const ExtractionLexicon& lexicon) {
  const v1::FuzzyDate undated;
  return Extractor(text, undated, lexicon).Run().officials;
}

}  // namespace parley
