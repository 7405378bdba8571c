// A participation row (a person at an event) read in place from the event
// store: the index keeps no v1::Participation messages, whose copies of the
// event's title, date, place, topics and evidence took 1.4 KB a row (210 MB
// at 1M entities). ToProto() makes the message for a response.
//
// Thread-safety: a view is an event view and a number; it lives no longer
// than the Index and is safe to read from any thread.
#ifndef PARLEY_SERVICE_INDEX_PARTICIPATION_VIEW_H_
#define PARLEY_SERVICE_INDEX_PARTICIPATION_VIEW_H_

#include <string>

#include "parley/v1/resources.pb.h"
#include "service/index/event_store.h"
#include "service/index/evidence_quotes.h"

namespace parley {

class ParticipationView {
 public:
  // REQUIRES: 0 <= participant < event.participant_count(). quotes
  // restores the evidence's quotes in ToProto().
  ParticipationView(EventView event, int32_t participant, EvidenceQuotes quotes)
      : event_(event), participant_(participant), quotes_(quotes) {}

  // The fields of v1::Participation, by the same names (the rest, the
  // location and the evidence, only in ToProto()).
  EventRefView person() const { return participant().entity(); }
  absl::string_view event_id() const { return event_.id(); }
  absl::string_view event_title() const { return event_.title(); }
  v1::EventKind event_kind() const { return event_.kind(); }
  const v1::FuzzyDate& event_date() const { return event_.date(); }
  absl::Span<const absl::string_view> event_topics() const { return event_.topics(); }
  absl::string_view title() const { return participant().title(); }
  EventRefView side() const { return participant().side(); }
  EventRefView organization() const { return participant().organization(); }
  v1::ParticipantFunction function() const { return participant().function(); }
  // EXTRACTED when the event or the participant was extracted, with the
  // participant's confidence if it was, else the event's.
  v1::Origin origin() const;
  double confidence() const;

  EventView event() const { return event_; }
  EventParticipantView participant() const { return event_.participant(participant_); }
  // Its participant's number in the event.
  int32_t participant_number() const { return participant_; }

  // Replaces *out with the row as a message, quotes and all.
  void ToProto(v1::Participation* out) const;

 private:
  EventView event_;
  int32_t participant_;
  EvidenceQuotes quotes_;
};

}  // namespace parley

#endif  // PARLEY_SERVICE_INDEX_PARTICIPATION_VIEW_H_
