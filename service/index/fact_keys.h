// The keys that name extracted facts for review (knowledge_base.proto's
// ReviewRecord.fact), made and read in one place: "entity:<id>",
// "position:<entity id>:<title>", "event:<id>",
// "participant:<event id>:<person id>". Ids hold no ':'; a title may.
//
// Thread-safety: pure functions.
#ifndef PARLEY_SERVICE_INDEX_FACT_KEYS_H_
#define PARLEY_SERVICE_INDEX_FACT_KEYS_H_

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/string_view.h"

namespace parley {

inline std::string EntityFactKey(absl::string_view id) { return absl::StrCat("entity:", id); }
inline std::string PositionFactKey(absl::string_view entity, absl::string_view title) {
  return absl::StrCat("position:", entity, ":", title);
}
inline std::string EventFactKey(absl::string_view id) { return absl::StrCat("event:", id); }
inline std::string ParticipantFactKey(absl::string_view event, absl::string_view person) {
  return absl::StrCat("participant:", event, ":", person);
}

// A key split into its kind ("entity", "position", "event", "participant")
// and its one or two parts; kind "" when key is none of the four forms.
struct ParsedFactKey {
  std::string kind;
  std::string first;
  std::string second;
};

inline ParsedFactKey ParseFactKey(absl::string_view key) {
  const std::vector<std::string> parts = absl::StrSplit(key, absl::MaxSplits(':', 2));
  const bool two = parts.size() == 2 && (parts[0] == "entity" || parts[0] == "event");
  const bool three = parts.size() == 3 && (parts[0] == "position" || parts[0] == "participant");
  if (!two && !three) return {};
  return {parts[0], parts[1], three ? parts[2] : ""};
}

}  // namespace parley

#endif  // PARLEY_SERVICE_INDEX_FACT_KEYS_H_
