// Review of extracted facts (parley review): the list an analyst works
// through, and the write that records a decision.
//
// Facts are named by keys that stay the same from one build to the next
// (the extractor is deterministic): "entity:<id>",
// "position:<entity id>:<title>", "event:<id>",
// "participant:<event id>:<person id>". A decision is a ReviewRecord
// appended to kb/reviews.textproto (knowledge_base.proto), which the index
// build applies (index/reviews.cc); the article itself is not touched.
//
// Thread-safety: pure functions of an immutable Lookup.
#ifndef PARLEY_SERVICE_LOOKUP_REVIEW_H_
#define PARLEY_SERVICE_LOOKUP_REVIEW_H_

#include <vector>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "parley/v1/admin_service.pb.h"
#include "service/lookup/corpus_source.h"
#include "service/lookup/lookup.h"

namespace parley {

inline constexpr char kReviewsFile[] = "kb/reviews.textproto";

// The extracted facts of the index, most confident first (then by key).
// Errors: INVALID_ARGUMENT for a bad page_size, page_token or
// min_confidence outside [0, 1].
[[nodiscard]] absl::Status ListExtractedFacts(const Lookup& lookup,
                                              const v1::ListExtractedFactsRequest& request,
                                              v1::ListExtractedFactsResponse* response);

// The file change that records request's decision, made at now, against
// the corpus current; *written is the record. Errors: INVALID_ARGUMENT for
// a missing reviewer or decision, corrections on ACCEPT/REJECT, none on
// CORRECT, or one that does not fit the fact (a date for a participant, an
// unknown function or person); ALREADY_EXISTS (FACT_ALREADY_REVIEWED);
// NOT_FOUND (FACT_NOT_FOUND) for a key the index has no extracted fact for.
[[nodiscard]] absl::StatusOr<std::vector<FileChange>> PlanReview(
    const Lookup& current, FileReader read, const v1::ReviewFactRequest& request, absl::Time now,
    v1::ReviewRecord* written);

}  // namespace parley

#endif  // PARLEY_SERVICE_LOOKUP_REVIEW_H_
