#include "service/base/fixed_decimals.h"

#include <cmath>
#include <cstdio>
#include <limits>
#include <string>

#include <gtest/gtest.h>

namespace parley {
namespace {

std::string Printf(double value) {
  char buffer[400];
  std::snprintf(buffer, sizeof(buffer), "%.2f", value);
  return buffer;
}

std::string Ours(double value) {
  std::string out = "x";  // appends
  AppendTwoDecimals(&out, value);
  return out.substr(1);
}

TEST(AppendTwoDecimalsTest, WritesWhatPrintfWrites) {
  const double special[] = {0.0,
                            -0.0,
                            -0.001,
                            0.005,
                            0.015,
                            0.125,
                            0.375,
                            2.675,
                            1.005,
                            -1.005,
                            4.4999999999,
                            0.995,
                            9.995,
                            99.995,
                            1e9 - 0.005,
                            1e9,
                            123456789012.345,
                            1e300,
                            std::numeric_limits<double>::max(),
                            std::numeric_limits<double>::denorm_min(),
                            std::numeric_limits<double>::infinity(),
                            -std::numeric_limits<double>::infinity(),
                            std::nan("")};
  for (double v : special) EXPECT_EQ(Ours(v), Printf(v)) << v;
  // Every score a search writes: kinds, coverages and weights, and values
  // one ulp either side of each multiple of 0.005 up to 10.
  for (int i = -2000; i <= 2000; ++i) {
    const double v = i * 0.005;
    for (double w : {v, std::nextafter(v, -1e300), std::nextafter(v, 1e300)}) {
      ASSERT_EQ(Ours(w), Printf(w)) << w;
    }
  }
  uint64_t state = 99;
  for (int i = 0; i < 200000; ++i) {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    const double v = static_cast<double>(state >> 11) / static_cast<double>(1ULL << 53) * 20 - 5;
    ASSERT_EQ(Ours(v), Printf(v)) << v;
  }
}

}  // namespace
}  // namespace parley
