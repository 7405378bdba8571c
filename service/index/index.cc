#include "service/index/index.h"

#include <algorithm>
#include <charconv>
#include <cstring>
#include <iterator>
#include <set>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "service/base/fixed_decimals.h"
#include "service/base/normalize.h"
#include "service/index/index_builder.h"

namespace parley {
namespace {

// Union of sorted posting lists.
std::vector<int32_t> UnionOf(const std::vector<const std::vector<int32_t>*>& lists) {
  std::vector<int32_t> out;
  for (const auto* list : lists) {
    std::vector<int32_t> merged;
    std::set_union(out.begin(), out.end(), list->begin(), list->end(), std::back_inserter(merged));
    out.swap(merged);
  }
  return out;
}

int32_t FindIn(const absl::flat_hash_map<std::string, int32_t>& map, absl::string_view id) {
  auto it = map.find(id);
  return it == map.end() ? -1 : it->second;
}

// The record id names in records, through its id map; nullptr if none.
template <typename Record>
const Record* FindRecord(const absl::flat_hash_map<std::string, int32_t>& map,
                         const std::vector<Record>& records, absl::string_view id) {
  const int32_t i = FindIn(map, id);
  return i < 0 ? nullptr : &records[i];
}

}  // namespace

std::optional<EntityView> Index::FindEntity(absl::string_view id) const {
  const int32_t e = d_.entity_store.Find(id);
  if (e < 0) return std::nullopt;
  return d_.entity_store[e];
}
std::optional<EventView> Index::FindEvent(absl::string_view id) const {
  const int32_t e = FindIn(d_.event_by_id, id);
  if (e < 0) return std::nullopt;
  return d_.event_store[e];
}
const v1::Document* Index::FindDocument(absl::string_view id) const {
  return FindRecord(d_.document_by_id, d_.documents, id);
}
const v1::Topic* Index::FindTopic(absl::string_view id) const {
  return FindRecord(d_.topic_by_id, d_.topics, id);
}

void Index::CopyDocument(int32_t d, bool with_text, v1::Document* out) const {
  *out = d_.documents[d];
  if (!with_text) out->clear_text();
  for (uint32_t i = d_.document_mentioned_offsets[d]; i < d_.document_mentioned_offsets[d + 1];
       ++i) {
    v1::MentionedEntity* m = out->add_mentioned_entities();
    *m->mutable_entity() = d_.entity_store[d_.document_mentioned[i].first].Ref();
    m->set_count(d_.document_mentioned[i].second);
  }
  for (uint32_t i = d_.document_participant_offsets[d]; i < d_.document_participant_offsets[d + 1];
       ++i) {
    *out->add_participants_of_events() = d_.entity_store[d_.document_participants[i]].Ref();
  }
}

void Index::MentionAt(int32_t i, v1::Mention* out) const {
  const MentionRow& row = d_.mentions[i];
  const v1::Document& doc = d_.documents[row.document];
  *out->mutable_entity() = d_.entity_store[row.entity].Ref();
  out->set_document_id(doc.id());
  out->set_start_offset(row.start);
  out->set_end_offset(row.end);
  out->set_surface(doc.text().substr(row.start, row.end - row.start));
  out->set_kind(row.kind);
  out->set_start_code_point(row.start_code_point);
  out->set_end_code_point(row.end_code_point);
  out->set_start_utf16(row.start_utf16);
  out->set_end_utf16(row.end_utf16);
}

std::vector<int32_t> Index::EventsMatching(const v1::EventFilter& filter) const {
  static const std::vector<int32_t> kNone;
  std::vector<std::vector<int32_t>> dimensions;
  auto by_ids = [&dimensions](const auto& postings, const auto& ids) {
    if (ids.empty()) return;
    std::vector<const std::vector<int32_t>*> lists;
    for (const auto& id : ids) {
      auto it = postings.find(id);
      lists.push_back(it == postings.end() ? &kNone : &it->second);
    }
    dimensions.push_back(UnionOf(lists));
  };
  by_ids(d_.events_by_participant, filter.participant_ids());
  by_ids(d_.events_by_country, filter.country_ids());
  by_ids(d_.events_by_organization, filter.organization_ids());
  by_ids(d_.events_by_topic, filter.topics());
  by_ids(d_.events_by_kind, filter.kinds());
  std::vector<int32_t> result;
  if (dimensions.empty()) {
    result.resize(d_.event_store.size());
    for (size_t i = 0; i < result.size(); ++i) result[i] = static_cast<int32_t>(i);
    return result;
  }
  result = std::move(dimensions[0]);
  for (size_t d = 1; d < dimensions.size(); ++d) {
    std::vector<int32_t> both;
    std::set_intersection(result.begin(), result.end(), dimensions[d].begin(), dimensions[d].end(),
                          std::back_inserter(both));
    result.swap(both);
  }
  return result;
}

NameSearchResult Index::SearchNames(absl::string_view query, size_t limit,
                                    absl::FunctionRef<bool(int32_t entity)> accept) const {
  const std::string key = NameKey(query);
  // accept() reads the entities' rows (filters): asked for ahead.
  auto prefetch = [this](int32_t e) { d_.entity_store.PrefetchRow(e); };
  NameSearchResult result = d_.names.Search(key, limit, accept, prefetch);
  const bool exact =
      !result.matches.empty() && (result.matches[0].kind == v1::MATCH_KIND_EXACT_NAME ||
                                  result.matches[0].kind == v1::MATCH_KIND_ALIAS);
  if (exact) return result;  // the usual case: no second normalization
  const std::string title_free = TitleFreeNameKey(query);
  if (title_free == key || title_free.empty()) return result;
  // "PM Modi": the name without its title, merged in; kinds still never mix.
  NameSearchResult bare = d_.names.Search(title_free, limit, accept, prefetch);
  absl::flat_hash_map<int32_t, size_t> at;
  for (size_t i = 0; i < result.matches.size(); ++i) at[result.matches[i].entity] = i;
  // In the order each search ranks in (total: a tie between the two is
  // broken the same way whatever the limit, so pages neither repeat nor
  // skip an entity).
  for (const NameMatch& m : bare.matches) {
    auto it = at.find(m.entity);
    if (it == at.end()) {
      at[m.entity] = result.matches.size();
      result.matches.push_back(m);
    } else if (RanksBefore(m, result.matches[it->second])) {
      result.matches[it->second] = m;
    }
  }
  std::sort(result.matches.begin(), result.matches.end(), RanksBefore);
  result.complete = result.complete && bare.complete;
  return result;
}

std::string Index::ExplainHit(const NameMatch& hit) const {
  std::string out;
  ExplainHit(hit, &out);
  return out;
}

void Index::ExplainHit(const NameMatch& hit, std::string* out) const {
  // The kind's name in words, without the enum's reflection (a descriptor
  // lookup per match cost more than the search of a short prefix).
  static constexpr absl::string_view kKindWords[] = {"unspecified", "exact name", "alias",   "word",
                                                     "prefix",      "fuzzy",      "phonetic"};
  const int kind = static_cast<int>(hit.kind);
  const absl::string_view kind_words =
      kind >= 0 && kind < static_cast<int>(std::size(kKindWords)) ? kKindWords[kind] : "match";
  const int events = d_.entity_store[hit.entity].event_count();
  // Written piece by piece into one buffer, copied once: a format call each
  // was a tenth of an exact-name search, and appending to a string piece by
  // piece a twentieth of a names-only prefix search.
  char text[3 * kMaxTwoDecimalsBytes + 128];
  char* p = text;
  auto put = [&p](absl::string_view piece) {
    std::memcpy(p, piece.data(), piece.size());
    p += piece.size();
  };
  auto put_int = [&p](int value) { p = std::to_chars(p, p + 12, value).ptr; };
  put(kind_words);
  put(" ");
  p = WriteTwoDecimals(hit.parts.match, p);
  if (hit.kind == v1::MATCH_KIND_PREFIX) {
    put(" + coverage ");
    p = WriteTwoDecimals(hit.parts.coverage, p);
  } else if (hit.kind == v1::MATCH_KIND_FUZZY) {
    put(" - ");
    put_int(hit.distance);
    put(" edit(s) ");
    p = WriteTwoDecimals(hit.parts.edit_penalty, p);
  }
  put(" + corpus weight ");
  p = WriteTwoDecimals(hit.parts.corpus_weight, p);
  put(" (");
  put_int(events);
  put(events == 1 ? " event)" : " events)");
  out->assign(text, static_cast<size_t>(p - text));
}

size_t Index::BackWithHugePages() const {
  return d_.names.BackWithHugePages() + d_.entity_store.BackWithHugePages() +
         d_.matcher.BackWithHugePages();
}

int32_t Index::EntityIndex(absl::string_view id) const { return d_.entity_store.Find(id); }

int32_t Index::DocumentIndex(absl::string_view id) const { return FindIn(d_.document_by_id, id); }

absl::StatusOr<std::unique_ptr<const Index>> Index::Build(
    Corpus corpus, std::vector<ArticleExtraction> extractions) {
  return IndexBuilder(std::move(corpus), std::move(extractions)).Build();
}

namespace {

absl::StatusOr<std::unique_ptr<const Index>> LoadCorpus(const std::string& data_dir,
                                                        const std::vector<CorpusFile>* files,
                                                        const std::string& lexicon_dir) {
  // Fast path without source locations; a corpus with problems is read again
  // with them, so that every problem still names its file, line and column.
  Corpus::Options fast;
  fast.record_locations = false;
  fast.pack_entities = true;
  fast.files = files;
  absl::StatusOr<Corpus> corpus = Corpus::Read(data_dir, fast);
  if (!corpus.ok()) return corpus.status();  // syntax errors carry their own locations
  // The documents are assembled and the uncited articles read by the
  // builder, beside its first step (index_builder.h).
  bool extraction_failed = false;
  absl::StatusOr<std::unique_ptr<const Index>> index =
      IndexBuilder(std::move(*corpus), [&lexicon_dir, &extraction_failed](const Corpus& assembled) {
        auto extractions = ExtractUncitedArticles(assembled, lexicon_dir);
        extraction_failed = !extractions.ok();
        return extractions;
      }).Build();
  if (index.ok() || extraction_failed) return index;  // a lexicon's error: with file and line
  Corpus::Options located;
  located.files = files;
  corpus = Corpus::Read(data_dir, located);
  if (!corpus.ok()) return corpus.status();  // the files changed in between
  // A corpus with problems is not indexed: its extractions would not be used.
  return Index::Build(std::move(*corpus), {});
}

}  // namespace

absl::StatusOr<std::unique_ptr<const Index>> Index::Load(const std::string& data_dir) {
  return LoadCorpus(data_dir, nullptr, data_dir + "/lexicons");
}

absl::StatusOr<std::unique_ptr<const Index>> Index::Load(const std::string& name,
                                                         const std::vector<CorpusFile>& files,
                                                         const std::string& lexicon_dir) {
  return LoadCorpus(name, &files, lexicon_dir);
}

}  // namespace parley
