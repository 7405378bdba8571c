#include "client/cli/flag_set.h"

#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace parley::cli {
namespace {

using ::testing::AllOf;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;

// The flags of a made-up command, one of each kind.
FlagSet SearchLikeFlags() {
  FlagSet flags("see parley search --help");
  flags.AddString("publisher", "", "Only this publisher");
  flags.AddCount("limit", 0, "At most this many rows (0 = all)");
  flags.AddDouble("min_confidence", 0, "Confidence from 0 to 1");
  flags.AddBool("json", false, "Print JSON");
  flags.AddDuration("deadline", absl::Seconds(5), "Deadline of every call");
  flags.AddList("topic", "Topic ids");
  return flags;
}

TEST(FlagSetTest, DefaultsHoldUntilSet) {
  FlagSet flags = SearchLikeFlags();
  std::vector<std::string> positional;
  ASSERT_TRUE(flags.Parse({}, &positional).ok());
  EXPECT_EQ(flags.GetString("publisher"), "");
  EXPECT_EQ(flags.GetInt("limit"), 0);
  EXPECT_EQ(flags.GetDouble("min_confidence"), 0);
  EXPECT_FALSE(flags.GetBool("json"));
  EXPECT_EQ(flags.GetDuration("deadline"), absl::Seconds(5));
  EXPECT_THAT(flags.GetList("topic"), IsEmpty());
}

TEST(FlagSetTest, ValueAttachedOrApartAndInterleavedWithPositionals) {
  FlagSet flags = SearchLikeFlags();
  std::vector<std::string> positional;
  ASSERT_TRUE(flags
                  .Parse({"SM", "--limit=3", "Krishna", "--publisher", "Example Wire",
                          "-min_confidence", "0.5", "-deadline=300ms", "-"},
                         &positional)
                  .ok());
  EXPECT_THAT(positional, ElementsAre("SM", "Krishna", "-"));
  EXPECT_EQ(flags.GetInt("limit"), 3);
  EXPECT_EQ(flags.GetString("publisher"), "Example Wire");
  EXPECT_DOUBLE_EQ(flags.GetDouble("min_confidence"), 0.5);
  EXPECT_EQ(flags.GetDuration("deadline"), absl::Milliseconds(300));
}

TEST(FlagSetTest, BoolFormsIncludingNegativeAndAValueAfterItIsPositional) {
  FlagSet flags = SearchLikeFlags();
  std::vector<std::string> positional;
  ASSERT_TRUE(flags.Parse({"--json", "yes"}, &positional).ok());
  EXPECT_TRUE(flags.GetBool("json"));
  EXPECT_THAT(positional, ElementsAre("yes"));
  ASSERT_TRUE(flags.Parse({"--nojson"}, &positional).ok());
  EXPECT_FALSE(flags.GetBool("json"));
  ASSERT_TRUE(flags.Parse({"--json=true"}, &positional).ok());
  EXPECT_TRUE(flags.GetBool("json"));
  ASSERT_TRUE(flags.Parse({"--json=0"}, &positional).ok());
  EXPECT_FALSE(flags.GetBool("json"));
  absl::Status negated_with_value = flags.Parse({"--nojson=true"}, &positional);
  EXPECT_EQ(negated_with_value.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(negated_with_value.message(), HasSubstr("--nojson takes no value"));
  absl::Status not_bool = flags.Parse({"--json=maybe"}, &positional);
  EXPECT_THAT(not_bool.message(), HasSubstr("--json=maybe: not true or false"));
}

TEST(FlagSetTest, UnknownFlagIsNamedWithTheHelpHint) {
  FlagSet flags = SearchLikeFlags();
  std::vector<std::string> positional;
  absl::Status status = flags.Parse({"Kri", "--topci=cyber"}, &positional);
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(status.message(), "unknown flag --topci; see parley search --help");
  // "--no" only negates a bool.
  EXPECT_THAT(flags.Parse({"--nolimit"}, &positional).message(),
              HasSubstr("unknown flag --nolimit"));
  // A word with one dash (docs' -word) is told how to pass it.
  EXPECT_THAT(flags.Parse({"cyber", "-ransomware"}, &positional).message(),
              AllOf(HasSubstr("unknown flag -ransomware"), HasSubstr("after -- are never flags")));
}

TEST(FlagSetTest, MissingValueAtTheEndOrBeforeAnotherFlag) {
  FlagSet flags = SearchLikeFlags();
  std::vector<std::string> positional;
  absl::Status at_end = flags.Parse({"Kri", "--limit"}, &positional);
  EXPECT_EQ(at_end.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(at_end.message(), HasSubstr("--limit needs a value"));
  absl::Status before_flag = flags.Parse({"--publisher", "--json"}, &positional);
  EXPECT_THAT(before_flag.message(), HasSubstr("--publisher needs a value"));
  // A value that merely starts with a dash is a value.
  ASSERT_TRUE(flags.Parse({"--min_confidence", "-1"}, &positional).ok());
  EXPECT_EQ(flags.GetDouble("min_confidence"), -1);
  // An empty value given with '=' is a value.
  ASSERT_TRUE(flags.Parse({"--publisher="}, &positional).ok());
  EXPECT_EQ(flags.GetString("publisher"), "");
}

TEST(FlagSetTest, ValuesOfTheWrongKind) {
  FlagSet flags = SearchLikeFlags();
  std::vector<std::string> positional;
  EXPECT_EQ(flags.Parse({"--limit", "abc"}, &positional).message(),
            "--limit=abc: not an integer; see parley search --help");
  EXPECT_THAT(flags.Parse({"--limit=99999999999"}, &positional).message(),
              HasSubstr("not an integer"));
  // A count is never negative: "-1" is neither "all" nor a flag.
  EXPECT_EQ(flags.Parse({"--limit", "-1"}, &positional).message(),
            "--limit=-1: not a count (a whole number, 0 or more); see parley search --help");
  EXPECT_THAT(flags.Parse({"--limit=-5"}, &positional).message(), HasSubstr("not a count"));
  ASSERT_TRUE(flags.Parse({"--limit=0"}, &positional).ok());
  EXPECT_EQ(flags.GetInt("limit"), 0);
  EXPECT_THAT(flags.Parse({"--min_confidence=high"}, &positional).message(),
              HasSubstr("--min_confidence=high: not a number"));
  EXPECT_THAT(flags.Parse({"--deadline=5"}, &positional).message(),
              HasSubstr("--deadline=5: not a duration"));
}

TEST(FlagSetTest, ScalarGivenTwiceKeepsTheLastAndAListKeepsEveryValue) {
  FlagSet flags = SearchLikeFlags();
  std::vector<std::string> positional;
  ASSERT_TRUE(flags
                  .Parse({"--limit=1", "--limit=2", "--topic", "cyber,counter-terrorism",
                          "--topic=trade", "--topic", " , "},
                         &positional)
                  .ok());
  EXPECT_EQ(flags.GetInt("limit"), 2);
  EXPECT_THAT(flags.GetList("topic"), ElementsAre("cyber", "counter-terrorism", "trade"));
}

TEST(FlagSetTest, DoubleDashEndsTheFlags) {
  FlagSet flags = SearchLikeFlags();
  std::vector<std::string> positional;
  ASSERT_TRUE(flags.Parse({"--json", "--", "--limit=3", "x"}, &positional).ok());
  EXPECT_TRUE(flags.GetBool("json"));
  EXPECT_EQ(flags.GetInt("limit"), 0);
  EXPECT_THAT(positional, ElementsAre("--limit=3", "x"));
}

TEST(FlagSetTest, LeadingFlagsStopAtTheFirstPositional) {
  FlagSet flags("see parley --help");
  flags.AddString("server", "", "Server target");
  flags.AddBool("json", false, "Print JSON");
  const std::vector<std::string> args = {"--server", "search", "--json",
                                         "search",   "Kri",    "--limit=3"};
  absl::StatusOr<size_t> at = flags.ParseLeadingFlags(args);
  ASSERT_TRUE(at.ok()) << at.status();
  EXPECT_EQ(*at, 3u);  // --server consumed "search" as its value
  EXPECT_EQ(flags.GetString("server"), "search");
  EXPECT_TRUE(flags.GetBool("json"));
  const std::vector<std::string> none = {"--json"};
  EXPECT_EQ(*flags.ParseLeadingFlags(none), 1u);
  const std::vector<std::string> unknown = {"--topic", "cyber", "who"};
  EXPECT_THAT(flags.ParseLeadingFlags(unknown).status().message(),
              HasSubstr("unknown flag --topic"));
}

TEST(FlagSetTest, UsageListsOnlyTheDeclaredFlagsWithDefaults) {
  FlagSet flags;
  flags.AddString("doc", "", "Only this document id");
  flags.AddCount("limit", 0, "At most this many rows (0 = all)");
  flags.AddDuration("deadline", absl::Seconds(5), "Deadline of every call");
  const std::string usage = flags.Usage();
  EXPECT_EQ(usage,
            "  --doc       Only this document id (default: \"\")\n"
            "  --limit     At most this many rows (0 = all) (default: \"0\")\n"
            "  --deadline  Deadline of every call (default: \"5s\")\n");
  EXPECT_THAT(usage, Not(HasSubstr("--topic")));
  EXPECT_TRUE(flags.Declared("doc"));
  EXPECT_FALSE(flags.Declared("topic"));
}

TEST(FlagSetTest, AnOptionalNumberIsUnsetUntilGivenAndZeroIsAValue) {
  auto make = [] {
    FlagSet flags("see parley who --help");
    flags.AddOptionalDouble("floor", "the server's", "Confidence from 0 to 1");
    return flags;
  };
  std::vector<std::string> positional;
  FlagSet unset = make();
  ASSERT_TRUE(unset.Parse({"Krishna"}, &positional).ok());
  EXPECT_EQ(unset.GetOptionalDouble("floor"), std::nullopt);
  FlagSet zero = make();
  ASSERT_TRUE(zero.Parse({"--floor=0"}, &positional).ok());
  EXPECT_EQ(zero.GetOptionalDouble("floor"), 0.0);
  FlagSet apart = make();
  ASSERT_TRUE(apart.Parse({"--floor", "0.5"}, &positional).ok());
  EXPECT_EQ(apart.GetOptionalDouble("floor"), 0.5);
  FlagSet bad = make();
  EXPECT_THAT(bad.Parse({"--floor=high"}, &positional).message(),
              HasSubstr("--floor=high: not a number; see parley who --help"));
  EXPECT_THAT(bad.Parse({"--floor"}, &positional).message(), HasSubstr("--floor needs a value"));
  EXPECT_EQ(make().Usage(), "  --floor  Confidence from 0 to 1 (default: the server's)\n");
}

}  // namespace
}  // namespace parley::cli
