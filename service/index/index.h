// The in-memory index of a corpus: entities, events, participations and
// documents, with every reference resolved and every quote located.
//
// Build-then-freeze: Index::Build() validates a Corpus completely (all
// problems at once, each with file and line) and returns an immutable Index,
// or nothing. All methods are const, take no lock and are safe to call from
// any number of threads. The Index owns all its data; pointers it returns
// live as long as it does.
#ifndef PARLEY_SERVICE_INDEX_INDEX_H_
#define PARLEY_SERVICE_INDEX_INDEX_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/functional/function_ref.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "parley/v1/lookup_service.pb.h"
#include "parley/v1/resources.pb.h"
#include "service/base/dates.h"
#include "service/corpus/corpus.h"
#include "service/extract/uncited_articles.h"
#include "service/index/event_store.h"
#include "service/index/evidence_quotes.h"
#include "service/index/index_data.h"
#include "service/index/mentions.h"
#include "service/index/name_index.h"
#include "service/index/participation_view.h"
#include "service/index/text_search.h"

namespace parley {

// How much the corpus says about an entity, for ranking: 0.5 x events /
// (events + 1), below 0.5.
inline double CorpusWeight(int32_t event_count) { return 0.5 * event_count / (event_count + 1.0); }

class Index {
 public:
  // Validates and indexes a corpus and the facts extracted from its
  // uncited articles (extract/uncited_articles.h). Reads no files; a
  // half-built index never leaves. Errors: INVALID_ARGUMENT listing every
  // problem with file, line and what to fix.
  [[nodiscard]] static absl::StatusOr<std::unique_ptr<const Index>> Build(
      Corpus corpus, std::vector<ArticleExtraction> extractions);

  // The whole pipeline: Corpus::Read(data_dir), the documents assembled,
  // uncited articles read by the extractor with data_dir/lexicons, Build().
  [[nodiscard]] static absl::StatusOr<std::unique_ptr<const Index>> Load(
      const std::string& data_dir);
  // The same pipeline over a corpus given in memory (Corpus::Options::files,
  // named name in problems), with the lexicons of lexicon_dir ("" = none).
  [[nodiscard]] static absl::StatusOr<std::unique_ptr<const Index>> Load(
      const std::string& name, const std::vector<CorpusFile>& files,
      const std::string& lexicon_dir);

  Index(const Index&) = delete;
  Index& operator=(const Index&) = delete;

  // nullopt when unknown.
  std::optional<EntityView> FindEntity(absl::string_view id) const;
  // nullopt when unknown.
  std::optional<EventView> FindEvent(absl::string_view id) const;
  // nullptr when unknown.
  const v1::Document* FindDocument(absl::string_view id) const;
  const v1::Topic* FindTopic(absl::string_view id) const;

  // Sorted by kind, then name; a message is made per response
  // (EntityView::CopyTo).
  const EntityStore& entities() const { return d_.entity_store; }
  // Sorted by date (first day, then last day), then id. Their evidence
  // cites documents by offsets, without quotes (evidence_quotes.h):
  // CopyEvent() makes the message a response gives.
  const EventStore& events() const { return d_.event_store; }
  // *out = event with its evidence's quotes. REQUIRES: event is one of events().
  void CopyEvent(EventView event, v1::Event* out) const {
    event.CopyTo(out);
    quotes().Restore(out);
  }
  // Restores the quotes of evidence copied from events() (evidence_quotes.h).
  EvidenceQuotes quotes() const { return EvidenceQuotes(d_.documents, d_.document_by_id); }
  const std::vector<DayInterval>& event_days() const { return d_.event_days; }
  // Sorted by publication date, then id; undated documents last. Without
  // their mentioned_entities and participants_of_events: CopyDocument()
  // makes the whole message.
  const std::vector<v1::Document>& documents() const { return d_.documents; }
  // Document d as a response gives it (with_text false: without its text).
  // REQUIRES: d is valid.
  void CopyDocument(int32_t d, bool with_text, v1::Document* out) const;
  const std::vector<v1::Topic>& topics() const { return d_.topics; }
  // Participation rows, numbered in event order, then participant order
  // within the event.
  int32_t participation_count() const { return static_cast<int32_t>(d_.participations.size()); }
  ParticipationView participation(int32_t row) const {
    const auto [event, participant] = d_.participations[row];
    return ParticipationView(d_.event_store[event], participant, quotes());
  }
  // Row number ranges per event: [begin, end).
  std::pair<int32_t, int32_t> ParticipationsOfEvent(int32_t event) const {
    return d_.participation_ranges[event];
  }

  // Events (indices into events(), ascending) matching every set dimension of
  // the filter, not counting dates. Unknown ids match nothing.
  // REQUIRES: topics in the filter are known (see FindTopic).
  std::vector<int32_t> EventsMatching(const v1::EventFilter& filter) const;

  // Entities whose names, aliases or name endings match query, best first
  // (see name_index.h for the ranking): at least limit of those accept()
  // takes, when there are that many. A query that matches no name or alias
  // exactly is also searched without the titles before it
  // (TitleFreeNameKey: "PM Modi", "Secretary Clinton"); an entity found both
  // ways keeps its better match. ExplainHit() words a match's score (for
  // the matches actually returned: formatting is most of a search's cost
  // otherwise).
  NameSearchResult SearchNames(absl::string_view query, size_t limit,
                               absl::FunctionRef<bool(int32_t entity)> accept) const;
  std::string ExplainHit(const NameMatch& hit) const;
  // The name or alias a hit matched, as written.
  absl::string_view MatchedName(const NameMatch& hit) const {
    const NameEntry& entry = d_.names.entry(hit.entry);
    return d_.entity_store[entry.entity].NameNumbered(entry.name);
  }
  // The same into *out, replacing what it held (a response's own string).
  void ExplainHit(const NameMatch& hit, std::string* out) const;

  // Every mention of every entity in every document is numbered, grouped by
  // entity (in entities() order), each group in document order:
  // MentionsOf(entity) is the entity's range of numbers.
  MentionRange MentionsOf(int32_t entity) const { return d_.mention_ranges[entity]; }
  // The document (index into documents()) of mention i.
  int32_t MentionDocument(int32_t i) const { return d_.mentions[i].document; }
  // Mention i as a message: entity, document, surface and offsets in bytes,
  // code points and UTF-16 units. REQUIRES: i is in a MentionsOf() range.
  void MentionAt(int32_t i, v1::Mention* out) const;
  int32_t EntityIndex(absl::string_view id) const;
  int32_t DocumentIndex(absl::string_view id) const;
  // Entities (indices) a document mentions. REQUIRES: document is valid.
  const std::vector<int32_t>& EntitiesInDocument(int32_t document) const {
    return d_.entities_in_document[document];
  }

  // Spans of text that refer to known entities, with their candidates (the
  // best kMaxLinkCandidates), and unlinked spans that look like names.
  static constexpr size_t kMaxLinkCandidates = 10;
  // Appends them to response->spans(), in text order, until the spans take
  // max_response_bytes serialized; then sets response->truncated() and
  // resume_offset() to the start of the first span left out. Returns the
  // serialized bytes the kept spans take.
  size_t LinkMentions(absl::string_view text, v1::LinkMentionsResponse* response,
                      size_t max_response_bytes = SIZE_MAX) const;

  const TextSearch& text_search() const { return d_.text_search; }
  const NameIndex& names() const { return d_.names; }

  const v1::IndexInfo& info() const { return d_.info; }

  // Backs the arrays a name lookup or LinkMentions reads (the name index's,
  // the entity rows, the mention matcher's) with 2 MB pages (base/huge_pages.h): fewer TLB misses
  // on a large index. Takes ~0.3 s at 1M entities and changes no answer; safe while lookups run, so
  // a server does it beside serving. Returns the bytes so backed.
  size_t BackWithHugePages() const;

 private:
  friend class IndexBuilder;
  friend class IndexSnapshotCodec;  // snapshot.cc
  explicit Index(IndexData data) : d_(std::move(data)) {}

  IndexData d_;
};

}  // namespace parley

#endif  // PARLEY_SERVICE_INDEX_INDEX_H_
