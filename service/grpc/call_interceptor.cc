#include "service/grpc/call_interceptor.h"

#include <grpcpp/server_context.h>
#include <grpcpp/support/byte_buffer.h>
#include <spdlog/spdlog.h>

#include "absl/random/random.h"
#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/clock.h"
#include "service/base/errors.h"
#include "service/grpc/grpc_status.h"
#include "service/grpc/structured_log.h"

namespace parley {
namespace {

using grpc::experimental::InterceptionHookPoints;

// 16 random hex digits.
std::string NewRequestId() {
  thread_local absl::BitGen bits;
  return absl::StrFormat("%016x", absl::Uniform<uint64_t>(bits));
}

// Printable ASCII of at most 128 bytes, or a new id.
std::string SafeRequestId(absl::string_view given) {
  if (given.empty() || given.size() > 128) return NewRequestId();
  for (char c : given) {
    if (c < 0x21 || c > 0x7e) return NewRequestId();
  }
  return std::string(given);
}

// Logs and counts each call once, when it has ended: with the status the
// server sent, CANCELLED if the client saw the call cancelled instead (it
// went away, its deadline passed, or the server shut down first), and
// REFUSED if gRPC refused the request before Parley saw it.
class CallInterceptor : public grpc::experimental::Interceptor {
 public:
  CallInterceptor(grpc::experimental::ServerRpcInfo* info, CallMetrics* metrics, bool raw)
      : info_(info), method_(info->method()), metrics_(metrics), raw_(raw), start_(absl::Now()) {
    if (metrics_ != nullptr) metrics_->CallStarted();
  }

  void Intercept(grpc::experimental::InterceptorBatchMethods* methods) override {
    if (methods->QueryInterceptionHookPoint(InterceptionHookPoints::POST_RECV_INITIAL_METADATA)) {
      const auto& metadata = *methods->GetRecvInitialMetadata();
      auto it = metadata.find(kRequestIdMetadata);
      request_id_ = SafeRequestId(it == metadata.end()
                                      ? absl::string_view()
                                      : absl::string_view(it->second.data(), it->second.size()));
      peer_ = info_->server_context()->peer();
    }
    if (methods->QueryInterceptionHookPoint(InterceptionHookPoints::PRE_SEND_INITIAL_METADATA)) {
      // An error sent together with the headers keeps them empty, so that
      // it stays a trailers-only response: clients may retry only those
      // (UNAVAILABLE while draining). Its id goes in the trailers.
      const bool error_now =
          methods->QueryInterceptionHookPoint(InterceptionHookPoints::PRE_SEND_STATUS) &&
          !methods->GetSendStatus().ok();
      if (!error_now) {
        methods->GetSendInitialMetadata()->emplace(kRequestIdMetadata, RequestId());
        sent_id_ = true;
      }
    }
    if (methods->QueryInterceptionHookPoint(InterceptionHookPoints::POST_RECV_MESSAGE)) {
      received_ = true;
      void* message = methods->GetRecvMessage();
      parsed_ = message != nullptr && (!raw_ || static_cast<grpc::ByteBuffer*>(message)->Valid());
    }
    if (methods->QueryInterceptionHookPoint(InterceptionHookPoints::PRE_SEND_STATUS)) {
      grpc::Status status = methods->GetSendStatus();
      // The synchronous API answers INTERNAL, the callback API UNIMPLEMENTED,
      // to a request that did not parse, and to one that never came because
      // the client cancelled first: only the first is bad input.
      if (received_ && !parsed_ && !CancelledNow() &&
          (status.error_code() == grpc::StatusCode::INTERNAL ||
           status.error_code() == grpc::StatusCode::UNIMPLEMENTED)) {
        status = ToGrpcStatus(MalformedRequest(info_->method()));
        methods->ModifySendStatus(status);
      }
      if (!sent_id_) {  // a trailers-only response: the id goes in the trailers
        methods->GetSendTrailingMetadata()->emplace(kRequestIdMetadata, RequestId());
      }
      code_ = absl::StatusCodeToString(static_cast<absl::StatusCode>(status.error_code()));
      latency_ = absl::Now() - start_;
      // Already cancelled (the client went, or shutdown's grace ended): the
      // client never gets this status. Asked here, not at the close, where a
      // call whose answer did reach its client may count as cancelled too.
      cancelled_ = CancelledNow();
      // Recorded now, before the client can see the answer, so that counts
      // read after a call returned include it; a call without a request
      // waits for its close, which tells whether the client reset it.
      if (!(received_ && !parsed_)) Record();
    }
    if (methods->QueryInterceptionHookPoint(InterceptionHookPoints::POST_RECV_CLOSE) &&
        (code_.empty() || (received_ && !parsed_))) {
      // Ended without a status, or without a request (the client may have
      // reset the stream first): whether it was cancelled is known now.
      cancelled_ = cancelled_ || CancelledNow();
    }
    methods->Proceed();
  }

  ~CallInterceptor() override { Record(); }

 private:
  // Counts and logs the call, once.
  void Record() {
    if (recorded_) return;
    recorded_ = true;
    const char* what;
    if (cancelled_ || (code_.empty() && !(received_ && !parsed_))) {
      what = "CANCELLED";
    } else if (code_.empty()) {
      // gRPC answered without Parley: a request over --max_message_bytes,
      // or compressed while compressed requests are off.
      what = "REFUSED";
    } else {
      what = code_.c_str();
    }
    const absl::Duration latency = code_.empty() ? absl::Now() - start_ : latency_;
    if (metrics_ != nullptr) metrics_->CallFinished(method_, what, latency);
    LogEvent(spdlog::level::info, "rpc",
             {{"method", method_},
              {"status", std::string(what)},
              {"latency_us", static_cast<int64_t>(absl::ToInt64Microseconds(latency))},
              {"peer", peer_},
              {"request_id", RequestId()}});
  }

  // Whether a call of the callback API (the lookups) has been cancelled. A
  // synchronous call's IsCancelled() would run this interceptor again (it
  // finishes the close operation first), so those are not asked: they are
  // health, reflection and admin calls, whose cancellations matter little.
  bool CancelledNow() const {
    const auto* callback =
        dynamic_cast<const grpc::CallbackServerContext*>(info_->server_context());
    return callback != nullptr && callback->IsCancelled();
  }

  const std::string& RequestId() {
    if (request_id_.empty()) request_id_ = NewRequestId();
    return request_id_;
  }

  grpc::experimental::ServerRpcInfo* info_;
  // A copy: a generic call's method name is gone by the time the
  // interceptor is destroyed.
  const std::string method_;
  CallMetrics* metrics_;
  const bool raw_;  // the handler takes bytes (a grpc::ByteBuffer request)
  absl::Time start_;
  absl::Duration latency_;
  std::string request_id_;
  std::string peer_;
  std::string code_;  // of the status sent; "" if none was
  bool sent_id_ = false;
  bool received_ = false;
  bool parsed_ = true;
  bool cancelled_ = false;
  bool recorded_ = false;
};

}  // namespace

absl::Status MalformedRequest(absl::string_view method) {
  return InvalidArgument("MALFORMED_REQUEST",
                         absl::StrCat("the request is not a valid message for ", method,
                                      ": check the request type, and that every string field is "
                                      "valid UTF-8 (send binary data as bytes)"));
}

grpc::experimental::Interceptor* CallInterceptorFactory::CreateServerInterceptor(
    grpc::experimental::ServerRpcInfo* info) {
  return new CallInterceptor(info, metrics_, raw_methods_.contains(info->method()));
}

}  // namespace parley
