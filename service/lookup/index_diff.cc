#include "service/lookup/index_diff.h"

#include <algorithm>
#include <string>

#include "absl/container/flat_hash_map.h"
#include "absl/hash/hash.h"
#include "absl/strings/str_cat.h"
#include "google/protobuf/io/coded_stream.h"
#include "google/protobuf/io/zero_copy_stream_impl_lite.h"

namespace parley {
namespace {

// A fingerprint of a message's content: its deterministic serialization,
// hashed. Equal messages have equal fingerprints.
size_t Fingerprint(const google::protobuf::Message& message) {
  std::string bytes;
  {
    google::protobuf::io::StringOutputStream stream(&bytes);
    google::protobuf::io::CodedOutputStream out(&stream);
    out.SetSerializationDeterministic(true);
    message.SerializeToCodedStream(&out);
  }
  return absl::HashOf(bytes);
}

using Fingerprints = absl::flat_hash_map<std::string, size_t>;

Fingerprints Of(const Index& index, v1::ChangeKind kind) {
  Fingerprints out;
  switch (kind) {
    case v1::CHANGE_KIND_ENTITY:
      for (const EntityView e : index.entities())
        out[std::string(e.id())] = Fingerprint(e.ToProto());
      break;
    case v1::CHANGE_KIND_EVENT:
      for (const EventView e : index.events()) {
        v1::Event event;  // with its quotes: a changed text can move them under the same offsets
        index.CopyEvent(e, &event);
        out[std::string(e.id())] = Fingerprint(event);
      }
      break;
    case v1::CHANGE_KIND_PARTICIPATION:
      for (int32_t r = 0; r < index.participation_count(); ++r) {
        v1::Participation p;
        index.participation(r).ToProto(&p);
        out[absl::StrCat(p.event_id(), "/", p.person().id())] = Fingerprint(p);
      }
      break;
    case v1::CHANGE_KIND_DOCUMENT:
      for (int32_t d = 0; d < static_cast<int32_t>(index.documents().size()); ++d) {
        v1::Document document;
        index.CopyDocument(d, /*with_text=*/true, &document);
        out[document.id()] = Fingerprint(document);
      }
      break;
    default:
      break;
  }
  return out;
}

}  // namespace

std::vector<v1::Change> DiffIndexes(const Index* before, const Index& after) {
  std::vector<v1::Change> changes;
  for (v1::ChangeKind kind : {v1::CHANGE_KIND_ENTITY, v1::CHANGE_KIND_EVENT,
                              v1::CHANGE_KIND_PARTICIPATION, v1::CHANGE_KIND_DOCUMENT}) {
    const Fingerprints now = Of(after, kind);
    const Fingerprints old = before == nullptr ? Fingerprints() : Of(*before, kind);
    std::vector<v1::Change> of_kind;
    auto add = [&](const std::string& id, v1::ChangeType type) {
      v1::Change& change = of_kind.emplace_back();
      change.set_kind(kind);
      change.set_id(id);
      change.set_type(type);
    };
    for (const auto& [id, print] : now) {
      auto it = old.find(id);
      if (it == old.end()) {
        add(id, v1::CHANGE_TYPE_ADDED);
      } else if (it->second != print) {
        add(id, v1::CHANGE_TYPE_CHANGED);
      }
    }
    for (const auto& [id, print] : old) {
      if (!now.contains(id)) add(id, v1::CHANGE_TYPE_REMOVED);
    }
    std::sort(of_kind.begin(), of_kind.end(),
              [](const v1::Change& a, const v1::Change& b) { return a.id() < b.id(); });
    for (v1::Change& c : of_kind) changes.push_back(std::move(c));
  }
  return changes;
}

}  // namespace parley
