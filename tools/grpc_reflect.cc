// grpc_reflect: a generic gRPC client that knows nothing but a server's
// address. It discovers services through server reflection
// (grpc.reflection.v1alpha) and calls any unary method with a JSON request,
// the way grpcurl does (grpcurl is not packaged in Debian 12).
//
//   grpc_reflect ADDRESS list                      services and their methods
//   grpc_reflect ADDRESS describe SERVICE          methods with request/response types
//   grpc_reflect ADDRESS call SERVICE/METHOD JSON  prints the response as JSON
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
#include "grpc/reflection/v1alpha/reflection.grpc.pb.h"

namespace {

namespace pb = google::protobuf;
namespace reflection = grpc::reflection::v1alpha;

constexpr int kUsage = 64;

class ReflectionClient {
 public:
  explicit ReflectionClient(std::shared_ptr<grpc::Channel> channel)
      : stub_(reflection::ServerReflection::NewStub(channel)) {}

  // Service names, or an error status.
  grpc::Status ListServices(std::vector<std::string>* services) {
    reflection::ServerReflectionRequest request;
    request.set_list_services("");
    reflection::ServerReflectionResponse response;
    grpc::Status status = Ask(request, &response);
    if (!status.ok()) return status;
    for (const auto& s : response.list_services_response().service()) services->push_back(s.name());
    return grpc::Status::OK;
  }

  // Loads the file defining symbol and its dependencies into the pool.
  grpc::Status LoadSymbol(const std::string& symbol) {
    reflection::ServerReflectionRequest request;
    request.set_file_containing_symbol(symbol);
    reflection::ServerReflectionResponse response;
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

  const pb::DescriptorPool& pool() { return pool_; }

 private:
  grpc::Status Ask(const reflection::ServerReflectionRequest& request,
                   reflection::ServerReflectionResponse* response) {
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

  std::unique_ptr<reflection::ServerReflection::Stub> stub_;
  pb::SimpleDescriptorDatabase database_;
  pb::DescriptorPool pool_{&database_};
  std::set<std::string> loaded_;
};

int Fail(const grpc::Status& status) {
  std::cerr << "grpc_reflect: " << status.error_code() << " " << status.error_message() << "\n";
  return status.error_code() == 0 ? 1 : status.error_code();
}

int List(ReflectionClient& client, const std::string& only_service) {
  std::vector<std::string> services;
  if (grpc::Status s = client.ListServices(&services); !s.ok()) return Fail(s);
  for (const std::string& name : services) {
    if (!only_service.empty() && name != only_service) continue;
    std::cout << name << "\n";
    if (name == "grpc.reflection.v1alpha.ServerReflection") continue;
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

int Call(ReflectionClient& client, std::shared_ptr<grpc::Channel> channel,
         const std::string& full_method, const std::string& json) {
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
  auto call = stub.PrepareUnaryCall(&context, "/" + full_method, request_buffer, &cq);
  call->StartCall();
  grpc::Status status;
  call->Finish(&response_buffer, &status, reinterpret_cast<void*>(1));
  void* tag;
  bool ok;
  cq.Next(&tag, &ok);
  if (!status.ok()) return Fail(status);
  grpc::Slice out;
  if (!response_buffer.DumpToSingleSlice(&out).ok() ||
      !response->ParseFromArray(out.begin(), static_cast<int>(out.size()))) {
    return Fail(grpc::Status(grpc::StatusCode::INTERNAL, "cannot parse the response"));
  }
  pb::util::JsonPrintOptions options;
  options.add_whitespace = true;
  options.preserve_proto_field_names = true;
  std::string text;
  (void)pb::util::MessageToJsonString(*response, &text, options);
  std::cout << text;
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  const std::vector<std::string> args(argv + 1, argv + argc);
  if (args.size() < 2 || (args[1] == "call" && args.size() != 4) ||
      (args[1] == "describe" && args.size() != 3) ||
      (args[1] != "list" && args[1] != "describe" && args[1] != "call")) {
    std::cerr << "usage: grpc_reflect ADDRESS list | describe SERVICE | call SERVICE/METHOD JSON\n";
    return kUsage;
  }
  auto channel = grpc::CreateChannel(args[0], grpc::InsecureChannelCredentials());
  ReflectionClient client(channel);
  if (args[1] == "list") return List(client, "");
  if (args[1] == "describe") return List(client, args[2]);
  return Call(client, channel, args[2], args[3]);
}
