// Request handling from raw bytes: the first byte picks the RPC, the rest is
// parsed as its serialized request (as gRPC would) and handed to the Lookup
// of the bundled corpus. Every outcome must be a Status, never a crash.
#include <cstddef>
#include <cstdint>

#include "fuzz/fuzz_common.h"

extern "C" int LLVMFuzzerInitialize(int* /*argc*/, char*** /*argv*/) {
  parley::fuzz::Quiet();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  parley::fuzz::CallRequest(parley::fuzz::BundledLookup(), data[0] % parley::fuzz::kRpcCount,
                            absl::string_view(reinterpret_cast<const char*>(data) + 1, size - 1));
  return 0;
}
