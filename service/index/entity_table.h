// EntityTable: the entities of an index while it is built, before they are
// sorted and frozen into its EntityStore (entity_store.h).
//
// At 1M entities their v1::Entity messages were ~0.5 GB of the build's
// peak: 216 bytes each in a vector, and their strings and positions as heap
// objects of their own. A table keeps each entity's id and name in an arena
// beside its kind and origin, and the rest serialized (~100 bytes a
// person), and makes a message only when a step asks for one: Read() parses
// one into the caller's scratch message; Mutable() turns an entity into a
// message held from then on (extraction and reviews change a few).
//
// Ownership: string_views returned stay valid until the entity is changed
// (Mutable, Take), dropped (Renumber) or the table is destroyed.
// Thread-safety: Pack() and Read() may run on two threads at once (distinct
// entities for Pack(), each thread with its own worker number), beside
// kind() of any entity (Pack() writes no row's kind or held message);
// Take() on two threads for distinct entities, beside Packed() of any
// other entity; anything else needs exclusive access.
#ifndef PARLEY_SERVICE_INDEX_ENTITY_TABLE_H_
#define PARLEY_SERVICE_INDEX_ENTITY_TABLE_H_

#include <cstdint>
#include <memory>
#include <vector>

#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "parley/v1/resources.pb.h"
#include "service/base/string_arena.h"

namespace parley {

class EntityTable {
 public:
  EntityTable() = default;
  EntityTable(EntityTable&&) = default;
  EntityTable& operator=(EntityTable&&) = default;

  int32_t size() const { return static_cast<int32_t>(rows_.size()); }

  // Appends one entity of each kind, empty until packed.
  void AppendKinds(absl::Span<const v1::EntityKind> kinds);
  // Stores *e (of the kind given) as entity i, serialized, and clears its
  // id and name. worker (0 or 1) picks the arena: two threads that pack at
  // once use one each.
  // REQUIRES: entity i was appended by AppendKinds() and not packed yet.
  void Pack(int32_t i, v1::Entity* e, int worker);
  // Appends an entity held as a message (an extracted one); returns it.
  v1::Entity& AddMessage();

  absl::string_view id(int32_t i) const;
  absl::string_view name(int32_t i) const;
  v1::EntityKind kind(int32_t i) const;
  v1::Origin origin(int32_t i) const;
  // Its reference: id, name and kind.
  v1::EntityRef Ref(int32_t i) const;

  // The whole entity: its held message, or parsed into *scratch.
  const v1::Entity& Read(int32_t i, v1::Entity* scratch) const;
  // The entity as a message to change, held from then on.
  v1::Entity& Mutable(int32_t i);
  // Moves the whole entity into *out; it is then empty.
  void Take(int32_t i, v1::Entity* out);
  // The entity serialized without its id and name, as Pack() stored it, if
  // it is packed (not held as a message): valid until the entity is
  // changed or dropped or the table is destroyed.
  bool Packed(int32_t i, absl::string_view* serialized) const;

  // Keeps entity i as entity renumbered[i] where that is >= 0, and drops
  // the others. REQUIRES: renumbered has one entry per entity; the kept
  // ones are numbered 0, 1, ... in their order.
  void Renumber(absl::Span<const int32_t> renumbered);

 private:
  struct Row {
    const char* head = nullptr;  // id, then name (packed entities)
    const char* tail = nullptr;  // the rest of the message, serialized
    uint32_t id_size = 0, name_size = 0, tail_size = 0;
    int32_t held = -1;  // in held_, when the entity is a message
    uint8_t kind = 0;   // v1::EntityKind (the index refuses others)
    uint8_t origin = 0;
  };
  const v1::Entity* HeldOrNull(int32_t i) const {
    return rows_[i].held >= 0 ? held_[rows_[i].held].get() : nullptr;
  }
  // Parses packed entity i into *out.
  void Unpack(const Row& row, v1::Entity* out) const;

  std::vector<Row> rows_;
  std::vector<std::unique_ptr<v1::Entity>> held_;
  StringArena arenas_[2];  // one per packing thread
};

}  // namespace parley

#endif  // PARLEY_SERVICE_INDEX_ENTITY_TABLE_H_
