#include "text_tokens.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include "absl/strings/ascii.h"
#include "absl/strings/str_replace.h"
#include "normalize.h"

namespace parley {
namespace {

bool IsApostrophe(UChar32 c) {
  return c == 0x27 || c == 0x2019 || c == 0x2018 || c == 0x02BC;
}

bool IsWordChar(UChar32 c) {
  if (c < 0x80) return absl::ascii_isalnum(static_cast<char>(c));
  const int8_t type = u_charType(c);
  return u_isalnum(c) || type == U_NON_SPACING_MARK || type == U_COMBINING_SPACING_MARK ||
         type == U_ENCLOSING_MARK;
}

// Code point at i (advancing i), or -1 at the end; invalid bytes give U+FFFD.
UChar32 Next(absl::string_view text, int32_t* i) {
  if (*i >= static_cast<int32_t>(text.size())) return -1;
  UChar32 c;
  U8_NEXT(reinterpret_cast<const uint8_t*>(text.data()), *i, static_cast<int32_t>(text.size()), c);
  return c < 0 ? 0xFFFD : c;
}

std::string NormalizeWord(absl::string_view word) {
  bool ascii = true;
  for (char ch : word) ascii &= static_cast<unsigned char>(ch) < 0x80;
  if (ascii) {
    std::string out;
    out.reserve(word.size());
    for (char ch : word) {
      if (ch != '\'') out.push_back(absl::ascii_tolower(static_cast<unsigned char>(ch)));
    }
    return out;
  }
  return absl::StrReplaceAll(NormalizeName(word), {{" ", ""}});
}

}  // namespace

std::vector<Token> Tokenize(absl::string_view text) {
  std::vector<Token> tokens;
  const int32_t n = static_cast<int32_t>(text.size());
  int32_t i = 0;
  while (i < n) {
    int32_t start = i;
    UChar32 c = Next(text, &i);
    if (!IsWordChar(c)) continue;
    Token token;
    token.start = static_cast<uint32_t>(start);
    token.capitalized = u_isupper(c) || u_istitle(c);
    bool has_letter = u_isalpha(c), has_lower = u_islower(c);
    int32_t end = i;
    while (i < n) {
      int32_t at = i;
      UChar32 d = Next(text, &i);
      if (IsWordChar(d)) {
        has_letter |= static_cast<bool>(u_isalpha(d));
        has_lower |= static_cast<bool>(u_islower(d));
        end = i;
        continue;
      }
      if (IsApostrophe(d)) {
        int32_t after = i;
        UChar32 e = Next(text, &after);
        if (e == 's' || e == 'S') {
          int32_t after_s = after;
          UChar32 f = Next(text, &after_s);
          if (f < 0 || !IsWordChar(f)) {  // possessive: the word ends before it
            i = after;
            break;
          }
        }
        if (e >= 0 && IsWordChar(e)) {  // inside a word: O'Brien
          continue;
        }
      }
      i = at;
      break;
    }
    token.end = static_cast<uint32_t>(end);
    token.all_caps = has_letter && !has_lower;
    token.norm = NormalizeWord(text.substr(token.start, token.end - token.start));
    if (!token.norm.empty()) tokens.push_back(std::move(token));
  }
  return tokens;
}

}  // namespace parley
