// AppendTwoDecimals and WriteTwoDecimals: what printf's "%.2f" writes for a
// double, without parsing a format or running the exact conversion for the
// common case.
// Scores and their parts (index.h ExplainHit) are written this way, three
// to a match; a format call each was a tenth of an exact-name search.
//
// Thread-safety: a pure function.
#ifndef PARLEY_SERVICE_BASE_FIXED_DECIMALS_H_
#define PARLEY_SERVICE_BASE_FIXED_DECIMALS_H_

#include <cstddef>
#include <string>

namespace parley {

// Appends value rounded to two decimals, byte for byte as "%.2f" (the
// exact value rounded, half to even; "-0.00" for a small negative; "inf",
// "nan").
void AppendTwoDecimals(std::string* out, double value);

// The most bytes that takes: "-", DBL_MAX's 309 digits and ".00".
inline constexpr size_t kMaxTwoDecimalsBytes = 313;
// The same text written at out; returns where it ends (for a text made of
// several pieces in one buffer, then copied once).
// REQUIRES: out has room for kMaxTwoDecimalsBytes.
char* WriteTwoDecimals(double value, char* out);

}  // namespace parley

#endif  // PARLEY_SERVICE_BASE_FIXED_DECIMALS_H_
