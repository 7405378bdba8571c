// StringArena: copies of strings in large blocks, for build-then-freeze
// structures that hold millions of short strings (names, aliases). A
// std::string costs 32 bytes plus a separate heap allocation past 15 bytes;
// a string here costs its bytes, and a 16-byte view to find it.
//
// Ownership: the arena owns every copy; a view returned by Add() stays valid
// until the arena is destroyed, also when the arena is moved.
// Thread-safety: Add() needs exclusive access; reading views needs none.
#ifndef PARLEY_SERVICE_BASE_STRING_ARENA_H_
#define PARLEY_SERVICE_BASE_STRING_ARENA_H_

#include <cstddef>
#include <memory>
#include <utility>
#include <vector>

#include "absl/strings/string_view.h"

namespace parley {

class StringArena {
 public:
  StringArena() = default;
  // A moved-from arena is empty (its views stay valid: they are the new
  // owner's).
  StringArena(StringArena&& other) noexcept { *this = std::move(other); }
  StringArena& operator=(StringArena&& other) noexcept;
  StringArena(const StringArena&) = delete;
  StringArena& operator=(const StringArena&) = delete;

  // A stable copy of s. Adding the same bytes as the previous call returns
  // the previous copy (a name is often added several times in a row).
  absl::string_view Add(absl::string_view s);

  // Bytes taken by the blocks.
  size_t bytes_reserved() const { return reserved_; }

  // The used part of every block, in the order made (for snapshots: every
  // view the arena returned is inside one of them).
  std::vector<absl::string_view> Blocks() const;
  // An arena of one block, bytes (of size bytes), that views made by the
  // caller point into; later Add()s take new blocks.
  static StringArena Adopt(std::unique_ptr<char[]> bytes, size_t size);

 private:
  static constexpr size_t kBlockSize = 256 * 1024;
  std::vector<std::unique_ptr<char[]>> blocks_;
  std::vector<size_t> used_;  // per block
  size_t current_ = 0;        // the block free_ is in
  char* free_ = nullptr;      // the unused end of the last block
  size_t left_ = 0;
  size_t reserved_ = 0;
  absl::string_view last_;
};

}  // namespace parley

#endif  // PARLEY_SERVICE_BASE_STRING_ARENA_H_
