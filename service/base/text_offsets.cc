#include "service/base/text_offsets.h"

#include <algorithm>

namespace parley {
namespace {

// The length of the UTF-8 sequence a lead byte starts (1 for a byte that
// cannot lead one, so that invalid text still advances).
size_t SequenceLength(unsigned char lead) {
  if (lead < 0xC0) return 1;
  if (lead < 0xE0) return 2;
  if (lead < 0xF0) return 3;
  if (lead < 0xF8) return 4;
  return 1;
}

}  // namespace

UnicodeOffset OffsetConverter::At(size_t byte) {
  byte = std::min(byte, text_.size());
  if (byte < byte_) {
    byte_ = 0;
    at_ = UnicodeOffset();
  }
  while (byte_ < byte) {
    const size_t length = SequenceLength(static_cast<unsigned char>(text_[byte_]));
    // A character the offset falls inside counts as not yet reached.
    if (byte_ + length > byte) break;
    byte_ += length;
    at_.code_point += 1;
    at_.utf16 += length == 4 ? 2 : 1;  // outside the BMP: a surrogate pair
  }
  return at_;
}

}  // namespace parley
