// Read masks (AIP-157): a request's `read_mask` keeps only the named fields
// of each resource in the response. The resource is found from the
// response's type, not its content: the response itself when it is a
// resource (GetEntity returns an Entity), else the elements of its repeated
// resource fields (ListEvents: events), else the resource inside each
// element (SearchEntities: matches[].entity, SearchDocuments: hits[].document).
//
// Paths are proto field names, dotted through nested messages; a path
// through a repeated message field applies to every element
// ("participants.entity"). A path that names no field is INVALID_ARGUMENT
// (reason INVALID_READ_MASK) naming it and listing the fields there are.
//
// Thread-safety: pure functions.
#ifndef PARLEY_SERVICE_LOOKUP_READ_MASK_H_
#define PARLEY_SERVICE_LOOKUP_READ_MASK_H_

#include <google/protobuf/field_mask.pb.h>
#include <google/protobuf/message.h>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "service/index/entity_store.h"

namespace parley {

// The resource type a response carries (see above), or nullptr if none.
const google::protobuf::Descriptor* MaskedResourceOf(const google::protobuf::Descriptor* response);

// Checks mask's paths against `resource`; OK for an empty mask.
[[nodiscard]] absl::Status CheckReadMask(const google::protobuf::FieldMask& mask,
                                         const google::protobuf::Descriptor* resource);

// The fields of v1::Entity that mask's paths begin with (every field for an
// empty mask): all that a response needs to copy before ApplyReadMask trims
// it. Errors: as CheckReadMask.
[[nodiscard]] absl::StatusOr<EntityFields> EntityFieldsIn(const google::protobuf::FieldMask& mask);

// If request has a field read_mask with paths, checks them against the
// resource of response and clears every other field of each resource in it.
// Requests without read_mask, and empty masks, leave response as it is.
[[nodiscard]] absl::Status ApplyReadMask(const google::protobuf::Message& request,
                                         google::protobuf::Message* response);

}  // namespace parley

#endif  // PARLEY_SERVICE_LOOKUP_READ_MASK_H_
