// Where an article's extracted events land in the index when the article is
// new: the corpus is read again with the article's curated annotations
// withheld (eval_withheld.h), Index::Build joins the article's extraction to
// it as it joins an uncited article's (service/index/extracted_facts.cc), and
// each extracted event is looked up in the result by its kind and its quote
// (an extracted evidence quote of the article overlapping the event's
// sentence). The outcome is judged against the gold event the evaluator
// matched the extracted event to: the same real event annotated from another
// article of the corpus has the same id, so it is in the index when that
// other article still cites it. Only this article's extraction is joined:
// the corpus's other uncited articles (none in the evaluation sets) are left
// out, so that every merge is this article's.
//
// Errors: those of Corpus::Read and Index::Build.
// Thread-safety: reads files; otherwise pure.
#ifndef PARLEY_TOOLS_EVAL_MERGES_H_
#define PARLEY_TOOLS_EVAL_MERGES_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "parley/v1/resources.pb.h"
#include "service/extract/extract.h"

namespace parley::eval {

enum class MergeOutcome {
  kRightMerge,   // merged into the curated event that is its gold event
  kWrongMerge,   // merged into another curated event
  kMissedMerge,  // a new event, though its gold event is in the index
  kNewEvent,     // a new event; its gold event (if any) is not in the index
  kFolded,       // merged into a new event made of another event of the article
  kNotIndexed,   // not in the index (no date, nobody taking part, ...)
};
inline constexpr int kMergeOutcomes = 6;
// "right merge", "wrong merge", ...
const char* MergeOutcomeName(MergeOutcome outcome);

struct MergeResult {
  MergeOutcome outcome = MergeOutcome::kNotIndexed;
  std::string event_id;  // the index event it went into, or ""
};

// One result per event of extraction, in order. gold_event_ids[i] is the id
// of the gold event extraction.events[i] was matched to (or duplicates), ""
// for none.
// REQUIRES: gold_event_ids.size() == extraction.events.size(); doc is one of
// data_dir's documents.
[[nodiscard]] absl::StatusOr<std::vector<MergeResult>> MeasureMerges(
    const std::string& data_dir, const v1::Document& doc, const Extraction& extraction,
    const std::vector<std::string>& gold_event_ids);

}  // namespace parley::eval

#endif  // PARLEY_TOOLS_EVAL_MERGES_H_
