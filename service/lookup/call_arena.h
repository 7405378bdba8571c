// A protobuf Arena whose first 8 KiB live inside the object itself: the
// messages of one call (a request, its response and everything nested) are
// carved from it and freed together, so a small call costs no allocation of
// its own. Every gRPC call's messages live on one (grpc/arena_allocator.h);
// the in-process benchmarks use one per call to measure what the server
// does.
//
// Thread-safety: as google::protobuf::Arena (creation is thread-safe; the
// messages are not).
#ifndef PARLEY_SERVICE_LOOKUP_CALL_ARENA_H_
#define PARLEY_SERVICE_LOOKUP_CALL_ARENA_H_

#include <cstddef>

#include <google/protobuf/arena.h>

namespace parley {

class CallArena {
 public:
  CallArena() : arena_(Options(initial_block_, sizeof(initial_block_))) {}
  CallArena(const CallArena&) = delete;
  CallArena& operator=(const CallArena&) = delete;

  // A message owned by the arena (freed with it).
  template <typename Message>
  Message* Create() {
    return google::protobuf::Arena::CreateMessage<Message>(&arena_);
  }

 private:
  static google::protobuf::ArenaOptions Options(char* block, size_t size) {
    google::protobuf::ArenaOptions options;
    options.initial_block = block;
    options.initial_block_size = size;
    options.start_block_size = 16 << 10;
    options.max_block_size = 1 << 20;
    return options;
  }

  alignas(8) char initial_block_[8 << 10];
  google::protobuf::Arena arena_;  // after the block it starts in
};

}  // namespace parley

#endif  // PARLEY_SERVICE_LOOKUP_CALL_ARENA_H_
