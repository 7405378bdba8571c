// Reading the lexicon files of data/lexicons (docs/DATA_FORMAT.md): plain
// text, one entry per line, '#' starts a comment, blank lines are skipped.
// Keyed files write "KEY: entry, entry, ..." on each line.
//
// Errors: INVALID_ARGUMENT naming the file (and the line) that cannot be
// read, is empty or is malformed, and how to write it.
// Thread-safety: pure functions (but for reading the file).
#ifndef PARLEY_SERVICE_EXTRACT_LEXICON_FILES_H_
#define PARLEY_SERVICE_EXTRACT_LEXICON_FILES_H_

#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace parley {

struct ListEntry {
  std::string text;  // without the comment and the surrounding whitespace
  int line = 0;      // 1-based
};

// The entries of a list's contents; source names the list in errors.
[[nodiscard]] absl::StatusOr<std::vector<ListEntry>> ParseList(absl::string_view contents,
                                                               absl::string_view source);
// The entries of the file at path.
[[nodiscard]] absl::StatusOr<std::vector<ListEntry>> ReadList(const std::filesystem::path& path);

// Calls add(key, entry, line) for every entry of keyed lines, and stops at
// the first error it returns.
[[nodiscard]] absl::Status ForEachKeyedEntry(
    const std::vector<ListEntry>& entries, absl::string_view source,
    const std::function<absl::Status(absl::string_view key, absl::string_view entry, int line)>&
        add);
// ReadList and ForEachKeyedEntry: calls add(key, entry) for every entry of
// the keyed file at path.
[[nodiscard]] absl::Status ReadKeyedList(
    const std::filesystem::path& path,
    const std::function<void(absl::string_view, absl::string_view)>& add);

}  // namespace parley

#endif  // PARLEY_SERVICE_EXTRACT_LEXICON_FILES_H_
