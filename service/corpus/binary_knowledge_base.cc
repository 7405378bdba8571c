#include "service/corpus/binary_knowledge_base.h"

#include <limits>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/unknown_field_set.h"
#include "service/base/normalize.h"

namespace parley {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::FieldDescriptor;
using google::protobuf::Message;
using google::protobuf::Reflection;
using google::protobuf::UnknownField;
using google::protobuf::UnknownFieldSet;

// Where a message is in the file, as a chain to its parent: the path's
// text is made only for a problem, not for each of a million records.
struct PathStep {
  const PathStep* parent;
  const FieldDescriptor* field;  // nullptr for the file's message itself
  int index;                     // -1 for a singular field
};

std::string PathText(const PathStep* step) {
  if (step == nullptr || step->field == nullptr) return "the file's message";
  std::vector<const PathStep*> chain;
  for (; step != nullptr && step->field != nullptr; step = step->parent) chain.push_back(step);
  std::string text;
  for (auto it = chain.rbegin(); it != chain.rend(); ++it) {
    if (!text.empty()) text += '.';
    absl::StrAppend(&text, (*it)->field->name());
    if ((*it)->index >= 0) absl::StrAppend(&text, "[", (*it)->index, "]");
  }
  return text;
}

class UnknownChecker {
 public:
  UnknownChecker(const std::string& path, ProblemList* problems)
      : path_(path), problems_(problems) {}

  // The count of those not reported one by one.
  void Finish() {
    if (found_ > kMaxUnknownProblems) {
      problems_->Add({path_},
                     absl::StrCat(found_ - kMaxUnknownProblems,
                                  " more field(s) or enum value(s) the schema does not define"));
    }
  }

  void Check(const Message& message, const PathStep* at) {
    const Reflection* reflection = message.GetReflection();
    const Descriptor* type = message.GetDescriptor();
    const UnknownFieldSet& unknown = reflection->GetUnknownFields(message);
    for (int i = 0; i < unknown.field_count(); ++i) {
      Report(at, absl::StrCat("field number ", unknown.field(i).number(), ", which ",
                              type->full_name(), " does not define"));
    }
    std::vector<const FieldDescriptor*> fields;
    reflection->ListFields(message, &fields);
    for (const FieldDescriptor* field : fields) {
      const bool repeated = field->is_repeated();
      const int count = repeated ? reflection->FieldSize(message, field) : 1;
      if (field->cpp_type() == FieldDescriptor::CPPTYPE_ENUM) {
        for (int i = 0; i < count; ++i) {
          const int value = repeated ? reflection->GetRepeatedEnumValue(message, field, i)
                                     : reflection->GetEnumValue(message, field);
          if (field->enum_type()->FindValueByNumber(value) != nullptr) continue;
          const PathStep step{at, field, repeated ? i : -1};
          Report(&step, absl::StrCat("value ", value, ", which ", field->enum_type()->full_name(),
                                     " does not define"));
        }
      } else if (field->cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE) {
        for (int i = 0; i < count; ++i) {
          const PathStep step{at, field, repeated ? i : -1};
          Check(repeated ? reflection->GetRepeatedMessage(message, field, i)
                         : reflection->GetMessage(message, field),
                &step);
        }
      }
    }
  }

 private:
  void Report(const PathStep* at, absl::string_view what) {
    if (++found_ > kMaxUnknownProblems) return;
    problems_->Add({path_, 0, 0, PathText(at)},
                   absl::StrCat(what,
                                ": the file was written with another version of "
                                "knowledge_base.proto than this server's (proto/parley/v1)"));
  }

  const std::string& path_;
  ProblemList* problems_;
  int found_ = 0;
};

// After a failed parse: the path of the first string field (by the
// schema) whose bytes are not valid UTF-8, read from the wire format
// without the schema's checks; "" if there is none (the bytes are not such
// a message at all).
std::string FirstInvalidUtf8String(const UnknownFieldSet& fields, const Descriptor* type,
                                   const std::string& at, int depth) {
  // As deep as protobuf's own parser goes, whatever the bytes.
  if (depth > 100) return "";
  absl::flat_hash_map<int, int> seen;  // field number -> occurrences so far
  for (int i = 0; i < fields.field_count(); ++i) {
    const UnknownField& wire = fields.field(i);
    const FieldDescriptor* field = type->FindFieldByNumber(wire.number());
    if (field == nullptr || wire.type() != UnknownField::TYPE_LENGTH_DELIMITED) continue;
    std::string path = absl::StrCat(at, at.empty() ? "" : ".", field->name());
    const int index = seen[wire.number()]++;
    if (field->is_repeated()) absl::StrAppend(&path, "[", index, "]");
    if (field->type() == FieldDescriptor::TYPE_STRING) {
      if (FirstInvalidUtf8(wire.length_delimited()) != absl::string_view::npos) return path;
    } else if (field->type() == FieldDescriptor::TYPE_MESSAGE) {
      UnknownFieldSet nested;
      if (!nested.ParseFromString(wire.length_delimited())) continue;
      std::string bad = FirstInvalidUtf8String(nested, field->message_type(), path, depth + 1);
      if (!bad.empty()) return bad;
    }
  }
  return "";
}

}  // namespace

bool ParseBinaryKnowledgeBase(const std::string& path, absl::string_view bytes, Message* message,
                              ProblemList* problems) {
  if (bytes.size() > static_cast<size_t>(std::numeric_limits<int>::max())) {
    problems->Add({path},
                  "2 GiB or larger, more than protobuf reads as one message: split it "
                  "into several files");
    return false;
  }
  if (!message->ParseFromArray(bytes.data(), static_cast<int>(bytes.size()))) {
    const std::string& type = message->GetDescriptor()->full_name();
    UnknownFieldSet wire;
    if (wire.ParseFromArray(bytes.data(), static_cast<int>(bytes.size()))) {
      const std::string bad = FirstInvalidUtf8String(wire, message->GetDescriptor(), "", 0);
      if (!bad.empty()) {
        problems->Add({path, 0, 0, bad},
                      "not valid UTF-8: write text as UTF-8 characters (a field of raw bytes "
                      "is not text)");
        return false;
      }
    }
    problems->Add({path}, absl::StrCat("not a ", type,
                                       " in protobuf's binary form, or a string in it is not "
                                       "valid UTF-8 (libprotobuf's log line then names the "
                                       "field); run from the repository's root, `protoc -I proto "
                                       "--decode=",
                                       type, " parley/v1/knowledge_base.proto < ", path,
                                       "` shows where it goes wrong; a file in text form is "
                                       "named *.textproto"));
    return false;
  }
  UnknownChecker checker(path, problems);
  checker.Check(*message, nullptr);
  checker.Finish();
  return true;
}

}  // namespace parley
