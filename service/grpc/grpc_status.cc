#include "service/grpc/grpc_status.h"

#include <algorithm>
#include <string>

#include "absl/strings/ascii.h"
#include "absl/strings/strip.h"
#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"
#include "service/base/errors.h"
#include "service/base/normalize.h"

namespace parley {
namespace {

constexpr absl::string_view kReplacementCharacter = "\xEF\xBF\xBD";  // U+FFFD

bool IsControl(char c) {
  const auto byte = static_cast<unsigned char>(c);
  return byte < 0x20 || byte == 0x7F;
}

// Appends valid UTF-8 text with each run of control characters as one space
// (none after a space already there).
void AppendWithoutControls(absl::string_view text, std::string* out) {
  for (size_t i = 0; i < text.size();) {
    if (!IsControl(text[i])) {
      out->push_back(text[i++]);
      continue;
    }
    while (i < text.size() && IsControl(text[i])) ++i;
    if (out->empty() || out->back() != ' ') out->push_back(' ');
  }
}

}  // namespace

std::string SafeStatusMessage(absl::string_view message) {
  std::string safe;
  safe.reserve(std::min(message.size(), kMaxGrpcStatusMessageBytes + 16));
  for (absl::string_view rest = message; !rest.empty();) {
    const size_t bad = std::min(FirstInvalidUtf8(rest), rest.size());
    AppendWithoutControls(rest.substr(0, bad), &safe);
    if (bad == rest.size()) break;
    safe.append(kReplacementCharacter.data(), kReplacementCharacter.size());
    rest.remove_prefix(bad + 1);
  }
  absl::string_view trimmed = absl::StripAsciiWhitespace(safe);
  if (trimmed.size() <= kMaxGrpcStatusMessageBytes) return std::string(trimmed);
  // Ellipsize appends "…" (3 bytes) after at most n bytes.
  return Ellipsize(trimmed, kMaxGrpcStatusMessageBytes - 3);
}

std::string RequestFieldOf(const absl::Status& status,
                           const google::protobuf::Descriptor* request) {
  if (request == nullptr || status.code() != absl::StatusCode::kInvalidArgument) return "";
  const absl::string_view message = status.message();
  size_t end = 0;
  while (end < message.size() &&
         (absl::ascii_islower(message[end]) || absl::ascii_isdigit(message[end]) ||
          message[end] == '_' || message[end] == '.' || message[end] == '[' ||
          message[end] == ']')) {
    ++end;
  }
  if (end == 0 || end == message.size() || (message[end] != ':' && message[end] != ' ')) {
    return "";
  }
  const absl::string_view path = absl::StripSuffix(message.substr(0, end), ".");
  const absl::string_view first = path.substr(0, path.find_first_of(".["));
  if (request->FindFieldByName(std::string(first)) == nullptr) return "";
  return std::string(path);
}

grpc::Status ToGrpcStatus(const absl::Status& status, const google::protobuf::Descriptor* request) {
  if (status.ok()) return grpc::Status::OK;
  const std::string message = SafeStatusMessage(status.message());
  google::rpc::Status details;
  details.set_code(static_cast<int>(status.code()));
  details.set_message(message);
  google::rpc::ErrorInfo info;
  info.set_reason(ReasonOf(status));
  info.set_domain(std::string(kErrorDomain));
  const std::string field = RequestFieldOf(status, request);
  if (!field.empty()) (*info.mutable_metadata())["field"] = field;
  details.add_details()->PackFrom(info);
  if (!field.empty()) {
    google::rpc::BadRequest bad_request;
    google::rpc::BadRequest::FieldViolation* violation = bad_request.add_field_violations();
    violation->set_field(field);
    violation->set_description(message);
    details.add_details()->PackFrom(bad_request);
  }
  return grpc::Status(static_cast<grpc::StatusCode>(status.code()), message,
                      details.SerializeAsString());
}

}  // namespace parley
