#include "service/lookup/read_mask.h"

#include <map>
#include <string>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "service/base/errors.h"

namespace parley {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::FieldDescriptor;
using google::protobuf::Message;
using google::protobuf::Reflection;

bool IsResource(const Descriptor* type) {
  static const absl::flat_hash_set<std::string>* const kResources =
      new absl::flat_hash_set<std::string>{"parley.v1.Entity",        "parley.v1.Event",
                                           "parley.v1.Participation", "parley.v1.Document",
                                           "parley.v1.Mention",       "parley.v1.Connection"};
  return kResources->contains(type->full_name());
}

// The singular resource field of a hit (EntityMatch.entity), or nullptr.
const FieldDescriptor* ResourceFieldOf(const Descriptor* hit) {
  for (int i = 0; i < hit->field_count(); ++i) {
    const FieldDescriptor* f = hit->field(i);
    if (!f->is_repeated() && f->message_type() != nullptr && IsResource(f->message_type())) {
      return f;
    }
  }
  return nullptr;
}

// The repeated field of a list response that holds its resources (or hits).
const FieldDescriptor* ListFieldOf(const Descriptor* response) {
  for (int i = 0; i < response->field_count(); ++i) {
    const FieldDescriptor* f = response->field(i);
    if (!f->is_repeated() || f->message_type() == nullptr) continue;
    if (IsResource(f->message_type()) || ResourceFieldOf(f->message_type()) != nullptr) return f;
  }
  return nullptr;
}

// Paths as a tree. A path that names a field keeps it whole, whatever
// longer paths inside it say.
struct PathTree {
  bool whole = false;
  std::map<std::string, PathTree> children;
};

void Trim(const PathTree& keep, Message* message) {
  const Reflection* reflection = message->GetReflection();
  // Only the fields that are set can need clearing: a names-only search's
  // entities hold one each (SearchEntities copies only what a mask keeps).
  std::vector<const FieldDescriptor*> set;
  reflection->ListFields(*message, &set);
  for (const FieldDescriptor* f : set) {
    auto it = keep.children.find(f->name());
    if (it == keep.children.end()) {
      reflection->ClearField(message, f);
      continue;
    }
    if (it->second.whole) continue;
    if (f->is_repeated()) {
      for (int j = 0; j < reflection->FieldSize(*message, f); ++j) {
        Trim(it->second, reflection->MutableRepeatedMessage(message, f, j));
      }
    } else if (reflection->HasField(*message, f)) {
      Trim(it->second, reflection->MutableMessage(message, f));
    }
  }
}

std::string FieldNames(const Descriptor* type) {
  std::vector<std::string> names;
  for (int i = 0; i < type->field_count(); ++i) names.push_back(type->field(i)->name());
  return absl::StrJoin(names, ", ");
}

}  // namespace

const Descriptor* MaskedResourceOf(const Descriptor* response) {
  if (IsResource(response)) return response;
  const FieldDescriptor* list = ListFieldOf(response);
  if (list == nullptr) return nullptr;
  if (IsResource(list->message_type())) return list->message_type();
  return ResourceFieldOf(list->message_type())->message_type();
}

absl::Status CheckReadMask(const google::protobuf::FieldMask& mask, const Descriptor* resource) {
  for (int i = 0; i < mask.paths_size(); ++i) {
    const Descriptor* type = resource;
    const std::vector<std::string> parts = absl::StrSplit(mask.paths(i), '.');
    for (size_t p = 0; p < parts.size(); ++p) {
      const FieldDescriptor* f = type == nullptr ? nullptr : type->FindFieldByName(parts[p]);
      if (f == nullptr) {
        const std::string where =
            type == nullptr ? absl::StrCat(" has no fields: \"",
                                           absl::StrJoin(parts.begin(), parts.begin() + p, "."),
                                           "\" is not a message")
                            : absl::StrCat(" is not a field of ", type->full_name(),
                                           "; its fields are ", FieldNames(type));
        return InvalidArgument(
            "INVALID_READ_MASK",
            absl::StrCat("read_mask.paths[", i, "]: \"", mask.paths(i), "\"",
                         type == nullptr ? where : absl::StrCat(": \"", parts[p], "\"", where)));
      }
      type = f->message_type();
    }
  }
  return absl::OkStatus();
}

absl::StatusOr<EntityFields> EntityFieldsIn(const google::protobuf::FieldMask& mask) {
  if (mask.paths().empty()) return EntityFields::All();
  const Descriptor* entity = v1::Entity::descriptor();
  EntityFields fields = EntityFields::None();
  // Plain field names, the common mask, are found without splitting; any
  // other path is checked whole (and a bad one described) below.
  bool plain = true;
  for (const std::string& path : mask.paths()) {
    const FieldDescriptor* f = entity->FindFieldByName(path);
    if (f == nullptr) {
      plain = false;
      break;
    }
    fields.Add(f->number());
  }
  if (plain) return fields;
  if (absl::Status s = CheckReadMask(mask, entity); !s.ok()) return s;
  fields = EntityFields::None();
  for (const std::string& path : mask.paths()) {
    const absl::string_view first = absl::string_view(path).substr(0, path.find('.'));
    fields.Add(entity->FindFieldByName(std::string(first))->number());
  }
  return fields;
}

absl::Status ApplyReadMask(const Message& request, Message* response) {
  const FieldDescriptor* mask_field = request.GetDescriptor()->FindFieldByName("read_mask");
  if (mask_field == nullptr || mask_field->message_type() == nullptr) return absl::OkStatus();
  const auto& mask = static_cast<const google::protobuf::FieldMask&>(
      request.GetReflection()->GetMessage(request, mask_field));
  if (mask.paths().empty()) return absl::OkStatus();
  const Descriptor* resource = MaskedResourceOf(response->GetDescriptor());
  if (resource == nullptr) return absl::OkStatus();
  if (absl::Status s = CheckReadMask(mask, resource); !s.ok()) return s;
  PathTree keep;
  for (const std::string& path : mask.paths()) {
    PathTree* node = &keep;
    for (absl::string_view part : absl::StrSplit(path, '.')) {
      node = &node->children[std::string(part)];
    }
    node->whole = true;
  }
  if (IsResource(response->GetDescriptor())) {
    Trim(keep, response);
    return absl::OkStatus();
  }
  const FieldDescriptor* list = ListFieldOf(response->GetDescriptor());
  const Reflection* reflection = response->GetReflection();
  const FieldDescriptor* inner =
      IsResource(list->message_type()) ? nullptr : ResourceFieldOf(list->message_type());
  for (int j = 0; j < reflection->FieldSize(*response, list); ++j) {
    Message* item = reflection->MutableRepeatedMessage(response, list, j);
    if (inner == nullptr) {
      Trim(keep, item);
    } else if (item->GetReflection()->HasField(*item, inner)) {
      Trim(keep, item->GetReflection()->MutableMessage(item, inner));
    }
  }
  return absl::OkStatus();
}

}  // namespace parley
