// Build steps: curated events and their participants.
#include <algorithm>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "service/index/build_steps.h"

namespace parley {
namespace {

void BuildParticipant(BuildContext& c, const v1::ParticipantRecord& pr, v1::Participant* p) {
  const EntityTable& entities = c.data.entities;
  const int32_t number = c.ResolveEntity(pr, "entity", pr.entity(), v1::ENTITY_KIND_PERSON);
  if (number < 0) return;
  *p->mutable_entity() = entities.Ref(number);
  p->set_function(pr.function());
  if (pr.function() == v1::PARTICIPANT_FUNCTION_UNSPECIFIED) {
    c.Problem(pr, "", "participant needs function, e.g. PARTICIPANT_FUNCTION_SIGNATORY");
  }
  // The title held, and from it the defaults for side and organization
  // (the person's links: index_data.h).
  thread_local v1::Entity scratch;  // the person's positions, parsed
  const v1::Entity* person = &entities.Read(number, &scratch);
  const EntityStore::Links& links = c.data.entity_links[number];
  int position = -1;
  if (pr.title().empty()) {
    if (person->positions_size() != 1) {
      c.Problem(pr, "",
                absl::StrCat("participant \"", pr.entity(), "\" holds ", person->positions_size(),
                             " positions: set title to the one held at this event"));
      return;
    }
    position = 0;
  } else {
    for (int k = 0; k < person->positions_size(); ++k) {
      if (absl::EqualsIgnoreCase(person->positions(k).title(), pr.title())) position = k;
    }
  }
  const EntityStore::Links::OfPosition held =
      position >= 0 ? links.positions[position] : EntityStore::Links::OfPosition();
  p->set_title(pr.title().empty() ? person->positions(position).title() : pr.title());
  if (!pr.side().empty()) {
    if (const int32_t country = c.ResolveEntity(pr, "side", pr.side(), v1::ENTITY_KIND_COUNTRY);
        country >= 0) {
      *p->mutable_side() = entities.Ref(country);
    }
  } else if (held.country >= 0) {
    *p->mutable_side() = entities.Ref(held.country);
  } else if (links.country >= 0) {
    *p->mutable_side() = entities.Ref(links.country);
  }
  if (!pr.organization().empty()) {
    if (const int32_t o =
            c.ResolveEntity(pr, "organization", pr.organization(), v1::ENTITY_KIND_ORGANIZATION);
        o >= 0) {
      *p->mutable_organization() = entities.Ref(o);
    }
  } else if (held.organization >= 0) {
    *p->mutable_organization() = entities.Ref(held.organization);
  }
  if (pr.evidence().empty()) {
    c.Problem(pr, "",
              absl::StrCat("participant \"", pr.entity(),
                           "\" needs an evidence quote showing they took part"));
  }
  c.ResolveQuotes(pr.evidence(), BuildContext::QuoteCopy::kOffsetsOnly, p->mutable_evidence());
}

bool BuildEvent(BuildContext& c, const v1::EventRecord& r, v1::Event* ev) {
  IndexData& x = c.data;
  const size_t problems_before = c.problems.size();
  ev->set_id(r.id());
  ev->set_kind(r.kind());
  ev->set_title(r.title());
  ev->set_summary(r.summary());
  ev->set_part_of_event_id(r.part_of());
  if (r.kind() == v1::EVENT_KIND_UNSPECIFIED) {
    c.Problem(r, "", absl::StrCat("event \"", r.id(), "\" needs kind, e.g. EVENT_KIND_MEETING"));
  }
  if (r.title().empty()) c.Problem(r, "", absl::StrCat("event \"", r.id(), "\" needs a title"));
  if (r.date().empty()) {
    c.Problem(r, "",
              absl::StrCat("event \"", r.id(), "\" needs a date (YYYY, YYYY-MM or YYYY-MM-DD)"));
  } else if (c.ParseDate(r, "date", r.date(), true, ev->mutable_date())) {
    if (r.date_basis() == v1::DATE_BASIS_UNSPECIFIED) {
      c.Problem(r, "date", "date_basis is required: DATE_BASIS_STATED, _RESOLVED or _EXTERNAL");
    }
    ev->mutable_date()->set_basis(r.date_basis());
    ev->mutable_date()->set_basis_note(r.date_note());
  }
  ev->mutable_location()->set_place(r.place());
  ev->mutable_location()->set_city(r.city());
  if (!r.country().empty()) {
    if (const int32_t country = c.ResolveEntity(r, "country", r.country(), v1::ENTITY_KIND_COUNTRY);
        country >= 0) {
      *ev->mutable_location()->mutable_country() = x.entities.Ref(country);
    }
  }
  for (const std::string& id : r.countries()) {
    if (const int32_t country = c.ResolveEntity(r, "countries", id, v1::ENTITY_KIND_COUNTRY);
        country >= 0) {
      *ev->add_countries() = x.entities.Ref(country);
    }
  }
  for (const std::string& id : r.organizations()) {
    if (const int32_t o = c.ResolveEntity(r, "organizations", id, v1::ENTITY_KIND_ORGANIZATION);
        o >= 0) {
      *ev->add_organizations() = x.entities.Ref(o);
    }
  }
  for (const std::string& topic : r.topics()) {
    if (x.topic_by_id.count(topic) == 0) {
      c.Problem(r, "topics",
                absl::StrCat("topics: unknown topic \"", topic, "\": define it under topics",
                             c.DidYouMean(topic, x.topic_by_id)));
    } else {
      ev->add_topics(topic);
    }
  }
  if (r.evidence().empty()) {
    c.Problem(r, "", absl::StrCat("event \"", r.id(), "\" needs at least one evidence quote"));
  }
  c.ResolveQuotes(r.evidence(), BuildContext::QuoteCopy::kOffsetsOnly, ev->mutable_evidence());
  for (const v1::ParticipantRecord& pr : r.participants()) {
    BuildParticipant(c, pr, ev->add_participants());
  }
  return c.problems.size() == problems_before;
}

}  // namespace

void AddCuratedEvents(BuildContext& c, const std::vector<const v1::EventRecord*>& records) {
  IndexData& x = c.data;
  struct Pending {
    const v1::EventRecord* record;
    v1::Event event;
    DayInterval days;
    bool built = false;  // BuildEvent() kept it
  };
  std::vector<Pending> pending;
  absl::flat_hash_map<std::string, int32_t> ids;
  for (const v1::EventRecord* r : records) {
    if (c.CheckId(*r, r->id(), &ids, 0, "event")) pending.push_back({r, v1::Event(), {}, false});
  }
  // Built on two threads: each reads its record, the entities and the
  // documents, and writes its own Pending.
  c.ParallelFill(
      pending.size(),
      [&](BuildContext& helper, size_t i) {
        Pending& p = pending[i];
        if (BuildEvent(helper, *p.record, &p.event)) {
          p.days = ToDayInterval(p.event.date());
          p.built = true;
        }
      },
      [](size_t) {});
  pending.erase(
      std::remove_if(pending.begin(), pending.end(), [](const Pending& p) { return !p.built; }),
      pending.end());
  for (const Pending& p : pending) {
    if (!p.record->part_of().empty() && ids.count(p.record->part_of()) == 0) {
      c.Problem(*p.record, "part_of",
                absl::StrCat("part_of: unknown event \"", p.record->part_of(), "\"",
                             c.DidYouMean(p.record->part_of(), ids)));
    }
  }
  std::sort(pending.begin(), pending.end(), [](const Pending& a, const Pending& b) {
    if (a.days.first != b.days.first) return a.days.first < b.days.first;
    if (a.days.last != b.days.last) return a.days.last < b.days.last;
    return a.event.id() < b.event.id();
  });
  for (Pending& p : pending) {
    x.event_by_id[p.event.id()] = static_cast<int32_t>(x.events.size());
    x.event_days.push_back(p.days);
    x.events.push_back(std::move(p.event));
  }
}

}  // namespace parley
