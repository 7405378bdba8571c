#include "tools/eval_withheld.h"

#include <string>

#include "absl/container/flat_hash_set.h"

namespace parley::eval {
namespace {

using google::protobuf::RepeatedPtrField;

// Removes the elements of field for which drop() (which may edit them) is
// true; returns how many.
template <typename T, typename Drop>
int RemoveIf(RepeatedPtrField<T>* field, Drop drop) {
  int removed = 0;
  for (int i = field->size() - 1; i >= 0; --i) {
    if (!drop(*field->Mutable(i))) continue;
    field->DeleteSubrange(i, 1);
    ++removed;
  }
  return removed;
}

int RemoveQuotes(absl::string_view document_id, RepeatedPtrField<v1::QuoteRecord>* quotes) {
  return RemoveIf(quotes, [&](v1::QuoteRecord& q) { return q.document() == document_id; });
}

void WithholdFromEntity(absl::string_view document_id, v1::EntityRecord* e,
                        WithheldCounts* counts) {
  counts->quotes += RemoveQuotes(document_id, e->mutable_evidence());
  for (v1::PositionRecord& p : *e->mutable_positions()) {
    counts->quotes += RemoveQuotes(document_id, p.mutable_evidence());
  }
}

// False when nothing from another article is left of the event.
bool WithholdFromEvent(absl::string_view document_id, v1::EventRecord* ev, WithheldCounts* counts) {
  counts->quotes += RemoveQuotes(document_id, ev->mutable_evidence());
  counts->participants += RemoveIf(ev->mutable_participants(), [&](v1::ParticipantRecord& p) {
    counts->quotes += RemoveQuotes(document_id, p.mutable_evidence());
    return p.evidence().empty();
  });
  if (!ev->evidence().empty()) return true;
  if (ev->participants().empty()) return false;
  *ev->add_evidence() = ev->participants(0).evidence(0);
  return true;
}

}  // namespace

WithheldCounts WithholdArticle(absl::string_view document_id,
                               const std::vector<v1::KnowledgeBase*>& kbs) {
  WithheldCounts counts;
  absl::flat_hash_set<std::string> removed_events;
  for (v1::KnowledgeBase* kb : kbs) {
    for (v1::EntityRecord& e : *kb->mutable_entities()) {
      WithholdFromEntity(document_id, &e, &counts);
    }
    counts.events += RemoveIf(kb->mutable_events(), [&](v1::EventRecord& ev) {
      if (WithholdFromEvent(document_id, &ev, &counts)) return false;
      removed_events.insert(ev.id());
      return true;
    });
  }
  for (v1::KnowledgeBase* kb : kbs) {
    for (v1::EventRecord& ev : *kb->mutable_events()) {
      if (removed_events.contains(ev.part_of())) ev.clear_part_of();
    }
  }
  return counts;
}

}  // namespace parley::eval
