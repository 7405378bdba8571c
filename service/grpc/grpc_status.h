// The one place where absl::Status becomes grpc::Status. Canonical codes
// have the same numbers in both, so the mapping keeps code and message, and
// adds a google.rpc.Status with a google.rpc.ErrorInfo detail (reason from
// errors.h, domain "parley.v1") as the binary error details (AIP-193); for
// INVALID_ARGUMENT about a field of the request, also a google.rpc.BadRequest
// whose field violation names it ("filter.to_date") and ErrorInfo metadata
// "field" with the same path.
//
// The message is made safe to send first (SafeStatusMessage): it travels as
// the grpc-message header, which strict HTTP/2 peers (grpc-js) drop when it
// starts or ends with whitespace, and which every client prints.
//
// Thread-safety: pure functions.
#ifndef PARLEY_SERVICE_GRPC_GRPC_STATUS_H_
#define PARLEY_SERVICE_GRPC_GRPC_STATUS_H_

#include <cstddef>
#include <string>

#include <google/protobuf/descriptor.h>
#include <grpcpp/support/status.h>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"

namespace parley {

// Longer messages are cut (a corpus with a thousand problems lists them in
// the server log, not in one header).
inline constexpr size_t kMaxGrpcStatusMessageBytes = 1024;

// message on one line, as sent: every run of control characters (newlines,
// tabs, other bytes below 0x20, and 0x7F) replaced by a single space, bytes
// that are not valid UTF-8 replaced by U+FFFD, leading and trailing
// whitespace removed, and cut on a character boundary to at most
// kMaxGrpcStatusMessageBytes bytes, ending in "…" when cut.
std::string SafeStatusMessage(absl::string_view message);

// status with SafeStatusMessage(status.message()) as both its message and
// the message of its google.rpc.Status details. request: the type of the
// request the status answers, if known; see RequestFieldOf.
grpc::Status ToGrpcStatus(const absl::Status& status,
                          const google::protobuf::Descriptor* request = nullptr);

// The field an INVALID_ARGUMENT status is about, as a path into the request
// ("filter.to_date", "examples[1].name", "read_mask.paths[2]"), or "". Every
// message of the library about a request field starts with that field's
// path (lookup.h), so the path is read from there, and kept only when its
// first part is a field of the request type.
std::string RequestFieldOf(const absl::Status& status, const google::protobuf::Descriptor* request);

}  // namespace parley

#endif  // PARLEY_SERVICE_GRPC_GRPC_STATUS_H_
