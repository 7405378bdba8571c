// The snapshot reader on arbitrary bytes after a valid header (the seeds are
// real snapshots of a small corpus, written with the same key): every read
// is bounded by the bytes left, nothing read is indexed unchecked, and a
// damaged snapshot is DATA_LOSS — never a crash, a hang or an allocation
// without bound. One that reads back whole must answer lookups.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <string>

#include <unistd.h>

#include "fuzz/fuzz_common.h"
#include "service/index/snapshot.h"

namespace {

const std::string& Path() {
  static const std::string* path = [] {
    char tmpl[] = "/tmp/parley-fuzz-snapshot-XXXXXX";
    return new std::string(std::string(mkdtemp(tmpl)) + "/index.snapshot");
  }();
  return *path;
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int* /*argc*/, char*** /*argv*/) {
  parley::fuzz::Quiet();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const parley::SnapshotKey& key = parley::fuzz::SnapshotSeedKey();
  {
    std::ofstream out(Path(), std::ios::binary | std::ios::trunc);
    out << parley::SnapshotHeader(key);
    out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  }
  absl::StatusOr<std::unique_ptr<const parley::Index>> index =
      parley::ReadSnapshot(Path(), key, "fuzz");
  if (!index.ok()) {
    if (index.status().code() != absl::StatusCode::kDataLoss) __builtin_trap();
    return 0;
  }
  const parley::Index& read = **index;
  read.SearchNames("Painter", 10, [](int32_t) { return true; });
  for (int32_t d = 0; d < static_cast<int32_t>(read.documents().size()); ++d) {
    parley::v1::LinkMentionsResponse links;
    read.LinkMentions(read.documents()[d].text(), &links);
  }
  return 0;
}
