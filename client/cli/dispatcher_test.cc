// The parley command line without a server: help, flag errors, unknown
// commands and the mapping of statuses to exit codes and messages. The
// commands against a real server are tests/cli_test.cc.
#include "client/cli/dispatcher.h"

#include <sstream>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <stdlib.h>

#include "absl/strings/str_join.h"
#include "client/cli/common_flags.h"
#include "client/cli/exit_status.h"

namespace parley::cli {
namespace {

using ::testing::AllOf;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;
using ::testing::StartsWith;

struct Outcome {
  int exit_code;
  std::string out;
  std::string err;
};

Outcome RunCli(const std::vector<std::string>& args) {
  std::ostringstream out, err;
  const int exit_code = RunParley(args, out, err);
  return {exit_code, out.str(), err.str()};
}

// What a run that must exit 2 (bad input) and print nothing on standard
// output says on standard error.
std::string BadInputError(const std::vector<std::string>& args) {
  Outcome r = RunCli(args);
  EXPECT_EQ(r.exit_code, 2) << absl::StrJoin(args, " ") << ": " << r.err;
  EXPECT_THAT(r.out, IsEmpty()) << absl::StrJoin(args, " ");
  return r.err;
}

TEST(DispatcherTest, ServerMessagesAreSaidInTheClisTerms) {
  EXPECT_EQ(InCliTerms("filter.from_date: date \"2011-13\": month 13 is not 1-12"),
            "--from: date \"2011-13\": month 13 is not 1-12");
  EXPECT_EQ(InCliTerms("no document \"x\"; list ids with ListDocuments"),
            "no document \"x\"; list ids with parley documents");
  EXPECT_EQ(InCliTerms("extracted.min_confidence is 1.5; it is 0 to 1"),
            "--min_confidence is 1.5; it is 0 to 1");
  EXPECT_EQ(InCliTerms("filter.from_date 2025 is after filter.to_date 2011: swap them or widen "
                       "the range"),
            "--from 2025 is after --to 2011: swap them or widen the range");
  EXPECT_EQ(InCliTerms("examples[0].date: date \"2011-99\": month 99 is not 1-12"),
            "--date: date \"2011-99\": month 99 is not 1-12");
  EXPECT_EQ(InCliTerms("nothing to say"), "nothing to say");
}

TEST(DispatcherTest, VersionSaysWhichParleyAndApi) {
  Outcome r = RunCli({"--version"});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.out, std::string("parley ") + PARLEY_VERSION + " (API parley.v1)\n");
  EXPECT_THAT(r.err, IsEmpty());
}

TEST(DispatcherTest, CommandHelpListsOnlyItsOwnFlagsAndTheGlobalOnes) {
  Outcome search = RunCli({"search", "--help"});
  EXPECT_EQ(search.exit_code, 0);
  EXPECT_THAT(search.out, StartsWith("Usage: parley search NAME [flags]\n"));
  EXPECT_THAT(search.out,
              AllOf(HasSubstr("--kind"), HasSubstr("--limit"), HasSubstr("--curated_only"),
                    HasSubstr("--min_confidence"), HasSubstr("--server"), HasSubstr("--deadline"),
                    HasSubstr("--json"), HasSubstr("--tls_ca")));
  EXPECT_THAT(search.out, AllOf(Not(HasSubstr("--topic")), Not(HasSubstr("--admin")),
                                Not(HasSubstr("--publisher")), Not(HasSubstr("--function"))));
  Outcome events = RunCli({"events", "--help"});
  EXPECT_THAT(events.out,
              AllOf(HasSubstr("--topic"), HasSubstr("--desc"), Not(HasSubstr("--function"))));
  EXPECT_THAT(RunCli({"who", "--help"}).out, HasSubstr("--function"));
  Outcome event = RunCli({"event", "--help"});
  EXPECT_THAT(event.out, AllOf(HasSubstr("--curated_only"), HasSubstr("--min_confidence"),
                               Not(HasSubstr("--limit")), HasSubstr("Global flags")));
  Outcome topics = RunCli({"topics", "--help"});
  EXPECT_THAT(topics.out, AllOf(Not(HasSubstr("Flags:\n")), Not(HasSubstr("--limit")),
                                HasSubstr("Global flags")));
}

TEST(DispatcherTest, GeneralHelpListsEveryCommand) {
  Outcome help = RunCli({"--help"});
  EXPECT_EQ(help.exit_code, 0);
  const CommandRegistry registry = BuiltInCommands();
  for (const Command& command : registry.commands()) {
    EXPECT_THAT(help.out, HasSubstr("  " + command.usage + " ")) << command.name;
  }
  Outcome bare = RunCli({});
  EXPECT_EQ(bare.exit_code, 2);
  EXPECT_EQ(bare.out, help.out);
  EXPECT_EQ(RunCli({"help"}).out, help.out);
}

TEST(DispatcherTest, AFlagOfAnotherCommandIsUnknown) {
  EXPECT_EQ(BadInputError({"search", "Kri", "--topic", "cyber"}),
            "parley: unknown flag --topic; see parley search --help\n");
}

TEST(DispatcherTest, BadFlagValuesExitTwoBeforeAnyCall) {
  EXPECT_THAT(BadInputError({"search", "Kri", "--limit"}), HasSubstr("--limit needs a value"));
  EXPECT_THAT(BadInputError({"events", "--limit=ten"}),
              HasSubstr("--limit=ten: not an integer; see parley events --help"));
  EXPECT_EQ(BadInputError({"info", "--deadline=0s"}),
            "parley: --deadline must be positive, e.g. 5s or 500ms\n");
}

TEST(DispatcherTest, GlobalFlagsMayComeBeforeTheCommandAndItsOwnMayNot) {
  EXPECT_THAT(BadInputError({"--deadline", "0s", "info"}),
              HasSubstr("--deadline must be positive"));
  EXPECT_THAT(BadInputError({"--topic", "cyber", "who"}),
              AllOf(HasSubstr("unknown flag --topic"),
                    HasSubstr("a command's own flags go after its name")));
}

TEST(DispatcherTest, UnknownOrMissingCommand) {
  EXPECT_EQ(BadInputError({"serach", "Kri"}),
            "parley: unknown command \"serach\"; run parley --help for the list\n");
  EXPECT_EQ(BadInputError({"--json"}), "parley: unknown command; run parley --help for the list\n");
}

TEST(DispatcherTest, ArgumentErrorsOfCommands) {
  // The admin commands' messages depend on where $PARLEY_SERVER points.
  unsetenv("PARLEY_SERVER");
  unsetenv("PARLEY_ADMIN");
  EXPECT_EQ(BadInputError({"search"}), "parley: missing a name to search for; see --help\n");
  EXPECT_EQ(BadInputError({"ingest", "a", "b"}),
            "parley: ingest takes one FILE (or - for stdin)\n");
  EXPECT_EQ(BadInputError({"reload", "--admin_token_file=/dev/null"}),
            "parley: --admin_token_file: no token in /dev/null\n");
}

TEST(DispatcherTest, AnUnreachableServerExitsFiveAndSaysWhatToCheck) {
  Outcome r = RunCli({"info", "--server=127.0.0.1:1", "--deadline=300ms"});
  EXPECT_EQ(r.exit_code, 5);
  EXPECT_THAT(r.err, AllOf(StartsWith("parley: "),
                           HasSubstr("is parley-server running at the --server address?")));
}

TEST(ExitStatusTest, StatusesMapToExitCodesAndOneMessage) {
  EXPECT_EQ(ExitCodeFor(absl::OkStatus()), kOk);
  EXPECT_EQ(ExitCodeFor(absl::InvalidArgumentError("x")), kBadInput);
  EXPECT_EQ(ExitCodeFor(absl::AlreadyExistsError("x")), kBadInput);
  EXPECT_EQ(ExitCodeFor(absl::UnauthenticatedError("x")), kBadInput);
  EXPECT_EQ(ExitCodeFor(absl::NotFoundError("x")), kNotFound);
  EXPECT_EQ(ExitCodeFor(AmbiguousNameError("x")), kAmbiguous);
  EXPECT_EQ(ExitCodeFor(absl::DeadlineExceededError("x")), kUnavailable);
  EXPECT_EQ(ExitCodeFor(absl::InternalError("x")), kError);
  EXPECT_EQ(ErrorMessageFor(AmbiguousNameError("\"Kri\" is ambiguous")), "\"Kri\" is ambiguous");
  EXPECT_EQ(ErrorMessageFor(absl::UnavailableError("down")),
            "UNAVAILABLE: down (is parley-server running at the --server address?)");
  EXPECT_EQ(ErrorMessageFor(absl::InternalError("")), "INTERNAL");
  EXPECT_THAT(ErrorMessageFor(absl::UnimplementedError("")),
              AllOf(StartsWith("UNIMPLEMENTED (the server at --server does not answer"),
                    HasSubstr("admin port")));
  EXPECT_EQ(ExitCodeFor(absl::UnimplementedError("")), kError);
  std::ostringstream err;
  EXPECT_EQ(ReportStatus(ShownFailure(kUnavailable), err), kUnavailable);
  EXPECT_THAT(err.str(), IsEmpty());
}

TEST(ExtractedFactFlagsTest, WithoutMinConfidenceTheServersFloorAppliesAndZeroShowsEverything) {
  auto filter_of = [](const std::vector<std::string>& args) {
    FlagSet flags;
    AddExtractedFactFlags(flags);
    std::vector<std::string> positional;
    EXPECT_TRUE(flags.Parse(args, &positional).ok());
    return ExtractedFilterFromFlags(flags);
  };
  const v1::ExtractedFactsFilter unset = filter_of({});
  EXPECT_FALSE(unset.has_min_confidence());
  EXPECT_FALSE(unset.exclude());
  const v1::ExtractedFactsFilter zero = filter_of({"--min_confidence=0"});
  EXPECT_TRUE(zero.has_min_confidence());
  EXPECT_EQ(zero.min_confidence(), 0);
  EXPECT_EQ(filter_of({"--min_confidence", "0.9"}).min_confidence(), 0.9);
  const v1::ExtractedFactsFilter curated = filter_of({"--curated_only"});
  EXPECT_TRUE(curated.exclude());
  EXPECT_FALSE(curated.has_min_confidence());
}

}  // namespace
}  // namespace parley::cli
