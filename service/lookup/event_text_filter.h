// The text dimensions of an EventFilter: words of the title and a place.
// Title words must all occur among the title's words (normalized: case,
// accents and punctuation do not matter). A place matches an event held
// there or at a place within it: its words occur, in order, among the words
// of the event's place or city ("New Delhi" matches "Hyderabad House, New
// Delhi"); a place that is a country's name or alias ("India", "USA")
// matches the events located in that country.
//
// Build-then-use: Make() checks the fields; Matches() is const and safe to
// call from any thread.
#ifndef PARLEY_SERVICE_LOOKUP_EVENT_TEXT_FILTER_H_
#define PARLEY_SERVICE_LOOKUP_EVENT_TEXT_FILTER_H_

#include <string>
#include <vector>

#include "absl/functional/function_ref.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "parley/v1/lookup_service.pb.h"
#include "service/index/index.h"

namespace parley {

class EventTextFilter {
 public:
  // field names the filter in messages ("filter"). Errors: INVALID_ARGUMENT
  // for a value over 200 bytes, with control characters, or with no words.
  [[nodiscard]] static absl::StatusOr<EventTextFilter> Make(absl::string_view field,
                                                            const v1::EventFilter& filter,
                                                            const Index& index);

  // True when neither title_words nor place is set.
  bool empty() const { return title_words_.empty() && place_words_.empty(); }
  bool Matches(EventView event) const;

  // OK unless the filter names a place (not a country) that no event of
  // index that shown() accepts is held at: then INVALID_ARGUMENT
  // UNKNOWN_PLACE, naming the places those events are held at, most events
  // first. For a filter whose events are none: it walks every event.
  absl::Status CheckPlaceIsKnown(absl::string_view field, absl::string_view place,
                                 const Index& index,
                                 absl::FunctionRef<bool(EventView)> shown) const;

 private:
  EventTextFilter() = default;

  std::vector<std::string> title_words_;
  std::vector<std::string> place_words_;
  std::string country_id_;  // set when the place names a country
};

}  // namespace parley

#endif  // PARLEY_SERVICE_LOOKUP_EVENT_TEXT_FILTER_H_
