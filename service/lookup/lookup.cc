#include "service/lookup/lookup.h"

#include <algorithm>
#include <map>
#include <set>
#include <utility>

#include "absl/algorithm/container.h"
#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "service/base/errors.h"
#include "service/base/ids.h"
#include "service/base/normalize.h"
#include "service/lookup/event_text_filter.h"
#include "service/lookup/extracted_filter.h"
#include "service/lookup/facets.h"
#include "service/lookup/lookup_helpers.h"
#include "service/lookup/page_token.h"
#include "service/lookup/read_mask.h"

namespace parley {
namespace {

constexpr PageLimits kSearchLimits{10, 100};
constexpr PageLimits kEventLimits{20, 200};
constexpr PageLimits kParticipationLimits{50, 500};
constexpr PageLimits kDocumentLimits{20, 200};
constexpr PageLimits kMentionLimits{50, 500};
constexpr PageLimits kDocumentSearchLimits{10, 100};

}  // namespace

namespace {
// The first 16 hex digits of the content hash; generation for an index
// without one.
uint64_t ContentEpoch(const Index& index, uint64_t generation) {
  uint64_t epoch = 0;
  const std::string& sha = index.info().content_sha256();
  if (sha.size() < 16 || !absl::SimpleHexAtoi(absl::string_view(sha).substr(0, 16), &epoch)) {
    return generation;
  }
  return epoch;
}
}  // namespace

Lookup::Lookup(std::shared_ptr<const Index> index, uint64_t generation, int64_t corpus_version)
    : index_(std::move(index)),
      generation_(generation),
      corpus_version_(corpus_version == 0 ? static_cast<int64_t>(generation) : corpus_version),
      content_epoch_(ContentEpoch(*index_, generation)) {}

absl::StatusOr<PageBounds> Lookup::Page(absl::string_view method,
                                        const google::protobuf::Message& request, PageLimits limits,
                                        size_t total) const {
  return Paginate(method, request, limits, total, content_epoch_);
}

absl::StatusOr<ExtractedFilter> Lookup::Extracted(const v1::ExtractedFactsFilter& filter) const {
  return ExtractedFilter::Make(
      filter, [index = index_.get()](absl::string_view id) { return index->FindEntity(id); });
}

absl::Status Lookup::GetEntity(const v1::GetEntityRequest& request, v1::Entity* response) const {
  if (absl::Status s = CheckId("id", request.id()); !s.ok()) return s;
  absl::StatusOr<ExtractedFilter> extracted = Extracted(request.extracted());
  if (!extracted.ok()) return extracted.status();
  const std::optional<EntityView> entity = index_->FindEntity(request.id());
  if (!entity) return NotFound("entity", request.id(), "find ids by name with SearchEntities");
  if (!extracted->Shows(*entity)) return LeftOutByFilter("id", "entity", *entity);
  entity->CopyTo(response);
  extracted->RemoveHidden(response);
  const MentionRange range = index_->MentionsOf(entity->number());
  for (int32_t i = range.begin; i < range.end && i < range.begin + kEntityMentionsShown; ++i) {
    index_->MentionAt(i, response->add_mentions());
  }
  return absl::OkStatus();
}

absl::Status Lookup::BatchGetEntities(const v1::BatchGetEntitiesRequest& request,
                                      v1::BatchGetEntitiesResponse* response) const {
  response->Clear();
  if (request.ids().empty()) {
    return InvalidArgument("EMPTY_BATCH", "ids is empty: pass 1 to 100 entity ids");
  }
  if (request.ids_size() > kMaxBatchIds) {
    return InvalidArgument(
        "BATCH_TOO_LARGE",
        absl::StrCat("ids has ", request.ids_size(), " entries; split it into batches of at most ",
                     kMaxBatchIds));
  }
  absl::StatusOr<ExtractedFilter> extracted = Extracted(request.extracted());
  if (!extracted.ok()) return extracted.status();
  std::vector<EntityView> found;
  for (int i = 0; i < request.ids_size(); ++i) {
    const std::string field = absl::StrCat("ids[", i, "]");
    if (absl::Status s = CheckId(field, request.ids(i)); !s.ok()) return s;
    const std::optional<EntityView> entity = index_->FindEntity(request.ids(i));
    if (!entity) {
      return NotFoundError("ENTITY_NOT_FOUND",
                           absl::StrCat(field, ": no entity with id \"", request.ids(i),
                                        "\"; nothing was returned (all or nothing)"));
    }
    if (!extracted->Shows(*entity)) return LeftOutByFilter(field, "entity", *entity);
    found.push_back(*entity);
  }
  for (EntityView entity : found) {
    v1::Entity* out = response->add_entities();
    entity.CopyTo(out);
    extracted->RemoveHidden(out);
  }
  return absl::OkStatus();
}

absl::Status Lookup::SearchEntities(const v1::SearchEntitiesRequest& request,
                                    v1::SearchEntitiesResponse* response) const {
  response->Clear();
  const absl::string_view query = absl::StripAsciiWhitespace(request.query());
  if (query.empty()) {
    return InvalidArgument(
        "INVALID_QUERY",
        "query is empty: pass a name, alias or its beginning, e.g. \"Napolitano\"");
  }
  if (query.size() > kMaxQueryBytes) {
    return InvalidArgument("INVALID_QUERY",
                           absl::StrCat("query is ", query.size(),
                                        " bytes long; shorten it to at most ", kMaxQueryBytes));
  }
  if (absl::Status s = CheckQueryText(query); !s.ok()) return s;
  if (NormalizeName(query).empty()) {
    return InvalidArgument("INVALID_QUERY",
                           "query has no letters or digits: search for a name such as \"CERT-In\"");
  }
  if (absl::Status s = CheckEnums<v1::EntityKind>("kinds", request.kinds(), v1::EntityKind_IsValid);
      !s.ok()) {
    return s;
  }
  for (const std::string& id : request.country_ids()) {
    const std::optional<EntityView> country = index_->FindEntity(id);
    if (!country || country->kind() != v1::ENTITY_KIND_COUNTRY) {
      return InvalidArgument(
          "UNKNOWN_ENTITY",
          absl::StrCat("country_ids: \"", id, "\" is not the id of a country, e.g. \"india\""));
    }
  }
  absl::StatusOr<ExtractedFilter> extracted = Extracted(request.extracted());
  if (!extracted.ok()) return extracted.status();
  if (!v1::EntityView_IsValid(request.view())) {
    return InvalidArgument("UNKNOWN_ENUM_VALUE",
                           absl::StrCat("view has an unknown value ", request.view(),
                                        ": use ENTITY_VIEW_BASIC or ENTITY_VIEW_FULL"));
  }
  const bool full = request.view() == v1::ENTITY_VIEW_FULL;
  // Only what the read mask keeps is copied: a names-only search copies a
  // string a match. Paths inside fields, and the FULL view, are trimmed
  // after (kAppliesReadMask).
  absl::StatusOr<EntityFields> fields = EntityFieldsIn(request.read_mask());
  if (!fields.ok()) return fields.status();
  const bool trim_after =
      !request.read_mask().paths().empty() &&
      (full || absl::c_any_of(request.read_mask().paths(), [](const std::string& path) {
         return absl::StrContains(path, '.');
       }));
  const absl::flat_hash_set<int> kinds(request.kinds().begin(), request.kinds().end());
  const absl::flat_hash_set<std::string> countries(request.country_ids().begin(),
                                                   request.country_ids().end());
  absl::StatusOr<PageStart> page =
      StartPage("SearchEntities", request, kSearchLimits, content_epoch_);
  if (!page.ok()) return page.status();
  // Filters restrict; they never reorder. One match more than the page tells
  // whether there is a next page.
  size_t accepted = 0;
  const NameSearchResult found =
      index_->SearchNames(query, page->offset + page->size + 1, [&](int32_t entity) {
        const EntityView e = index_->entities()[entity];
        if (!extracted->Shows(e)) return false;
        if (!kinds.empty() && kinds.count(e.kind()) == 0) return false;
        if (!countries.empty() && countries.count(e.country_id()) == 0 &&
            countries.count(e.id()) == 0) {
          return false;
        }
        // The row is read: the strings of a match that may be on the page,
        // which the response copies, are asked for now, while the search
        // goes on, not when the page is written.
        if (accepted >= page->offset && accepted < page->offset + page->size) {
          index_->entities().PrefetchStrings(entity);
        }
        ++accepted;
        return true;
      });
  const std::vector<NameMatch>& hits = found.matches;
  const PageBounds bounds = page->Bounds(hits.size());
  for (size_t i = bounds.begin; i < bounds.end; ++i) {
    const NameMatch& hit = hits[i];
    v1::EntityMatch* match = response->add_matches();
    const EntityView entity = index_->entities()[hit.entity];
    if (full) {
      entity.CopyTo(match->mutable_entity());
      extracted->RemoveHidden(match->mutable_entity());
    } else {
      entity.CopyBasicTo(match->mutable_entity(), *fields);
    }
    match->set_match_kind(hit.kind);
    const absl::string_view matched = index_->MatchedName(hit);
    match->set_matched_name(matched.data(), matched.size());
    match->set_score(hit.score);
    index_->ExplainHit(hit, match->mutable_score_explanation());
    match->set_edit_distance(hit.distance);
    v1::ScoreParts* parts = match->mutable_score_parts();
    parts->set_match(hit.parts.match);
    parts->set_coverage(hit.parts.coverage);
    parts->set_corpus_weight(hit.parts.corpus_weight);
    parts->set_edit_penalty(hit.parts.edit_penalty);
  }
  response->set_next_page_token(bounds.next_page_token);
  response->set_total_size(static_cast<int32_t>(hits.size()));
  response->set_total_size_is_exact(found.complete);
  return trim_after ? ApplyReadMask(request, response) : absl::OkStatus();
}

absl::Status Lookup::GetEvent(const v1::GetEventRequest& request, v1::Event* response) const {
  if (absl::Status s = CheckId("id", request.id(), "2011-05-27-homeland-security-dialogue-launch");
      !s.ok()) {
    return s;
  }
  absl::StatusOr<ExtractedFilter> extracted = Extracted(request.extracted());
  if (!extracted.ok()) return extracted.status();
  const std::optional<EventView> event = index_->FindEvent(request.id());
  if (!event) return NotFound("event", request.id(), "find event ids with ListEvents");
  if (!extracted->Shows(*event)) return LeftOutByFilter("id", "event", *event);
  index_->CopyEvent(*event, response);
  extracted->RemoveHidden(response);
  return absl::OkStatus();
}

absl::StatusOr<std::vector<int32_t>> Lookup::FilterEvents(absl::string_view field,
                                                          const v1::EventFilter& filter,
                                                          v1::EventOrder order,
                                                          const ExtractedFilter& extracted) const {
  for (const std::string& topic : filter.topics()) {
    if (index_->FindTopic(topic) == nullptr) {
      std::vector<std::string> known;
      for (const v1::Topic& t : index_->topics()) known.push_back(t.id());
      return InvalidArgument("UNKNOWN_TOPIC",
                             absl::StrCat(field, ".topics: unknown topic \"", topic,
                                          "\"; known topics: ", absl::StrJoin(known, ", ")));
    }
  }
  auto check_ids = [&](absl::string_view name, const auto& ids) -> absl::Status {
    for (const std::string& id : ids) {
      if (!index_->FindEntity(id)) {
        return InvalidArgument("UNKNOWN_ENTITY",
                               absl::StrCat(field, ".", name, ": unknown entity \"", id,
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
    return InvalidArgument(
        "UNKNOWN_ENUM_VALUE",
        absl::StrCat("order has unknown value ", static_cast<int>(order),
                     ": use EVENT_ORDER_DATE_ASCENDING or EVENT_ORDER_DATE_DESCENDING"));
  }
  absl::StatusOr<DayInterval> range = ParseDateRange(field, filter.from_date(), filter.to_date());
  if (!range.ok()) return InvalidArgument("INVALID_DATE", range.status().message());
  absl::StatusOr<EventTextFilter> text = EventTextFilter::Make(field, filter, *index_);
  if (!text.ok()) return text.status();
  std::vector<int32_t> events = index_->EventsMatching(filter);
  events.erase(std::remove_if(events.begin(), events.end(),
                              [&](int32_t e) {
                                const EventView event = index_->events()[e];
                                return !index_->event_days()[e].Overlaps(*range) ||
                                       !extracted.Shows(event) ||
                                       !extracted.StillMatches(event, filter) ||
                                       (!text->empty() && !text->Matches(event));
                              }),
               events.end());
  if (events.empty()) {
    // No event at all for a place no event is held at: say which there are.
    if (absl::Status s = text->CheckPlaceIsKnown(
            field, filter.place(), *index_,
            [&extracted](EventView event) { return extracted.Shows(event); });
        !s.ok()) {
      return s;
    }
  }
  if (order == v1::EVENT_ORDER_DATE_DESCENDING) std::reverse(events.begin(), events.end());
  return events;
}

absl::Status Lookup::ListEvents(const v1::ListEventsRequest& request,
                                v1::ListEventsResponse* response) const {
  response->Clear();
  absl::StatusOr<ExtractedFilter> extracted = Extracted(request.extracted());
  if (!extracted.ok()) return extracted.status();
  absl::StatusOr<std::vector<int32_t>> events =
      FilterEvents("filter", request.filter(), request.order(), *extracted);
  if (!events.ok()) return events.status();
  if (absl::Status s = CheckFacetFields(request.facets()); !s.ok()) return s;
  absl::StatusOr<PageBounds> page = Page("ListEvents", request, kEventLimits, events->size());
  if (!page.ok()) return page.status();
  for (size_t i = page->begin; i < page->end; ++i) {
    v1::Event* ev = response->add_events();
    index_->CopyEvent(index_->events()[(*events)[i]], ev);
    // Extracted participants of a curated event answer to the filter too.
    extracted->RemoveHidden(ev);
  }
  response->set_next_page_token(page->next_page_token);
  response->set_total_size(static_cast<int32_t>(events->size()));
  AddEventFacets(*index_, *events, request.facets(), response->mutable_facets());
  return absl::OkStatus();
}

absl::Status Lookup::ListParticipations(const v1::ListParticipationsRequest& request,
                                        v1::ListParticipationsResponse* response) const {
  response->Clear();
  for (const std::string& id : request.person_ids()) {
    if (absl::Status s = CheckId("person_ids", id); !s.ok()) return s;
    const std::optional<EntityView> person = index_->FindEntity(id);
    if (!person || person->kind() != v1::ENTITY_KIND_PERSON) {
      return InvalidArgument(
          "UNKNOWN_ENTITY",
          absl::StrCat("person_ids: \"", id,
                       "\" is not the id of a person; find ids with SearchEntities"));
    }
  }
  // Rows of these people lie only in events they took part in: let the
  // event index of each person narrow the scan (same rows, far fewer events).
  v1::EventFilter filter = request.filter();
  if (filter.participant_ids().empty()) *filter.mutable_participant_ids() = request.person_ids();
  absl::StatusOr<ExtractedFilter> extracted = Extracted(request.extracted());
  if (!extracted.ok()) return extracted.status();
  absl::StatusOr<std::vector<int32_t>> events =
      FilterEvents("filter", filter, request.order(), *extracted);
  if (!events.ok()) return events.status();
  if (absl::Status s = CheckEnums<v1::ParticipantFunction>("functions", request.functions(),
                                                           v1::ParticipantFunction_IsValid);
      !s.ok()) {
    return s;
  }
  if (absl::Status s = CheckFacetFields(request.facets()); !s.ok()) return s;
  const absl::flat_hash_set<std::string> people(request.person_ids().begin(),
                                                request.person_ids().end());
  const absl::flat_hash_set<int> functions(request.functions().begin(), request.functions().end());
  std::vector<int32_t> rows;
  for (int32_t e : *events) {
    const auto [begin, end] = index_->ParticipationsOfEvent(e);
    for (int32_t r = begin; r < end; ++r) {
      const ParticipationView row = index_->participation(r);
      if (!people.empty() && people.count(row.person().id()) == 0) continue;
      if (!functions.empty() && functions.count(row.function()) == 0) continue;
      if (!extracted->Shows(row)) continue;
      rows.push_back(r);
    }
  }
  absl::StatusOr<PageBounds> page =
      Page("ListParticipations", request, kParticipationLimits, rows.size());
  if (!page.ok()) return page.status();
  for (size_t i = page->begin; i < page->end; ++i) {
    v1::Participation* row = response->add_participations();
    index_->participation(rows[i]).ToProto(row);
    extracted->RemoveHidden(row);
  }
  response->set_next_page_token(page->next_page_token);
  response->set_total_size(static_cast<int32_t>(rows.size()));
  AddParticipationFacets(*index_, rows, request.facets(), response->mutable_facets());
  return absl::OkStatus();
}

absl::Status Lookup::GetDocument(const v1::GetDocumentRequest& request,
                                 v1::Document* response) const {
  if (absl::Status s = CheckId("id", request.id(), "jagran-2011-07-19"); !s.ok()) return s;
  if (!v1::DocumentView_IsValid(request.view())) {
    return InvalidArgument("UNKNOWN_ENUM_VALUE",
                           "view has an unknown value: use DOCUMENT_VIEW_BASIC or _FULL");
  }
  const int32_t doc = index_->DocumentIndex(request.id());
  if (doc < 0) return NotFound("document", request.id(), "list ids with ListDocuments");
  index_->CopyDocument(doc, request.view() != v1::DOCUMENT_VIEW_BASIC, response);
  return absl::OkStatus();
}

absl::Status Lookup::ListDocuments(const v1::ListDocumentsRequest& request,
                                   v1::ListDocumentsResponse* response) const {
  response->Clear();
  if (!v1::DocumentView_IsValid(request.view())) {
    return InvalidArgument("UNKNOWN_ENUM_VALUE",
                           "view has an unknown value: use DOCUMENT_VIEW_BASIC or _FULL");
  }
  const auto& docs = index_->documents();
  std::vector<int32_t> selected;
  if (!request.mentioned_entity_id().empty()) {
    const int32_t entity = index_->EntityIndex(request.mentioned_entity_id());
    if (entity < 0) {
      return InvalidArgument(
          "UNKNOWN_ENTITY",
          absl::StrCat("mentioned_entity_id: unknown entity \"", request.mentioned_entity_id(),
                       "\"; find ids with SearchEntities"));
    }
    for (int32_t d = 0; d < static_cast<int32_t>(docs.size()); ++d) {
      const auto& in_doc = index_->EntitiesInDocument(d);
      if (std::binary_search(in_doc.begin(), in_doc.end(), entity)) selected.push_back(d);
    }
  } else {
    for (int32_t d = 0; d < static_cast<int32_t>(docs.size()); ++d) selected.push_back(d);
  }
  absl::StatusOr<PageBounds> page =
      Page("ListDocuments", request, kDocumentLimits, selected.size());
  if (!page.ok()) return page.status();
  for (size_t i = page->begin; i < page->end; ++i) {
    index_->CopyDocument(selected[i], request.view() == v1::DOCUMENT_VIEW_FULL,
                         response->add_documents());
  }
  response->set_next_page_token(page->next_page_token);
  response->set_total_size(static_cast<int32_t>(selected.size()));
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
  response->set_generation(generation_);
  response->set_corpus_version(corpus_version_);
  return absl::OkStatus();
}

absl::Status Lookup::ListMentions(const v1::ListMentionsRequest& request,
                                  v1::ListMentionsResponse* response) const {
  response->Clear();
  if (absl::Status s = CheckId("entity_id", request.entity_id()); !s.ok()) return s;
  const int32_t entity = index_->EntityIndex(request.entity_id());
  if (entity < 0) {
    return NotFound("entity", request.entity_id(), "find ids by name with SearchEntities");
  }
  const int32_t document =
      request.document_id().empty() ? -1 : index_->DocumentIndex(request.document_id());
  if (!request.document_id().empty() && document < 0) {
    return InvalidArgument("UNKNOWN_DOCUMENT",
                           absl::StrCat("document_id: unknown document \"", request.document_id(),
                                        "\"; list ids with ListDocuments"));
  }
  const MentionRange range = index_->MentionsOf(entity);
  std::vector<int32_t> selected;
  for (int32_t i = range.begin; i < range.end; ++i) {
    if (document < 0 || index_->MentionDocument(i) == document) {
      selected.push_back(i);
    }
  }
  absl::StatusOr<PageBounds> page = Page("ListMentions", request, kMentionLimits, selected.size());
  if (!page.ok()) return page.status();
  for (size_t i = page->begin; i < page->end; ++i) {
    index_->MentionAt(selected[i], response->add_mentions());
  }
  response->set_next_page_token(page->next_page_token);
  response->set_total_size(static_cast<int32_t>(selected.size()));
  return absl::OkStatus();
}

namespace {

// Sets response->suggested_query for a query that found nothing: the closest
// spelling that finds something under the same filter (and stemming), if any.
void SuggestQuery(const TextSearch& search, absl::string_view query, bool stem,
                  const std::vector<QueryClause>& clauses,
                  const std::function<bool(int32_t)>& accepts,
                  v1::SearchDocumentsResponse* response) {
  const std::string suggested = search.SuggestQuery(query, clauses);
  if (suggested.empty()) return;
  absl::StatusOr<std::vector<QueryClause>> again = ParseTextQuery(suggested);
  if (!again.ok()) return;
  if (stem) *again = search.WithForms(*std::move(again));
  if (search.Search(*again, accepts, 0).total > 0) response->set_suggested_query(suggested);
}

}  // namespace

absl::Status Lookup::SearchDocuments(const v1::SearchDocumentsRequest& request,
                                     v1::SearchDocumentsResponse* response) const {
  response->Clear();
  const absl::string_view query = absl::StripAsciiWhitespace(request.query());
  if (query.empty()) {
    return InvalidArgument(
        "INVALID_QUERY",
        "query is empty: pass words or \"a phrase\", e.g. ransomware or \"fake currency\"");
  }
  if (query.size() > kMaxQueryBytes) {
    return InvalidArgument("INVALID_QUERY",
                           absl::StrCat("query is ", query.size(),
                                        " bytes long; shorten it to at most ", kMaxQueryBytes));
  }
  if (absl::Status s = CheckQueryText(query); !s.ok()) return s;
  absl::StatusOr<std::vector<QueryClause>> clauses = ParseTextQuery(query);
  if (!clauses.ok()) return clauses.status();
  const TextSearch& search = index_->text_search();
  if (request.stem()) *clauses = search.WithForms(*std::move(clauses));
  const v1::DocumentFilter& filter = request.filter();
  const bool dated = !filter.from_date().empty() || !filter.to_date().empty();
  absl::StatusOr<DayInterval> range =
      ParseDateRange("filter", filter.from_date(), filter.to_date());
  if (!range.ok()) return InvalidArgument("INVALID_DATE", range.status().message());
  std::vector<int32_t> required_entities;
  for (const std::string& id : filter.mentioned_entity_ids()) {
    const int32_t e = index_->EntityIndex(id);
    if (e < 0) {
      return InvalidArgument("UNKNOWN_ENTITY",
                             absl::StrCat("filter.mentioned_entity_ids: unknown entity \"", id,
                                          "\"; find ids with SearchEntities"));
    }
    required_entities.push_back(e);
  }
  const std::string publisher = NormalizeName(filter.publisher());
  auto accept = [&](int32_t d) {
    const v1::Document& doc = index_->documents()[d];
    if (dated &&
        (doc.published().year() == 0 || !ToDayInterval(doc.published()).Overlaps(*range))) {
      return false;
    }
    if (!publisher.empty() &&
        absl::StrCat(" ", NormalizeName(doc.publisher()), " ")
                .find(absl::StrCat(" ", publisher, " ")) == std::string::npos) {
      return false;
    }
    const auto& in_doc = index_->EntitiesInDocument(d);
    for (int32_t e : required_entities) {
      if (!std::binary_search(in_doc.begin(), in_doc.end(), e)) return false;
    }
    return true;
  };
  const bool filtered = dated || !publisher.empty() || !required_entities.empty();
  const std::function<bool(int32_t)> accepts =
      filtered ? std::function<bool(int32_t)>(accept) : nullptr;
  absl::StatusOr<PageStart> start =
      StartPage("SearchDocuments", request, kDocumentSearchLimits, content_epoch_);
  if (!start.ok()) return start.status();
  // The best up to the page's end: one intersection, whichever page.
  const TextSearchResult result = search.Search(*clauses, accepts, start->offset + start->size);
  const PageBounds bounds = start->Bounds(result.total);
  const std::vector<DocumentHit>& hits = result.hits;
  for (size_t i = bounds.begin; i < bounds.end; ++i) {
    const v1::Document& doc = index_->documents()[hits[i].document];
    v1::DocumentHit* hit = response->add_hits();
    index_->CopyDocument(hits[i].document, /*with_text=*/false, hit->mutable_document());
    hit->set_score(hits[i].score);
    hit->set_score_explanation(search.Explain(result, hits[i], *clauses));
    *hit->add_snippets() = search.MakeSnippet(hits[i].document, doc.text(), *clauses);
  }
  response->set_next_page_token(bounds.next_page_token);
  response->set_total_size(static_cast<int32_t>(result.total));
  if (result.total == 0) SuggestQuery(search, query, request.stem(), *clauses, accepts, response);
  return absl::OkStatus();
}

namespace {

absl::Status CheckLinkText(const v1::LinkMentionsRequest& request) {
  if (request.text().size() > kMaxLinkTextBytes) {
    return InvalidArgument(
        "TEXT_TOO_LARGE",
        absl::StrCat("text is ", request.text().size(), " bytes; split it into parts of at most ",
                     kMaxLinkTextBytes, " bytes (BatchLinkMentions takes up to ", kMaxLinkBatch,
                     ")"));
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status Lookup::LinkMentions(const v1::LinkMentionsRequest& request,
                                  v1::LinkMentionsResponse* response) const {
  response->Clear();
  if (absl::Status s = CheckLinkText(request); !s.ok()) return s;
  index_->LinkMentions(request.text(), response, kMaxLinkResponseBytes);
  return absl::OkStatus();
}

absl::Status Lookup::BatchLinkMentions(const v1::BatchLinkMentionsRequest& request,
                                       v1::BatchLinkMentionsResponse* response,
                                       const std::function<bool()>& cancelled) const {
  response->Clear();
  if (request.requests().empty() || request.requests_size() > kMaxLinkBatch) {
    return InvalidArgument("INVALID_BATCH_SIZE",
                           absl::StrCat("requests has ", request.requests_size(),
                                        " texts; send 1 to ", kMaxLinkBatch));
  }
  for (int i = 0; i < request.requests_size(); ++i) {
    if (absl::Status s = CheckLinkText(request.requests(i)); !s.ok()) {
      response->Clear();
      return WithReason(absl::Status(s.code(), absl::StrCat("requests[", i, "]: ", s.message())),
                        ReasonOf(s));
    }
  }
  // The texts share one answer's room: once it is used up, later texts come
  // back empty and truncated at offset 0.
  size_t room = kMaxLinkResponseBytes;
  for (const v1::LinkMentionsRequest& text : request.requests()) {
    if (cancelled && cancelled()) {
      response->Clear();
      return absl::CancelledError("the call was cancelled or its deadline passed");
    }
    v1::LinkMentionsResponse* linked = response->add_responses();
    if (room == 0) {
      linked->set_truncated(true);
      continue;
    }
    room -= std::min(room, index_->LinkMentions(text.text(), linked, room) + 4);
    if (linked->truncated()) room = 0;
  }
  return absl::OkStatus();
}

}  // namespace parley
