#include "service/index/participation_view.h"

namespace parley {

v1::Origin ParticipationView::origin() const {
  return event_->origin() == v1::ORIGIN_EXTRACTED || participant_->origin() == v1::ORIGIN_EXTRACTED
             ? v1::ORIGIN_EXTRACTED
             : v1::ORIGIN_CURATED;
}

double ParticipationView::confidence() const {
  if (origin() != v1::ORIGIN_EXTRACTED) return 0;
  return participant_->origin() == v1::ORIGIN_EXTRACTED ? participant_->confidence()
                                                        : event_->confidence();
}

void ParticipationView::ToProto(v1::Participation* out) const {
  out->Clear();
  *out->mutable_person() = person();
  out->set_event_id(event_id());
  out->set_event_title(event_title());
  out->set_event_kind(event_kind());
  *out->mutable_event_date() = event_date();
  *out->mutable_event_location() = event_location();
  *out->mutable_event_topics() = event_topics();
  out->set_title(title());
  *out->mutable_side() = side();
  *out->mutable_organization() = organization();
  out->set_function(function());
  *out->mutable_evidence() = evidence();
  quotes_.Restore(out->mutable_evidence());
  out->set_origin(origin());
  if (origin() == v1::ORIGIN_EXTRACTED) out->set_confidence(confidence());
}

}  // namespace parley
