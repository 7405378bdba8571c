#include "fuzz/fuzz_common.h"

#include <cstdlib>
#include <functional>
#include <vector>

#include <google/protobuf/stubs/logging.h>

namespace parley::fuzz {
namespace {

// One RPC: its request type and the Lookup call.
struct Rpc {
  std::function<std::unique_ptr<google::protobuf::Message>()> make;
  std::function<void(const Lookup&, const google::protobuf::Message&)> call;
};

template <typename Request, typename Response>
Rpc MakeRpc(absl::Status (Lookup::*method)(const Request&, Response*) const) {
  return {[] { return std::make_unique<Request>(); },
          [method](const Lookup& lookup, const google::protobuf::Message& request) {
            Response response;
            (void)(lookup.*method)(static_cast<const Request&>(request), &response);
          }};
}

const std::vector<Rpc>& Rpcs() {
  static const auto* rpcs = new std::vector<Rpc>{
      MakeRpc(&Lookup::GetEntity),
      MakeRpc(&Lookup::BatchGetEntities),
      MakeRpc(&Lookup::SearchEntities),
      MakeRpc(&Lookup::GetEvent),
      MakeRpc(&Lookup::ListEvents),
      MakeRpc(&Lookup::ListParticipations),
      MakeRpc(&Lookup::ListConnections),
      MakeRpc(&Lookup::GetDocument),
      MakeRpc(&Lookup::ListDocuments),
      MakeRpc(&Lookup::ListTopics),
      MakeRpc(&Lookup::GetIndexInfo),
      MakeRpc(&Lookup::ListMentions),
      MakeRpc(&Lookup::SearchDocuments),
      MakeRpc(&Lookup::LinkMentions),
      {[] { return std::make_unique<v1::BatchLinkMentionsRequest>(); },
       [](const Lookup& lookup, const google::protobuf::Message& request) {
         v1::BatchLinkMentionsResponse response;
         (void)lookup.BatchLinkMentions(static_cast<const v1::BatchLinkMentionsRequest&>(request),
                                        &response);
       }},
  };
  return *rpcs;
}

}  // namespace

const Lookup& BundledLookup() {
  static const Lookup* lookup = [] {
    auto index = Index::Load(PARLEY_SOURCE_DIR "/data");
    if (!index.ok()) std::abort();
    return new Lookup(std::shared_ptr<const Index>(std::move(*index)));
  }();
  return *lookup;
}

void Quiet() { google::protobuf::SetLogHandler(nullptr); }

const SnapshotKey& SnapshotSeedKey() {
  static const SnapshotKey* key = new SnapshotKey{"", "snapshot-fuzzer"};
  return *key;
}

bool CallRequest(const Lookup& lookup, int rpc, absl::string_view bytes) {
  const Rpc& r = Rpcs()[rpc % Rpcs().size()];
  std::unique_ptr<google::protobuf::Message> request = r.make();
  if (!request->ParseFromArray(bytes.data(), static_cast<int>(bytes.size()))) return false;
  r.call(lookup, *request);
  return true;
}

std::unique_ptr<google::protobuf::Message> NewRequest(int rpc) {
  return Rpcs()[rpc % Rpcs().size()].make();
}

}  // namespace parley::fuzz
