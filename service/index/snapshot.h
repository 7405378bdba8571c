// Snapshots of a built index on disk, so that a restart with an unchanged
// corpus reads the index back (about a second at 1M entities) instead of
// building it again (tens of seconds).
//
// A snapshot is one file, named by its key: a SHA-256 over the corpus's
// content (Corpus::ContentSha256), the lexicons' files, this program's
// fingerprint (snapshot_io.h ProgramFingerprint) and the format's version.
// A changed corpus or lexicon, or another build of the program, makes
// another key: such a snapshot is never read, and is removed when the new
// one is written. The file ends with a checksum of its bytes; a damaged or
// cut-short snapshot is refused (DATA_LOSS) and the index is built.
//
// Thread-safety: the functions may be called from any thread; writing a
// snapshot only reads the index.
#ifndef PARLEY_SERVICE_INDEX_SNAPSHOT_H_
#define PARLEY_SERVICE_INDEX_SNAPSHOT_H_

#include <atomic>
#include <memory>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "service/index/index.h"

namespace parley {

// Which snapshot belongs to a corpus directory as it is now.
struct SnapshotKey {
  std::string content_sha256;   // the corpus's (IndexInfo.content_sha256)
  std::string lexicons_sha256;  // of the lexicons' files (none: of "no lexicons")
  std::string key;              // hex SHA-256: the file's name and first field
};

// Hashes data_dir's corpus files and data_dir/lexicons. With a
// stamp_path, the corpus's hash is the stamp's there when it vouches for
// the files (Corpus::StampedContentSha256; *from_stamp says so). Errors:
// INVALID_ARGUMENT when the corpus cannot be read (the build reports it
// the same way); INTERNAL when the program cannot be fingerprinted.
[[nodiscard]] absl::StatusOr<SnapshotKey> ComputeSnapshotKey(const std::string& data_dir,
                                                             const std::string& stamp_path = "",
                                                             bool* from_stamp = nullptr);

// The snapshot file for a key in dir.
std::string SnapshotPath(const std::string& dir, const SnapshotKey& key);

// The bytes a snapshot for key starts with (format, version, key); the
// checksum covers them too.
std::string SnapshotHeader(const SnapshotKey& key);

// Writes index as the snapshot for key (atomically: a reader sees the old
// file or the new one). cancel, when set, makes it stop early (CANCELLED,
// nothing written). Errors: INTERNAL / NOT_FOUND for I/O (naming the path).
[[nodiscard]] absl::Status WriteSnapshot(const Index& index, const SnapshotKey& key,
                                         const std::string& path,
                                         const std::atomic<bool>* cancel = nullptr);

// Reads the snapshot for key at path, as the index of data_dir (its
// IndexInfo names data_dir, this read's time and a phase "read from
// snapshot"; the rest is the build's). Errors: NOT_FOUND when there is no
// such file; FAILED_PRECONDITION when it was written for another key (read
// no further); DATA_LOSS when it is damaged (with the byte where reading
// stopped). The checksum guards against damage, not against whoever can
// write the snapshot directory: the index read is trusted as written.
[[nodiscard]] absl::StatusOr<std::unique_ptr<const Index>> ReadSnapshot(
    const std::string& path, const SnapshotKey& key, const std::string& data_dir);

// Index::Load(data_dir) through a snapshot directory: reads the corpus's
// snapshot from dir when there is a good one, else builds. *report says
// which, and why a snapshot present was not used. With use_content_stamp,
// the corpus's hash comes from dir's content stamp (kContentStampName)
// when that vouches for the corpus's files, else from their bytes (and the
// stamp is written again); without, always from their bytes.
struct SnapshotReport {
  SnapshotKey key;              // empty when it could not be computed
  std::string path;             // the snapshot for the corpus as read
  bool read = false;            // the index came from it
  std::string not_read;         // why not (no file, damaged, ...); empty when read
  absl::Duration key_time;      // hashing the corpus
  std::string stamp_path;       // the content stamp consulted ("": none)
  bool key_from_stamp = false;  // the corpus's hash was its content stamp's
  absl::Duration read_time;     // reading the snapshot, beside the hashing
};
inline constexpr char kContentStampName[] = "corpus.stamp";
[[nodiscard]] absl::StatusOr<std::unique_ptr<const Index>> LoadThroughSnapshot(
    const std::string& data_dir, const std::string& dir, SnapshotReport* report,
    bool use_content_stamp = true);

// After a build: writes the index's snapshot to report.path, unless the
// index was read from it or the corpus changed between the key and the
// build, and removes the directory's other snapshots (and temporary files
// of interrupted writes). A content stamp that vouched for a corpus the
// build hashed otherwise is removed. Returns whether a snapshot was written.
[[nodiscard]] absl::StatusOr<bool> SaveSnapshotAfterBuild(const Index& index,
                                                          const SnapshotReport& report,
                                                          const std::atomic<bool>* cancel);

}  // namespace parley

#endif  // PARLEY_SERVICE_INDEX_SNAPSHOT_H_
