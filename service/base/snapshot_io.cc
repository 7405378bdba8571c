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
bool HashFile(const std::string& path, XXH3_state_t* state) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  XXH3_128bits_update(state, path.data(), path.size() + 1);
  std::vector<char> buffer(1 << 20);
  while (in) {
    in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
    XXH3_128bits_update(state, buffer.data(), static_cast<size_t>(in.gcount()));
  }
  return in.eof() && !in.bad();
}

// A loaded object (the program or a shared library): its path ("" for the
// program) and its GNU build id, read from its notes in memory ("" if it
// has none).
struct LoadedObject {
  std::string path;
  std::string build_id;
};

int AddLoadedObject(dl_phdr_info* info, size_t, void* out) {
  LoadedObject object;
  object.path = info->dlpi_name != nullptr ? info->dlpi_name : "";
  if (!object.path.empty() && object.path[0] != '/') return 0;  // the vDSO: no file
  for (int h = 0; h < info->dlpi_phnum && object.build_id.empty(); ++h) {
    const ElfW(Phdr)& segment = info->dlpi_phdr[h];
    if (segment.p_type != PT_NOTE) continue;
    const char* note = reinterpret_cast<const char*>(info->dlpi_addr + segment.p_vaddr);
    const char* end = note + segment.p_memsz;
    while (note + sizeof(ElfW(Nhdr)) <= end) {
      ElfW(Nhdr) header;
      std::memcpy(&header, note, sizeof header);
      const char* name = note + sizeof header;
      const char* desc = name + ((header.n_namesz + 3) & ~3u);
      const char* next = desc + ((header.n_descsz + 3) & ~3u);
      if (next > end) break;
      if (header.n_type == NT_GNU_BUILD_ID && header.n_namesz == 4 &&
          std::memcmp(name, "GNU", 4) == 0) {
        object.build_id.assign(desc, header.n_descsz);
        break;
      }
      note = next;
    }
  }
  static_cast<std::vector<LoadedObject>*>(out)->push_back(std::move(object));
  return 0;
}

}  // namespace

absl::StatusOr<std::string> ProgramFingerprint() {
  static const absl::StatusOr<std::string>* const fingerprint = [] {
    // The program and every shared library loaded (ICU's normalization
    // makes the name keys; protobuf and absl lay out what is saved): an
    // upgrade of one is another program. Each by its GNU build id (a hash
    // of its contents the linker wrote into it: no file to read), else by
    // its file's bytes.
    std::vector<LoadedObject> objects;
    dl_iterate_phdr(AddLoadedObject, &objects);
    std::sort(objects.begin(), objects.end(),
              [](const LoadedObject& a, const LoadedObject& b) { return a.path < b.path; });
    XXH3_state_t* state = XXH3_createState();
    XXH3_128bits_reset(state);
    bool read = true;
    for (const LoadedObject& object : objects) {
      if (!object.build_id.empty()) {
        XXH3_128bits_update(state, object.path.data(), object.path.size() + 1);
        XXH3_128bits_update(state, object.build_id.data(), object.build_id.size());
      } else {
        read = read && HashFile(object.path.empty() ? "/proc/self/exe" : object.path, state);
      }
    }
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
