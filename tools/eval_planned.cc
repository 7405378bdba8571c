#include "tools/eval_planned.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <google/protobuf/text_format.h>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "parley/v1/knowledge_base.pb.h"

namespace parley::eval {
namespace fs = std::filesystem;

absl::StatusOr<std::vector<PlannedEvent>> ReadPlannedEvents(const std::string& data_dir) {
  std::vector<PlannedEvent> planned;
  const fs::path dir = fs::path(data_dir) / "planned";
  std::error_code error;
  if (!fs::is_directory(dir, error)) return planned;
  std::vector<fs::path> files;
  for (const fs::directory_entry& entry : fs::directory_iterator(dir, error)) {
    if (entry.path().extension() == ".textproto") files.push_back(entry.path());
  }
  if (error) return absl::InvalidArgumentError(absl::StrCat(dir.string(), ": ", error.message()));
  std::sort(files.begin(), files.end());
  for (const fs::path& path : files) {
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    v1::KnowledgeBase kb;
    if (!in || !google::protobuf::TextFormat::ParseFromString(text.str(), &kb)) {
      return absl::InvalidArgumentError(
          absl::StrCat(path.string(), ": not a parley.v1.KnowledgeBase in text format"));
    }
    for (const v1::EventRecord& record : kb.events()) {
      const std::string where = absl::StrCat(path.string(), ": planned event ", record.id());
      absl::StatusOr<v1::FuzzyDate> date = ParseFuzzyDate(record.date());
      if (!date.ok())
        return absl::InvalidArgumentError(absl::StrCat(where, ": ", date.status().message()));
      if (record.kind() == v1::EVENT_KIND_UNSPECIFIED || record.evidence().empty()) {
        return absl::InvalidArgumentError(absl::StrCat(where, ": needs a kind and a quote"));
      }
      PlannedEvent event{
          record.id(), record.evidence(0).document(), record.kind(), ToDayInterval(*date), {}};
      for (const v1::ParticipantRecord& p : record.participants()) {
        event.participants.push_back(p.entity());
      }
      planned.push_back(std::move(event));
    }
  }
  return planned;
}

}  // namespace parley::eval
