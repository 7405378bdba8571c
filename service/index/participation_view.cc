#include "service/index/participation_view.h"

namespace parley {

v1::Origin ParticipationView::origin() const {
  return event_.origin() == v1::ORIGIN_EXTRACTED || participant().origin() == v1::ORIGIN_EXTRACTED
             ? v1::ORIGIN_EXTRACTED
             : v1::ORIGIN_CURATED;
}

double ParticipationView::confidence() const {
  if (origin() != v1::ORIGIN_EXTRACTED) return 0;
  return participant().origin() == v1::ORIGIN_EXTRACTED ? participant().confidence()
                                                        : event_.confidence();
}

void ParticipationView::ToProto(v1::Participation* out) const {
  v1::Event event;
  event_.CopyTo(&event);
  v1::Participant* p = event.mutable_participants(participant_);
  out->Clear();
  out->mutable_person()->Swap(p->mutable_entity());
  out->set_allocated_event_id(event.release_id());
  out->set_allocated_event_title(event.release_title());
  out->set_event_kind(event.kind());
  out->mutable_event_date()->Swap(event.mutable_date());
  out->mutable_event_location()->Swap(event.mutable_location());
  out->mutable_event_topics()->Swap(event.mutable_topics());
  out->set_allocated_title(p->release_title());
  out->mutable_side()->Swap(p->mutable_side());  // set, if empty, as ever
  out->mutable_organization()->Swap(p->mutable_organization());
  out->set_function(p->function());
  out->mutable_evidence()->Swap(p->mutable_evidence());
  quotes_.Restore(out->mutable_evidence());
  out->set_origin(origin());
  if (origin() == v1::ORIGIN_EXTRACTED) out->set_confidence(confidence());
}

}  // namespace parley
