#include "service/index/build_context.h"

#include <algorithm>
#include <atomic>
#include <mutex>
#include <optional>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "service/base/dates.h"
#include "service/base/edit_distance.h"
#include "service/base/ids.h"
#include "service/base/normalize.h"
#include "service/base/run_concurrently.h"
#include "service/base/text_offsets.h"

namespace parley {

using google::protobuf::Message;

void BuildContext::MergeHelper(BuildContext&& helper) {
  problems.Merge(std::move(helper.problems));
  evidence_count += helper.evidence_count;
  unsupported_extracted_quotes += helper.unsupported_extracted_quotes;
  extracted_participants_kept_out_of_curated_events +=
      helper.extracted_participants_kept_out_of_curated_events;
  orphan_reviews += helper.orphan_reviews;
}

void BuildContext::ParallelFill(size_t n,
                                absl::FunctionRef<void(BuildContext& helper, size_t i)> fill,
                                absl::FunctionRef<void(size_t items_done)> done) {
  const size_t chunk = std::clamp<size_t>(n / 16, 16, 4096);
  const size_t chunks = (n + chunk - 1) / chunk;
  std::vector<std::optional<BuildContext>> helpers(chunks);
  std::vector<bool> chunk_done(chunks, false);
  std::atomic<size_t> next{0};
  std::mutex mu;
  size_t chunks_done_before = 0;  // chunks [0, it) are all done (guarded by mu)
  auto work = [&](int thread) {
    for (size_t k = next++; k < chunks; k = next++) {
      BuildContext& helper = helpers[k].emplace(HelperOf{*this});
      helper.worker = thread;
      helper.searches_left = k < kSearchChunks ? kSearches : 0;
      for (size_t i = k * chunk; i < std::min(n, (k + 1) * chunk); ++i) fill(helper, i);
      std::lock_guard<std::mutex> lock(mu);
      chunk_done[k] = true;
      const size_t before = chunks_done_before;
      while (chunks_done_before < chunks && chunk_done[chunks_done_before]) ++chunks_done_before;
      if (chunks_done_before != before && chunks_done_before < chunks) {
        done(chunks_done_before * chunk);
      }
    }
  };
  if (chunks > 1) {
    RunConcurrently({[&] { work(0); }, [&] { work(1); }});
  } else {
    work(0);
  }
  for (std::optional<BuildContext>& helper : helpers) MergeHelper(std::move(*helper));
}

void BuildContext::Problem(const Message& record, absl::string_view field, std::string what) {
  problems.Add(corpus.LocationOf(record, field), std::move(what));
}

bool BuildContext::CheckId(const Message& record, const std::string& id,
                           absl::flat_hash_map<std::string, int32_t>* ids, int32_t value,
                           absl::string_view what) {
  if (std::string bad = IdProblem(absl::StrCat(what, " id"), id); !bad.empty()) {
    Problem(record, id.empty() ? "" : "id", std::move(bad));
    return false;
  }
  if (!ids->emplace(id, value).second) {
    Problem(
        record, "id",
        absl::StrCat("duplicate ", what, " id \"", id,
                     "\": ids must be unique across the files of kb/", FirstDefinition(what, id)));
    return false;
  }
  return true;
}

namespace {

// The first of records with the id, or null.
template <typename Record>
const Message* WithId(const google::protobuf::RepeatedPtrField<Record>& records,
                      absl::string_view id) {
  for (const Record& r : records) {
    if (r.id() == id) return &r;
  }
  return nullptr;
}

}  // namespace

std::string BuildContext::FirstDefinition(absl::string_view what, absl::string_view id) {
  if (!corpus.has_locations() || searches_left <= 0) return "";
  --searches_left;
  // The records in the order the ids were taken: the first with the id is
  // the one taken. (Packed entity records are not messages: not found.)
  for (const auto& file : corpus.kb_files()) {
    const v1::KnowledgeBase& kb = *file->kb;
    const Message* first = what == "entity"  ? WithId(kb.entities(), id)
                           : what == "event" ? WithId(kb.events(), id)
                                             : WithId(kb.topics(), id);
    if (first == nullptr) continue;
    const SourceLocation at = corpus.LocationOf(*first, "id");
    if (!at.record.empty()) return absl::StrCat(" (the first is ", at.file, ": ", at.record, ")");
    if (at.line == 0) return "";  // places not recorded
    return absl::StrCat(" (the first is at ", at.file, ":", at.line, ":", at.column, ")");
  }
  return "";
}

std::string BuildContext::DidYouMean(absl::string_view typed,
                                     const absl::flat_hash_map<std::string, int32_t>& ids) {
  return DidYouMean(typed, ids, [](int32_t) { return true; });
}

std::string BuildContext::DidYouMean(absl::string_view typed,
                                     const absl::flat_hash_map<std::string, int32_t>& ids,
                                     absl::FunctionRef<bool(int32_t value)> eligible) {
  if (!corpus.has_locations() || ids.size() > kIdsToSuggestFrom || searches_left <= 0 ||
      typed.empty()) {
    return "";
  }
  --searches_left;
  ClosestWithin closest(typed, MaxEditsFor(CodePointCount(typed)));
  for (const auto& [id, value] : ids) {
    if (eligible(value)) closest.Offer(id);
  }
  if (closest.found().empty()) return "";
  return absl::StrCat(" (did you mean \"", closest.found(), "\"?)");
}

// Resolves a reference to an entity of the expected kind (or any kind when
// UNSPECIFIED). Returns -1 and records a problem when it does not resolve.
int32_t BuildContext::ResolveEntity(const Message& record, absl::string_view field,
                                    const std::string& id, v1::EntityKind kind) {
  auto it = entity_ids.find(id);
  if (it == entity_ids.end()) {
    Problem(
        record, field,
        absl::StrCat(field, ": unknown entity \"", id, "\": define it under entities or fix the id",
                     DidYouMean(id, entity_ids, [this, kind](int32_t e) {
                       return kind == v1::ENTITY_KIND_UNSPECIFIED || data.entities.kind(e) == kind;
                     })));
    return -1;
  }
  const v1::EntityKind found = data.entities.kind(it->second);
  if (kind != v1::ENTITY_KIND_UNSPECIFIED && found != kind) {
    Problem(record, field,
            absl::StrCat(field, ": \"", id, "\" is a ", v1::EntityKind_Name(found), ", expected a ",
                         v1::EntityKind_Name(kind)));
    return -1;
  }
  return it->second;
}

// Locates a quote in its document and fills the evidence. Returns false and
// records a problem when the quote is missing, absent or ambiguous.
bool BuildContext::ResolveQuote(const v1::QuoteRecord& q, QuoteCopy copy, v1::Evidence* out) {
  out->set_note(q.note());
  if (!q.external_source().empty()) {
    out->set_external_source(q.external_source());
    if (q.document().empty() && q.quote().empty()) return true;
  }
  if (q.document().empty() || q.quote().empty()) {
    Problem(q, "",
            "evidence needs document and quote (or external_source for "
            "facts from outside the text)");
    return false;
  }
  auto it = data.document_by_id.find(q.document());
  if (it == data.document_by_id.end()) {
    Problem(q, "document",
            absl::StrCat("document: unknown document \"", q.document(),
                         "\": use an id from documents or an article "
                         "file name without .txt",
                         DidYouMean(q.document(), data.document_by_id)));
    return false;
  }
  const v1::Document& doc = data.documents[it->second];
  const std::string& text = doc.text();
  std::vector<size_t> found;
  for (size_t pos = text.find(q.quote()); pos != std::string::npos;
       pos = text.find(q.quote(), pos + 1)) {
    found.push_back(pos);
  }
  if (found.empty()) {
    // Say where the quote stops matching: the longest prefix that occurs.
    size_t lo = 0, hi = q.quote().size();
    while (lo < hi) {
      const size_t mid = (lo + hi + 1) / 2;
      if (text.find(q.quote().substr(0, mid)) != std::string::npos)
        lo = mid;
      else
        hi = mid - 1;
    }
    std::string hint =
        lo == 0 ? "no part of it occurs"
                : absl::StrCat("the text matches up to \"", Ellipsize(q.quote().substr(0, lo), 60),
                               "\" and differs after that");
    Problem(q, "quote",
            absl::StrCat("quote not found in document \"", q.document(), "\" (", doc.file_name(),
                         "): ", hint,
                         "; copy the quote byte for byte, including quote marks and spacing"));
    return false;
  }
  size_t pick = 0;
  if (q.occurrence() != 0) {
    if (q.occurrence() < 1 || static_cast<size_t>(q.occurrence()) > found.size()) {
      Problem(q, "occurrence",
              absl::StrCat("occurrence ", q.occurrence(), " is out of range: the quote occurs ",
                           found.size(), " time(s) in \"", q.document(), "\""));
      return false;
    }
    pick = static_cast<size_t>(q.occurrence()) - 1;
  } else if (found.size() > 1) {
    Problem(q, "quote",
            absl::StrCat("quote occurs ", found.size(), " times in \"", q.document(),
                         "\" (at byte offsets ", absl::StrJoin(found, ", "),
                         "): add occurrence: N to say which, or quote more text"));
    return false;
  }
  out->set_document_id(q.document());
  if (copy == QuoteCopy::kKept) out->set_quote(q.quote());
  out->set_start_offset(static_cast<int32_t>(found[pick]));
  out->set_end_offset(static_cast<int32_t>(found[pick] + q.quote().size()));
  SetUnicodeOffsets(text, out);
  ++evidence_count;
  return true;
}

bool BuildContext::ResolveQuotes(const google::protobuf::RepeatedPtrField<v1::QuoteRecord>& quotes,
                                 QuoteCopy copy,
                                 google::protobuf::RepeatedPtrField<v1::Evidence>* out) {
  bool ok = true;
  for (const v1::QuoteRecord& q : quotes) ok &= ResolveQuote(q, copy, out->Add());
  return ok;
}

// Parses a date field, recording a problem on failure.
bool BuildContext::ParseDate(const Message& record, absl::string_view field,
                             const std::string& text, bool allow_span, v1::FuzzyDate* out) {
  absl::StatusOr<v1::FuzzyDate> date = ParseFuzzyDate(text, allow_span);
  if (!date.ok()) {
    Problem(record, field, absl::StrCat(field, ": ", date.status().message()));
    return false;
  }
  *out = *std::move(date);
  return true;
}

}  // namespace parley
