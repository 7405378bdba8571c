// Writing files so that a crash never leaves a half-written one: the bytes go
// to a temporary file in the same directory, which is flushed to disk
// (fsync) and then renamed over the target, and the directory is synced so
// the rename itself survives a power cut. Readers see the old file or the
// new one, never a mix.
//
// Thread-safety: safe to call concurrently for different paths; an
// AtomicFileWriter is used by one thread at a time.
#ifndef PARLEY_SERVICE_BASE_ATOMIC_FILE_H_
#define PARLEY_SERVICE_BASE_ATOMIC_FILE_H_

#include <memory>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace parley {

// Replaces (or creates) path with contents. The temporary file is named
// ".<name>.tmp-XXXXXX" so that corpus readers, which take only "*.txt" and
// "*.textproto", never see it. On any error the target is untouched, the
// temporary file is removed, and the status names the path and the failing
// system call (INTERNAL for I/O errors, NOT_FOUND for a missing directory).
[[nodiscard]] absl::Status WriteFileAtomically(const std::string& path, absl::string_view contents);

// The same for a file too big to hold in memory: Append() its bytes in
// pieces, then Commit(). A writer destroyed before Commit() (or after a
// failed Append) removes its temporary file and leaves the target as it was.
class AtomicFileWriter {
 public:
  // The file gets mode (0644: anyone may read it; 0600: its owner only).
  // Errors: as WriteFileAtomically's, from creating the temporary file.
  [[nodiscard]] static absl::StatusOr<std::unique_ptr<AtomicFileWriter>> Create(
      const std::string& path, int mode = 0644);
  ~AtomicFileWriter();
  AtomicFileWriter(const AtomicFileWriter&) = delete;
  AtomicFileWriter& operator=(const AtomicFileWriter&) = delete;

  // Buffered; after an error every later call returns it.
  absl::Status Append(absl::string_view bytes);
  // Flushes, syncs and renames over the target. REQUIRES: called once.
  [[nodiscard]] absl::Status Commit();

 private:
  AtomicFileWriter(std::string path, std::string tmp_path, int fd, int mode)
      : path_(std::move(path)), tmp_path_(std::move(tmp_path)), fd_(fd), mode_(mode) {}
  absl::Status WriteAll(absl::string_view bytes);
  absl::Status Flush();
  absl::Status Fail(absl::string_view call, int error);

  std::string path_, tmp_path_;
  int fd_ = -1;
  int mode_ = 0644;
  std::string buffer_;
  absl::Status status_;
};

}  // namespace parley

#endif  // PARLEY_SERVICE_BASE_ATOMIC_FILE_H_
