#include "service/index/entity_store.h"

#include <algorithm>
#include <cstring>
#include <memory>
#include <utility>

#include "absl/strings/str_cat.h"
#include "google/protobuf/io/coded_stream.h"
#include "google/protobuf/wire_format_lite.h"
#include "service/base/huge_pages.h"
#include "service/base/run_concurrently.h"

namespace parley {
namespace {

bool SameRef(const v1::EntityRef& ref, EntityView entity) {
  return ref.id() == entity.id() && ref.name() == entity.name() && ref.kind() == entity.kind();
}

}  // namespace

void EntityStore::FreezeRange(Source& entities, absl::Span<const int32_t> row_of,
                              absl::Span<const Links> links, size_t begin, size_t end,
                              absl::Span<uint32_t> position_counts, Part& part) {
  static const Links kNoLinks;
  std::string bytes;
  for (size_t i = begin; i < end; ++i) {
    Row& row = rows_[row_of[i]];
    const Links& link = i < links.size() ? links[i] : kNoLinks;  // bounded, as positions below
    absl::string_view serialized;
    int32_t event_count = 0;
    if (entities.TakeSerialized(i, &serialized, &event_count) &&
        FreezeSerialized(serialized, event_count, link, row_of, row, position_counts[row_of[i]],
                         part, bytes)) {
      continue;
    }
    // Freed at the end of the loop.
    v1::Entity e;
    entities.Take(i, &e);
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
    position_counts[row_of[i]] = static_cast<uint32_t>(e.positions_size());
    for (int k = 0; k < e.positions_size(); ++k) {
      v1::Position& p = *e.mutable_positions(k);
      row.extracted_positions |= p.origin() == v1::ORIGIN_EXTRACTED;
      PositionRefs& refs = part.position_refs.emplace_back();
      if (static_cast<size_t>(k) < link.positions.size()) {
        const Links::OfPosition& l = link.positions[k];
        if (l.organization >= 0) refs.organization = row_of[l.organization];
        if (l.country >= 0) refs.country = row_of[l.country];
      }
      if (refs.organization < 0 && p.has_organization()) {
        refs.organization = number_of(p.organization());
        if (refs.organization >= 0) p.clear_organization();
      }
      if (refs.country < 0 && p.has_country()) {
        refs.country = number_of(p.country());
        if (refs.country >= 0) p.clear_country();
      }
    }
    v1::Entity rest;
    rest.mutable_positions()->Swap(e.mutable_positions());
    rest.mutable_evidence()->Swap(e.mutable_evidence());
    if (e.has_review()) rest.mutable_review()->Swap(e.mutable_review());
    if (link.country >= 0) {
      row.country = row_of[link.country];
    } else if (e.has_country()) {
      row.country = number_of(e.country());
      if (row.country < 0) rest.mutable_country()->Swap(e.mutable_country());
    }
    if (link.parent >= 0) {
      row.parent = row_of[link.parent];
    } else if (e.has_parent_organization()) {
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

namespace {

using google::protobuf::internal::WireFormatLite;
using google::protobuf::io::CodedInputStream;

// A length-delimited field's bytes, the stream after them.
bool ReadLengthDelimited(absl::string_view message, CodedInputStream& in, absl::string_view* out) {
  uint32_t length = 0;
  if (!in.ReadVarint32(&length)) return false;
  const auto at = static_cast<size_t>(in.CurrentPosition());
  if (length > message.size() - at || !in.Skip(static_cast<int>(length))) return false;
  *out = message.substr(at, length);
  return true;
}

// Whether a serialized v1::Position is one the store keeps exactly as it
// is: no organization or country (a row keeps references apart), at most
// one date (a source may give several in any order: Source::TakeSerialized),
// not extracted (the row notes that).
bool IsPlainPosition(absl::string_view position) {
  CodedInputStream in(reinterpret_cast<const uint8_t*>(position.data()),
                      static_cast<int>(position.size()));
  int dates = 0;
  for (uint32_t tag = in.ReadTag(); tag != 0; tag = in.ReadTag()) {
    switch (tag) {
      case WireFormatLite::MakeTag(v1::Position::kOrganizationFieldNumber,
                                   WireFormatLite::WIRETYPE_LENGTH_DELIMITED):
      case WireFormatLite::MakeTag(v1::Position::kCountryFieldNumber,
                                   WireFormatLite::WIRETYPE_LENGTH_DELIMITED):
        return false;
      case WireFormatLite::MakeTag(v1::Position::kHeldOnFieldNumber,
                                   WireFormatLite::WIRETYPE_LENGTH_DELIMITED):
        if (++dates > 1) return false;
        break;
      case WireFormatLite::MakeTag(v1::Position::kOriginFieldNumber,
                                   WireFormatLite::WIRETYPE_VARINT): {
        uint64_t origin = 0;
        if (!in.ReadVarint64(&origin) || origin == v1::ORIGIN_EXTRACTED) return false;
        continue;
      }
      default:
        break;
    }
    if (!WireFormatLite::SkipField(&in, tag)) return false;
  }
  return in.CurrentPosition() == static_cast<int>(position.size());
}

}  // namespace

bool EntityStore::FreezeSerialized(absl::string_view serialized, int32_t event_count,
                                   const Links& link, absl::Span<const int32_t> row_of, Row& row,
                                   uint32_t& position_count, Part& part, std::string& scratch) {
  // Read whole first: nothing is written unless every field is one read
  // here, in the order a serializer writes them (by number), so that the
  // positions and evidence are one run of bytes, as the message's rest
  // would serialize.
  absl::string_view description;
  absl::InlinedVector<absl::string_view, 4> names;  // aliases (4), then demonyms (11)
  uint32_t alias_count = 0;
  uint32_t positions = 0;
  size_t rest_begin = 0, rest_end = 0;  // positions (7) and evidence (9)
  uint64_t mention_count = 0, origin = 0, confidence_bits = 0;
  uint32_t last_field = 0;
  CodedInputStream in(reinterpret_cast<const uint8_t*>(serialized.data()),
                      static_cast<int>(serialized.size()));
  while (true) {
    const auto field_begin = static_cast<size_t>(in.CurrentPosition());
    const uint32_t tag = in.ReadTag();
    if (tag == 0) break;
    const auto field = static_cast<uint32_t>(WireFormatLite::GetTagFieldNumber(tag));
    if (field < last_field) return false;
    last_field = field;
    absl::string_view bytes;
    switch (tag) {
      case WireFormatLite::MakeTag(v1::Entity::kKindFieldNumber, WireFormatLite::WIRETYPE_VARINT):
      case WireFormatLite::MakeTag(v1::Entity::kEventCountFieldNumber,
                                   WireFormatLite::WIRETYPE_VARINT):  // the source's count wins
        if (!WireFormatLite::SkipField(&in, tag)) return false;
        break;
      case WireFormatLite::MakeTag(v1::Entity::kAliasesFieldNumber,
                                   WireFormatLite::WIRETYPE_LENGTH_DELIMITED):
        if (!ReadLengthDelimited(serialized, in, &bytes)) return false;
        names.push_back(bytes);
        ++alias_count;
        break;
      case WireFormatLite::MakeTag(v1::Entity::kDemonymsFieldNumber,
                                   WireFormatLite::WIRETYPE_LENGTH_DELIMITED):
        if (!ReadLengthDelimited(serialized, in, &bytes)) return false;
        names.push_back(bytes);
        break;
      case WireFormatLite::MakeTag(v1::Entity::kDescriptionFieldNumber,
                                   WireFormatLite::WIRETYPE_LENGTH_DELIMITED):
        if (!ReadLengthDelimited(serialized, in, &description)) return false;
        break;
      case WireFormatLite::MakeTag(v1::Entity::kPositionsFieldNumber,
                                   WireFormatLite::WIRETYPE_LENGTH_DELIMITED):
      case WireFormatLite::MakeTag(v1::Entity::kEvidenceFieldNumber,
                                   WireFormatLite::WIRETYPE_LENGTH_DELIMITED):
        if (!ReadLengthDelimited(serialized, in, &bytes)) return false;
        if (field == v1::Entity::kPositionsFieldNumber) {
          if (!IsPlainPosition(bytes)) return false;
          ++positions;
        }
        if (rest_end == 0) rest_begin = field_begin;
        rest_end = static_cast<size_t>(in.CurrentPosition());
        break;
      case WireFormatLite::MakeTag(v1::Entity::kMentionCountFieldNumber,
                                   WireFormatLite::WIRETYPE_VARINT):
        if (!in.ReadVarint64(&mention_count)) return false;
        break;
      case WireFormatLite::MakeTag(v1::Entity::kOriginFieldNumber, WireFormatLite::WIRETYPE_VARINT):
        if (!in.ReadVarint64(&origin)) return false;
        break;
      case WireFormatLite::MakeTag(v1::Entity::kConfidenceFieldNumber,
                                   WireFormatLite::WIRETYPE_FIXED64):
        if (!in.ReadLittleEndian64(&confidence_bits)) return false;
        break;
      default:  // an id or name, references, mentions, a review: as a message
        return false;
    }
  }
  if (in.CurrentPosition() != static_cast<int>(serialized.size())) return false;

  row.event_count = event_count;
  row.mention_count = static_cast<int32_t>(mention_count);
  row.confidence = WireFormatLite::DecodeDouble(confidence_bits);
  row.origin = static_cast<uint8_t>(origin);
  row.names_begin = static_cast<uint32_t>(part.names.size());
  row.alias_count = alias_count;
  row.demonym_count = static_cast<uint32_t>(names.size()) - alias_count;
  for (absl::string_view name : names) part.names.push_back(part.strings.Add(name));
  row.positions_begin = static_cast<uint32_t>(part.position_refs.size());
  position_count = positions;
  for (uint32_t k = 0; k < positions; ++k) {
    PositionRefs& refs = part.position_refs.emplace_back();
    if (k < link.positions.size()) {
      const Links::OfPosition& l = link.positions[k];
      if (l.organization >= 0) refs.organization = row_of[l.organization];
      if (l.country >= 0) refs.country = row_of[l.country];
    }
  }
  if (link.country >= 0) row.country = row_of[link.country];
  if (link.parent >= 0) row.parent = row_of[link.parent];
  const absl::string_view rest = serialized.substr(rest_begin, rest_end - rest_begin);
  scratch.assign(description.data(), description.size());
  scratch.append(rest.data(), rest.size());
  row.description_size = static_cast<uint32_t>(description.size());
  row.rest_size = static_cast<uint32_t>(rest.size());
  row.tail = part.strings.Add(scratch).data();
  return true;
}

namespace {

// Messages as a source, each taken out of the vector (and freed by the
// taker).
class MessageSource : public EntityStore::Source {
 public:
  explicit MessageSource(std::vector<v1::Entity>& entities) : entities_(entities) {}
  size_t size() const override { return entities_.size(); }
  absl::string_view id(size_t i) const override { return entities_[i].id(); }
  absl::string_view name(size_t i) const override { return entities_[i].name(); }
  v1::EntityKind kind(size_t i) const override { return entities_[i].kind(); }
  void Take(size_t i, v1::Entity* out) override { out->Swap(&entities_[i]); }

 private:
  std::vector<v1::Entity>& entities_;
};

}  // namespace

EntityStore EntityStore::Freeze(std::vector<v1::Entity> entities, absl::Span<const int32_t> order,
                                absl::Span<const Links> links) {
  MessageSource source(entities);
  return Freeze(source, order, links);
}

EntityStore EntityStore::Freeze(Source& entities, absl::Span<const int32_t> order,
                                absl::Span<const Links> links) {
  EntityStore s;
  const size_t n = entities.size();
  std::vector<int32_t> row_of(n);
  for (size_t r = 0; r < n; ++r) row_of[order.empty() ? r : order[r]] = static_cast<int32_t>(r);
  s.rows_.resize(n);
  // First every id, name and kind, in entity-number order (the ids and
  // names of neighbours lie together): references point forward as well
  // as back.
  // Two halves of the rows on two threads, each into an arena of its own
  // (on one, this pass was 0.5 s at 1M: a cache miss or two a message).
  auto heads = [&](size_t begin, size_t end, StringArena& arena) {
    for (size_t r = begin; r < end; ++r) {
      const size_t i = order.empty() ? r : static_cast<size_t>(order[r]);
      const absl::string_view id = entities.id(i), name = entities.name(i);
      Row& row = s.rows_[r];
      row.id_size = static_cast<uint32_t>(id.size());
      row.name_size = static_cast<uint32_t>(name.size());
      row.head = arena.Add(absl::StrCat(id, name)).data();
      row.kind = static_cast<uint8_t>(entities.kind(i));
    }
  };
  const size_t half = n / 2;
  RunConcurrently({[&] { heads(0, half, s.strings_[0]); }, [&] { heads(half, n, s.strings_[1]); }});
  s.IndexIds();
  // The rest on two threads, each over half of the entities with an arena
  // and lists of its own (joined below); the first pass's rows, ids and
  // set are only read. Most entities of an index build are read from their
  // bytes (FreezeSerialized); the others are made, serialized and freed as
  // messages.
  std::vector<uint32_t> position_counts(n);  // per row
  Part first, second;
  RunConcurrently(
      {[&] {
         s.FreezeRange(entities, row_of, links, 0, half, absl::MakeSpan(position_counts), first);
       },
       [&] {
         s.FreezeRange(entities, row_of, links, half, n, absl::MakeSpan(position_counts), second);
       }});
  for (size_t i = half; i < n; ++i) {
    Row& row = s.rows_[row_of[i]];
    row.names_begin += static_cast<uint32_t>(first.names.size());
    row.positions_begin += static_cast<uint32_t>(first.position_refs.size());
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
  if (!order.empty()) s.LayOutInNumberOrder(position_counts);
  return s;
}

void EntityStore::LayOutInNumberOrder(absl::Span<const uint32_t> position_counts) {
  const size_t n = rows_.size();
  std::vector<uint32_t> names_begin(n), positions_begin(n);
  uint32_t name_at = 0, position_at = 0;
  for (size_t r = 0; r < n; ++r) {
    names_begin[r] = name_at;
    positions_begin[r] = position_at;
    name_at += rows_[r].alias_count + rows_[r].demonym_count;
    position_at += position_counts[r];
  }
  std::vector<absl::string_view> names(names_.size());
  std::vector<PositionRefs> position_refs(position_refs_.size());
  // Two halves of the rows on two threads, each into an arena of its own;
  // each row, and its part of the new lists, is written by one thread.
  StringArena arenas[2];
  auto copy = [&](size_t begin, size_t end, StringArena& arena) {
    for (size_t r = begin; r < end; ++r) {
      Row& row = rows_[r];
      for (uint32_t j = 0; j < row.alias_count + row.demonym_count; ++j) {
        names[names_begin[r] + j] = arena.Add(names_[row.names_begin + j]);
      }
      std::copy_n(position_refs_.begin() + row.positions_begin, position_counts[r],
                  position_refs.begin() + positions_begin[r]);
      row.tail =
          arena.Add(absl::string_view(row.tail, row.description_size + row.rest_size)).data();
      row.names_begin = names_begin[r];
      row.positions_begin = positions_begin[r];
    }
  };
  const size_t half = n / 2;
  RunConcurrently({[&] { copy(0, half, arenas[0]); }, [&] { copy(half, n, arenas[1]); }});
  names_ = std::move(names);
  position_refs_ = std::move(position_refs);
  rest_strings_[0] = std::move(arenas[0]);
  rest_strings_[1] = std::move(arenas[1]);
}

size_t EntityStore::BackWithHugePages() const {
  return parley::BackWithHugePages(rows_) + parley::BackWithHugePages(names_) +
         parley::BackWithHugePages(position_refs_);
}

int32_t EntityStore::Find(absl::string_view id) const { return by_id_.Find(id); }

ViewEncoder EntityStore::StringEncoder() const {
  std::vector<absl::string_view> blocks;
  for (const StringArena& arena : strings_) {
    for (absl::string_view b : arena.Blocks()) blocks.push_back(b);
  }
  for (const StringArena& arena : rest_strings_) {
    for (absl::string_view b : arena.Blocks()) blocks.push_back(b);
  }
  return ViewEncoder(blocks);
}

namespace {

// A view as saved: its offset in the string space and its size.
struct SavedView {
  uint64_t offset = 0;
  uint64_t size = 0;
};

// Row pointers are saved as offsets in the string space, held in the
// pointer fields of a copy (the row is otherwise plain values).
const char* AsPointer(uint64_t offset) {
  return reinterpret_cast<const char*>(static_cast<uintptr_t>(offset));
}
uint64_t AsOffset(const char* pointer) { return reinterpret_cast<uintptr_t>(pointer); }

}  // namespace

void EntityStore::SaveTo(const ViewEncoder& strings, SnapshotWriter& w) const {
  w.U64(strings.space_size());
  for (const StringArena* arena :
       {&strings_[0], &strings_[1], &rest_strings_[0], &rest_strings_[1]}) {
    for (absl::string_view b : arena->Blocks()) w.RawBytes(b);
  }
  auto offset = [&](absl::string_view view) -> uint64_t {
    absl::StatusOr<uint64_t> o = strings.Offset(view);
    if (!o.ok()) {
      w.Fail(o.status());
      return 0;
    }
    return *o;
  };
  // In pieces: a copy of every row would be 80 MB at 1M entities.
  constexpr size_t kPiece = 1 << 16;
  w.U64(rows_.size());
  std::vector<Row> piece;
  for (size_t begin = 0; begin < rows_.size(); begin += kPiece) {
    piece.assign(rows_.begin() + begin, rows_.begin() + std::min(rows_.size(), begin + kPiece));
    for (Row& row : piece) {
      row.head = AsPointer(offset(absl::string_view(row.head, row.id_size + row.name_size)));
      row.tail =
          AsPointer(offset(absl::string_view(row.tail, row.description_size + row.rest_size)));
    }
    w.RawBytes(
        absl::string_view(reinterpret_cast<const char*>(piece.data()), piece.size() * sizeof(Row)));
  }
  std::vector<SavedView> names;
  names.reserve(names_.size());
  for (absl::string_view n : names_) names.push_back({offset(n), n.size()});
  w.Array(names);
  w.Array(position_refs_);
}

bool EntityStore::LoadFrom(SnapshotReader& r, EntityStore* out, ViewDecoder* strings) {
  EntityStore& s = *out;
  uint64_t space_size = 0;
  absl::string_view space_bytes;
  if (!r.U64(&space_size) || !r.RawView(space_size, &space_bytes)) return false;
  // Not zeroed first (make_unique would): every byte is copied over.
  std::unique_ptr<char[]> space(new char[std::max<uint64_t>(space_size, 1)]);
  std::memcpy(space.get(), space_bytes.data(), space_size);
  *strings = ViewDecoder(absl::string_view(space.get(), space_size));
  s.strings_[0] = StringArena::Adopt(std::move(space), space_size);

  uint64_t rows = 0;
  absl::string_view row_bytes;
  if (!r.U64(&rows) || rows > INT32_MAX || !r.RawView(rows * sizeof(Row), &row_bytes)) return false;
  s.rows_.resize(rows);
  if (rows > 0) std::memcpy(s.rows_.data(), row_bytes.data(), row_bytes.size());
  std::vector<SavedView> names;
  if (!r.Array(&names) || !r.Array(&s.position_refs_)) return false;
  s.names_.resize(names.size());
  for (size_t i = 0; i < names.size(); ++i) {
    if (!strings->View(names[i].offset, names[i].size, &s.names_[i])) {
      return r.Fail("an alias outside the entity store's strings");
    }
  }
  const int32_t count = static_cast<int32_t>(rows);
  // A bool's byte must be 0 or 1 before it is read as a bool.
  auto valid_bool = [](const bool& b) {
    uint8_t byte;
    std::memcpy(&byte, &b, 1);
    return byte <= 1;
  };
  for (Row& row : s.rows_) {
    if (!valid_bool(row.refs_in_rest) || !valid_bool(row.extracted_positions)) {
      return r.Fail("an entity row out of range");
    }
    absl::string_view head, tail;
    if (!strings->View(AsOffset(row.head), uint64_t{row.id_size} + row.name_size, &head) ||
        !strings->View(AsOffset(row.tail), uint64_t{row.description_size} + row.rest_size, &tail) ||
        row.country >= count || row.parent >= count ||
        uint64_t{row.names_begin} + row.alias_count + row.demonym_count > s.names_.size() ||
        row.positions_begin > s.position_refs_.size()) {
      return r.Fail("an entity row out of range");
    }
    row.head = head.data();
    row.tail = tail.data();
  }
  return true;
}

void EntityStore::IndexIds() {
  by_id_ = StringNumberSet<IdOf>(IdOf{rows_.data()});
  by_id_.Reserve(rows_.size());
  for (int32_t e = 0; e < size(); ++e) by_id_.Insert(e);
}

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
  CopyRefTo(&ref);
  return ref;
}

void EntityView::CopyRefTo(v1::EntityRef* out) const {
  out->set_id(id().data(), id().size());
  out->set_name(name().data(), name().size());
  out->set_kind(kind());
}

void EntityView::CopyRowTo(v1::Entity* out, EntityFields fields) const {
  const EntityStore::Row& r = row();
  if (fields.Has(v1::Entity::kIdFieldNumber)) out->set_id(r.id().data(), r.id().size());
  if (fields.Has(v1::Entity::kKindFieldNumber)) out->set_kind(kind());
  if (fields.Has(v1::Entity::kNameFieldNumber)) out->set_name(r.name().data(), r.name().size());
  if (fields.Has(v1::Entity::kAliasesFieldNumber)) {
    for (absl::string_view a : aliases()) out->add_aliases(a.data(), a.size());
  }
  if (fields.Has(v1::Entity::kDemonymsFieldNumber)) {
    for (absl::string_view d : demonyms()) out->add_demonyms(d.data(), d.size());
  }
  // Written in place: a temporary copied in makes every string twice.
  if (r.country >= 0 && fields.Has(v1::Entity::kCountryFieldNumber)) {
    s_->view(r.country).CopyRefTo(out->mutable_country());
  }
  if (r.parent >= 0 && fields.Has(v1::Entity::kParentOrganizationFieldNumber)) {
    s_->view(r.parent).CopyRefTo(out->mutable_parent_organization());
  }
  if (fields.Has(v1::Entity::kDescriptionFieldNumber)) {
    out->set_description(r.description().data(), r.description().size());
  }
  if (fields.Has(v1::Entity::kEventCountFieldNumber)) out->set_event_count(r.event_count);
  if (fields.Has(v1::Entity::kMentionCountFieldNumber)) out->set_mention_count(r.mention_count);
  if (fields.Has(v1::Entity::kOriginFieldNumber)) out->set_origin(origin());
  if (fields.Has(v1::Entity::kConfidenceFieldNumber)) out->set_confidence(r.confidence);
}

void EntityView::CopyBasicTo(v1::Entity* out, EntityFields fields) const {
  out->Clear();
  if (row().refs_in_rest && (fields.Has(v1::Entity::kCountryFieldNumber) ||
                             fields.Has(v1::Entity::kParentOrganizationFieldNumber))) {
    v1::Entity rest = RefsInRest();
    if (rest.has_country() && fields.Has(v1::Entity::kCountryFieldNumber)) {
      out->mutable_country()->Swap(rest.mutable_country());
    }
    if (rest.has_parent_organization() && fields.Has(v1::Entity::kParentOrganizationFieldNumber)) {
      out->mutable_parent_organization()->Swap(rest.mutable_parent_organization());
    }
  }
  CopyRowTo(out, fields);
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
      s_->view(refs.organization).CopyRefTo(position->mutable_organization());
    if (refs.country >= 0) s_->view(refs.country).CopyRefTo(position->mutable_country());
  }
  CopyRowTo(out);
}

}  // namespace parley
