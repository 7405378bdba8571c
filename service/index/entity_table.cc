#include "service/index/entity_table.h"

#include <cstdio>
#include <cstdlib>
#include <string>
#include <utility>

#include "absl/strings/str_cat.h"

namespace parley {

void EntityTable::AppendKinds(absl::Span<const v1::EntityKind> kinds) {
  const size_t first = rows_.size();
  rows_.resize(first + kinds.size());
  for (size_t k = 0; k < kinds.size(); ++k) rows_[first + k].kind = static_cast<uint8_t>(kinds[k]);
}

void EntityTable::Pack(int32_t i, v1::Entity* e, int worker) {
  Row& row = rows_[i];
  StringArena& arena = arenas_[worker];
  row.id_size = static_cast<uint32_t>(e->id().size());
  row.name_size = static_cast<uint32_t>(e->name().size());
  row.head = arena.Add(absl::StrCat(e->id(), e->name())).data();
  row.origin = static_cast<uint8_t>(e->origin());
  // The rest without the id and name, which the head holds.
  e->clear_id();
  e->clear_name();
  thread_local std::string bytes;
  bytes.clear();
  e->AppendToString(&bytes);
  row.tail_size = static_cast<uint32_t>(bytes.size());
  row.tail = arena.Add(bytes).data();
}

v1::Entity& EntityTable::AddMessage() {
  Row& row = rows_.emplace_back();
  row.held = static_cast<int32_t>(held_.size());
  return *held_.emplace_back(std::make_unique<v1::Entity>());
}

absl::string_view EntityTable::id(int32_t i) const {
  if (const v1::Entity* e = HeldOrNull(i)) return e->id();
  return absl::string_view(rows_[i].head, rows_[i].id_size);
}

absl::string_view EntityTable::name(int32_t i) const {
  if (const v1::Entity* e = HeldOrNull(i)) return e->name();
  return absl::string_view(rows_[i].head + rows_[i].id_size, rows_[i].name_size);
}

v1::EntityKind EntityTable::kind(int32_t i) const {
  if (const v1::Entity* e = HeldOrNull(i)) return e->kind();
  return static_cast<v1::EntityKind>(rows_[i].kind);
}

v1::Origin EntityTable::origin(int32_t i) const {
  if (const v1::Entity* e = HeldOrNull(i)) return e->origin();
  return static_cast<v1::Origin>(rows_[i].origin);
}

v1::EntityRef EntityTable::Ref(int32_t i) const {
  v1::EntityRef ref;
  ref.set_id(std::string(id(i)));
  ref.set_name(std::string(name(i)));
  ref.set_kind(kind(i));
  return ref;
}

void EntityTable::Unpack(const Row& row, v1::Entity* out) const {
  // Written by Pack(), it parses back: proto3 writes only what it parses,
  // but for invalid UTF-8, which the corpus's reader refuses in every
  // string a curated entity is made from (extracted ones are never
  // packed). A failure is this file's bug, not the input's: loud.
  if (!out->ParseFromArray(row.tail, static_cast<int>(row.tail_size))) {
    std::fprintf(stderr, "parley: a packed entity of the build does not parse back (%s)\n",
                 std::string(row.head, row.id_size).c_str());
    std::abort();
  }
  out->set_id(std::string(row.head, row.id_size));
  out->set_name(std::string(row.head + row.id_size, row.name_size));
}

const v1::Entity& EntityTable::Read(int32_t i, v1::Entity* scratch) const {
  if (const v1::Entity* e = HeldOrNull(i)) return *e;
  Unpack(rows_[i], scratch);
  return *scratch;
}

v1::Entity& EntityTable::Mutable(int32_t i) {
  Row& row = rows_[i];
  if (row.held < 0) {
    auto e = std::make_unique<v1::Entity>();
    Unpack(row, e.get());
    row.held = static_cast<int32_t>(held_.size());
    held_.push_back(std::move(e));
  }
  return *held_[row.held];
}

void EntityTable::Take(int32_t i, v1::Entity* out) {
  Row& row = rows_[i];
  if (row.held >= 0) {
    out->Clear();
    out->Swap(held_[row.held].get());
    held_[row.held].reset();
  } else {
    Unpack(row, out);
  }
  row = Row();
}

bool EntityTable::Packed(int32_t i, absl::string_view* serialized) const {
  const Row& row = rows_[i];
  if (row.held >= 0 || row.head == nullptr) return false;
  *serialized = absl::string_view(row.tail, row.tail_size);
  return true;
}

void EntityTable::Renumber(absl::Span<const int32_t> renumbered) {
  int32_t kept = 0;
  for (size_t i = 0; i < rows_.size(); ++i) {
    if (renumbered[i] < 0) {
      if (rows_[i].held >= 0) held_[rows_[i].held].reset();
      continue;
    }
    rows_[renumbered[i]] = rows_[i];
    ++kept;
  }
  rows_.resize(static_cast<size_t>(kept));
}

}  // namespace parley
