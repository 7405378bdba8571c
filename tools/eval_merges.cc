#include "tools/eval_merges.h"

#include <memory>
#include <utility>

#include "absl/container/flat_hash_set.h"
#include "service/base/dates.h"
#include "service/corpus/corpus.h"
#include "service/index/index.h"
#include "tools/eval_withheld.h"

namespace parley::eval {
namespace {

// The index of data_dir with doc's curated annotations withheld and its
// extraction joined as an uncited article's would be.
absl::StatusOr<std::unique_ptr<const Index>> IndexWithArticleNew(const std::string& data_dir,
                                                                 const v1::Document& doc,
                                                                 const Extraction& extraction) {
  Corpus::Options fast;
  fast.record_locations = false;
  absl::StatusOr<Corpus> corpus = Corpus::Read(data_dir, fast);
  if (!corpus.ok()) return corpus.status();
  // The corpus is ours alone: its records may be edited before the build.
  std::vector<v1::KnowledgeBase*> kbs;
  for (const auto& file : corpus->kb_files()) kbs.push_back(file->kb);
  WithholdArticle(doc.id(), kbs);
  corpus->AssembleDocuments();
  std::vector<ArticleExtraction> extractions;
  extractions.push_back({doc.id(), extraction});
  return Index::Build(std::move(*corpus), std::move(extractions));
}

bool Overlap(int64_t a_start, int64_t a_end, int64_t b_start, int64_t b_end) {
  return a_start < b_end && b_start < a_end;
}

// The index event an extracted event of doc went into: of its kind and
// dates, with an extracted quote of doc that is the event's sentence or
// (failing that) overlaps it; -1 if none.
int32_t FindHome(const Index& ix, const std::string& doc_id, const ExtractedEvent& e) {
  int32_t overlapping = -1;
  for (int32_t i = 0; i < ix.events().size(); ++i) {
    const v1::Event ev = ix.events()[i].ToProto();
    if (ev.kind() != e.kind) continue;
    if (e.date && !ix.event_days()[i].Overlaps(ToDayInterval(*e.date))) continue;
    for (const v1::Evidence& q : ev.evidence()) {
      if (q.document_id() != doc_id || q.origin() != v1::ORIGIN_EXTRACTED) continue;
      if (q.start_offset() == e.sentence_start && q.end_offset() == e.sentence_end) return i;
      if (overlapping < 0 &&
          Overlap(q.start_offset(), q.end_offset(), e.sentence_start, e.sentence_end)) {
        overlapping = i;
      }
    }
  }
  return overlapping;
}

}  // namespace

const char* MergeOutcomeName(MergeOutcome outcome) {
  switch (outcome) {
    case MergeOutcome::kRightMerge:
      return "right merge";
    case MergeOutcome::kWrongMerge:
      return "wrong merge";
    case MergeOutcome::kMissedMerge:
      return "missed merge";
    case MergeOutcome::kNewEvent:
      return "new event";
    case MergeOutcome::kFolded:
      return "folded into another";
    case MergeOutcome::kNotIndexed:
      return "not indexed";
  }
  return "?";
}

absl::StatusOr<std::vector<MergeResult>> MeasureMerges(
    const std::string& data_dir, const v1::Document& doc, const Extraction& extraction,
    const std::vector<std::string>& gold_event_ids) {
  absl::StatusOr<std::unique_ptr<const Index>> index =
      IndexWithArticleNew(data_dir, doc, extraction);
  if (!index.ok()) return index.status();
  const Index& ix = **index;
  std::vector<MergeResult> out;
  absl::flat_hash_set<int32_t> new_events;  // made by an earlier event of the article
  for (size_t i = 0; i < extraction.events.size(); ++i) {
    MergeResult& r = out.emplace_back();
    const int32_t home = FindHome(ix, doc.id(), extraction.events[i]);
    if (home < 0) continue;  // kNotIndexed
    const v1::Event ev = ix.events()[home].ToProto();
    const std::string& gold = gold_event_ids[i];
    r.event_id = ev.id();
    if (ev.origin() != v1::ORIGIN_EXTRACTED) {
      r.outcome = ev.id() == gold ? MergeOutcome::kRightMerge : MergeOutcome::kWrongMerge;
    } else if (!new_events.insert(home).second) {
      r.outcome = MergeOutcome::kFolded;
    } else {
      const bool gold_indexed = !gold.empty() && ix.FindEvent(gold).has_value();
      r.outcome = gold_indexed ? MergeOutcome::kMissedMerge : MergeOutcome::kNewEvent;
    }
  }
  return out;
}

}  // namespace parley::eval
