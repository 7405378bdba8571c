#include <algorithm>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "service/lookup/lookup.h"
#include "service/lookup/lookup_helpers.h"

namespace parley {
namespace {

constexpr PageLimits kConnectionLimits{50, 500};

}  // namespace

absl::Status Lookup::ListConnections(const v1::ListConnectionsRequest& request,
                                     v1::ListConnectionsResponse* response) const {
  response->Clear();
  if (absl::Status s = CheckId("entity_id", request.entity_id()); !s.ok()) return s;
  absl::StatusOr<ExtractedFilter> extracted = Extracted(request.extracted());
  if (!extracted.ok()) return extracted.status();
  const std::optional<EntityView> entity = index_->FindEntity(request.entity_id());
  if (!entity) {
    return NotFound("entity", request.entity_id(), "find ids by name with SearchEntities");
  }
  if (!extracted->Shows(*entity)) return LeftOutByFilter("entity_id", "entity", *entity);
  v1::EventFilter filter;
  switch (entity->kind()) {
    case v1::ENTITY_KIND_PERSON:
      filter.add_participant_ids(std::string(entity->id()));
      break;
    case v1::ENTITY_KIND_COUNTRY:
      filter.add_country_ids(std::string(entity->id()));
      break;
    default:
      filter.add_organization_ids(std::string(entity->id()));
      break;
  }
  // Other people at the same events, with the events they shared: only
  // through events and participations the filter shows.
  std::map<std::string, std::vector<int32_t>, std::less<>> shared;
  for (int32_t e : index_->EventsMatching(filter)) {
    const EventView event = index_->events()[e];
    if (!extracted->Shows(event) || !extracted->StillMatches(event, filter)) continue;
    const auto [begin, end] = index_->ParticipationsOfEvent(e);
    for (int32_t r = begin; r < end; ++r) {
      const ParticipationView row = index_->participation(r);
      const absl::string_view other = row.person().id();
      if (other == entity->id() || !extracted->Shows(row)) continue;
      auto at = shared.find(other);
      if (at == shared.end()) at = shared.emplace(std::string(other), std::vector<int32_t>()).first;
      std::vector<int32_t>& events = at->second;
      if (events.empty() || events.back() != e) events.push_back(e);
    }
  }
  std::vector<std::pair<EntityView, const std::vector<int32_t>*>> ranked;
  for (const auto& [id, events] : shared) {
    if (const std::optional<EntityView> other = index_->FindEntity(id)) {
      ranked.emplace_back(*other, &events);
    }
  }
  std::sort(ranked.begin(), ranked.end(), [](const auto& a, const auto& b) {
    if (a.second->size() != b.second->size()) return a.second->size() > b.second->size();
    if (a.first.name() != b.first.name()) return a.first.name() < b.first.name();
    return a.first.id() < b.first.id();
  });
  absl::StatusOr<PageBounds> page =
      Page("ListConnections", request, kConnectionLimits, ranked.size());
  if (!page.ok()) return page.status();
  *response->mutable_entity() = entity->Ref();
  for (size_t i = page->begin; i < page->end; ++i) {
    v1::Connection* c = response->add_connections();
    *c->mutable_entity() = ranked[i].first.Ref();
    for (int32_t e : *ranked[i].second) {
      const EventView event = index_->events()[e];
      v1::EventRef* ref = c->add_shared_events();
      ref->set_id(std::string(event.id()));
      ref->set_title(std::string(event.title()));
      *ref->mutable_date() = event.date();
      ref->set_kind(event.kind());
    }
  }
  response->set_next_page_token(page->next_page_token);
  response->set_total_size(static_cast<int32_t>(ranked.size()));
  return absl::OkStatus();
}

}  // namespace parley
