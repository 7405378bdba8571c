// MarkExternallyAnchoredDates: a date resolved against publication dates
// that are themselves from outside the text is marked so (FuzzyDate's
// anchored_externally), before positions copy the dates of their events.
#include "service/index/build_steps.h"

namespace parley {

void MarkExternallyAnchoredDates(IndexData& x) {
  for (v1::Event& event : x.events) {
    if (event.date().basis() != v1::DATE_BASIS_RESOLVED) continue;
    // The articles its evidence quotes: it was resolved against one of them.
    bool any = false, all_external = true;
    auto consider = [&](const v1::Evidence& e) {
      if (e.document_id().empty()) return;
      const auto it = x.document_by_id.find(e.document_id());
      if (it == x.document_by_id.end()) return;
      any = true;
      all_external &= x.documents[it->second].published().basis() == v1::DATE_BASIS_EXTERNAL;
    };
    for (const v1::Evidence& e : event.evidence()) consider(e);
    if (!any) {
      for (const v1::Participant& p : event.participants()) {
        for (const v1::Evidence& e : p.evidence()) consider(e);
      }
    }
    if (any && all_external) event.mutable_date()->set_anchored_externally(true);
  }
}

}  // namespace parley
