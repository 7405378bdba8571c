// What tools/extract_eval prints and writes of an evaluation's totals
// (eval_evaluator.h):
//  - the text report on stdout: first the table of precision, recall and F1
//    (its first seven lines keep their format), then event duplicates,
//    merges into existing events, unsupported participant quotes and the
//    calibration table (confidence band -> facts, right, share right);
//  - the same figures as one JSON object, for docs generation;
//  - the baseline checks behind the --min_* flags.
//
// Errors: WriteJson returns INTERNAL naming the file it cannot write.
// Thread-safety: pure apart from the output.
#ifndef PARLEY_TOOLS_EVAL_REPORT_H_
#define PARLEY_TOOLS_EVAL_REPORT_H_

#include <string>

#include "absl/status/status.h"
#include "tools/eval_evaluator.h"

namespace parley::eval {

// Prints the text report on stdout.
void PrintReport(const Totals& totals);

// The totals as a JSON object; corpus is recorded as given.
std::string ReportJson(const Totals& totals, const std::string& corpus);
[[nodiscard]] absl::Status WriteJson(const Totals& totals, const std::string& corpus,
                                     const std::string& path);

// Minimum figures; 0 checks nothing.
struct Baselines {
  double officials_f1 = 0, officials_country_f1 = 0, organizations_f1 = 0, events_f1 = 0,
         participations_f1 = 0;
  double calibrated_share_at_0_8 = 0;  // share right of all facts with confidence >= 0.8
};

// Prints a FAIL line per baseline not met; true when all are.
bool CheckBaselines(const Totals& totals, const Baselines& baselines);

}  // namespace parley::eval

#endif  // PARLEY_TOOLS_EVAL_REPORT_H_
