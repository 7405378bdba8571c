// grpc_reflect: a generic gRPC client that knows nothing but a server's
// address. It discovers services through server reflection
// (grpc.reflection.v1, or v1alpha with --v1alpha) and calls any unary or
// server-streaming method with a JSON request, the way grpcurl does
// (grpcurl is not packaged in Debian 12).
//
//   grpc_reflect [--v1alpha] ADDRESS list                      services and their methods
//   grpc_reflect [--v1alpha] ADDRESS describe SERVICE          methods with their types
//   grpc_reflect [--v1alpha] ADDRESS call SERVICE/METHOD JSON  prints the response(s) as JSON
//
// Exit status: 0 on OK; otherwise the call's gRPC status code (1-16), or
// 64 for usage errors.
#include <iostream>
#include <set>
#include <string>
#include <vector>

#include <grpcpp/create_channel.h>
#include <grpcpp/generic/generic_stub.h>
#include <grpcpp/grpcpp.h>

#include "google/protobuf/descriptor.h"
#include "google/protobuf/descriptor.pb.h"
#include "google/protobuf/descriptor_database.h"
#include "google/protobuf/dynamic_message.h"
#include "google/protobuf/util/json_util.h"
#include "grpc/reflection/v1/reflection.grpc.pb.h"
#include "grpc/reflection/v1alpha/reflection.grpc.pb.h"

namespace {

namespace pb = google::protobuf;

constexpr int kUsage = 64;

// What a client needs of either version of the reflection protocol (the
// two have the same messages in different packages).
class Reflection {
 public:
  virtual ~Reflection() = default;
  virtual grpc::Status ListServices(std::vector<std::string>* services) = 0;
  virtual grpc::Status LoadSymbol(const std::string& symbol) = 0;
  virtual const pb::DescriptorPool& pool() = 0;
};

template <typename Service, typename Request, typename Response>
class ReflectionClient final : public Reflection {
 public:
  explicit ReflectionClient(std::shared_ptr<grpc::Channel> channel)
      : stub_(Service::NewStub(channel)) {}

  // Service names, or an error status.
  grpc::Status ListServices(std::vector<std::string>* services) override {
    Request request;
    request.set_list_services("");
    Response response;
    grpc::Status status = Ask(request, &response);
    if (!status.ok()) return status;
    for (const auto& s : response.list_services_response().service()) services->push_back(s.name());
    return grpc::Status::OK;
  }

  // Loads the file defining symbol and its dependencies into the pool.
  grpc::Status LoadSymbol(const std::string& symbol) override {
    Request request;
    request.set_file_containing_symbol(symbol);
    Response response;
    grpc::Status status = Ask(request, &response);
    if (!status.ok()) return status;
    if (response.has_error_response()) {
      return grpc::Status(static_cast<grpc::StatusCode>(response.error_response().error_code()),
                          response.error_response().error_message());
    }
    for (const std::string& bytes : response.file_descriptor_response().file_descriptor_proto()) {
      pb::FileDescriptorProto file;
      if (!file.ParseFromString(bytes)) {
        return grpc::Status(grpc::StatusCode::INTERNAL, "server sent a malformed descriptor");
      }
      if (loaded_.insert(file.name()).second) database_.Add(file);
    }
    return grpc::Status::OK;
  }

  const pb::DescriptorPool& pool() override { return pool_; }

 private:
  grpc::Status Ask(const Request& request, Response* response) {
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(5));
    auto stream = stub_->ServerReflectionInfo(&context);
    stream->Write(request);
    stream->WritesDone();
    const bool got = stream->Read(response);
    grpc::Status status = stream->Finish();
    if (status.ok() && !got) return grpc::Status(grpc::StatusCode::INTERNAL, "no reflection reply");
    return status;
  }

  std::unique_ptr<typename Service::Stub> stub_;
  pb::SimpleDescriptorDatabase database_;
  pb::DescriptorPool pool_{&database_};
  std::set<std::string> loaded_;
};

int Fail(const grpc::Status& status) {
  std::cerr << "grpc_reflect: " << status.error_code() << " " << status.error_message() << "\n";
  return status.error_code() == 0 ? 1 : status.error_code();
}

int List(Reflection& client, const std::string& only_service) {
  std::vector<std::string> services;
  if (grpc::Status s = client.ListServices(&services); !s.ok()) return Fail(s);
  for (const std::string& name : services) {
    if (!only_service.empty() && name != only_service) continue;
    std::cout << name << "\n";
    if (name.rfind("grpc.reflection.", 0) == 0) continue;
    if (grpc::Status s = client.LoadSymbol(name); !s.ok()) return Fail(s);
    const pb::ServiceDescriptor* service = client.pool().FindServiceByName(name);
    if (service == nullptr) continue;
    for (int i = 0; i < service->method_count(); ++i) {
      const pb::MethodDescriptor* m = service->method(i);
      std::cout << "  " << name << "/" << m->name();
      if (!only_service.empty()) {
        std::cout << "(" << m->input_type()->full_name() << ") returns ("
                  << m->output_type()->full_name() << ")";
      }
      std::cout << "\n";
    }
  }
  return 0;
}

int Call(Reflection& client, std::shared_ptr<grpc::Channel> channel, const std::string& full_method,
         const std::string& json) {
  const size_t slash = full_method.rfind('/');
  if (slash == std::string::npos) {
    std::cerr << "grpc_reflect: method must be SERVICE/METHOD\n";
    return kUsage;
  }
  const std::string service_name = full_method.substr(0, slash);
  if (grpc::Status s = client.LoadSymbol(service_name); !s.ok()) return Fail(s);
  const pb::ServiceDescriptor* service = client.pool().FindServiceByName(service_name);
  const pb::MethodDescriptor* method =
      service == nullptr ? nullptr : service->FindMethodByName(full_method.substr(slash + 1));
  if (method == nullptr) {
    std::cerr << "grpc_reflect: no method " << full_method << "\n";
    return kUsage;
  }
  pb::DynamicMessageFactory factory(&client.pool());
  std::unique_ptr<pb::Message> request(factory.GetPrototype(method->input_type())->New());
  std::unique_ptr<pb::Message> response(factory.GetPrototype(method->output_type())->New());
  if (auto s = pb::util::JsonStringToMessage(json, request.get()); !s.ok()) {
    std::cerr << "grpc_reflect: request JSON: " << s.ToString() << "\n";
    return kUsage;
  }
  std::string bytes;
  request->SerializeToString(&bytes);
  grpc::Slice slice(bytes);
  grpc::ByteBuffer request_buffer(&slice, 1);
  grpc::ByteBuffer response_buffer;
  grpc::GenericStub stub(channel);
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
  grpc::CompletionQueue cq;
  void* tag;
  bool ok;
  auto print = [&response](const grpc::ByteBuffer& buffer) {
    grpc::Slice out;
    if (!buffer.DumpToSingleSlice(&out).ok() ||
        !response->ParseFromArray(out.begin(), static_cast<int>(out.size()))) {
      return false;
    }
    pb::util::JsonPrintOptions options;
    options.add_whitespace = true;
    options.preserve_proto_field_names = true;
    std::string text;
    (void)pb::util::MessageToJsonString(*response, &text, options);
    std::cout << text;
    return true;
  };
  grpc::Status status;
  if (method->server_streaming()) {
    // One JSON object per message, in order, until the server finishes.
    auto call = stub.PrepareCall(&context, "/" + full_method, &cq);
    call->StartCall(reinterpret_cast<void*>(1));
    cq.Next(&tag, &ok);
    call->Write(request_buffer, reinterpret_cast<void*>(2));
    cq.Next(&tag, &ok);
    call->WritesDone(reinterpret_cast<void*>(3));
    cq.Next(&tag, &ok);
    for (;;) {
      call->Read(&response_buffer, reinterpret_cast<void*>(4));
      if (!cq.Next(&tag, &ok) || !ok) break;
      if (!print(response_buffer)) {
        return Fail(grpc::Status(grpc::StatusCode::INTERNAL, "cannot parse a response"));
      }
    }
    call->Finish(&status, reinterpret_cast<void*>(5));
    cq.Next(&tag, &ok);
    return status.ok() ? 0 : Fail(status);
  }
  auto call = stub.PrepareUnaryCall(&context, "/" + full_method, request_buffer, &cq);
  call->StartCall();
  call->Finish(&response_buffer, &status, reinterpret_cast<void*>(1));
  cq.Next(&tag, &ok);
  if (!status.ok()) return Fail(status);
  if (!print(response_buffer)) {
    return Fail(grpc::Status(grpc::StatusCode::INTERNAL, "cannot parse the response"));
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  const bool v1alpha = !args.empty() && args[0] == "--v1alpha";
  if (v1alpha) args.erase(args.begin());
  if (args.size() < 2 || (args[1] == "call" && args.size() != 4) ||
      (args[1] == "describe" && args.size() != 3) ||
      (args[1] != "list" && args[1] != "describe" && args[1] != "call")) {
    std::cerr << "usage: grpc_reflect [--v1alpha] ADDRESS list | describe SERVICE | call "
                 "SERVICE/METHOD JSON\n";
    return kUsage;
  }
  auto channel = grpc::CreateChannel(args[0], grpc::InsecureChannelCredentials());
  std::unique_ptr<Reflection> client;
  if (v1alpha) {
    namespace r = grpc::reflection::v1alpha;
    client = std::make_unique<ReflectionClient<r::ServerReflection, r::ServerReflectionRequest,
                                               r::ServerReflectionResponse>>(channel);
  } else {
    namespace r = grpc::reflection::v1;
    client = std::make_unique<ReflectionClient<r::ServerReflection, r::ServerReflectionRequest,
                                               r::ServerReflectionResponse>>(channel);
  }
  if (args[1] == "list") return List(*client, "");
  if (args[1] == "describe") return List(*client, args[2]);
  return Call(*client, channel, args[2], args[3]);
}
