#include "service/base/text_offsets.h"

#include <algorithm>
#include <cstdint>
#include <cstring>

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
  // Far ahead, eight bytes at a time while they are ASCII (one code point
  // and one UTF-16 unit each): spans of English text a hundred bytes apart,
  // walked a byte at a time, were a tenth of linking them. The rest, and
  // short steps, a character at a time (a word-by-word caller pays no
  // extra test per byte).
  constexpr uint64_t kHighBits = 0x8080808080808080ull;
  while (byte - byte_ >= 8) {
    uint64_t eight;
    std::memcpy(&eight, text_.data() + byte_, sizeof(eight));
    if ((eight & kHighBits) != 0) break;
    byte_ += 8;
    at_.code_point += 8;
    at_.utf16 += 8;
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
