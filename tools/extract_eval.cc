// extract_eval: runs the extractor over a corpus's articles with their
// curated annotations withheld and scores it against them.
//
// Gold officials of a document: the people whose positions or
// participations the knowledge base evidences with a quote from that
// document. Extracted officials are compared by name (normalized, or any
// alias of the gold person) and by name and country. Prints precision,
// recall and F1; exits 1 if an F1 is below its --min_* baseline.
//
//   extract_eval --data=data --lexicons=data/lexicons [--min_officials_f1=0.5]
#include <cstdio>
#include <iostream>
#include <set>
#include <string>

#include "absl/container/flat_hash_map.h"
#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/flags/usage.h"
#include "dates.h"
#include "extract.h"
#include "index.h"
#include "normalize.h"

ABSL_FLAG(std::string, data, "data", "Corpus with curated annotations");
ABSL_FLAG(std::string, lexicons, "data/lexicons", "Extraction lexicons");
ABSL_FLAG(double, min_officials_f1, 0, "Fail below this F1 for officials (name)");
ABSL_FLAG(double, min_officials_country_f1, 0, "Fail below this F1 for officials (name+country)");
ABSL_FLAG(double, min_events_f1, 0, "Fail below this F1 for events (kind and date)");
ABSL_FLAG(double, min_participations_f1, 0, "Fail below this F1 for participations");
ABSL_FLAG(bool, verbose, false, "Print every extracted and missed official and event");

namespace {

struct Score {
  int true_positives = 0, extracted = 0, gold = 0;
  double precision() const { return extracted ? double(true_positives) / extracted : 0; }
  double recall() const { return gold ? double(true_positives) / gold : 0; }
  double f1() const {
    const double p = precision(), r = recall();
    return p + r > 0 ? 2 * p * r / (p + r) : 0;
  }
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
  auto lexicon = parley::ExtractionLexicon::Load(absl::GetFlag(FLAGS_lexicons), **index);
  if (!lexicon.ok()) {
    std::cerr << "extract_eval: " << lexicon.status().message() << "\n";
    return 2;
  }
  const parley::Index& ix = **index;
  // Gold: document id -> person entity indices.
  absl::flat_hash_map<std::string, std::set<int32_t>> gold;
  for (size_t e = 0; e < ix.entities().size(); ++e) {
    const parley::v1::Entity& person = ix.entities()[e];
    if (person.kind() != parley::v1::ENTITY_KIND_PERSON) continue;
    for (const auto& position : person.positions()) {
      for (const auto& ev : position.evidence()) {
        if (!ev.document_id().empty()) gold[ev.document_id()].insert(static_cast<int32_t>(e));
      }
    }
  }
  for (const auto& row : ix.participations()) {
    for (const auto& ev : row.evidence()) {
      if (!ev.document_id().empty()) {
        gold[ev.document_id()].insert(ix.EntityIndex(row.person().id()));
      }
    }
  }
  Score by_name, by_country;
  const bool verbose = absl::GetFlag(FLAGS_verbose);
  for (const parley::v1::Document& doc : ix.documents()) {
    std::vector<parley::ExtractedOfficial> found = parley::ExtractOfficials(doc.text(), *lexicon);
    // Distinct (name key, country) of the extraction.
    std::set<std::pair<std::string, std::string>> extracted;
    for (const auto& o : found) extracted.emplace(parley::NameKey(o.name), o.country_id);
    const std::set<int32_t>& expected = gold[doc.id()];
    by_name.gold += static_cast<int>(expected.size());
    by_country.gold += static_cast<int>(expected.size());
    std::set<int32_t> matched_name, matched_country;
    for (const auto& [key, country] : extracted) {
      int32_t hit = -1;
      for (int32_t e : expected) {
        const parley::v1::Entity& person = ix.entities()[e];
        bool same = parley::NameKey(person.name()) == key;
        for (const std::string& alias : person.aliases()) same = same || parley::NameKey(alias) == key;
        if (same) hit = e;
      }
      ++by_name.extracted;
      ++by_country.extracted;
      if (hit >= 0 && matched_name.insert(hit).second) ++by_name.true_positives;
      const bool country_ok = hit >= 0 && ix.entities()[hit].country().id() == country;
      if (country_ok && matched_country.insert(hit).second) ++by_country.true_positives;
      if (verbose) {
        std::printf("%-24s %-40s %-14s %s\n", doc.id().c_str(), key.c_str(), country.c_str(),
                    hit < 0 ? "WRONG (not a gold official)" : country_ok ? "ok" : "wrong country");
      }
    }
    if (verbose) {
      for (int32_t e : expected) {
        if (!matched_name.count(e)) {
          std::printf("%-24s MISSED %s (%s)\n", doc.id().c_str(),
                      ix.entities()[e].name().c_str(), ix.entities()[e].country().id().c_str());
        }
      }
    }
  }
  // Events: an extracted event is right when a gold event of the document
  // has its kind and a date that overlaps. Participations: (person, event)
  // pairs, the event matched that way.
  Score events, participations;
  for (const parley::v1::Document& doc : ix.documents()) {
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
    const parley::Extraction extraction =
        parley::ExtractArticle(doc.text(), doc.published(), *lexicon);
    std::set<int32_t> matched_events;
    std::set<std::pair<int32_t, int32_t>> matched_rows;
    for (const parley::ExtractedEvent& e : extraction.events) {
      ++events.extracted;
      int32_t hit = -1;
      if (e.date) {
        const parley::DayInterval days = parley::ToDayInterval(*e.date);
        for (int32_t v : gold_events) {
          const parley::DayInterval gold_days = ix.event_days()[v];
          if (ix.events()[v].kind() == e.kind && days.first <= gold_days.last &&
              gold_days.first <= days.last) {
            hit = v;
          }
        }
      }
      if (hit >= 0 && matched_events.insert(hit).second) ++events.true_positives;
      for (size_t o : e.officials) {
        ++participations.extracted;
        if (hit < 0) continue;
        const std::string key = parley::NameKey(extraction.officials[o].name);
        for (const auto& [person, v] : gold_rows) {
          if (v != hit || person < 0) continue;
          const parley::v1::Entity& gold_person = ix.entities()[person];
          bool same = parley::NameKey(gold_person.name()) == key;
          for (const std::string& alias : gold_person.aliases()) {
            same = same || parley::NameKey(alias) == key;
          }
          if (same && matched_rows.emplace(person, v).second) ++participations.true_positives;
        }
      }
      if (verbose) {
        std::printf("%-24s event %-18s %-12s %s\n", doc.id().c_str(),
                    parley::v1::EventKind_Name(e.kind).c_str(),
                    e.date ? e.date->display().c_str() : "-",
                    hit < 0 ? "WRONG" : ("= " + ix.events()[hit].id()).c_str());
      }
    }
    if (verbose) {
      for (int32_t v : gold_events) {
        if (!matched_events.count(v)) {
          std::printf("%-24s MISSED event %s (%s, %s)\n", doc.id().c_str(),
                      ix.events()[v].id().c_str(),
                      parley::v1::EventKind_Name(ix.events()[v].kind()).c_str(),
                      ix.events()[v].date().display().c_str());
        }
      }
    }
  }
  std::printf("%-32s %9s %9s %9s %6s %6s %6s\n", "what", "extracted", "gold", "correct",
              "P", "R", "F1");
  auto row = [](const char* what, const Score& s) {
    std::printf("%-32s %9d %9d %9d %6.2f %6.2f %6.2f\n", what, s.extracted, s.gold,
                s.true_positives, s.precision(), s.recall(), s.f1());
  };
  row("officials (name)", by_name);
  row("officials (name + country)", by_country);
  row("events (kind + date)", events);
  row("participations (person + event)", participations);
  bool ok = true;
  const std::pair<const char*, std::pair<const Score*, double>> baselines[] = {
      {"officials (name)", {&by_name, absl::GetFlag(FLAGS_min_officials_f1)}},
      {"officials (name + country)", {&by_country, absl::GetFlag(FLAGS_min_officials_country_f1)}},
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
  return ok ? 0 : 1;
}
