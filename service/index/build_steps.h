// The steps of an index build, in the order IndexBuilder runs them. Each
// fills a part of the IndexData and records problems in the context; one
// file a step (or a pair of close steps). Internal to service/index/.
#ifndef PARLEY_SERVICE_INDEX_BUILD_STEPS_H_
#define PARLEY_SERVICE_INDEX_BUILD_STEPS_H_

#include <vector>

#include "absl/functional/function_ref.h"
#include "absl/time/time.h"
#include "parley/v1/knowledge_base.pb.h"
#include "service/extract/uncited_articles.h"
#include "service/index/build_context.h"

namespace parley {

// curated_entities.cc: topics (with the parent closure checked), then
// entities with their positions; references may point forward.
void AddCuratedTopics(BuildContext& c, const std::vector<const v1::TopicRecord*>& records);
// The curated entity records of a build, in order: each file's parsed
// records, then its packed ones (Corpus::Options::pack_entities).
// Thread-safety: const methods are safe from any number of threads.
class EntityRecords {
 public:
  // Appends file's entity records. REQUIRES: file outlives every Get of
  // them.
  void Add(const KnowledgeBaseFile& file);
  size_t size() const { return size_; }
  // Record i: the parsed record, or the packed one parsed into *scratch;
  // nullptr if it does not parse back (Lost(i) says so). REQUIRES: i < size().
  const v1::EntityRecord* Get(size_t i, v1::EntityRecord* scratch) const;
  // The same with only the id and kind set in a packed record (a scan of
  // its bytes, not a parse).
  const v1::EntityRecord* GetIdAndKind(size_t i, v1::EntityRecord* scratch) const;
  // The problem of record i when it does not parse back: where, and what.
  void AddLostProblem(size_t i, ProblemList* problems) const;

 private:
  struct Part {
    size_t begin;  // the number of the file's first record
    const KnowledgeBaseFile* file;
  };
  // Where record i is: its file, and either the parsed record or its
  // number among the file's packed ones.
  struct Place {
    const KnowledgeBaseFile* file;
    const v1::EntityRecord* parsed;  // nullptr when packed
    size_t packed;
  };
  Place PlaceOf(size_t i) const;

  std::vector<Part> parts_;
  size_t size_ = 0;
};

// The entities in two steps. First each record's id, checked and recorded
// in c.entity_ids, and its kind, set in c.data.entities (so that
// references may point forward, checked by kind); returns the records kept
// (their numbers in records), in order. It reads only the records, and
// writes only entity_ids, the entities' kinds and c's problems: it may run
// beside the assembly of the corpus's documents.
std::vector<size_t> TakeCuratedEntityIds(BuildContext& c, const EntityRecords& records);
// Then the rest of each kept record. done(k) says that records [0, k) are
// no longer read (k grows; the last call gives records.size()): the caller
// may free their files. REQUIRES: kept is TakeCuratedEntityIds's, and the
// documents are in c.data (evidence quotes are found in them).
void FillCuratedEntities(BuildContext& c, const EntityRecords& records,
                         const std::vector<size_t>& kept,
                         absl::FunctionRef<void(size_t records_done)> done);

// curated_events.cc: events with their participants, sorted by date.
// REQUIRES: entities added.
void AddCuratedEvents(BuildContext& c, const std::vector<const v1::EventRecord*>& records);

// extracted_facts.cc: marks every curated event and participant CURATED
// (entities and positions are marked by their fill), then joins what the
// extractor found (see the file's comment).
void MergeExtractedFacts(BuildContext& c, std::vector<ArticleExtraction> extractions);
// Sets x's events, event_days and event_by_id from all, in date order
// (first day, last day, then id).
void SetEventsInDateOrder(IndexData& x, std::vector<std::pair<DayInterval, v1::Event>> all);

// reviews.cc: an analyst's decisions applied to the extracted facts:
// accepted and corrected ones become CURATED with their review, rejected
// ones are removed with every reference to them; a decision whose fact is
// not found is counted in orphan_reviews.
void ApplyReviews(BuildContext& c, const std::vector<const v1::ReviewRecord*>& records);

// external_anchors.cc: each RESOLVED event date whose evidence's articles
// all have an EXTERNAL publication date is marked anchored_externally.
// REQUIRES: the events final (after reviews), before BuildParticipations
// copies their dates into positions.
void MarkExternallyAnchoredDates(IndexData& x);

// participations.cc: participation rows, event postings, event counts, the
// dates positions were held and the people of each document's events; then
// entities sorted by kind and name and frozen into entity_store. Empties
// c.entity_ids (the entities are renumbered; entity_store.Find() is the
// map from then on).
void BuildParticipations(BuildContext& c);

// name_and_mention_steps.cc: the name index; the mention matcher with its
// pre-sorted candidates; every document's mentions (on two threads).
void BuildNameIndex(IndexData& x);
void BuildMentionMatcher(IndexData& x);
void FindMentions(IndexData& x);

// build_info.cc: counts, content hash, data directory and build time.
void FillBuildInfo(BuildContext& c, absl::Duration took);

}  // namespace parley

#endif  // PARLEY_SERVICE_INDEX_BUILD_STEPS_H_
