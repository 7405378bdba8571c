// Facet counts for ListEvents and ListParticipations (FacetField): over
// every result of a request's filter, not only its page, in one pass.
// An event counts once per value it has (an event of two countries counts
// for both); a participation row likewise. Buckets are sorted by count,
// then value.
//
// Thread-safety: pure functions over an immutable index.
#ifndef PARLEY_SERVICE_LOOKUP_FACETS_H_
#define PARLEY_SERVICE_LOOKUP_FACETS_H_

#include <cstdint>
#include <vector>

#include "absl/status/status.h"
#include "parley/v1/lookup_service.pb.h"
#include "service/index/index.h"

namespace parley {

using FacetFields = google::protobuf::RepeatedField<int>;

// INVALID_ARGUMENT (UNKNOWN_ENUM_VALUE) for an unknown or unspecified field,
// or one asked for twice.
[[nodiscard]] absl::Status CheckFacetFields(const FacetFields& fields);

// events are indices into index.events().
void AddEventFacets(const Index& index, const std::vector<int32_t>& events,
                    const FacetFields& fields, google::protobuf::RepeatedPtrField<v1::Facet>* out);

// rows are participation row numbers (Index::participation()).
void AddParticipationFacets(const Index& index, const std::vector<int32_t>& rows,
                            const FacetFields& fields,
                            google::protobuf::RepeatedPtrField<v1::Facet>* out);

}  // namespace parley

#endif  // PARLEY_SERVICE_LOOKUP_FACETS_H_
