#include "service/base/normalize.h"

#include <cstring>

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "service/base/romanize.h"

namespace parley {
namespace {

bool IsApostrophe(UChar32 c) {
  return c == 0x27 || c == 0x2019 || c == 0x2018 || c == 0x02BC || c == 0x2032;
}

// ICU's two normalizers, made once. ICU makes each on first use behind its
// own once-flag, which ThreadSanitizer cannot see (ICU is not instrumented):
// a build's worker thread making it and another thread using it was reported
// as a race. A C++ static gives every later thread a visible ordering.
struct Normalizers {
  const icu::Normalizer2* fold = nullptr;
  const icu::Normalizer2* nfd = nullptr;
  UErrorCode status = U_ZERO_ERROR;  // a failure: ICU's data is missing
};
const Normalizers& GetNormalizers() {
  static const Normalizers normalizers = [] {
    Normalizers n;
    n.fold = icu::Normalizer2::getNFKCCasefoldInstance(n.status);
    n.nfd = icu::Normalizer2::getNFDInstance(n.status);
    return n;
  }();
  return normalizers;
}

// NFKC + case fold, then canonical decomposition so that combining marks can
// be dropped.
icu::UnicodeString FoldAndDecompose(absl::string_view text) {
  const Normalizers& normalizers = GetNormalizers();
  UErrorCode status = normalizers.status;
  // fromUTF8 replaces invalid sequences with U+FFFD, a word break below.
  icu::UnicodeString s = icu::UnicodeString::fromUTF8(
      icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
  if (U_FAILURE(status)) return s;  // ICU data missing: best effort
  icu::UnicodeString folded = normalizers.fold->normalize(s, status);
  icu::UnicodeString decomposed = normalizers.nfd->normalize(folded, status);
  return U_FAILURE(status) ? s : decomposed;
}

// NormalizeName for ASCII text, where NFKC, case folding and decomposition
// come down to lower case: the same result without a trip through UTF-16.
std::string NormalizeAsciiName(absl::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool pending_space = false;
  const size_t n = text.size();
  for (size_t i = 0; i < n; ++i) {
    const char c = text[i];
    if (c == '\'') {
      // Possessive 's: "India's" -> "india". Otherwise "O'Brien" -> "obrien".
      if (i + 1 < n && absl::ascii_tolower(static_cast<unsigned char>(text[i + 1])) == 's' &&
          (i + 2 >= n || !absl::ascii_isalnum(static_cast<unsigned char>(text[i + 2])))) {
        ++i;
      }
      continue;
    }
    if (absl::ascii_isalnum(static_cast<unsigned char>(c))) {
      if (pending_space && !out.empty()) out.push_back(' ');
      pending_space = false;
      out.push_back(absl::ascii_tolower(static_cast<unsigned char>(c)));
    } else {
      pending_space = true;  // punctuation, symbols, spaces, control characters
    }
  }
  return out;
}

}  // namespace

std::string NormalizeName(absl::string_view text) {
  bool ascii = true;
  for (char c : text) ascii &= static_cast<unsigned char>(c) < 0x80;
  return ascii ? NormalizeAsciiName(text) : NormalizeNameWithIcu(text);
}

std::string NormalizeNameWithIcu(absl::string_view text) {
  const icu::UnicodeString s = FoldAndDecompose(text);
  icu::UnicodeString out;
  bool pending_space = false;
  const int32_t n = s.length();
  for (int32_t i = 0; i < n;) {
    const UChar32 c = s.char32At(i);
    const int32_t next = s.moveIndex32(i, 1);
    const int8_t type = u_charType(c);
    if (type == U_NON_SPACING_MARK || type == U_ENCLOSING_MARK || type == U_FORMAT_CHAR) {
      i = next;
      continue;  // diacritics and zero-width characters vanish
    }
    if (IsApostrophe(c)) {
      // Possessive 's: "India's" -> "india". Otherwise "O'Brien" -> "obrien".
      if (next < n && s.char32At(next) == 's') {
        const int32_t after = s.moveIndex32(next, 1);
        if (after >= n || !u_isalnum(s.char32At(after))) {
          i = after;
          continue;
        }
      }
      i = next;
      continue;
    }
    if (u_isalnum(c)) {
      if (pending_space && out.length() > 0) out.append(static_cast<UChar>(' '));
      pending_space = false;
      out.append(c);
    } else {
      pending_space = true;  // punctuation, symbols, spaces, U+FFFD
    }
    i = next;
  }
  std::string result;
  out.toUTF8String(result);
  return result;
}

std::vector<std::string> NormalizedWords(absl::string_view text) {
  const std::string normalized = NormalizeName(text);
  if (normalized.empty()) return {};
  return absl::StrSplit(normalized, ' ');
}

std::string CompactKey(absl::string_view text) { return absl::StrJoin(NormalizedWords(text), ""); }

bool IsHonorific(absl::string_view word) {
  static const auto* kHonorifics = new absl::flat_hash_set<absl::string_view>{
      "shri", "sri",  "shrimati",  "smt", "kumari", "dr",         "mr",        "mrs", "ms",
      "miss", "prof", "professor", "sir", "hon",    "honourable", "honorable", "mx",  "dame"};
  return kHonorifics->contains(word);
}

namespace {

bool IsHonorificSuffix(absl::string_view word) {
  return word == "ji" || word == "jee" || word == "sahib" || word == "saheb";
}

bool IsQueryTitleWord(absl::string_view word) {
  static const auto* kTitleWords = new absl::flat_hash_set<absl::string_view>{
      "pm",      "prime",    "minister", "president", "vice",     "secretary", "ambassador",
      "senator", "governor", "chief",    "foreign",   "external", "home",      "affairs",
      "defence", "defense",  "union",    "deputy",    "state",    "of",        "the",
      "us",      "indian",   "american", "general",   "director", "envoy",     "special",
      "mp",      "cm",       "fm",       "nsa",       "cabinet",  "commerce",  "trade"};
  return kTitleWords->contains(word) || IsHonorific(word);
}

// The normalized words of text in Latin letters, less leading words that
// drop(word) says go and trailing honorifics; the last word always stays.
std::string KeyWithout(absl::string_view text, bool (*drop)(absl::string_view)) {
  const std::string normalized =
      HasIndicScript(text) ? NormalizeName(RomanizeIndic(text)) : NormalizeName(text);
  // The words stay in normalized (no vector: every name of the index is
  // keyed at start-up); rest shrinks from both ends while a word may go.
  absl::string_view rest = normalized;
  for (size_t space = rest.rfind(' ');
       space != absl::string_view::npos && IsHonorificSuffix(rest.substr(space + 1));
       space = rest.rfind(' ')) {
    rest = rest.substr(0, space);
  }
  for (size_t space = rest.find(' ');
       space != absl::string_view::npos && drop(rest.substr(0, space)); space = rest.find(' ')) {
    rest.remove_prefix(space + 1);
  }
  std::string key;
  key.reserve(rest.size());
  for (char c : rest) {
    if (c != ' ') key.push_back(c);
  }
  return key;
}

}  // namespace

std::string NameKey(absl::string_view text) { return KeyWithout(text, &IsHonorific); }

std::string TitleFreeNameKey(absl::string_view text) { return KeyWithout(text, &IsQueryTitleWord); }

bool HasLetterOrDigit(absl::string_view text) {
  bool ascii = true;
  for (char c : text) {
    if (absl::ascii_isalnum(static_cast<unsigned char>(c))) return true;
    ascii &= static_cast<unsigned char>(c) < 0x80;
  }
  return !ascii && !NormalizeName(text).empty();
}

int32_t FirstControlCharacter(absl::string_view text) {
  const auto* bytes = reinterpret_cast<const uint8_t*>(text.data());
  const int32_t length = static_cast<int32_t>(text.size());
  for (int32_t i = 0; i < length;) {
    // ASCII without ICU: its control characters are C0 and DEL (every name
    // of a 1M-entity corpus is checked).
    if (bytes[i] < 0x80) {
      if (bytes[i] < 0x20 || bytes[i] == 0x7F) return bytes[i];
      ++i;
      continue;
    }
    UChar32 c;
    U8_NEXT(bytes, i, length, c);
    if (c < 0) return -1;
    if (u_iscntrl(c)) return c;
  }
  return -1;
}

std::string EscapeControlCharacters(absl::string_view text) {
  const auto* bytes = reinterpret_cast<const uint8_t*>(text.data());
  const int32_t length = static_cast<int32_t>(text.size());
  std::string out;
  out.reserve(text.size());
  for (int32_t i = 0; i < length;) {
    const int32_t start = i;
    UChar32 c;
    U8_NEXT(bytes, i, length, c);
    if (c < 0) {
      for (int32_t b = start; b < i; ++b) absl::StrAppendFormat(&out, "\\x%02X", bytes[b]);
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\t') {
      out += "\\t";
    } else if (c == '\r') {
      out += "\\r";
    } else if (u_iscntrl(c)) {
      if (c < 0x80) {
        absl::StrAppendFormat(&out, "\\x%02X", c);
      } else {
        absl::StrAppendFormat(&out, "\\u{%X}", c);
      }
    } else {
      out.append(text.data() + start, static_cast<size_t>(i - start));
    }
  }
  return out;
}

size_t FirstInvalidUtf8(absl::string_view text) {
  const auto* bytes = reinterpret_cast<const uint8_t*>(text.data());
  const int32_t length = static_cast<int32_t>(text.size());
  for (int32_t i = 0; i < length;) {
    // Runs of ASCII eight bytes at a time: most of a corpus is ASCII, and
    // every knowledge-base file and article is checked (0.36 GB at 1M
    // entities, ~0.3 s a byte at a time).
    uint64_t eight;
    while (i <= length - 8 &&
           (std::memcpy(&eight, bytes + i, 8), eight & 0x8080808080808080u) == 0) {
      i += 8;
    }
    if (i >= length) break;
    if (bytes[i] < 0x80) {
      ++i;
      continue;
    }
    const int32_t start = i;
    UChar32 c;
    U8_NEXT(bytes, i, length, c);
    if (c < 0) return static_cast<size_t>(start);
  }
  return absl::string_view::npos;
}

std::string Ellipsize(absl::string_view text, size_t n) {
  if (text.size() <= n) return std::string(text);
  size_t cut = n;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return absl::StrCat(text.substr(0, cut), "…");
}

std::string PhoneticKey(absl::string_view key) {
  std::string out;
  out.reserve(key.size());
  for (size_t i = 0; i < key.size(); ++i) {
    const char c = key[i];
    const char next = i + 1 < key.size() ? key[i + 1] : '\0';
    const bool word_start = i == 0 || key[i - 1] == ' ';
    char sound = c;
    if (next == 'h' && absl::string_view("sctdbkgp").find(c) != absl::string_view::npos) {
      sound = c == 'p' ? 'f' : c;
      ++i;  // the h
    } else if (c == 'w') {
      sound = 'v';
    } else if (c == 'y' && !word_start) {
      sound = 'i';
    } else if (c == 'e' && next == 'e') {
      sound = 'i';
      ++i;
    } else if (c == 'o' && next == 'o') {
      sound = 'u';
      ++i;
    }
    if (!out.empty() && out.back() == sound && sound != ' ') continue;  // doubled letters
    out.push_back(sound);
  }
  return out;
}

}  // namespace parley
