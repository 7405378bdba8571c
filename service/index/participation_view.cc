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
  v1::Participant p;  // only this participant's message is read, not the event's
  participant().CopyTo(&p);
  out->Clear();
  // Set, if empty, as ever: person, event date and location, side and
  // organization.
  out->mutable_person()->Swap(p.mutable_entity());
  out->set_event_id(std::string(event_.id()));
  out->set_event_title(std::string(event_.title()));
  out->set_event_kind(event_.kind());
  *out->mutable_event_date() = event_.date();
  v1::Location* location = out->mutable_event_location();
  if (event_.has_location()) event_.CopyLocationTo(location);
  for (const absl::string_view t : event_.topics()) out->add_event_topics(std::string(t));
  out->set_allocated_title(p.release_title());
  out->mutable_side()->Swap(p.mutable_side());
  out->mutable_organization()->Swap(p.mutable_organization());
  out->set_function(p.function());
  out->mutable_evidence()->Swap(p.mutable_evidence());
  quotes_.Restore(out->mutable_evidence());
  out->set_origin(origin());
  if (origin() == v1::ORIGIN_EXTRACTED) out->set_confidence(confidence());
}

}  // namespace parley
