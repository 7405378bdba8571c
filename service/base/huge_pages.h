// Backing large frozen arrays with 2 MB pages.
//
// A lookup at 1M entities reads a few dozen places spread over ~0.9 GB:
// with 4 KB pages nearly every read also misses the TLB and walks the page
// table, which misses the cache in turn. Transparent huge pages for the whole
// heap (jemalloc thp:always) measured 25–45 % faster name lookups and ~50 MB
// more resident memory. Asking for them only for the arrays a lookup reads,
// once they are frozen, and only for the 2 MB pages that lie wholly inside
// each array, keeps the speed without that cost: those pages are in use
// already, so nothing new becomes resident (a table allocated here may fault
// in up to 2 MB more: its last page whole).
//
// A hint: the contents never change, and a kernel without transparent huge
// pages (before 6.1 for MADV_COLLAPSE), one set to "never" (read from
// /sys/kernel/mm/transparent_hugepage/enabled and kept), or one that has
// none free leaves the pages as they are.
// Thread-safety: safe to call while other threads read the memory.
#ifndef PARLEY_SERVICE_BASE_HUGE_PAGES_H_
#define PARLEY_SERVICE_BASE_HUGE_PAGES_H_

#include <cstddef>
#include <vector>

namespace parley {

inline constexpr size_t kHugePageBytes = size_t{2} << 20;

// Asks that the 2 MB pages wholly inside [data, data + bytes) be backed by
// huge pages now (madvise MADV_COLLAPSE, a page a call). Returns the bytes
// so backed: 0 when the range holds no whole 2 MB page or the kernel
// refused.
size_t BackWithHugePages(const void* data, size_t bytes);

template <typename T, typename A>
size_t BackWithHugePages(const std::vector<T, A>& v) {
  return BackWithHugePages(v.data(), v.size() * sizeof(T));
}

// Memory for containers that are filled once and then read at random (hash
// tables of ids and keys): an allocation of 2 MB or more is aligned to 2 MB,
// rounded up to whole 2 MB pages and advised MADV_HUGEPAGE before it is
// touched, so the kernel backs it with huge pages as it is first written
// (and MADV_NOHUGEPAGE when freed). Smaller ones come from operator new.
// Throws std::bad_alloc as it does. REQUIRES: alignof(T) <= 16.
void* AllocateMaybeHuge(size_t bytes);
void FreeMaybeHuge(void* p, size_t bytes);

template <typename T>
struct HugePageAllocator {
  static_assert(alignof(T) <= 16, "operator new's alignment is all small allocations get");
  using value_type = T;
  HugePageAllocator() = default;
  template <typename U>
  HugePageAllocator(const HugePageAllocator<U>&) {}  // NOLINT: rebinding is implicit
  T* allocate(size_t n) { return static_cast<T*>(AllocateMaybeHuge(n * sizeof(T))); }
  void deallocate(T* p, size_t n) { FreeMaybeHuge(p, n * sizeof(T)); }
  friend bool operator==(const HugePageAllocator&, const HugePageAllocator&) { return true; }
  friend bool operator!=(const HugePageAllocator&, const HugePageAllocator&) { return false; }
};

}  // namespace parley

#endif  // PARLEY_SERVICE_BASE_HUGE_PAGES_H_
