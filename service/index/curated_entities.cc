// Build steps: curated topics and entities (with positions).
#include <algorithm>
#include <string>
#include <vector>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "service/base/normalize.h"
#include "service/index/build_steps.h"

namespace parley {

void AddCuratedTopics(BuildContext& c, const std::vector<const v1::TopicRecord*>& records) {
  IndexData& x = c.data;
  for (const v1::TopicRecord* r : records) {
    if (!c.CheckId(*r, r->id(), &x.topic_by_id, static_cast<int32_t>(x.topics.size()), "topic")) {
      continue;
    }
    v1::Topic& topic = x.topics.emplace_back();
    topic.set_id(r->id());
    topic.set_name(r->name().empty() ? r->id() : r->name());
    topic.set_parent_id(r->parent());
  }
  for (const v1::TopicRecord* r : records) {
    if (!r->parent().empty() && x.topic_by_id.count(r->parent()) == 0) {
      c.Problem(*r, "parent",
                absl::StrCat("parent: unknown topic \"", r->parent(), "\"",
                             c.DidYouMean(r->parent(), x.topic_by_id)));
    }
  }
  // Closure: every topic covers itself and its descendants.
  for (const v1::Topic& topic : x.topics) {
    std::string at = topic.id();
    for (size_t depth = 0; !at.empty(); ++depth) {
      if (depth > x.topics.size()) {
        c.problems.Add({c.corpus.data_dir()},
                       absl::StrCat("topic \"", topic.id(), "\" has a cycle of parents"));
        break;
      }
      auto it = x.topic_by_id.find(at);
      if (it == x.topic_by_id.end()) break;
      at = x.topics[it->second].parent_id();
    }
  }
}

namespace {

// Records a problem when a name (what: "name", "alias", ...) has a control
// character: a name is one line of plain text, and an escape in the text
// form ("\7") would put one in.
void CheckPlainText(BuildContext& c, const google::protobuf::Message& record,
                    absl::string_view field, absl::string_view what, absl::string_view text) {
  if (const int32_t control = FirstControlCharacter(text); control >= 0) {
    c.Problem(record, field,
              absl::StrFormat("%s \"%s\" has a control character (U+%04X): write it as plain "
                              "text on one line",
                              what, EscapeControlCharacters(text), control));
  }
}

// Fills entity e and its links from its record.
void FillEntity(BuildContext& c, const v1::EntityRecord& r, v1::Entity& e,
                EntityStore::Links& links) {
  e.set_id(r.id());
  e.set_kind(r.kind());
  e.set_name(r.name());
  e.set_origin(v1::ORIGIN_CURATED);
  if (r.kind() == v1::ENTITY_KIND_UNSPECIFIED || !v1::EntityKind_IsValid(r.kind())) {
    c.Problem(r, "",
              absl::StrCat("entity \"", r.id(),
                           "\" needs kind: PERSON, ORGANIZATION or COUNTRY "
                           "(written ENTITY_KIND_PERSON etc.)"));
  }
  if (!HasLetterOrDigit(r.name())) {
    c.Problem(r, "name", absl::StrCat("entity \"", r.id(), "\" needs a name with letters"));
  }
  CheckPlainText(c, r, "name", "name", r.name());
  for (const std::string& d : r.demonyms()) CheckPlainText(c, r, "demonyms", "demonym", d);
  for (const std::string& alias : r.aliases()) {
    CheckPlainText(c, r, "aliases", "alias", alias);
    if (!HasLetterOrDigit(alias)) {
      c.Problem(r, "aliases", absl::StrCat("alias \"", alias, "\" has no letters or digits"));
    } else {
      e.add_aliases(alias);
    }
  }
  e.set_description(r.description());
  if (!r.demonyms().empty() && r.kind() != v1::ENTITY_KIND_COUNTRY) {
    c.Problem(r, "demonyms", "only countries have demonyms");
  }
  *e.mutable_demonyms() = r.demonyms();
  if (!r.country().empty()) {
    links.country = c.ResolveEntity(r, "country", r.country(), v1::ENTITY_KIND_COUNTRY);
  }
  if (!r.parent_organization().empty()) {
    links.parent = c.ResolveEntity(r, "parent_organization", r.parent_organization(),
                                   v1::ENTITY_KIND_ORGANIZATION);
  }
  if (!r.positions().empty() && r.kind() != v1::ENTITY_KIND_PERSON) {
    c.Problem(r, "positions", "only people hold positions");
  }
  for (const v1::PositionRecord& pr : r.positions()) {
    v1::Position& p = *e.add_positions();
    EntityStore::Links::OfPosition& position_links = links.positions.emplace_back();
    if (pr.title().empty()) c.Problem(pr, "", "position needs a title");
    CheckPlainText(c, pr, "title", "title", pr.title());
    p.set_title(pr.title());
    p.set_origin(v1::ORIGIN_CURATED);
    if (!pr.organization().empty()) {
      position_links.organization =
          c.ResolveEntity(pr, "organization", pr.organization(), v1::ENTITY_KIND_ORGANIZATION);
    }
    if (!pr.country().empty()) {
      position_links.country =
          c.ResolveEntity(pr, "country", pr.country(), v1::ENTITY_KIND_COUNTRY);
    }
    c.ResolveQuotes(pr.evidence(), BuildContext::QuoteCopy::kKept, p.mutable_evidence());
    for (const std::string& as_of : pr.as_of()) {
      v1::FuzzyDate date;
      if (c.ParseDate(pr, "as_of", as_of, false, &date)) {
        date.set_basis(v1::DATE_BASIS_STATED);
        *p.add_held_on() = date;
      }
    }
  }
  c.ResolveQuotes(r.evidence(), BuildContext::QuoteCopy::kKept, e.mutable_evidence());
}

}  // namespace

void EntityRecords::Add(const KnowledgeBaseFile& file) {
  const size_t n = static_cast<size_t>(file.kb->entities_size()) + file.packed_entities.size();
  if (n == 0) return;
  parts_.push_back({size_, &file});
  size_ += n;
}

EntityRecords::Place EntityRecords::PlaceOf(size_t i) const {
  // The last part that begins at or before i (parts are few: one a file).
  auto it = std::upper_bound(parts_.begin(), parts_.end(), i,
                             [](size_t n, const Part& p) { return n < p.begin; });
  --it;
  const KnowledgeBaseFile& file = *it->file;
  const size_t j = i - it->begin;
  const size_t parsed = static_cast<size_t>(file.kb->entities_size());
  if (j < parsed) return {&file, &file.kb->entities(static_cast<int>(j)), 0};
  return {&file, nullptr, j - parsed};
}

const v1::EntityRecord* EntityRecords::Get(size_t i, v1::EntityRecord* scratch) const {
  const Place at = PlaceOf(i);
  if (at.parsed != nullptr) return at.parsed;
  return at.file->packed_entities.Parse(at.packed, scratch) ? scratch : nullptr;
}

const v1::EntityRecord* EntityRecords::GetIdAndKind(size_t i, v1::EntityRecord* scratch) const {
  const Place at = PlaceOf(i);
  if (at.parsed != nullptr) return at.parsed;
  std::string id;
  uint64_t kind = v1::ENTITY_KIND_UNSPECIFIED;
  if (!ReadStringAndVarintFields(at.file->packed_entities.bytes(at.packed),
                                 v1::EntityRecord::kIdFieldNumber, &id,
                                 v1::EntityRecord::kKindFieldNumber, &kind)) {
    return nullptr;
  }
  scratch->set_id(std::move(id));
  // An enum's varint is its int32 value (negative ones sign-extended).
  scratch->set_kind(static_cast<v1::EntityKind>(static_cast<int32_t>(kind)));
  return scratch;
}

void EntityRecords::AddLostProblem(size_t i, ProblemList* problems) const {
  const Place at = PlaceOf(i);
  problems->Add({at.file->path}, PackedRecordLostWhat(at.packed));
}

std::vector<size_t> TakeCuratedEntityIds(BuildContext& c, const EntityRecords& records) {
  IndexData& x = c.data;
  const auto first = static_cast<size_t>(x.entities.size());
  std::vector<size_t> kept;  // indices into records
  kept.reserve(records.size());
  std::vector<v1::EntityKind> kinds;  // of the kept records
  kinds.reserve(records.size());
  c.entity_ids.reserve(first + records.size());
  v1::EntityRecord scratch;
  for (size_t k = 0; k < records.size(); ++k) {
    const v1::EntityRecord* r = records.GetIdAndKind(k, &scratch);
    if (r == nullptr) {
      records.AddLostProblem(k, &c.problems);
      continue;
    }
    const auto number = static_cast<int32_t>(first + kept.size());
    if (c.CheckId(*r, r->id(), &c.entity_ids, number, "entity")) {
      kept.push_back(k);
      kinds.push_back(r->kind());
    }
  }
  x.entities.AppendKinds(kinds);
  return kept;
}

void FillCuratedEntities(BuildContext& c, const EntityRecords& records,
                         const std::vector<size_t>& kept,
                         absl::FunctionRef<void(size_t records_done)> done) {
  IndexData& x = c.data;
  const size_t first = static_cast<size_t>(x.entities.size()) - kept.size();
  // On two threads: the kinds set before are only read, and each entity and
  // its links are written by one thread. Each entity is made as a message in
  // this thread's scratch (its buffers reused from one to the next) and
  // packed into the table (entity_table.h). A file is freed once the
  // entities of all its records, and of every record before them, are
  // filled.
  x.entity_links.resize(static_cast<size_t>(x.entities.size()));
  c.ParallelFill(
      kept.size(),
      [&](BuildContext& helper, size_t i) {
        thread_local v1::EntityRecord scratch;
        thread_local v1::Entity entity;
        const v1::EntityRecord* r = records.Get(kept[i], &scratch);
        if (r == nullptr) {
          records.AddLostProblem(kept[i], &helper.problems);
          return;
        }
        entity.Clear();
        FillEntity(helper, *r, entity, x.entity_links[first + i]);
        x.entities.Pack(static_cast<int32_t>(first + i), &entity, helper.worker);
      },
      [&](size_t filled) { done(kept[filled]); });
  done(records.size());
}

}  // namespace parley
