// Splitting running text into words with their byte offsets, normalized the
// same way as names (normalize.h), for mention linking and full-text search.
//
// A word is a run of letters, digits and combining marks. Hyphens, dots and
// other punctuation separate words ("CERT-In" -> "cert", "in"); an
// apostrophe inside a word is dropped ("O'Brien" -> "obrien") and a
// possessive "'s" ends it ("India’s" -> "india").
//
// Thread-safety: pure functions.
#ifndef PARLEY_SERVICE_BASE_TEXT_TOKENS_H_
#define PARLEY_SERVICE_BASE_TEXT_TOKENS_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"

namespace parley {

struct Token {
  uint32_t start = 0;        // byte offset of the first byte
  uint32_t end = 0;          // byte offset past the last byte (the possessive not included)
  std::string norm;          // normalized: case-folded, no diacritics
  bool capitalized = false;  // the first letter is upper case
  bool all_caps = false;     // letters, none of them lower case
  // A bracket stands between this word and the one before: "(Barack) Obama"
  // is not the name "Barack Obama" written whole.
  bool bracket_before = false;
};

std::vector<Token> Tokenize(absl::string_view text);

}  // namespace parley

#endif  // PARLEY_SERVICE_BASE_TEXT_TOKENS_H_
