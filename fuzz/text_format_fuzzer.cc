// The text form's fast path (service/corpus/text_format_fast_path.h) against
// protobuf's TextFormat::Parser on arbitrary text: what the fast path takes,
// TextFormat must take too and make the same message of.
#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz/fuzz_common.h"
#include "google/protobuf/io/tokenizer.h"
#include "google/protobuf/text_format.h"
#include "parley/v1/knowledge_base.pb.h"
#include "service/corpus/text_format_fast_path.h"

extern "C" int LLVMFuzzerInitialize(int* /*argc*/, char*** /*argv*/) {
  parley::fuzz::Quiet();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  parley::v1::KnowledgeBase fast;
  if (!parley::ParseTextFormatFastPath(text, &fast)) return 0;
  // As the corpus reads a file: with an error collector.
  struct : google::protobuf::io::ErrorCollector {
    void AddError(int, google::protobuf::io::ColumnNumber, const std::string&) override {}
  } errors;
  google::protobuf::TextFormat::Parser parser;
  parser.RecordErrorsTo(&errors);
  parley::v1::KnowledgeBase slow;
  if (!parser.ParseFromString(text, &slow)) __builtin_trap();
  if (fast.SerializeAsString() != slow.SerializeAsString()) __builtin_trap();
  return 0;
}
