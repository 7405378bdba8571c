// The knowledge base's text form read two ways: protobuf's TextFormat::Parser
// and the fast path (text_format_fast_path.h), on the knowledge-base files of
// a generated corpus (PARLEY_BENCH_SIZES' first size, default 10000
// entities; written once under $TMPDIR/parley-text-format-bench-<size>/).
//   PARLEY_BENCH_SIZES=1000000 build/service/corpus/text_format_benchmark
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <benchmark/benchmark.h>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "google/protobuf/arena.h"
#include "google/protobuf/text_format.h"
#include "parley/v1/knowledge_base.pb.h"
#include "service/corpus/synthetic_corpus.h"
#include "service/corpus/text_format_fast_path.h"

namespace parley {
namespace {

// The generated corpus's knowledge-base files, read into memory once.
const std::vector<std::string>& KnowledgeBaseTexts() {
  static const auto* texts = [] {
    int64_t size = 10000;
    if (const char* env = getenv("PARLEY_BENCH_SIZES"); env != nullptr) {
      const std::vector<std::string> sizes = absl::StrSplit(env, ',');
      if (!absl::SimpleAtoi(sizes[0], &size) || size < 100) size = 10000;
    }
    const char* tmp = getenv("TMPDIR");
    const std::string dir =
        absl::StrCat(tmp != nullptr ? tmp : "/tmp", "/parley-text-format-bench-", size);
    if (!std::filesystem::exists(dir + "/kb")) {
      std::filesystem::remove_all(dir);
      if (!WriteSyntheticCorpus(dir, size).ok()) std::abort();
    }
    auto* out = new std::vector<std::string>();
    for (const auto& entry : std::filesystem::directory_iterator(dir + "/kb")) {
      std::ifstream in(entry.path(), std::ios::binary);
      std::ostringstream text;
      text << in.rdbuf();
      out->push_back(text.str());
    }
    return out;
  }();
  return *texts;
}

template <typename Parse>
void ParseAll(benchmark::State& state, Parse parse) {
  const std::vector<std::string>& texts = KnowledgeBaseTexts();
  size_t bytes = 0;
  for (const std::string& text : texts) bytes += text.size();
  for (auto _ : state) {
    for (const std::string& text : texts) {
      // As the corpus reads them: each file's records on an arena.
      google::protobuf::Arena arena;
      auto* kb = google::protobuf::Arena::CreateMessage<v1::KnowledgeBase>(&arena);
      if (!parse(text, kb)) state.SkipWithError("parse failed");
      benchmark::DoNotOptimize(kb);
    }
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * bytes));
}

void BM_TextFormatParser(benchmark::State& state) {
  ParseAll(state, [](const std::string& text, v1::KnowledgeBase* kb) {
    return google::protobuf::TextFormat::ParseFromString(text, kb);
  });
}

void BM_TextFormatFastPath(benchmark::State& state) {
  ParseAll(state, [](const std::string& text, v1::KnowledgeBase* kb) {
    return ParseTextFormatFastPath(text, kb);
  });
}

BENCHMARK(BM_TextFormatParser)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_TextFormatFastPath)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace parley

BENCHMARK_MAIN();
