// Build step: an analyst's review decisions (KnowledgeBase.reviews, see
// knowledge_base.proto) applied to the facts the extractor found, after
// they were merged. Accepted and corrected facts become CURATED and carry
// their Review; a rejection removes what the review's article says of the
// fact: the fact goes, with every reference to it, unless another article
// tells it too (then it stays with that article's quotes). A
// decision whose fact the extractor no longer finds changes nothing and is
// counted (IndexInfo.orphan_review_count).
#include <algorithm>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "google/protobuf/util/time_util.h"
#include "service/base/dates.h"
#include "service/index/build_steps.h"
#include "service/index/fact_keys.h"

namespace parley {
namespace {

using v1::ReviewRecord;

v1::Review ReviewOf(const ReviewRecord& r) {
  v1::Review review;
  review.set_reviewer(r.reviewer());
  google::protobuf::Timestamp time;
  if (google::protobuf::util::TimeUtil::FromString(r.time(), &time)) *review.mutable_time() = time;
  review.set_corrected(r.decision() == ReviewRecord::CORRECT);
  review.set_note(r.note());
  return review;
}

// Removes the quotes read from document; whether any other is left (none
// when document is empty: the whole fact goes).
bool KeepsOtherEvidence(google::protobuf::RepeatedPtrField<v1::Evidence>* evidence,
                        const std::string& document) {
  if (document.empty()) return false;
  evidence->erase(
      std::remove_if(evidence->begin(), evidence->end(),
                     [&](const v1::Evidence& e) { return e.document_id() == document; }),
      evidence->end());
  return !evidence->empty();
}

// The quotes of an accepted fact support a curated fact now: they are shown
// with it whatever the reads' confidence floor.
void MarkAccepted(google::protobuf::RepeatedPtrField<v1::Evidence>* evidence,
                  const ReviewRecord& r) {
  for (v1::Evidence& e : *evidence) {
    if (e.origin() != v1::ORIGIN_EXTRACTED) continue;
    e.set_origin(v1::ORIGIN_CURATED);
    e.set_confidence(0);
    e.set_note(absl::StrCat(e.note(), "; accepted by ", r.reviewer()));
  }
}

bool Accepts(const ReviewRecord& r) {
  return r.decision() == ReviewRecord::ACCEPT || r.decision() == ReviewRecord::CORRECT;
}

class ReviewApplier {
 public:
  explicit ReviewApplier(BuildContext& c) : c_(c), x_(c.data) {
    for (int32_t i = 0; i < static_cast<int32_t>(x_.events.size()); ++i) {
      events_[x_.events[i].id()] = i;
    }
  }

  void Apply(const ReviewRecord& r) {
    const ParsedFactKey key = ParseFactKey(r.fact());
    bool found = false;
    if (key.kind == "entity") {
      found = Entity(r, key.first);
    } else if (key.kind == "position") {
      found = Position(r, key.first, key.second);
    } else if (key.kind == "event") {
      found = Event(r, key.first);
    } else if (key.kind == "participant") {
      found = Participant(r, key.first, key.second);
    } else {
      c_.problems.Add(c_.corpus.LocationOf(r, "fact"),
                      absl::StrCat("fact \"", r.fact(),
                                   "\" is not a fact key: entity:ID, position:ID:TITLE, "
                                   "event:ID or participant:EVENT:PERSON"));
      return;
    }
    if (!found) ++c_.orphan_reviews;
  }

  void Finish() {
    if (!dropped_entities_.empty()) DropEntities();
    if (!dropped_events_.empty() || resort_) RebuildEvents();
  }

 private:
  void AcceptEvent(v1::Event& ev, const ReviewRecord& r) {
    ev.set_origin(v1::ORIGIN_CURATED);
    ev.set_confidence(0);
    *ev.mutable_review() = ReviewOf(r);
    MarkAccepted(ev.mutable_evidence(), r);
  }

  v1::Entity* ExtractedEntity(absl::string_view id) {
    auto it = c_.entity_ids.find(id);
    if (it == c_.entity_ids.end() || x_.entities.origin(it->second) != v1::ORIGIN_EXTRACTED) {
      return nullptr;
    }
    return &x_.entities.Mutable(it->second);
  }

  bool Entity(const ReviewRecord& r, absl::string_view id) {
    v1::Entity* e = ExtractedEntity(id);
    if (e == nullptr) return false;
    const int32_t number = c_.entity_ids.find(id)->second;
    if (Accepts(r)) {
      e->set_origin(v1::ORIGIN_CURATED);
      e->set_confidence(0);
      *e->mutable_review() = ReviewOf(r);
      MarkAccepted(e->mutable_evidence(), r);
      return true;
    }
    // What other articles say of it stays.
    bool kept = KeepsOtherEvidence(e->mutable_evidence(), r.document());
    auto* positions = e->mutable_positions();
    for (int i = positions->size() - 1; i >= 0; --i) {
      v1::Position& p = (*positions)[i];
      if (p.origin() != v1::ORIGIN_EXTRACTED) continue;
      if (KeepsOtherEvidence(p.mutable_evidence(), r.document())) {
        kept = true;
      } else {
        DeletePosition(number, i);
      }
    }
    if (!kept) dropped_entities_.insert(std::string(id));
    return true;
  }

  bool Position(const ReviewRecord& r, absl::string_view id, absl::string_view title) {
    auto it = c_.entity_ids.find(id);
    if (it == c_.entity_ids.end()) return false;
    // Only an entity the extraction changed has extracted positions (and
    // is held as a message: entity_table.h); others are left packed.
    v1::Entity scratch;
    const v1::Entity& e = x_.entities.Read(it->second, &scratch);
    if (std::none_of(e.positions().begin(), e.positions().end(),
                     [](const v1::Position& p) { return p.origin() == v1::ORIGIN_EXTRACTED; })) {
      return false;
    }
    auto* positions = x_.entities.Mutable(it->second).mutable_positions();
    for (int i = 0; i < positions->size(); ++i) {
      v1::Position& p = (*positions)[i];
      if (p.origin() != v1::ORIGIN_EXTRACTED || !absl::EqualsIgnoreCase(p.title(), title)) continue;
      if (Accepts(r)) {
        p.set_origin(v1::ORIGIN_CURATED);
        p.set_confidence(0);
        if (!r.title().empty()) p.set_title(r.title());
        *p.mutable_review() = ReviewOf(r);
        MarkAccepted(p.mutable_evidence(), r);
      } else if (!KeepsOtherEvidence(p.mutable_evidence(), r.document())) {
        DeletePosition(it->second, i);
      }
      return true;
    }
    return false;
  }

  bool Event(const ReviewRecord& r, absl::string_view id) {
    auto it = events_.find(id);
    if (it == events_.end()) return false;
    v1::Event& ev = x_.events[it->second];
    if (ev.origin() != v1::ORIGIN_EXTRACTED) return false;
    if (!Accepts(r)) {
      if (!KeepsOtherEvidence(ev.mutable_evidence(), r.document())) {
        dropped_events_.insert(std::string(id));
      }
      return true;
    }
    AcceptEvent(ev, r);
    if (!r.date().empty()) {
      absl::StatusOr<v1::FuzzyDate> date = ParseFuzzyDate(r.date(), false);
      if (!date.ok()) {
        c_.problems.Add(c_.corpus.LocationOf(r, "date"),
                        absl::StrCat("date: ", date.status().message()));
        return true;
      }
      *ev.mutable_date() = *date;
      ev.set_planned(false);
      resort_ = true;
    }
    return true;
  }

  bool Participant(const ReviewRecord& r, absl::string_view event_id, absl::string_view person) {
    auto it = events_.find(event_id);
    if (it == events_.end()) return false;
    auto* participants = x_.events[it->second].mutable_participants();
    for (int i = 0; i < participants->size(); ++i) {
      v1::Participant& p = (*participants)[i];
      if (p.origin() != v1::ORIGIN_EXTRACTED || p.entity().id() != person) continue;
      if (!Accepts(r)) {
        if (!KeepsOtherEvidence(p.mutable_evidence(), r.document())) {
          participants->DeleteSubrange(i, 1);
        }
        return true;
      }
      p.set_origin(v1::ORIGIN_CURATED);
      p.set_confidence(0);
      *p.mutable_review() = ReviewOf(r);
      MarkAccepted(p.mutable_evidence(), r);
      if (!r.title().empty()) p.set_title(r.title());
      // That someone took part says the event took place: an extracted
      // event is accepted with its first accepted participant (else the
      // reads' floor would hide the participation with its event).
      if (x_.events[it->second].origin() == v1::ORIGIN_EXTRACTED) {
        AcceptEvent(x_.events[it->second], r);
      }
      if (!r.function().empty()) {
        v1::ParticipantFunction function;
        if (!v1::ParticipantFunction_Parse(absl::StrCat("PARTICIPANT_FUNCTION_", r.function()),
                                           &function)) {
          c_.problems.Add(c_.corpus.LocationOf(r, "function"),
                          absl::StrCat("function \"", r.function(),
                                       "\" is not a ParticipantFunction: SIGNATORY, "
                                       "DELEGATION_LEAD, HOST, COUNTERPART, MEMBER, "
                                       "SPOKESPERSON or VISITOR"));
        } else {
          p.set_function(function);
        }
      }
      if (!r.person().empty()) {
        auto who = c_.entity_ids.find(r.person());
        if (who == c_.entity_ids.end() || x_.entities.kind(who->second) != v1::ENTITY_KIND_PERSON) {
          c_.problems.Add(c_.corpus.LocationOf(r, "person"),
                          absl::StrCat("person \"", r.person(), "\" is not a person's id"));
        } else {
          *p.mutable_entity() = x_.entities.Ref(who->second);
        }
      }
      return true;
    }
    return false;
  }

  // Deletes position i of the entity at position e, with its links.
  void DeletePosition(int32_t e, int i) {
    x_.entities.Mutable(e).mutable_positions()->DeleteSubrange(i, 1);
    auto& links = x_.entity_links[e].positions;
    links.erase(links.begin() + i);
  }

  // Removes the rejected entities and every reference to them.
  void DropEntities() {
    auto gone = [this](const v1::EntityRef& ref) { return dropped_entities_.contains(ref.id()); };
    for (v1::Event& ev : x_.events) {
      auto* participants = ev.mutable_participants();
      participants->erase(
          std::remove_if(participants->begin(), participants->end(),
                         [&](const v1::Participant& p) { return gone(p.entity()); }),
          participants->end());
      auto* organizations = ev.mutable_organizations();
      organizations->erase(std::remove_if(organizations->begin(), organizations->end(), gone),
                           organizations->end());
    }
    // The entities left, renumbered; a link to a dropped one goes.
    std::vector<int32_t> renumbered(static_cast<size_t>(x_.entities.size()), -1);
    int32_t next = 0;
    for (int32_t i = 0; i < x_.entities.size(); ++i) {
      if (!dropped_entities_.contains(x_.entities.id(i))) renumbered[i] = next++;
    }
    auto follow = [&renumbered](int32_t& link) {
      if (link >= 0) link = renumbered[link];
    };
    std::vector<EntityStore::Links> kept_links;
    kept_links.reserve(static_cast<size_t>(next));
    for (size_t i = 0; i < renumbered.size(); ++i) {
      if (renumbered[i] < 0) continue;
      EntityStore::Links& links = x_.entity_links[i];
      follow(links.country);
      follow(links.parent);
      for (EntityStore::Links::OfPosition& p : links.positions) {
        follow(p.organization);
        follow(p.country);
      }
      kept_links.push_back(std::move(links));
    }
    x_.entities.Renumber(renumbered);
    x_.entity_links = std::move(kept_links);
    c_.entity_ids.clear();
    for (int32_t i = 0; i < x_.entities.size(); ++i) {
      c_.entity_ids[std::string(x_.entities.id(i))] = i;
    }
  }

  // Removes the rejected events and keeps the rest in date order.
  void RebuildEvents() {
    std::vector<std::pair<DayInterval, v1::Event>> all;
    for (v1::Event& ev : x_.events) {
      if (dropped_events_.contains(ev.id())) continue;
      const DayInterval days = ToDayInterval(ev.date());
      all.emplace_back(days, std::move(ev));
    }
    SetEventsInDateOrder(x_, std::move(all));
  }

  BuildContext& c_;
  IndexData& x_;
  absl::flat_hash_map<std::string, int32_t> events_;
  absl::flat_hash_set<std::string> dropped_entities_;
  absl::flat_hash_set<std::string> dropped_events_;
  bool resort_ = false;
};

}  // namespace

void ApplyReviews(BuildContext& c, const std::vector<const v1::ReviewRecord*>& records) {
  if (records.empty()) return;
  ReviewApplier applier(c);
  for (const v1::ReviewRecord* r : records) applier.Apply(*r);
  applier.Finish();
}

}  // namespace parley
