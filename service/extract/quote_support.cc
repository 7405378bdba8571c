#include "service/extract/quote_support.h"

#include <cctype>
#include <string>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"

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

// The mention is the name, a word of it ("Menon" of "Ravi Menon", initials
// and dots aside) or a pronoun.
bool MentionNames(absl::string_view mention, absl::string_view person_name) {
  if (absl::EqualsIgnoreCase(mention, person_name) || IsPersonalPronoun(mention)) return true;
  for (absl::string_view word : absl::StrSplit(person_name, ' ', absl::SkipEmpty())) {
    word = absl::StripSuffix(word, ".");
    if (word.size() >= 2 && absl::EqualsIgnoreCase(mention, word)) return true;
  }
  return false;
}

}  // namespace

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
  if (!MentionNames(mention, person_name)) {
    return absl::FailedPreconditionError(
        absl::StrCat("the mention '", mention, "' is not ", person_name, "'s name or a pronoun"));
  }
  if (!ContainsWords(quote, p.cue)) {
    return absl::FailedPreconditionError(
        p.cue.empty() ? std::string("the quote has no word that tells of the event")
                      : absl::StrCat("the quote does not contain '", p.cue, "'"));
  }
  return absl::OkStatus();
}

}  // namespace parley
