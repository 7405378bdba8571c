// parley review: an analyst works through the facts the extractor found
// (parley.v1.AdminService.ListExtractedFacts) and accepts, rejects or
// corrects them (ReviewFact), on the admin listener of any replica.
#include <cstdlib>
#include <string>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/strip.h"
#include "client/cli/command.h"
#include "client/cli/common_flags.h"
#include "client/cli/exit_status.h"
#include "client/cli/output.h"

namespace parley::cli {

namespace {

void DeclareReviewFlags(FlagSet& flags) {
  flags.AddString("kind", "", "list: only entity, position, event or participant facts");
  flags.AddDouble("min_confidence", 0, "list: only facts at least this confident");
  flags.AddCount("page_size", 50, "list: facts per page");
  flags.AddString("page_token", "", "list: the next page, as the last one gave it");
  flags.AddString("reviewer", "", "Who decides (default $USER); recorded with the decision");
  flags.AddString("note", "", "Why (recorded with the decision)");
  flags.AddString("function", "", "correct: the participant's function, e.g. SIGNATORY");
  flags.AddString("date", "", "correct: the event's date, YYYY[-MM[-DD]]");
  flags.AddString("person", "", "correct: the id of the person who took part");
  flags.AddString("title", "", "correct: the title held");
  DeclareAdminListenerFlags(flags);
}

absl::Status List(CommandContext& context, ParleyClient& admin, const std::string& target) {
  const FlagSet& flags = context.flags();
  v1::ListExtractedFactsRequest request;
  if (const std::string& kind = flags.GetString("kind"); !kind.empty()) {
    v1::FactKind parsed;
    if (!v1::FactKind_Parse(absl::StrCat("FACT_KIND_", absl::AsciiStrToUpper(kind)), &parsed)) {
      return absl::InvalidArgumentError(
          absl::StrCat("--kind=", kind, ": give entity, position, event or participant"));
    }
    request.set_kind(parsed);
  }
  request.set_min_confidence(flags.GetDouble("min_confidence"));
  request.set_page_size(flags.GetInt("page_size"));
  request.set_page_token(flags.GetString("page_token"));
  absl::StatusOr<v1::ListExtractedFactsResponse> response = admin.ListExtractedFacts(request);
  if (!response.ok()) return AdminCallError(response.status(), target);
  if (context.PrintedAsJson(*response)) return absl::OkStatus();
  std::ostream& out = context.out();
  for (const v1::ExtractedFact& fact : response->facts()) {
    out << absl::StrFormat("%.2f  %s\n      %s\n", fact.confidence(), fact.key(), fact.summary());
    for (const v1::Evidence& e : fact.evidence()) {
      out << "      “" << e.quote() << "” — " << e.document_id() << "\n";
    }
  }
  out << response->facts_size() << " of " << response->total_size() << " extracted facts";
  if (!response->next_page_token().empty()) {
    out << "; next page: --page_token=" << response->next_page_token();
  }
  out << "\n";
  return absl::OkStatus();
}

absl::Status Decide(CommandContext& context, ParleyClient& admin, const std::string& target,
                    v1::ReviewRecord::Decision decision) {
  if (context.args().size() != 2) {
    return absl::InvalidArgumentError(
        "review accept|reject|correct takes one FACT key, as parley review list shows it (quote "
        "a key with spaces: 'position:ID:Home Secretary')");
  }
  const FlagSet& flags = context.flags();
  v1::ReviewFactRequest request;
  request.set_fact(context.args()[1]);
  request.set_decision(decision);
  std::string reviewer = flags.GetString("reviewer");
  if (const char* user = std::getenv("USER"); reviewer.empty() && user != nullptr) reviewer = user;
  request.set_reviewer(reviewer);
  request.set_note(flags.GetString("note"));
  // "signatory", "SIGNATORY" or the enum's own PARTICIPANT_FUNCTION_SIGNATORY.
  const std::string function = absl::AsciiStrToUpper(flags.GetString("function"));
  absl::string_view name = function;
  absl::ConsumePrefix(&name, "PARTICIPANT_FUNCTION_");
  request.set_function(std::string(name));
  request.set_date(flags.GetString("date"));
  request.set_person(flags.GetString("person"));
  request.set_title(flags.GetString("title"));
  absl::StatusOr<v1::ReviewFactResponse> response = admin.ReviewFact(request);
  if (!response.ok()) return AdminCallError(response.status(), target);
  if (context.PrintedAsJson(*response)) return absl::OkStatus();
  const v1::ReviewRecord& r = response->review();
  context.out() << absl::AsciiStrToLower(v1::ReviewRecord::Decision_Name(r.decision())) << "ed "
                << r.fact() << " (by " << r.reviewer() << " at " << r.time() << "): corpus version "
                << response->info().corpus_version() << " serving\n";
  return absl::OkStatus();
}

absl::Status Review(CommandContext& context) {
  absl::StatusOr<ClientOptions> options = AdminClientOptions(context);
  if (!options.ok()) return options.status();
  ParleyClient admin(*options);
  const std::string action = context.args().empty() ? "" : context.args()[0];
  const std::string& target = options->target;
  if (action == "list") return List(context, admin, target);
  if (action == "accept") return Decide(context, admin, target, v1::ReviewRecord::ACCEPT);
  if (action == "reject") return Decide(context, admin, target, v1::ReviewRecord::REJECT);
  if (action == "correct") return Decide(context, admin, target, v1::ReviewRecord::CORRECT);
  return absl::InvalidArgumentError(
      "review takes list, accept FACT, reject FACT or correct FACT (--function, --date, "
      "--person, --title)");
}

}  // namespace

void AddReviewCommands(CommandRegistry& registry) {
  registry.Add({"review", "review list|accept|reject|correct [FACT]",
                "Work through extracted facts: list them (most confident first), accept, reject "
                "or correct one (admin API; every replica serves the decision).",
                DeclareReviewFlags, Review});
}

}  // namespace parley::cli
