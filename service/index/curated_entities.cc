// Build steps: curated topics and entities (with positions).
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "service/base/normalize.h"
#include "service/base/run_concurrently.h"
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
      c.Problem(*r, "parent", absl::StrCat("parent: unknown topic \"", r->parent(), "\""));
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

// Fills entity e (its kind already set) and its links from its record.
void FillEntity(BuildContext& c, const v1::EntityRecord& r, v1::Entity& e,
                EntityStore::Links& links) {
  e.set_id(r.id());
  e.set_name(r.name());
  if (r.kind() == v1::ENTITY_KIND_UNSPECIFIED || !v1::EntityKind_IsValid(r.kind())) {
    c.Problem(r, "",
              absl::StrCat("entity \"", r.id(),
                           "\" needs kind: PERSON, ORGANIZATION or COUNTRY "
                           "(written ENTITY_KIND_PERSON etc.)"));
  }
  if (!HasLetterOrDigit(r.name())) {
    c.Problem(r, "name", absl::StrCat("entity \"", r.id(), "\" needs a name with letters"));
  }
  for (const std::string& alias : r.aliases()) {
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
    if (const v1::Entity* country =
            c.ResolveEntity(r, "country", r.country(), v1::ENTITY_KIND_COUNTRY)) {
      links.country = c.PositionOf(*country);
    }
  }
  if (!r.parent_organization().empty()) {
    if (const v1::Entity* p = c.ResolveEntity(r, "parent_organization", r.parent_organization(),
                                              v1::ENTITY_KIND_ORGANIZATION)) {
      links.parent = c.PositionOf(*p);
    }
  }
  if (!r.positions().empty() && r.kind() != v1::ENTITY_KIND_PERSON) {
    c.Problem(r, "positions", "only people hold positions");
  }
  for (const v1::PositionRecord& pr : r.positions()) {
    v1::Position& p = *e.add_positions();
    EntityStore::Links::OfPosition& position_links = links.positions.emplace_back();
    if (pr.title().empty()) c.Problem(pr, "", "position needs a title");
    p.set_title(pr.title());
    if (!pr.organization().empty()) {
      if (const v1::Entity* o = c.ResolveEntity(pr, "organization", pr.organization(),
                                                v1::ENTITY_KIND_ORGANIZATION)) {
        position_links.organization = c.PositionOf(*o);
      }
    }
    if (!pr.country().empty()) {
      if (const v1::Entity* country =
              c.ResolveEntity(pr, "country", pr.country(), v1::ENTITY_KIND_COUNTRY)) {
        position_links.country = c.PositionOf(*country);
      }
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

void AddCuratedEntities(BuildContext& c, const std::vector<const v1::EntityRecord*>& records,
                        absl::FunctionRef<void(size_t records_done)> done) {
  IndexData& x = c.data;
  // Ids and kinds first, so that references may point forward (checked by
  // kind). The ids and names are copied into the messages as they are
  // filled: made here, 1M of them were the build's peak beside the parsed
  // records.
  //
  // The id map and the messages are made side by side: one after the other
  // they were 1.4 s on one core at 1M, most of it first touches of new
  // memory. A message is made for every record, and those of records whose
  // ids are refused (rare: a problem each) are dropped after.
  const size_t first = x.entities.size();
  std::vector<size_t> kept;  // indices into records
  kept.reserve(records.size());
  c.entity_ids.reserve(first + records.size());
  RunConcurrently({[&] {
                     for (size_t k = 0; k < records.size(); ++k) {
                       const v1::EntityRecord* r = records[k];
                       const auto number = static_cast<int32_t>(first + kept.size());
                       if (c.CheckId(*r, r->id(), &c.entity_ids, number, "entity")) {
                         kept.push_back(k);
                       }
                     }
                   },
                   [&] {
                     x.entities.resize(first + records.size());
                     for (size_t k = 0; k < records.size(); ++k) {
                       x.entities[first + k].set_kind(records[k]->kind());
                     }
                   }});
  if (kept.size() != records.size()) {
    // Only kinds are set so far: each kept record's is set again in its
    // new place (kept[i] >= i).
    for (size_t i = 0; i < kept.size(); ++i) {
      x.entities[first + i].set_kind(records[kept[i]]->kind());
    }
    x.entities.resize(first + kept.size());
  }
  // Then the rest, on two threads: the kinds set above are only read, and
  // each entity and its links are written by one thread. A
  // file is freed once the entities of all its records, and of every record
  // before them, are filled.
  x.entity_links.resize(x.entities.size());
  c.ParallelFill(
      kept.size(),
      [&](BuildContext& helper, size_t i) {
        FillEntity(helper, *records[kept[i]], x.entities[first + i], x.entity_links[first + i]);
      },
      [&](size_t filled) { done(kept[filled]); });
  done(records.size());
}

}  // namespace parley
