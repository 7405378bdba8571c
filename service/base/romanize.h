// Names written in an Indian script, in the Latin letters they are usually
// spelled with in English, so that "चिदंबरम" finds P. Chidambaram and "मोदी"
// Narendra Modi: ICU's Any-Latin transliteration (ISO 15919), then what
// English spellings of Indian names do — the inherent vowel of a word's last
// consonant dropped ("चिदंबरम" -> "chidambaram", but "नरेंद्र" -> "narendra",
// which ends in a conjunct), "c" written "ch", "ś" and "ṣ" written "sh".
// Diacritics that remain ("mōdī") are for NormalizeName to drop.
//
// Thread-safety: thread-safe (each thread transliterates with its own copy
// of the ICU transliterator).
#ifndef PARLEY_SERVICE_BASE_ROMANIZE_H_
#define PARLEY_SERVICE_BASE_ROMANIZE_H_

#include <string>

#include "absl/strings/string_view.h"

namespace parley {

// Whether text has a letter of an Indian script (U+0900 to U+0DFF:
// Devanagari, Bengali, Gurmukhi, Gujarati, Oriya, Tamil, Telugu, Kannada,
// Malayalam). Allocates nothing; ASCII text is answered from its bytes.
bool HasIndicScript(absl::string_view text);

// text with every word that has letters of an Indian script romanized;
// text unchanged when it has none.
std::string RomanizeIndic(absl::string_view text);

}  // namespace parley

#endif  // PARLEY_SERVICE_BASE_ROMANIZE_H_
