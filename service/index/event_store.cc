#include "service/index/event_store.h"

#include <cstdio>
#include <cstdlib>
#include <utility>

namespace parley {

absl::string_view EventStore::Builder::Intern(absl::string_view s) {
  if (s.empty()) return absl::string_view();
  auto it = interned_.find(s);
  if (it != interned_.end()) return it->second;
  const absl::string_view copy = store_.strings_.Add(s);
  interned_.emplace(copy, copy);
  return copy;
}

uint32_t EventStore::Builder::Ref(const v1::EntityRef& ref) {
  const absl::string_view id = Intern(ref.id()), name = Intern(ref.name());
  auto [it, added] = ref_numbers_.try_emplace(
      std::make_tuple(id.data(), name.data(), static_cast<int>(ref.kind())), 0);
  if (added) {
    if (store_.refs_.empty()) store_.refs_.emplace_back();  // 0: not set
    it->second = static_cast<uint32_t>(store_.refs_.size());
    store_.refs_.emplace_back(id, name, ref.kind());
  }
  return it->second;
}

void EventStore::Builder::Add(v1::Event* event) {
  if (store_.refs_.empty()) store_.refs_.emplace_back();
  Row row;
  row.id = store_.strings_.Add(event->id());
  row.title = store_.strings_.Add(event->title());
  row.has_location = event->has_location();
  const v1::Location& location = event->location();
  row.place = Intern(location.place());
  row.city = Intern(location.city());
  row.location_country = location.has_country() ? Ref(location.country()) : 0;
  row.countries_begin = static_cast<uint32_t>(store_.ref_lists_.size());
  for (const v1::EntityRef& c : event->countries()) store_.ref_lists_.push_back(Ref(c));
  row.country_count = static_cast<uint32_t>(event->countries_size());
  row.organizations_begin = static_cast<uint32_t>(store_.ref_lists_.size());
  for (const v1::EntityRef& o : event->organizations()) store_.ref_lists_.push_back(Ref(o));
  row.organization_count = static_cast<uint32_t>(event->organizations_size());
  row.topics_begin = static_cast<uint32_t>(store_.topics_.size());
  for (const std::string& t : event->topics()) store_.topics_.push_back(Intern(t));
  row.topic_count = static_cast<uint32_t>(event->topics_size());
  row.participants_begin = static_cast<uint32_t>(store_.participants_.size());
  for (v1::Participant& p : *event->mutable_participants()) {
    ParticipantRow& q = store_.participants_.emplace_back();
    q.title = Intern(p.title());
    q.entity = p.has_entity() ? Ref(p.entity()) : 0;
    q.side = p.has_side() ? Ref(p.side()) : 0;
    q.organization = p.has_organization() ? Ref(p.organization()) : 0;
    q.confidence = p.confidence();
    q.function = static_cast<uint8_t>(p.function());
    q.origin = static_cast<uint8_t>(p.origin());
    // What is left: evidence and review.
    p.clear_title();
    p.clear_entity();
    p.clear_side();
    p.clear_organization();
    p.clear_confidence();
    p.clear_function();
    p.clear_origin();
    scratch_.clear();
    p.SerializeToString(&scratch_);
    q.rest_begin = store_.rests_.size();
    q.rest_size = static_cast<uint32_t>(scratch_.size());
    store_.rests_.append(scratch_);
  }
  row.participant_count = static_cast<uint32_t>(event->participants_size());
  row.confidence = event->confidence();
  row.kind = static_cast<uint8_t>(event->kind());
  row.origin = static_cast<uint8_t>(event->origin());
  row.planned = event->planned();
  row.has_date = event->has_date();
  store_.dates_.push_back(event->date());
  event->clear_id();
  event->clear_title();
  event->clear_location();
  event->clear_countries();
  event->clear_organizations();
  event->clear_topics();
  event->clear_confidence();
  event->clear_kind();
  event->clear_origin();
  event->clear_planned();
  event->clear_date();
  event->clear_participants();
  scratch_.clear();
  event->SerializeToString(&scratch_);
  row.rest_begin = store_.rests_.size();
  row.rest_size = static_cast<uint32_t>(scratch_.size());
  store_.rests_.append(scratch_);
  store_.rows_.push_back(row);
}

EventStore EventStore::Builder::Finish() && {
  store_.rows_.shrink_to_fit();
  store_.participants_.shrink_to_fit();
  store_.dates_.shrink_to_fit();
  store_.refs_.shrink_to_fit();
  store_.ref_lists_.shrink_to_fit();
  store_.topics_.shrink_to_fit();
  store_.rests_.shrink_to_fit();
  interned_.clear();
  ref_numbers_.clear();
  return std::move(store_);
}

EventStore EventStore::Freeze(std::vector<v1::Event> events) {
  Builder builder;
  for (v1::Event& e : events) {
    builder.Add(&e);
    v1::Event().Swap(&e);  // freed as taken: the store grows while they go
  }
  return std::move(builder).Finish();
}

std::string EventStore::Serialized(int32_t e) const {
  v1::Event event;
  (*this)[e].CopyTo(&event);
  return event.SerializeAsString();
}

void EventRefView::CopyTo(v1::EntityRef* out) const {
  out->set_id(std::string(id_));
  out->set_name(std::string(name_));
  out->set_kind(kind_);
}

void EventParticipantView::CopyTo(v1::Participant* out) const {
  const absl::string_view rest = s_->participant_rest(p_);
  if (!out->ParseFromArray(rest.data(), static_cast<int>(rest.size()))) {
    // Bytes the store serialized itself (or a snapshot's, parsed when read):
    // not reachable from any input.
    std::fprintf(stderr, "event participant %u: its stored message does not parse\n", p_);
    std::abort();
  }
  if (row().entity != 0) entity().CopyTo(out->mutable_entity());
  out->set_title(std::string(title()));
  if (has_side()) side().CopyTo(out->mutable_side());
  if (has_organization()) organization().CopyTo(out->mutable_organization());
  out->set_function(function());
  out->set_origin(origin());
  out->set_confidence(confidence());
}

void EventView::CopyTo(v1::Event* out) const {
  const absl::string_view rest = s_->rest(e_);
  if (!out->ParseFromArray(rest.data(), static_cast<int>(rest.size()))) {
    std::fprintf(stderr, "event %d: its stored message does not parse\n", e_);
    std::abort();
  }
  const EventStore::Row& r = row();
  out->set_id(std::string(r.id));
  out->set_title(std::string(r.title));
  out->set_kind(kind());
  if (r.has_date) *out->mutable_date() = date();
  if (r.has_location) CopyLocationTo(out->mutable_location());
  for (const EventRefView c : countries()) c.CopyTo(out->add_countries());
  for (const EventRefView o : organizations()) o.CopyTo(out->add_organizations());
  for (const absl::string_view t : topics()) out->add_topics(std::string(t));
  out->mutable_participants()->Reserve(participant_count());
  for (int32_t k = 0; k < participant_count(); ++k) {
    participant(k).CopyTo(out->add_participants());
  }
  out->set_origin(origin());
  out->set_confidence(confidence());
  out->set_planned(planned());
}

void EventView::CopyLocationTo(v1::Location* out) const {
  const EventStore::Row& r = row();
  out->set_place(std::string(r.place));
  out->set_city(std::string(r.city));
  if (r.location_country != 0) location_country().CopyTo(out->mutable_country());
}

}  // namespace parley
