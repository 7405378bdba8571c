#include "service/base/fixed_decimals.h"

#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstring>

namespace parley {

char* WriteTwoDecimals(double value, char* out) {
  // For |value| < 1e9, value * 100 is within 1e-5 of the exact product, so
  // unless that lands near a half, rounding it rounds the exact value the
  // same way. Near a half (and beyond 1e9, inf, nan) the exact conversion
  // decides. The digits are written by hand: floor, llround and to_chars
  // were library calls, and this runs three times a search match.
  const double magnitude = std::fabs(value), hundredths = magnitude * 100;
  if (magnitude < 1e9) {
    const auto below = static_cast<uint64_t>(hundredths);  // floor: it is not negative
    const double above = hundredths - static_cast<double>(below);
    if (std::fabs(above - 0.5) > 1e-4) {
      uint64_t n = below + (above > 0.5 ? 1 : 0);
      char digits[24];
      char* const end = digits + sizeof(digits);
      char* p = end;
      *--p = static_cast<char>('0' + n % 10);
      n /= 10;
      *--p = static_cast<char>('0' + n % 10);
      n /= 10;
      *--p = '.';
      do {
        *--p = static_cast<char>('0' + n % 10);
        n /= 10;
      } while (n != 0);
      if (std::signbit(value)) *--p = '-';
      std::memcpy(out, p, static_cast<size_t>(end - p));
      return out + (end - p);
    }
  }
  return std::to_chars(out, out + kMaxTwoDecimalsBytes, value, std::chars_format::fixed, 2).ptr;
}

void AppendTwoDecimals(std::string* out, double value) {
  char text[kMaxTwoDecimalsBytes];
  out->append(text, WriteTwoDecimals(value, text));
}

}  // namespace parley
