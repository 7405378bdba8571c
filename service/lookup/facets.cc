#include "service/lookup/facets.h"

#include <algorithm>
#include <string>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "service/base/errors.h"

namespace parley {
namespace {

// value -> (label, count) for one facet.
class Counter {
 public:
  void Add(absl::string_view value, absl::string_view label) {
    auto [it, added] = buckets_.try_emplace(value, label, 0);
    ++it->second.second;
  }

  void Write(v1::FacetField field, v1::Facet* out) const {
    out->set_field(field);
    std::vector<std::pair<std::string, std::pair<std::string, int32_t>>> sorted(buckets_.begin(),
                                                                                buckets_.end());
    std::sort(sorted.begin(), sorted.end(), [](const auto& a, const auto& b) {
      if (a.second.second != b.second.second) return a.second.second > b.second.second;
      return a.first < b.first;
    });
    for (const auto& [value, label_count] : sorted) {
      v1::FacetBucket* bucket = out->add_buckets();
      bucket->set_value(value);
      bucket->set_label(label_count.first);
      bucket->set_count(label_count.second);
    }
  }

 private:
  absl::flat_hash_map<std::string, std::pair<std::string, int32_t>> buckets_;
};

std::string YearOf(const v1::FuzzyDate& date) {
  return date.year() > 0 ? absl::StrCat(date.year()) : "unknown";
}

// "EVENT_KIND_AGREEMENT_SIGNING" -> "agreement signing".
std::string KindLabel(v1::EventKind kind) {
  std::string name = v1::EventKind_Name(kind);
  absl::string_view rest(name);
  rest.remove_prefix(std::min(rest.size(), sizeof("EVENT_KIND_") - 1));
  return absl::AsciiStrToLower(absl::StrReplaceAll(rest, {{"_", " "}}));
}

std::string TopicLabel(const Index& index, absl::string_view id) {
  const v1::Topic* topic = index.FindTopic(id);
  return topic == nullptr ? std::string(id) : topic->name();
}

// One event's (or row's) values of a field, through add(value, label).
template <typename Add>
void EventValues(const Index& index, EventView e, v1::FacetField field, Add add) {
  switch (field) {
    case v1::FACET_FIELD_YEAR:
      add(YearOf(e.date()), YearOf(e.date()));
      break;
    case v1::FACET_FIELD_KIND:
      add(v1::EventKind_Name(e.kind()), KindLabel(e.kind()));
      break;
    case v1::FACET_FIELD_COUNTRY:
      for (const EventRefView c : e.countries()) add(c.id(), c.name());
      break;
    case v1::FACET_FIELD_TOPIC:
      for (const absl::string_view t : e.topics()) add(t, TopicLabel(index, t));
      break;
    case v1::FACET_FIELD_ORGANIZATION:
      for (const EventRefView o : e.organizations()) add(o.id(), o.name());
      break;
    default:
      break;
  }
}

template <typename Add>
void RowValues(const Index& index, const ParticipationView& row, v1::FacetField field, Add add) {
  switch (field) {
    case v1::FACET_FIELD_YEAR:
      add(YearOf(row.event_date()), YearOf(row.event_date()));
      break;
    case v1::FACET_FIELD_KIND:
      add(v1::EventKind_Name(row.event_kind()), KindLabel(row.event_kind()));
      break;
    case v1::FACET_FIELD_COUNTRY:
      if (!row.side().id().empty()) add(row.side().id(), row.side().name());
      break;
    case v1::FACET_FIELD_TOPIC:
      for (const absl::string_view t : row.event_topics()) add(t, TopicLabel(index, t));
      break;
    case v1::FACET_FIELD_ORGANIZATION:
      if (!row.organization().id().empty()) add(row.organization().id(), row.organization().name());
      break;
    default:
      break;
  }
}

// Counts each field's values over items; values_of(item, field, add) calls
// add(value, label) for each value an item has.
template <typename ValuesOf>
void CountFacets(const std::vector<int32_t>& items, const FacetFields& fields,
                 google::protobuf::RepeatedPtrField<v1::Facet>* out, ValuesOf values_of) {
  if (fields.empty()) return;
  std::vector<Counter> counters(fields.size());
  for (int32_t item : items) {
    for (int i = 0; i < fields.size(); ++i) {
      values_of(item, static_cast<v1::FacetField>(fields[i]),
                [&](absl::string_view v, absl::string_view l) { counters[i].Add(v, l); });
    }
  }
  for (int i = 0; i < fields.size(); ++i) {
    counters[i].Write(static_cast<v1::FacetField>(fields[i]), out->Add());
  }
}

}  // namespace

absl::Status CheckFacetFields(const FacetFields& fields) {
  absl::flat_hash_set<int> seen;
  for (int f : fields) {
    if (!v1::FacetField_IsValid(f) || f == v1::FACET_FIELD_UNSPECIFIED) {
      return InvalidArgument("UNKNOWN_ENUM_VALUE",
                             absl::StrCat("facets has an unknown or unspecified value ", f,
                                          ": use FACET_FIELD_YEAR, _KIND, _COUNTRY, _TOPIC or "
                                          "_ORGANIZATION"));
    }
    if (!seen.insert(f).second) {
      return InvalidArgument(
          "DUPLICATE_FACET",
          absl::StrCat("facets asks for ", v1::FacetField_Name(static_cast<v1::FacetField>(f)),
                       " twice: ask for each field once"));
    }
  }
  return absl::OkStatus();
}

void AddEventFacets(const Index& index, const std::vector<int32_t>& events,
                    const FacetFields& fields, google::protobuf::RepeatedPtrField<v1::Facet>* out) {
  CountFacets(events, fields, out, [&index](int32_t e, v1::FacetField field, auto add) {
    EventValues(index, index.events()[e], field, add);
  });
}

void AddParticipationFacets(const Index& index, const std::vector<int32_t>& rows,
                            const FacetFields& fields,
                            google::protobuf::RepeatedPtrField<v1::Facet>* out) {
  CountFacets(rows, fields, out, [&index](int32_t r, v1::FacetField field, auto add) {
    RowValues(index, index.participation(r), field, add);
  });
}

}  // namespace parley
