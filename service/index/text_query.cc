#include "service/index/text_query.h"

#include <algorithm>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "service/base/errors.h"
#include "service/base/text_tokens.h"

namespace parley {
namespace {

// The query as a sequence: terms, with the operators between them.
struct Item {
  enum Kind { kTerm, kOr, kNear, kNot } kind = kTerm;
  QueryTerm term;
  bool minus = false;  // written -word or -"a phrase"
  // The words run together, for unquoted words joined by hyphens alone
  // (counter-terrorism -> counterterrorism); "" otherwise.
  std::string joined;
};

// Whether text holds a space: ASCII white space or a no-break space.
bool HasSpace(absl::string_view text) {
  for (char c : text) {
    if (absl::ascii_isspace(static_cast<unsigned char>(c))) return true;
  }
  return text.find("\xC2\xA0") != absl::string_view::npos;
}

// A '-' that starts a word: at the query's start, or after a space, an
// opening parenthesis or a phrase's closing quote ("a b"-c excludes c; the
// quote ends at phrase_end), not the hyphen of "cyber-security".
bool MinusBefore(absl::string_view query, size_t at, size_t phrase_end) {
  if (at == 0 || query[at - 1] != '-') return false;
  return at == 1 || at - 1 == phrase_end || query[at - 2] == '(' ||
         HasSpace(query.substr(at - 2, 1)) || (at >= 3 && query.substr(at - 3, 2) == "\xC2\xA0");
}

// Whether text, between two words, is a hyphen alone: ASCII's, or Unicode's
// hyphen or non-breaking hyphen.
bool IsHyphen(absl::string_view text) {
  return text == "-" || text == "\xE2\x80\x90" || text == "\xE2\x80\x91";
}

// Whether a word is all digits: 9-11 or 2019-20 are not one word joined.
bool AllDigits(absl::string_view word) {
  return std::all_of(word.begin(), word.end(),
                     [](char c) { return absl::ascii_isdigit(static_cast<unsigned char>(c)); });
}

absl::Status Invalid(absl::string_view message) {
  return InvalidArgument("INVALID_QUERY", message);
}

// Words, phrases and operators in the order written.
absl::StatusOr<std::vector<Item>> Items(absl::string_view query) {
  std::vector<Item> items;
  bool empty_phrase = false;
  bool in_phrase = false;
  size_t segment_start = 0;
  bool phrase_minus = false;
  size_t phrase_end = absl::string_view::npos;  // just after the last closing quote
  auto flush = [&](size_t end, bool phrase) {
    const absl::string_view segment = query.substr(segment_start, end - segment_start);
    std::vector<Token> tokens = Tokenize(segment);
    if (phrase) {
      if (tokens.empty()) {
        empty_phrase = true;
        return;
      }
      Item& item = items.emplace_back();
      for (Token& t : tokens) {
        item.term.words.push_back(std::move(t.norm));
        item.term.word_spans.emplace_back(segment_start + t.start, segment_start + t.end);
      }
      item.term.text = std::string(segment);
      item.minus = phrase_minus;
      return;
    }
    // Words written without a space between them ("cyber-security",
    // "CERT-In") are one term, a phrase: the articles' text is split into
    // words the same way, so they find the same run of words, and a '-'
    // or NOT before them applies to all of them.
    for (size_t first = 0; first < tokens.size();) {
      size_t last = first;
      while (
          last + 1 < tokens.size() &&
          !HasSpace(segment.substr(tokens[last].end, tokens[last + 1].start - tokens[last].end))) {
        ++last;
      }
      const absl::string_view written =
          segment.substr(tokens[first].start, tokens[last].end - tokens[first].start);
      Item& item = items.emplace_back();
      item.minus = MinusBefore(query, segment_start + tokens[first].start, phrase_end);
      if (!item.minus && (written == "OR" || written == "NEAR" || written == "NOT")) {
        item.kind = written == "OR" ? Item::kOr : written == "NEAR" ? Item::kNear : Item::kNot;
      } else {
        item.term.text = std::string(written);
        bool hyphens = last > first;
        for (size_t k = first; k <= last; ++k) {
          hyphens = hyphens && !AllDigits(tokens[k].norm) &&
                    (k == last ||
                     IsHyphen(segment.substr(tokens[k].end, tokens[k + 1].start - tokens[k].end)));
          if (hyphens) item.joined += tokens[k].norm;
          item.term.words.push_back(std::move(tokens[k].norm));
          item.term.word_spans.emplace_back(segment_start + tokens[k].start,
                                            segment_start + tokens[k].end);
        }
        if (!hyphens) item.joined.clear();
      }
      first = last + 1;
    }
  };
  for (size_t i = 0; i < query.size(); ++i) {
    size_t quote_len = 0;
    if (query[i] == '"') {
      quote_len = 1;
    } else if (query.substr(i, 3) == "\xE2\x80\x9C" || query.substr(i, 3) == "\xE2\x80\x9D") {
      quote_len = 3;
    }
    if (quote_len == 0) continue;
    flush(i, in_phrase);
    in_phrase = !in_phrase;
    if (in_phrase) phrase_minus = MinusBefore(query, i, phrase_end);
    if (!in_phrase) phrase_end = i + quote_len;
    i += quote_len - 1;
    segment_start = i + 1;
  }
  if (in_phrase) {
    return Invalid("query has an unclosed quote: close the phrase with \" or remove the quote");
  }
  flush(query.size(), false);
  if (empty_phrase) {
    return Invalid(
        "query has a phrase without words (\"\"): put words between the quotes or remove them");
  }
  if (items.size() > kMaxQueryTerms) {
    return Invalid(absl::StrCat("query has ", items.size(),
                                " words, phrases and operators; use at most ", kMaxQueryTerms));
  }
  return items;
}

constexpr absl::string_view kOrHelp =
    "OR needs a word or \"phrase\" on each side, e.g. malware OR ransomware (write or in lower "
    "case to search for the word)";
constexpr absl::string_view kNearHelp =
    "NEAR needs a word or \"phrase\" on each side, e.g. cyber NEAR dialogue: both within 10 "
    "words of each other (write near in lower case to search for the word)";
constexpr absl::string_view kJoinedExcludedHelp =
    "OR and NEAR join words or phrases that a hit must have, so none of them can be excluded "
    "(-word, NOT word): write exclusions apart, e.g. cyber -malware -virus";
constexpr absl::string_view kOrAndNearHelp =
    "OR and NEAR cannot join the same words (a OR b NEAR c): search for one, e.g. a NEAR c, and "
    "then the other";
constexpr absl::string_view kNotHelp =
    "NOT needs a word or \"phrase\" after it, e.g. cyber NOT Pakistan (write not in lower case "
    "to search for the word)";

absl::string_view JoinerHelp(Item::Kind joiner) {
  return joiner == Item::kNear ? kNearHelp : kOrHelp;
}

// Adds each joined spelling to clause as one more alternative (a word, with
// no span in the query: "did you mean" rewrites what was written), unless
// the clause has that word already.
void AddJoinedSpellings(std::vector<std::string> joined, QueryClause* clause) {
  for (std::string& word : joined) {
    const auto same = [&](const QueryTerm& t) { return t.words.size() == 1 && t.words[0] == word; };
    if (std::any_of(clause->terms.begin(), clause->terms.end(), same)) continue;
    QueryTerm& term = clause->terms.emplace_back();
    term.text = word;
    term.words.push_back(std::move(word));
  }
}

}  // namespace

absl::StatusOr<std::vector<QueryClause>> ParseTextQuery(absl::string_view query) {
  absl::StatusOr<std::vector<Item>> items = Items(query);
  if (!items.ok()) return items.status();
  std::vector<QueryClause> clauses;
  std::vector<std::vector<std::string>> joined_of;  // each clause's hyphenated terms, joined
  Item::Kind joiner = Item::kTerm;                  // kOr or kNear after one, until the next term
  bool after_not = false;
  for (Item& item : *items) {
    switch (item.kind) {
      case Item::kOr:
      case Item::kNear: {
        if (clauses.empty() || joiner != Item::kTerm || after_not) {
          return Invalid(JoinerHelp(item.kind));
        }
        const QueryClause& joined = clauses.back();
        if (joined.excluded) return Invalid(kJoinedExcludedHelp);
        if (joined.terms.size() > 1 && joined.near != (item.kind == Item::kNear)) {
          return Invalid(kOrAndNearHelp);
        }
        joiner = item.kind;
        break;
      }
      case Item::kNot:
        if (joiner != Item::kTerm) return Invalid(kJoinedExcludedHelp);
        if (after_not) return Invalid(kNotHelp);
        after_not = true;
        break;
      case Item::kTerm: {
        const bool excluded = item.minus || after_not;
        if (joiner != Item::kTerm && excluded) return Invalid(kJoinedExcludedHelp);
        if (joiner != Item::kTerm) {
          // The same word twice in an OR would count twice in a score (and
          // is the same word twice in a NEAR).
          QueryClause& clause = clauses.back();
          clause.near = joiner == Item::kNear;
          if (std::none_of(clause.terms.begin(), clause.terms.end(),
                           [&](const QueryTerm& t) { return t.words == item.term.words; })) {
            clause.terms.push_back(std::move(item.term));
          }
        } else {
          QueryClause& clause = clauses.emplace_back();
          clause.terms.push_back(std::move(item.term));
          clause.excluded = excluded;
          joined_of.emplace_back();
        }
        if (!item.joined.empty()) joined_of.back().push_back(std::move(item.joined));
        joiner = Item::kTerm;
        after_not = false;
        break;
      }
    }
  }
  if (joiner != Item::kTerm) return Invalid(JoinerHelp(joiner));
  if (after_not) return Invalid(kNotHelp);
  for (size_t c = 0; c < clauses.size(); ++c) {
    if (!clauses[c].near) AddJoinedSpellings(std::move(joined_of[c]), &clauses[c]);
  }
  if (clauses.empty()) {
    return Invalid("query has no words: search for words or \"a phrase\", e.g. \"fake currency\"");
  }
  bool any_required = false;
  for (const QueryClause& c : clauses) any_required = any_required || !c.excluded;
  if (!any_required) {
    return Invalid(
        "query only excludes (-word, NOT word): add a word or \"phrase\" that hits must have, "
        "e.g. cyber -Pakistan");
  }
  return clauses;
}

}  // namespace parley
