// extract_eval: runs the extractor over a corpus's articles with their
// curated annotations withheld and scores it against them.
//
// The extractor reads only an article's text (and publication date), with
// lexicons from which every organization the article cites or mentions is
// withheld, so that it cannot look up what it is asked to find. Gold, per
// article:
//   officials      people whose positions or participations cite it
//   organizations  organizations whose evidence cites it or that it mentions
//   events         events whose evidence or participants cite it
//   participations (person, event) pairs whose evidence cites it
// Officials and organizations match by normalized name (or any alias),
// also scored with the country; an extracted event is right when a gold
// event of the article has its kind and an overlapping date;
// participations match on both. Prints precision, recall and F1; exits 1
// if an F1 is below its --min_* baseline.
//
//   extract_eval --data=data --lexicons=data/lexicons [--verbose] [--min_events_f1=0.5]
#include <cstdio>
#include <iostream>
#include <set>
#include <string>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/flags/usage.h"
#include "service/base/dates.h"
#include "service/base/normalize.h"
#include "service/extract/extract.h"
#include "service/extract/known_facts.h"
#include "service/index/index.h"

ABSL_FLAG(std::string, data, "data", "Corpus with curated annotations");
ABSL_FLAG(std::string, lexicons, "data/lexicons", "Extraction lexicons");
ABSL_FLAG(double, min_officials_f1, 0, "Fail below this F1 for officials (name)");
ABSL_FLAG(double, min_officials_country_f1, 0, "Fail below this F1 for officials (name+country)");
ABSL_FLAG(double, min_organizations_f1, 0, "Fail below this F1 for organizations (name)");
ABSL_FLAG(double, min_events_f1, 0, "Fail below this F1 for events (kind and date)");
ABSL_FLAG(double, min_participations_f1, 0, "Fail below this F1 for participations");
ABSL_FLAG(bool, verbose, false, "Print every extracted and missed fact");

namespace {

using parley::v1::Entity;

struct Score {
  int true_positives = 0, extracted = 0, gold = 0;
  double precision() const { return extracted ? double(true_positives) / extracted : 0; }
  double recall() const { return gold ? double(true_positives) / gold : 0; }
  double f1() const {
    const double p = precision(), r = recall();
    return p + r > 0 ? 2 * p * r / (p + r) : 0;
  }
};

// Whether name (a NameKey) is the entity's name or one of its aliases.
bool Names(const Entity& entity, const std::string& key) {
  if (key.empty()) return false;
  if (parley::NameKey(entity.name()) == key) return true;
  for (const std::string& alias : entity.aliases()) {
    if (parley::NameKey(alias) == key) return true;
  }
  return false;
}

// Scores one corpus's articles, one at a time, against its curated
// annotations.
class Evaluator {
 public:
  Evaluator(const parley::Index& index, bool verbose_output) : ix(index), verbose(verbose_output) {
    FindGoldPeople();
  }

  void ScoreArticle(int32_t d, const parley::v1::Document& doc, const parley::Extraction& x) {
    const char* id = doc.id().c_str();
    ScoreOfficials(doc, x, id);
    ScoreOrganizations(d, doc, x, id);
    ScoreEvents(doc, x, id);
  }

  // Prints the table; false when a score is below its baseline flag.
  bool Report() const {
    std::printf("%-34s %9s %9s %9s %6s %6s %6s\n", "what", "extracted", "gold", "correct", "P", "R",
                "F1");
    auto row = [](const char* what, const Score& s) {
      std::printf("%-34s %9d %9d %9d %6.2f %6.2f %6.2f\n", what, s.extracted, s.gold,
                  s.true_positives, s.precision(), s.recall(), s.f1());
    };
    row("officials (name)", by_name);
    row("officials (name + country)", by_country);
    row("organizations (name)", orgs);
    row("organizations (name + country)", orgs_country);
    row("events (kind + date)", events);
    row("participations (person + event)", participations);
    bool ok = true;
    const std::pair<const char*, std::pair<const Score*, double>> baselines[] = {
        {"officials (name)", {&by_name, absl::GetFlag(FLAGS_min_officials_f1)}},
        {"officials (name + country)",
         {&by_country, absl::GetFlag(FLAGS_min_officials_country_f1)}},
        {"organizations (name)", {&orgs, absl::GetFlag(FLAGS_min_organizations_f1)}},
        {"events", {&events, absl::GetFlag(FLAGS_min_events_f1)}},
        {"participations", {&participations, absl::GetFlag(FLAGS_min_participations_f1)}},
    };
    for (const auto& [what, check] : baselines) {
      const auto& [score, minimum] = check;
      if (score->f1() + 1e-9 < minimum) {
        std::printf("FAIL: %s F1 %.2f is below the baseline %.2f\n", what, score->f1(), minimum);
        ok = false;
      }
    }
    return ok;
  }

 private:
  // Gold officials: document id -> person entity indices.
  void FindGoldPeople() {
    for (size_t e = 0; e < ix.entities().size(); ++e) {
      const Entity& person = ix.entities()[e];
      if (person.kind() != parley::v1::ENTITY_KIND_PERSON) continue;
      for (const auto& position : person.positions()) {
        for (const auto& ev : position.evidence()) {
          if (!ev.document_id().empty())
            gold_people[ev.document_id()].insert(static_cast<int32_t>(e));
        }
      }
    }
    for (const auto& row : ix.participations()) {
      for (const auto& ev : row.evidence()) {
        if (!ev.document_id().empty()) {
          gold_people[ev.document_id()].insert(ix.EntityIndex(row.person().id()));
        }
      }
    }
  }

  void ScoreOfficials(const parley::v1::Document& doc, const parley::Extraction& x,
                      const char* id) {
    // Officials: distinct (name key, country).
    std::set<std::pair<std::string, std::string>> officials;
    for (const auto& o : x.officials) officials.emplace(parley::NameKey(o.name), o.country_id);
    const std::set<int32_t>& expected = gold_people[doc.id()];
    by_name.gold += static_cast<int>(expected.size());
    by_country.gold += static_cast<int>(expected.size());
    std::set<int32_t> matched_name, matched_country;
    for (const auto& [key, country] : officials) {
      int32_t hit = -1;
      for (int32_t e : expected) {
        if (Names(ix.entities()[e], key)) hit = e;
      }
      ++by_name.extracted;
      ++by_country.extracted;
      if (hit >= 0 && matched_name.insert(hit).second) ++by_name.true_positives;
      const bool country_ok = hit >= 0 && ix.entities()[hit].country().id() == country;
      if (country_ok && matched_country.insert(hit).second) ++by_country.true_positives;
      if (verbose) {
        std::printf("%-30s official %-32s %-14s %s\n", id, key.c_str(), country.c_str(),
                    hit < 0      ? "WRONG (not a gold official)"
                    : country_ok ? "ok"
                                 : "wrong country");
      }
    }
    if (verbose) {
      for (int32_t e : expected) {
        if (!matched_name.count(e)) {
          std::printf("%-30s MISSED official %s (%s)\n", id, ix.entities()[e].name().c_str(),
                      ix.entities()[e].country().id().c_str());
        }
      }
    }
  }

  void ScoreOrganizations(int32_t d, const parley::v1::Document& doc, const parley::Extraction& x,
                          const char* id) {
    // Organizations: cited by the document or mentioned in it.
    std::set<int32_t> gold_orgs;
    for (int32_t e : ix.EntitiesInDocument(d)) {
      if (ix.entities()[e].kind() == parley::v1::ENTITY_KIND_ORGANIZATION) gold_orgs.insert(e);
    }
    for (size_t e = 0; e < ix.entities().size(); ++e) {
      if (ix.entities()[e].kind() != parley::v1::ENTITY_KIND_ORGANIZATION) continue;
      for (const auto& ev : ix.entities()[e].evidence()) {
        if (ev.document_id() == doc.id()) gold_orgs.insert(static_cast<int32_t>(e));
      }
    }
    orgs.gold += static_cast<int>(gold_orgs.size());
    orgs_country.gold += static_cast<int>(gold_orgs.size());
    std::set<int32_t> matched_orgs, matched_orgs_country;
    for (const parley::ExtractedOrganization& o : x.organizations) {
      ++orgs.extracted;
      ++orgs_country.extracted;
      int32_t hit = -1;
      for (int32_t e : gold_orgs) {
        if (Names(ix.entities()[e], parley::NameKey(o.name)) ||
            Names(ix.entities()[e], parley::NameKey(o.acronym))) {
          hit = e;
        }
      }
      if (hit >= 0 && matched_orgs.insert(hit).second) ++orgs.true_positives;
      const bool country_ok = hit >= 0 && ix.entities()[hit].country().id() == o.country_id;
      if (country_ok && matched_orgs_country.insert(hit).second) ++orgs_country.true_positives;
      if (verbose) {
        std::printf("%-30s organization %-40s %-14s %s\n", id, o.name.c_str(), o.country_id.c_str(),
                    hit < 0      ? "WRONG (not a gold organization)"
                    : country_ok ? "ok"
                                 : "wrong country");
      }
    }
    if (verbose) {
      for (int32_t e : gold_orgs) {
        if (!matched_orgs.count(e)) {
          std::printf("%-30s MISSED organization %s\n", id, ix.entities()[e].name().c_str());
        }
      }
    }
  }

  void ScoreEvents(const parley::v1::Document& doc, const parley::Extraction& x, const char* id) {
    // Events and participations.
    std::vector<int32_t> gold_events;
    std::set<std::pair<int32_t, int32_t>> gold_rows;  // (person, gold event)
    for (size_t v = 0; v < ix.events().size(); ++v) {
      const parley::v1::Event& ev = ix.events()[v];
      bool cites = false;
      for (const auto& e : ev.evidence()) cites = cites || e.document_id() == doc.id();
      for (const auto& p : ev.participants()) {
        for (const auto& e : p.evidence()) {
          if (e.document_id() == doc.id()) {
            cites = true;
            gold_rows.emplace(ix.EntityIndex(p.entity().id()), static_cast<int32_t>(v));
          }
        }
      }
      if (cites) gold_events.push_back(static_cast<int32_t>(v));
    }
    events.gold += static_cast<int>(gold_events.size());
    participations.gold += static_cast<int>(gold_rows.size());
    std::set<int32_t> matched_events;
    std::set<std::pair<int32_t, int32_t>> matched_rows;
    for (const parley::ExtractedEvent& e : x.events) {
      ++events.extracted;
      // Among the gold events of its kind and dates not matched yet, the one
      // that shares the most participants.
      int32_t hit = -1, best_shared = -1;
      if (e.date) {
        const parley::DayInterval days = parley::ToDayInterval(*e.date);
        for (int32_t v : gold_events) {
          const parley::DayInterval gold_days = ix.event_days()[v];
          if (ix.events()[v].kind() != e.kind || !days.Overlaps(gold_days) ||
              matched_events.count(v)) {
            continue;
          }
          int32_t shared = 0;
          for (const parley::ExtractedParticipant& p : e.participants) {
            const std::string key = parley::NameKey(x.officials[p.official].name);
            for (const auto& [person, gold_event] : gold_rows) {
              if (gold_event == v && person >= 0 && Names(ix.entities()[person], key)) ++shared;
            }
          }
          if (shared > best_shared) {
            hit = v;
            best_shared = shared;
          }
        }
      }
      if (hit >= 0 && matched_events.insert(hit).second) ++events.true_positives;
      for (const parley::ExtractedParticipant& p : e.participants) {
        ++participations.extracted;
        if (hit < 0) continue;
        const std::string key = parley::NameKey(x.officials[p.official].name);
        for (const auto& [person, v] : gold_rows) {
          if (v != hit || person < 0) continue;
          if (Names(ix.entities()[person], key) && matched_rows.emplace(person, v).second) {
            ++participations.true_positives;
          }
        }
      }
      if (verbose) {
        std::string who;
        for (const auto& p : e.participants)
          who += " " + parley::NameKey(x.officials[p.official].name);
        std::printf("%-30s event %-18s %-22s %s [%s ]\n", id,
                    parley::v1::EventKind_Name(e.kind).substr(11).c_str(),
                    e.date ? e.date->display().c_str() : "-",
                    hit < 0 ? "WRONG" : ("= " + ix.events()[hit].id()).c_str(), who.c_str());
      }
    }
    if (verbose) {
      for (int32_t v : gold_events) {
        if (!matched_events.count(v)) {
          std::printf("%-30s MISSED event %s (%s, %s)\n", id, ix.events()[v].id().c_str(),
                      parley::v1::EventKind_Name(ix.events()[v].kind()).substr(11).c_str(),
                      ix.events()[v].date().display().c_str());
        }
      }
    }
  }

  const parley::Index& ix;
  const bool verbose;
  absl::flat_hash_map<std::string, std::set<int32_t>> gold_people;
  Score by_name, by_country, orgs, orgs_country, events, participations;
};

}  // namespace

int main(int argc, char** argv) {
  absl::SetProgramUsageMessage("Scores the extractor against curated annotations.");
  absl::ParseCommandLine(argc, argv);
  auto index = parley::Index::Load(absl::GetFlag(FLAGS_data));
  if (!index.ok()) {
    std::cerr << "extract_eval: " << index.status().message() << "\n";
    return 2;
  }
  const parley::Index& ix = **index;
  // The knowledge base's plain facts, for the lexicon.
  auto corpus = parley::Corpus::Read(absl::GetFlag(FLAGS_data));
  if (!corpus.ok()) {
    std::cerr << "extract_eval: " << corpus.status().message() << "\n";
    return 2;
  }
  const bool verbose = absl::GetFlag(FLAGS_verbose);
  Evaluator evaluator(ix, verbose);
  for (int32_t d = 0; d < static_cast<int32_t>(ix.documents().size()); ++d) {
    const parley::v1::Document& doc = ix.documents()[d];
    // The article's own organizations are withheld from the lexicon: those
    // whose evidence cites it and those it mentions.
    absl::flat_hash_set<std::string> withheld;
    for (int32_t e : ix.EntitiesInDocument(d)) withheld.insert(ix.entities()[e].id());
    for (const Entity& e : ix.entities()) {
      for (const auto& ev : e.evidence()) {
        if (ev.document_id() == doc.id()) withheld.insert(e.id());
      }
    }
    auto lexicon = parley::ExtractionLexicon::Load(absl::GetFlag(FLAGS_lexicons),
                                                   parley::KnownFactsOf(*corpus, withheld));
    if (!lexicon.ok()) {
      std::cerr << "extract_eval: " << lexicon.status().message() << "\n";
      return 2;
    }
    const parley::Extraction x = parley::ExtractArticle(doc.text(), doc.published(), *lexicon);
    evaluator.ScoreArticle(d, doc, x);
  }
  return evaluator.Report() ? 0 : 1;
}
