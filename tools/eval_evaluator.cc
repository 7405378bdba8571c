#include "tools/eval_evaluator.h"

#include <algorithm>
#include <cstdio>
#include <map>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_replace.h"
#include "service/base/dates.h"
#include "service/base/normalize.h"
#include "service/extract/quote_support.h"

namespace parley::eval {
namespace {

using v1::Entity;

std::string KindName(v1::EventKind kind) {
  return v1::EventKind_Name(kind).substr(11);  // without "EVENT_KIND_"
}

// text[start, end) on one line, at most 100 bytes; "" when out of range.
std::string Excerpt(absl::string_view text, int64_t start, int64_t end) {
  if (start < 0 || end < start || end > static_cast<int64_t>(text.size())) return "";
  std::string out(text.substr(start, std::min<int64_t>(end - start, 100)));
  std::replace(out.begin(), out.end(), '\n', ' ');
  return out;
}

}  // namespace

bool Names(EntityView entity, const std::string& key) {
  if (key.empty()) return false;
  if (NameKey(entity.name()) == key) return true;
  for (absl::string_view alias : entity.aliases()) {
    if (NameKey(alias) == key) return true;
  }
  return false;
}

namespace {

std::vector<v1::Event> EventMessages(const Index& index) {
  std::vector<v1::Event> out;
  for (const EventView e : index.events()) out.push_back(e.ToProto());
  return out;
}

}  // namespace

Evaluator::Evaluator(const Index& index, Options options)
    : ix_(index), events_(EventMessages(index)), options_(std::move(options)) {
  FindGoldPeople();
}

void Evaluator::ScoreArticle(int32_t d, const Extraction& x) {
  const v1::Document& doc = ix_.documents()[d];
  ++totals_.articles;
  ScoreOfficials(doc, x);
  ScoreOrganizations(d, x);
  ScoreEvents(doc, x);
  CheckQuotes(doc, x);
}

// Gold officials: document id -> person entity indices.
void Evaluator::FindGoldPeople() {
  for (int32_t e = 0; e < ix_.entities().size(); ++e) {
    const Entity person = ix_.entities()[e].ToProto();
    if (person.kind() != v1::ENTITY_KIND_PERSON) continue;
    for (const auto& position : person.positions()) {
      for (const auto& ev : position.evidence()) {
        if (!ev.document_id().empty())
          gold_people_[ev.document_id()].insert(static_cast<int32_t>(e));
      }
    }
  }
  for (int32_t r = 0; r < ix_.participation_count(); ++r) {
    const ParticipationView row = ix_.participation(r);
    for (const auto& ev :
         events_[row.event().number()].participants(row.participant_number()).evidence()) {
      if (!ev.document_id().empty()) {
        gold_people_[ev.document_id()].insert(ix_.EntityIndex(row.person().id()));
      }
    }
  }
}

void Evaluator::ScoreOfficials(const v1::Document& doc, const Extraction& x) {
  const char* id = doc.id().c_str();
  // Distinct (name key, country), with the best confidence of their mentions
  // (a short reference is less sure than the full name it refers to).
  std::map<std::pair<std::string, std::string>, double> officials;
  std::map<std::pair<std::string, std::string>, std::string> rules;  // For --verbose.
  for (const auto& o : x.officials) {
    double& confidence = officials[{NameKey(o.name), o.country_id}];
    confidence = std::max(confidence, o.confidence);
    rules[{NameKey(o.name), o.country_id}] = absl::StrCat(o.rule, "; title: ", o.title);
  }
  const std::set<int32_t>& expected = gold_people_[doc.id()];
  totals_.by_name.gold += static_cast<int>(expected.size());
  totals_.by_country.gold += static_cast<int>(expected.size());
  std::set<int32_t> matched_name, matched_country;
  for (const auto& [official, confidence] : officials) {
    const std::string& key = official.first;
    const std::string& country = official.second;
    int32_t hit = -1;
    for (int32_t e : expected) {
      if (Names(ix_.entities()[e], key)) hit = e;
    }
    ++totals_.by_name.extracted;
    ++totals_.by_country.extracted;
    const bool right = hit >= 0 && matched_name.insert(hit).second;
    totals_.by_name.true_positives += right;
    totals_.calibration.Add(FactType::kOfficial, confidence, right);
    const bool country_ok = hit >= 0 && ix_.entities()[hit].country_id() == country;
    if (country_ok && matched_country.insert(hit).second) ++totals_.by_country.true_positives;
    if (options_.verbose) {
      std::printf("%-30s official %-32s %-14s %s%s\n", id, key.c_str(), country.c_str(),
                  hit < 0      ? "WRONG (not a gold official)"
                  : country_ok ? "ok"
                               : "wrong country",
                  country_ok ? "" : absl::StrCat(" (", rules[official], ")").c_str());
    }
  }
  if (!options_.verbose) return;
  for (int32_t e : expected) {
    if (!matched_name.count(e)) {
      std::printf("%-30s MISSED official %s (%s)\n", id,
                  std::string(ix_.entities()[e].name()).c_str(),
                  ix_.entities()[e].country_id().c_str());
    }
  }
}

// Organizations cited by document d or mentioned in it.
std::set<int32_t> Evaluator::GoldOrganizations(int32_t d) const {
  const std::string& doc_id = ix_.documents()[d].id();
  std::set<int32_t> gold;
  for (int32_t e : ix_.EntitiesInDocument(d)) {
    if (ix_.entities()[e].kind() == v1::ENTITY_KIND_ORGANIZATION) gold.insert(e);
  }
  for (int32_t e = 0; e < ix_.entities().size(); ++e) {
    if (ix_.entities()[e].kind() != v1::ENTITY_KIND_ORGANIZATION) continue;
    const Entity organization = ix_.entities()[e].ToProto();
    for (const auto& ev : organization.evidence()) {
      if (ev.document_id() == doc_id) gold.insert(static_cast<int32_t>(e));
    }
  }
  return gold;
}

void Evaluator::ScoreOrganizations(int32_t d, const Extraction& x) {
  const char* id = ix_.documents()[d].id().c_str();
  const std::set<int32_t> gold = GoldOrganizations(d);
  totals_.orgs.gold += static_cast<int>(gold.size());
  totals_.orgs_country.gold += static_cast<int>(gold.size());
  std::set<int32_t> matched, matched_country;
  for (const ExtractedOrganization& o : x.organizations) {
    ++totals_.orgs.extracted;
    ++totals_.orgs_country.extracted;
    int32_t hit = -1;
    for (int32_t e : gold) {
      if (Names(ix_.entities()[e], NameKey(o.name)) ||
          Names(ix_.entities()[e], NameKey(o.acronym))) {
        hit = e;
      }
    }
    const bool right = hit >= 0 && matched.insert(hit).second;
    totals_.orgs.true_positives += right;
    totals_.calibration.Add(FactType::kOrganization, o.confidence, right);
    const bool country_ok = hit >= 0 && ix_.entities()[hit].country_id() == o.country_id;
    if (country_ok && matched_country.insert(hit).second) ++totals_.orgs_country.true_positives;
    if (options_.verbose) {
      std::printf("%-30s organization %-40s %-14s %s\n", id, o.name.c_str(), o.country_id.c_str(),
                  hit < 0      ? "WRONG (not a gold organization)"
                  : country_ok ? "ok"
                               : "wrong country");
    }
  }
  if (!options_.verbose) return;
  for (int32_t e : gold) {
    if (!matched.count(e)) {
      std::printf("%-30s MISSED organization %s\n", id,
                  std::string(ix_.entities()[e].name()).c_str());
    }
  }
}

Evaluator::ArticleGold Evaluator::GoldEvents(const v1::Document& doc) const {
  ArticleGold gold;
  for (size_t v = 0; v < events_.size(); ++v) {
    const v1::Event& ev = events_[v];
    bool cites = false;
    for (const auto& e : ev.evidence()) cites = cites || e.document_id() == doc.id();
    for (const auto& p : ev.participants()) {
      for (const auto& e : p.evidence()) {
        if (e.document_id() != doc.id()) continue;
        cites = true;
        gold.rows.emplace(ix_.EntityIndex(p.entity().id()), static_cast<int32_t>(v));
      }
    }
    if (cites) gold.events.push_back(static_cast<int32_t>(v));
  }
  return gold;
}

// Whether event has a curated quote (of its own or a participant's) that
// does not cite document_id: then it stays in the index without that article.
bool Evaluator::KnownWithout(int32_t event, const std::string& document_id) const {
  const v1::Event& ev = events_[event];
  for (const auto& e : ev.evidence()) {
    if (e.document_id() != document_id) return true;
  }
  for (const auto& p : ev.participants()) {
    for (const auto& e : p.evidence()) {
      if (e.document_id() != document_id) return true;
    }
  }
  return false;
}

// How many of e's participants are gold participants of event.
int Evaluator::SharedParticipants(const Extraction& x, const ExtractedEvent& e,
                                  const ArticleGold& gold, int32_t event) const {
  int shared = 0;
  for (const ExtractedParticipant& p : e.participants) {
    const std::string key = NameKey(x.officials[p.official].name);
    for (const auto& [person, gold_event] : gold.rows) {
      if (gold_event == event && person >= 0 && Names(ix_.entities()[person], key)) ++shared;
    }
  }
  return shared;
}

// Extracted events matched one to one to gold events of their kind and an
// overlapping date (EventPair::gold indexes gold.events).
std::vector<EventAssignment> Evaluator::MatchEvents(const Extraction& x,
                                                    const ArticleGold& gold) const {
  std::vector<EventPair> pairs;
  for (size_t i = 0; i < x.events.size(); ++i) {
    const ExtractedEvent& e = x.events[i];
    if (!e.date) continue;
    const DayInterval days = ToDayInterval(*e.date);
    for (size_t g = 0; g < gold.events.size(); ++g) {
      const int32_t v = gold.events[g];
      if (events_[v].kind() != e.kind || !days.Overlaps(ix_.event_days()[v])) continue;
      pairs.push_back({static_cast<int>(i), static_cast<int>(g),
                       DateOverlap(days, ix_.event_days()[v]), SharedParticipants(x, e, gold, v)});
    }
  }
  return AssignEvents(std::move(pairs), static_cast<int>(x.events.size()));
}

void Evaluator::ScoreEvents(const v1::Document& doc, const Extraction& x) {
  const ArticleGold gold = GoldEvents(doc);
  totals_.events.gold += static_cast<int>(gold.events.size());
  totals_.participations.gold += static_cast<int>(gold.rows.size());
  for (int32_t v : gold.events) totals_.gold_events_known_elsewhere += KnownWithout(v, doc.id());
  const std::vector<EventAssignment> assignments = MatchEvents(x, gold);
  for (const PlannedEvent& plan : options_.planned) {
    if (plan.document_id != doc.id()) continue;
    ++totals_.plans.gold;
    totals_.plan_participations.gold += static_cast<int>(plan.participants.size());
  }
  std::set<int> matched_plans;
  std::set<int32_t> matched_events;
  std::set<std::pair<int32_t, int32_t>> matched_rows;
  std::vector<std::string> gold_event_ids;  // per extracted event, for the merges
  for (size_t i = 0; i < x.events.size(); ++i) {
    const ExtractedEvent& e = x.events[i];
    const EventAssignment& a = assignments[i];
    totals_.plans.extracted += e.planned;
    // (A plan that repeats a held event's kind and days is still the plan:
    // "will visit Kochi on Friday", during the visit.)
    if (const int plan = a.gold < 0 ? MatchPlan(doc.id(), e, matched_plans) : -1; plan >= 0) {
      matched_plans.insert(plan);
      ++totals_.plans.true_positives;
      totals_.calibration.Add(FactType::kEvent, e.confidence, true);
      ScorePlanParticipants(x, e, options_.planned[plan]);
      gold_event_ids.push_back("");
      if (options_.verbose) {
        std::printf("%-30s event %-18s %-22s = PLAN %s\n", doc.id().c_str(),
                    KindName(e.kind).c_str(), e.date->display().c_str(),
                    options_.planned[plan].id.c_str());
      }
      continue;
    }
    // A held event the extractor marked planned is told wrong (a reader sees
    // a plan): it counts false, and so do its participants — in sets that
    // keep plans apart (the older sets annotate plans as events).
    const bool right = a.gold >= 0 && !(e.planned && !options_.planned.empty());
    ++totals_.events.extracted;
    totals_.events.true_positives += right;
    totals_.event_duplicates += a.duplicate_of >= 0;
    totals_.calibration.Add(FactType::kEvent, e.confidence, right);
    // Participants count only on a matched event: a duplicate's are shown
    // on an event that is not the real one. Where it merges is judged
    // against the gold event it repeats.
    const int32_t target = right ? gold.events[a.gold] : -1;
    if (target >= 0) matched_events.insert(target);
    const int g = a.gold >= 0 ? a.gold : a.duplicate_of;
    gold_event_ids.push_back(g >= 0 ? events_[gold.events[g]].id() : "");
    ScoreParticipants(x, e, gold, target, &matched_rows);
    if (options_.verbose) PrintEvent(doc.id().c_str(), x, e, a, gold);
  }
  if (options_.verbose) {
    for (const auto& [person, v] : gold.rows) {
      if (matched_rows.count({person, v}) || person < 0) continue;
      std::printf("%-30s MISSED participation %s in %s\n", doc.id().c_str(),
                  std::string(ix_.entities()[person].name()).c_str(), events_[v].id().c_str());
    }
    for (int32_t v : gold.events) {
      if (matched_events.count(v)) continue;
      std::printf("%-30s MISSED event %s (%s, %s)\n", doc.id().c_str(), events_[v].id().c_str(),
                  KindName(events_[v].kind()).c_str(), events_[v].date().display().c_str());
    }
  }
  if (options_.measure_merges) ScoreMerges(doc, x, gold_event_ids);
}

void Evaluator::ScoreParticipants(const Extraction& x, const ExtractedEvent& e,
                                  const ArticleGold& gold, int32_t target,
                                  std::set<std::pair<int32_t, int32_t>>* matched_rows) {
  for (const ExtractedParticipant& p : e.participants) {
    ++totals_.participations.extracted;
    const ExtractedOfficial& official = x.officials[p.official];
    // A participant without a confidence of its own has the index's: the
    // lower of its event's and its official's.
    const double confidence =
        p.confidence > 0 ? p.confidence : std::min(e.confidence, official.confidence);
    bool right = false;
    const std::string key = NameKey(official.name);
    for (const auto& [person, v] : gold.rows) {
      if (right || v != target || person < 0 || !Names(ix_.entities()[person], key)) continue;
      right = matched_rows->emplace(person, v).second;
    }
    totals_.participations.true_positives += right;
    totals_.calibration.Add(FactType::kParticipation, confidence, right);
  }
}

int Evaluator::MatchPlan(const std::string& document_id, const ExtractedEvent& e,
                         const std::set<int>& taken) const {
  if (!e.planned || !e.date) return -1;
  const DayInterval days = ToDayInterval(*e.date);
  for (size_t p = 0; p < options_.planned.size(); ++p) {
    const PlannedEvent& plan = options_.planned[p];
    if (plan.document_id == document_id && plan.kind == e.kind && plan.days.Overlaps(days) &&
        !taken.count(static_cast<int>(p))) {
      return static_cast<int>(p);
    }
  }
  return -1;
}

void Evaluator::ScorePlanParticipants(const Extraction& x, const ExtractedEvent& e,
                                      const PlannedEvent& plan) {
  std::set<std::string> matched;
  for (const ExtractedParticipant& p : e.participants) {
    ++totals_.plan_participations.extracted;
    const std::string key = NameKey(x.officials[p.official].name);
    bool right = false;
    for (const std::string& id : plan.participants) {
      const std::optional<EntityView> person = ix_.FindEntity(id);
      if (right || !person || !Names(*person, key)) continue;
      right = matched.insert(id).second;
    }
    totals_.plan_participations.true_positives += right;
    totals_.calibration.Add(FactType::kParticipation, p.confidence, right);
  }
}

void Evaluator::PrintEvent(const char* id, const Extraction& x, const ExtractedEvent& e,
                           const EventAssignment& a, const ArticleGold& gold) const {
  std::string who;
  for (const auto& p : e.participants) {
    who += absl::StrFormat(" %s(%.2f %s)", NameKey(x.officials[p.official].name), p.confidence,
                           absl::StrReplaceAll(v1::ParticipantFunction_Name(p.function),
                                               {{"PARTICIPANT_FUNCTION_", ""}}));
  }
  std::string verdict = "WRONG";
  if (a.gold >= 0) {
    verdict = (e.planned && !options_.planned.empty() ? "WRONG (held, told as planned) " : "= ") +
              events_[gold.events[a.gold]].id();
  }
  if (a.duplicate_of >= 0) {
    verdict = "DUPLICATE of " + events_[gold.events[a.duplicate_of]].id();
  }
  std::printf("%-30s event %-18s %-22s %s [%s ] (%.2f, \"%s\"%s; %s)\n", id,
              KindName(e.kind).c_str(), e.date ? e.date->display().c_str() : "-", verdict.c_str(),
              who.c_str(), e.confidence, e.trigger.c_str(), e.planned ? ", planned" : "",
              e.date ? e.date->basis_note().c_str() : "");
}

// Every participant's quote must name them and tell of the event.
void Evaluator::CheckQuotes(const v1::Document& doc, const Extraction& x) {
  for (const ExtractedEvent& e : x.events) {
    for (const ExtractedParticipant& p : e.participants) {
      ++totals_.participants;
      const std::string& name = x.officials[p.official].name;
      const absl::Status support =
          CheckParticipantQuote(doc.text(), name, x.officials[p.official].title, p);
      if (support.ok()) continue;
      ++totals_.unsupported_quotes;
      if (!options_.verbose) continue;
      std::printf("%-30s UNSUPPORTED quote for %s in %s: %s \"%s\"\n", doc.id().c_str(),
                  name.c_str(), KindName(e.kind).c_str(), std::string(support.message()).c_str(),
                  Excerpt(doc.text(), p.quote_start, p.quote_end).c_str());
    }
  }
}

void Evaluator::ScoreMerges(const v1::Document& doc, const Extraction& x,
                            const std::vector<std::string>& gold_event_ids) {
  absl::StatusOr<std::vector<MergeResult>> results =
      MeasureMerges(options_.data_dir, doc, x, gold_event_ids);
  if (!results.ok()) {
    totals_.merge_errors.push_back(absl::StrCat(
        doc.id(), ": ", absl::StrReplaceAll(results.status().message(), {{"\n", "; "}})));
    return;
  }
  ++totals_.merge_articles;
  for (size_t i = 0; i < results->size(); ++i) {
    const MergeResult& r = (*results)[i];
    ++totals_.merges[static_cast<int>(r.outcome)];
    if (!options_.verbose) continue;
    const ExtractedEvent& e = x.events[i];
    std::printf("%-30s merge %-18s %-22s %s%s%s (gold %s)\n", doc.id().c_str(),
                KindName(e.kind).c_str(), e.date ? e.date->display().c_str() : "-",
                MergeOutcomeName(r.outcome), r.event_id.empty() ? "" : ": ", r.event_id.c_str(),
                gold_event_ids[i].empty() ? "none" : gold_event_ids[i].c_str());
  }
}

}  // namespace parley::eval
