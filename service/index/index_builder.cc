#include "service/index/index_builder.h"

#include <utility>

#include "absl/time/clock.h"
#include "google/protobuf/util/time_util.h"
#include "service/base/run_concurrently.h"
#include "service/index/build_steps.h"
#include "service/index/evidence_quotes.h"

namespace parley {

IndexBuilder::IndexBuilder(Corpus corpus, std::vector<ArticleExtraction> extractions)
    : corpus_(std::move(corpus)), extractions_(std::move(extractions)), context_(corpus_, data_) {}

IndexBuilder::IndexBuilder(Corpus corpus, Extractor extract)
    : corpus_(std::move(corpus)), extract_(std::move(extract)), context_(corpus_, data_) {}

IndexBuilder::~IndexBuilder() {
  if (text_thread_.joinable()) text_thread_.join();
}

absl::StatusOr<std::unique_ptr<const Index>> IndexBuilder::Build() {
  const absl::Time start = absl::Now();
  Phase("read", corpus_.read_duration());
  if (corpus_.documents_assembled()) Phase("articles assembled", corpus_.assemble_duration());
  absl::Time phase_start = absl::Now();
  auto timed = [this, &phase_start](const char* name, auto&& step) {
    step();
    const absl::Time now = absl::Now();
    Phase(name, now - phase_start);
    phase_start = now;
  };
  BuildContext& c = context_;
  {
    std::vector<const v1::TopicRecord*> topics;
    EntityRecords entities;
    std::vector<const v1::EventRecord*> events;
    // Files of entities only, with where their records end in entities.
    std::vector<std::pair<size_t, const v1::KnowledgeBase*>> entity_files;
    for (const auto& file : corpus_.kb_files()) {
      for (const auto& r : file->kb->reviews()) reviews_.push_back(&r);
      for (const auto& r : file->kb->topics()) topics.push_back(&r);
      entities.Add(*file);
      for (const auto& r : file->kb->events()) events.push_back(&r);
      if (file->kb->events().empty() && file->kb->reviews().empty()) {
        entity_files.emplace_back(entities.size(), file->kb);
      }
    }
    // The entities' ids, and beside them (when the corpus came with an
    // extractor) the documents' assembly and the extraction.
    std::vector<size_t> kept;
    if (extract_) {
      absl::StatusOr<std::vector<ArticleExtraction>> extracted;
      BuildContext ids(BuildContext::HelperOf{c});
      absl::Duration ids_took, extraction_took;
      timed("assembly, extraction and entity ids", [&] {
        RunConcurrently({[&] {
                           corpus_.AssembleDocuments();
                           const absl::Time at = absl::Now();
                           extracted = extract_(corpus_);
                           extraction_took = absl::Now() - at;
                         },
                         [&] {
                           const absl::Time at = absl::Now();
                           kept = TakeCuratedEntityIds(ids, entities);
                           ids_took = absl::Now() - at;
                         }});
      });
      Phase("articles assembled (in parallel)", corpus_.assemble_duration());
      Phase("uncited articles extracted (in parallel)", extraction_took);
      Phase("entity ids (in parallel)", ids_took);
      c.MergeHelper(std::move(ids));
      if (!extracted.ok()) return extracted.status();
      extractions_ = *std::move(extracted);
    }
    timed("documents", [&] {
      AddCuratedTopics(c, topics);
      corpus_.AssembleDocuments();
      c.problems.Merge(corpus_.TakeProblems());
      data_.documents = corpus_.TakeDocuments();
      for (int32_t i = 0; i < static_cast<int32_t>(data_.documents.size()); ++i) {
        data_.document_by_id[data_.documents[i].id()] = i;
      }
    });
    // Each file's records are freed once no later step reads them: at 1M
    // entities the events' records and the packed entities are ~0.25 GB
    // (parsed, the entities alone were 0.6 GB), and the entity table and event
    // messages grow beside them. A file of entities only goes as
    // soon as its last entity is built (the peak was both at once).
    // (Problems hold copies of their locations, not the records.)
    size_t next_file = 0;
    timed("entities", [&] {
      if (!extract_) kept = TakeCuratedEntityIds(c, entities);
      FillCuratedEntities(c, entities, kept, [&](size_t records_done) {
        while (next_file < entity_files.size() && entity_files[next_file].first <= records_done) {
          const v1::KnowledgeBase* done = entity_files[next_file++].second;
          corpus_.ReleaseKnowledgeBaseFiles(
              [done](const v1::KnowledgeBase& kb) { return &kb == done; });
        }
      });
    });
    entities = EntityRecords();
    timed("events", [&] { AddCuratedEvents(c, events); });
    events.clear();
    corpus_.ReleaseKnowledgeBaseFiles(
        [](const v1::KnowledgeBase& kb) { return kb.reviews().empty(); });
  }
  if (!c.problems.empty()) return c.problems.ToStatus();
  timed("extraction", [&] {
    MergeExtractedFacts(c, std::move(extractions_));
    ApplyReviews(c, reviews_);
  });
  if (!c.problems.empty()) return c.problems.ToStatus();
  // The records are checked and copied into the index: free them before the
  // index grows its derived structures.
  corpus_.ReleaseKnowledgeBase();
  StartTextIndex();
  timed("participations", [&] {
    // The events are final: the extracted evidence's quotes go too
    // (evidence_quotes.h).
    const EvidenceQuotes quotes(data_.documents, data_.document_by_id);
    for (v1::Event& event : data_.events) quotes.Drop(&event);
    MarkExternallyAnchoredDates(data_);
    BuildParticipations(c);  // and freezes the events (event_store.h)
  });
  absl::Duration matcher_duration, mentions_duration;
  timed("names and mentions", [&] {
    // The name index on one thread; on the other the mention matcher and
    // then the mentions it finds, which read no part of the name index
    // (they set each row's mention count, a field the name index does not
    // read): the name index takes longer than the matcher, and its last
    // part had a core to itself.
    RunConcurrently({[this] { BuildNameIndex(data_); },
                     [this, &matcher_duration, &mentions_duration] {
                       absl::Time at = absl::Now();
                       BuildMentionMatcher(data_);
                       matcher_duration = absl::Now() - at;
                       at = absl::Now();
                       FindMentions(data_);
                       mentions_duration = absl::Now() - at;
                     }});
  });
  Phase("mention matcher (in parallel)", matcher_duration);
  Phase("mentions (in parallel)", mentions_duration);
  text_thread_.join();  // done long ago: it started before the participations
  Phase("text index (in parallel)", text_index_duration_);
  data_.text_search = std::move(text_search_);
  FillBuildInfo(c, absl::Now() - start);
  return std::unique_ptr<const Index>(new Index(std::move(data_)));
}

void IndexBuilder::StartTextIndex() {
  std::vector<absl::string_view> texts;
  texts.reserve(data_.documents.size());
  // The texts are not modified again: their bytes stay where they are.
  for (const v1::Document& d : data_.documents) texts.push_back(d.text());
  text_thread_ = std::thread([this, texts = std::move(texts)] {
    const absl::Time start = absl::Now();
    for (absl::string_view text : texts) text_search_.AddDocument(Tokenize(text));
    text_search_.Build();
    text_index_duration_ = absl::Now() - start;
  });
}

void IndexBuilder::Phase(const char* name, absl::Duration took) {
  v1::BuildPhase* phase = data_.info.add_build_phases();
  phase->set_name(name);
  *phase->mutable_duration() =
      google::protobuf::util::TimeUtil::NanosecondsToDuration(absl::ToInt64Nanoseconds(took));
}

}  // namespace parley
