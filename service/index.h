// The in-memory index of a corpus: entities, events, participations and
// documents, with every reference resolved and every quote located.
//
// Build-then-freeze: Index::Build() validates a Corpus completely (all
// problems at once, each with file and line) and returns an immutable Index,
// or nothing. All methods are const, take no lock and are safe to call from
// any number of threads. The Index owns all its data; pointers it returns
// live as long as it does.
#ifndef PARLEY_SERVICE_INDEX_H_
#define PARLEY_SERVICE_INDEX_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/functional/function_ref.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "corpus.h"
#include "dates.h"
#include "mentions.h"
#include "name_index.h"
#include "parley/v1/lookup_service.pb.h"
#include "parley/v1/resources.pb.h"
#include "text_search.h"

namespace parley {

// How much the corpus says about an entity, for ranking: 0.5 x events /
// (events + 1), below 0.5.
inline double CorpusWeight(const v1::Entity& entity) {
  return 0.5 * entity.event_count() / (entity.event_count() + 1.0);
}

// Mentions of one entity: a range of Index::mentions().
struct MentionRange {
  int32_t begin = 0;
  int32_t end = 0;
};

class Index {
 public:
  // Validates and indexes a corpus. Errors: INVALID_ARGUMENT listing every
  // problem with file, line and what to fix.
  static absl::StatusOr<std::unique_ptr<const Index>> Build(Corpus corpus);

  // Corpus::Read(data_dir) followed by Build().
  static absl::StatusOr<std::unique_ptr<const Index>> Load(const std::string& data_dir);

  Index(const Index&) = delete;
  Index& operator=(const Index&) = delete;

  // nullptr when unknown.
  const v1::Entity* FindEntity(absl::string_view id) const;
  const v1::Event* FindEvent(absl::string_view id) const;
  const v1::Document* FindDocument(absl::string_view id) const;
  const v1::Topic* FindTopic(absl::string_view id) const;

  // Sorted by kind, then name.
  const std::vector<v1::Entity>& entities() const { return entities_; }
  // Sorted by date (first day, then last day), then id.
  const std::vector<v1::Event>& events() const { return events_; }
  const std::vector<DayInterval>& event_days() const { return event_days_; }
  // Sorted by publication date, then id; undated documents last.
  const std::vector<v1::Document>& documents() const { return documents_; }
  const std::vector<v1::Topic>& topics() const { return topics_; }
  // In event order, then participant order within the event.
  const std::vector<v1::Participation>& participations() const {
    return participations_;
  }
  // participations() index ranges per event: [begin, end).
  std::pair<int32_t, int32_t> ParticipationsOfEvent(int32_t event) const {
    return participation_ranges_[event];
  }

  // Events (indices into events(), ascending) matching every set dimension of
  // the filter, not counting dates. Unknown ids match nothing.
  // REQUIRES: topics in the filter are known (see FindTopic).
  std::vector<int32_t> EventsMatching(const v1::EventFilter& filter) const;

  // Entities whose names, aliases or name endings match query, best first
  // (see name_index.h for the ranking): at least limit of those accept()
  // takes, when there are that many. ExplainHit() words a match's score (for
  // the matches actually returned: formatting is most of a search's cost
  // otherwise).
  NameSearchResult SearchNames(absl::string_view query, size_t limit,
                               absl::FunctionRef<bool(int32_t entity)> accept) const;
  std::string ExplainHit(const NameMatch& hit) const;

  // Every mention of every entity in every document, grouped by entity (in
  // entities() order), each group in document order.
  const std::vector<v1::Mention>& mentions() const { return mentions_; }
  MentionRange MentionsOf(int32_t entity) const { return mention_ranges_[entity]; }
  int32_t EntityIndex(absl::string_view id) const;
  int32_t DocumentIndex(absl::string_view id) const;
  // Entities (indices) a document mentions. REQUIRES: document is valid.
  const std::vector<int32_t>& EntitiesInDocument(int32_t document) const {
    return entities_in_document_[document];
  }

  // Spans of text that refer to known entities, with their candidates (the
  // best kMaxLinkCandidates), and unlinked spans that look like names.
  static constexpr size_t kMaxLinkCandidates = 10;
  // Appends them to response->spans(), in text order.
  void LinkMentions(absl::string_view text, v1::LinkMentionsResponse* response) const;

  const TextSearch& text_search() const { return text_search_; }
  const NameIndex& names() const { return names_; }

  const v1::IndexInfo& info() const { return info_; }

 private:
  friend class IndexBuilder;
  Index() = default;

  std::vector<v1::Entity> entities_;
  std::vector<v1::Event> events_;
  std::vector<DayInterval> event_days_;
  std::vector<v1::Document> documents_;
  std::vector<v1::Topic> topics_;
  std::vector<v1::Participation> participations_;
  std::vector<std::pair<int32_t, int32_t>> participation_ranges_;

  absl::flat_hash_map<std::string, int32_t> entity_by_id_;
  absl::flat_hash_map<std::string, int32_t> event_by_id_;
  absl::flat_hash_map<std::string, int32_t> document_by_id_;
  absl::flat_hash_map<std::string, int32_t> topic_by_id_;

  // Event postings, ascending event indices. Topic postings include events
  // of every sub-topic.
  absl::flat_hash_map<std::string, std::vector<int32_t>> events_by_participant_;
  absl::flat_hash_map<std::string, std::vector<int32_t>> events_by_country_;
  absl::flat_hash_map<std::string, std::vector<int32_t>> events_by_organization_;
  absl::flat_hash_map<std::string, std::vector<int32_t>> events_by_topic_;
  absl::flat_hash_map<int, std::vector<int32_t>> events_by_kind_;

  // How LinkMentions ranks the candidates of a span: by kind, and several
  // share by how much the corpus says about each (LinkWeight).
  double LinkWeight(const MentionPattern& pattern) const;
  double LinkScore(const MentionPattern& pattern, size_t candidates, double total_weight) const;

  NameIndex names_;
  MentionMatcher matcher_;
  // Parallel to the matcher's outputs: each candidate's score when all of
  // its node's candidates accept the words.
  std::vector<double> link_scores_;
  TextSearch text_search_;
  std::vector<v1::Mention> mentions_;
  std::vector<MentionRange> mention_ranges_;              // per entity
  std::vector<std::vector<int32_t>> entities_in_document_;  // per document

  v1::IndexInfo info_;
};

}  // namespace parley

#endif  // PARLEY_SERVICE_INDEX_H_
