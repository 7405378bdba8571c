#include "service/lookup/extracted_filter.h"

#include <algorithm>
#include <utility>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "service/base/errors.h"

namespace parley {
namespace {

// Confidences are computed (min, max, products): a fact printed as "0.80"
// must not miss a 0.8 floor by a rounding error.
constexpr double kConfidenceTolerance = 1e-9;

// Keeps the elements of a repeated field for which shows(element) holds.
template <typename T, typename Shows>
void KeepShown(google::protobuf::RepeatedPtrField<T>* facts, Shows shows) {
  facts->erase(std::remove_if(facts->begin(), facts->end(),
                              [&shows](const T& fact) { return !shows(fact); }),
               facts->end());
}

// wanted is empty (the filter does not ask) or one of its ids is in ids.
bool AnyOf(const google::protobuf::RepeatedPtrField<std::string>& wanted,
           const absl::flat_hash_set<absl::string_view>& ids) {
  return wanted.empty() || std::any_of(wanted.begin(), wanted.end(),
                                       [&ids](const std::string& id) { return ids.contains(id); });
}

}  // namespace

absl::StatusOr<ExtractedFilter> ExtractedFilter::Make(const v1::ExtractedFactsFilter& filter,
                                                      EntityFinder find_entity) {
  if (!filter.has_min_confidence()) {
    return ExtractedFilter(filter.exclude(), kDefaultMinExtractedConfidence,
                           std::move(find_entity));
  }
  const double floor = filter.min_confidence();
  if (!(floor >= 0 && floor <= 1)) {  // NaN too
    return InvalidArgument(
        "INVALID_CONFIDENCE",
        absl::StrCat("extracted.min_confidence is ", floor,
                     "; give a confidence from 0 to 1 (0 shows every extracted fact), or leave "
                     "it unset for the default, ",
                     kDefaultMinExtractedConfidence));
  }
  return ExtractedFilter(filter.exclude(), floor, std::move(find_entity));
}

bool ExtractedFilter::Shows(v1::Origin origin, double confidence) const {
  if (origin != v1::ORIGIN_EXTRACTED) return true;
  return !exclude_ && confidence >= floor_ - kConfidenceTolerance;
}

bool ExtractedFilter::ShowsPerson(absl::string_view person_id) const {
  const std::optional<EntityView> entity = find_entity_ ? find_entity_(person_id) : std::nullopt;
  return !entity || Shows(*entity);
}

bool ExtractedFilter::Shows(const v1::Participant& participant) const {
  if (participant.origin() != v1::ORIGIN_EXTRACTED) return true;
  return Shows(participant.origin(), participant.confidence()) &&
         ShowsPerson(participant.entity().id());
}

bool ExtractedFilter::Shows(EventParticipantView participant) const {
  if (participant.origin() != v1::ORIGIN_EXTRACTED) return true;
  return Shows(participant.origin(), participant.confidence()) &&
         ShowsPerson(participant.entity().id());
}

bool ExtractedFilter::StillMatches(EventView event, const v1::EventFilter& filter) const {
  auto all_shown = [&] {
    for (int32_t k = 0; k < event.participant_count(); ++k) {
      if (!Shows(event.participant(k))) return false;
    }
    return true;
  };
  if ((filter.participant_ids().empty() && filter.country_ids().empty() &&
       filter.organization_ids().empty()) ||
      all_shown()) {
    return true;  // no participant left out, or no dimension they count in
  }
  // What the event involves without the participants left out.
  absl::flat_hash_set<absl::string_view> people, countries, organizations;
  for (const EventRefView c : event.countries()) countries.insert(c.id());
  for (const EventRefView o : event.organizations()) organizations.insert(o.id());
  for (int32_t k = 0; k < event.participant_count(); ++k) {
    const EventParticipantView p = event.participant(k);
    if (!Shows(p)) continue;
    people.insert(p.entity().id());
    if (p.has_side()) countries.insert(p.side().id());
    if (p.has_organization()) organizations.insert(p.organization().id());
  }
  return AnyOf(filter.participant_ids(), people) && AnyOf(filter.country_ids(), countries) &&
         AnyOf(filter.organization_ids(), organizations);
}

void ExtractedFilter::RemoveHidden(v1::Entity* entity) const {
  auto shows = [this](const auto& fact) { return Shows(fact); };
  KeepShown(entity->mutable_evidence(), shows);
  KeepShown(entity->mutable_positions(), shows);
  for (v1::Position& position : *entity->mutable_positions()) {
    KeepShown(position.mutable_evidence(), shows);
  }
}

void ExtractedFilter::RemoveHidden(v1::Event* event) const {
  auto shows = [this](const auto& fact) { return Shows(fact); };
  KeepShown(event->mutable_evidence(), shows);
  KeepShown(event->mutable_participants(), shows);
  for (v1::Participant& participant : *event->mutable_participants()) {
    KeepShown(participant.mutable_evidence(), shows);
  }
}

void ExtractedFilter::RemoveHidden(v1::Participation* row) const {
  KeepShown(row->mutable_evidence(), [this](const v1::Evidence& e) { return Shows(e); });
}

}  // namespace parley
