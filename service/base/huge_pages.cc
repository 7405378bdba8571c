#include "service/base/huge_pages.h"

#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <new>
#include <string>

#include <sys/mman.h>

#ifndef MADV_COLLAPSE
#define MADV_COLLAPSE 25  // Linux 6.1; Debian 12's headers predate it
#endif

namespace parley {
namespace {

// MADV_COLLAPSE ignores the sysfs setting: an operator's "never" is read
// here and kept. (Read once; a process that cannot read it asks anyway, and
// an old kernel refuses.)
bool HugePagesAllowed() {
  static const bool allowed = [] {
    std::ifstream in("/sys/kernel/mm/transparent_hugepage/enabled");
    std::string line;
    return !std::getline(in, line) || line.find("[never]") == std::string::npos;
  }();
  return allowed;
}

// The whole 2 MB pages `bytes` need: what AllocateMaybeHuge allocates and
// FreeMaybeHuge frees. REQUIRES: no overflow (bytes <= SIZE_MAX - 2 MB).
size_t RoundUpToHugePages(size_t bytes) {
  return (bytes + kHugePageBytes - 1) & ~(kHugePageBytes - 1);
}

}  // namespace

size_t BackWithHugePages(const void* data, size_t bytes) {
  const uintptr_t start = reinterpret_cast<uintptr_t>(data);
  const uintptr_t first = (start + kHugePageBytes - 1) & ~(kHugePageBytes - 1);
  const uintptr_t last = (start + bytes) & ~(kHugePageBytes - 1);
  if (data == nullptr || last <= first || !HugePagesAllowed()) return 0;
  // One page a call: a collapse holds the process's memory-map lock for
  // writing, and other threads (lookups faulting, the allocator mapping)
  // wait for it; a page at a time, they wait for one copy of 2 MB, not for
  // all of them. No MADV_HUGEPAGE: that flag would outlive the array on
  // memory the allocator reuses, and khugepaged would fill sparse 2 MB
  // ranges there later.
  size_t backed = 0;
  for (uintptr_t page = first; page < last; page += kHugePageBytes) {
    if (madvise(reinterpret_cast<void*>(page), kHugePageBytes, MADV_COLLAPSE) == 0) {
      backed += kHugePageBytes;
    }
  }
  return backed;
}

void* AllocateMaybeHuge(size_t bytes) {
  if (bytes < kHugePageBytes) return ::operator new(bytes);
  if (bytes > SIZE_MAX - kHugePageBytes) throw std::bad_alloc();
  const size_t rounded = RoundUpToHugePages(bytes);
  void* p = std::aligned_alloc(kHugePageBytes, rounded);
  if (p == nullptr) throw std::bad_alloc();
  if (HugePagesAllowed()) madvise(p, rounded, MADV_HUGEPAGE);  // refused: small pages
  return p;
}

void FreeMaybeHuge(void* p, size_t bytes) {
  if (bytes < kHugePageBytes) {
    ::operator delete(p);
    return;
  }
  // The allocator reuses the range: without the flag, as it was before.
  const size_t rounded = RoundUpToHugePages(bytes);
  if (HugePagesAllowed()) madvise(p, rounded, MADV_NOHUGEPAGE);
  std::free(p);
}

}  // namespace parley
