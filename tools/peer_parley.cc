// Parley in process: Index::Load from the directory, then Lookup — the code
// the gRPC handlers call, response messages included (names only, as the
// peers return, and whole entities for the Parley-only sets).
#include <filesystem>
#include <memory>
#include <system_error>

#include "absl/strings/str_cat.h"
#include "service/index/snapshot.h"
#include "service/lookup/bench_queries.h"
#include "service/lookup/call_arena.h"
#include "service/lookup/lookup.h"
#include "tools/peer_engines.h"

namespace parley {

absl::StatusOr<EngineResult> RunParley(const std::string& corpus, const std::string& queries_out,
                                       size_t per_set, const std::string& snapshot_dir) {
  EngineResult result;
  result.engine = "parley";
  const auto start = std::chrono::steady_clock::now();
  SnapshotReport report;
  if (!snapshot_dir.empty()) {
    // As the server's --snapshot_dir: made if missing (a first run wrote
    // nothing, and said only that it could not).
    std::error_code error;
    std::filesystem::create_directories(snapshot_dir, error);
    if (error) {
      return absl::FailedPreconditionError(absl::StrCat("--parley_snapshot_dir ", snapshot_dir,
                                                        ": cannot create it: ", error.message()));
    }
  }
  absl::StatusOr<std::unique_ptr<const Index>> index =
      snapshot_dir.empty() ? Index::Load(corpus)
                           : LoadThroughSnapshot(corpus, snapshot_dir, &report);
  if (!index.ok()) return index.status();
  result.load_seconds = SecondsSince(start);
  (*index)->BackWithHugePages();  // as a server does beside serving (IndexHolder)
  if (!snapshot_dir.empty() && !report.read) {
    absl::StatusOr<bool> saved = SaveSnapshotAfterBuild(**index, report, nullptr);
    if (!saved.ok()) return saved.status();
  }
  const Lookup lookup{std::shared_ptr<const Index>(std::move(*index))};
  const BenchQuerySets sets = MakeBenchQueries(lookup.index(), per_set);
  PeerQueries queries;
  queries.sets = {{"typo", sets.typo},
                  {"exact", sets.exact},
                  {"prefix", sets.prefix},
                  {"all_words", sets.all_words},
                  {"phrase", sets.phrase}};
  queries.intended = sets.intended;
  if (absl::Status s = WriteQueries(queries_out, queries); !s.ok()) return s;

  // Names only (read_mask "name"), as every peer's statement returns them;
  // the whole-entity sets time the default response (BASIC view) beside.
  auto search = [&](const std::string& q, bool whole) {
    v1::SearchEntitiesRequest request;
    request.set_query(q);
    request.set_page_size(10);
    if (!whole) request.mutable_read_mask()->add_paths("name");
    CallArena arena;  // as each of the server's calls (grpc/arena_allocator.h)
    auto* response = arena.Create<v1::SearchEntitiesResponse>();
    std::vector<std::string> top;
    // SearchEntities applies the read mask itself (kAppliesReadMask).
    if (!lookup.SearchEntities(request, response).ok()) return top;
    for (const v1::EntityMatch& m : response->matches()) top.push_back(m.entity().name());
    return top;
  };
  auto names = [&](const std::string& q) { return search(q, false); };
  auto whole = [&](const std::string& q) { return search(q, true); };
  auto documents = [&](const std::string& q) {
    v1::SearchDocumentsRequest request;
    request.set_query(q);
    request.set_page_size(10);
    CallArena arena;
    auto* response = arena.Create<v1::SearchDocumentsResponse>();
    std::vector<std::string> top;
    if (!lookup.SearchDocuments(request, response).ok()) return top;
    for (const v1::DocumentHit& h : response->hits()) top.push_back(h.document().id());
    return top;
  };
  if (WantedSet("typo")) result.sets["typo"] = TimeSet(sets.typo, names, &sets.intended);
  if (WantedSet("exact")) result.sets["exact"] = TimeSet(sets.exact, names);
  if (WantedSet("prefix")) result.sets["prefix"] = TimeSet(sets.prefix, names);
  if (WantedSet("exact_whole")) result.sets["exact_whole"] = TimeSet(sets.exact, whole);
  if (WantedSet("prefix_whole")) result.sets["prefix_whole"] = TimeSet(sets.prefix, whole);
  if (WantedSet("all_words")) result.sets["all_words"] = TimeSet(sets.all_words, documents);
  if (WantedSet("phrase")) result.sets["phrase"] = TimeSet(sets.phrase, documents);
  return result;
}

}  // namespace parley
