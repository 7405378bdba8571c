#include "service/lookup/review.h"

#include <algorithm>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/strip.h"
#include "google/protobuf/text_format.h"
#include "service/base/dates.h"
#include "service/base/errors.h"
#include "service/index/fact_keys.h"
#include "service/lookup/page_token.h"

namespace parley {
namespace {

constexpr PageLimits kFactLimits{50, 500};

std::string DocumentOf(const google::protobuf::RepeatedPtrField<v1::Evidence>& evidence) {
  for (const v1::Evidence& e : evidence) {
    if (e.origin() == v1::ORIGIN_EXTRACTED) return e.document_id();
  }
  return evidence.empty() ? "" : evidence[0].document_id();
}

std::string DateText(const v1::FuzzyDate& date) { return date.display(); }

// Every extracted fact of the index, unsorted.
std::vector<v1::ExtractedFact> AllFacts(const Index& index) {
  std::vector<v1::ExtractedFact> facts;
  auto add = [&facts, &index](v1::FactKind kind, std::string key, double confidence,
                              std::string summary,
                              const google::protobuf::RepeatedPtrField<v1::Evidence>& evidence) {
    v1::ExtractedFact& f = facts.emplace_back();
    f.set_kind(kind);
    f.set_key(std::move(key));
    f.set_confidence(confidence);
    f.set_summary(std::move(summary));
    *f.mutable_evidence() = evidence;
    index.quotes().Restore(f.mutable_evidence());  // an event's are kept without
    f.set_document_id(DocumentOf(evidence));
  };
  for (const EntityView view : index.entities()) {
    // Most entities are curated with curated positions: only the others'
    // messages are made.
    if (view.origin() != v1::ORIGIN_EXTRACTED && !view.has_extracted_positions()) continue;
    const v1::Entity e = view.ToProto();
    if (e.origin() == v1::ORIGIN_EXTRACTED) {
      add(v1::FACT_KIND_ENTITY, EntityFactKey(e.id()), e.confidence(),
          absl::StrCat(
              e.kind() == v1::ENTITY_KIND_PERSON ? "person " : "organization ", e.name(),
              e.country().name().empty() ? "" : absl::StrCat(" (", e.country().name(), ")")),
          e.evidence());
    }
    for (const v1::Position& p : e.positions()) {
      if (p.origin() != v1::ORIGIN_EXTRACTED) continue;
      add(v1::FACT_KIND_POSITION, PositionFactKey(e.id(), p.title()), p.confidence(),
          absl::StrCat(e.name(), " held the title ", p.title()), p.evidence());
    }
  }
  v1::Event ev;
  for (const EventView view : index.events()) {
    bool extracted = view.origin() == v1::ORIGIN_EXTRACTED;
    for (int32_t k = 0; k < view.participant_count() && !extracted; ++k) {
      extracted = view.participant(k).origin() == v1::ORIGIN_EXTRACTED;
    }
    if (!extracted) continue;  // the message is read only for an extracted fact
    view.CopyTo(&ev);
    if (ev.origin() == v1::ORIGIN_EXTRACTED) {
      add(v1::FACT_KIND_EVENT, EventFactKey(ev.id()), ev.confidence(),
          absl::StrCat(ev.title(), " on ", DateText(ev.date()), ev.planned() ? " (planned)" : ""),
          ev.evidence());
    }
    for (const v1::Participant& p : ev.participants()) {
      if (p.origin() != v1::ORIGIN_EXTRACTED) continue;
      const std::string function =
          p.function() == v1::PARTICIPANT_FUNCTION_UNSPECIFIED
              ? ""
              : absl::StrCat(" as ", v1::ParticipantFunction_Name(p.function()).substr(21));
      add(v1::FACT_KIND_PARTICIPANT, ParticipantFactKey(ev.id(), p.entity().id()), p.confidence(),
          absl::StrCat(p.entity().name(), function, " at ", ev.title(), " on ",
                       DateText(ev.date())),
          p.evidence());
    }
  }
  return facts;
}

absl::Status BadField(absl::string_view field, absl::string_view message) {
  return InvalidArgument("INVALID_REVIEW", absl::StrCat(field, ": ", message));
}

// The fields of request that correct something, by name.
std::vector<std::string> Corrections(const v1::ReviewFactRequest& request) {
  std::vector<std::string> set;
  if (!request.function().empty()) set.push_back("function");
  if (!request.date().empty()) set.push_back("date");
  if (!request.person().empty()) set.push_back("person");
  if (!request.title().empty()) set.push_back("title");
  return set;
}

absl::Status CheckCorrections(const Index& index, const v1::ExtractedFact& fact,
                              const v1::ReviewFactRequest& request) {
  const std::vector<std::string> fields = Corrections(request);
  if (request.decision() != v1::ReviewRecord::CORRECT) {
    if (!fields.empty()) {
      return BadField(fields[0],
                      "only a CORRECT decision changes fields: use correct, or leave "
                      "it out");
    }
    return absl::OkStatus();
  }
  if (fields.empty()) {
    return BadField("decision",
                    "CORRECT needs a field to change (function, date, person or "
                    "title); to take the fact as it is, accept it");
  }
  for (const std::string& field : fields) {
    const bool fits =
        (field == "date" && fact.kind() == v1::FACT_KIND_EVENT) ||
        ((field == "function" || field == "person") && fact.kind() == v1::FACT_KIND_PARTICIPANT) ||
        (field == "title" &&
         (fact.kind() == v1::FACT_KIND_PARTICIPANT || fact.kind() == v1::FACT_KIND_POSITION));
    if (!fits) {
      static constexpr const char* kWithArticle[] = {"a fact", "an entity", "a position",
                                                     "an event", "a participant"};
      return BadField(field, absl::StrCat(kWithArticle[fact.kind()], " has no ", field,
                                          " to correct (dates: events; function and person: "
                                          "participants; title: participants and positions)"));
    }
  }
  v1::ParticipantFunction function;
  if (!request.function().empty() &&
      !v1::ParticipantFunction_Parse(absl::StrCat("PARTICIPANT_FUNCTION_", request.function()),
                                     &function)) {
    return BadField("function", absl::StrCat("\"", request.function(),
                                             "\" is not one of SIGNATORY, DELEGATION_LEAD, HOST, "
                                             "COUNTERPART, MEMBER, SPOKESPERSON, VISITOR"));
  }
  if (!request.date().empty()) {
    if (absl::StatusOr<v1::FuzzyDate> d = ParseFuzzyDate(request.date(), false); !d.ok()) {
      return BadField("date", d.status().message());
    }
  }
  if (!request.person().empty()) {
    const std::optional<EntityView> person = index.FindEntity(request.person());
    if (!person || person->kind() != v1::ENTITY_KIND_PERSON) {
      return BadField("person", absl::StrCat("\"", request.person(),
                                             "\" is not the id of a person the index knows: "
                                             "find it with parley search"));
    }
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status ListExtractedFacts(const Lookup& lookup, const v1::ListExtractedFactsRequest& request,
                                v1::ListExtractedFactsResponse* response) {
  response->Clear();
  if (request.min_confidence() < 0 || request.min_confidence() > 1) {
    return InvalidArgument("INVALID_CONFIDENCE", "min_confidence: give a number from 0 to 1");
  }
  std::vector<v1::ExtractedFact> facts = AllFacts(lookup.index());
  facts.erase(std::remove_if(facts.begin(), facts.end(),
                             [&](const v1::ExtractedFact& f) {
                               return f.confidence() < request.min_confidence() - 1e-9 ||
                                      (request.kind() != v1::FACT_KIND_UNSPECIFIED &&
                                       f.kind() != request.kind());
                             }),
              facts.end());
  std::sort(facts.begin(), facts.end(), [](const v1::ExtractedFact& a, const v1::ExtractedFact& b) {
    if (a.confidence() != b.confidence()) return a.confidence() > b.confidence();
    return a.key() < b.key();
  });
  absl::StatusOr<PageBounds> page =
      Paginate("ListExtractedFacts", request, kFactLimits, facts.size(), lookup.content_epoch());
  if (!page.ok()) return page.status();
  for (size_t i = page->begin; i < page->end; ++i) *response->add_facts() = std::move(facts[i]);
  response->set_next_page_token(page->next_page_token);
  response->set_total_size(static_cast<int32_t>(facts.size()));
  return absl::OkStatus();
}

absl::StatusOr<std::vector<FileChange>> PlanReview(const Lookup& current, FileReader read,
                                                   const v1::ReviewFactRequest& request,
                                                   absl::Time now, v1::ReviewRecord* written) {
  if (request.fact().empty()) {
    return BadField("fact", "give the key of a fact, as parley review list shows it");
  }
  if (request.reviewer().empty()) {
    return BadField("reviewer", "say who decides (a name or login): it is recorded with the fact");
  }
  if (request.decision() == v1::ReviewRecord::DECISION_UNSPECIFIED) {
    return BadField("decision", "give ACCEPT, REJECT or CORRECT");
  }
  std::string existing;
  if (absl::StatusOr<std::string> file = read(kReviewsFile); file.ok()) {
    existing = *std::move(file);
  } else if (!absl::IsNotFound(file.status())) {
    return file.status();
  }
  v1::KnowledgeBase reviews;
  if (!google::protobuf::TextFormat::ParseFromString(existing, &reviews)) {
    return absl::FailedPreconditionError(
        absl::StrCat(kReviewsFile, " does not parse: fix it (parley-server --check) first"));
  }
  for (const v1::ReviewRecord& r : reviews.reviews()) {
    if (r.fact() == request.fact()) {
      return WithReason(absl::AlreadyExistsError(absl::StrCat(
                            "fact \"", request.fact(), "\" was already reviewed (",
                            v1::ReviewRecord::Decision_Name(r.decision()), " by ", r.reviewer(),
                            " at ", r.time(), "): a decision is made once")),
                        "FACT_ALREADY_REVIEWED");
    }
  }
  const std::vector<v1::ExtractedFact> facts = AllFacts(current.index());
  auto fact = std::find_if(facts.begin(), facts.end(),
                           [&](const v1::ExtractedFact& f) { return f.key() == request.fact(); });
  if (fact == facts.end()) {
    // A fact that was extracted once and is curated now (accepted, or an
    // event accepted with a participant) has nothing left to review.
    const Index& index = current.index();
    const ParsedFactKey key = ParseFactKey(request.fact());
    const bool event = key.kind == "event";
    const std::string& id = key.first;
    const std::optional<EventView> ev = event ? index.FindEvent(id) : std::nullopt;
    const std::optional<EntityView> en = key.kind == "entity" ? index.FindEntity(id) : std::nullopt;
    if ((ev && ev->origin() == v1::ORIGIN_CURATED) || (en && en->origin() == v1::ORIGIN_CURATED)) {
      return WithReason(
          absl::AlreadyExistsError(
              absl::StrCat(event ? "event " : "entity ", id,
                           " is curated (annotated, accepted, or an event accepted with one of its "
                           "participants): there is nothing left to review")),
          "FACT_ALREADY_REVIEWED");
    }
    return WithReason(
        absl::NotFoundError(absl::StrCat("no extracted fact \"", request.fact(),
                                         "\": list them with parley review list (keys are "
                                         "entity:ID, position:ID:TITLE, event:ID, "
                                         "participant:EVENT:PERSON)")),
        "FACT_NOT_FOUND");
  }
  if (absl::Status s = CheckCorrections(current.index(), *fact, request); !s.ok()) return s;
  v1::ReviewRecord& r = *written;
  r.set_fact(request.fact());
  r.set_decision(request.decision());
  r.set_reviewer(request.reviewer());
  r.set_time(absl::FormatTime("%Y-%m-%dT%H:%M:%SZ", now, absl::UTCTimeZone()));
  r.set_note(request.note());
  r.set_function(request.function());
  r.set_date(request.date());
  r.set_person(request.person());
  r.set_title(request.title());
  r.set_document(fact->document_id());
  v1::KnowledgeBase one;
  *one.add_reviews() = r;
  std::string text;
  google::protobuf::TextFormat::PrintToString(one, &text);
  if (!existing.empty() && existing.back() != '\n') existing += '\n';
  if (existing.empty()) {
    existing = "# Review decisions on extracted facts, appended by the server (parley review).\n";
  }
  return std::vector<FileChange>{{kReviewsFile, existing + text}};
}

}  // namespace parley
