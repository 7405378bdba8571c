// A participation row (a person at an event) read in place from the event
// and its participant: the index keeps no v1::Participation messages, whose
// copies of the event's title, date, place, topics and evidence took 1.4 KB
// a row (210 MB at 1M entities). ToProto() makes the message for a response.
//
// Thread-safety: a view is a pair of pointers into a frozen Index; it lives
// no longer than the Index and is safe to read from any thread.
#ifndef PARLEY_SERVICE_INDEX_PARTICIPATION_VIEW_H_
#define PARLEY_SERVICE_INDEX_PARTICIPATION_VIEW_H_

#include <string>

#include "parley/v1/resources.pb.h"
#include "service/index/evidence_quotes.h"

namespace parley {

class ParticipationView {
 public:
  // REQUIRES: participant is one of event's participants; both outlive the
  // view. quotes restores the evidence's quotes in ToProto().
  ParticipationView(const v1::Event& event, const v1::Participant& participant,
                    EvidenceQuotes quotes)
      : event_(&event), participant_(&participant), quotes_(quotes) {}

  // The fields of v1::Participation, by the same names.
  const v1::EntityRef& person() const { return participant_->entity(); }
  const std::string& event_id() const { return event_->id(); }
  const std::string& event_title() const { return event_->title(); }
  v1::EventKind event_kind() const { return event_->kind(); }
  const v1::FuzzyDate& event_date() const { return event_->date(); }
  const v1::Location& event_location() const { return event_->location(); }
  const google::protobuf::RepeatedPtrField<std::string>& event_topics() const {
    return event_->topics();
  }
  const std::string& title() const { return participant_->title(); }
  const v1::EntityRef& side() const { return participant_->side(); }
  const v1::EntityRef& organization() const { return participant_->organization(); }
  v1::ParticipantFunction function() const { return participant_->function(); }
  // Without quotes (evidence_quotes.h); ToProto() restores them.
  const google::protobuf::RepeatedPtrField<v1::Evidence>& evidence() const {
    return participant_->evidence();
  }
  // EXTRACTED when the event or the participant was extracted, with the
  // participant's confidence if it was, else the event's.
  v1::Origin origin() const;
  double confidence() const;

  const v1::Event& event() const { return *event_; }
  const v1::Participant& participant() const { return *participant_; }

  // Replaces *out with the row as a message, quotes and all.
  void ToProto(v1::Participation* out) const;

 private:
  const v1::Event* event_;
  const v1::Participant* participant_;
  EvidenceQuotes quotes_;
};

}  // namespace parley

#endif  // PARLEY_SERVICE_INDEX_PARTICIPATION_VIEW_H_
