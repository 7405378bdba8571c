#include "service/base/string_arena.h"

#include <algorithm>
#include <cstring>
#include <utility>

namespace parley {

StringArena& StringArena::operator=(StringArena&& other) noexcept {
  if (this == &other) return *this;
  blocks_ = std::move(other.blocks_);
  other.blocks_.clear();
  used_ = std::move(other.used_);
  other.used_.clear();
  current_ = std::exchange(other.current_, 0);
  free_ = std::exchange(other.free_, nullptr);
  left_ = std::exchange(other.left_, 0);
  reserved_ = std::exchange(other.reserved_, 0);
  last_ = std::exchange(other.last_, absl::string_view());
  return *this;
}

absl::string_view StringArena::Add(absl::string_view s) {
  if (s.empty()) return absl::string_view();
  if (s == last_) return last_;
  if (s.size() > left_) {
    // A string longer than a block gets a block of its own; the current
    // block's free end is kept for the strings after it.
    const size_t size = std::max(kBlockSize, s.size());
    blocks_.push_back(std::make_unique<char[]>(size));
    used_.push_back(0);
    reserved_ += size;
    if (size > kBlockSize) {
      std::memcpy(blocks_.back().get(), s.data(), s.size());
      used_.back() = s.size();
      last_ = absl::string_view(blocks_.back().get(), s.size());
      return last_;
    }
    free_ = blocks_.back().get();
    left_ = size;
    current_ = blocks_.size() - 1;
  }
  std::memcpy(free_, s.data(), s.size());
  used_[current_] += s.size();
  last_ = absl::string_view(free_, s.size());
  free_ += s.size();
  left_ -= s.size();
  return last_;
}

std::vector<absl::string_view> StringArena::Blocks() const {
  std::vector<absl::string_view> blocks;
  for (size_t i = 0; i < blocks_.size(); ++i) blocks.emplace_back(blocks_[i].get(), used_[i]);
  return blocks;
}

StringArena StringArena::Adopt(std::unique_ptr<char[]> bytes, size_t size) {
  StringArena arena;
  arena.blocks_.push_back(std::move(bytes));
  arena.used_.push_back(size);
  arena.reserved_ = size;
  arena.current_ = 0;  // nothing free: the next Add() takes a block
  return arena;
}

}  // namespace parley
