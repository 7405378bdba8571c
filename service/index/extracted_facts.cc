// Build step: facts extracted from uncited articles (extract/) joined to
// the curated ones. What it finds joins the index marked ORIGIN_EXTRACTED,
// with its confidence, rule and quote:
//  - officials: merged into the person of the same name or alias (an
//    extracted position beside the curated ones, its disagreement with them
//    noted), or a new person "x-<name>";
//  - organizations: merged into the organization of the same name, alias or
//    acronym (an extracted evidence quote), or a new one "x-org-<name>";
//  - events: merged into an event of the same kind, an overlapping date and
//    a participant in common, from any article (the new article's evidence
//    and any new participants, marked extracted), or a new event
//    "x-<document>-<n>". Curated facts always stay as they were.
#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "service/base/normalize.h"
#include "service/base/text_offsets.h"
#include "service/extract/quote_support.h"
#include "service/index/build_steps.h"

namespace parley {
namespace {

// The bar an extracted participant must clear to join a curated event
// (higher than a new extracted event's, which takes any supported
// participant): a reader trusts a curated event's list of people. An
// extracted event's title names only people this sure, as the reads'
// default floor (service/lookup/extracted_filter.h) is the same 0.8: a
// title never names someone a default read leaves out.
constexpr double kSureConfidence = 0.8;

// Whether confidence clears kSureConfidence; 0.8 computed from sums and
// products may be 0.7999...
bool IsSure(double confidence) { return confidence >= kSureConfidence - 1e-9; }

class ExtractedFactsMerger {
 public:
  explicit ExtractedFactsMerger(BuildContext& c) : c_(c) {}

  void Run(std::vector<ArticleExtraction> extractions) {
    IndexData& x = c_.data;
    // (The curated entities and their positions have theirs from the fill:
    // curated_entities.cc.)
    for (v1::Event& ev : x.events) {
      ev.set_origin(v1::ORIGIN_CURATED);
      for (v1::Participant& p : *ev.mutable_participants()) p.set_origin(v1::ORIGIN_CURATED);
    }
    if (extractions.empty()) return;
    // Curated (and, as they come, extracted) people and organizations by
    // name, alias and acronym.
    absl::flat_hash_map<std::string, int32_t> people, organizations;
    v1::Entity scratch;
    for (int32_t i = 0; i < x.entities.size(); ++i) {
      const v1::EntityKind kind = x.entities.kind(i);
      auto* by_key = kind == v1::ENTITY_KIND_PERSON         ? &people
                     : kind == v1::ENTITY_KIND_ORGANIZATION ? &organizations
                                                            : nullptr;
      if (by_key == nullptr) continue;
      const v1::Entity& e = x.entities.Read(i, &scratch);
      by_key->emplace(NameKey(e.name()), i);
      for (const std::string& alias : e.aliases()) by_key->emplace(NameKey(alias), i);
    }
    std::vector<v1::Event> new_events;
    // In document order, as the index keeps them.
    std::sort(extractions.begin(), extractions.end(),
              [&x](const ArticleExtraction& a, const ArticleExtraction& b) {
                return x.document_by_id.at(a.document_id) < x.document_by_id.at(b.document_id);
              });
    for (const ArticleExtraction& article : extractions) {
      const v1::Document& doc = x.documents[x.document_by_id.at(article.document_id)];
      const Extraction& extraction = article.extraction;
      std::vector<int32_t> organization_entities;
      for (const ExtractedOrganization& o : extraction.organizations) {
        organization_entities.push_back(AddExtractedOrganization(doc, o, &organizations));
      }
      for (const ExtractedOfficial& o : extraction.officials) {
        if (o.rule.rfind("short reference", 0) == 0) continue;  // the full mention suffices
        AddExtractedOfficial(doc, o, &people);
      }
      AddExtractedEvents(doc, extraction, people, organization_entities, &new_events);
    }
    if (new_events.empty()) return;
    // Keep events in date order, as BuildEvents left them.
    std::vector<std::pair<DayInterval, v1::Event>> all;
    for (size_t i = 0; i < x.events.size(); ++i) {
      all.emplace_back(x.event_days[i], std::move(x.events[i]));
    }
    for (v1::Event& ev : new_events) {
      const DayInterval days = ToDayInterval(ev.date());
      all.emplace_back(days, std::move(ev));
    }
    SetEventsInDateOrder(x, std::move(all));
  }

  // An id for an extracted entity: prefix + the name's words, unique.
  std::string NewEntityId(absl::string_view prefix, absl::string_view name) {
    std::string id = absl::StrCat(prefix, absl::StrJoin(NormalizedWords(name), "-"));
    while (c_.entity_ids.contains(id)) id += "-2";
    return id;
  }

  v1::Evidence ExtractedEvidence(const v1::Document& doc, int64_t start, int64_t end,
                                 absl::string_view how, double confidence) {
    v1::Evidence ev;
    ev.set_document_id(doc.id());
    ev.set_start_offset(start);
    ev.set_end_offset(end);
    SetUnicodeOffsets(doc.text(), &ev);
    ev.set_quote(std::string(doc.text().substr(start, end - start)));
    ev.set_note(absl::StrFormat("extracted (%s), confidence %.2f", how, confidence));
    ev.set_origin(v1::ORIGIN_EXTRACTED);
    ev.set_confidence(confidence);
    ++c_.evidence_count;
    return ev;
  }

  // The entity index of a country id the index knows, or -1.
  int32_t KnownEntity(const std::string& id) const {
    auto it = c_.entity_ids.find(id);
    return id.empty() || it == c_.entity_ids.end() ? -1 : it->second;
  }

  int32_t AddExtractedOrganization(const v1::Document& doc, const ExtractedOrganization& o,
                                   absl::flat_hash_map<std::string, int32_t>* organizations) {
    IndexData& x = c_.data;
    int32_t target = -1;
    for (const std::string& key : {NameKey(o.name), NameKey(o.acronym)}) {
      if (auto it = organizations->find(key); !key.empty() && it != organizations->end()) {
        target = it->second;
        break;
      }
    }
    if (target < 0 && !o.known_id.empty()) target = KnownEntity(o.known_id);
    if (target < 0) {
      const std::string id = NewEntityId("x-org-", o.name);
      target = x.entities.size();
      c_.entity_ids[id] = target;
      v1::Entity& e = x.entities.AddMessage();
      EntityStore::Links& links = x.entity_links.emplace_back();
      e.set_id(id);
      e.set_kind(v1::ENTITY_KIND_ORGANIZATION);
      e.set_name(o.name);
      if (!o.acronym.empty()) e.add_aliases(o.acronym);
      e.set_origin(v1::ORIGIN_EXTRACTED);
      e.set_confidence(o.confidence);
      e.set_description(absl::StrCat("Extracted from ", doc.id(), " (", o.rule, ")"));
      links.country = KnownEntity(o.country_id);
      organizations->emplace(NameKey(o.name), target);
      if (!o.acronym.empty()) organizations->emplace(NameKey(o.acronym), target);
    }
    *x.entities.Mutable(target).add_evidence() =
        ExtractedEvidence(doc, o.start, o.end, o.rule, o.confidence);
    return target;
  }

  void AddExtractedOfficial(const v1::Document& doc, const ExtractedOfficial& o,
                            absl::flat_hash_map<std::string, int32_t>* people) {
    IndexData& x = c_.data;
    const std::string key = NameKey(o.name);
    int32_t target;
    if (auto it = people->find(key); it != people->end()) {
      target = it->second;
    } else {
      const std::string id = NewEntityId("x-", absl::StrReplaceAll(o.name, {{".", ""}}));
      target = x.entities.size();
      c_.entity_ids[id] = target;
      people->emplace(key, target);
      v1::Entity& e = x.entities.AddMessage();
      x.entity_links.emplace_back().country = KnownEntity(o.country_id);
      e.set_id(id);
      e.set_kind(v1::ENTITY_KIND_PERSON);
      e.set_name(o.name);
      e.set_origin(v1::ORIGIN_EXTRACTED);
      e.set_confidence(o.confidence);
      e.set_description(absl::StrCat("Extracted from ", doc.id(), ": \"",
                                     doc.text().substr(o.quote_start, o.quote_end - o.quote_start),
                                     "\""));
    }
    v1::Entity& person = x.entities.Mutable(target);
    EntityStore::Links& links = x.entity_links[target];
    v1::Position* position = nullptr;
    for (v1::Position& p : *person.mutable_positions()) {
      if (p.origin() == v1::ORIGIN_EXTRACTED && absl::EqualsIgnoreCase(p.title(), o.title)) {
        position = &p;
      }
    }
    if (position == nullptr) {
      position = person.add_positions();
      position->set_title(o.title);
      position->set_origin(v1::ORIGIN_EXTRACTED);
      position->set_extraction_rule(o.rule);
      links.positions.push_back(
          {KnownEntity(o.organization_id), KnownEntity(o.country_id)});  // organization, country
      // Curated facts win; a disagreement stays visible on the extracted side.
      const std::string curated_country =
          links.country >= 0 ? std::string(x.entities.id(links.country)) : std::string();
      if (person.origin() == v1::ORIGIN_CURATED && !o.country_id.empty() &&
          !curated_country.empty() && curated_country != o.country_id) {
        position->set_disagreement(absl::StrCat("the text gives country \"", o.country_id,
                                                "\"; the curated country is \"", curated_country,
                                                "\""));
      }
    }
    position->set_confidence(std::max(position->confidence(), o.confidence));
    *position->add_evidence() =
        ExtractedEvidence(doc, o.quote_start, o.quote_end, o.rule, o.confidence);
  }

  // The event, curated or extracted (out), that an extracted event of kind
  // on days tells of again: the same kind, overlapping days, and a
  // participant or an organization in common; nullptr if none.
  v1::Event* FindSameEvent(v1::EventKind kind, const DayInterval& days,
                           const std::vector<v1::Participant>& participants,
                           const std::vector<std::string>& organization_ids,
                           std::vector<v1::Event>& out) {
    auto matches = [&](const v1::Event& candidate, const DayInterval& candidate_days) {
      if (candidate.kind() != kind || !candidate_days.Overlaps(days)) return false;
      for (const v1::Participant& a : candidate.participants()) {
        for (const v1::Participant& b : participants) {
          if (a.entity().id() == b.entity().id()) return true;
        }
      }
      for (const v1::EntityRef& org : candidate.organizations()) {
        if (std::find(organization_ids.begin(), organization_ids.end(), org.id()) !=
            organization_ids.end()) {
          return true;
        }
      }
      return false;
    };
    IndexData& x = c_.data;
    for (size_t i = 0; i < x.events.size(); ++i) {
      if (matches(x.events[i], x.event_days[i])) return &x.events[i];
    }
    for (v1::Event& candidate : out) {
      if (matches(candidate, ToDayInterval(candidate.date()))) return &candidate;
    }
    return nullptr;
  }

  // Events of one article: each merges into an event the index already has
  // (same kind, overlapping dates, a participant in common) or is new.
  void AddExtractedEvents(const v1::Document& doc, const Extraction& extraction,
                          const absl::flat_hash_map<std::string, int32_t>& people,
                          const std::vector<int32_t>& organization_entities,
                          std::vector<v1::Event>* out) {
    IndexData& x = c_.data;
    int n = 0;
    for (const ExtractedEvent& e : extraction.events) {
      if (!e.date) continue;
      const std::string sentence(
          doc.text().substr(e.sentence_start, e.sentence_end - e.sentence_start));
      const v1::Evidence evidence =
          ExtractedEvidence(doc, e.sentence_start, e.sentence_end,
                            absl::StrCat("trigger \"", e.trigger, "\""), e.confidence);
      std::vector<v1::Participant> participants;
      std::vector<const ExtractedParticipant*> sources;  // of participants, one each
      for (const ExtractedParticipant& ep : e.participants) {
        const ExtractedOfficial& official = extraction.officials[ep.official];
        auto it = people.find(NameKey(official.name));
        if (it == people.end()) continue;
        // The invariant: the participation's quote names the person and
        // tells of the event. What fails it is dropped and counted.
        if (!CheckParticipantQuote(doc.text(), official.name, official.title, ep).ok()) {
          ++c_.unsupported_extracted_quotes;
          continue;
        }
        v1::Participant& p = participants.emplace_back();
        sources.push_back(&ep);
        *p.mutable_entity() = x.entities.Ref(it->second);
        p.set_title(official.title);
        if (const int32_t c = KnownEntity(official.country_id); c >= 0) {
          *p.mutable_side() = x.entities.Ref(c);
        }
        if (const int32_t org = KnownEntity(official.organization_id); org >= 0) {
          *p.mutable_organization() = x.entities.Ref(org);
        }
        p.set_function(ep.function);
        p.set_origin(v1::ORIGIN_EXTRACTED);
        p.set_confidence(ep.confidence);
        *p.add_evidence() =
            ExtractedEvidence(doc, ep.quote_start, ep.quote_end,
                              absl::StrCat(ep.rule, ", \"", ep.cue, "\""), ep.confidence);
      }
      std::vector<std::string> organization_ids;
      for (size_t o : e.organizations) {
        organization_ids.emplace_back(x.entities.id(organization_entities[o]));
      }
      const DayInterval days = ToDayInterval(*e.date);
      // The same event told in another article?
      v1::Event* same = FindSameEvent(e.kind, days, participants, organization_ids, *out);
      if (same != nullptr) {
        *same->add_evidence() = evidence;
        const bool curated = same->origin() == v1::ORIGIN_CURATED;
        for (size_t i = 0; i < participants.size(); ++i) {
          v1::Participant& p = participants[i];
          bool known = false;
          for (v1::Participant& q : *same->mutable_participants()) {
            if (q.entity().id() == p.entity().id()) {
              known = true;
              if (q.origin() == v1::ORIGIN_EXTRACTED) *q.add_evidence() = p.evidence(0);
            }
          }
          if (known) continue;
          // A curated event takes a new participant only on the surest
          // evidence: named in the clause of the event's own trigger.
          if (curated && (!sources[i]->in_trigger_clause || !IsSure(p.confidence()))) {
            ++c_.extracted_participants_kept_out_of_curated_events;
            continue;
          }
          *same->add_participants() = std::move(p);
        }
        continue;
      }
      // A new event needs someone or something to have taken part.
      if (participants.empty() && e.organizations.empty()) continue;
      v1::Event& ev = out->emplace_back();
      ev.set_id(absl::StrCat("x-", doc.id(), "-", ++n));
      ev.set_kind(e.kind);
      ev.set_origin(v1::ORIGIN_EXTRACTED);
      ev.set_confidence(e.confidence);
      ev.set_planned(e.planned);
      *ev.mutable_date() = *e.date;
      if (!e.city.empty()) {
        ev.mutable_location()->set_city(e.city);
        ev.mutable_location()->set_place(e.city);
        if (const int32_t c = KnownEntity(e.city_country_id); c >= 0) {
          *ev.mutable_location()->mutable_country() = x.entities.Ref(c);
        }
      }
      *ev.add_evidence() = evidence;
      for (const std::string& country : e.country_ids) {
        if (const int32_t c = KnownEntity(country); c >= 0) *ev.add_countries() = x.entities.Ref(c);
      }
      for (size_t o : e.organizations) {
        *ev.add_organizations() = x.entities.Ref(organization_entities[o]);
      }
      for (const std::string& topic : e.topics) {
        if (x.topic_by_id.contains(topic)) ev.add_topics(topic);
      }
      std::vector<std::string> names;
      v1::Entity scratch;
      for (v1::Participant& p : participants) {
        const int32_t person = KnownEntity(p.entity().id());
        // (An extracted entity is held as a message: Read() parses none.)
        const bool sure_person =
            person >= 0 && (x.entities.origin(person) != v1::ORIGIN_EXTRACTED ||
                            IsSure(x.entities.Read(person, &scratch).confidence()));
        if (IsSure(p.confidence()) && sure_person) names.push_back(p.entity().name());
        *ev.add_participants() = std::move(p);
      }
      // Without a sure participant: the organizations, else everyone named,
      // else the countries (never an empty title).
      if (names.empty()) {
        for (const v1::EntityRef& org : ev.organizations()) names.push_back(org.name());
      }
      if (names.empty()) {
        for (const v1::Participant& p : ev.participants()) names.push_back(p.entity().name());
      }
      if (names.empty()) {
        for (const v1::EntityRef& country : ev.countries()) names.push_back(country.name());
      }
      std::string kind = absl::AsciiStrToLower(v1::EventKind_Name(e.kind).substr(11));
      kind = absl::StrReplaceAll(kind, {{"_", " "}});
      kind[0] = absl::ascii_toupper(kind[0]);
      ev.set_title(absl::StrCat(kind, names.empty() ? "" : ": ", absl::StrJoin(names, ", "),
                                " (extracted from ", doc.id(), ")"));
      ev.set_summary(sentence);
    }
  }

 private:
  BuildContext& c_;
};

}  // namespace

void SetEventsInDateOrder(IndexData& x, std::vector<std::pair<DayInterval, v1::Event>> all) {
  std::stable_sort(all.begin(), all.end(), [](const auto& a, const auto& b) {
    if (a.first.first != b.first.first) return a.first.first < b.first.first;
    if (a.first.last != b.first.last) return a.first.last < b.first.last;
    return a.second.id() < b.second.id();
  });
  x.events.clear();
  x.event_days.clear();
  x.event_by_id.clear();
  for (auto& [days, ev] : all) {
    x.event_by_id[ev.id()] = static_cast<int32_t>(x.events.size());
    x.event_days.push_back(days);
    x.events.push_back(std::move(ev));
  }
}

void MergeExtractedFacts(BuildContext& c, std::vector<ArticleExtraction> extractions) {
  ExtractedFactsMerger(c).Run(std::move(extractions));
}

}  // namespace parley
