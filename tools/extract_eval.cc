// extract_eval: runs the extractor over a corpus's articles with their
// curated annotations withheld and scores it against them.
//
// The extractor reads only an article's text (and publication date), with
// lexicons from which every organization the article cites or mentions is
// withheld, so that it cannot look up what it is asked to find. What is
// gold and how facts match: eval_evaluator.h. Prints precision, recall and
// F1, event duplicates, merges into existing events, unsupported
// participant quotes and a calibration table (eval_report.h); exits 1 if a
// figure is below its --min_* baseline, 2 if the corpus or the lexicons
// cannot be read.
//
//   extract_eval --data=data --lexicons=data/lexicons [--verbose] [--min_events_f1=0.5]
//       [--json_out=FILE] [--min_calibrated_share_at_0_8=0.9]
#include <iostream>
#include <string>

#include "absl/container/flat_hash_set.h"
#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/flags/usage.h"
#include "absl/status/statusor.h"
#include "service/extract/extract.h"
#include "service/extract/known_facts.h"
#include "service/index/index.h"
#include "tools/eval_evaluator.h"
#include "tools/eval_report.h"

ABSL_FLAG(std::string, data, "data", "Corpus with curated annotations");
ABSL_FLAG(std::string, lexicons, "data/lexicons", "Extraction lexicons");
ABSL_FLAG(double, min_officials_f1, 0, "Fail below this F1 for officials (name)");
ABSL_FLAG(double, min_officials_country_f1, 0, "Fail below this F1 for officials (name+country)");
ABSL_FLAG(double, min_organizations_f1, 0, "Fail below this F1 for organizations (name)");
ABSL_FLAG(double, min_events_f1, 0, "Fail below this F1 for events (kind and date)");
ABSL_FLAG(double, min_participations_f1, 0, "Fail below this F1 for participations");
ABSL_FLAG(double, min_calibrated_share_at_0_8, 0,
          "Fail when the share right of all judged facts with confidence >= 0.8 is below this "
          "(or no fact has that confidence); 0 checks nothing");
ABSL_FLAG(bool, measure_merges, true,
          "Build an index per article, with the article new, to see where its events merge");
ABSL_FLAG(std::string, json_out, "", "Also write the summary figures as JSON to this file");
ABSL_FLAG(bool, verbose, false, "Print every extracted and missed fact");

namespace {

// Ids of the entities document d cites or mentions: the organizations among
// them are withheld from the lexicon the extractor reads d with.
absl::flat_hash_set<std::string> CitedOrMentioned(const parley::Index& ix, int32_t d) {
  absl::flat_hash_set<std::string> ids;
  for (int32_t e : ix.EntitiesInDocument(d)) ids.insert(std::string(ix.entities()[e].id()));
  for (const parley::EntityView e : ix.entities()) {
    const parley::v1::Entity message = e.ToProto();
    for (const auto& ev : message.evidence()) {
      if (ev.document_id() == ix.documents()[d].id()) ids.insert(std::string(e.id()));
    }
  }
  return ids;
}

// Extracts and scores every article of data_dir; false (with a message) if
// the corpus or the lexicons cannot be read.
bool Evaluate(const std::string& data_dir, parley::eval::Evaluator::Options options,
              parley::eval::Totals* totals) {
  auto index = parley::Index::Load(data_dir);
  if (!index.ok()) {
    std::cerr << "extract_eval: " << index.status().message() << "\n";
    return false;
  }
  const parley::Index& ix = **index;
  // The knowledge base's plain facts, for the lexicon.
  auto corpus = parley::Corpus::Read(data_dir);
  if (!corpus.ok()) {
    std::cerr << "extract_eval: " << corpus.status().message() << "\n";
    return false;
  }
  parley::eval::Evaluator evaluator(ix, std::move(options));
  for (int32_t d = 0; d < static_cast<int32_t>(ix.documents().size()); ++d) {
    const parley::v1::Document& doc = ix.documents()[d];
    absl::StatusOr<parley::KnownFacts> known =
        parley::KnownFactsOf(*corpus, CitedOrMentioned(ix, d));
    if (!known.ok()) {
      std::cerr << "extract_eval: " << known.status().message() << "\n";
      return false;
    }
    auto lexicon = parley::ExtractionLexicon::Load(absl::GetFlag(FLAGS_lexicons), *known);
    if (!lexicon.ok()) {
      std::cerr << "extract_eval: " << lexicon.status().message() << "\n";
      return false;
    }
    evaluator.ScoreArticle(d, parley::ExtractArticle(doc.text(), doc.published(), *lexicon));
  }
  *totals = evaluator.totals();
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  absl::SetProgramUsageMessage("Scores the extractor against curated annotations.");
  absl::ParseCommandLine(argc, argv);
  const std::string data_dir = absl::GetFlag(FLAGS_data);
  parley::eval::Evaluator::Options options;
  options.verbose = absl::GetFlag(FLAGS_verbose);
  options.data_dir = data_dir;
  options.measure_merges = absl::GetFlag(FLAGS_measure_merges);
  absl::StatusOr<std::vector<parley::eval::PlannedEvent>> planned =
      parley::eval::ReadPlannedEvents(data_dir);
  if (!planned.ok()) {
    std::cerr << "extract_eval: " << planned.status().message() << "\n";
    return 2;
  }
  options.planned = *std::move(planned);
  parley::eval::Totals totals;
  if (!Evaluate(data_dir, std::move(options), &totals)) return 2;
  parley::eval::PrintReport(totals);
  if (const std::string json = absl::GetFlag(FLAGS_json_out); !json.empty()) {
    if (const absl::Status written = parley::eval::WriteJson(totals, data_dir, json);
        !written.ok()) {
      std::cerr << "extract_eval: " << written.message() << "\n";
      return 2;
    }
  }
  parley::eval::Baselines baselines;
  baselines.officials_f1 = absl::GetFlag(FLAGS_min_officials_f1);
  baselines.officials_country_f1 = absl::GetFlag(FLAGS_min_officials_country_f1);
  baselines.organizations_f1 = absl::GetFlag(FLAGS_min_organizations_f1);
  baselines.events_f1 = absl::GetFlag(FLAGS_min_events_f1);
  baselines.participations_f1 = absl::GetFlag(FLAGS_min_participations_f1);
  baselines.calibrated_share_at_0_8 = absl::GetFlag(FLAGS_min_calibrated_share_at_0_8);
  return parley::eval::CheckBaselines(totals, baselines) ? 0 : 1;
}
