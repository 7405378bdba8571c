#include "service/corpus/text_format_fast_path.h"

#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "google/protobuf/descriptor.pb.h"
#include "google/protobuf/io/tokenizer.h"
#include "google/protobuf/struct.pb.h"
#include "google/protobuf/text_format.h"
#include "gtest/gtest.h"
#include "parley/v1/knowledge_base.pb.h"
#include "service/base/normalize.h"
#include "service/corpus/synthetic_corpus.h"

namespace parley {
namespace {

using google::protobuf::Message;
using namespace std::string_literals;
using google::protobuf::TextFormat;

std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

// As the corpus reads a file: a parser with an error collector (without
// one, protobuf logs every error, and crashes on input over 2 GiB).
class NoErrors : public google::protobuf::io::ErrorCollector {
 public:
  void AddError(int, google::protobuf::io::ColumnNumber, const std::string&) override {}
};
bool ParseWithTextFormat(const std::string& text, Message* message) {
  NoErrors errors;
  TextFormat::Parser parser;
  parser.RecordErrorsTo(&errors);
  return parser.ParseFromString(text, message);
}

// The fast path with each repeated message field of M's in turn diverted
// (its values given in binary form): it takes text exactly when the plain
// fast path does (taken), and, for text in UTF-8 (proto3 refuses to parse
// other strings: the corpus checks every file first), the values given,
// parsed and added back, make the message the plain fast path made (fast).
template <typename M>
void SameWhenDiverted(const std::string& text, bool taken, const M& fast) {
  const google::protobuf::Descriptor* type = M::descriptor();
  for (int i = 0; i < type->field_count(); ++i) {
    const google::protobuf::FieldDescriptor* field = type->field(i);
    if (!field->is_repeated() ||
        field->cpp_type() != google::protobuf::FieldDescriptor::CPPTYPE_MESSAGE) {
      continue;
    }
    M diverted;
    std::vector<std::string> values;
    const bool taken_diverted = ParseTextFormatFastPath(
        text, &diverted, field, [&values](absl::string_view v) { values.emplace_back(v); });
    EXPECT_EQ(taken_diverted, taken) << field->name() << " diverted:\n" << text;
    if (!taken || !taken_diverted || FirstInvalidUtf8(text) != absl::string_view::npos) {
      continue;
    }
    const google::protobuf::Reflection* reflection = diverted.GetReflection();
    EXPECT_EQ(reflection->FieldSize(diverted, field), 0) << text;
    for (const std::string& v : values) {
      EXPECT_TRUE(reflection->AddMessage(&diverted, field)->ParseFromString(v))
          << field->name() << " diverted:\n"
          << text;
    }
    EXPECT_EQ(diverted.SerializeAsString(), fast.SerializeAsString())
        << field->name() << " diverted:\n"
        << text;
  }
}

// Parses text both ways into fresh messages of prototype's type. Returns
// whether the fast path took it; when it did, TextFormat must accept the
// text and make the same message. The same with a field diverted.
template <typename M>
bool TakenAndSame(const std::string& text) {
  M fast;
  const bool taken = ParseTextFormatFastPath(text, &fast);
  M slow;
  const bool parsed = ParseWithTextFormat(text, &slow);
  if (taken) {
    EXPECT_TRUE(parsed) << "the fast path took what TextFormat refuses:\n" << text;
    EXPECT_EQ(fast.SerializeAsString(), slow.SerializeAsString()) << text;
  }
  SameWhenDiverted(text, taken, fast);
  return taken;
}

// Whether the fast path takes text, plain or with any field diverted.
template <typename M>
bool TakenAnyWay(const std::string& text) {
  M fast;
  bool taken = ParseTextFormatFastPath(text, &fast);
  const google::protobuf::Descriptor* type = M::descriptor();
  for (int i = 0; i < type->field_count(); ++i) {
    const google::protobuf::FieldDescriptor* field = type->field(i);
    if (field->is_repeated() &&
        field->cpp_type() == google::protobuf::FieldDescriptor::CPPTYPE_MESSAGE) {
      M diverted;
      taken |= ParseTextFormatFastPath(text, &diverted, field, [](absl::string_view) {});
    }
  }
  return taken;
}

TEST(TextFormatFastPathTest, TakesEveryKnowledgeBaseFileOfTheProject) {
  int files = 0;
  for (const char* root : {"data", "tests/corpora"}) {
    for (const auto& entry : std::filesystem::recursive_directory_iterator(
             std::filesystem::path(PARLEY_SOURCE_DIR) / root)) {
      const std::string path = entry.path().string();
      if (!absl::EndsWith(path, ".textproto") || !absl::StrContains(path, "/kb/")) continue;
      const std::string text = ReadFile(entry.path());
      v1::KnowledgeBase slow;
      // A few corpora are broken on purpose: the fast path must leave those.
      if (!ParseWithTextFormat(text, &slow)) {
        EXPECT_FALSE(TakenAnyWay<v1::KnowledgeBase>(text)) << path;
        continue;
      }
      EXPECT_TRUE(TakenAndSame<v1::KnowledgeBase>(text)) << path;
      ++files;
    }
  }
  EXPECT_GE(files, 40);
}

TEST(TextFormatFastPathTest, TakesTheGeneratedCorpus) {
  const std::string dir = ::testing::TempDir() + "/fast-path-corpus";
  std::filesystem::remove_all(dir);
  ASSERT_TRUE(WriteSyntheticCorpus(dir, 2000, 200).ok());
  int files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir + "/kb")) {
    EXPECT_TRUE(TakenAndSame<v1::KnowledgeBase>(ReadFile(entry.path()))) << entry.path();
    ++files;
  }
  EXPECT_GE(files, 3);
  std::filesystem::remove_all(dir);
}

TEST(TextFormatFastPathTest, TakesTheSubset) {
  for (const std::string text : {
           "",
           "  # only a comment\n",
           "entities { id: \"a\" kind: ENTITY_KIND_PERSON name: 'Ann' }",
           "entities: { id: \"a\"; name: \"b\", }",
           "entities {id:\"a\"aliases:\"x\"aliases:\"y\"}",
           "entities { name: \"one \" 'two' \"three\" }",
           "entities { name: \"q\\\"q \\'s\\\\ \\n\\t\\r\" }",
           "entities { evidence { document: \"d\" occurrence: -3 } }",
           "entities { evidence { occurrence: 2147483647 } evidence { occurrence: -2147483648 } }",
           "entities { evidence { occurrence: 0 } }",
           "entities { name: \"Łódź → नई दिल्ली\" } # trailing comment",
           "entities { name: \"tab\there\" }",
           "reviews { decision: ACCEPT }",
           "entities { aliases: [\"a\", 'b' \"c\" ,\"d\"] aliases: [] aliases: \"e\" }",
           "entities { aliases: [\"a\" \"b\"] }",
           "entities [ { id: \"a\" }, {} ] entities: [] entities: [{ id: \"b\" }]",
           "events { kind: EVENT_KIND_VISIT countries: [\"india\",\n  \"united-states\"] }",
           // A singular field without presence set to its default is not
           // yet set (HasField): it may be given again.
           "entities { id: \"\" id: \"a\" kind: ENTITY_KIND_UNSPECIFIED kind: ENTITY_KIND_PERSON }",
           "entities { evidence { occurrence: 0 occurrence: 5 } } entities { } entities {}",
       }) {
    EXPECT_TRUE(TakenAndSame<v1::KnowledgeBase>(text)) << text;
  }
  // Other kinds of field (proto2 with presence, bools, 64-bit integers).
  for (const std::string text : {
           "java_package: \"p\" java_multiple_files: true optimize_for: CODE_SIZE",
           "cc_enable_arenas: t deprecated: False py_generic_services: f",
       }) {
    EXPECT_TRUE(TakenAndSame<google::protobuf::FileOptions>(text)) << text;
  }
  for (const std::string text : {
           "positive_int_value: 18446744073709551615 negative_int_value: -9223372036854775808",
           "name { name_part: \"a\" is_extension: true } identifier_value: \"x\"",
           "name [{ name_part: \"a\" is_extension: false }, { is_extension: t name_part: \"\" }]",
       }) {
    EXPECT_TRUE(TakenAndSame<google::protobuf::UninterpretedOption>(text)) << text;
  }
  // Messages within messages of a repeated field, a oneof, a map.
  for (const std::string text : {
           "values { string_value: \"a\" } values { bool_value: false } values { }",
           "values { list_value { values { null_value: NULL_VALUE } values [{}, {}] } }",
           "values { struct_value { fields { key: \"k\" value { bool_value: true } } } }",
       }) {
    EXPECT_TRUE(TakenAndSame<google::protobuf::ListValue>(text)) << text;
  }
}

// What the fast path leaves to TextFormat, whether TextFormat accepts it or
// not: nothing here may be taken.
TEST(TextFormatFastPathTest, LeavesTheRestToTextFormat) {
  for (const std::string& text : std::initializer_list<std::string>{
           "entities < id: \"a\" >",
           "entities { aliases: [\"a\", ] }",
           "entities { id: [\"a\"] }",
           "entities { aliases [\"a\"] }",
           "entities { name: \"\\351\" }",
           "entities { name: \"\\xE9\" }",
           "entities { name: \"\\u00e9\" }",
           "entities { name: \"\\a\" }",
           "entities { kind: 1 }",
           "entities { evidence { occurrence: 0x10 } }",
           "entities { evidence { occurrence: 010 } }",
           "entities { evidence { occurrence: - 3 } }",
           "entities { evidence { occurrence: 1.0 } }",
           "entities { evidence { occurrence: 2147483648 } }",
           "entities { evidence { occurrence: -2147483649 } }",
           "entities { evidence { occurrence: 3x } }",
           "entities { id: \"a\" id: \"b\" }",
           "entities { kind: ENTITY_KIND_NOT_THERE }",
           "entities { not_a_field: \"x\" }",
           "[parley.ext] { }",
           "entities { id \"a\" }",
           "entities { id: \"a\" ",
           "entities { id: \"a\" } }",
           "entities { id: \"a\nb\" }",
           "entities { id: \"a",
           "entities { id: \"a\" };;",
           "entities { id: a }",
           "entities { positions: \"x\" }",
           "entities { id { } }",
           "1: \"x\"",
           "entities /* c */ { }",
           "\xEF\xBB\xBF"
           "entities { }",
           "entities { } # a\0b\n"s,
           "entities { id: \"a\0b\" }"s,
           "entities { } \x01",
       }) {
    EXPECT_FALSE(TakenAnyWay<v1::KnowledgeBase>(text)) << text;
  }
  for (const std::string text : {
           "java_multiple_files: 1", "java_multiple_files: yes",
           "java_package: \"a\" java_package: \"b\"",
           "java_generate_equals_and_hash: true",  // deprecated: TextFormat warns
       }) {
    EXPECT_FALSE(TakenAnyWay<google::protobuf::FileOptions>(text)) << text;
  }
  for (const std::string text : {
           "positive_int_value: -1",
           "positive_int_value: 18446744073709551616",
           "double_value: 1.5",
           // A required field left out (proto2), in a message of a
           // repeated field.
           "name { name_part: \"a\" }",
           "name { is_extension: true }",
           "name { name_part: \"a\" is_extension: true name_part: \"b\" }",
       }) {
    EXPECT_FALSE(TakenAnyWay<google::protobuf::UninterpretedOption>(text)) << text;
  }
  // A oneof's second member (TextFormat refuses it).
  google::protobuf::Value value;
  EXPECT_FALSE(ParseTextFormatFastPath("string_value: \"a\" bool_value: true", &value));
  // A singular message given twice, in a message of a repeated field.
  EXPECT_TRUE(TakenAndSame<google::protobuf::FileDescriptorSet>(
      "file { name: \"a\" options { java_package: \"p\" } } file { options { } }"));
  EXPECT_FALSE(TakenAnyWay<google::protobuf::FileDescriptorSet>(
      "file { options { java_package: \"p\" } options { } }"));
  // A oneof's second member in a message of a repeated field, and in a
  // map's entry.
  EXPECT_FALSE(
      TakenAnyWay<google::protobuf::ListValue>("values { string_value: \"a\" bool_value: true }"));
  EXPECT_FALSE(TakenAnyWay<google::protobuf::Struct>(
      "fields { key: \"k\" value { string_value: \"a\" bool_value: true } }"));
  // Nesting beyond the fast path's depth.
  std::string deep;
  for (int i = 0; i < kMaxFastPathDepth; ++i) deep += "struct_value { fields { key: \"k\" value { ";
  google::protobuf::Value nested;
  EXPECT_FALSE(ParseTextFormatFastPath(deep, &nested));
  // Messages nested to the depth taken, and one deeper, each closed.
  auto nested_lists = [](int depth) {
    std::string text;
    for (int d = 0; d < depth; ++d) text += d % 2 == 0 ? "values { " : "list_value { ";
    return text + std::string(static_cast<size_t>(depth), '}');
  };
  EXPECT_TRUE(TakenAndSame<google::protobuf::ListValue>(nested_lists(kMaxFastPathDepth - 1)));
  EXPECT_FALSE(TakenAnyWay<google::protobuf::ListValue>(nested_lists(kMaxFastPathDepth)));
  // A map entry's key or value given twice (its class has has-bits: set
  // even to the default, they are set), at the top and in a message of a
  // repeated field.
  for (const std::string text : {
           "fields { key: \"\" key: \"k\" }",
           "fields { key: \"k\" value { } value { } }",
       }) {
    EXPECT_FALSE(TakenAnyWay<google::protobuf::Struct>(text)) << text;
    EXPECT_FALSE(TakenAnyWay<google::protobuf::ListValue>(
        absl::StrCat("values { struct_value { ", text, " } }")))
        << text;
  }
}

// Deterministic mutations of valid files (the bundled events, and the
// entities, which a corpus read diverts): whatever the fast path takes,
// TextFormat takes too, with the same message (the fuzzer, fuzz/
// text_format_fuzzer.cc, does the same for longer).
TEST(TextFormatFastPathTest, MutatedTextsAreTakenOnlyWhenTextFormatAgrees) {
  for (const char* file : {"data/kb/events.textproto", "data/kb/entities.textproto"}) {
    const std::string original = ReadFile(std::filesystem::path(PARLEY_SOURCE_DIR) / file);
    ASSERT_FALSE(original.empty()) << file;
    const std::string alphabet = "{}<>[]:;,#\"'\\ \n\t-0123456789.xabEIN_";
    std::mt19937 random(17);
    int taken = 0;
    int left = 0;
    for (int round = 0; round < 2000; ++round) {
      std::string text = original;
      const int edits = 1 + static_cast<int>(random() % 3);
      for (int e = 0; e < edits; ++e) {
        const size_t at = random() % text.size();
        switch (random() % 3) {
          case 0:
            text[at] = alphabet[random() % alphabet.size()];
            break;
          case 1:
            text.insert(at, 1, alphabet[random() % alphabet.size()]);
            break;
          default:
            text.erase(at, 1 + random() % 4);
            break;
        }
      }
      if (TakenAndSame<v1::KnowledgeBase>(text)) {
        ++taken;
      } else {
        ++left;
      }
    }
    // Both outcomes are exercised (most edits land in a quote and change
    // only its text).
    EXPECT_GT(taken, 200) << file;
    EXPECT_GT(left, 200) << file;
  }
}

}  // namespace
}  // namespace parley
