// EntityStore: the entities of an index, compact, and EntityView, one of
// them as read.
//
// A v1::Entity message costs about 1 KB at 1M entities (the message, its
// EntityRefs, Positions and Evidence as separate heap objects, each string
// a 32-byte std::string plus a buffer); most reads need only its id, name,
// kind and counts. The store keeps those as a row of plain fields with the
// strings in a few arenas (one per thread of Freeze()); references to other entities (country,
// parent organization, each position's organization and country) as entity numbers when they are
// exactly that entity's reference (or given as Links, as an index build gives them); and the rest
// (positions without those references, evidence, review) serialized. A
// message is made only for a response (EntityView::CopyTo).
//
// Build-then-freeze: Freeze() takes the finished entities (a Source) and
// their final order; the one change after it is SetMentionCount (index build only).
// Thread-safety: const methods are safe from any number of threads.
// Ownership: views and the string_views they return live as long as the
// store.
#ifndef PARLEY_SERVICE_INDEX_ENTITY_STORE_H_
#define PARLEY_SERVICE_INDEX_ENTITY_STORE_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/container/inlined_vector.h"
#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "parley/v1/resources.pb.h"
#include "service/base/snapshot_io.h"
#include "service/base/string_arena.h"
#include "service/base/string_number_set.h"

namespace parley {

class EntityView;

// A set of v1::Entity's top-level fields, by field number (those numbered 64
// and up, none yet, are always in it).
class EntityFields {
 public:
  static EntityFields All() { return EntityFields(~uint64_t{0}); }
  static EntityFields None() { return EntityFields(0); }
  void Add(int field_number) {
    if (field_number < 64) bits_ |= uint64_t{1} << field_number;
  }
  bool Has(int field_number) const {
    return field_number >= 64 || (bits_ >> field_number & 1) != 0;
  }

 private:
  explicit EntityFields(uint64_t bits) : bits_(bits) {}
  uint64_t bits_;
};

class EntityStore {
 public:
  EntityStore() = default;
  EntityStore(EntityStore&&) = default;
  EntityStore& operator=(EntityStore&&) = default;

  // An entity's references to other entities as their positions in
  // Freeze()'s entities (-1: none): what an index build keeps instead of
  // EntityRef messages in the entity messages (2.8M of those at 1M
  // entities, ~80 B each with the id's string). A reference given here
  // wins over the message's own.
  struct Links {
    int32_t country = -1;
    int32_t parent = -1;  // parent organization
    struct OfPosition {
      int32_t organization = -1;
      int32_t country = -1;
    };
    // One per position of the message, in its order.
    absl::InlinedVector<OfPosition, 2> positions;
  };

  // What Freeze() reads: every entity's id, name and kind, and then each
  // entity whole, once (an index build keeps its entities packed until
  // then: index/entity_table.h).
  class Source {
   public:
    virtual ~Source() = default;
    virtual size_t size() const = 0;
    virtual absl::string_view id(size_t i) const = 0;
    virtual absl::string_view name(size_t i) const = 0;
    virtual v1::EntityKind kind(size_t i) const = 0;
    // Moves entity i into *out, an empty message. Called once for each i,
    // after every id, name and kind was read, from two threads at once
    // (for distinct entities), unless TakeSerialized(i) was enough.
    virtual void Take(size_t i, v1::Entity* out) = 0;
    // Entity i serialized without its id and name, and its event count
    // (which the bytes do not hold), if the source holds it so: the bytes
    // of the message Take() would give, but that a position's dates may be
    // in any order (an entity with a position of several dates is taken
    // instead, Take() ordering them). *serialized stays valid until
    // Take(i) or the source's end. Called first for each i, as Take() is;
    // the store then reads the bytes without making a message of them (at
    // 1M entities most of a freeze's time was making and serializing
    // messages), or calls Take(i) for an entity they hold more of than a
    // row keeps apart (references as messages, an extracted position,
    // several dates on a position, a review). Returns false if it holds no
    // such bytes: the default.
    virtual bool TakeSerialized(size_t /*i*/, absl::string_view* /*serialized*/,
                                int32_t* /*event_count*/) {
      return false;
    }
  };

  // Stores the source's entities, entity number r being entity order[r]
  // (their own order when order is empty), taking them in their own order
  // (the order they were made in: a source that frees what it gives, as
  // the vector's below, gives the allocator whole pages back while the
  // store grows).
  // links[i], if given, are entity i's references.
  // REQUIRES: ids are unique; order is empty or a permutation of
  // [0, entities.size()); links is empty or as long as entities, each
  // with one OfPosition per position of its message, and positions in
  // [0, entities.size()).
  static EntityStore Freeze(Source& entities, absl::Span<const int32_t> order = {},
                            absl::Span<const Links> links = {});
  // The same from messages, each freed as it is taken.
  static EntityStore Freeze(std::vector<v1::Entity> entities, absl::Span<const int32_t> order = {},
                            absl::Span<const Links> links = {});

  int32_t size() const { return static_cast<int32_t>(rows_.size()); }
  EntityView view(int32_t e) const;
  EntityView operator[](int32_t e) const;
  class Iterator;
  Iterator begin() const;
  Iterator end() const;
  // The number of the entity with an id, or -1.
  int32_t Find(absl::string_view id) const;

  // Hints that entity e is about to be read: PrefetchRow asks for its row
  // (kind, origin, confidence, counts: what filters read), PrefetchStrings
  // for its strings and aliases (what a copy reads; it reads the row). A
  // page of entities lies all over the heap: asked for together, their
  // cache misses overlap instead of following each other. No effect on
  // results; e must be an entity number.
  void PrefetchRow(int32_t e) const {
    const char* row = reinterpret_cast<const char*>(&rows_[e]);
    __builtin_prefetch(row);
    __builtin_prefetch(row + sizeof(Row) - 1);  // a row straddles two lines
  }
  void PrefetchStrings(int32_t e) const {
    const Row& r = rows_[e];
    __builtin_prefetch(r.head);
    __builtin_prefetch(r.tail);
    if (r.alias_count + r.demonym_count > 0) __builtin_prefetch(&names_[r.names_begin]);
  }

  // Backs the rows and name lists with 2 MB pages (base/huge_pages.h);
  // returns the bytes so backed.
  size_t BackWithHugePages() const;

  // Index build only: the mentions counted after the store is frozen.
  void SetMentionCount(int32_t e, int32_t count) { rows_[e].mention_count = count; }

  // Snapshots (index/snapshot.h). StringEncoder() maps views of the store's
  // strings (its names and aliases, which the name index and the mention
  // matcher hold) to offsets in its string space; SaveTo() writes the store
  // with the space. LoadFrom() reads one into an empty store and gives the
  // decoder of those offsets; false when the reader fails (it says why).
  // IndexIds() then makes Find() work: only once the reader's checksum
  // holds (hashing the ids of damaged rows could take long).
  ViewEncoder StringEncoder() const;
  void SaveTo(const ViewEncoder& strings, SnapshotWriter& w) const;
  static bool LoadFrom(SnapshotReader& r, EntityStore* out, ViewDecoder* strings);
  void IndexIds();

 private:
  friend class EntityView;

  struct Row {
    // Four strings in two runs of the arena (two pointers and four sizes
    // instead of four 16-byte views): id and name, then description and
    // rest, the serialized v1::Entity holding only what the row does not:
    // positions (without the references in position_refs_), evidence,
    // review, and a country or parent organization that is not exactly
    // another entity's reference.
    const char* head = nullptr;
    const char* tail = nullptr;
    uint32_t id_size = 0, name_size = 0, description_size = 0, rest_size = 0;
    absl::string_view id() const { return absl::string_view(head, id_size); }
    absl::string_view name() const { return absl::string_view(head + id_size, name_size); }
    absl::string_view description() const { return absl::string_view(tail, description_size); }
    absl::string_view rest() const { return absl::string_view(tail + description_size, rest_size); }
    int32_t country = -1;  // entity number; -1: none, or in rest
    int32_t parent = -1;   // entity number; -1: none, or in rest
    int32_t event_count = 0;
    int32_t mention_count = 0;
    double confidence = 0;
    uint32_t names_begin = 0;      // aliases, then demonyms, in names_
    uint32_t positions_begin = 0;  // in position_refs_, one per position in rest
    uint32_t alias_count = 0;
    uint32_t demonym_count = 0;
    // A byte each: the index refuses kinds outside the enum
    // (curated_entities.cc) and sets origins itself.
    uint8_t kind = 0;    // v1::EntityKind
    uint8_t origin = 0;  // v1::Origin
    bool refs_in_rest = false;
    bool extracted_positions = false;  // a position's origin is EXTRACTED
  };

  // A position's organization and country as entity numbers; -1: none, or
  // left in the serialized position.
  struct PositionRefs {
    int32_t organization = -1;
    int32_t country = -1;
  };

  // Entity numbers found by their ids (4 bytes an entity). IdOf reads
  // rows_'s buffer, which moves with the vector (and rows_ never grows
  // after Freeze sizes it).
  struct IdOf {
    const Row* rows = nullptr;
    absl::string_view operator()(int32_t e) const { return rows[e].id(); }
  };

  std::vector<Row> rows_;
  // What one thread of Freeze() makes from its range of entities.
  struct Part {
    StringArena strings;
    std::vector<absl::string_view> names;
    std::vector<PositionRefs> position_refs;
  };
  // Freezes entities [begin, end) into their rows, row_of[i] being entity
  // i's (ids, names and kinds already there), with names_begin and
  // positions_begin counted in part, and each row's number of positions
  // in position_counts[row]; links as Freeze()'s.
  void FreezeRange(Source& entities, absl::Span<const int32_t> row_of,
                   absl::Span<const Links> links, size_t begin, size_t end,
                   absl::Span<uint32_t> position_counts, Part& part);
  // The same for one entity given serialized (Source::TakeSerialized), row
  // being its row; false, with nothing written, if the bytes hold more
  // than it reads (the entity is then taken as a message).
  static bool FreezeSerialized(absl::string_view serialized, int32_t event_count, const Links& link,
                               absl::Span<const int32_t> row_of, Row& row, uint32_t& position_count,
                               Part& part, std::string& scratch);
  // Copies the aliases, demonyms, rests and position references, which
  // FreezeRange wrote in the messages' order, into entity-number order:
  // a page of neighbours (namesakes, a prefix's matches) then reads them
  // from a few places instead of from all over the heap.
  void LayOutInNumberOrder(absl::Span<const uint32_t> position_counts);

  std::vector<absl::string_view> names_;
  std::vector<PositionRefs> position_refs_;
  // One of each per Freeze thread (a loaded snapshot's are all in strings_[0]).
  StringArena strings_[2];       // ids and names
  StringArena rest_strings_[2];  // the rest, aliases and demonyms
  StringNumberSet<IdOf> by_id_;
};

// One entity of a store: a small value, cheap to copy.
class EntityView {
 public:
  int32_t number() const { return e_; }
  absl::string_view id() const { return row().id(); }
  absl::string_view name() const { return row().name(); }
  absl::string_view description() const { return row().description(); }
  v1::EntityKind kind() const { return static_cast<v1::EntityKind>(row().kind); }
  v1::Origin origin() const { return static_cast<v1::Origin>(row().origin); }
  double confidence() const { return row().confidence; }
  int32_t event_count() const { return row().event_count; }
  int32_t mention_count() const { return row().mention_count; }
  absl::Span<const absl::string_view> aliases() const {
    return absl::MakeConstSpan(s_->names_).subspan(row().names_begin, row().alias_count);
  }
  absl::Span<const absl::string_view> demonyms() const {
    return absl::MakeConstSpan(s_->names_)
        .subspan(row().names_begin + row().alias_count, row().demonym_count);
  }
  // Its names by number: 0 its name, then its aliases, then its demonyms
  // (the name index's numbering: name_index.h NameEntry::name); its name
  // for a number past them (a damaged snapshot's).
  absl::string_view NameNumbered(uint32_t number) const {
    const uint32_t k = number - 1;  // number 0 wraps past every list
    return k < row().alias_count + row().demonym_count ? s_->names_[row().names_begin + k] : name();
  }
  // Whether a position was extracted (positions are read only from the
  // message).
  bool has_extracted_positions() const { return row().extracted_positions; }
  // The country's and the parent organization's ids; "" when there is none.
  std::string country_id() const;
  std::string parent_organization_id() const;

  // Its reference: id, name and kind.
  v1::EntityRef Ref() const;
  void CopyRefTo(v1::EntityRef* out) const;
  // The whole message.
  void CopyTo(v1::Entity* out) const;
  v1::Entity ToProto() const {
    v1::Entity e;
    CopyTo(&e);
    return e;
  }
  // Everything but positions, evidence, review and mentions
  // (ENTITY_VIEW_BASIC); of that, only the fields in `fields` (a read mask's
  // first path components): each string copied costs a response.
  void CopyBasicTo(v1::Entity* out, EntityFields fields = EntityFields::All()) const;

 private:
  friend class EntityStore;
  EntityView(const EntityStore* s, int32_t e) : s_(s), e_(e) {}
  const EntityStore::Row& row() const { return s_->rows_[e_]; }
  // A reference the row does not hold as an entity number.
  v1::Entity RefsInRest() const;
  // Sets the fields the row holds that are in fields.
  void CopyRowTo(v1::Entity* out, EntityFields fields = EntityFields::All()) const;

  const EntityStore* s_;
  int32_t e_;
};

inline EntityView EntityStore::view(int32_t e) const { return EntityView(this, e); }
inline EntityView EntityStore::operator[](int32_t e) const { return EntityView(this, e); }

// Every entity in number order (range-for).
class EntityStore::Iterator {
 public:
  EntityView operator*() const { return s_->view(e_); }
  Iterator& operator++() {
    ++e_;
    return *this;
  }
  bool operator!=(const Iterator& other) const { return e_ != other.e_; }

 private:
  friend class EntityStore;
  Iterator(const EntityStore* s, int32_t e) : s_(s), e_(e) {}
  const EntityStore* s_;
  int32_t e_;
};

inline EntityStore::Iterator EntityStore::begin() const { return Iterator(this, 0); }
inline EntityStore::Iterator EntityStore::end() const { return Iterator(this, size()); }

}  // namespace parley

#endif  // PARLEY_SERVICE_INDEX_ENTITY_STORE_H_
