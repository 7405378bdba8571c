// Name normalization shared by indexing and querying, so that both sides of
// every comparison go through exactly the same function.
//
// NormalizeName: Unicode NFKC with case folding (ICU), diacritics removed
// ("Röntgen" -> "rontgen"), possessive "'s" dropped ("India’s" -> "india"),
// apostrophes of any style deleted, every other punctuation or symbol
// character treated as a word break, whitespace collapsed. The result is a
// sequence of lower-case words separated by single spaces.
//
// CompactKey: the normalized words concatenated, so that spacing and
// initials do not matter ("S. M. Krishna" and "SM Krishna" -> "smkrishna").
//
// Thread-safety: all functions are thread-safe (ICU normalizers are
// immutable singletons).
#ifndef PARLEY_SERVICE_BASE_NORMALIZE_H_
#define PARLEY_SERVICE_BASE_NORMALIZE_H_

#include <string>
#include <vector>

#include "absl/strings/string_view.h"

namespace parley {

// Normalized words joined by single spaces; "" if text has no letters or digits.
// Invalid UTF-8 sequences are treated as word breaks.
std::string NormalizeName(absl::string_view text);

// NormalizeName through ICU whatever the text; NormalizeName takes a faster
// path for ASCII text with the same result (checked by normalize_test).
std::string NormalizeNameWithIcu(absl::string_view text);

// The words of NormalizeName(text).
std::vector<std::string> NormalizedWords(absl::string_view text);

// NormalizeName(text) without the spaces.
std::string CompactKey(absl::string_view text);

// The key names are indexed and looked up by: CompactKey of the name in
// Latin letters (romanize.h: "चिदंबरम" -> "chidambaram") without leading
// honorifics ("Shri", "Dr.", "Mr.", "Ms.", "Smt." ...) or trailing ones
// ("ji", "sahib"), so that "Shri P. Chidambaram", "P Chidambaram" and
// "Chidambaram ji" key as their words do; never empty for a name with a
// word (the last word stays).
std::string NameKey(absl::string_view text);

// NameKey without the titles a person typing a name may put before it
// ("PM Modi", "Secretary Clinton", "Prime Minister Modi", "Foreign Secretary
// Kwatra"): leading title words dropped, never the last word. Equal to
// NameKey(text) when it starts with none.
std::string TitleFreeNameKey(absl::string_view text);

// How a name key sounds, for the spellings that romanized Indian names take
// ("Chandrasekhar" and "Chandrashekhar", "Jaishankar" and "Jayshankar",
// "Mukherjee" and "Mukerji"): aspirate digraphs lose the h (sh, ch, th, dh,
// bh, kh, gh; ph is f), w is v, y after a letter is i, ee is i, oo is u,
// and doubled letters count once. key is a NameKey (lowercase ASCII words);
// words keep their order and spaces.
std::string PhoneticKey(absl::string_view key);

// NormalizeName(text) is not empty: text has a letter or a digit.
bool HasLetterOrDigit(absl::string_view text);

// True for honorifics that NameKey drops ("shri", "dr", "mr", ...), given a
// normalized word.
bool IsHonorific(absl::string_view normalized_word);

// text cut to at most n bytes (on a character boundary) with "…" appended
// when it was longer.
std::string Ellipsize(absl::string_view text, size_t n);

// The first control character of text (a NUL, a tab, a newline, U+007F to
// U+009F, a line or paragraph separator), or -1 if it has none. Reads
// valid UTF-8 only: it stops at an invalid sequence.
int32_t FirstControlCharacter(absl::string_view text);

// text with each control character (as FirstControlCharacter's) written as
// an escape (\n, \t, \r, \x07, \u{85}) and each byte that is not valid
// UTF-8 as \xFF; the rest as it is ("Anna\x07 Müller", not
// "Anna\x07 M\xc3\xbcller"): for a message that shows a string with one.
std::string EscapeControlCharacters(absl::string_view text);

// Byte offset of the first byte of text that is not part of a valid UTF-8
// sequence, or absl::string_view::npos if text is valid UTF-8.
size_t FirstInvalidUtf8(absl::string_view text);

}  // namespace parley

#endif  // PARLEY_SERVICE_BASE_NORMALIZE_H_
