// gRPC handlers of parley.v1.LookupService. Each handler takes a snapshot
// of the index being served, forwards to its Lookup, maps the status and
// tags the response with the index generation (metadata
// "parley-index-generation") and the corpus version it was built from
// ("parley-corpus-version"). The admin service is in admin_service.h.
//
// Thread-safety: handlers run concurrently; see IndexHolder for the swap.
#ifndef PARLEY_SERVICE_GRPC_LOOKUP_SERVICE_H_
#define PARLEY_SERVICE_GRPC_LOOKUP_SERVICE_H_

#include <atomic>
#include <memory>
#include <string>

#include "absl/container/flat_hash_set.h"
#include "absl/functional/any_invocable.h"
#include "absl/status/status.h"
#include "parley/v1/admin_service.grpc.pb.h"
#include "parley/v1/lookup_service.grpc.pb.h"
#include "service/base/thread_pool.h"
#include "service/grpc/lookup_rpcs.h"
#include "service/grpc/response_cache.h"
#include "service/lookup/corpus_source.h"
#include "service/lookup/index_holder.h"

namespace parley {

inline constexpr char kGenerationMetadata[] = "parley-index-generation";
inline constexpr char kCorpusVersionMetadata[] = "parley-corpus-version";

// How a LookupServiceImpl runs calls.
struct LookupServiceOptions {
  // Calls received and not yet finished (answered and read by the client, or
  // cancelled); beyond it new calls get RESOURCE_EXHAUSTED (TOO_MANY_CALLS).
  int max_concurrent_calls = 256;
  // Request and response bytes of unfinished heavy calls; a heavy call that
  // would pass it gets RESOURCE_EXHAUSTED (TOO_MANY_BYTES). Cheap calls have
  // small bounded answers and are held by max_concurrent_calls alone.
  int64_t max_inflight_bytes = 64 << 20;
  // Threads for the calls that may take long (see LookupServiceImpl).
  int heavy_call_threads = 2;
  // Bytes of serialized answers kept for the Cached RPCs of lookup_rpcs.h
  // (GetEntity, SearchEntities), counted as ResponseCache counts them; 0
  // keeps none.
  size_t response_cache_bytes = 32 << 20;
};

// The callback API: a cheap call (a lookup by id, a name search, a page of
// events) is answered on the gRPC thread that read it, with no hand-off to
// another thread; calls whose cost grows with their input (LinkMentions,
// BatchLinkMentions, SearchDocuments) run on a thread pool of their own.
// The Cached RPCs of lookup_rpcs.h take and give bytes (gRPC's raw callback
// methods): a request seen before is answered with the bytes kept for it.
class LookupServiceImpl final : public v1::LookupService::WithRawCallbackMethod_GetEntity<
                                    v1::LookupService::WithRawCallbackMethod_SearchEntities<
                                        v1::LookupService::CallbackService>> {
 public:
  // REQUIRES: holder and source outlive the service.
  LookupServiceImpl(const IndexHolder* holder, CorpusSource* source,
                    const LookupServiceOptions& options);

  // From now on, calls that arrive get UNAVAILABLE (reason SHUTTING_DOWN) so
  // that clients retry elsewhere; calls already running are not affected.
  void StartDraining() { draining_.store(true, std::memory_order_relaxed); }

  // The full names of the RPCs whose handlers take the request's bytes (the
  // Cached ones), for the call interceptor.
  static absl::flat_hash_set<std::string> RawMethods();

  // The answers kept for the Cached RPCs (for metrics).
  const ResponseCache& kept_answers() const { return answers_; }

#define PARLEY_DECLARE_HANDLER_Typed(Method, Request, Response)          \
  grpc::ServerUnaryReactor* Method(grpc::CallbackServerContext* context, \
                                   const v1::Request* request, v1::Response* response) override;
#define PARLEY_DECLARE_HANDLER_Generic PARLEY_DECLARE_HANDLER_Typed
#define PARLEY_DECLARE_HANDLER_Custom PARLEY_DECLARE_HANDLER_Typed
#define PARLEY_DECLARE_HANDLER_Cached(Method, Request, Response)                                \
  grpc::ServerUnaryReactor* Method(grpc::CallbackServerContext* context,                        \
                                   const grpc::ByteBuffer* request, grpc::ByteBuffer* response) \
      override;
#define PARLEY_DECLARE_HANDLER(Method, Request, Response, Cost, Handler) \
  PARLEY_DECLARE_HANDLER_##Handler(Method, Request, Response)
  PARLEY_LOOKUP_RPCS(PARLEY_DECLARE_HANDLER)
#undef PARLEY_DECLARE_HANDLER
#undef PARLEY_DECLARE_HANDLER_Cached
#undef PARLEY_DECLARE_HANDLER_Custom
#undef PARLEY_DECLARE_HANDLER_Generic
#undef PARLEY_DECLARE_HANDLER_Typed

  // Streams one item at a time: the next is built when the client has
  // taken the last, so an export holds one item whatever the corpus size.
  // Counts as one call in flight until it ends.
  grpc::ServerWriteReactor<v1::ExportItem>* Export(grpc::CallbackServerContext* context,
                                                   const v1::ExportRequest* request) override;
  // The feed is read whole (the source bounds it), then written one change
  // at a time.
  grpc::ServerWriteReactor<v1::Change>* ListChanges(grpc::CallbackServerContext* context,
                                                    const v1::ListChangesRequest* request) override;

 private:
  enum class Cost { kCheap, kHeavy };
  using Call = absl::AnyInvocable<absl::Status(const Lookup&) &&>;
  class CountedReactor;
  template <typename Item, typename Cursor>
  class StreamReactor;

  // UNAVAILABLE while draining or before an index is installed,
  // RESOURCE_EXHAUSTED over the call limit; else OK, the call counted in
  // in_flight_ and *lookup the snapshot to serve it from.
  absl::Status Admit(std::shared_ptr<const Lookup>* lookup);

  // Runs call on the current snapshot (inline when cheap, on the pool when
  // heavy) and finishes the call: UNAVAILABLE while draining or before an
  // index is installed, RESOURCE_EXHAUSTED over the call or byte limit,
  // DEADLINE_EXCEEDED if the deadline passed before it could answer, and
  // the call's own status if it was cancelled.
  grpc::ServerUnaryReactor* Handle(grpc::CallbackServerContext* context, Cost cost,
                                   const google::protobuf::Message& request,
                                   const google::protobuf::MessageLite& response, Call call);
  // RESOURCE_EXHAUSTED (TOO_MANY_BYTES), saying how to get an answer.
  absl::Status TooManyBytes() const;
  // The status of call, run now; an error names the request's fields
  // (ToGrpcStatus). REQUIRES: lookup != nullptr.
  static grpc::Status Run(grpc::CallbackServerContext* context, const Lookup& lookup, Call call,
                          const google::protobuf::Message& request);

  // The answer to a Cached RPC's request bytes: kept bytes if the cache
  // has them, else call's answer (built by call from the parsed request,
  // on a call arena), serialized and kept. Kept under the request's bytes
  // after tag, the RPC's own byte: two RPCs' requests may be the same
  // bytes. As Run otherwise.
  template <typename Request, typename Response>
  grpc::Status RunCached(grpc::CallbackServerContext* context, const Lookup& lookup,
                         absl::string_view method, char tag, const grpc::ByteBuffer& request_bytes,
                         grpc::ByteBuffer* response_bytes,
                         absl::Status (Lookup::*call)(const Request&, Response*) const);
  // Admits a Cached RPC's call and answers it inline (RunCached).
  template <typename Request, typename Response>
  grpc::ServerUnaryReactor* HandleCached(grpc::CallbackServerContext* context,
                                         absl::string_view method, char tag,
                                         const grpc::ByteBuffer& request,
                                         grpc::ByteBuffer* response,
                                         absl::Status (Lookup::*call)(const Request&, Response*)
                                             const);

  // Both metadata of a response answered from lookup.
  static void TagResponse(grpc::CallbackServerContext* context, const Lookup& lookup);

  const IndexHolder* holder_;
  CorpusSource* const source_;
  const int max_concurrent_calls_;
  const int64_t max_inflight_bytes_;
  std::atomic<bool> draining_{false};
  std::atomic<int> in_flight_{0};
  std::atomic<int64_t> inflight_bytes_{0};
  ResponseCache answers_;
  // Declared last: destroyed first, so queued calls finish while the rest
  // of the service is still alive.
  ThreadPool heavy_calls_;
};

}  // namespace parley

#endif  // PARLEY_SERVICE_GRPC_LOOKUP_SERVICE_H_
