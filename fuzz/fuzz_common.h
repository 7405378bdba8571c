// Shared by the fuzz targets: the bundled corpus loaded once, and the request
// dispatch used by request_fuzzer and the seed writer.
#ifndef PARLEY_FUZZ_FUZZ_COMMON_H_
#define PARLEY_FUZZ_FUZZ_COMMON_H_

#include <cstdint>
#include <memory>
#include <string>

#include "absl/strings/string_view.h"
#include "service/index/snapshot.h"
#include "service/lookup/lookup.h"

namespace parley::fuzz {

// The bundled corpus (PARLEY_SOURCE_DIR/data), loaded on first use.
const Lookup& BundledLookup();

// Silences protobuf's log (it reports every invalid UTF-8 string it sees,
// which would drown the fuzzer's output and slow it down). Call from
// LLVMFuzzerInitialize.
void Quiet();

// The key snapshot_fuzzer's inputs are read with and its seeds written
// with (fuzz_seeds): seeds are then whole, valid snapshots.
const SnapshotKey& SnapshotSeedKey();

// Number of RPCs CallRequest() dispatches over.
inline constexpr int kRpcCount = 15;

// Parses bytes as the request of RPC number rpc (0 <= rpc < kRpcCount) and,
// if it parses, calls the Lookup method. Returns false if it did not parse.
bool CallRequest(const Lookup& lookup, int rpc, absl::string_view bytes);

// The request message of RPC number rpc, for writing seeds.
std::unique_ptr<google::protobuf::Message> NewRequest(int rpc);

}  // namespace parley::fuzz

#endif  // PARLEY_FUZZ_FUZZ_COMMON_H_
