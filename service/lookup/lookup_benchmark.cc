// In-process benchmarks of the hot paths on synthetic corpora
// (tools/synthetic_corpus.h) of several sizes: name lookups (exact, alias,
// prefix, fuzzy), event and participation listings, document search, mention
// linking throughput, and index build time and memory.
//
// Sizes come from PARLEY_BENCH_SIZES (entities, comma-separated; default
// "10000,100000"); corpora are generated once under
// $TMPDIR/parley-bench-<size>/ and reused. See docs/BENCHMARKS.md.
//   PARLEY_BENCH_SIZES=1000000 build/service/lookup_benchmark
#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <memory>

#include <benchmark/benchmark.h>
#include <malloc.h>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "service/base/normalize.h"
#include "service/corpus/synthetic_corpus.h"
#include "service/lookup/bench_queries.h"
#include "service/lookup/call_arena.h"
#include "service/lookup/lookup.h"

namespace parley {
namespace {

struct Fixture {
  SyntheticCorpusInfo info;
  std::string dir;
  std::unique_ptr<Lookup> lookup;
};

std::string CorpusDir(int64_t size) {
  const char* tmp = getenv("TMPDIR");
  return absl::StrCat(tmp != nullptr ? tmp : "/tmp", "/parley-bench-", size);
}

// The generated corpus of this size (written on first use) and its index.
Fixture& Get(int64_t size) {
  static auto* fixtures = new std::map<int64_t, std::unique_ptr<Fixture>>();
  std::unique_ptr<Fixture>& f = (*fixtures)[size];
  if (f == nullptr) {
    f = std::make_unique<Fixture>();
    f->dir = CorpusDir(size);
    std::filesystem::remove_all(f->dir);  // the generator is fast and deterministic
    absl::StatusOr<SyntheticCorpusInfo> info = WriteSyntheticCorpus(f->dir, size);
    if (!info.ok()) std::abort();
    f->info = *info;
    auto index = Index::Load(f->dir);
    if (!index.ok()) std::abort();
    (*index)->BackWithHugePages();  // as a server does beside serving (IndexHolder)
    f->lookup = std::make_unique<Lookup>(std::shared_ptr<const Index>(std::move(*index)));
  }
  return *f;
}

// A name with two edits (a transposition and a dropped letter).
std::string Misspell(std::string name) {
  if (name.size() > 6) {
    std::swap(name[2], name[3]);
    name.erase(name.size() - 2, 1);
  }
  return name;
}

void BM_EntityById(benchmark::State& state) {
  Fixture& f = Get(state.range(0));
  size_t i = 0;
  for (auto _ : state) {
    const std::string& id = f.info.sample_person_ids[i++ % f.info.sample_person_ids.size()];
    benchmark::DoNotOptimize(f.lookup->index().FindEntity(id));
  }
}

// The name-index step of an exact or alias lookup: normalized key -> entries.
void BM_ExactNameKey(benchmark::State& state) {
  Fixture& f = Get(state.range(0));
  std::vector<std::string> keys;
  for (const std::string& name : f.info.sample_names) keys.push_back(NameKey(name));
  size_t i = 0, found = 0;
  for (auto _ : state) {
    const absl::Span<const int32_t> entries =
        f.lookup->index().names().FindExact(keys[i++ % keys.size()]);
    found += !entries.empty();
    benchmark::DoNotOptimize(entries.data());
  }
  if (found == 0) state.SkipWithError("no key found");
}

// Normalization of the query included.
void BM_ExactNameWithNormalization(benchmark::State& state) {
  Fixture& f = Get(state.range(0));
  size_t i = 0;
  for (auto _ : state) {
    const std::string key = NameKey(f.info.sample_names[i++ % f.info.sample_names.size()]);
    benchmark::DoNotOptimize(f.lookup->index().names().FindExact(key));
  }
}

// Per-iteration latencies, reported as p50/p99 counters (microseconds).
class Latencies {
 public:
  void Start() { start_ = std::chrono::steady_clock::now(); }
  void Stop() {
    samples_.push_back(
        std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - start_)
            .count());
  }
  void Report(benchmark::State& state) {
    if (samples_.empty()) return;
    std::sort(samples_.begin(), samples_.end());
    state.counters["p50_us"] = samples_[samples_.size() / 2];
    state.counters["p99_us"] = samples_[samples_.size() * 99 / 100];
  }

 private:
  std::chrono::steady_clock::time_point start_;
  std::vector<double> samples_;
};

// Whole SearchEntities calls (response protos included), top 10; with
// mask_path, only that field of each entity (read_mask).
void Search(benchmark::State& state, const std::vector<std::string>& queries,
            const char* mask_path = nullptr) {
  Fixture& f = Get(state.range(0));
  v1::SearchEntitiesRequest request;
  request.set_page_size(10);
  if (mask_path != nullptr) request.mutable_read_mask()->add_paths(mask_path);
  size_t i = 0, hits = 0;
  Latencies latencies;
  for (auto _ : state) {
    request.set_query(queries[i++ % queries.size()]);
    latencies.Start();
    {
      CallArena arena;  // as the server's calls (grpc/arena_allocator.h)
      auto* response = arena.Create<v1::SearchEntitiesResponse>();
      // The read mask too: SearchEntities applies it (kAppliesReadMask).
      if (!f.lookup->SearchEntities(request, response).ok()) state.SkipWithError("failed");
      hits += response->matches_size();
    }
    latencies.Stop();
  }
  state.counters["hits/call"] = static_cast<double>(hits) / std::max<size_t>(1, i);
  latencies.Report(state);
}

// The name-index step of a search, top 10, on normalized keys (no response).
void SearchIndex(benchmark::State& state, const std::vector<std::string>& queries) {
  Fixture& f = Get(state.range(0));
  std::vector<std::string> keys;
  for (const std::string& q : queries) keys.push_back(NameKey(q));
  size_t i = 0, hits = 0;
  Latencies latencies;
  for (auto _ : state) {
    latencies.Start();
    const NameSearchResult result =
        f.lookup->index().names().Search(keys[i++ % keys.size()], 10, [](int32_t) { return true; });
    latencies.Stop();
    hits += result.matches.size();
  }
  state.counters["hits/call"] = static_cast<double>(hits) / std::max<size_t>(1, i);
  latencies.Report(state);
}

std::vector<std::string> Prefixes(int64_t size) {
  std::vector<std::string> prefixes;
  for (const std::string& name : Get(size).info.sample_names) prefixes.push_back(name.substr(0, 4));
  return prefixes;
}
std::vector<std::string> Typos(int64_t size) {
  std::vector<std::string> typos;
  for (const std::string& name : Get(size).info.sample_names) typos.push_back(Misspell(name));
  return typos;
}
void BM_SearchExactName(benchmark::State& state) {
  Search(state, Get(state.range(0)).info.sample_names);
}
// The comparison's sets (bench_queries.h): names spread over every person,
// most shared by fewer than ten people at 1M, and their first four letters.
void BM_SearchExactNameSet(benchmark::State& state) {
  Search(state, MakeBenchQueries(Get(state.range(0)).lookup->index()).exact);
}
void BM_SearchPrefixSet(benchmark::State& state) {
  Search(state, MakeBenchQueries(Get(state.range(0)).lookup->index()).prefix);
}
// The same asking only for names (read_mask "name"), as SQLite's statements
// do in the comparison.
void BM_SearchExactNameSetNamesOnly(benchmark::State& state) {
  Search(state, MakeBenchQueries(Get(state.range(0)).lookup->index()).exact, "name");
}
void BM_SearchPrefixSetNamesOnly(benchmark::State& state) {
  Search(state, MakeBenchQueries(Get(state.range(0)).lookup->index()).prefix, "name");
}
void BM_SearchAlias(benchmark::State& state) {
  Search(state, Get(state.range(0)).info.sample_aliases);
}
void BM_SearchAcronym(benchmark::State& state) {
  Search(state, Get(state.range(0)).info.sample_acronyms);
}
void BM_SearchPrefix(benchmark::State& state) { Search(state, Prefixes(state.range(0))); }
void BM_SearchFuzzy(benchmark::State& state) { Search(state, Typos(state.range(0))); }

// Typo-tolerant ranking: the comparison's typo set (bench_queries.h: 1,000
// people's names with one or two random edits), searched top 10.
// recall_at_10: the share whose intended name is among them (fewer edits
// rank first, corpus weight breaks ties). Timed per query as BM_SearchFuzzy.
void BM_TypoRecallAt10(benchmark::State& state) {
  Fixture& f = Get(state.range(0));
  const BenchQuerySets sets = MakeBenchQueries(f.lookup->index());
  if (sets.typo.empty()) {
    state.SkipWithError("no people");
    return;
  }
  size_t found = 0, asked = 0, i = 0;
  Latencies latencies;
  v1::SearchEntitiesRequest request;
  request.set_page_size(10);
  for (auto _ : state) {
    const size_t q = i++ % sets.typo.size();
    request.set_query(sets.typo[q]);
    latencies.Start();
    v1::SearchEntitiesResponse response;
    if (!f.lookup->SearchEntities(request, &response).ok()) state.SkipWithError("failed");
    latencies.Stop();
    if (i > sets.typo.size()) continue;  // each query counted once
    ++asked;
    for (const v1::EntityMatch& m : response.matches()) {
      // People who share the intended name cannot be told apart by it.
      if (m.entity().name() == sets.intended[q]) {
        ++found;
        break;
      }
    }
  }
  state.counters["recall_at_10"] = static_cast<double>(found) / std::max<size_t>(1, asked);
  state.counters["queries"] = static_cast<double>(asked);
  latencies.Report(state);
}

void BM_NameIndexExactTop10(benchmark::State& state) {
  SearchIndex(state, Get(state.range(0)).info.sample_names);
}
void BM_NameIndexPrefixTop10(benchmark::State& state) {
  SearchIndex(state, Prefixes(state.range(0)));
}
void BM_NameIndexFuzzyTop10(benchmark::State& state) { SearchIndex(state, Typos(state.range(0))); }

void BM_ListEventsByTopicAndDates(benchmark::State& state) {
  Fixture& f = Get(state.range(0));
  v1::ListEventsRequest request;
  request.mutable_filter()->add_topics("cyber");
  request.mutable_filter()->set_from_date("2010");
  request.mutable_filter()->set_to_date("2015-06");
  for (auto _ : state) {
    v1::ListEventsResponse response;
    if (!f.lookup->ListEvents(request, &response).ok()) state.SkipWithError("failed");
    benchmark::DoNotOptimize(response);
  }
}

void BM_ListParticipationsOfAPerson(benchmark::State& state) {
  Fixture& f = Get(state.range(0));
  v1::ListParticipationsRequest request;
  size_t i = 0;
  for (auto _ : state) {
    request.clear_person_ids();
    request.add_person_ids(f.info.sample_person_ids[i++ % f.info.sample_person_ids.size()]);
    v1::ListParticipationsResponse response;
    if (!f.lookup->ListParticipations(request, &response).ok()) state.SkipWithError("failed");
    benchmark::DoNotOptimize(response);
  }
}

void BM_SearchDocuments(benchmark::State& state) {
  Fixture& f = Get(state.range(0));
  const std::vector<std::string> queries = {"\"cyber security\"", "memorandum understanding",
                                            "talks homeland security", "counter-terrorism"};
  v1::SearchDocumentsRequest request;
  size_t i = 0;
  for (auto _ : state) {
    request.set_query(queries[i++ % queries.size()]);
    v1::SearchDocumentsResponse response;
    if (!f.lookup->SearchDocuments(request, &response).ok()) state.SkipWithError("failed");
    benchmark::DoNotOptimize(response);
  }
}

// Document queries, top 10 with snippets, one query at a time.
void SearchDocumentQueries(benchmark::State& state, Fixture& f,
                           const std::vector<std::string>& queries) {
  v1::SearchDocumentsRequest request;
  request.set_page_size(10);
  size_t i = 0, hits = 0, matches = 0, suggested = 0;
  Latencies latencies;
  for (auto _ : state) {
    request.set_query(queries[i++ % queries.size()]);
    latencies.Start();
    {
      CallArena arena;
      auto* response = arena.Create<v1::SearchDocumentsResponse>();
      if (!f.lookup->SearchDocuments(request, response).ok()) state.SkipWithError("failed");
      hits += response->hits_size();
      matches += static_cast<size_t>(response->total_size());
      suggested += response->suggested_query().empty() ? 0 : 1;
    }
    latencies.Stop();
  }
  const double calls = static_cast<double>(std::max<size_t>(1, i));
  state.counters["hits/call"] = static_cast<double>(hits) / calls;
  state.counters["matches/call"] = static_cast<double>(matches) / calls;
  state.counters["suggested/call"] = static_cast<double>(suggested) / calls;
  latencies.Report(state);
}

// The comparison's document query sets (bench_queries.h: 1,000 queries
// each).
void SearchDocumentSet(benchmark::State& state, std::vector<std::string> BenchQuerySets::*set) {
  Fixture& f = Get(state.range(0));
  SearchDocumentQueries(state, f, MakeBenchQueries(f.lookup->index()).*set);
}
void BM_SearchDocumentsAllWords(benchmark::State& state) {
  SearchDocumentSet(state, &BenchQuerySets::all_words);
}
void BM_SearchDocumentsPhrase(benchmark::State& state) {
  SearchDocumentSet(state, &BenchQuerySets::phrase);
}

// Operators: four words of the all-words set joined by OR, less two
// others (a OR b OR c OR d -e -f): unions and exclusions of common words.
void BM_SearchDocumentsOrNot(benchmark::State& state) {
  Fixture& f = Get(state.range(0));
  std::vector<std::string> words;
  for (const std::string& q : MakeBenchQueries(f.lookup->index()).all_words) {
    for (absl::string_view w : absl::StrSplit(q, ' ', absl::SkipEmpty())) words.emplace_back(w);
  }
  std::vector<std::string> queries;
  for (size_t i = 0; i + 6 <= words.size(); i += 6) {
    queries.push_back(absl::StrCat(words[i], " OR ", words[i + 1], " OR ", words[i + 2], " OR ",
                                   words[i + 3], " -", words[i + 4], " -", words[i + 5]));
  }
  if (queries.empty()) {
    state.SkipWithError("no words");
    return;
  }
  SearchDocumentQueries(state, f, queries);
}

// The all-words set with its first word of six bytes or more misspelt (two
// letters swapped): mostly nothing matches, and the answer suggests a query
// ("did you mean"), a scan of the vocabulary per unknown word.
void BM_SearchDocumentsMisspelt(benchmark::State& state) {
  Fixture& f = Get(state.range(0));
  std::vector<std::string> queries;
  for (std::string q : MakeBenchQueries(f.lookup->index()).all_words) {
    size_t start = 0;
    while (start < q.size()) {
      const size_t end = std::min(q.find(' ', start), q.size());
      if (end - start >= 6) {
        std::swap(q[start + 2], q[start + 3]);
        queries.push_back(q);
        break;
      }
      start = end + 1;
    }
  }
  if (queries.empty()) {
    state.SkipWithError("no word of six bytes");
    return;
  }
  SearchDocumentQueries(state, f, queries);
}

void LinkMentions(benchmark::State& state, const std::string& text);

// Text of about 64 KiB taken from the corpus's own documents: a name every
// 40 bytes, many of them shared by dozens of people (the worst case).
void BM_LinkMentions(benchmark::State& state) {
  Fixture& f = Get(state.range(0));
  std::string text;
  for (size_t d = 0; text.size() < (64 << 10) && d < f.lookup->index().documents().size(); ++d) {
    text += f.lookup->index().documents()[d].text();
  }
  LinkMentions(state, text);
}

// News text: the five bundled articles, repeated to about 64 KiB, against
// the generated corpus's names.
void BM_LinkMentionsNewsText(benchmark::State& state) {
  std::string articles;
  for (const auto& file : std::filesystem::directory_iterator(PARLEY_SOURCE_DIR "/data/articles")) {
    std::ifstream in(file.path());
    articles.append(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  if (articles.empty()) {
    state.SkipWithError("no articles in " PARLEY_SOURCE_DIR "/data/articles");
    return;
  }
  std::string text;
  while (text.size() < (64 << 10)) text += articles;
  LinkMentions(state, text);
}

void LinkMentions(benchmark::State& state, const std::string& text) {
  Fixture& f = Get(state.range(0));
  v1::LinkMentionsRequest request;
  request.set_text(text);
  size_t spans = 0, candidates = 0;
  for (auto _ : state) {
    CallArena arena;  // as the server's calls (grpc/arena_allocator.h)
    auto* response = arena.Create<v1::LinkMentionsResponse>();
    if (!f.lookup->LinkMentions(request, response).ok()) state.SkipWithError("failed");
    spans = response->spans_size();
    candidates = 0;
    for (const v1::LinkedSpan& span : response->spans()) candidates += span.candidates_size();
    benchmark::DoNotOptimize(response);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text.size()));
  state.counters["spans"] = static_cast<double>(spans);
  state.counters["candidates"] = static_cast<double>(candidates);
}

// Index::Load of the generated corpus; reports heap bytes per entity.
void BM_IndexBuild(benchmark::State& state) {
  Fixture& f = Get(state.range(0));
  size_t heap = 0;
  for (auto _ : state) {
    const size_t before = mallinfo2().uordblks;
    auto index = Index::Load(f.dir);
    if (!index.ok()) state.SkipWithError("load failed");
    heap = mallinfo2().uordblks - before;
    state.PauseTiming();
    index->reset();
    state.ResumeTiming();
  }
  state.counters["index_bytes_per_entity"] = static_cast<double>(heap) / state.range(0);
  state.counters["index_MiB"] = static_cast<double>(heap) / (1 << 20);
}

void Sizes(benchmark::internal::Benchmark* b) {
  const char* env = getenv("PARLEY_BENCH_SIZES");
  for (absl::string_view part : absl::StrSplit(env != nullptr ? env : "10000,100000", ',')) {
    int64_t size;
    if (absl::SimpleAtoi(part, &size) && size >= 100) b->Arg(size);
  }
}

BENCHMARK(BM_EntityById)->Apply(Sizes);
BENCHMARK(BM_ExactNameKey)->Apply(Sizes);
BENCHMARK(BM_ExactNameWithNormalization)->Apply(Sizes);
BENCHMARK(BM_SearchExactName)->Apply(Sizes);
BENCHMARK(BM_SearchAlias)->Apply(Sizes);
BENCHMARK(BM_SearchAcronym)->Apply(Sizes);
BENCHMARK(BM_SearchPrefix)->Apply(Sizes);
BENCHMARK(BM_SearchExactNameSet)->Apply(Sizes);
BENCHMARK(BM_SearchPrefixSet)->Apply(Sizes);
BENCHMARK(BM_SearchExactNameSetNamesOnly)->Apply(Sizes);
BENCHMARK(BM_SearchPrefixSetNamesOnly)->Apply(Sizes);
BENCHMARK(BM_SearchFuzzy)->Apply(Sizes);
BENCHMARK(BM_TypoRecallAt10)->Apply(Sizes);
BENCHMARK(BM_NameIndexExactTop10)->Apply(Sizes);
BENCHMARK(BM_NameIndexPrefixTop10)->Apply(Sizes);
BENCHMARK(BM_NameIndexFuzzyTop10)->Apply(Sizes);
BENCHMARK(BM_ListEventsByTopicAndDates)->Apply(Sizes);
BENCHMARK(BM_ListParticipationsOfAPerson)->Apply(Sizes);
BENCHMARK(BM_SearchDocuments)->Apply(Sizes);
BENCHMARK(BM_SearchDocumentsAllWords)->Apply(Sizes);
BENCHMARK(BM_SearchDocumentsPhrase)->Apply(Sizes);
BENCHMARK(BM_SearchDocumentsOrNot)->Apply(Sizes);
BENCHMARK(BM_SearchDocumentsMisspelt)->Apply(Sizes);
BENCHMARK(BM_LinkMentions)->Apply(Sizes);
BENCHMARK(BM_LinkMentionsNewsText)->Apply(Sizes);
BENCHMARK(BM_IndexBuild)->Apply(Sizes)->Unit(benchmark::kMillisecond)->Iterations(1);

}  // namespace
}  // namespace parley

BENCHMARK_MAIN();
