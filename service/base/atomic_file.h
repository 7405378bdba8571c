// Writing files so that a crash never leaves a half-written one: the bytes go
// to a temporary file in the same directory, which is flushed to disk
// (fsync) and then renamed over the target, and the directory is synced so
// the rename itself survives a power cut. Readers see the old file or the
// new one, never a mix.
//
// Thread-safety: safe to call concurrently for different paths.
#ifndef PARLEY_SERVICE_BASE_ATOMIC_FILE_H_
#define PARLEY_SERVICE_BASE_ATOMIC_FILE_H_

#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"

namespace parley {

// Replaces (or creates) path with contents. The temporary file is named
// ".<name>.tmp-XXXXXX" so that corpus readers, which take only "*.txt" and
// "*.textproto", never see it. On any error the target is untouched, the
// temporary file is removed, and the status names the path and the failing
// system call (INTERNAL for I/O errors, NOT_FOUND for a missing directory).
[[nodiscard]] absl::Status WriteFileAtomically(const std::string& path, absl::string_view contents);

}  // namespace parley

#endif  // PARLEY_SERVICE_BASE_ATOMIC_FILE_H_
