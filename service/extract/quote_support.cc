#include "service/extract/quote_support.h"

#include <algorithm>
#include <cctype>
#include <string>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "service/base/normalize.h"
#include "service/extract/delegations.h"
#include "service/extract/group_references.h"

namespace parley {
namespace {

bool IsWordByte(char c) {
  return absl::ascii_isalnum(static_cast<unsigned char>(c)) || (c & 0x80) != 0;
}

// A mention may be a personal pronoun the extractor resolved to the person.
bool IsPersonalPronoun(absl::string_view word) {
  const std::string w = absl::AsciiStrToLower(word);
  return w == "he" || w == "she" || w == "him" || w == "her" || w == "his";
}

// A mention may be a title the person was named with ("Foreign Secretary",
// "the minister"): every word of it but "the" is a word of their title.
bool MentionIsTitle(absl::string_view mention, absl::string_view title) {
  std::vector<std::string> words = NormalizedWords(mention);
  words.erase(std::remove(words.begin(), words.end(), "the"), words.end());
  return WordsOfTitle(words, title);
}

// The mention is the name, a word of it ("Menon" of "Ravi Menon", initials
// and dots aside), a pronoun or their title.
bool MentionNames(absl::string_view mention, absl::string_view person_name,
                  absl::string_view person_title) {
  if (absl::EqualsIgnoreCase(mention, person_name) || IsPersonalPronoun(mention)) return true;
  if (!person_title.empty() && MentionIsTitle(mention, person_title)) return true;
  for (absl::string_view word : absl::StrSplit(person_name, ' ', absl::SkipEmpty())) {
    word = absl::StripSuffix(word, ".");
    if (word.size() >= 2 && absl::EqualsIgnoreCase(mention, word)) return true;
  }
  return false;
}

// Whether a word of person_name (of three letters or more) stands in the
// text at most kWindow bytes before offset (a few paragraphs): "the two"
// refers to people named just before.
bool NamedShortlyBefore(absl::string_view text, int64_t offset, absl::string_view person_name) {
  constexpr int64_t kWindow = 4000;
  const int64_t from = std::max<int64_t>(0, offset - kWindow);
  const absl::string_view before = text.substr(from, offset - from);
  for (absl::string_view word : absl::StrSplit(person_name, ' ', absl::SkipEmpty())) {
    word = absl::StripSuffix(word, ".");
    if (word.size() >= 3 && ContainsWords(before, word)) return true;
  }
  return false;
}

}  // namespace

bool WordsOfTitle(const std::vector<std::string>& words, absl::string_view title) {
  const std::vector<std::string> title_words = NormalizedWords(title);
  for (const std::string& w : words) {
    if (std::find(title_words.begin(), title_words.end(), w) == title_words.end()) return false;
  }
  return !words.empty();
}

bool ContainsWords(absl::string_view text, absl::string_view words) {
  if (words.empty()) return false;
  const std::string haystack = absl::AsciiStrToLower(text);
  const std::string needle = absl::AsciiStrToLower(words);
  for (size_t at = haystack.find(needle); at != std::string::npos;
       at = haystack.find(needle, at + 1)) {
    const size_t end = at + needle.size();
    if ((at == 0 || !IsWordByte(haystack[at - 1])) &&
        (end == haystack.size() || !IsWordByte(haystack[end]))) {
      return true;
    }
  }
  return false;
}

absl::Status CheckParticipantQuote(absl::string_view text, absl::string_view person_name,
                                   const ExtractedParticipant& p) {
  return CheckParticipantQuote(text, person_name, "", p);
}

absl::Status CheckParticipantQuote(absl::string_view text, absl::string_view person_name,
                                   absl::string_view person_title, const ExtractedParticipant& p) {
  if (p.quote_start < 0 || p.quote_start >= p.quote_end ||
      p.quote_end > static_cast<int64_t>(text.size())) {
    return absl::FailedPreconditionError(
        absl::StrCat("the quote [", p.quote_start, ", ", p.quote_end, ") is not inside the text"));
  }
  const absl::string_view quote = text.substr(p.quote_start, p.quote_end - p.quote_start);
  if (absl::StrContains(quote, '\n')) {
    return absl::FailedPreconditionError("the quote runs over a line break (more than a sentence)");
  }
  if (p.mention_start < p.quote_start || p.mention_end > p.quote_end ||
      p.mention_start >= p.mention_end) {
    return absl::FailedPreconditionError(
        absl::StrCat("the quote does not name ", person_name, " (no mention inside it)"));
  }
  const absl::string_view mention = text.substr(p.mention_start, p.mention_end - p.mention_start);
  // "the two", "the co-chairs", "the delegation": only as a group mention
  // the extractor resolved, to someone the text named shortly before the
  // quote.
  if (IsGroupReference(mention) || IsDelegationReference(mention)) {
    if (!p.group_mention) {
      return absl::FailedPreconditionError(absl::StrCat(
          "the mention '", mention, "' is a group reference not resolved to ", person_name));
    }
    if (!NamedShortlyBefore(text, p.mention_start, person_name)) {
      return absl::FailedPreconditionError(
          absl::StrCat("the mention '", mention, "' refers to people named before, but ",
                       person_name, " is not named shortly before it"));
    }
  } else if (!MentionNames(mention, person_name, person_title)) {
    return absl::FailedPreconditionError(absl::StrCat("the mention '", mention, "' is not ",
                                                      person_name, "'s name, title or a pronoun"));
  }
  if (!ContainsWords(quote, p.cue)) {
    return absl::FailedPreconditionError(
        p.cue.empty() ? std::string("the quote has no word that tells of the event")
                      : absl::StrCat("the quote does not contain '", p.cue, "'"));
  }
  return absl::OkStatus();
}

}  // namespace parley
