// The allocator's settings for every program that runs Parley's index: the
// server, and the benchmarks that time it (linked in by
// parley_use_server_allocator, service/CMakeLists.txt), so that their
// figures are the server's. jemalloc reads them at its start.
//
// - background_thread, dirty_decay_ms:400, muzzy_decay_ms:0: a background
//   thread gives dirty pages back to the system after 0.4 s, so memory
//   taken by a burst of large calls is returned soon after it
//   (docs/OPERATIONS.md, "Memory"). 400 rather than 1000 ms: a build at 1M
//   entities holds less freed memory at its peak (VmHWM 913-929 MiB in 10
//   runs against 920-960 MiB, over 10^9 bytes once, with 1000), and
//   clears ~1.5 % more fresh pages (1,092-1,110 huge-page faults against
//   1,073-1,078), no slower within the noise.
// - thp:always: the heap is backed by 2 MB transparent huge pages. A build
//   at 1M entities touches ~3 GB of new memory in all (1.4 GB at its peak);
//   with 4 KB pages that was ~840k page faults, and on a virtual machine
//   whose faults cost ~20 µs each they were half the CPU time of a build:
//   exec to SERVING 29.4–30.3 s → 16.4–17.6 s and a restart from the
//   snapshot 5.7 → 1.9–2.9 s on two cores, in alternating runs on one host
//   (docs/BENCHMARKS.md). Lookups gain too (fewer TLB misses on a 0.9 GB
//   heap). The price: ~70 MB more resident once serving (huge pages only
//   partly used).
#include <jemalloc/jemalloc.h>

extern "C" {
const char* malloc_conf = "background_thread:true,dirty_decay_ms:400,muzzy_decay_ms:0,thp:always";
}
