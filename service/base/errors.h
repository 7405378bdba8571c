// Errors with a machine-readable reason (AIP-193): every error the library
// returns for bad input carries an UPPER_SNAKE_CASE reason such as
// "INVALID_PAGE_TOKEN" as an absl::Status payload. The gRPC layer sends it as
// a google.rpc.ErrorInfo detail with domain kErrorDomain.
//
// Thread-safety: pure functions.
#ifndef PARLEY_SERVICE_BASE_ERRORS_H_
#define PARLEY_SERVICE_BASE_ERRORS_H_

#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"

namespace parley {

inline constexpr absl::string_view kErrorDomain = "parley.v1";

// status with reason attached (OK stays OK).
[[nodiscard]] absl::Status WithReason(absl::Status status, absl::string_view reason);

// The reason attached to status, or the code's name ("INVALID_ARGUMENT").
std::string ReasonOf(const absl::Status& status);

// Shorthands: code + reason + message.
[[nodiscard]] absl::Status InvalidArgument(absl::string_view reason, absl::string_view message);
[[nodiscard]] absl::Status NotFoundError(absl::string_view reason, absl::string_view message);

}  // namespace parley

#endif  // PARLEY_SERVICE_BASE_ERRORS_H_
