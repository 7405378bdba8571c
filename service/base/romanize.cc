#include "service/base/romanize.h"

#include <memory>
#include <vector>

#include <unicode/translit.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"

namespace parley {
namespace {

bool IsIndic(UChar32 c) { return c >= 0x0900 && c <= 0x0DFF; }

// The code points of a UTF-8 word (invalid bytes skipped).
std::vector<UChar32> CodePoints(absl::string_view word) {
  std::vector<UChar32> out;
  const auto* bytes = reinterpret_cast<const uint8_t*>(word.data());
  const int32_t length = static_cast<int32_t>(word.size());
  for (int32_t i = 0; i < length;) {
    UChar32 c;
    U8_NEXT(bytes, i, length, c);
    if (c >= 0) out.push_back(c);
  }
  return out;
}

// This thread's Any-Latin transliterator, or nullptr without ICU's data.
icu::Transliterator* AnyLatin() {
  thread_local std::unique_ptr<icu::Transliterator> transliterator = [] {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::Transliterator> t(
        icu::Transliterator::createInstance("Any-Latin", UTRANS_FORWARD, status));
    return U_FAILURE(status) ? nullptr : std::move(t);
  }();
  return transliterator.get();
}

bool IsConsonant(UChar32 c) {
  return u_getIntPropertyValue(c, UCHAR_INDIC_SYLLABIC_CATEGORY) == U_INSC_CONSONANT;
}

bool IsVirama(UChar32 c) {
  return u_getIntPropertyValue(c, UCHAR_INDIC_SYLLABIC_CATEGORY) == U_INSC_VIRAMA;
}

std::string RomanizeWord(absl::string_view word, icu::Transliterator& any_latin) {
  icu::UnicodeString s = icu::UnicodeString::fromUTF8(
      icu::StringPiece(word.data(), static_cast<int32_t>(word.size())));
  any_latin.transliterate(s);
  std::string latin;
  s.toLower().toUTF8String(latin);
  // A word's last consonant loses its inherent vowel, unless it closes a
  // conjunct ("-ndra", "-shra").
  const std::vector<UChar32> source = CodePoints(word);
  const size_t n = source.size();
  if (n >= 2 && IsConsonant(source[n - 1]) && !IsVirama(source[n - 2]) && !latin.empty() &&
      latin.back() == 'a') {
    latin.pop_back();
  }
  latin = absl::StrReplaceAll(latin, {{"ś", "sh"}, {"ṣ", "sh"}});
  // ISO 15919's "c" is the "ch" of English spellings ("chidambaram").
  std::string out;
  for (size_t i = 0; i < latin.size(); ++i) {
    out.push_back(latin[i]);
    if (latin[i] == 'c' && (i + 1 >= latin.size() || latin[i + 1] != 'h')) out.push_back('h');
  }
  return out;
}

}  // namespace

bool HasIndicScript(absl::string_view text) {
  const auto* bytes = reinterpret_cast<const uint8_t*>(text.data());
  const int32_t length = static_cast<int32_t>(text.size());
  for (int32_t i = 0; i < length;) {
    if (bytes[i] < 0x80) {
      ++i;
      continue;
    }
    UChar32 c;
    U8_NEXT(bytes, i, length, c);
    if (IsIndic(c)) return true;
  }
  return false;
}

std::string RomanizeIndic(absl::string_view text) {
  if (!HasIndicScript(text)) return std::string(text);
  icu::Transliterator* any_latin = AnyLatin();
  if (any_latin == nullptr) return std::string(text);  // ICU data missing: best effort
  std::vector<std::string> words;
  for (absl::string_view word : absl::StrSplit(text, ' ')) {
    words.push_back(HasIndicScript(word) ? RomanizeWord(word, *any_latin) : std::string(word));
  }
  return absl::StrJoin(words, " ");
}

}  // namespace parley
