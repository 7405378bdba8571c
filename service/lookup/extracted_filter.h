// Which extracted facts a read shows (v1::ExtractedFactsFilter): the one
// rule every read applies to facts read from unannotated articles (Origin
// EXTRACTED).
//
// A curated fact always shows. An extracted fact shows unless the filter
// excludes extracted facts or its confidence is below the floor:
// min_confidence when the request sets it, else
// kDefaultMinExtractedConfidence. An extracted participant or participation
// row also needs its person shown. A read behaves as if the facts it does
// not show were not there: it neither returns them nor matches on them.
//
// Thread-safety: an ExtractedFilter is an immutable value; its methods are
// const and safe to call concurrently.
#ifndef PARLEY_SERVICE_LOOKUP_EXTRACTED_FILTER_H_
#define PARLEY_SERVICE_LOOKUP_EXTRACTED_FILTER_H_

#include <functional>
#include <optional>
#include <utility>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "parley/v1/lookup_service.pb.h"
#include "parley/v1/resources.pb.h"
#include "service/index/entity_store.h"
#include "service/index/participation_view.h"

namespace parley {

// The floor of reads that leave extracted.min_confidence unset. Chosen from
// the calibration of the extractor's confidences (docs/EXTRACTION.md,
// "Calibration"): on its evaluation sets, extracted facts at confidence
// >= 0.8 are right about 90% of the time or more (0.94 on the development
// set, 0.898 on the blind set's first run), and lower bands less often.
inline constexpr double kDefaultMinExtractedConfidence = 0.8;

class ExtractedFilter {
 public:
  // The entity with an id, or nullopt (Index::FindEntity).
  using EntityFinder = std::function<std::optional<EntityView>(absl::string_view id)>;

  // The filter of a request. find_entity looks up the persons of extracted
  // participants and rows. INVALID_ARGUMENT (INVALID_CONFIDENCE), naming
  // extracted.min_confidence, when min_confidence is set outside 0 to 1.
  [[nodiscard]] static absl::StatusOr<ExtractedFilter> Make(const v1::ExtractedFactsFilter& filter,
                                                            EntityFinder find_entity);

  // The confidence extracted facts need: min_confidence or the default.
  double floor() const { return floor_; }

  // Whether a fact of this origin and confidence shows.
  bool Shows(v1::Origin origin, double confidence) const;
  // For an Entity, Position, Event or Evidence.
  template <typename Fact>
  bool Shows(const Fact& fact) const {
    return Shows(fact.origin(), fact.confidence());
  }
  // An extracted participant or row shows with its person only.
  bool Shows(const v1::Participant& participant) const;
  bool Shows(EventParticipantView participant) const;
  bool Shows(const ParticipationView& row) const { return ShowsRow(row); }
  bool Shows(const v1::Participation& row) const { return ShowsRow(row); }

  // Whether an event that the index matched to filter's participant,
  // country and organization ids still matches without the participants
  // that do not show (the index counts their sides and organizations too).
  bool StillMatches(EventView event, const v1::EventFilter& filter) const;

  // Remove what does not show: an entity's positions and evidence quotes
  // (its own and its positions'); an event's participants and evidence
  // quotes (its own and its participants'); a row's evidence quotes. The
  // fact itself is the caller's to check.
  void RemoveHidden(v1::Entity* entity) const;
  void RemoveHidden(v1::Event* event) const;
  void RemoveHidden(v1::Participation* row) const;

 private:
  ExtractedFilter(bool exclude, double floor, EntityFinder find_entity)
      : exclude_(exclude), floor_(floor), find_entity_(std::move(find_entity)) {}

  // Whether the person of an extracted participant or row shows; an id the
  // index does not know is not held against the fact.
  bool ShowsPerson(absl::string_view person_id) const;
  // A participation row (a message or a view of the index) shows when its
  // confidence does and, if extracted, its person does.
  template <typename Row>
  bool ShowsRow(const Row& row) const {
    if (row.origin() != v1::ORIGIN_EXTRACTED) return true;
    return Shows(row.origin(), row.confidence()) && ShowsPerson(row.person().id());
  }

  bool exclude_;
  double floor_;
  EntityFinder find_entity_;
};

}  // namespace parley

#endif  // PARLEY_SERVICE_LOOKUP_EXTRACTED_FILTER_H_
