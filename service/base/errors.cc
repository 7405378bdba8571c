#include "service/base/errors.h"

#include "absl/strings/ascii.h"
#include "absl/strings/cord.h"
#include "absl/strings/str_replace.h"

namespace parley {
namespace {
constexpr absl::string_view kReasonKey = "type.googleapis.com/parley.v1.ErrorReason";
}  // namespace

absl::Status WithReason(absl::Status status, absl::string_view reason) {
  if (!status.ok()) status.SetPayload(kReasonKey, absl::Cord(reason));
  return status;
}

std::string ReasonOf(const absl::Status& status) {
  if (auto reason = status.GetPayload(kReasonKey); reason.has_value()) {
    return std::string(*reason);
  }
  return absl::StrReplaceAll(absl::AsciiStrToUpper(absl::StatusCodeToString(status.code())),
                             {{" ", "_"}});
}

absl::Status InvalidArgument(absl::string_view reason, absl::string_view message) {
  return WithReason(absl::InvalidArgumentError(message), reason);
}

absl::Status NotFoundError(absl::string_view reason, absl::string_view message) {
  return WithReason(absl::NotFoundError(message), reason);
}

}  // namespace parley
