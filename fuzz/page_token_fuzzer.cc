// The page-token decoder on forged bytes, directly and through a List call:
// a token either decodes to an offset for the request it was made for or is
// refused with INVALID_ARGUMENT, never anything else.
#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz/fuzz_common.h"
#include "service/base/normalize.h"
#include "service/lookup/page_token.h"

extern "C" int LLVMFuzzerInitialize(int* /*argc*/, char*** /*argv*/) {
  parley::fuzz::Quiet();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string token(reinterpret_cast<const char*>(data), size);
  parley::v1::ListEventsRequest request;
  request.set_page_size(2);
  const uint64_t fingerprint = parley::RequestFingerprint("ListEvents", request);
  absl::StatusOr<uint32_t> offset = parley::DecodePageToken(token, fingerprint, 1);
  if (!offset.ok() && offset.status().code() != absl::StatusCode::kInvalidArgument) {
    __builtin_trap();
  }
  if (parley::FirstInvalidUtf8(token) != absl::string_view::npos)
    return 0;  // gRPC refuses the rest
  request.set_page_token(token);
  parley::v1::ListEventsResponse response;
  absl::Status status = parley::fuzz::BundledLookup().ListEvents(request, &response);
  if (!status.ok() && status.code() != absl::StatusCode::kInvalidArgument) __builtin_trap();
  return 0;
}
