// Request and response messages of a callback-API call on a protobuf Arena
// of their own: the nested messages of a response (spans, candidates,
// evidence) are carved from a few blocks instead of allocated one by one,
// and freed together when the call ends (lookup/call_arena.h: the first 8
// KiB live inside the holder itself, so a small call costs a single
// allocation).
//
// Thread-safety: AllocateMessages() may be called concurrently; each call's
// messages belong to that call only.
#ifndef PARLEY_SERVICE_GRPC_ARENA_ALLOCATOR_H_
#define PARLEY_SERVICE_GRPC_ARENA_ALLOCATOR_H_

#include <grpcpp/support/message_allocator.h>

#include "service/lookup/call_arena.h"

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
    Holder() {
      this->set_request(arena_.Create<Request>());
      this->set_response(arena_.Create<Response>());
    }
    void Release() override { delete this; }

   private:
    CallArena arena_;
  };
};

}  // namespace parley

#endif  // PARLEY_SERVICE_GRPC_ARENA_ALLOCATOR_H_
