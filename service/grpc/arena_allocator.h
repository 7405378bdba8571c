// Request and response messages of a callback-API call on a protobuf Arena
// of their own: the nested messages of a response (spans, candidates,
// evidence) are carved from a few blocks instead of allocated one by one,
// and freed together when the call ends. The first 8 KiB live inside the
// holder itself, so a small call costs a single allocation.
//
// Thread-safety: AllocateMessages() may be called concurrently; each call's
// messages belong to that call only.
#ifndef PARLEY_SERVICE_GRPC_ARENA_ALLOCATOR_H_
#define PARLEY_SERVICE_GRPC_ARENA_ALLOCATOR_H_

#include <grpcpp/support/message_allocator.h>

#include "google/protobuf/arena.h"

namespace parley {

template <typename Request, typename Response>
class ArenaMessageAllocator final : public grpc::MessageAllocator<Request, Response> {
 public:
  grpc::MessageHolder<Request, Response>* AllocateMessages() override { return new Holder(); }

  // One allocator per message pair serves every call (it has no state).
  static ArenaMessageAllocator* Get() {
    static auto* allocator = new ArenaMessageAllocator();
    return allocator;
  }

 private:
  class Holder final : public grpc::MessageHolder<Request, Response> {
   public:
    Holder() : arena_(Options(initial_block_, sizeof(initial_block_))) {
      this->set_request(google::protobuf::Arena::CreateMessage<Request>(&arena_));
      this->set_response(google::protobuf::Arena::CreateMessage<Response>(&arena_));
    }
    void Release() override { delete this; }

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
};

}  // namespace parley

#endif  // PARLEY_SERVICE_GRPC_ARENA_ALLOCATOR_H_
