#include "service/base/fixed_decimals.h"

#include <charconv>
#include <cmath>
#include <cstdint>

namespace parley {

void AppendTwoDecimals(std::string* out, double value) {
  // For |value| < 1e9, value * 100 is within 1e-6 of the exact product, so
  // unless that lands near a half, rounding it rounds the exact value the
  // same way. Near a half (and beyond 1e9, inf, nan) the exact conversion
  // decides.
  const double magnitude = std::fabs(value), hundredths = magnitude * 100;
  if (magnitude < 1e9 && std::fabs(hundredths - std::floor(hundredths) - 0.5) > 1e-4) {
    const int64_t n = std::llround(hundredths);
    if (std::signbit(value)) out->push_back('-');
    char digits[24];
    const std::to_chars_result whole = std::to_chars(digits, digits + sizeof(digits), n / 100);
    out->append(digits, whole.ptr);
    const int cents = static_cast<int>(n % 100);
    const char fraction[3] = {'.', static_cast<char>('0' + cents / 10),
                              static_cast<char>('0' + cents % 10)};
    out->append(fraction, 3);
    return;
  }
  char buffer[400];  // DBL_MAX with two decimals is 312 bytes
  const std::to_chars_result r =
      std::to_chars(buffer, buffer + sizeof(buffer), value, std::chars_format::fixed, 2);
  out->append(buffer, r.ptr);
}

}  // namespace parley
