#include "service/base/huge_pages.h"

#include <cstdint>
#include <cstdlib>
#include <new>

#include <sys/mman.h>

#ifndef MADV_COLLAPSE
#define MADV_COLLAPSE 25  // Linux 6.1; Debian 12's headers predate it
#endif

namespace parley {

size_t BackWithHugePages(const void* data, size_t bytes) {
  const uintptr_t start = reinterpret_cast<uintptr_t>(data);
  const uintptr_t first = (start + kHugePageBytes - 1) & ~(kHugePageBytes - 1);
  const uintptr_t last = (start + bytes) & ~(kHugePageBytes - 1);
  if (data == nullptr || last <= first) return 0;
  void* region = reinterpret_cast<void*>(first);
  const size_t length = last - first;
  // MADV_HUGEPAGE keeps them huge (khugepaged would not split them, and a
  // kernel in "madvise" mode only collapses advised ranges); MADV_COLLAPSE
  // makes them huge now instead of whenever khugepaged passes.
  if (madvise(region, length, MADV_HUGEPAGE) != 0) return 0;
  if (madvise(region, length, MADV_COLLAPSE) != 0) return 0;
  return length;
}

void* AllocateMaybeHuge(size_t bytes) {
  if (bytes < kHugePageBytes) return ::operator new(bytes);
  const size_t rounded = (bytes + kHugePageBytes - 1) & ~(kHugePageBytes - 1);
  void* p = std::aligned_alloc(kHugePageBytes, rounded);
  if (p == nullptr) throw std::bad_alloc();
  madvise(p, rounded, MADV_HUGEPAGE);  // a hint: refused, the pages are small
  return p;
}

void FreeMaybeHuge(void* p, size_t bytes) {
  if (bytes < kHugePageBytes) {
    ::operator delete(p);
  } else {
    std::free(p);
  }
}

}  // namespace parley
