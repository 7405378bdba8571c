#include "service/index/entity_store.h"

#include <thread>
#include <utility>

#include "absl/strings/str_cat.h"

namespace parley {
namespace {

bool SameRef(const v1::EntityRef& ref, EntityView entity) {
  return ref.id() == entity.id() && ref.name() == entity.name() && ref.kind() == entity.kind();
}

}  // namespace

void EntityStore::FreezeRange(std::vector<v1::Entity>& entities, size_t begin, size_t end,
                              Part& part) {
  std::string bytes;
  for (size_t i = begin; i < end; ++i) {
    // Taken out of the vector so that it is freed at the end of the loop:
    // the messages are most of the build's heap.
    v1::Entity e;
    e.Swap(&entities[i]);
    Row& row = rows_[i];
    row.event_count = e.event_count();
    row.mention_count = e.mention_count();
    row.confidence = e.confidence();
    row.origin = static_cast<uint8_t>(e.origin());
    row.names_begin = static_cast<uint32_t>(part.names.size());
    row.alias_count = static_cast<uint32_t>(e.aliases_size());
    row.demonym_count = static_cast<uint32_t>(e.demonyms_size());
    for (const std::string& a : e.aliases()) part.names.push_back(part.strings.Add(a));
    for (const std::string& d : e.demonyms()) part.names.push_back(part.strings.Add(d));

    auto number_of = [this](const v1::EntityRef& ref) {
      const int32_t n = Find(ref.id());
      return n >= 0 && SameRef(ref, view(n)) ? n : -1;
    };
    row.positions_begin = static_cast<uint32_t>(part.position_refs.size());
    for (v1::Position& p : *e.mutable_positions()) {
      row.extracted_positions |= p.origin() == v1::ORIGIN_EXTRACTED;
      PositionRefs& refs = part.position_refs.emplace_back();
      if (p.has_organization()) {
        refs.organization = number_of(p.organization());
        if (refs.organization >= 0) p.clear_organization();
      }
      if (p.has_country()) {
        refs.country = number_of(p.country());
        if (refs.country >= 0) p.clear_country();
      }
    }
    v1::Entity rest;
    rest.mutable_positions()->Swap(e.mutable_positions());
    rest.mutable_evidence()->Swap(e.mutable_evidence());
    if (e.has_review()) rest.mutable_review()->Swap(e.mutable_review());
    if (e.has_country()) {
      row.country = number_of(e.country());
      if (row.country < 0) rest.mutable_country()->Swap(e.mutable_country());
    }
    if (e.has_parent_organization()) {
      row.parent = number_of(e.parent_organization());
      if (row.parent < 0) rest.mutable_parent_organization()->Swap(e.mutable_parent_organization());
    }
    row.refs_in_rest = rest.has_country() || rest.has_parent_organization();
    bytes = e.description();
    rest.AppendToString(&bytes);
    row.description_size = static_cast<uint32_t>(e.description().size());
    row.rest_size = static_cast<uint32_t>(bytes.size() - e.description().size());
    row.tail = part.strings.Add(bytes).data();
  }
}

EntityStore EntityStore::Freeze(std::vector<v1::Entity> entities) {
  EntityStore s;
  s.rows_.resize(entities.size());
  s.by_id_ = StringNumberSet<IdOf>(IdOf{s.rows_.data()});
  s.by_id_.Reserve(entities.size());
  // First every id, name and kind: references point forward as well as back.
  for (size_t i = 0; i < entities.size(); ++i) {
    Row& row = s.rows_[i];
    row.id_size = static_cast<uint32_t>(entities[i].id().size());
    row.name_size = static_cast<uint32_t>(entities[i].name().size());
    row.head = s.strings_.Add(absl::StrCat(entities[i].id(), entities[i].name())).data();
    row.kind = static_cast<uint8_t>(entities[i].kind());
    s.by_id_.Insert(static_cast<int32_t>(i));
  }
  // The rest on two threads, each over half of the entities with an arena
  // and lists of its own (joined below); the first pass's rows, ids and
  // set are only read. Most of this is serializing and freeing messages.
  const size_t half = entities.size() / 2;
  Part second;
  std::thread helper(
      [&s, &entities, &second, half] { s.FreezeRange(entities, half, entities.size(), second); });
  Part first;
  s.FreezeRange(entities, 0, half, first);
  helper.join();
  for (size_t i = half; i < entities.size(); ++i) {
    s.rows_[i].names_begin += static_cast<uint32_t>(first.names.size());
    s.rows_[i].positions_begin += static_cast<uint32_t>(first.position_refs.size());
  }
  s.names_ = std::move(first.names);
  s.names_.insert(s.names_.end(), second.names.begin(), second.names.end());
  s.position_refs_ = std::move(first.position_refs);
  s.position_refs_.insert(s.position_refs_.end(), second.position_refs.begin(),
                          second.position_refs.end());
  s.rest_strings_[0] = std::move(first.strings);
  s.rest_strings_[1] = std::move(second.strings);
  s.names_.shrink_to_fit();
  s.position_refs_.shrink_to_fit();
  return s;
}

int32_t EntityStore::Find(absl::string_view id) const { return by_id_.Find(id); }

v1::Entity EntityView::RefsInRest() const {
  v1::Entity rest;
  if (row().refs_in_rest) {
    rest.ParseFromArray(row().rest().data(), static_cast<int>(row().rest().size()));
  }
  return rest;
}

std::string EntityView::country_id() const {
  if (row().country >= 0) return std::string(s_->view(row().country).id());
  return row().refs_in_rest ? RefsInRest().country().id() : "";
}

std::string EntityView::parent_organization_id() const {
  if (row().parent >= 0) return std::string(s_->view(row().parent).id());
  return row().refs_in_rest ? RefsInRest().parent_organization().id() : "";
}

v1::EntityRef EntityView::Ref() const {
  v1::EntityRef ref;
  ref.set_id(id().data(), id().size());
  ref.set_name(name().data(), name().size());
  ref.set_kind(kind());
  return ref;
}

void EntityView::CopyRowTo(v1::Entity* out) const {
  const EntityStore::Row& r = row();
  out->set_id(r.id().data(), r.id().size());
  out->set_kind(kind());
  out->set_name(r.name().data(), r.name().size());
  for (absl::string_view a : aliases()) out->add_aliases(a.data(), a.size());
  for (absl::string_view d : demonyms()) out->add_demonyms(d.data(), d.size());
  if (r.country >= 0) *out->mutable_country() = s_->view(r.country).Ref();
  if (r.parent >= 0) *out->mutable_parent_organization() = s_->view(r.parent).Ref();
  out->set_description(r.description().data(), r.description().size());
  out->set_event_count(r.event_count);
  out->set_mention_count(r.mention_count);
  out->set_origin(origin());
  out->set_confidence(r.confidence);
}

void EntityView::CopyBasicTo(v1::Entity* out) const {
  out->Clear();
  if (row().refs_in_rest) {
    v1::Entity rest = RefsInRest();
    if (rest.has_country()) out->mutable_country()->Swap(rest.mutable_country());
    if (rest.has_parent_organization()) {
      out->mutable_parent_organization()->Swap(rest.mutable_parent_organization());
    }
  }
  CopyRowTo(out);
}

void EntityView::CopyTo(v1::Entity* out) const {
  out->Clear();
  if (row().rest_size > 0) {
    out->ParseFromArray(row().rest().data(), static_cast<int>(row().rest_size));
  }
  for (int p = 0; p < out->positions_size(); ++p) {
    const EntityStore::PositionRefs& refs = s_->position_refs_[row().positions_begin + p];
    v1::Position* position = out->mutable_positions(p);
    if (refs.organization >= 0)
      *position->mutable_organization() = s_->view(refs.organization).Ref();
    if (refs.country >= 0) *position->mutable_country() = s_->view(refs.country).Ref();
  }
  CopyRowTo(out);
}

}  // namespace parley
