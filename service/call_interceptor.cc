#include "call_interceptor.h"

#include <grpcpp/server_context.h>
#include <spdlog/spdlog.h>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "errors.h"
#include "grpc_status.h"

namespace parley {
namespace {

using grpc::experimental::InterceptionHookPoints;

class CallInterceptor : public grpc::experimental::Interceptor {
 public:
  explicit CallInterceptor(grpc::experimental::ServerRpcInfo* info)
      : info_(info), start_(absl::Now()) {}

  void Intercept(grpc::experimental::InterceptorBatchMethods* methods) override {
    if (methods->QueryInterceptionHookPoint(InterceptionHookPoints::POST_RECV_MESSAGE)) {
      received_ = true;
      parsed_ = methods->GetRecvMessage() != nullptr;
    }
    if (methods->QueryInterceptionHookPoint(InterceptionHookPoints::PRE_SEND_STATUS)) {
      grpc::Status status = methods->GetSendStatus();
      if (received_ && !parsed_ && status.error_code() == grpc::StatusCode::INTERNAL) {
        status = ToGrpcStatus(InvalidArgument(
            "MALFORMED_REQUEST",
            absl::StrCat("the request is not a valid message for ", info_->method(),
                         ": check the request type, and that every string field is valid "
                         "UTF-8 (send binary data as bytes)")));
        methods->ModifySendStatus(status);
      }
      spdlog::info("rpc method={} status={} latency_us={} peer={}", info_->method(),
                   absl::StatusCodeToString(static_cast<absl::StatusCode>(status.error_code())),
                   absl::ToInt64Microseconds(absl::Now() - start_),
                   info_->server_context()->peer());
    }
    methods->Proceed();
  }

 private:
  grpc::experimental::ServerRpcInfo* info_;
  absl::Time start_;
  bool received_ = false;
  bool parsed_ = true;
};

}  // namespace

grpc::experimental::Interceptor* CallInterceptorFactory::CreateServerInterceptor(
    grpc::experimental::ServerRpcInfo* info) {
  return new CallInterceptor(info);
}

}  // namespace parley
