#include "service/index/text_query.h"

#include <utility>

#include "absl/strings/ascii.h"
#include "service/base/errors.h"
#include "service/base/text_tokens.h"

namespace parley {
namespace {

// The query as a sequence: terms, with the operators between them.
struct Item {
  enum Kind { kTerm, kOr, kNot } kind = kTerm;
  QueryTerm term;
  bool minus = false;  // written -word or -"a phrase"
};

// A '-' that starts a word: at the query's start or after a space (not the
// hyphen of "cyber-security").
bool MinusBefore(absl::string_view query, size_t at) {
  return at > 0 && query[at - 1] == '-' &&
         (at == 1 || absl::ascii_isspace(static_cast<unsigned char>(query[at - 2])));
}

absl::Status Invalid(absl::string_view message) {
  return InvalidArgument("INVALID_QUERY", message);
}

// Words, phrases and operators in the order written.
absl::StatusOr<std::vector<Item>> Items(absl::string_view query) {
  std::vector<Item> items;
  bool in_phrase = false;
  size_t segment_start = 0;
  bool phrase_minus = false;
  auto flush = [&](size_t end, bool phrase) {
    const absl::string_view segment = query.substr(segment_start, end - segment_start);
    std::vector<Token> tokens = Tokenize(segment);
    if (phrase) {
      if (tokens.empty()) return;
      Item& item = items.emplace_back();
      for (Token& t : tokens) {
        item.term.words.push_back(std::move(t.norm));
        item.term.word_spans.emplace_back(segment_start + t.start, segment_start + t.end);
      }
      item.term.text = std::string(segment);
      item.minus = phrase_minus;
      return;
    }
    for (Token& t : tokens) {
      const absl::string_view written = segment.substr(t.start, t.end - t.start);
      Item& item = items.emplace_back();
      if (written == "OR") {
        item.kind = Item::kOr;
      } else if (written == "NOT") {
        item.kind = Item::kNot;
      } else {
        item.term.text = std::string(written);
        item.term.words.push_back(std::move(t.norm));
        item.term.word_spans.emplace_back(segment_start + t.start, segment_start + t.end);
        item.minus = MinusBefore(query, segment_start + t.start);
      }
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
    if (in_phrase) phrase_minus = MinusBefore(query, i);
    i += quote_len - 1;
    segment_start = i + 1;
  }
  if (in_phrase) {
    return Invalid("query has an unclosed quote: close the phrase with \" or remove the quote");
  }
  flush(query.size(), false);
  return items;
}

constexpr absl::string_view kOrHelp =
    "OR needs a word or \"phrase\" on each side, e.g. malware OR ransomware (write or in lower "
    "case to search for the word)";
constexpr absl::string_view kOrExcludedHelp =
    "OR joins words or phrases of which a hit must have one; an excluded term (-word, NOT word) "
    "cannot be one of them: exclude it outside the OR";
constexpr absl::string_view kNotHelp =
    "NOT needs a word or \"phrase\" after it, e.g. cyber NOT Pakistan (write not in lower case "
    "to search for the word)";

}  // namespace

absl::StatusOr<std::vector<QueryClause>> ParseTextQuery(absl::string_view query) {
  absl::StatusOr<std::vector<Item>> items = Items(query);
  if (!items.ok()) return items.status();
  std::vector<QueryClause> clauses;
  bool after_or = false, after_not = false;
  for (Item& item : *items) {
    switch (item.kind) {
      case Item::kOr:
        if (clauses.empty() || after_or || after_not) return Invalid(kOrHelp);
        if (clauses.back().excluded) return Invalid(kOrExcludedHelp);
        after_or = true;
        break;
      case Item::kNot:
        if (after_or) return Invalid(kOrExcludedHelp);
        if (after_not) return Invalid(kNotHelp);
        after_not = true;
        break;
      case Item::kTerm: {
        const bool excluded = item.minus || after_not;
        if (after_or && excluded) return Invalid(kOrExcludedHelp);
        if (after_or) {
          clauses.back().terms.push_back(std::move(item.term));
        } else {
          QueryClause& clause = clauses.emplace_back();
          clause.terms.push_back(std::move(item.term));
          clause.excluded = excluded;
        }
        after_or = after_not = false;
        break;
      }
    }
  }
  if (after_or) return Invalid(kOrHelp);
  if (after_not) return Invalid(kNotHelp);
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
