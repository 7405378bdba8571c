#include "tools/eval_report.h"

#include <cstdio>
#include <fstream>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"

namespace parley::eval {
namespace {

struct ScoreRow {
  const char* label;  // in the text table
  const char* key;    // in the JSON
  const Score* score;
};

std::vector<ScoreRow> ScoreRows(const Totals& t) {
  return {
      {"officials (name)", "officials_name", &t.by_name},
      {"officials (name + country)", "officials_name_country", &t.by_country},
      {"organizations (name)", "organizations_name", &t.orgs},
      {"organizations (name + country)", "organizations_name_country", &t.orgs_country},
      {"events (kind + date)", "events_kind_date", &t.events},
      {"participations (person + event)", "participations", &t.participations},
      {"planned events (kind + date)", "planned_events", &t.plans},
      {"planned participations", "planned_participations", &t.plan_participations},
  };
}

int Merges(const Totals& t, MergeOutcome outcome) { return t.merges[static_cast<int>(outcome)]; }

std::string BandName(int band) {
  const double high = band + 1 < kBands ? kBandLows[band + 1] : 1.0;
  return absl::StrFormat(band + 1 < kBands ? "[%.1f,%.1f)" : "[%.1f,%.1f]", kBandLows[band], high);
}

void PrintMerges(const Totals& t) {
  if (t.merge_articles == 0 && t.merge_errors.empty()) {
    std::printf("merges into existing events: not measured\n");
    return;
  }
  const int right = Merges(t, MergeOutcome::kRightMerge);
  const int wrong = Merges(t, MergeOutcome::kWrongMerge);
  std::printf(
      "merges into existing events (each article new to an index of the others, %d articles): "
      "%d merges (%d right, %d wrong), %d missed merges, %d new events, %d folded into another "
      "new event of the article, %d not indexed; %d gold events were in the index from another "
      "article\n",
      t.merge_articles, right + wrong, right, wrong, Merges(t, MergeOutcome::kMissedMerge),
      Merges(t, MergeOutcome::kNewEvent), Merges(t, MergeOutcome::kFolded),
      Merges(t, MergeOutcome::kNotIndexed), t.gold_events_known_elsewhere);
  for (const std::string& error : t.merge_errors) {
    std::printf("merges not measured for %s\n", error.c_str());
  }
}

void PrintCalibration(const Calibration& c) {
  std::printf("calibration (confidence band: facts, right, share right)\n%-10s", "band");
  for (int type = 0; type < kFactTypes; ++type) {
    std::printf(" %18s", FactTypeName(static_cast<FactType>(type)));
  }
  std::printf(" %18s\n", "all");
  for (int band = 0; band < kBands; ++band) {
    std::printf("%-10s", BandName(band).c_str());
    auto cell = [](const BandCount& b) {
      std::printf(" %6d %5d %5.2f", b.count, b.right, b.share());
    };
    for (int type = 0; type < kFactTypes; ++type) cell(c.Bands(static_cast<FactType>(type))[band]);
    cell(c.Bands()[band]);
    std::printf("\n");
  }
  const BandCount high = c.AtLeast(0.8);
  std::printf("at >= 0.8: %d facts, share right %.2f\n", high.count, high.share());
}

std::string JsonString(absl::string_view s) {
  std::string out = "\"";
  for (const char ch : s) {
    if (ch == '"' || ch == '\\') {
      absl::StrAppend(&out, "\\", std::string(1, ch));
    } else if (static_cast<unsigned char>(ch) < 0x20) {
      absl::StrAppend(&out, absl::StrFormat("\\u%04x", ch));
    } else {
      out.push_back(ch);
    }
  }
  return out + "\"";
}

std::string JsonBands(const std::array<BandCount, kBands>& bands) {
  std::vector<std::string> cells;
  for (const BandCount& b : bands) {
    cells.push_back(absl::StrFormat(R"({"count": %d, "right": %d, "share": %.4f})", b.count,
                                    b.right, b.share()));
  }
  return absl::StrCat("[", absl::StrJoin(cells, ", "), "]");
}

std::string JsonCalibration(const Calibration& c) {
  std::vector<std::string> bands, fields;
  for (int band = 0; band < kBands; ++band) bands.push_back(JsonString(BandName(band)));
  fields.push_back(absl::StrCat(R"("bands": [)", absl::StrJoin(bands, ", "), "]"));
  for (int type = 0; type < kFactTypes; ++type) {
    const FactType fact = static_cast<FactType>(type);
    fields.push_back(absl::StrCat(JsonString(FactTypeName(fact)), ": ", JsonBands(c.Bands(fact))));
  }
  fields.push_back(absl::StrCat(R"("all": )", JsonBands(c.Bands())));
  const BandCount high = c.AtLeast(0.8);
  fields.push_back(absl::StrFormat(R"("at_least_0_8": {"count": %d, "right": %d, "share": %.4f})",
                                   high.count, high.right, high.share()));
  return absl::StrCat("{\n    ", absl::StrJoin(fields, ",\n    "), "\n  }");
}

std::string JsonMerges(const Totals& t) {
  std::vector<std::string> errors;
  for (const std::string& e : t.merge_errors) errors.push_back(JsonString(e));
  return absl::StrFormat(
      R"({"articles": %d, "right": %d, "wrong": %d, "missed": %d, "new_events": %d, )"
      R"("folded": %d, "not_indexed": %d, "gold_events_known_elsewhere": %d, "errors": [%s]})",
      t.merge_articles, Merges(t, MergeOutcome::kRightMerge), Merges(t, MergeOutcome::kWrongMerge),
      Merges(t, MergeOutcome::kMissedMerge), Merges(t, MergeOutcome::kNewEvent),
      Merges(t, MergeOutcome::kFolded), Merges(t, MergeOutcome::kNotIndexed),
      t.gold_events_known_elsewhere, absl::StrJoin(errors, ", "));
}

}  // namespace

void PrintReport(const Totals& t) {
  std::printf("%-34s %9s %9s %9s %6s %6s %6s\n", "what", "extracted", "gold", "correct", "P", "R",
              "F1");
  for (const ScoreRow& row : ScoreRows(t)) {
    const Score& s = *row.score;
    std::printf("%-34s %9d %9d %9d %6.2f %6.2f %6.2f\n", row.label, s.extracted, s.gold,
                s.true_positives, s.precision(), s.recall(), s.f1());
  }
  std::printf("event duplicates (a gold event's second extracted event, counted false): %d\n",
              t.event_duplicates);
  PrintMerges(t);
  std::printf("unsupported participant quotes: %d of %d\n", t.unsupported_quotes, t.participants);
  PrintCalibration(t.calibration);
}

std::string ReportJson(const Totals& t, const std::string& corpus) {
  std::vector<std::string> scores;
  for (const ScoreRow& row : ScoreRows(t)) {
    const Score& s = *row.score;
    scores.push_back(
        absl::StrFormat(R"(%s: {"extracted": %d, "gold": %d, "correct": %d, "precision": %.4f, )"
                        R"("recall": %.4f, "f1": %.4f})",
                        JsonString(row.key), s.extracted, s.gold, s.true_positives, s.precision(),
                        s.recall(), s.f1()));
  }
  std::vector<std::string> fields = {
      absl::StrCat(R"("corpus": )", JsonString(corpus)),
      absl::StrCat(R"("articles": )", t.articles),
      absl::StrCat("\"scores\": {\n    ", absl::StrJoin(scores, ",\n    "), "\n  }"),
      absl::StrCat(R"("event_duplicates": )", t.event_duplicates),
      absl::StrCat(R"("merges": )", JsonMerges(t)),
      absl::StrFormat(R"("unsupported_participant_quotes": {"failures": %d, "participants": %d})",
                      t.unsupported_quotes, t.participants),
      absl::StrCat(R"("calibration": )", JsonCalibration(t.calibration)),
  };
  return absl::StrCat("{\n  ", absl::StrJoin(fields, ",\n  "), "\n}\n");
}

absl::Status WriteJson(const Totals& t, const std::string& corpus, const std::string& path) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << ReportJson(t, corpus);
  out.close();
  if (!out) return absl::InternalError(absl::StrCat("cannot write ", path));
  return absl::OkStatus();
}

bool CheckBaselines(const Totals& t, const Baselines& b) {
  bool ok = true;
  const std::pair<const char*, std::pair<const Score*, double>> f1_baselines[] = {
      {"officials (name)", {&t.by_name, b.officials_f1}},
      {"officials (name + country)", {&t.by_country, b.officials_country_f1}},
      {"organizations (name)", {&t.orgs, b.organizations_f1}},
      {"events", {&t.events, b.events_f1}},
      {"participations", {&t.participations, b.participations_f1}},
  };
  for (const auto& [what, check] : f1_baselines) {
    const auto& [score, minimum] = check;
    if (score->f1() + 1e-9 < minimum) {
      std::printf("FAIL: %s F1 %.2f is below the baseline %.2f\n", what, score->f1(), minimum);
      ok = false;
    }
  }
  const BandCount high = t.calibration.AtLeast(0.8);
  if (b.calibrated_share_at_0_8 > 0 && high.share() + 1e-9 < b.calibrated_share_at_0_8) {
    std::printf(
        "FAIL: the share right of facts at confidence >= 0.8 is %.2f (%d of %d), below %.2f\n",
        high.share(), high.right, high.count, b.calibrated_share_at_0_8);
    ok = false;
  }
  return ok;
}

}  // namespace parley::eval
