#include "lookup.h"

#include <algorithm>
#include <map>
#include <set>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "normalize.h"
#include "page_token.h"

namespace parley {
namespace {

constexpr PageLimits kSearchLimits{10, 100};
constexpr PageLimits kEventLimits{20, 200};
constexpr PageLimits kParticipationLimits{50, 500};
constexpr PageLimits kConnectionLimits{50, 500};
constexpr PageLimits kDocumentLimits{20, 200};

absl::Status CheckId(absl::string_view field, absl::string_view id) {
  if (absl::StripAsciiWhitespace(id).empty()) {
    return absl::InvalidArgumentError(absl::StrCat(
        field, " is required: pass an id such as \"janet-napolitano\" (SearchEntities "
               "finds ids by name)"));
  }
  if (id.size() > kMaxIdBytes) {
    return absl::InvalidArgumentError(
        absl::StrCat(field, " is ", id.size(), " bytes long; ids are at most ", kMaxIdBytes));
  }
  return absl::OkStatus();
}

absl::Status NotFound(absl::string_view what, absl::string_view id, absl::string_view how) {
  return absl::NotFoundError(absl::StrCat("no ", what, " with id \"", id, "\": ", how));
}

// Closed enums: values the server does not know are refused, not ignored.
template <typename Enum, typename IsValid>
absl::Status CheckEnums(absl::string_view field, const google::protobuf::RepeatedField<int>& values,
                        IsValid is_valid, bool allow_unspecified = false) {
  for (int v : values) {
    if (!is_valid(v) || (v == 0 && !allow_unspecified)) {
      return absl::InvalidArgumentError(
          absl::StrCat(field, " has an unknown or unspecified value ", v,
                       ": use one of the values defined in parley.v1"));
    }
  }
  return absl::OkStatus();
}

}  // namespace

Lookup::Lookup(std::shared_ptr<const Index> index) : index_(std::move(index)) {}

absl::Status Lookup::GetEntity(const v1::GetEntityRequest& request, v1::Entity* response) const {
  if (absl::Status s = CheckId("id", request.id()); !s.ok()) return s;
  const v1::Entity* entity = index_->FindEntity(request.id());
  if (entity == nullptr) {
    return NotFound("entity", request.id(), "find ids by name with SearchEntities");
  }
  *response = *entity;
  return absl::OkStatus();
}

absl::Status Lookup::BatchGetEntities(const v1::BatchGetEntitiesRequest& request,
                                      v1::BatchGetEntitiesResponse* response) const {
  response->Clear();
  if (request.ids().empty()) {
    return absl::InvalidArgumentError("ids is empty: pass 1 to 100 entity ids");
  }
  if (request.ids_size() > kMaxBatchIds) {
    return absl::InvalidArgumentError(absl::StrCat("ids has ", request.ids_size(),
                                                   " entries; split it into batches of at most ",
                                                   kMaxBatchIds));
  }
  std::vector<const v1::Entity*> found;
  for (int i = 0; i < request.ids_size(); ++i) {
    const std::string field = absl::StrCat("ids[", i, "]");
    if (absl::Status s = CheckId(field, request.ids(i)); !s.ok()) return s;
    const v1::Entity* entity = index_->FindEntity(request.ids(i));
    if (entity == nullptr) {
      return absl::NotFoundError(absl::StrCat(field, ": no entity with id \"", request.ids(i),
                                              "\"; nothing was returned (all or nothing)"));
    }
    found.push_back(entity);
  }
  for (const v1::Entity* entity : found) *response->add_entities() = *entity;
  return absl::OkStatus();
}

absl::Status Lookup::SearchEntities(const v1::SearchEntitiesRequest& request,
                                    v1::SearchEntitiesResponse* response) const {
  response->Clear();
  const absl::string_view query = absl::StripAsciiWhitespace(request.query());
  if (query.empty()) {
    return absl::InvalidArgumentError(
        "query is empty: pass a name, alias or its beginning, e.g. \"Napolitano\"");
  }
  if (query.size() > kMaxQueryBytes) {
    return absl::InvalidArgumentError(absl::StrCat("query is ", query.size(),
                                                   " bytes long; shorten it to at most ",
                                                   kMaxQueryBytes));
  }
  if (NormalizeName(query).empty()) {
    return absl::InvalidArgumentError(
        "query has no letters or digits: search for a name such as \"CERT-In\"");
  }
  if (absl::Status s = CheckEnums<v1::EntityKind>("kinds", request.kinds(), v1::EntityKind_IsValid);
      !s.ok()) {
    return s;
  }
  const absl::flat_hash_set<int> kinds(request.kinds().begin(), request.kinds().end());
  std::vector<NameHit> hits = index_->SearchNames(query);
  if (!kinds.empty()) {
    hits.erase(std::remove_if(hits.begin(), hits.end(),
                              [&](const NameHit& h) {
                                return kinds.count(index_->entities()[h.entity].kind()) == 0;
                              }),
               hits.end());
  }
  absl::StatusOr<PageBounds> page =
      Paginate("SearchEntities", request, kSearchLimits, hits.size());
  if (!page.ok()) return page.status();
  for (size_t i = page->begin; i < page->end; ++i) {
    v1::EntityMatch* match = response->add_matches();
    *match->mutable_entity() = index_->entities()[hits[i].entity];
    match->set_match_kind(hits[i].kind);
    match->set_matched_name(hits[i].matched_name);
    match->set_score(hits[i].score);
    match->set_score_explanation(hits[i].explanation);
  }
  response->set_next_page_token(page->next_page_token);
  response->set_total_size(static_cast<int32_t>(hits.size()));
  return absl::OkStatus();
}

absl::Status Lookup::GetEvent(const v1::GetEventRequest& request, v1::Event* response) const {
  if (absl::Status s = CheckId("id", request.id()); !s.ok()) return s;
  const v1::Event* event = index_->FindEvent(request.id());
  if (event == nullptr) return NotFound("event", request.id(), "find event ids with ListEvents");
  *response = *event;
  return absl::OkStatus();
}

absl::StatusOr<std::vector<int32_t>> Lookup::FilterEvents(absl::string_view field,
                                                          const v1::EventFilter& filter,
                                                          v1::EventOrder order) const {
  for (const std::string& topic : filter.topics()) {
    if (index_->FindTopic(topic) == nullptr) {
      std::vector<std::string> known;
      for (const v1::Topic& t : index_->topics()) known.push_back(t.id());
      return absl::InvalidArgumentError(absl::StrCat(field, ".topics: unknown topic \"", topic,
                                                     "\"; known topics: ",
                                                     absl::StrJoin(known, ", ")));
    }
  }
  auto check_ids = [&](absl::string_view name, const auto& ids) -> absl::Status {
    for (const std::string& id : ids) {
      if (index_->FindEntity(id) == nullptr) {
        return absl::InvalidArgumentError(absl::StrCat(
            field, ".", name, ": unknown entity \"", id,
            "\"; find ids by name with SearchEntities"));
      }
    }
    return absl::OkStatus();
  };
  if (absl::Status s = check_ids("participant_ids", filter.participant_ids()); !s.ok()) return s;
  if (absl::Status s = check_ids("country_ids", filter.country_ids()); !s.ok()) return s;
  if (absl::Status s = check_ids("organization_ids", filter.organization_ids()); !s.ok()) return s;
  if (absl::Status s = CheckEnums<v1::EventKind>(absl::StrCat(field, ".kinds"), filter.kinds(),
                                                 v1::EventKind_IsValid);
      !s.ok()) {
    return s;
  }
  if (!v1::EventOrder_IsValid(order)) {
    return absl::InvalidArgumentError(
        absl::StrCat("order has unknown value ", static_cast<int>(order),
                     ": use EVENT_ORDER_DATE_ASCENDING or EVENT_ORDER_DATE_DESCENDING"));
  }
  absl::StatusOr<DayInterval> range = ParseDateRange(filter.from_date(), filter.to_date());
  if (!range.ok()) {
    return absl::InvalidArgumentError(absl::StrCat(field, ".", range.status().message()));
  }
  std::vector<int32_t> events = index_->EventsMatching(filter);
  events.erase(std::remove_if(events.begin(), events.end(),
                              [&](int32_t e) { return !index_->event_days()[e].Overlaps(*range); }),
               events.end());
  if (order == v1::EVENT_ORDER_DATE_DESCENDING) std::reverse(events.begin(), events.end());
  return events;
}

absl::Status Lookup::ListEvents(const v1::ListEventsRequest& request,
                                v1::ListEventsResponse* response) const {
  response->Clear();
  absl::StatusOr<std::vector<int32_t>> events =
      FilterEvents("filter", request.filter(), request.order());
  if (!events.ok()) return events.status();
  absl::StatusOr<PageBounds> page = Paginate("ListEvents", request, kEventLimits, events->size());
  if (!page.ok()) return page.status();
  for (size_t i = page->begin; i < page->end; ++i) {
    *response->add_events() = index_->events()[(*events)[i]];
  }
  response->set_next_page_token(page->next_page_token);
  response->set_total_size(static_cast<int32_t>(events->size()));
  return absl::OkStatus();
}

absl::Status Lookup::ListParticipations(const v1::ListParticipationsRequest& request,
                                        v1::ListParticipationsResponse* response) const {
  response->Clear();
  absl::StatusOr<std::vector<int32_t>> events =
      FilterEvents("filter", request.filter(), request.order());
  if (!events.ok()) return events.status();
  for (const std::string& id : request.person_ids()) {
    const v1::Entity* person = index_->FindEntity(id);
    if (person == nullptr || person->kind() != v1::ENTITY_KIND_PERSON) {
      return absl::InvalidArgumentError(absl::StrCat(
          "person_ids: \"", id, "\" is not the id of a person; find ids with SearchEntities"));
    }
  }
  if (absl::Status s = CheckEnums<v1::ParticipantFunction>("functions", request.functions(),
                                                           v1::ParticipantFunction_IsValid);
      !s.ok()) {
    return s;
  }
  const absl::flat_hash_set<std::string> people(request.person_ids().begin(),
                                                request.person_ids().end());
  const absl::flat_hash_set<int> functions(request.functions().begin(), request.functions().end());
  std::vector<int32_t> rows;
  for (int32_t e : *events) {
    const auto [begin, end] = index_->ParticipationsOfEvent(e);
    for (int32_t r = begin; r < end; ++r) {
      const v1::Participation& row = index_->participations()[r];
      if (!people.empty() && people.count(row.person().id()) == 0) continue;
      if (!functions.empty() && functions.count(row.function()) == 0) continue;
      rows.push_back(r);
    }
  }
  absl::StatusOr<PageBounds> page =
      Paginate("ListParticipations", request, kParticipationLimits, rows.size());
  if (!page.ok()) return page.status();
  for (size_t i = page->begin; i < page->end; ++i) {
    *response->add_participations() = index_->participations()[rows[i]];
  }
  response->set_next_page_token(page->next_page_token);
  response->set_total_size(static_cast<int32_t>(rows.size()));
  return absl::OkStatus();
}

absl::Status Lookup::ListConnections(const v1::ListConnectionsRequest& request,
                                     v1::ListConnectionsResponse* response) const {
  response->Clear();
  if (absl::Status s = CheckId("entity_id", request.entity_id()); !s.ok()) return s;
  const v1::Entity* entity = index_->FindEntity(request.entity_id());
  if (entity == nullptr) {
    return NotFound("entity", request.entity_id(), "find ids by name with SearchEntities");
  }
  v1::EventFilter filter;
  switch (entity->kind()) {
    case v1::ENTITY_KIND_PERSON: filter.add_participant_ids(entity->id()); break;
    case v1::ENTITY_KIND_COUNTRY: filter.add_country_ids(entity->id()); break;
    default: filter.add_organization_ids(entity->id()); break;
  }
  // Other people at the same events, with the events they shared.
  std::map<std::string, std::vector<int32_t>> shared;
  for (int32_t e : index_->EventsMatching(filter)) {
    const auto [begin, end] = index_->ParticipationsOfEvent(e);
    for (int32_t r = begin; r < end; ++r) {
      const std::string& other = index_->participations()[r].person().id();
      if (other == entity->id()) continue;
      std::vector<int32_t>& events = shared[other];
      if (events.empty() || events.back() != e) events.push_back(e);
    }
  }
  std::vector<std::pair<const v1::Entity*, const std::vector<int32_t>*>> ranked;
  for (const auto& [id, events] : shared) ranked.emplace_back(index_->FindEntity(id), &events);
  std::sort(ranked.begin(), ranked.end(), [](const auto& a, const auto& b) {
    if (a.second->size() != b.second->size()) return a.second->size() > b.second->size();
    if (a.first->name() != b.first->name()) return a.first->name() < b.first->name();
    return a.first->id() < b.first->id();
  });
  absl::StatusOr<PageBounds> page =
      Paginate("ListConnections", request, kConnectionLimits, ranked.size());
  if (!page.ok()) return page.status();
  response->mutable_entity()->set_id(entity->id());
  response->mutable_entity()->set_name(entity->name());
  response->mutable_entity()->set_kind(entity->kind());
  for (size_t i = page->begin; i < page->end; ++i) {
    v1::Connection* c = response->add_connections();
    c->mutable_entity()->set_id(ranked[i].first->id());
    c->mutable_entity()->set_name(ranked[i].first->name());
    c->mutable_entity()->set_kind(ranked[i].first->kind());
    for (int32_t e : *ranked[i].second) {
      const v1::Event& event = index_->events()[e];
      v1::EventRef* ref = c->add_shared_events();
      ref->set_id(event.id());
      ref->set_title(event.title());
      *ref->mutable_date() = event.date();
      ref->set_kind(event.kind());
    }
  }
  response->set_next_page_token(page->next_page_token);
  response->set_total_size(static_cast<int32_t>(ranked.size()));
  return absl::OkStatus();
}

absl::Status Lookup::GetDocument(const v1::GetDocumentRequest& request,
                                 v1::Document* response) const {
  if (absl::Status s = CheckId("id", request.id()); !s.ok()) return s;
  if (!v1::DocumentView_IsValid(request.view())) {
    return absl::InvalidArgumentError("view has an unknown value: use DOCUMENT_VIEW_BASIC or _FULL");
  }
  const v1::Document* doc = index_->FindDocument(request.id());
  if (doc == nullptr) return NotFound("document", request.id(), "list ids with ListDocuments");
  *response = *doc;
  if (request.view() == v1::DOCUMENT_VIEW_BASIC) response->clear_text();
  return absl::OkStatus();
}

absl::Status Lookup::ListDocuments(const v1::ListDocumentsRequest& request,
                                   v1::ListDocumentsResponse* response) const {
  response->Clear();
  if (!v1::DocumentView_IsValid(request.view())) {
    return absl::InvalidArgumentError("view has an unknown value: use DOCUMENT_VIEW_BASIC or _FULL");
  }
  const auto& docs = index_->documents();
  absl::StatusOr<PageBounds> page = Paginate("ListDocuments", request, kDocumentLimits, docs.size());
  if (!page.ok()) return page.status();
  for (size_t i = page->begin; i < page->end; ++i) {
    v1::Document* doc = response->add_documents();
    *doc = docs[i];
    if (request.view() != v1::DOCUMENT_VIEW_FULL) doc->clear_text();
  }
  response->set_next_page_token(page->next_page_token);
  response->set_total_size(static_cast<int32_t>(docs.size()));
  return absl::OkStatus();
}

absl::Status Lookup::ListTopics(const v1::ListTopicsRequest& /*request*/,
                                v1::ListTopicsResponse* response) const {
  response->Clear();
  for (const v1::Topic& topic : index_->topics()) *response->add_topics() = topic;
  return absl::OkStatus();
}

absl::Status Lookup::GetIndexInfo(const v1::GetIndexInfoRequest& /*request*/,
                                  v1::IndexInfo* response) const {
  *response = index_->info();
  return absl::OkStatus();
}

}  // namespace parley
