#include "service/corpus/text_format_fast_path.h"

#include <cstdint>
#include <limits>
#include <string>

#include "google/protobuf/descriptor.h"
#include "google/protobuf/descriptor.pb.h"

namespace parley {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::EnumValueDescriptor;
using google::protobuf::FieldDescriptor;
using google::protobuf::Message;
using google::protobuf::Reflection;

bool IsLetter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }
// What may not follow a number without a space between (protobuf's
// tokenizer reads these as part of the number, or refuses them there).
bool ContinuesNumber(char c) { return IsLetter(c) || IsDigit(c) || c == '.'; }

// One pass over the text, one field at a time. Every method returns false
// at the first thing outside the subset.
class FastPathParser {
 public:
  explicit FastPathParser(absl::string_view text)
      : at_(text.data()), end_(text.data() + text.size()) {}

  // The fields of *message up to the end of the text (depth 0) or up to the
  // '}' that closes it (consumed).
  bool ParseFields(Message* message, int depth) {
    const Descriptor* descriptor = message->GetDescriptor();
    const Reflection* reflection = message->GetReflection();
    while (true) {
      SkipSpace();
      if (at_ == end_) return depth == 0;
      if (*at_ == '}') {
        ++at_;
        return depth > 0;
      }
      absl::string_view name;
      if (!ReadIdentifier(&name)) return false;
      const FieldDescriptor* field = FindField(descriptor, name);
      if (field == nullptr || field->type() == FieldDescriptor::TYPE_GROUP ||
          field->options().deprecated()) {
        return false;
      }
      // TextFormat::Parser refuses these (FORBID_SINGULAR_OVERWRITES).
      if (!field->is_repeated() && reflection->HasField(*message, field)) return false;
      if (field->containing_oneof() != nullptr &&
          reflection->HasOneof(*message, field->containing_oneof())) {
        return false;
      }
      SkipSpace();
      const bool is_message = field->cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE;
      if (at_ != end_ && *at_ == ':') {
        ++at_;
        SkipSpace();
      } else if (!is_message) {
        return false;  // a scalar needs the colon
      }
      if (field->is_repeated() && at_ != end_ && *at_ == '[') {
        if (!ParseList(message, reflection, field, depth)) return false;
      } else if (!ParseValue(message, reflection, field, depth)) {
        return false;
      }
      SkipSpace();
      if (at_ != end_ && (*at_ == ';' || *at_ == ',')) ++at_;
    }
  }

 private:
  // Whitespace as protobuf's tokenizer knows it, and '#' comments.
  void SkipSpace() {
    while (at_ != end_) {
      const char c = *at_;
      if (c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\v' || c == '\f') {
        ++at_;
      } else if (c == '#') {
        // protobuf's tokenizer ends a comment at a NUL too, then refuses
        // the NUL: it is left here, where nothing takes it.
        while (at_ != end_ && *at_ != '\n' && *at_ != '\0') ++at_;
      } else {
        return;
      }
    }
  }

  bool ReadIdentifier(absl::string_view* out) {
    const char* start = at_;
    if (at_ == end_ || !IsLetter(*at_)) return false;
    while (at_ != end_ && (IsLetter(*at_) || IsDigit(*at_))) ++at_;
    *out = absl::string_view(start, static_cast<size_t>(at_ - start));
    return true;
  }

  // A message has a few fields: a scan is as quick as a lookup by a
  // std::string made of the name (FindFieldByName's parameter).
  static const FieldDescriptor* FindField(const Descriptor* descriptor, absl::string_view name) {
    for (int i = 0; i < descriptor->field_count(); ++i) {
      const FieldDescriptor* field = descriptor->field(i);
      if (field->name() == name) return field;
    }
    return nullptr;
  }

  // The same for an enum's values: FindValueByName would make a std::string
  // of every enum value read (a million and more at 1M entities).
  static const EnumValueDescriptor* FindEnumValue(const google::protobuf::EnumDescriptor* type,
                                                  absl::string_view name) {
    for (int i = 0; i < type->value_count(); ++i) {
      if (type->value(i)->name() == name) return type->value(i);
    }
    return nullptr;
  }

  // A repeated field's values in brackets, "[a, b]" ("[]" is none).
  bool ParseList(Message* message, const Reflection* reflection, const FieldDescriptor* field,
                 int depth) {
    ++at_;  // '['
    SkipSpace();
    if (at_ != end_ && *at_ == ']') {
      ++at_;
      return true;
    }
    while (true) {
      if (!ParseValue(message, reflection, field, depth)) return false;
      SkipSpace();
      if (at_ == end_) return false;
      if (*at_ == ']') {
        ++at_;
        return true;
      }
      if (*at_ != ',') return false;
      ++at_;
      SkipSpace();
    }
  }

  // One value of field: a message in braces or a scalar.
  bool ParseValue(Message* message, const Reflection* reflection, const FieldDescriptor* field,
                  int depth) {
    if (field->cpp_type() != FieldDescriptor::CPPTYPE_MESSAGE) {
      return ParseScalar(message, reflection, field);
    }
    if (at_ == end_ || *at_ != '{' || depth + 1 >= kMaxFastPathDepth) return false;
    ++at_;
    Message* child = field->is_repeated() ? reflection->AddMessage(message, field)
                                          : reflection->MutableMessage(message, field);
    return ParseFields(child, depth + 1);
  }

  bool ParseScalar(Message* message, const Reflection* reflection, const FieldDescriptor* field) {
    if (at_ == end_) return false;
    const bool repeated = field->is_repeated();
    switch (field->cpp_type()) {
      case FieldDescriptor::CPPTYPE_STRING: {
        std::string value;
        if (!ReadStrings(&value)) return false;
        if (repeated) {
          reflection->AddString(message, field, std::move(value));
        } else {
          reflection->SetString(message, field, std::move(value));
        }
        return true;
      }
      case FieldDescriptor::CPPTYPE_ENUM: {
        absl::string_view name;
        if (!ReadIdentifier(&name)) return false;
        const EnumValueDescriptor* value = FindEnumValue(field->enum_type(), name);
        if (value == nullptr) return false;
        if (repeated) {
          reflection->AddEnum(message, field, value);
        } else {
          reflection->SetEnum(message, field, value);
        }
        return true;
      }
      case FieldDescriptor::CPPTYPE_BOOL: {
        absl::string_view name;
        if (!ReadIdentifier(&name)) return false;
        bool value;
        if (name == "true" || name == "True" || name == "t") {
          value = true;
        } else if (name == "false" || name == "False" || name == "f") {
          value = false;
        } else {
          return false;
        }
        if (repeated) {
          reflection->AddBool(message, field, value);
        } else {
          reflection->SetBool(message, field, value);
        }
        return true;
      }
      case FieldDescriptor::CPPTYPE_INT32:
      case FieldDescriptor::CPPTYPE_INT64:
      case FieldDescriptor::CPPTYPE_UINT32:
      case FieldDescriptor::CPPTYPE_UINT64:
        return ParseInteger(message, reflection, field);
      default:  // floats and doubles
        return false;
    }
  }

  bool ParseInteger(Message* message, const Reflection* reflection, const FieldDescriptor* field) {
    bool negative = false;
    if (*at_ == '-') {
      negative = true;
      ++at_;  // protobuf's tokenizer allows space here; this path does not
    }
    // A leading 0 makes an octal or hex number: not taken, but 0 itself is.
    if (at_ == end_ || !IsDigit(*at_) || (*at_ == '0' && at_ + 1 != end_ && IsDigit(at_[1]))) {
      return false;
    }
    uint64_t magnitude = 0;
    constexpr uint64_t kMax = std::numeric_limits<uint64_t>::max();
    while (at_ != end_ && IsDigit(*at_)) {
      const auto digit = static_cast<uint64_t>(*at_ - '0');
      if (magnitude > (kMax - digit) / 10) return false;
      magnitude = magnitude * 10 + digit;
      ++at_;
    }
    if (at_ != end_ && ContinuesNumber(*at_)) return false;
    const bool repeated = field->is_repeated();
    switch (field->cpp_type()) {
      case FieldDescriptor::CPPTYPE_INT32:
      case FieldDescriptor::CPPTYPE_INT64: {
        const bool is32 = field->cpp_type() == FieldDescriptor::CPPTYPE_INT32;
        const uint64_t max_positive =
            is32 ? std::numeric_limits<int32_t>::max() : std::numeric_limits<int64_t>::max();
        if (magnitude > max_positive + (negative ? 1 : 0)) return false;
        const int64_t value =
            negative ? static_cast<int64_t>(0 - magnitude) : static_cast<int64_t>(magnitude);
        if (is32) {
          if (repeated) {
            reflection->AddInt32(message, field, static_cast<int32_t>(value));
          } else {
            reflection->SetInt32(message, field, static_cast<int32_t>(value));
          }
        } else if (repeated) {
          reflection->AddInt64(message, field, value);
        } else {
          reflection->SetInt64(message, field, value);
        }
        return true;
      }
      default: {  // unsigned
        if (negative) return false;
        if (field->cpp_type() == FieldDescriptor::CPPTYPE_UINT32) {
          if (magnitude > std::numeric_limits<uint32_t>::max()) return false;
          if (repeated) {
            reflection->AddUInt32(message, field, static_cast<uint32_t>(magnitude));
          } else {
            reflection->SetUInt32(message, field, static_cast<uint32_t>(magnitude));
          }
        } else if (repeated) {
          reflection->AddUInt64(message, field, magnitude);
        } else {
          reflection->SetUInt64(message, field, magnitude);
        }
        return true;
      }
    }
  }

  // One or more quoted strings, concatenated.
  bool ReadStrings(std::string* out) {
    if (!ReadString(out)) return false;
    while (true) {
      SkipSpace();
      if (at_ == end_ || (*at_ != '"' && *at_ != '\'')) return true;
      if (!ReadString(out)) return false;
    }
  }

  // Appends one quoted string's value to *out.
  bool ReadString(std::string* out) {
    if (at_ == end_ || (*at_ != '"' && *at_ != '\'')) return false;
    const char quote = *at_++;
    const char* run = at_;  // bytes not yet appended
    while (true) {
      if (at_ == end_) return false;
      const auto c = static_cast<unsigned char>(*at_);
      if (c == static_cast<unsigned char>(quote)) {
        out->append(run, static_cast<size_t>(at_ - run));
        ++at_;
        return true;
      }
      // A line break ends the string with an error in protobuf's tokenizer;
      // other control bytes are left to it too.
      if (c < 0x20 && c != '\t') return false;
      if (c != '\\') {
        ++at_;
        continue;
      }
      out->append(run, static_cast<size_t>(at_ - run));
      if (++at_ == end_) return false;
      switch (*at_) {
        case '"':
          out->push_back('"');
          break;
        case '\'':
          out->push_back('\'');
          break;
        case '\\':
          out->push_back('\\');
          break;
        case 'n':
          out->push_back('\n');
          break;
        case 't':
          out->push_back('\t');
          break;
        case 'r':
          out->push_back('\r');
          break;
        default:
          return false;  // numeric, \u and the rarer escapes
      }
      run = ++at_;
    }
  }

  const char* at_;
  const char* const end_;
};

}  // namespace

bool ParseTextFormatFastPath(absl::string_view text, Message* message) {
  // TextFormat refuses more than its int-sized input streams hold.
  if (text.size() > static_cast<size_t>(std::numeric_limits<int>::max())) return false;
  FastPathParser parser(text);
  return parser.ParseFields(message, 0) && message->IsInitialized();
}

}  // namespace parley
