#include "service/grpc/lookup_service.h"

#include <algorithm>

#include <spdlog/spdlog.h>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "service/base/errors.h"
#include "service/corpus/ingest.h"
#include "service/grpc/arena_allocator.h"
#include "service/grpc/grpc_status.h"
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

 private:
  LookupServiceImpl* const service_;
  int64_t bytes_;
};

LookupServiceImpl::LookupServiceImpl(const IndexHolder* holder, const LookupServiceOptions& options)
    : holder_(holder),
      max_concurrent_calls_(options.max_concurrent_calls),
      max_inflight_bytes_(options.max_inflight_bytes),
      heavy_calls_(std::max(1, options.heavy_call_threads)) {
#define PARLEY_ARENA(Method, Request, Response, Cost, Handler) \
  SetMessageAllocatorFor_##Method(ArenaMessageAllocator<v1::Request, v1::Response>::Get());
  PARLEY_LOOKUP_RPCS(PARLEY_ARENA)
#undef PARLEY_ARENA
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
  context->AddInitialMetadata(kGenerationMetadata, absl::StrCat(lookup->generation()));
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

// Handlers of the Generic RPCs of lookup_rpcs.h; Custom ones follow.
#define PARLEY_HANDLER_Custom(Method, Request, Response, cost)
#define PARLEY_HANDLER_Generic(Method, Request, Response, cost)                                   \
  grpc::ServerUnaryReactor* LookupServiceImpl::Method(                                            \
      grpc::CallbackServerContext* context, const v1::Request* request, v1::Response* response) { \
    return Handle(context, Cost::cost, *request, *response,                                       \
                  [request, response](const Lookup& lookup) {                                     \
                    absl::Status status = lookup.Method(*request, response);                      \
                    return status.ok() ? ApplyReadMask(*request, response) : status;              \
                  });                                                                             \
  }
#define PARLEY_HANDLER(Method, Request, Response, cost, Handler) \
  PARLEY_HANDLER_##Handler(Method, Request, Response, cost)
PARLEY_LOOKUP_RPCS(PARLEY_HANDLER)
#undef PARLEY_HANDLER_Custom
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
class LookupServiceImpl::ExportReactor final : public grpc::ServerWriteReactor<v1::ExportItem> {
 public:
  ExportReactor(LookupServiceImpl* service, grpc::CallbackServerContext* context,
                std::shared_ptr<const Lookup> lookup, ExportCursor cursor)
      : service_(service),
        context_(context),
        lookup_(std::move(lookup)),
        cursor_(std::move(cursor)) {
    WriteNext();
  }

  void OnWriteDone(bool ok) override {
    if (!ok) {
      Finish(Cancelled());
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
      Finish(Cancelled());
    } else if (service_->draining_.load(std::memory_order_relaxed)) {
      Finish(ToGrpcStatus(WithReason(
          absl::UnavailableError(absl::StrCat("the server is shutting down after ", cursor_.count(),
                                              " items: export again from another "
                                              "replica")),
          "SHUTTING_DOWN")));
    } else if (cursor_.Next(&item_)) {
      StartWrite(&item_);
    } else {
      Finish(grpc::Status::OK);
    }
  }

  LookupServiceImpl* const service_;
  grpc::CallbackServerContext* const context_;
  const std::shared_ptr<const Lookup> lookup_;  // keeps the index the cursor reads
  ExportCursor cursor_;
  v1::ExportItem item_;
};

grpc::ServerWriteReactor<v1::ExportItem>* LookupServiceImpl::Export(
    grpc::CallbackServerContext* context, const v1::ExportRequest* request) {
  auto refuse = [](const absl::Status& status) {
    class Refusal final : public grpc::ServerWriteReactor<v1::ExportItem> {
     public:
      explicit Refusal(const grpc::Status& status) { Finish(status); }
      void OnDone() override { delete this; }
    };
    return new Refusal(ToGrpcStatus(status, v1::ExportRequest::descriptor()));
  };
  std::shared_ptr<const Lookup> lookup;
  if (absl::Status admitted = Admit(&lookup); !admitted.ok()) return refuse(admitted);
  absl::StatusOr<ExportCursor> cursor = lookup->StartExport(*request);
  if (!cursor.ok()) {
    in_flight_.fetch_sub(1, std::memory_order_relaxed);
    return refuse(cursor.status());
  }
  context->AddInitialMetadata(kGenerationMetadata, absl::StrCat(lookup->generation()));
  return new ExportReactor(this, context, std::move(lookup), *std::move(cursor));
}

absl::Status AdminServiceImpl::Authorize(const grpc::ServerContext& context) const {
  if (token_.empty()) return absl::OkStatus();
  const auto& metadata = context.client_metadata();
  auto it = metadata.find("authorization");
  if (it == metadata.end()) {
    return WithReason(absl::UnauthenticatedError(
                          "admin calls need metadata \"authorization: Bearer <token>\" with the "
                          "token from the server's --admin_token_file"),
                      "MISSING_ADMIN_TOKEN");
  }
  const absl::string_view value(it->second.data(), it->second.size());
  const absl::string_view prefix = "Bearer ";
  // Compare in constant time so the token cannot be guessed byte by byte.
  const absl::string_view given =
      absl::StartsWith(value, prefix) ? value.substr(prefix.size()) : absl::string_view();
  unsigned char diff = given.size() == token_.size() ? 0 : 1;
  for (size_t i = 0; i < token_.size(); ++i) {
    diff |= static_cast<unsigned char>(token_[i] ^ (i < given.size() ? given[i] : 0));
  }
  if (diff != 0) {
    return WithReason(
        absl::PermissionDeniedError("the admin token is wrong: use the token in the server's "
                                    "--admin_token_file"),
        "WRONG_ADMIN_TOKEN");
  }
  return absl::OkStatus();
}

grpc::Status AdminServiceImpl::Reload(grpc::ServerContext* context,
                                      const v1::ReloadRequest* /*request*/,
                                      v1::ReloadResponse* response) {
  if (absl::Status s = Authorize(*context); !s.ok()) return ToGrpcStatus(s);
  spdlog::info("reload requested over the admin API");
  absl::StatusOr<uint64_t> generation = holder_->Reload();
  if (!generation.ok()) {
    spdlog::error("reload failed; generation {} keeps serving: {}",
                  holder_->Current() ? holder_->Current()->generation() : 0,
                  std::string(generation.status().message()));
    return ToGrpcStatus(WithReason(
        absl::FailedPreconditionError(absl::StrCat(
            "reload failed, the previous index keeps serving: ", generation.status().message())),
        "RELOAD_FAILED"));
  }
  const std::shared_ptr<const Lookup> lookup = holder_->Current();
  (void)lookup->GetIndexInfo(v1::GetIndexInfoRequest(), response->mutable_info());
  holder_->FillReloadInfo(response->mutable_info());
  spdlog::info("reloaded: generation {} serving", *generation);
  return grpc::Status::OK;
}

grpc::Status AdminServiceImpl::IngestDocument(grpc::ServerContext* context,
                                              const v1::IngestDocumentRequest* request,
                                              v1::IngestDocumentResponse* response) {
  if (absl::Status s = Authorize(*context); !s.ok()) return ToGrpcStatus(s);
  absl::StatusOr<ArticleToWrite> article = RenderArticle(*request);
  if (!article.ok()) {
    return ToGrpcStatus(article.status(), v1::IngestDocumentRequest::descriptor());
  }
  absl::StatusOr<uint64_t> generation =
      holder_->AddArticle(request->document_id(), article->file_name, article->contents);
  if (!generation.ok()) {
    spdlog::warn("ingestion of {} refused: {}", request->document_id(),
                 std::string(generation.status().message()));
    return ToGrpcStatus(generation.status());
  }
  const std::shared_ptr<const Lookup> lookup = holder_->Current();
  v1::GetDocumentRequest get;
  get.set_id(request->document_id());
  (void)lookup->GetDocument(get, response->mutable_document());
  (void)lookup->GetIndexInfo(v1::GetIndexInfoRequest(), response->mutable_info());
  holder_->FillReloadInfo(response->mutable_info());
  spdlog::info("ingested {} ({} bytes): generation {} serving", article->file_name,
               article->contents.size(), *generation);
  return grpc::Status::OK;
}

}  // namespace parley
