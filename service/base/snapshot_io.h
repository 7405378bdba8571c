// The encoding of index snapshots (index/snapshot.h): numbers, byte strings
// and arrays of plain values, written in the machine's own byte order (a
// snapshot is read back only by the build that wrote it), with an XXH3
// checksum over everything written.
//
// SnapshotWriter appends to a file that appears only on Finish()
// (atomic_file.h); SnapshotReader reads from bytes in memory and never reads
// past their end: a short or damaged input makes every later read fail and
// status() say where, and its Finish() checks the checksum. ViewEncoder / ViewDecoder turn
// string_views into offsets in a string space (the blocks of an arena laid end to end) and back, so
// that structures holding views of another's strings can be saved.
//
// Thread-safety: one thread per writer or reader; encoders and decoders are
// immutable once made.
#ifndef PARLEY_SERVICE_BASE_SNAPSHOT_IO_H_
#define PARLEY_SERVICE_BASE_SNAPSHOT_IO_H_

#include <atomic>
#include <cstdint>
#include <cstring>
#include <memory>
#include <string>
#include <type_traits>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "service/base/atomic_file.h"

struct XXH3_state_s;

namespace parley {

// A fingerprint of the running program, made once: a hash of the GNU build
// id of the program and of every shared library loaded (the hash of its
// contents the linker wrote into it; the file's bytes for one without),
// so that a snapshot written by another build, even of the same source, or
// with another version of a library, is never read. Errors: INTERNAL when
// a file that must be hashed cannot be read.
absl::StatusOr<std::string> ProgramFingerprint();

class SnapshotWriter {
 public:
  // The file is its owner's only (0600): padding bytes of the structures
  // written are whatever the heap held. cancel, when set, makes the writer
  // fail (CANCELLED) within a few MB of writing. Errors: as
  // AtomicFileWriter::Create's.
  [[nodiscard]] static absl::StatusOr<std::unique_ptr<SnapshotWriter>> Create(
      const std::string& path, const std::atomic<bool>* cancel = nullptr);
  ~SnapshotWriter();

  void U64(uint64_t v) { Raw(&v, sizeof v); }
  // A length, then the bytes.
  void Bytes(absl::string_view bytes) {
    U64(bytes.size());
    Raw(bytes.data(), bytes.size());
  }
  // A count, then the values' bytes. REQUIRES: T is copied correctly by
  // memcpy (scalars, and structs and pairs of them, without pointers).
  template <typename T>
  void Array(absl::Span<const T> values) {
    static_assert(std::is_trivially_destructible_v<T> && !std::is_pointer_v<T>);
    U64(values.size());
    Raw(values.data(), values.size() * sizeof(T));
  }
  template <typename T>
  void Array(const std::vector<T>& values) {
    Array(absl::MakeConstSpan(values));
  }
  // Bytes alone, without their length (the reader must know it).
  void RawBytes(absl::string_view bytes) { Raw(bytes.data(), bytes.size()); }
  // Records a failure of the caller's (a view that cannot be encoded); the
  // file is then not written.
  void Fail(absl::Status status) {
    if (status_.ok()) status_ = std::move(status);
  }
  const absl::Status& status() const { return status_; }

  // Appends the checksum and makes the file appear under its name.
  [[nodiscard]] absl::Status Finish();

 private:
  SnapshotWriter(std::unique_ptr<AtomicFileWriter> file, const std::atomic<bool>* cancel);
  void Raw(const void* data, size_t size);

  std::unique_ptr<AtomicFileWriter> file_;
  const std::atomic<bool>* cancel_;
  size_t unchecked_bytes_ = 0;  // written since cancel_ was last read
  XXH3_state_s* hash_ = nullptr;
  absl::Status status_;
};

class SnapshotReader {
 public:
  // Reads bytes (a snapshot, checksum last), which must stay valid as long
  // as the reader. The reads below stop before the checksum.
  explicit SnapshotReader(absl::string_view bytes);
  ~SnapshotReader();
  SnapshotReader(const SnapshotReader&) = delete;
  SnapshotReader& operator=(const SnapshotReader&) = delete;

  // Each returns false (and the reader fails) when the bytes end early.
  bool U64(uint64_t* v) { return Raw(v, sizeof *v); }
  // A count of things of at least min_bytes each: false (and the reader
  // fails) when that many cannot fit in the rest, so that a damaged count
  // never makes a caller reserve memory without bound.
  bool Count(uint64_t* n, size_t min_bytes);
  // A view of the bytes read (valid as long as the reader's input).
  bool Bytes(absl::string_view* bytes);
  // The next size bytes, written without a length.
  bool RawView(uint64_t size, absl::string_view* bytes);
  template <typename T>
  bool Array(std::vector<T>* values) {
    static_assert(std::is_trivially_destructible_v<T> && !std::is_pointer_v<T>);
    uint64_t count = 0;
    absl::string_view bytes;
    if (!Count(&count, sizeof(T)) || !RawView(count * sizeof(T), &bytes)) return false;
    values->resize(count);
    // (void*: pairs are copied by memcpy correctly, though not trivially.)
    if (count > 0) std::memcpy(static_cast<void*>(values->data()), bytes.data(), bytes.size());
    return true;
  }
  // Fails the reader with a reason (a value out of range, say) at the
  // current position; returns false.
  bool Fail(absl::string_view what);
  const absl::Status& status() const { return status_; }
  size_t position() const { return pos_; }

  // Whether every byte before the checksum was read and the checksum is
  // that of the bytes read (computed while reading: the bytes are read
  // once). Until it says so, what was read may be damaged: a reader checks
  // what it indexes by, and uses nothing before this returns OK.
  [[nodiscard]] absl::Status Finish();

 private:
  bool Raw(void* out, size_t size);

  absl::string_view bytes_;
  size_t pos_ = 0;
  absl::Status status_;
  XXH3_state_s* hash_ = nullptr;
};

// A map from strings to numbers (a flat_hash_map<std::string, integer>):
// its size, then each key and value.
template <typename Map>
void WriteStringNumbers(const Map& map, SnapshotWriter& w) {
  w.U64(map.size());
  for (const auto& [key, value] : map) {
    w.Bytes(key);
    w.U64(static_cast<uint64_t>(value));
  }
}
template <typename Map>
bool ReadStringNumbers(SnapshotReader& r, Map* map) {
  uint64_t count = 0;
  if (!r.Count(&count, 2 * sizeof(uint64_t))) return false;
  map->reserve(count);
  for (uint64_t i = 0; i < count; ++i) {
    absl::string_view key;
    uint64_t value = 0;
    if (!r.Bytes(&key) || !r.U64(&value)) return false;
    map->emplace(key, static_cast<typename Map::mapped_type>(value));
  }
  return true;
}

// Views into a set of blocks (an arena's) as offsets in the space the
// blocks make laid end to end, in the order given.
class ViewEncoder {
 public:
  explicit ViewEncoder(const std::vector<absl::string_view>& blocks);
  // The offset of view's first byte; an empty view is 0. Errors:
  // INTERNAL when view is not wholly inside one block.
  absl::StatusOr<uint64_t> Offset(absl::string_view view) const;
  uint64_t space_size() const { return space_size_; }

 private:
  struct Block {
    const char* begin;
    size_t size;
    uint64_t offset;
  };
  std::vector<Block> blocks_;  // by address
  uint64_t space_size_ = 0;
};

// The reverse: offsets into one buffer holding the space.
class ViewDecoder {
 public:
  ViewDecoder() = default;
  explicit ViewDecoder(absl::string_view space) : space_(space) {}
  // False when [offset, offset + size) is not inside the space.
  bool View(uint64_t offset, uint64_t size, absl::string_view* out) const {
    if (offset > space_.size() || size > space_.size() - offset) return false;
    *out = size == 0 ? absl::string_view() : space_.substr(offset, size);
    return true;
  }

 private:
  absl::string_view space_;
};

}  // namespace parley

#endif  // PARLEY_SERVICE_BASE_SNAPSHOT_IO_H_
