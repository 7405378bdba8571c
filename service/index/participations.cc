// Build step: participation rows, event postings, event counts and the
// dates positions were held; entities sorted by kind and name.
#include <algorithm>
#include <condition_variable>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "absl/cleanup/cleanup.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/match.h"
#include "service/base/run_concurrently.h"
#include "service/base/sort_prefix.h"
#include "service/index/build_steps.h"

namespace parley {
namespace {

// The events the postings visit before the store may take them (a lock
// a batch, not an event).
constexpr int32_t kPostedBatch = 256;

// The topic itself and every ancestor: an event on "cyber-security" is also
// on "cyber".
std::vector<std::string> TopicsCovering(const IndexData& x, const std::string& topic) {
  std::vector<std::string> out;
  std::string at = topic;
  for (size_t depth = 0; !at.empty() && depth <= x.topics.size(); ++depth) {
    out.push_back(at);
    auto it = x.topic_by_id.find(at);
    if (it == x.topic_by_id.end()) break;
    at = x.topics[it->second].parent_id();
  }
  return out;
}

// An entity's place in the entities' order: kind, then name, then id.
struct SortKey {
  int kind;
  uint64_t name_prefix[2];  // the name's first 16 bytes (base/sort_prefix.h)
  absl::string_view name;
  absl::string_view id;
  int32_t index;
  bool operator<(const SortKey& o) const {
    if (kind != o.kind) return kind < o.kind;
    const int c = CompareBySortPrefix(
        name_prefix, name.size(), [this] { return name; }, o.name_prefix, o.name.size(),
        [&o] { return o.name; });
    return c != 0 ? c < 0 : id < o.id;
  }
};

// The build's entities as the store's freeze takes them (entity_store.h),
// each given its event count and, on each position, the dates of the events
// at which it was held (after any "as of" dates, then sorted).
class EntitiesToFreeze : public EntityStore::Source {
 public:
  // event_count is per entity; entity i took part as participations
  // participation_rows[row_begin[i]] to participation_rows[row_begin[i + 1]]
  // (rows of x.participations).
  EntitiesToFreeze(IndexData& x, std::vector<int32_t> event_count, std::vector<uint32_t> row_begin,
                   std::vector<int32_t> participation_rows)
      : x_(x),
        event_count_(std::move(event_count)),
        row_begin_(std::move(row_begin)),
        participation_rows_(std::move(participation_rows)) {}

  size_t size() const override { return static_cast<size_t>(x_.entities.size()); }
  absl::string_view id(size_t i) const override { return x_.entities.id(Number(i)); }
  absl::string_view name(size_t i) const override { return x_.entities.name(Number(i)); }
  v1::EntityKind kind(size_t i) const override { return x_.entities.kind(Number(i)); }

  // A packed entity in no participation has no dates to add: its bytes as
  // packed (the store takes it if a position has several dates to sort).
  bool TakeSerialized(size_t i, absl::string_view* serialized, int32_t* event_count) override {
    if (row_begin_[i] != row_begin_[i + 1] || !x_.entities.Packed(Number(i), serialized)) {
      return false;
    }
    *event_count = event_count_[i];
    return true;
  }

  void Take(size_t i, v1::Entity* out) override {
    x_.entities.Take(Number(i), out);
    out->set_event_count(event_count_[i]);
    for (uint32_t k = row_begin_[i]; k < row_begin_[i + 1]; ++k) {
      const auto [event, participant] = x_.participations[participation_rows_[k]];
      const EventView ev = x_.event_store[event];
      const absl::string_view title = ev.participant(participant).title();
      for (v1::Position& pos : *out->mutable_positions()) {
        if (absl::EqualsIgnoreCase(pos.title(), title)) *pos.add_held_on() = ev.date();
      }
    }
    for (v1::Position& pos : *out->mutable_positions()) {
      auto* held = pos.mutable_held_on();
      std::sort(held->begin(), held->end(), [](const v1::FuzzyDate& a, const v1::FuzzyDate& b) {
        return ToDayInterval(a).first < ToDayInterval(b).first;
      });
    }
  }

 private:
  static int32_t Number(size_t i) { return static_cast<int32_t>(i); }

  IndexData& x_;
  const std::vector<int32_t> event_count_;
  const std::vector<uint32_t> row_begin_;
  const std::vector<int32_t> participation_rows_;
};

}  // namespace

void BuildParticipations(BuildContext& c) {
  IndexData& x = c.data;
  // Entities sorted by kind then name; ids re-pointed. The keys are copied
  // out of the table first, with the name's first 16 bytes as numbers:
  // most comparisons end there, without following pointers to each name
  // (the sort was 2 s of a 1M-entity build).
  const auto n = static_cast<size_t>(x.entities.size());
  std::vector<SortKey> keys;
  keys.reserve(n);
  for (int32_t i = 0; i < x.entities.size(); ++i) {
    const absl::string_view name = x.entities.name(i);
    keys.push_back(
        {x.entities.kind(i), {SortPrefix(name), SortPrefix(name, 8)}, name, x.entities.id(i), i});
  }
  // The events are visited while the keys are sorted, in two halves (the
  // four on two cores). One visit, the postings, counts events, lists each
  // person's participations (which the freeze applies as it takes each
  // entity) and each article's participants. The other, the store, follows
  // a batch behind: it moves each event the postings are done with into the
  // event store (event_store.h), which the freeze reads dates and titles
  // from, and frees its message: the messages are not held through the
  // freeze. (As one visit this was 1.2 s at 1M, 0.5-0.8 s of it with the
  // other core idle.) The sorts read only the kinds, names and ids they copied.
  //
  // Each article's participants, as (document, entity number) pairs taken
  // from their evidence, each once by the freeze. (A map of id strings to
  // sets of id strings was ~30 MB at 1M held through the freeze, the
  // build's peak.)
  std::vector<std::pair<int32_t, int32_t>> document_participants;
  // Per entity (its number in x.entities), the events it is in, counted
  // once each: events are visited in order, so an event already counted is
  // the entity's last one. (A set of events per id was 0.4 s at 1M.)
  std::vector<int32_t> event_count(n, 0);
  // The participations of each person (rows of x.participations), by
  // person: person_rows[row_begin[e]] to person_rows[row_begin[e + 1]].
  std::vector<uint32_t> row_begin;
  std::vector<int32_t> person_rows;
  const auto event_total = static_cast<int32_t>(x.events.size());
  // Events [0, posted) are the store's to take. (A std::mutex: Debian's
  // absl::Mutex is not built for ThreadSanitizer, which then misses the
  // ordering of a waiter's condition, run by the thread that unlocks.)
  std::mutex posted_mu;
  std::condition_variable posted_cv;
  int32_t posted = 0;
  auto publish = [&](int32_t events) {
    {
      std::lock_guard<std::mutex> lock(posted_mu);
      posted = events;
    }
    posted_cv.notify_one();
  };
  auto post_events = [&] {
    // Also if the postings throw (bad_alloc): the store then takes every
    // event, none of them read any more, and the build fails with it.
    absl::Cleanup all_posted = [&] { publish(event_total); };
    std::vector<int32_t> last_event(n, -1);
    std::vector<int32_t> person_of_row;  // per row of x.participations; -1: none
    auto entity_number = [&c, n](const std::string& id) {
      auto it = c.entity_ids.find(id);
      return it == c.entity_ids.end() || it->second >= static_cast<int32_t>(n) ? -1 : it->second;
    };
    auto count_event = [&](int32_t entity, int32_t event) {
      if (entity < 0 || last_event[entity] == event) return;
      last_event[entity] = event;
      ++event_count[entity];
    };
    for (int32_t i = 0; i < event_total; ++i) {
      const v1::Event& ev = x.events[i];
      const int32_t begin = static_cast<int32_t>(x.participations.size());
      x.events_by_kind[ev.kind()].push_back(i);
      absl::flat_hash_set<std::string> countries, organizations;
      for (const v1::EntityRef& country : ev.countries()) countries.insert(country.id());
      for (const v1::EntityRef& o : ev.organizations()) organizations.insert(o.id());
      for (int32_t j = 0; j < ev.participants_size(); ++j) {
        const v1::Participant& p = ev.participants(j);
        x.events_by_participant[p.entity().id()].push_back(i);
        const int32_t person = entity_number(p.entity().id());
        count_event(person, i);
        if (p.has_side()) countries.insert(p.side().id());
        if (p.has_organization()) organizations.insert(p.organization().id());
        for (const v1::Evidence& e : p.evidence()) {
          if (person < 0 || e.document_id().empty()) continue;
          if (auto d = x.document_by_id.find(e.document_id()); d != x.document_by_id.end()) {
            const std::pair<int32_t, int32_t> cited(d->second, person);
            // A person's quotes from one article come together.
            if (document_participants.empty() || document_participants.back() != cited) {
              document_participants.push_back(cited);
            }
          }
        }
        x.participations.emplace_back(i, j);
        person_of_row.push_back(person);
      }
      x.participation_ranges.emplace_back(begin, static_cast<int32_t>(x.participations.size()));
      for (const std::string& country : countries) {
        x.events_by_country[country].push_back(i);
        count_event(entity_number(country), i);
      }
      for (const std::string& o : organizations) {
        x.events_by_organization[o].push_back(i);
        count_event(entity_number(o), i);
      }
      absl::flat_hash_set<std::string> topics;
      for (const std::string& t : ev.topics()) {
        for (const std::string& covering : TopicsCovering(x, t)) topics.insert(covering);
      }
      for (const std::string& t : topics) x.events_by_topic[t].push_back(i);
      if ((i + 1) % kPostedBatch == 0) publish(i + 1);
    }
    publish(event_total);
    // Each pair once, in as little memory as it takes, before the freeze.
    std::sort(document_participants.begin(), document_participants.end());
    document_participants.erase(
        std::unique(document_participants.begin(), document_participants.end()),
        document_participants.end());
    document_participants.shrink_to_fit();
    // The rows by person, in row order (a counting sort).
    row_begin.assign(n + 1, 0);
    for (const int32_t person : person_of_row) {
      if (person >= 0) ++row_begin[static_cast<size_t>(person) + 1];
    }
    for (size_t e = 0; e < n; ++e) row_begin[e + 1] += row_begin[e];
    person_rows.resize(row_begin[n]);
    std::vector<uint32_t> at(row_begin.begin(), row_begin.end() - 1);
    for (size_t row = 0; row < person_of_row.size(); ++row) {
      if (const int32_t person = person_of_row[row]; person >= 0) {
        person_rows[at[static_cast<size_t>(person)]++] = static_cast<int32_t>(row);
      }
    }
  };
  auto store_events = [&] {
    EventStore::Builder events;
    for (int32_t i = 0; i < event_total; ++i) {
      if (i % kPostedBatch == 0) {
        std::unique_lock<std::mutex> lock(posted_mu);
        posted_cv.wait(lock, [&posted, i] { return posted > i; });
      }
      // Nothing changes the event now: into the store while its message is
      // still in the cache from the postings' read (a walk over the 0.14 GB
      // of messages at 1M after the postings was 0.4-0.6 s of misses), and
      // freed.
      events.Add(&x.events[i]);
      v1::Event().Swap(&x.events[i]);
    }
    x.event_store = std::move(events).Finish();
  };
  // Two halves sorted on two threads, then merged straight into the order
  // (no merge buffer): the keys are distinct (ids are unique), so the order
  // is the one a single sort gives.
  const auto middle = keys.begin() + static_cast<ptrdiff_t>(keys.size() / 2);
  // The postings first: the store waits for them, and a task whose thread
  // cannot start runs after those listed before it (run_concurrently.h).
  RunConcurrently({post_events, store_events, [&] { std::sort(keys.begin(), middle); },
                   [&] { std::sort(middle, keys.end()); }});
  x.events = std::vector<v1::Event>();
  // The numbers change with the sort: the id map goes before the freeze,
  // the build's peak.
  absl::flat_hash_map<std::string, int32_t>().swap(c.entity_ids);
  std::vector<int32_t> order;
  order.reserve(keys.size());
  for (auto a = keys.begin(), b = middle; a != middle || b != keys.end();) {
    const bool take_b = a == middle || (b != keys.end() && *b < *a);
    order.push_back((take_b ? b++ : a++)->index);
  }
  keys = {};  // its views point into the entities the store takes
  {
    EntitiesToFreeze source(x, std::move(event_count), std::move(row_begin),
                            std::move(person_rows));
    x.entity_store = EntityStore::Freeze(source, order, x.entity_links);
  }
  x.entities = EntityTable();
  x.entity_links = {};
  // Each article's participants in the entities' order (kind, then name):
  // the numbers become rows (one to one), sorted again. (Every participant is an entity of the
  // index: references are checked, dropped entities leave their events.)
  std::vector<int32_t> row_of(order.size());
  for (size_t r = 0; r < order.size(); ++r) {
    row_of[static_cast<size_t>(order[r])] = static_cast<int32_t>(r);
  }
  for (auto& [document, entity] : document_participants) {
    entity = row_of[static_cast<size_t>(entity)];
  }
  std::sort(document_participants.begin(), document_participants.end());
  x.document_participants.reserve(document_participants.size());
  x.document_participant_offsets.reserve(x.documents.size() + 1);
  x.document_participant_offsets.push_back(0);
  auto pair = document_participants.begin();
  for (int32_t d = 0; d < static_cast<int32_t>(x.documents.size()); ++d) {
    for (; pair != document_participants.end() && pair->first == d; ++pair) {
      x.document_participants.push_back(pair->second);
    }
    x.document_participant_offsets.push_back(static_cast<uint32_t>(x.document_participants.size()));
  }
}

}  // namespace parley
