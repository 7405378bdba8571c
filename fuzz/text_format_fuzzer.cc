// The text form's fast path (service/corpus/text_format_fast_path.h) against
// protobuf's TextFormat::Parser on arbitrary text: what the fast path takes,
// TextFormat must take too and make the same message of; with the entity
// records diverted (as a corpus read packs them), it takes exactly the same
// texts, and for text in UTF-8 the records given parse back into that
// message.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "fuzz/fuzz_common.h"
#include "google/protobuf/io/tokenizer.h"
#include "google/protobuf/text_format.h"
#include "parley/v1/knowledge_base.pb.h"
#include "service/base/normalize.h"
#include "service/corpus/text_format_fast_path.h"

extern "C" int LLVMFuzzerInitialize(int* /*argc*/, char*** /*argv*/) {
  parley::fuzz::Quiet();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  parley::v1::KnowledgeBase fast;
  const bool taken = parley::ParseTextFormatFastPath(text, &fast);
  // The same with the entity records diverted: taken exactly when the plain
  // parse takes the text.
  parley::v1::KnowledgeBase diverted;
  std::vector<std::string> records;
  const auto* entities = parley::v1::KnowledgeBase::descriptor()->FindFieldByNumber(
      parley::v1::KnowledgeBase::kEntitiesFieldNumber);
  const bool taken_diverted = parley::ParseTextFormatFastPath(
      text, &diverted, entities, [&](absl::string_view r) { records.emplace_back(r); });
  if (taken != taken_diverted) __builtin_trap();
  if (!taken) return 0;
  // As the corpus reads a file: with an error collector.
  struct : google::protobuf::io::ErrorCollector {
    void AddError(int, google::protobuf::io::ColumnNumber, const std::string&) override {}
  } errors;
  google::protobuf::TextFormat::Parser parser;
  parser.RecordErrorsTo(&errors);
  parley::v1::KnowledgeBase slow;
  if (!parser.ParseFromString(text, &slow)) __builtin_trap();
  if (fast.SerializeAsString() != slow.SerializeAsString()) __builtin_trap();
  if (diverted.entities_size() != 0) __builtin_trap();
  // The records parse back (in UTF-8: proto3 parses no other strings, and
  // the corpus checks every file first) into the same message.
  if (parley::FirstInvalidUtf8(text) != absl::string_view::npos) return 0;
  for (const std::string& r : records) {
    if (!diverted.add_entities()->ParseFromString(r)) __builtin_trap();
  }
  if (diverted.SerializeAsString() != slow.SerializeAsString()) __builtin_trap();
  return 0;
}
