// gen_corpus: writes a deterministic synthetic corpus in Parley's format (see
// synthetic_corpus.h for what it contains).
//
//   gen_corpus --out=/tmp/corpus-100k --entities=100000 [--seed=1]
//              [--kb_format=binary]
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/flags/usage.h"
#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "google/protobuf/text_format.h"
#include "parley/v1/knowledge_base.pb.h"
#include "service/base/atomic_file.h"
#include "service/corpus/corpus.h"
#include "service/corpus/synthetic_corpus.h"

ABSL_FLAG(std::string, out, "", "Directory to write (created; must not exist or be empty)");
ABSL_FLAG(int64_t, entities, 10000, "Number of entities (at least 100)");
ABSL_FLAG(uint64_t, seed, 1, "Random seed");
ABSL_FLAG(std::string, kb_format, "text",
          "text: kb/*.textproto; binary: kb/*.binpb, the same records in protobuf's binary "
          "form (docs/DATA_FORMAT.md), which a server reads a little faster");

namespace {

namespace fs = std::filesystem;

// Rewrites every kb/*.textproto of dir as kb/*.binpb (the same
// parley.v1.KnowledgeBase, serialized) and removes the text file.
absl::Status ConvertKnowledgeBaseToBinary(const std::string& dir) {
  std::vector<fs::path> texts;
  std::error_code ec;
  for (const fs::directory_entry& entry : fs::directory_iterator(fs::path(dir) / "kb", ec)) {
    if (entry.path().extension() == std::string(parley::kTextKnowledgeBaseExtension)) {
      texts.push_back(entry.path());
    }
  }
  if (ec) return absl::InternalError(absl::StrCat(dir, "/kb: ", ec.message()));
  for (const fs::path& text_path : texts) {
    std::ifstream in(text_path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    parley::v1::KnowledgeBase kb;
    if (!in || !google::protobuf::TextFormat::ParseFromString(text.str(), &kb)) {
      return absl::InternalError(absl::StrCat(text_path.string(), ": cannot read it back"));
    }
    fs::path binary_path = text_path;
    binary_path.replace_extension(std::string(parley::kBinaryKnowledgeBaseExtension));
    if (absl::Status written =
            parley::WriteFileAtomically(binary_path.string(), kb.SerializeAsString());
        !written.ok()) {
      return written;
    }
    if (!fs::remove(text_path, ec)) {
      return absl::InternalError(absl::StrCat(text_path.string(), ": ", ec.message()));
    }
  }
  return absl::OkStatus();
}

}  // namespace

int main(int argc, char** argv) {
  absl::SetProgramUsageMessage(
      "Writes a deterministic synthetic Parley corpus.\n"
      "  gen_corpus --out=DIR --entities=N [--seed=S] [--kb_format=text|binary]");
  absl::ParseCommandLine(argc, argv);
  const std::string format = absl::GetFlag(FLAGS_kb_format);
  if (format != "text" && format != "binary") {
    std::cerr << "gen_corpus: --kb_format is text or binary, not \"" << format << "\"\n";
    return 2;
  }
  absl::StatusOr<parley::SyntheticCorpusInfo> info = parley::WriteSyntheticCorpus(
      absl::GetFlag(FLAGS_out), absl::GetFlag(FLAGS_entities), absl::GetFlag(FLAGS_seed));
  if (!info.ok()) {
    std::cerr << "gen_corpus: " << info.status().message() << "\n";
    return 2;
  }
  if (format == "binary") {
    if (absl::Status converted = ConvertKnowledgeBaseToBinary(absl::GetFlag(FLAGS_out));
        !converted.ok()) {
      std::cerr << "gen_corpus: " << converted.message() << "\n";
      return 2;
    }
  }
  std::printf(
      "gen_corpus: wrote %s: %zu countries, %zu organizations, %zu people, "
      "%zu documents, %zu events\n",
      absl::GetFlag(FLAGS_out).c_str(), info->countries, info->organizations, info->people,
      info->documents, info->events);
  return 0;
}
