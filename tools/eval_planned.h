// The plans an evaluation set's articles tell of ("will visit on Friday",
// "the next round will be held later this year"), as its author annotated
// them in planned/*.textproto (knowledge-base events kept out of the corpus,
// dated forward from publication). The extractor keeps the plans it reads,
// marked planned; tools/extract_eval scores those against these instead of
// counting each as a false held event.
//
// Ownership: values only.
// Errors: ReadPlannedEvents returns INVALID_ARGUMENT naming the file (and
// the event) that does not parse or has no date, kind or quote.
// Thread-safety: pure functions.
#ifndef PARLEY_TOOLS_EVAL_PLANNED_H_
#define PARLEY_TOOLS_EVAL_PLANNED_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "parley/v1/resources.pb.h"
#include "service/base/dates.h"

namespace parley::eval {

struct PlannedEvent {
  std::string id;
  std::string document_id;  // the article whose quote tells of it
  v1::EventKind kind = v1::EVENT_KIND_UNSPECIFIED;
  DayInterval days;
  std::vector<std::string> participants;  // person entity ids
};

// The planned events of data_dir/planned/*.textproto, in file and record
// order; none when the directory does not exist.
absl::StatusOr<std::vector<PlannedEvent>> ReadPlannedEvents(const std::string& data_dir);

}  // namespace parley::eval

#endif  // PARLEY_TOOLS_EVAL_PLANNED_H_
