#include "service/base/snapshot_io.h"

#include <algorithm>
#include <fstream>
#include <utility>

#include <link.h>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "xxhash.h"

namespace parley {

namespace {

// Adds a file's path and bytes to state; false when it cannot be read.
bool HashFile(const std::string& path, XXH3_state_t* state, std::vector<char>* buffer) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  XXH3_128bits_update(state, path.data(), path.size() + 1);
  while (in) {
    in.read(buffer->data(), static_cast<std::streamsize>(buffer->size()));
    XXH3_128bits_update(state, buffer->data(), static_cast<size_t>(in.gcount()));
  }
  return in.eof() && !in.bad();
}

}  // namespace

absl::StatusOr<std::string> ProgramFingerprint() {
  static const absl::StatusOr<std::string>* const fingerprint = [] {
    XXH3_state_t* state = XXH3_createState();
    XXH3_128bits_reset(state);
    std::vector<char> buffer(1 << 20);
    bool read = HashFile("/proc/self/exe", state, &buffer);
    // And every shared library loaded (ICU's normalization makes the name
    // keys, protobuf and absl lay out what is saved): an upgrade of one is
    // another program. The kernel's vDSO has no file.
    std::vector<std::string> libraries;
    dl_iterate_phdr(
        [](dl_phdr_info* info, size_t, void* out) {
          if (info->dlpi_name != nullptr && info->dlpi_name[0] == '/') {
            static_cast<std::vector<std::string>*>(out)->push_back(info->dlpi_name);
          }
          return 0;
        },
        &libraries);
    std::sort(libraries.begin(), libraries.end());
    for (const std::string& library : libraries) read = read && HashFile(library, state, &buffer);
    const XXH128_hash_t hash = XXH3_128bits_digest(state);
    XXH3_freeState(state);
    if (!read) {
      return new absl::StatusOr<std::string>(
          absl::InternalError("cannot read this program's files to fingerprint it"));
    }
    return new absl::StatusOr<std::string>(absl::StrFormat("%016x%016x", hash.high64, hash.low64));
  }();
  return *fingerprint;
}

absl::StatusOr<std::unique_ptr<SnapshotWriter>> SnapshotWriter::Create(
    const std::string& path, const std::atomic<bool>* cancel) {
  absl::StatusOr<std::unique_ptr<AtomicFileWriter>> file = AtomicFileWriter::Create(path, 0600);
  if (!file.ok()) return file.status();
  return std::unique_ptr<SnapshotWriter>(new SnapshotWriter(std::move(*file), cancel));
}

SnapshotWriter::SnapshotWriter(std::unique_ptr<AtomicFileWriter> file,
                               const std::atomic<bool>* cancel)
    : file_(std::move(file)), cancel_(cancel), hash_(XXH3_createState()) {
  XXH3_64bits_reset(hash_);
}

SnapshotWriter::~SnapshotWriter() { XXH3_freeState(hash_); }

void SnapshotWriter::Raw(const void* data, size_t size) {
  if (!status_.ok() || size == 0) return;
  unchecked_bytes_ += size;
  if (cancel_ != nullptr && unchecked_bytes_ >= (4 << 20)) {
    unchecked_bytes_ = 0;
    if (cancel_->load()) {
      status_ = absl::CancelledError("snapshot cancelled");
      return;
    }
  }
  XXH3_64bits_update(hash_, data, size);
  status_ = file_->Append(absl::string_view(static_cast<const char*>(data), size));
}

absl::Status SnapshotWriter::Finish() {
  if (!status_.ok()) return status_;
  const uint64_t checksum = XXH3_64bits_digest(hash_);
  status_ =
      file_->Append(absl::string_view(reinterpret_cast<const char*>(&checksum), sizeof checksum));
  if (!status_.ok()) return status_;
  return status_ = file_->Commit();
}

SnapshotReader::SnapshotReader(absl::string_view bytes) : hash_(XXH3_createState()) {
  XXH3_64bits_reset(hash_);
  if (bytes.size() < sizeof(uint64_t)) {
    status_ = absl::DataLossError("the snapshot is shorter than its checksum");
    return;
  }
  bytes_ = bytes.substr(0, bytes.size() - sizeof(uint64_t));
}

SnapshotReader::~SnapshotReader() { XXH3_freeState(hash_); }

absl::Status SnapshotReader::Finish() {
  if (!status_.ok()) return status_;
  if (pos_ != bytes_.size()) {
    Fail("bytes after the last field");
    return status_;
  }
  uint64_t stored = 0;
  std::memcpy(&stored, bytes_.data() + bytes_.size(), sizeof stored);
  if (XXH3_64bits_digest(hash_) != stored) {
    status_ = absl::DataLossError(
        "the snapshot's checksum does not match its bytes (damaged or cut short)");
  }
  return status_;
}

bool SnapshotReader::Fail(absl::string_view what) {
  if (status_.ok()) {
    status_ = absl::DataLossError(absl::StrCat("snapshot byte ", pos_, ": ", what));
  }
  return false;
}

bool SnapshotReader::Raw(void* out, size_t size) {
  absl::string_view bytes;
  if (!RawView(size, &bytes)) return false;
  if (size > 0) std::memcpy(out, bytes.data(), size);
  return true;
}

bool SnapshotReader::Count(uint64_t* n, size_t min_bytes) {
  if (!U64(n)) return false;
  if (*n > (bytes_.size() - pos_) / std::max<size_t>(min_bytes, 1)) {
    return Fail("a count larger than the rest of the snapshot holds");
  }
  return true;
}

bool SnapshotReader::Bytes(absl::string_view* bytes) {
  uint64_t size = 0;
  return U64(&size) && RawView(size, bytes);
}

bool SnapshotReader::RawView(uint64_t size, absl::string_view* bytes) {
  if (!status_.ok()) return false;
  if (size > bytes_.size() - pos_) return Fail("a field longer than the rest of the snapshot");
  *bytes = bytes_.substr(pos_, size);
  XXH3_64bits_update(hash_, bytes->data(), bytes->size());
  pos_ += size;
  return true;
}

ViewEncoder::ViewEncoder(const std::vector<absl::string_view>& blocks) {
  for (absl::string_view b : blocks) {
    blocks_.push_back({b.data(), b.size(), space_size_});
    space_size_ += b.size();
  }
  std::sort(blocks_.begin(), blocks_.end(),
            [](const Block& a, const Block& b) { return std::less<>()(a.begin, b.begin); });
}

absl::StatusOr<uint64_t> ViewEncoder::Offset(absl::string_view view) const {
  if (view.empty()) return 0;
  // The last block that starts at or before the view.
  auto it =
      std::upper_bound(blocks_.begin(), blocks_.end(), view.data(),
                       [](const char* p, const Block& b) { return std::less<>()(p, b.begin); });
  if (it != blocks_.begin()) {
    --it;
    const uintptr_t start = reinterpret_cast<uintptr_t>(view.data());
    const uintptr_t begin = reinterpret_cast<uintptr_t>(it->begin);
    if (start - begin <= it->size && view.size() <= it->size - (start - begin)) {
      return it->offset + (start - begin);
    }
  }
  return absl::InternalError("a name to save is not in the entity store's strings");
}

}  // namespace parley
