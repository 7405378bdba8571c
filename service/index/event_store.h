// EventStore: the events of an index, compact, and EventView, one of them as
// read.
//
// A v1::Event message costs about 2.8 KB at 1M entities (the message, its
// EntityRefs, Participants, Evidence and FuzzyDate as separate heap objects,
// each string a 32-byte std::string plus a buffer: 140 MB for 50k events).
// The store keeps what filters, facets and participation rows read as rows
// of plain fields: ids, titles and places as views into an arena, entity
// references as numbers into a table of distinct (id, name, kind) triples,
// topics as interned views; and the rest of the message (evidence, summary,
// review, the participants' evidence and reviews) serialized beside them.
// EventView::CopyTo makes the whole message for a response.
//
// Build-then-freeze: Builder::Add() takes the finished events in their final
// order; Finish() makes the store. Nothing changes after.
// Thread-safety: const methods are safe from any number of threads.
// Ownership: views and the string_views they return live as long as the
// store.
#ifndef PARLEY_SERVICE_INDEX_EVENT_STORE_H_
#define PARLEY_SERVICE_INDEX_EVENT_STORE_H_

#include <cstdint>
#include <string>
#include <tuple>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "parley/v1/resources.pb.h"
#include "service/base/string_arena.h"

namespace parley {

class EventView;
class EventParticipantView;

// An entity reference as an event holds it: its id, name and kind as
// written in the event's message ("", "" and unspecified when not set).
class EventRefView {
 public:
  EventRefView() = default;
  EventRefView(absl::string_view id, absl::string_view name, v1::EntityKind kind)
      : id_(id), name_(name), kind_(kind) {}
  absl::string_view id() const { return id_; }
  absl::string_view name() const { return name_; }
  v1::EntityKind kind() const { return kind_; }
  void CopyTo(v1::EntityRef* out) const;

 private:
  absl::string_view id_;
  absl::string_view name_;
  v1::EntityKind kind_ = v1::ENTITY_KIND_UNSPECIFIED;
};

class EventStore {
 public:
  class Builder;
  EventStore() = default;
  EventStore(EventStore&&) = default;
  EventStore& operator=(EventStore&&) = default;

  // The events, each freed as it is taken.
  static EventStore Freeze(std::vector<v1::Event> events);

  int32_t size() const { return static_cast<int32_t>(rows_.size()); }
  bool empty() const { return rows_.empty(); }
  EventView operator[](int32_t e) const;
  class Iterator;
  Iterator begin() const;
  Iterator end() const;

  // Event e's message (EventView::CopyTo), serialized.
  std::string Serialized(int32_t e) const;

 private:
  friend class EventView;
  friend class EventParticipantView;
  friend class EventRefRange;

  // The part of event e's message its row does not hold, without its
  // participants, serialized; and the part of participant p's (its
  // evidence and review), which a participation row reads alone.
  absl::string_view rest(int32_t e) const {
    return absl::string_view(rests_.data() + rows_[e].rest_begin, rows_[e].rest_size);
  }
  absl::string_view participant_rest(uint32_t p) const {
    return absl::string_view(rests_.data() + participants_[p].rest_begin,
                             participants_[p].rest_size);
  }

  struct Row {
    absl::string_view id, title, place, city;
    uint64_t rest_begin = 0;
    uint32_t rest_size = 0;
    uint32_t location_country = 0;                    // in refs_
    uint32_t countries_begin = 0, country_count = 0;  // in ref_lists_
    uint32_t organizations_begin = 0, organization_count = 0;
    uint32_t topics_begin = 0, topic_count = 0;  // in topics_
    uint32_t participants_begin = 0, participant_count = 0;
    double confidence = 0;
    uint8_t kind = 0;    // v1::EventKind
    uint8_t origin = 0;  // v1::Origin
    bool planned = false;
    bool has_date = false;
    bool has_location = false;
  };
  struct ParticipantRow {
    absl::string_view title;
    uint64_t rest_begin = 0;
    uint32_t rest_size = 0;
    uint32_t entity = 0, side = 0, organization = 0;  // in refs_; 0: not set
    double confidence = 0;
    uint8_t function = 0;  // v1::ParticipantFunction
    uint8_t origin = 0;    // v1::Origin
  };

  std::vector<Row> rows_;
  std::vector<ParticipantRow> participants_;
  std::vector<v1::FuzzyDate> dates_;  // per event
  // refs_[0] is "not set"; the others are distinct (id, name) pairs.
  std::vector<EventRefView> refs_;
  std::vector<uint32_t> ref_lists_;  // countries and organizations, in refs_
  std::vector<absl::string_view> topics_;
  std::string rests_;
  StringArena strings_;
};

// Makes a store from events given one at a time, in their final order.
class EventStore::Builder {
 public:
  // Adds *event, taking what its row holds out of it (what is left is
  // the message's rest). REQUIRES: event's enum fields are the enums'
  // values (an index's are checked).
  void Add(v1::Event* event);
  EventStore Finish() &&;

 private:
  absl::string_view Intern(absl::string_view s);
  uint32_t Ref(const v1::EntityRef& ref);

  EventStore store_;
  absl::flat_hash_map<absl::string_view, absl::string_view> interned_;
  // By the interned id's and name's first bytes: each distinct string is
  // interned once, so its address names it (no string hashed again).
  absl::flat_hash_map<std::tuple<const char*, const char*, int>, uint32_t> ref_numbers_;
  std::string scratch_;
};

// The countries or organizations of an event (range-for over EventRefView).
class EventRefRange {
 public:
  class Iterator {
   public:
    EventRefView operator*() const { return s_->refs_[*at_]; }
    Iterator& operator++() {
      ++at_;
      return *this;
    }
    bool operator!=(const Iterator& other) const { return at_ != other.at_; }

   private:
    friend class EventRefRange;
    Iterator(const EventStore* s, const uint32_t* at) : s_(s), at_(at) {}
    const EventStore* s_;
    const uint32_t* at_;
  };
  Iterator begin() const { return Iterator(s_, s_->ref_lists_.data() + begin_); }
  Iterator end() const { return Iterator(s_, s_->ref_lists_.data() + begin_ + size_); }
  uint32_t size() const { return size_; }
  bool empty() const { return size_ == 0; }

 private:
  friend class EventView;
  EventRefRange(const EventStore* s, uint32_t begin, uint32_t size)
      : s_(s), begin_(begin), size_(size) {}
  const EventStore* s_;
  uint32_t begin_, size_;
};

// One participant of an event: a small value, cheap to copy.
class EventParticipantView {
 public:
  EventRefView entity() const { return s_->refs_[row().entity]; }
  EventRefView side() const { return s_->refs_[row().side]; }
  EventRefView organization() const { return s_->refs_[row().organization]; }
  bool has_side() const { return row().side != 0; }
  bool has_organization() const { return row().organization != 0; }
  absl::string_view title() const { return row().title; }
  v1::ParticipantFunction function() const {
    return static_cast<v1::ParticipantFunction>(row().function);
  }
  v1::Origin origin() const { return static_cast<v1::Origin>(row().origin); }
  double confidence() const { return row().confidence; }

  // The whole message.
  void CopyTo(v1::Participant* out) const;

 private:
  friend class EventView;
  EventParticipantView(const EventStore* s, uint32_t p) : s_(s), p_(p) {}
  const EventStore::ParticipantRow& row() const { return s_->participants_[p_]; }
  const EventStore* s_;
  uint32_t p_;
};

// One event of a store: a small value, cheap to copy.
class EventView {
 public:
  int32_t number() const { return e_; }
  absl::string_view id() const { return row().id; }
  absl::string_view title() const { return row().title; }
  v1::EventKind kind() const { return static_cast<v1::EventKind>(row().kind); }
  const v1::FuzzyDate& date() const { return s_->dates_[e_]; }
  // The location's place, city and country.
  absl::string_view place() const { return row().place; }
  absl::string_view city() const { return row().city; }
  EventRefView location_country() const { return s_->refs_[row().location_country]; }
  EventRefRange countries() const {
    return EventRefRange(s_, row().countries_begin, row().country_count);
  }
  EventRefRange organizations() const {
    return EventRefRange(s_, row().organizations_begin, row().organization_count);
  }
  absl::Span<const absl::string_view> topics() const {
    return absl::MakeConstSpan(s_->topics_).subspan(row().topics_begin, row().topic_count);
  }
  int32_t participant_count() const { return static_cast<int32_t>(row().participant_count); }
  // REQUIRES: 0 <= k < participant_count().
  EventParticipantView participant(int32_t k) const {
    return EventParticipantView(s_, row().participants_begin + static_cast<uint32_t>(k));
  }
  v1::Origin origin() const { return static_cast<v1::Origin>(row().origin); }
  double confidence() const { return row().confidence; }
  bool planned() const { return row().planned; }

  // The whole message, as the builder took it (its evidence without
  // quotes: Index::CopyEvent restores them).
  void CopyTo(v1::Event* out) const;
  v1::Event ToProto() const {
    v1::Event e;
    CopyTo(&e);
    return e;
  }
  // Its location (only if it has one: has_location()).
  bool has_location() const { return row().has_location; }
  bool has_date() const { return row().has_date; }
  void CopyLocationTo(v1::Location* out) const;

 private:
  friend class EventStore;
  EventView(const EventStore* s, int32_t e) : s_(s), e_(e) {}
  const EventStore::Row& row() const { return s_->rows_[e_]; }
  const EventStore* s_;
  int32_t e_;
};

inline EventView EventStore::operator[](int32_t e) const { return EventView(this, e); }

// Every event in order (range-for).
class EventStore::Iterator {
 public:
  EventView operator*() const { return (*s_)[e_]; }
  Iterator& operator++() {
    ++e_;
    return *this;
  }
  bool operator!=(const Iterator& other) const { return e_ != other.e_; }

 private:
  friend class EventStore;
  Iterator(const EventStore* s, int32_t e) : s_(s), e_(e) {}
  const EventStore* s_;
  int32_t e_;
};

inline EventStore::Iterator EventStore::begin() const { return Iterator(this, 0); }
inline EventStore::Iterator EventStore::end() const { return Iterator(this, size()); }

}  // namespace parley

#endif  // PARLEY_SERVICE_INDEX_EVENT_STORE_H_
