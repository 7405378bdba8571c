#include "service/grpc/lookup_service.h"

#include <algorithm>
#include <cstring>
#include <optional>

#include <spdlog/spdlog.h>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "service/base/errors.h"
#include "service/corpus/ingest.h"
#include "service/grpc/arena_allocator.h"
#include "service/grpc/call_interceptor.h"
#include "service/grpc/grpc_status.h"
#include "service/lookup/call_arena.h"
#include "service/lookup/read_mask.h"

namespace parley {

namespace {

grpc::Status Cancelled() {
  // The client gave up or the deadline passed: it gets DEADLINE_EXCEEDED or
  // CANCELLED from gRPC, never a late answer.
  return grpc::Status(grpc::StatusCode::CANCELLED, "the call was cancelled or its deadline passed");
}

// gRPC keeps deadlines to the millisecond: a timeout under one ("1n") is
// taken as one, so a deadline less than a millisecond away has, as far as
// the client is concerned, already passed.
bool DeadlinePassed(const grpc::CallbackServerContext& context) {
  return context.deadline() < std::chrono::system_clock::now() + std::chrono::milliseconds(1);
}

grpc::Status DeadlineExceeded() {
  return ToGrpcStatus(WithReason(
      absl::DeadlineExceededError("the call's deadline passed before the server could answer: "
                                  "give it more time (a deadline of at least a few milliseconds)"),
      "DEADLINE_PASSED"));
}

}  // namespace

// Keeps a call counted until gRPC is done with it, that is until the client
// has read the answer or gone away, not merely until the answer is computed:
// answers nobody reads stay within the limits. Deletes itself in OnDone.
class LookupServiceImpl::CountedReactor final : public grpc::ServerUnaryReactor {
 public:
  CountedReactor(LookupServiceImpl* service, int64_t bytes) : service_(service), bytes_(bytes) {}

  // Counts bytes more (the response, once it is known).
  void AddBytes(int64_t bytes) {
    service_->inflight_bytes_.fetch_add(bytes, std::memory_order_relaxed);
    bytes_ += bytes;
  }

  void OnDone() override {
    service_->inflight_bytes_.fetch_sub(bytes_, std::memory_order_relaxed);
    service_->in_flight_.fetch_sub(1, std::memory_order_relaxed);
    delete this;
  }

  // OnDone is two counters and a delete: gRPC may run it on the thread that
  // completes the call instead of handing it to its executor, a thread hop
  // per call (GetEntity, one core, 64 outstanding: 42k -> 44-46k calls/s).
  // gRPC calls this hook "not API"; its own DefaultReactor uses it for
  // reactions as trivial as these (grpcpp/support/server_callback.h, 1.51).
  bool InternalInlineable() override { return true; }

 private:
  LookupServiceImpl* const service_;
  int64_t bytes_;
};

LookupServiceImpl::LookupServiceImpl(const IndexHolder* holder, CorpusSource* source,
                                     const LookupServiceOptions& options)
    : holder_(holder),
      source_(source),
      max_concurrent_calls_(options.max_concurrent_calls),
      max_inflight_bytes_(options.max_inflight_bytes),
      answers_(options.response_cache_bytes),
      heavy_calls_(std::max(1, options.heavy_call_threads)) {
  // A Cached RPC's handler takes bytes and parses them itself (RunCached).
#define PARLEY_ARENA_Generic(Method, Request, Response) \
  SetMessageAllocatorFor_##Method(ArenaMessageAllocator<v1::Request, v1::Response>::Get());
#define PARLEY_ARENA_Custom PARLEY_ARENA_Generic
#define PARLEY_ARENA_Cached(Method, Request, Response)
#define PARLEY_ARENA(Method, Request, Response, Cost, Handler) \
  PARLEY_ARENA_##Handler(Method, Request, Response)
  PARLEY_LOOKUP_RPCS(PARLEY_ARENA)
#undef PARLEY_ARENA
#undef PARLEY_ARENA_Cached
#undef PARLEY_ARENA_Custom
#undef PARLEY_ARENA_Generic
}

absl::Status LookupServiceImpl::TooManyBytes() const {
  return WithReason(absl::ResourceExhaustedError(absl::StrCat(
                        "the server holds its maximum of ", max_inflight_bytes_ >> 20,
                        " MiB of requests and answers not yet read: retry with backoff, read "
                        "answers promptly, or send smaller texts")),
                    "TOO_MANY_BYTES");
}

grpc::Status LookupServiceImpl::Run(grpc::CallbackServerContext* context, const Lookup& lookup,
                                    Call call, const google::protobuf::Message& request) {
  if (context->IsCancelled()) return Cancelled();
  if (DeadlinePassed(*context)) return DeadlineExceeded();
  const absl::Status status = std::move(call)(lookup);
  if (context->IsCancelled()) return Cancelled();
  if (DeadlinePassed(*context)) return DeadlineExceeded();
  // The request's type names its fields in errors; looked up only for one.
  return status.ok() ? grpc::Status::OK : ToGrpcStatus(status, request.GetDescriptor());
}

absl::Status LookupServiceImpl::Admit(std::shared_ptr<const Lookup>* lookup) {
  if (draining_.load(std::memory_order_relaxed)) {
    return WithReason(
        absl::UnavailableError("the server is shutting down: retry, another replica will answer"),
        "SHUTTING_DOWN");
  }
  *lookup = holder_->Current();
  if (*lookup == nullptr) {
    v1::IndexInfo info;
    holder_->FillReloadInfo(&info);
    if (!info.store_reachable()) {
      return WithReason(
          absl::UnavailableError(
              absl::StrCat("no index yet: the corpus store cannot be reached (", info.store_error(),
                           "); the server keeps trying and serves once it has built the corpus")),
          "STORE_UNAVAILABLE");
    }
    return WithReason(absl::UnavailableError("the index is still loading: retry shortly"),
                      "INDEX_LOADING");
  }
  if (in_flight_.fetch_add(1, std::memory_order_relaxed) >= max_concurrent_calls_) {
    in_flight_.fetch_sub(1, std::memory_order_relaxed);
    return WithReason(
        absl::ResourceExhaustedError(absl::StrCat(
            "the server is handling its maximum of ", max_concurrent_calls_,
            " calls at once: retry with backoff, or spread calls over more replicas (answers "
            "not yet read by their clients count)")),
        "TOO_MANY_CALLS");
  }
  return absl::OkStatus();
}

grpc::ServerUnaryReactor* LookupServiceImpl::Handle(grpc::CallbackServerContext* context, Cost cost,
                                                    const google::protobuf::Message& request,
                                                    const google::protobuf::MessageLite& response,
                                                    Call call) {
  auto refuse = [context](const absl::Status& status) {
    grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
    reactor->Finish(ToGrpcStatus(status));
    return reactor;
  };
  std::shared_ptr<const Lookup> lookup;
  if (absl::Status admitted = Admit(&lookup); !admitted.ok()) return refuse(admitted);
  const int64_t request_bytes =
      cost == Cost::kHeavy ? static_cast<int64_t>(request.ByteSizeLong()) : 0;
  if (request_bytes > 0 &&
      inflight_bytes_.fetch_add(request_bytes, std::memory_order_relaxed) + request_bytes >
          max_inflight_bytes_) {
    inflight_bytes_.fetch_sub(request_bytes, std::memory_order_relaxed);
    in_flight_.fetch_sub(1, std::memory_order_relaxed);
    return refuse(TooManyBytes());
  }
  auto* reactor = new CountedReactor(this, request_bytes);
  TagResponse(context, *lookup);
  if (cost == Cost::kCheap) {
    reactor->Finish(Run(context, *lookup, std::move(call), request));
    return reactor;
  }
  heavy_calls_.Schedule([this, context, reactor, request_bytes, &request, &response,
                         lookup = std::move(lookup), call = std::move(call)]() mutable {
    // Calls admitted together may since have filled the room with answers
    // nobody reads yet: check again now that this one would add its own.
    if (inflight_bytes_.load(std::memory_order_relaxed) > max_inflight_bytes_) {
      reactor->Finish(ToGrpcStatus(TooManyBytes()));
      return;
    }
    const grpc::Status status = Run(context, *lookup, std::move(call), request);
    // What the answer holds until the client has read it: its messages on
    // the call's arena (beyond the request, already counted) and its
    // serialized copy in the transport.
    const auto* arena = response.GetArena();
    const int64_t held = (arena != nullptr ? static_cast<int64_t>(arena->SpaceAllocated()) : 0) -
                         request_bytes + static_cast<int64_t>(response.ByteSizeLong());
    reactor->AddBytes(std::max<int64_t>(held, 0));
    reactor->Finish(status);
  });
  return reactor;
}

namespace {

// Each RPC's place in lookup_rpcs.h: the tag of its kept answers.
enum class RpcNumber : char {
#define PARLEY_NUMBER(Method, Request, Response, Cost, Handler) k##Method,
  PARLEY_LOOKUP_RPCS(PARLEY_NUMBER)
#undef PARLEY_NUMBER
};

}  // namespace

absl::flat_hash_set<std::string> LookupServiceImpl::RawMethods() {
  absl::flat_hash_set<std::string> methods;
#define PARLEY_RAW_Cached(Method) methods.insert("/parley.v1.LookupService/" #Method);
#define PARLEY_RAW_Generic(Method)
#define PARLEY_RAW_Custom(Method)
#define PARLEY_RAW(Method, Request, Response, Cost, Handler) PARLEY_RAW_##Handler(Method)
  PARLEY_LOOKUP_RPCS(PARLEY_RAW)
#undef PARLEY_RAW
#undef PARLEY_RAW_Custom
#undef PARLEY_RAW_Generic
#undef PARLEY_RAW_Cached
  return methods;
}

template <typename Request, typename Response>
grpc::Status LookupServiceImpl::RunCached(grpc::CallbackServerContext* context,
                                          const Lookup& lookup, absl::string_view method, char tag,
                                          const grpc::ByteBuffer& request_bytes,
                                          grpc::ByteBuffer* response_bytes,
                                          absl::Status (Lookup::*call)(const Request&, Response*)
                                              const) {
  if (context->IsCancelled()) return Cancelled();
  if (DeadlinePassed(*context)) return DeadlineExceeded();
  grpc::Slice request_slice;
  // Not Valid(): the call ended without a request (the client reset it,
  // or sent none), which the interceptor logs as it happened.
  if (!request_bytes.Valid() || !request_bytes.DumpToSingleSlice(&request_slice).ok()) {
    return ToGrpcStatus(MalformedRequest(method));
  }
  const absl::string_view bytes(reinterpret_cast<const char*>(request_slice.begin()),
                                request_slice.size());
  // The key: tag, then the bytes (none for a request too long to keep).
  char key_buffer[ResponseCache::kMaxKeyBytes];
  absl::string_view key;
  if (bytes.size() < sizeof(key_buffer)) {
    key_buffer[0] = tag;
    std::memcpy(key_buffer + 1, bytes.data(), bytes.size());
    key = absl::string_view(key_buffer, bytes.size() + 1);
    if (std::optional<grpc::Slice> kept = answers_.Find(lookup.generation(), key)) {
      *response_bytes = grpc::ByteBuffer(&*kept, 1);
      return grpc::Status::OK;
    }
  }
  CallArena arena;
  Request* request = arena.Create<Request>();
  Response* response = arena.Create<Response>();
  if (!request->ParseFromArray(bytes.data(), static_cast<int>(bytes.size()))) {
    return ToGrpcStatus(MalformedRequest(method));
  }
  absl::Status status = (lookup.*call)(*request, response);
  if (status.ok() && !kAppliesReadMask<Request>) status = ApplyReadMask(*request, response);
  if (context->IsCancelled()) return Cancelled();
  if (DeadlinePassed(*context)) return DeadlineExceeded();
  if (!status.ok()) return ToGrpcStatus(status, request->GetDescriptor());
  // Serialized once into a slice that owns its bytes: the answer sent now
  // and every one given from the cache later refer to it.
  auto* serialized = new std::string();
  response->SerializeToString(serialized);
  grpc::Slice answer(
      serialized->data(), serialized->size(), [](void* s) { delete static_cast<std::string*>(s); },
      serialized);
  if (!key.empty()) answers_.Insert(lookup.generation(), key, answer);
  *response_bytes = grpc::ByteBuffer(&answer, 1);
  return grpc::Status::OK;
}

template <typename Request, typename Response>
grpc::ServerUnaryReactor* LookupServiceImpl::HandleCached(
    grpc::CallbackServerContext* context, absl::string_view method, char tag,
    const grpc::ByteBuffer& request, grpc::ByteBuffer* response,
    absl::Status (Lookup::*call)(const Request&, Response*) const) {
  std::shared_ptr<const Lookup> lookup;
  if (absl::Status admitted = Admit(&lookup); !admitted.ok()) {
    grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
    reactor->Finish(ToGrpcStatus(admitted));
    return reactor;
  }
  auto* reactor = new CountedReactor(this, 0);
  TagResponse(context, *lookup);
  reactor->Finish(RunCached(context, *lookup, method, tag, request, response, call));
  return reactor;
}

// Handlers of the Generic and Cached RPCs of lookup_rpcs.h; Custom ones
// follow.
#define PARLEY_HANDLER_Custom(Method, Request, Response, cost)
// (Answered inline, whatever its cost: an RPC whose answers are worth
// keeping is a cheap one.)
#define PARLEY_HANDLER_Cached(Method, Request, Response, cost)                              \
  grpc::ServerUnaryReactor* LookupServiceImpl::Method(grpc::CallbackServerContext* context, \
                                                      const grpc::ByteBuffer* request,      \
                                                      grpc::ByteBuffer* response) {         \
    return HandleCached(context, "/parley.v1.LookupService/" #Method,                       \
                        static_cast<char>(RpcNumber::k##Method), *request, response,        \
                        &Lookup::Method);                                                   \
  }
#define PARLEY_HANDLER_Generic(Method, Request, Response, cost)                                   \
  grpc::ServerUnaryReactor* LookupServiceImpl::Method(                                            \
      grpc::CallbackServerContext* context, const v1::Request* request, v1::Response* response) { \
    return Handle(context, Cost::cost, *request, *response,                                       \
                  [request, response](const Lookup& lookup) {                                     \
                    absl::Status status = lookup.Method(*request, response);                      \
                    if (!status.ok() || kAppliesReadMask<v1::Request>) return status;             \
                    return ApplyReadMask(*request, response);                                     \
                  });                                                                             \
  }
#define PARLEY_HANDLER(Method, Request, Response, cost, Handler) \
  PARLEY_HANDLER_##Handler(Method, Request, Response, cost)
PARLEY_LOOKUP_RPCS(PARLEY_HANDLER)
#undef PARLEY_HANDLER_Custom
#undef PARLEY_HANDLER_Cached
#undef PARLEY_HANDLER_Generic
#undef PARLEY_HANDLER

grpc::ServerUnaryReactor* LookupServiceImpl::BatchLinkMentions(
    grpc::CallbackServerContext* context, const v1::BatchLinkMentionsRequest* request,
    v1::BatchLinkMentionsResponse* response) {
  // Up to 100 MiB of text: stop between texts once the caller is gone.
  return Handle(context, Cost::kHeavy, *request, *response,
                [context, request, response](const Lookup& lookup) {
                  return lookup.BatchLinkMentions(*request, response,
                                                  [context] { return context->IsCancelled(); });
                });
}

grpc::ServerUnaryReactor* LookupServiceImpl::GetIndexInfo(grpc::CallbackServerContext* context,
                                                          const v1::GetIndexInfoRequest* request,
                                                          v1::IndexInfo* response) {
  return Handle(context, Cost::kCheap, *request, *response,
                [this, request, response](const Lookup& lookup) {
                  absl::Status status = lookup.GetIndexInfo(*request, response);
                  holder_->FillReloadInfo(response);
                  return status;
                });
}

// One export: writes an item, waits until gRPC has taken it, builds the
// next. Deletes itself in OnDone.
// Streams the items of a cursor (Next(Item*), count()) one at a time:
// writes one, waits until gRPC has taken it, takes the next. Keeps the
// lookup the cursor reads alive; stops with UNAVAILABLE when the server
// starts draining. Deletes itself in OnDone.
template <typename Item, typename Cursor>
class LookupServiceImpl::StreamReactor final : public grpc::ServerWriteReactor<Item> {
 public:
  // Starts streaming cursor at once.
  StreamReactor(LookupServiceImpl* service, grpc::CallbackServerContext* context,
                std::shared_ptr<const Lookup> lookup, Cursor cursor)
      : StreamReactor(service, context, std::move(lookup)) {
    Begin(std::move(cursor));
  }
  // Waits for Begin() or Fail(), from any thread.
  StreamReactor(LookupServiceImpl* service, grpc::CallbackServerContext* context,
                std::shared_ptr<const Lookup> lookup)
      : service_(service), context_(context), lookup_(std::move(lookup)) {}

  void Begin(Cursor cursor) {
    cursor_.emplace(std::move(cursor));
    WriteNext();
  }
  void Fail(const grpc::Status& status) { this->Finish(status); }

  void OnWriteDone(bool ok) override {
    if (!ok) {
      this->Finish(Cancelled());
      return;
    }
    WriteNext();
  }

  void OnDone() override {
    service_->in_flight_.fetch_sub(1, std::memory_order_relaxed);
    delete this;
  }

 private:
  void WriteNext() {
    if (context_->IsCancelled()) {
      this->Finish(Cancelled());
    } else if (service_->draining_.load(std::memory_order_relaxed)) {
      this->Finish(
          ToGrpcStatus(WithReason(absl::UnavailableError(absl::StrCat(
                                      "the server is shutting down after ", cursor_->count(),
                                      " items: call again on another replica")),
                                  "SHUTTING_DOWN")));
    } else if (cursor_->Next(&item_)) {
      this->StartWrite(&item_);
    } else {
      this->Finish(grpc::Status::OK);
    }
  }

  LookupServiceImpl* const service_;
  grpc::CallbackServerContext* const context_;
  const std::shared_ptr<const Lookup> lookup_;  // keeps the index the cursor reads
  std::optional<Cursor> cursor_;
  Item item_;
};

namespace {

// A change feed read whole, handed out one change at a time.
class ChangeCursor {
 public:
  explicit ChangeCursor(std::vector<v1::Change> changes) : changes_(std::move(changes)) {}
  bool Next(v1::Change* out) {
    if (next_ == changes_.size()) return false;
    *out = std::move(changes_[next_++]);
    return true;
  }
  size_t count() const { return next_; }

 private:
  std::vector<v1::Change> changes_;
  size_t next_ = 0;
};

// A stream that ends at once with status.
template <typename Item>
grpc::ServerWriteReactor<Item>* Refuse(const absl::Status& status,
                                       const google::protobuf::Descriptor* request) {
  class Refusal final : public grpc::ServerWriteReactor<Item> {
   public:
    explicit Refusal(const grpc::Status& status) { this->Finish(status); }
    void OnDone() override { delete this; }
  };
  return new Refusal(ToGrpcStatus(status, request));
}

}  // namespace

grpc::ServerWriteReactor<v1::ExportItem>* LookupServiceImpl::Export(
    grpc::CallbackServerContext* context, const v1::ExportRequest* request) {
  auto refuse = [](const absl::Status& status) {
    return Refuse<v1::ExportItem>(status, v1::ExportRequest::descriptor());
  };
  std::shared_ptr<const Lookup> lookup;
  if (absl::Status admitted = Admit(&lookup); !admitted.ok()) return refuse(admitted);
  absl::StatusOr<ExportCursor> cursor = lookup->StartExport(*request);
  if (!cursor.ok()) {
    in_flight_.fetch_sub(1, std::memory_order_relaxed);
    return refuse(cursor.status());
  }
  TagResponse(context, *lookup);
  return new StreamReactor<v1::ExportItem, ExportCursor>(this, context, std::move(lookup),
                                                         *std::move(cursor));
}

void LookupServiceImpl::TagResponse(grpc::CallbackServerContext* context, const Lookup& lookup) {
  context->AddInitialMetadata(kGenerationMetadata, absl::StrCat(lookup.generation()));
  context->AddInitialMetadata(kCorpusVersionMetadata, absl::StrCat(lookup.corpus_version()));
}

grpc::ServerWriteReactor<v1::Change>* LookupServiceImpl::ListChanges(
    grpc::CallbackServerContext* context, const v1::ListChangesRequest* request) {
  auto refuse = [](const absl::Status& status) {
    return Refuse<v1::Change>(status, v1::ListChangesRequest::descriptor());
  };
  std::shared_ptr<const Lookup> lookup;
  if (absl::Status admitted = Admit(&lookup); !admitted.ok()) return refuse(admitted);
  // The feed may be a query to the store: off the gRPC thread.
  context->AddInitialMetadata(kGenerationMetadata, absl::StrCat(lookup->generation()));
  auto* reactor = new StreamReactor<v1::Change, ChangeCursor>(this, context, lookup);
  heavy_calls_.Schedule([this, context, reactor, since = request->since_version()] {
    absl::StatusOr<ChangeFeed> feed = source_->ChangesSince(since);
    if (!feed.ok()) {
      reactor->Fail(ToGrpcStatus(feed.status(), v1::ListChangesRequest::descriptor()));
      return;
    }
    // Where the stream ends: the version to follow the feed from next.
    context->AddInitialMetadata(kCorpusVersionMetadata, absl::StrCat(feed->current_version));
    reactor->Begin(ChangeCursor(std::move(feed->changes)));
  });
  return reactor;
}

}  // namespace parley
