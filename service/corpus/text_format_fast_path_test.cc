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

// Parses text both ways into fresh messages of prototype's type. Returns
// whether the fast path took it; when it did, TextFormat must accept the
// text and make the same message.
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
        v1::KnowledgeBase fast;
        EXPECT_FALSE(ParseTextFormatFastPath(text, &fast)) << path;
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
       }) {
    EXPECT_TRUE(TakenAndSame<google::protobuf::UninterpretedOption>(text)) << text;
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
    v1::KnowledgeBase fast;
    EXPECT_FALSE(ParseTextFormatFastPath(text, &fast)) << text;
  }
  for (const std::string text : {
           "java_multiple_files: 1", "java_multiple_files: yes",
           "java_package: \"a\" java_package: \"b\"",
           "java_generate_equals_and_hash: true",  // deprecated: TextFormat warns
       }) {
    google::protobuf::FileOptions fast;
    EXPECT_FALSE(ParseTextFormatFastPath(text, &fast)) << text;
  }
  for (const std::string text : {
           "positive_int_value: -1",
           "positive_int_value: 18446744073709551616",
           "double_value: 1.5",
       }) {
    google::protobuf::UninterpretedOption fast;
    EXPECT_FALSE(ParseTextFormatFastPath(text, &fast)) << text;
  }
  // A oneof's second member (TextFormat refuses it).
  google::protobuf::Value value;
  EXPECT_FALSE(ParseTextFormatFastPath("string_value: \"a\" bool_value: true", &value));
  // Nesting beyond the fast path's depth.
  std::string deep;
  for (int i = 0; i < kMaxFastPathDepth; ++i) deep += "struct_value { fields { key: \"k\" value { ";
  google::protobuf::Value nested;
  EXPECT_FALSE(ParseTextFormatFastPath(deep, &nested));
}

// Deterministic mutations of a valid file: whatever the fast path takes,
// TextFormat takes too, with the same message (the fuzzer, fuzz/
// text_format_fuzzer.cc, does the same for longer).
TEST(TextFormatFastPathTest, MutatedTextsAreTakenOnlyWhenTextFormatAgrees) {
  const std::string original =
      ReadFile(std::filesystem::path(PARLEY_SOURCE_DIR) / "data/kb/events.textproto");
  ASSERT_FALSE(original.empty());
  const std::string alphabet = "{}<>[]:;,#\"'\\ \n\t-0123456789.xabEIN_";
  std::mt19937 random(17);
  int taken = 0;
  int left = 0;
  for (int round = 0; round < 3000; ++round) {
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
  // Both outcomes are exercised (most edits land in a quote and change only
  // its text).
  EXPECT_GT(taken, 300);
  EXPECT_GT(left, 300);
}

}  // namespace
}  // namespace parley
