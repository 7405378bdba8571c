// What the steps of an index build share (index_builder.h): the corpus being
// indexed, the IndexData being filled, every problem found so far, and the
// checks each step applies to records (ids, references, dates, quotes), so
// that each rule is written once. Internal to service/index/.
//
// Thread-safety: used by the one thread that builds. ParallelFill's
// helper contexts (HelperOf) work on two threads meanwhile; the parent is
// not touched until they are merged. A step may run one task that uses the
// context beside others that write only parts of data it does not read
// (participations.cc: the events' postings beside the sort of the entities'
// keys), or hand parts of data from one task to another under a lock
// (participations.cc: each event, once the postings have read it, to the
// task that moves it into the event store).
#ifndef PARLEY_SERVICE_INDEX_BUILD_CONTEXT_H_
#define PARLEY_SERVICE_INDEX_BUILD_CONTEXT_H_

#include <cstdint>
#include <string>

#include "absl/container/flat_hash_map.h"
#include "absl/functional/function_ref.h"
#include "absl/strings/string_view.h"
#include "google/protobuf/message.h"
#include "google/protobuf/repeated_ptr_field.h"
#include "parley/v1/knowledge_base.pb.h"
#include "service/corpus/corpus.h"
#include "service/index/index_data.h"

namespace parley {

class BuildContext {
 public:
  BuildContext(Corpus& corpus_in, IndexData& data_in) : corpus(corpus_in), data(data_in) {}
  // Not copied: a copy's entity_ids would be the original's.
  BuildContext(const BuildContext&) = delete;
  BuildContext& operator=(const BuildContext&) = delete;

  // A context for a thread that helps a step: the same corpus, data and
  // entity ids, which it only reads (as do the checks below), with
  // problems and counts of its own for the step to merge (MergeHelper).
  // The parent must outlive it.
  struct HelperOf {
    BuildContext& parent;
  };
  explicit BuildContext(HelperOf h)
      : corpus(h.parent.corpus), data(h.parent.data), entity_ids(h.parent.entity_ids) {}
  // Adds a helper's problems and counts to this context's.
  void MergeHelper(BuildContext&& helper);

  // Runs fill(helper, i) for every i in [0, n), in chunks taken by two
  // threads (this one and one more), each chunk with a helper context; the
  // helpers' problems and counts are merged here in chunk order, so the
  // problems fill finds are listed as one thread would list them. fill
  // must write only item i's own output (its own fields, when items are
  // rows another fill reads: the entities' fill reads any entity's kind,
  // set before, while packing the entity's other fields: entity_table.h)
  // and read nothing another fill writes. done(k), called under a lock on
  // either thread while fill runs on the other, says that items [0, k) are
  // all filled (k grows; never called with n). n <= 16 runs on this thread
  // alone. An exception from fill or done comes back here once both
  // threads have stopped (base/run_concurrently.h); the helpers' problems
  // are then not merged.
  void ParallelFill(size_t n, absl::FunctionRef<void(BuildContext& helper, size_t i)> fill,
                    absl::FunctionRef<void(size_t items_done)> done);

  // Records a problem at record's (field's) location.
  void Problem(const google::protobuf::Message& record, absl::string_view field, std::string what);

  // Checks that id is valid (base/ids.h) and unused among ids; records it
  // with value. what names the kind of record ("entity", "event" or
  // "topic"). A duplicate's problem says where the first record with the id
  // was written, when the corpus knows the records' places (the second read
  // of a corpus with problems) and a search is left (searches_left).
  bool CheckId(const google::protobuf::Message& record, const std::string& id,
               absl::flat_hash_map<std::string, int32_t>* ids, int32_t value,
               absl::string_view what);

  // " (the first is at file:line:column)" for a duplicate id (CheckId), or "".
  std::string FirstDefinition(absl::string_view what, absl::string_view id);

  // The number in data.entities of the entity id names, of the expected
  // kind (any when UNSPECIFIED); -1 and a problem when it does not resolve.
  int32_t ResolveEntity(const google::protobuf::Message& record, absl::string_view field,
                        const std::string& id, v1::EntityKind kind);

  // " (did you mean \"x\"?)" when x is the one id of ids within the typo
  // search's edits of typed (base/edit_distance.h), else "". Only ids whose
  // value is eligible are offered. Searched only when the corpus knows its
  // records' places (the build whose problems are shown: a corpus with
  // problems is read again for them), and bounded, as a search reads every
  // id: not among more than kIdsToSuggestFrom ids, and at most kSearches
  // times per context; ParallelFill gives that many to the helpers of its
  // first kSearchChunks chunks and none to the others, so that a step makes
  // at most (kSearchChunks + 1) * kSearches searches, for the same problems
  // on every run.
  std::string DidYouMean(absl::string_view typed,
                         const absl::flat_hash_map<std::string, int32_t>& ids);
  std::string DidYouMean(absl::string_view typed,
                         const absl::flat_hash_map<std::string, int32_t>& ids,
                         absl::FunctionRef<bool(int32_t value)> eligible);
  static constexpr size_t kIdsToSuggestFrom = 200'000;
  static constexpr int kSearches = 8;
  static constexpr size_t kSearchChunks = 8;

  // Parses a date field; false and a problem when it is malformed.
  bool ParseDate(const google::protobuf::Message& record, absl::string_view field,
                 const std::string& text, bool allow_span, v1::FuzzyDate* out);

  // Whether evidence gets a copy of its quote, or only the offsets that
  // locate it (events' evidence: evidence_quotes.h).
  enum class QuoteCopy { kKept, kOffsetsOnly };
  // Locates a quote in its document and fills the evidence; false and a
  // problem when the quote is missing, absent or ambiguous.
  bool ResolveQuote(const v1::QuoteRecord& q, QuoteCopy copy, v1::Evidence* out);
  bool ResolveQuotes(const google::protobuf::RepeatedPtrField<v1::QuoteRecord>& quotes,
                     QuoteCopy copy, google::protobuf::RepeatedPtrField<v1::Evidence>* out);

  Corpus& corpus;
  IndexData& data;
  ProblemList problems;

 private:
  absl::flat_hash_map<std::string, int32_t> own_entity_ids_;

 public:
  // Entity id -> position in data.entities while building (before the
  // entities are sorted). A helper's are its parent's. Emptied by
  // BuildParticipations, the last step that reads it, before the freeze
  // (1M ids are ~50 MB of the build's peak).
  absl::flat_hash_map<std::string, int32_t>& entity_ids = own_entity_ids_;
  // The searches of every id DidYouMean and a duplicate id's first
  // definition may still make.
  int searches_left = kSearches;
  // Which of ParallelFill's two threads a helper's items are filled on: 0
  // or 1 (0 outside ParallelFill).
  int worker = 0;
  int32_t evidence_count = 0;
  // Extracted participations dropped because their quote failed
  // CheckParticipantQuote (extract/quote_support.h).
  int32_t unsupported_extracted_quotes = 0;
  // Extracted participants not added to a curated event for lack of sure
  // evidence (extracted_facts.cc).
  int32_t extracted_participants_kept_out_of_curated_events = 0;
  // Review decisions whose fact the extractor did not find (reviews.cc).
  int32_t orphan_reviews = 0;
};

}  // namespace parley

#endif  // PARLEY_SERVICE_INDEX_BUILD_CONTEXT_H_
