// Byte offsets into UTF-8 text converted to the offsets other languages
// slice strings by: code points (Python) and UTF-16 code units (JavaScript,
// Java, C#). Every span Parley returns carries all three, so that a client
// in any language can cut the quote out of the text it received.
//
// Thread-safety: an OffsetConverter is used by one thread at a time.
#ifndef PARLEY_SERVICE_BASE_TEXT_OFFSETS_H_
#define PARLEY_SERVICE_BASE_TEXT_OFFSETS_H_

#include <cstddef>
#include <cstdint>

#include "absl/strings/string_view.h"

namespace parley {

struct UnicodeOffset {
  int32_t code_point = 0;
  int32_t utf16 = 0;
};

class OffsetConverter {
 public:
  // The text must outlive the converter.
  explicit OffsetConverter(absl::string_view text) : text_(text) {}

  // The offsets of byte `byte` (clamped to the text's size). Walks forward
  // from the last offset asked for, so increasing offsets cost one pass over
  // the text in all; an offset behind it starts again from the beginning.
  // A byte inside a character counts as that character's start; invalid
  // UTF-8 bytes count one code point each.
  UnicodeOffset At(size_t byte);

 private:
  absl::string_view text_;
  size_t byte_ = 0;
  UnicodeOffset at_;
};

// Sets start/end_code_point and start/end_utf16 of a span message (Evidence,
// Mention, Highlight, Snippet, LinkedSpan) from its byte offsets.
template <typename Span>
void SetUnicodeOffsets(OffsetConverter& converter, Span* span) {
  const UnicodeOffset start = converter.At(static_cast<size_t>(span->start_offset()));
  const UnicodeOffset end = converter.At(static_cast<size_t>(span->end_offset()));
  span->set_start_code_point(start.code_point);
  span->set_end_code_point(end.code_point);
  span->set_start_utf16(start.utf16);
  span->set_end_utf16(end.utf16);
}

// SetUnicodeOffsets with a converter of its own, for a single span.
template <typename Span>
void SetUnicodeOffsets(absl::string_view text, Span* span) {
  OffsetConverter converter(text);
  SetUnicodeOffsets(converter, span);
}

}  // namespace parley

#endif  // PARLEY_SERVICE_BASE_TEXT_OFFSETS_H_
