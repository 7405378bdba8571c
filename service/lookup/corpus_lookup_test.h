// Test fixture: a Lookup over one corpus directory, loaded once per test
// suite. REQUIRES: the including test defines PARLEY_SOURCE_DIR (tests do).
#ifndef PARLEY_SERVICE_LOOKUP_CORPUS_LOOKUP_TEST_H_
#define PARLEY_SERVICE_LOOKUP_CORPUS_LOOKUP_TEST_H_

#include <memory>

#include <gtest/gtest.h>

#include "service/lookup/lookup.h"

namespace parley {

inline constexpr char kSeedCorpus[] = PARLEY_SOURCE_DIR "/data";

// kDir: the corpus directory, an array of static storage.
template <const char* kDir>
class CorpusLookupTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto index = Index::Load(kDir);
    ASSERT_TRUE(index.ok()) << index.status();
    lookup_ = new Lookup(std::shared_ptr<const Index>(std::move(*index)));
  }
  static void TearDownTestSuite() {
    delete lookup_;
    lookup_ = nullptr;
  }

  static const Lookup* lookup_;
};

template <const char* kDir>
const Lookup* CorpusLookupTest<kDir>::lookup_ = nullptr;

}  // namespace parley

#endif  // PARLEY_SERVICE_LOOKUP_CORPUS_LOOKUP_TEST_H_
