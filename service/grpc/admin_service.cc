#include "service/grpc/admin_service.h"

#include <spdlog/spdlog.h>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "service/base/errors.h"
#include "service/corpus/ingest.h"
#include "service/grpc/grpc_status.h"
#include "service/lookup/review.h"

namespace parley {

void AdminServiceImpl::FillInfo(v1::IndexInfo* info) const {
  if (const std::shared_ptr<const Lookup> lookup = holder_->Current()) {
    (void)lookup->GetIndexInfo(v1::GetIndexInfoRequest(), info);
  }
  holder_->FillReloadInfo(info);
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
  absl::StatusOr<int64_t> generation = source_->Reload();
  if (!generation.ok()) {
    spdlog::error("reload failed; generation {} keeps serving: {}",
                  holder_->Current() ? holder_->Current()->generation() : 0,
                  std::string(generation.status().message()));
    if (absl::IsUnavailable(generation.status())) {
      return ToGrpcStatus(WithReason(
          absl::UnavailableError(absl::StrCat("reload failed, the previous index keeps serving: ",
                                              generation.status().message())),
          "STORE_UNAVAILABLE"));
    }
    return ToGrpcStatus(WithReason(
        absl::FailedPreconditionError(absl::StrCat(
            "reload failed, the previous index keeps serving: ", generation.status().message())),
        "RELOAD_FAILED"));
  }
  FillInfo(response->mutable_info());
  spdlog::info("reloaded: corpus version {} serving", *generation);
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
  absl::StatusOr<int64_t> generation =
      AddArticle(*source_, request->document_id(), article->file_name, article->contents);
  if (!generation.ok()) {
    spdlog::warn("ingestion of {} refused: {}", request->document_id(),
                 std::string(generation.status().message()));
    return ToGrpcStatus(generation.status());
  }
  const std::shared_ptr<const Lookup> lookup = holder_->Current();
  v1::GetDocumentRequest get;
  get.set_id(request->document_id());
  (void)lookup->GetDocument(get, response->mutable_document());
  FillInfo(response->mutable_info());
  spdlog::info("ingested {} ({} bytes): corpus version {} serving", article->file_name,
               article->contents.size(), *generation);
  return grpc::Status::OK;
}

grpc::Status AdminServiceImpl::ListExtractedFacts(grpc::ServerContext* context,
                                                  const v1::ListExtractedFactsRequest* request,
                                                  v1::ListExtractedFactsResponse* response) {
  if (absl::Status s = Authorize(*context); !s.ok()) return ToGrpcStatus(s);
  const std::shared_ptr<const Lookup> lookup = holder_->Current();
  if (lookup == nullptr) {
    return ToGrpcStatus(absl::UnavailableError("no index is served yet: try again shortly"));
  }
  return ToGrpcStatus(parley::ListExtractedFacts(*lookup, *request, response),
                      v1::ListExtractedFactsRequest::descriptor());
}

grpc::Status AdminServiceImpl::ReviewFact(grpc::ServerContext* context,
                                          const v1::ReviewFactRequest* request,
                                          v1::ReviewFactResponse* response) {
  if (absl::Status s = Authorize(*context); !s.ok()) return ToGrpcStatus(s);
  v1::ReviewRecord written;
  absl::StatusOr<int64_t> version =
      source_->ChangeFiles("the review", [&](const Lookup& current, FileReader read) {
        written.Clear();
        return PlanReview(current, read, *request, absl::Now(), &written);
      });
  if (!version.ok()) {
    spdlog::warn("review of {} refused: {}", request->fact(),
                 std::string(version.status().message()));
    return ToGrpcStatus(version.status(), v1::ReviewFactRequest::descriptor());
  }
  *response->mutable_review() = written;
  FillInfo(response->mutable_info());
  spdlog::info("review: {} {} by {}: corpus version {} serving", request->fact(),
               v1::ReviewRecord::Decision_Name(request->decision()), request->reviewer(), *version);
  return grpc::Status::OK;
}

}  // namespace parley
