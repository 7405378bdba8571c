#include "service/base/text_tokens.h"

#include <algorithm>
#include <array>
#include <utility>

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include "absl/strings/ascii.h"
#include "absl/strings/str_replace.h"
#include "service/base/normalize.h"

namespace parley {
namespace {

// An apostrophe inside a word of running text ("India’s"); unlike names
// (normalize.cc), the prime (U+2032) is a symbol here, not an apostrophe.
bool IsWordApostrophe(UChar32 c) { return c == 0x27 || c == 0x2019 || c == 0x2018 || c == 0x02BC; }

// Character classes: ICU's, with an inline path for ASCII, which is most
// of any English text.
bool IsWordCharSlow(UChar32 c) {
  const int8_t type = u_charType(c);
  return u_isalnum(c) || type == U_NON_SPACING_MARK || type == U_COMBINING_SPACING_MARK ||
         type == U_ENCLOSING_MARK;
}
inline bool IsWordChar(UChar32 c) {
  if (c < 0x80) return c >= 0 && absl::ascii_isalnum(static_cast<char>(c));
  return IsWordCharSlow(c);
}
inline bool IsUpperOrTitle(UChar32 c) {
  if (c < 0x80) return c >= 'A' && c <= 'Z';
  return u_isupper(c) || u_istitle(c);
}
inline bool IsAlpha(UChar32 c) {
  if (c < 0x80) return absl::ascii_isalpha(static_cast<char>(c));
  return u_isalpha(c);
}
inline bool IsLower(UChar32 c) {
  if (c < 0x80) return c >= 'a' && c <= 'z';
  return u_islower(c);
}

UChar32 NextSlow(absl::string_view text, int32_t* i) {
  UChar32 c;
  U8_NEXT(reinterpret_cast<const uint8_t*>(text.data()), *i, static_cast<int32_t>(text.size()), c);
  return c < 0 ? 0xFFFD : c;
}

// Code point at i (advancing i), or -1 at the end; invalid bytes give U+FFFD.
inline UChar32 Next(absl::string_view text, int32_t* i) {
  if (*i >= static_cast<int32_t>(text.size())) return -1;
  const unsigned char byte = static_cast<unsigned char>(text[*i]);
  if (byte < 0x80) {
    ++*i;
    return byte;
  }
  return NextSlow(text, i);
}

// The normalized form of a word: lower case, without apostrophes; ICU's
// NormalizeName() unless the word is ASCII.
void NormalizeWord(absl::string_view word, bool ascii, bool apostrophe, std::string* out) {
  if (!ascii) {
    *out = absl::StrReplaceAll(NormalizeName(word), {{" ", ""}});
    return;
  }
  // One pass, appended to the string's own (usually inline) buffer:
  // resizing first filled every word with NULs to overwrite, and assigning
  // went through the general replace (each a tenth of linking's tokenizing).
  out->reserve(word.size());
  for (const char ch : word) {
    if (apostrophe && ch == '\'') continue;
    out->push_back(absl::ascii_tolower(static_cast<unsigned char>(ch)));
  }
}

// Byte classes, looked up rather than computed: most of any English text
// is ASCII, and this loop is where linking spends its time. A byte of a
// multi-byte character is kNotAscii: its character is decoded and
// classified by ICU.
enum : uint8_t { kWord = 1, kAlpha = 2, kLower = 4, kUpper = 8, kNotAscii = 16, kBracket = 32 };
constexpr std::array<uint8_t, 256> ByteClasses() {
  std::array<uint8_t, 256> classes{};
  for (int c = '0'; c <= '9'; ++c) classes[c] = kWord;
  for (int c = 'a'; c <= 'z'; ++c) classes[c] = kWord | kAlpha | kLower;
  for (int c = 'A'; c <= 'Z'; ++c) classes[c] = kWord | kAlpha | kUpper;
  for (int c = 0x80; c <= 0xFF; ++c) classes[c] = kNotAscii;
  for (const char c : {'(', ')', '[', ']', '{', '}'})
    classes[static_cast<unsigned char>(c)] = kBracket;
  return classes;
}
constexpr std::array<uint8_t, 256> kByte = ByteClasses();

}  // namespace

std::vector<Token> Tokenize(absl::string_view text) {
  std::vector<Token> tokens;
  tokens.reserve(text.size() / 6);  // about one word per six bytes of English
  const int32_t n = static_cast<int32_t>(text.size());
  const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
  int32_t i = 0;
  bool bracket = false;  // since the last word
  while (i < n) {
    // Skip to the next word.
    if (const uint8_t classes = kByte[bytes[i]]; (classes & (kWord | kNotAscii)) == 0) {
      bracket |= (classes & kBracket) != 0;
      ++i;
      continue;
    }
    int32_t start = i;
    UChar32 c = Next(text, &i);
    if (!IsWordChar(c)) continue;
    // Made in place, and taken back if it normalizes to nothing.
    Token& token = tokens.emplace_back();
    token.start = static_cast<uint32_t>(start);
    token.capitalized = IsUpperOrTitle(c);
    token.bracket_before = std::exchange(bracket, false);
    bool has_letter = IsAlpha(c), has_lower = IsLower(c), ascii = c < 0x80, apostrophe = false;
    int32_t end = i;
    while (i < n) {
      if (const uint8_t classes = kByte[bytes[i]]; (classes & kWord) != 0) {
        has_letter |= (classes & kAlpha) != 0;
        has_lower |= (classes & kLower) != 0;
        end = ++i;
        continue;
      }
      int32_t at = i;
      UChar32 d = Next(text, &i);
      if (IsWordChar(d)) {
        has_letter |= IsAlpha(d);
        has_lower |= IsLower(d);
        ascii = false;
        end = i;
        continue;
      }
      if (IsWordApostrophe(d)) {
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
          ascii &= d < 0x80;
          apostrophe = true;
          continue;
        }
      }
      i = at;
      break;
    }
    token.end = static_cast<uint32_t>(end);
    token.all_caps = has_letter && !has_lower;
    NormalizeWord(text.substr(token.start, token.end - token.start), ascii, apostrophe,
                  &token.norm);
    if (token.norm.empty()) {
      bracket = token.bracket_before;  // still between the words either side
      tokens.pop_back();
    }
  }
  return tokens;
}

}  // namespace parley
