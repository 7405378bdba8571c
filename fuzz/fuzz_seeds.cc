// Writes the seed corpora of the fuzz targets from the project's own data:
// the bundled corpus and the test corpora. Usage: fuzz_seeds OUT_DIR; writes
// OUT_DIR/{corpus,search,page_token,request,snapshot,text_format}_fuzzer/*.
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>

#include "absl/strings/str_cat.h"
#include "fuzz/fuzz_common.h"

namespace fs = std::filesystem;

namespace {

int written = 0;

void Write(const fs::path& dir, absl::string_view bytes) {
  fs::create_directories(dir);
  std::ofstream(dir / absl::StrCat("seed-", written++), std::ios::binary) << bytes;
}

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: fuzz_seeds OUT_DIR\n";
    return 2;
  }
  const fs::path out = argv[1];
  const fs::path source = PARLEY_SOURCE_DIR;
  const parley::Lookup& lookup = parley::fuzz::BundledLookup();
  const parley::Index& index = lookup.index();

  // corpus_fuzzer: selector byte + a real file of the matching kind.
  std::vector<fs::path> corpora = {source / "data"};
  for (const auto& entry : fs::directory_iterator(source / "tests/corpora")) {
    corpora.push_back(entry.path());
  }
  for (const fs::path& corpus : corpora) {
    for (const char* sub : {"kb", "articles"}) {
      if (!fs::is_directory(corpus / sub)) continue;
      for (const auto& file : fs::directory_iterator(corpus / sub)) {
        const std::string bytes = ReadFile(file.path());
        const char selector = std::string(sub) == "kb" ? 0 : (bytes.rfind("---", 0) == 0 ? 2 : 1);
        Write(out / "corpus_fuzzer", std::string(1, selector) + bytes);
        if (file.path().extension() == ".textproto") Write(out / "text_format_fuzzer", bytes);
      }
    }
  }

  // search_fuzzer: every name and alias, document titles and opening lines.
  std::vector<std::string> names;
  for (const parley::EntityView entity : index.entities()) {
    names.emplace_back(entity.name());
    for (absl::string_view alias : entity.aliases()) names.emplace_back(alias);
  }
  for (const std::string& name : names) Write(out / "search_fuzzer", name);
  for (const auto& doc : index.documents()) {
    Write(out / "search_fuzzer", doc.title());
    Write(out / "search_fuzzer", doc.text().substr(0, 400));
  }
  Write(out / "search_fuzzer", "\"homeland security\" cyber");

  // snapshot_fuzzer: the bundled index's snapshot, after its header (the
  // fuzzer writes the header).
  {
    const parley::SnapshotKey& key = parley::fuzz::SnapshotSeedKey();
    const std::string path = (out / "bundled.snapshot").string();
    fs::create_directories(out);
    if (!parley::WriteSnapshot(index, key, path).ok()) return 1;
    const std::string bytes = ReadFile(path);
    fs::remove(path);
    Write(out / "snapshot_fuzzer", bytes.substr(parley::SnapshotHeader(key).size()));
  }

  // page_token_fuzzer: real tokens of several lists.
  parley::v1::ListEventsRequest events;
  events.set_page_size(2);
  for (int page = 0; page < 5; ++page) {
    parley::v1::ListEventsResponse response;
    if (!lookup.ListEvents(events, &response).ok() || response.next_page_token().empty()) break;
    Write(out / "page_token_fuzzer", response.next_page_token());
    events.set_page_token(response.next_page_token());
  }

  // request_fuzzer: selector byte + a serialized request built from the data.
  auto request = [&](int rpc, const google::protobuf::Message& message) {
    Write(out / "request_fuzzer",
          std::string(1, static_cast<char>(rpc)) + message.SerializeAsString());
  };
  for (int rpc = 0; rpc < parley::fuzz::kRpcCount; ++rpc) {
    request(rpc, *parley::fuzz::NewRequest(rpc));  // the all-default request
  }
  for (int32_t i = 0; i < index.entities().size(); i += 3) {
    const std::string id(index.entities()[i].id());
    parley::v1::GetEntityRequest get;
    get.set_id(id);
    request(0, get);
    parley::v1::SearchEntitiesRequest search;
    search.set_query(std::string(index.entities()[i].name()));
    request(2, search);
    parley::v1::ListConnectionsRequest connections;
    connections.set_entity_id(id);
    request(6, connections);
    parley::v1::ListMentionsRequest mentions;
    mentions.set_entity_id(id);
    mentions.set_page_size(3);
    request(11, mentions);
  }
  for (int32_t i = 0; i < index.events().size(); i += 4) {
    parley::v1::GetEventRequest get;
    get.set_id(std::string(index.events()[i].id()));
    request(3, get);
  }
  parley::v1::ListEventsRequest filtered;
  filtered.mutable_filter()->add_topics("cyber");
  filtered.mutable_filter()->set_from_date("2011");
  filtered.mutable_filter()->set_to_date("2016-06");
  filtered.set_order(parley::v1::EVENT_ORDER_DATE_DESCENDING);
  request(4, filtered);
  parley::v1::ListParticipationsRequest participations;
  participations.add_person_ids("janet-napolitano");
  request(5, participations);
  for (const auto& doc : index.documents()) {
    parley::v1::GetDocumentRequest get;
    get.set_id(doc.id());
    request(7, get);
  }
  parley::v1::SearchDocumentsRequest docs;
  docs.set_query("\"cyber security\" India");
  request(12, docs);
  docs.set_query("cyber OR \"homeland security\" -ransomware NOT Pakistan");
  request(12, docs);
  parley::v1::LinkMentionsRequest link;
  link.set_text(index.documents()[0].text().substr(0, 600));
  request(13, link);
  std::printf("wrote %d seeds under %s\n", written, out.c_str());
  return 0;
}
