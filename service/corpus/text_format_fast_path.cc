#include "service/corpus/text_format_fast_path.h"

#include <cstdint>
#include <limits>
#include <string>
#include <type_traits>
#include <utility>

#include "google/protobuf/descriptor.h"
#include "google/protobuf/descriptor.pb.h"
#include "google/protobuf/wire_format_lite.h"

namespace parley {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::EnumValueDescriptor;
using google::protobuf::FieldDescriptor;
using google::protobuf::Message;
using google::protobuf::Reflection;
using google::protobuf::internal::WireFormatLite;

bool IsLetter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }
// What may not follow a number without a space between (protobuf's
// tokenizer reads these as part of the number, or refuses them there).
bool ContinuesNumber(char c) { return IsLetter(c) || IsDigit(c) || c == '.'; }

constexpr size_t kMaxMessageBytes = static_cast<size_t>(std::numeric_limits<int>::max());

// Where the values parsed go: a message, by reflection.
class MessageTarget {
 public:
  explicit MessageTarget(Message* message)
      : message_(message), reflection_(message->GetReflection()) {}

  const Descriptor* descriptor() const { return message_->GetDescriptor(); }
  bool Has(const FieldDescriptor* field) const { return reflection_->HasField(*message_, field); }
  bool HasOneof(const google::protobuf::OneofDescriptor* oneof) const {
    return reflection_->HasOneof(*message_, oneof);
  }
  // Required fields: the caller checks the whole message (IsInitialized).
  bool Complete() const { return true; }

  void AddString(const FieldDescriptor* field, std::string value) {
    if (field->is_repeated()) {
      reflection_->AddString(message_, field, std::move(value));
    } else {
      reflection_->SetString(message_, field, std::move(value));
    }
  }
  void AddEnum(const FieldDescriptor* field, const EnumValueDescriptor* value) {
    if (field->is_repeated()) {
      reflection_->AddEnum(message_, field, value);
    } else {
      reflection_->SetEnum(message_, field, value);
    }
  }
  void AddBool(const FieldDescriptor* field, bool value) {
    if (field->is_repeated()) {
      reflection_->AddBool(message_, field, value);
    } else {
      reflection_->SetBool(message_, field, value);
    }
  }
  // REQUIRES: value fits the field's type (signed).
  void AddSigned(const FieldDescriptor* field, int64_t value) {
    const bool repeated = field->is_repeated();
    if (field->cpp_type() == FieldDescriptor::CPPTYPE_INT32) {
      if (repeated) {
        reflection_->AddInt32(message_, field, static_cast<int32_t>(value));
      } else {
        reflection_->SetInt32(message_, field, static_cast<int32_t>(value));
      }
    } else if (repeated) {
      reflection_->AddInt64(message_, field, value);
    } else {
      reflection_->SetInt64(message_, field, value);
    }
  }
  // REQUIRES: value fits the field's type (unsigned).
  void AddUnsigned(const FieldDescriptor* field, uint64_t value) {
    const bool repeated = field->is_repeated();
    if (field->cpp_type() == FieldDescriptor::CPPTYPE_UINT32) {
      if (repeated) {
        reflection_->AddUInt32(message_, field, static_cast<uint32_t>(value));
      } else {
        reflection_->SetUInt32(message_, field, static_cast<uint32_t>(value));
      }
    } else if (repeated) {
      reflection_->AddUInt64(message_, field, value);
    } else {
      reflection_->SetUInt64(message_, field, value);
    }
  }
  Message* AddMessage(const FieldDescriptor* field) {
    return field->is_repeated() ? reflection_->AddMessage(message_, field)
                                : reflection_->MutableMessage(message_, field);
  }

 private:
  Message* const message_;
  const Reflection* const reflection_;
};

// Where the values parsed go: a message in binary form, appended to a
// string field by field as the text gives them (a repeated scalar
// unpacked), with no message made. It keeps what a message would know of
// its fields for the checks that parse makes (which singular fields are
// set, as HasField says it: a field without presence once it is not its
// default, but a map entry's key and value once given, as their class
// keeps has-bits; which required fields are given), by field index.
class WireTarget {
 public:
  // Whether it writes messages of a type: one of at most 64 fields (it
  // follows them by index) with no zigzag or fixed-width integer (which
  // Parley's records have none of).
  static bool Writes(const Descriptor* type) {
    if (type->field_count() > 64) return false;
    for (int i = 0; i < type->field_count(); ++i) {
      switch (type->field(i)->type()) {
        case FieldDescriptor::TYPE_SINT32:
        case FieldDescriptor::TYPE_SINT64:
        case FieldDescriptor::TYPE_FIXED32:
        case FieldDescriptor::TYPE_FIXED64:
        case FieldDescriptor::TYPE_SFIXED32:
        case FieldDescriptor::TYPE_SFIXED64:
          return false;
        default:
          break;
      }
    }
    return true;
  }

  // REQUIRES: Writes(descriptor).
  WireTarget(const Descriptor* descriptor, std::string* out) : descriptor_(descriptor), out_(out) {}

  const Descriptor* descriptor() const { return descriptor_; }
  bool Has(const FieldDescriptor* field) const { return (set_ >> field->index() & 1) != 0; }
  bool HasOneof(const google::protobuf::OneofDescriptor* oneof) const {
    for (int i = 0; i < oneof->field_count(); ++i) {
      if (Has(oneof->field(i))) return true;
    }
    return false;
  }
  // Whether every required field was given (IsInitialized, for this
  // message: its messages were checked as they closed).
  bool Complete() const {
    for (int i = 0; i < descriptor_->field_count(); ++i) {
      const FieldDescriptor* field = descriptor_->field(i);
      if (field->is_required() && !Has(field)) return false;
    }
    return true;
  }

  void AddString(const FieldDescriptor* field, const std::string& value) {
    AddBytes(field, value);
    Mark(field, !value.empty());
  }
  void AddEnum(const FieldDescriptor* field, const EnumValueDescriptor* value) {
    Tag(field);
    Put(WireFormatLite::WriteEnumNoTagToArray(value->number(), buffer_));
    Mark(field, value->number() != 0);
  }
  void AddBool(const FieldDescriptor* field, bool value) {
    Tag(field);
    Put(WireFormatLite::WriteBoolNoTagToArray(value, buffer_));
    Mark(field, value);
  }
  // int32 (sign-extended, as protobuf writes it) and int64.
  void AddSigned(const FieldDescriptor* field, int64_t value) {
    Tag(field);
    Put(WireFormatLite::WriteInt64NoTagToArray(value, buffer_));
    Mark(field, value != 0);
  }
  void AddUnsigned(const FieldDescriptor* field, uint64_t value) {
    Tag(field);
    Put(WireFormatLite::WriteUInt64NoTagToArray(value, buffer_));
    Mark(field, value != 0);
  }
  // A message, given in binary form.
  void AddMessage(const FieldDescriptor* field, absl::string_view bytes) {
    AddBytes(field, bytes);
    Mark(field, true);
  }

 private:
  void Tag(const FieldDescriptor* field) {
    Put(WireFormatLite::WriteTagToArray(
        field->number(),
        WireFormatLite::WireTypeForFieldType(static_cast<WireFormatLite::FieldType>(field->type())),
        buffer_));
  }
  void AddBytes(const FieldDescriptor* field, absl::string_view bytes) {
    Tag(field);
    Put(WireFormatLite::WriteUInt32NoTagToArray(static_cast<uint32_t>(bytes.size()), buffer_));
    out_->append(bytes.data(), bytes.size());
  }
  // Appends buffer_ up to end.
  void Put(const uint8_t* end) {
    out_->append(reinterpret_cast<const char*>(buffer_), static_cast<size_t>(end - buffer_));
  }
  // Sets the field as HasField would see it after this value.
  void Mark(const FieldDescriptor* field, bool not_default) {
    if (field->has_presence() || not_default || descriptor_->options().map_entry()) {
      set_ |= uint64_t{1} << field->index();
    }
  }

  const Descriptor* const descriptor_;
  std::string* const out_;
  uint64_t set_ = 0;
  uint8_t buffer_[16];  // a tag or a scalar (at most 10 bytes)
};

// One pass over the text, one field at a time. Every method returns false
// at the first thing outside the subset.
class FastPathParser {
 public:
  // Each value of diverted (if not null), a repeated message field of the
  // top-level message, goes to sink in binary form instead of into the
  // message.
  FastPathParser(absl::string_view text, const FieldDescriptor* diverted,
                 absl::FunctionRef<void(absl::string_view)> sink)
      : at_(text.data()), end_(text.data() + text.size()), diverted_(diverted), sink_(sink) {}

  // The fields of the target's message up to the end of the text (depth 0)
  // or up to the '}' that closes it (consumed).
  template <typename Target>
  bool ParseFields(Target& target, int depth) {
    const Descriptor* descriptor = target.descriptor();
    while (true) {
      SkipSpace();
      if (at_ == end_) return depth == 0;
      if (*at_ == '}') {
        ++at_;
        return depth > 0 && target.Complete();
      }
      absl::string_view name;
      if (!ReadIdentifier(&name)) return false;
      const FieldDescriptor* field = FindField(descriptor, name);
      if (field == nullptr || field->type() == FieldDescriptor::TYPE_GROUP ||
          field->options().deprecated()) {
        return false;
      }
      // TextFormat::Parser refuses these (FORBID_SINGULAR_OVERWRITES).
      if (!field->is_repeated() && target.Has(field)) return false;
      if (field->containing_oneof() != nullptr && target.HasOneof(field->containing_oneof())) {
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
        if (!ParseList(target, field, depth)) return false;
      } else if (!ParseValue(target, field, depth)) {
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
  template <typename Target>
  bool ParseList(Target& target, const FieldDescriptor* field, int depth) {
    ++at_;  // '['
    SkipSpace();
    if (at_ != end_ && *at_ == ']') {
      ++at_;
      return true;
    }
    while (true) {
      if (!ParseValue(target, field, depth)) return false;
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
  template <typename Target>
  bool ParseValue(Target& target, const FieldDescriptor* field, int depth) {
    if (field->cpp_type() != FieldDescriptor::CPPTYPE_MESSAGE) return ParseScalar(target, field);
    if (at_ == end_ || *at_ != '{' || depth + 1 >= kMaxFastPathDepth) return false;
    ++at_;
    if constexpr (std::is_same_v<Target, MessageTarget>) {
      if (depth > 0 || field != diverted_) {
        MessageTarget child(target.AddMessage(field));
        return ParseFields(child, depth + 1);
      }
    }
    // In binary form: into a buffer of its depth, then appended to its
    // parent's (or given to the sink).
    const Descriptor* type = field->message_type();
    if (!WireTarget::Writes(type)) return false;
    std::string& bytes = buffers_[static_cast<size_t>(depth) + 1];
    bytes.clear();
    WireTarget child(type, &bytes);
    // A message parses only up to 2 GiB (repeated negative numbers write
    // ~4 bytes for each byte of text).
    if (!ParseFields(child, depth + 1) || bytes.size() > kMaxMessageBytes) return false;
    if constexpr (std::is_same_v<Target, MessageTarget>) {
      sink_(bytes);
    } else {
      target.AddMessage(field, bytes);
    }
    return true;
  }

  template <typename Target>
  bool ParseScalar(Target& target, const FieldDescriptor* field) {
    if (at_ == end_) return false;
    switch (field->cpp_type()) {
      case FieldDescriptor::CPPTYPE_STRING: {
        std::string value;
        if (!ReadStrings(&value)) return false;
        target.AddString(field, std::move(value));
        return true;
      }
      case FieldDescriptor::CPPTYPE_ENUM: {
        absl::string_view name;
        if (!ReadIdentifier(&name)) return false;
        const EnumValueDescriptor* value = FindEnumValue(field->enum_type(), name);
        if (value == nullptr) return false;
        target.AddEnum(field, value);
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
        target.AddBool(field, value);
        return true;
      }
      case FieldDescriptor::CPPTYPE_INT32:
      case FieldDescriptor::CPPTYPE_INT64:
      case FieldDescriptor::CPPTYPE_UINT32:
      case FieldDescriptor::CPPTYPE_UINT64:
        return ParseInteger(target, field);
      default:  // floats and doubles
        return false;
    }
  }

  template <typename Target>
  bool ParseInteger(Target& target, const FieldDescriptor* field) {
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
    switch (field->cpp_type()) {
      case FieldDescriptor::CPPTYPE_INT32:
      case FieldDescriptor::CPPTYPE_INT64: {
        const bool is32 = field->cpp_type() == FieldDescriptor::CPPTYPE_INT32;
        const uint64_t max_positive =
            is32 ? std::numeric_limits<int32_t>::max() : std::numeric_limits<int64_t>::max();
        if (magnitude > max_positive + (negative ? 1 : 0)) return false;
        target.AddSigned(field, negative ? static_cast<int64_t>(0 - magnitude)
                                         : static_cast<int64_t>(magnitude));
        return true;
      }
      default: {  // unsigned
        if (negative) return false;
        if (field->cpp_type() == FieldDescriptor::CPPTYPE_UINT32 &&
            magnitude > std::numeric_limits<uint32_t>::max()) {
          return false;
        }
        target.AddUnsigned(field, magnitude);
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
  const FieldDescriptor* const diverted_;
  const absl::FunctionRef<void(absl::string_view)> sink_;
  // Messages in binary form being written, by depth.
  std::string buffers_[kMaxFastPathDepth + 1];
};

}  // namespace

bool ParseTextFormatFastPath(absl::string_view text, Message* message,
                             const FieldDescriptor* diverted,
                             absl::FunctionRef<void(absl::string_view)> sink) {
  // TextFormat refuses more than its int-sized input streams hold.
  if (text.size() > static_cast<size_t>(std::numeric_limits<int>::max())) return false;
  FastPathParser parser(text, diverted, sink);
  MessageTarget target(message);
  return parser.ParseFields(target, 0) && message->IsInitialized();
}

bool ParseTextFormatFastPath(absl::string_view text, Message* message) {
  return ParseTextFormatFastPath(text, message, nullptr, [](absl::string_view) {});
}

}  // namespace parley
