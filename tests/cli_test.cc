// The binaries as a user runs them: parley-server as a child process on
// 127.0.0.1:0, the parley CLI and the generic reflection client against it.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <stdlib.h>
#include <unistd.h>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/time/clock.h"
#include "client/cli/common_flags.h"
#include "client/cli/output.h"
#include "service/lookup/extracted_filter.h"
#include "tests/subprocess.h"

namespace parley::testing {
namespace {

using ::testing::AllOf;
using ::testing::HasSubstr;
using ::testing::Not;

const std::string kServer = PARLEY_SERVER_BIN;
const std::string kCli = PARLEY_CLI_BIN;
const std::string kReflect = PARLEY_REFLECT_BIN;
const std::string kData = PARLEY_SOURCE_DIR "/data";
const std::string kCorpora = PARLEY_SOURCE_DIR "/tests/corpora/";
const std::string kExtractedAdditions(cli::kExtractedAdditionsTitle);

class CliTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    server_ = new ServerProcess(kServer, {"--data=" + kData});
    ASSERT_GT(server_->port(), 0) << "server did not start";
    // Wait (bounded) for SERVING.
    for (int i = 0; i < 200; ++i) {
      if (RunCommand({kCli, "health", "--server=" + server_->address()}).exit_code == 0) break;
      absl::SleepFor(absl::Milliseconds(25));
    }
  }
  static void TearDownTestSuite() {
    delete server_;
    server_ = nullptr;
  }

  static RunResult Parley(std::vector<std::string> args) {
    args.insert(args.begin(), kCli);
    args.push_back("--server=" + server_->address());
    return RunCommand(args);
  }

  // parley link on a file holding text (removed after); its name in *path
  // when given.
  static RunResult LinkFile(const std::string& text, std::string* path = nullptr) {
    char name[] = "/tmp/parley-link-XXXXXX";
    const int fd = mkstemp(name);
    if (path != nullptr) *path = name;
    if (fd < 0) return RunResult{};
    const bool written = write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size());
    close(fd);
    RunResult result = written ? Parley({"link", name}) : RunResult{};
    unlink(name);
    return result;
  }

  static ServerProcess* server_;
};
ServerProcess* CliTest::server_ = nullptr;

TEST_F(CliTest, HealthSaysServing) {
  RunResult r = Parley({"health"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "SERVING\n");
}

TEST_F(CliTest, WhoTookPartInCyberEventsListsOfficialsWithEvidenceAndNobodyOnlyMentioned) {
  RunResult r = Parley({"who", "--topic", "cyber"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("PERSON"));
  EXPECT_THAT(r.out, HasSubstr("TITLE HELD"));
  for (const char* who :
       {"Janet Napolitano", "P. Chidambaram", "Jane Holl Lute", "R. Chandrashekhar", "Kapil Sibal",
        "Christopher Painter", "Vinay Kwatra", "Kristie Canegallo"}) {
    EXPECT_THAT(r.out, HasSubstr(who));
  }
  EXPECT_THAT(r.out, HasSubstr("Acting Deputy Secretary of Homeland Security"));
  EXPECT_THAT(r.out, HasSubstr("Washington, DC"));
  EXPECT_THAT(r.out, HasSubstr("2025-01-17"));
  EXPECT_THAT(r.out, HasSubstr("“Acting US Deputy Secretary of Homeland Security Kristie "
                               "Canegallo in Washington, DC, on Friday” — tribune-2025-01-18 "
                               "[422, 516)"));
  for (const char* mentioned : {"Headley", "Rana", "Saeed", "Makkar", "Karzai", "Todd Stern"}) {
    EXPECT_THAT(r.out, Not(HasSubstr(mentioned)));
  }
}

TEST_F(CliTest, JsonForScripts) {
  RunResult r =
      Parley({"who", "--topic", "cybercrime", "--kind", "signing", "--from", "2025", "--json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, AllOf(HasSubstr("\"participations\": ["), HasSubstr("\"vinay-kwatra\""),
                           HasSubstr("\"PARTICIPANT_FUNCTION_SIGNATORY\"")));
  // A person's JSON carries what the text shows: the events they took part in.
  RunResult text = Parley({"person", "Janet Napolitano"});
  RunResult json = Parley({"person", "Janet Napolitano", "--json"});
  ASSERT_EQ(json.exit_code, 0) << json.err;
  EXPECT_THAT(json.out,
              AllOf(::testing::StartsWith("{\n\"entity\": {"), HasSubstr("\"participations\": {")));
  // As many participations as the text's "Took part in N event(s)".
  const size_t at = text.out.find("Took part in ");
  ASSERT_NE(at, std::string::npos) << text.out;
  const int events = std::atoi(text.out.c_str() + at + 13);
  ASSERT_GT(events, 0);
  int functions = 0;
  for (size_t f = json.out.find("\"PARTICIPANT_FUNCTION_"); f != std::string::npos;
       f = json.out.find("\"PARTICIPANT_FUNCTION_", f + 1)) {
    ++functions;
  }
  EXPECT_EQ(functions, events);
}

TEST_F(CliTest, SearchSaysHowEachHitMatched) {
  RunResult r = Parley({"search", "SM", "Krishna"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("S. M. Krishna"));
  EXPECT_THAT(r.out, HasSubstr("exact name"));
  EXPECT_THAT(r.out, HasSubstr("score: "));
  RunResult none = Parley({"search", "Zbigniew"});
  EXPECT_EQ(none.exit_code, 3);
}

TEST_F(CliTest, PersonByNameShowsPositionsAndEvents) {
  RunResult r = Parley({"person", "Janet Napolitano"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("Secretary of Homeland Security — US Department of Homeland "
                               "Security, United States"));
  EXPECT_THAT(r.out, HasSubstr("held on: 2011-05-25/2011-05-27 (ext), 2011-05-27 (ext)"));
  EXPECT_THAT(r.out, HasSubstr("Took part in 2 event(s)"));
}

TEST_F(CliTest, ANameResolvedByAGuessSaysHowItMatched) {
  RunResult typo = Parley({"person", "kapil sibl"});
  ASSERT_EQ(typo.exit_code, 0) << typo.err;
  EXPECT_THAT(typo.err, HasSubstr("is Kapil Sibal [kapil-sibal], by the only name close to it, "
                                  "\"Kapil Sibal\" (1 edit away)"));
  RunResult spelling = Parley({"person", "kapil sibbal"});
  ASSERT_EQ(spelling.exit_code, 0) << spelling.err;
  EXPECT_THAT(spelling.err, HasSubstr("by another spelling of \"Kapil Sibal\""));
  RunResult prefix = Parley({"person", "Janet Nap"});
  EXPECT_THAT(prefix.err, HasSubstr("by the only name starting with \"Janet Nap\""));
  RunResult surname = Parley({"person", "Napolitano"});
  EXPECT_THAT(surname.err, HasSubstr("by end of the name \"Janet Napolitano\""));
}

TEST_F(CliTest, AmbiguousAndUnknownNamesHaveTheirOwnExitCodes) {
  RunResult ambiguous = Parley({"person", "Kri"});
  EXPECT_EQ(ambiguous.exit_code, 4);
  EXPECT_THAT(ambiguous.err, AllOf(HasSubstr("\"Kri\" is ambiguous"),
                                   HasSubstr("Kristie Canegallo [kristie-canegallo]"),
                                   HasSubstr("S. M. Krishna [sm-krishna]")));
  RunResult unknown = Parley({"person", "Nobody Atall"});
  EXPECT_EQ(unknown.exit_code, 3);
  EXPECT_THAT(unknown.err, HasSubstr("no person named \"Nobody Atall\""));
}

TEST_F(CliTest, EventsFilterByTopicAndDateRange) {
  RunResult r = Parley({"events", "--topic", "cyber", "--from", "2011", "--to", "2016"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("India-US MoU on cyber security (CERT-In and US-CERT)"));
  EXPECT_THAT(r.out, HasSubstr("2016-06-07-cyber-framework-fact-sheet"));
  EXPECT_THAT(r.out, Not(HasSubstr("cybercrime investigations")));  // 2025
  EXPECT_THAT(r.out, Not(HasSubstr("climate")));
  EXPECT_THAT(r.out, HasSubstr("10 event(s)"));
}

// Lines of out that start with a date (the rows of events and documents).
int DatedRows(const std::string& out) {
  int rows = 0;
  for (absl::string_view line : absl::StrSplit(out, '\n')) {
    rows += line.size() >= 4 && absl::ascii_isdigit(line[0]) && absl::ascii_isdigit(line[3]);
  }
  return rows;
}

TEST_F(CliTest, LimitStopsTheListingAndSaysShowingNOfM) {
  RunResult all = Parley({"events"});
  ASSERT_EQ(all.exit_code, 0) << all.err;
  const int total = DatedRows(all.out);
  ASSERT_GT(total, 3);
  EXPECT_THAT(all.out, HasSubstr(absl::StrCat(total, " event(s)")));
  RunResult three = Parley({"events", "--limit", "3"});
  ASSERT_EQ(three.exit_code, 0) << three.err;
  EXPECT_EQ(DatedRows(three.out), 3);
  EXPECT_THAT(three.out, HasSubstr(absl::StrCat("showing 3 of ", total, " event(s)")));
  RunResult json = Parley({"events", "--limit=3", "--json"});
  ASSERT_EQ(json.exit_code, 0) << json.err;
  int kinds = 0;  // one "EVENT_KIND_..." per event
  for (size_t at = json.out.find("EVENT_KIND_"); at != std::string::npos;
       at = json.out.find("EVENT_KIND_", at + 1)) {
    ++kinds;
  }
  EXPECT_EQ(kinds, 3);
  EXPECT_THAT(json.out, HasSubstr(absl::StrCat("\"total_size\": ", total)));
  RunResult one = Parley({"documents", "--limit", "1"});
  ASSERT_EQ(one.exit_code, 0) << one.err;
  EXPECT_EQ(DatedRows(one.out), 1);
  EXPECT_THAT(one.out, HasSubstr("showing 1 of 5 document(s)"));
  RunResult mentions = Parley({"mentions", "India", "--limit", "3"});
  ASSERT_EQ(mentions.exit_code, 0) << mentions.err;
  EXPECT_THAT(mentions.out, HasSubstr("showing 3 of "));
  EXPECT_THAT(mentions.out, HasSubstr("mention(s) of India"));
}

TEST_F(CliTest, TopicsAndEventIdsIgnoreCase) {
  RunResult lower = Parley({"events", "--topic", "cyber"});
  RunResult capital = Parley({"events", "--topic", "Cyber"});
  ASSERT_EQ(capital.exit_code, 0) << capital.err;
  EXPECT_EQ(capital.out, lower.out);
  RunResult event = Parley({"event", "2016-06-MODI-VISIT"});
  ASSERT_EQ(event.exit_code, 0) << event.err;
  EXPECT_THAT(event.out, HasSubstr("Narendra Modi's visit to Washington"));
  EXPECT_EQ(Parley({"event", "2016-06-NO-SUCH-VISIT"}).exit_code, 3);
}

TEST_F(CliTest, AdminCommandsAimedAtAnotherServerNeedItsAdminAddress) {
  // --server names a server that is not the local default: reload must not
  // quietly go to a local admin listener.
  RunResult reload = Parley({"reload"});
  EXPECT_EQ(reload.exit_code, 2);
  EXPECT_THAT(reload.err, HasSubstr("give --admin=HOST:PORT"));
  EXPECT_THAT(reload.err, HasSubstr(server_->address()));
  RunResult health = Parley({"health", "--service", "foo"});
  EXPECT_EQ(health.exit_code, 3);
  EXPECT_THAT(health.err, HasSubstr("--service=foo: the server reports no health for it"));
}

TEST_F(CliTest, BadInputGetsExitCode2AndAMessageThatSaysHowToFixIt) {
  RunResult r = Parley({"events", "--from", "2011-13"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr("month 13 is not 1-12"));
  // In the CLI's terms: the flag, not the request field.
  EXPECT_THAT(r.err, HasSubstr("parley: --from: date \"2011-13\""));
  EXPECT_THAT(r.err, Not(HasSubstr("filter.")));
  RunResult topic = Parley({"who", "--topic", "cricket"});
  EXPECT_EQ(topic.exit_code, 2);
  EXPECT_THAT(topic.err, HasSubstr("known topics:"));
  RunResult missing = Parley({"event", "2099-nothing"});
  EXPECT_EQ(missing.exit_code, 3);
}

TEST_F(CliTest, TextThatIsNotUtf8IsNamedBeforeAnythingIsSent) {
  // An argument: its place on the command line, the byte and its offset.
  RunResult arg = Parley({"search", "Napol\xffitano"});
  EXPECT_EQ(arg.exit_code, 2);
  EXPECT_THAT(arg.err, HasSubstr("parley: argument 2 (\"Napol\\xffitano\") is not valid UTF-8 "
                                 "(byte 0xff at offset 5): Parley reads UTF-8 text; convert it"));
  EXPECT_THAT(arg.err, Not(HasSubstr("libprotobuf")));
  // A file to link (Latin-1 text), and a file that is not there.
  std::string path;
  RunResult file = LinkFile("Hillary \xe9 Clinton", &path);
  EXPECT_EQ(file.exit_code, 2);
  EXPECT_THAT(file.err,
              HasSubstr(absl::StrCat(path, " is not valid UTF-8 (byte 0xe9 at offset 8)")));
  EXPECT_THAT(file.err, Not(HasSubstr("libprotobuf")));
  RunResult missing = Parley({"link", "/nonexistent/parley-article.txt"});
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_THAT(missing.err, HasSubstr("cannot read /nonexistent/parley-article.txt: No such file "
                                     "or directory"));
}

TEST_F(CliTest, AnUnknownEnumValueListsTheKnownOnes) {
  RunResult kind = Parley({"events", "--kind", "summit"});
  EXPECT_EQ(kind.exit_code, 2);
  EXPECT_THAT(kind.err, HasSubstr("--kind=summit is not known: use one of meeting, dialogue, "
                                  "agreement-signing, visit"));
  EXPECT_THAT(kind.err, Not(HasSubstr("unspecified")));
  RunResult facets = Parley({"events", "--facets", "bogus"});
  EXPECT_EQ(facets.exit_code, 2);
  EXPECT_THAT(facets.err, HasSubstr("--facets=bogus is not known: use one of year, kind, country"));
}

TEST_F(CliTest, APositionHeldTwiceOnOneDayShowsTheDayOnce) {
  // Hillary Clinton took part in two events of 2011-07-19; the API keeps
  // both dates (each with its own reasoning), the line shows the day once.
  RunResult r = Parley({"person", "Hillary Clinton"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("    held on: 2011-07-18/2011-07-19 (ext), 2011-07-19 (ext)\n"));
}

TEST_F(CliTest, EventDocInfoAndHelp) {
  RunResult event = Parley({"event", "2011-07-19-cyber-security-mou"});
  ASSERT_EQ(event.exit_code, 0) << event.err;
  EXPECT_THAT(event.out, HasSubstr("Jane Holl Lute"));
  EXPECT_THAT(event.out, HasSubstr("outside the text: seed-facts.md"));
  RunResult doc = Parley({"doc", "tribune-2025-01-18"});
  ASSERT_EQ(doc.exit_code, 0);
  EXPECT_THAT(doc.out, HasSubstr("India-US sign MoU on cybercrime investigations"));
  RunResult info = Parley({"info"});
  EXPECT_THAT(info.out, HasSubstr("Events:          19"));
  RunResult help = RunCommand({kCli, "who", "--help"});
  EXPECT_EQ(help.exit_code, 0);
  EXPECT_THAT(help.out, AllOf(HasSubstr("Usage: parley who"), HasSubstr("--topic")));
}

TEST_F(CliTest, AnUnreachableServerGetsExitCode5) {
  RunResult r = RunCommand({kCli, "info", "--server=127.0.0.1:1", "--deadline=300ms"});
  EXPECT_EQ(r.exit_code, 5);
}

TEST_F(CliTest, AGenericClientDiscoversAndCallsEveryRpcThroughReflection) {
  // grpc_reflect speaks grpc.reflection.v1 (served by Parley itself; gRPC
  // 1.51 serves only v1alpha) unless given --v1alpha.
  RunResult list = RunCommand({kReflect, server_->address(), "list"});
  ASSERT_EQ(list.exit_code, 0) << list.err;
  EXPECT_THAT(list.out, HasSubstr("grpc.health.v1.Health/Check"));
  EXPECT_THAT(list.out, HasSubstr("grpc.reflection.v1.ServerReflection"));
  // Every RPC discovered is called: a method without a request here fails.
  const std::map<std::string, std::string> requests = {
      {"GetEntity", R"({"id": "kristie-canegallo", "read_mask": "name,positions.title"})"},
      {"BatchGetEntities", R"({"ids": ["india", "united-states"]})"},
      {"SearchEntities", R"({"query": "Chidambaram"})"},
      {"GetEvent", R"({"id": "2025-01-17-cybercrime-mou"})"},
      {"ListEvents", R"({"filter": {"topics": ["cyber"]}, "facets": ["FACET_FIELD_YEAR"]})"},
      {"ListParticipations", R"({"person_ids": ["vinay-kwatra"]})"},
      {"ListConnections", R"({"entity_id": "hillary-clinton"})"},
      {"GetDocument", R"({"id": "mint-2012-04-20", "view": "DOCUMENT_VIEW_BASIC"})"},
      {"ListDocuments", R"({})"},
      {"ListTopics", R"({})"},
      {"GetIndexInfo", R"({})"},
      {"ListMentions", R"({"entity_id": "janet-napolitano"})"},
      {"SearchDocuments", R"({"query": "cyber security"})"},
      {"LinkMentions", R"({"text": "Napolitano met Chidambaram."})"},
      {"BatchLinkMentions", R"({"requests": [{"text": "Napolitano"}]})"},
      {"MatchEntities", R"({"examples": [{"name": "Chidambaram ji", "title": "Home Minister"}]})"},
      {"Export", R"({"kinds": ["EXPORT_KIND_EVENTS"]})"},
      {"ListChanges", R"({"since_version": 0})"},
  };
  const std::string prefix = "  parley.v1.LookupService/";
  int called = 0;
  for (absl::string_view line : absl::StrSplit(list.out, '\n')) {
    if (!absl::StartsWith(line, prefix)) continue;
    const std::string method(line.substr(prefix.size()));
    auto it = requests.find(method);
    ASSERT_NE(it, requests.end()) << "discovered " << method << ", which this test does not call";
    RunResult r = RunCommand(
        {kReflect, server_->address(), "call", "parley.v1.LookupService/" + method, it->second});
    if (method == "ListChanges") {
      // A data directory's feed starts with the server: version 0 is too old.
      EXPECT_EQ(r.exit_code, 9) << r.err;  // FAILED_PRECONDITION
      EXPECT_THAT(r.err, HasSubstr("keeps the changes after version 1"));
      ++called;
      continue;
    }
    EXPECT_EQ(r.exit_code, 0) << method << ": " << r.err;
    EXPECT_GT(r.out.size(), 2u) << method;
    ++called;
  }
  EXPECT_EQ(called, static_cast<int>(requests.size()));
  RunResult kwatra = RunCommand({kReflect, server_->address(), "call",
                                 "parley.v1.LookupService/ListParticipations",
                                 R"({"person_ids": ["vinay-kwatra"]})"});
  EXPECT_THAT(kwatra.out, HasSubstr("\"event_id\": \"2025-01-17-cybercrime-mou\""));
  RunResult exported =
      RunCommand({kReflect, server_->address(), "call", "parley.v1.LookupService/Export",
                  R"({"kinds": ["EXPORT_KIND_EVENTS"]})"});
  EXPECT_THAT(exported.out, HasSubstr("\"id\": \"2025-01-17-cybercrime-mou\""));
  RunResult health =
      RunCommand({kReflect, server_->address(), "call", "grpc.health.v1.Health/Check",
                  R"({"service": "parley.v1.LookupService"})"});
  EXPECT_THAT(health.out, HasSubstr("SERVING"));
  RunResult missing = RunCommand({kReflect, server_->address(), "call",
                                  "parley.v1.LookupService/GetEntity", R"({"id": "nobody"})"});
  EXPECT_EQ(missing.exit_code, 5);  // NOT_FOUND
  // The older protocol still answers, from the same descriptors.
  RunResult v1alpha = RunCommand({kReflect, "--v1alpha", server_->address(), "list"});
  ASSERT_EQ(v1alpha.exit_code, 0) << v1alpha.err;
  EXPECT_THAT(v1alpha.out, HasSubstr("parley.v1.LookupService/MatchEntities"));
}

TEST_F(CliTest, FacetsFieldsMatchAndExport) {
  // Facets count the whole result, not the page.
  RunResult events = Parley({"events", "--topic", "cyber", "--limit", "2", "--facets", "year"});
  ASSERT_EQ(events.exit_code, 0) << events.err;
  EXPECT_THAT(events.out, HasSubstr("By year: 2011 "));
  RunResult json = Parley({"events", "--place", "Washington", "--facets", "kind,organisation",
                           "--fields", "id,location.city", "--format", "json"});
  ASSERT_EQ(json.exit_code, 0) << json.err;
  EXPECT_THAT(json.out, HasSubstr("\"FACET_FIELD_ORGANIZATION\""));
  EXPECT_THAT(json.out, HasSubstr("\"city\": \"Washington\""));
  EXPECT_THAT(json.out, Not(HasSubstr("\"title\"")));
  EXPECT_EQ(Parley({"events", "--fields", "id"}).exit_code, 2);  // columns would be empty
  EXPECT_EQ(Parley({"events", "--facets", "colour"}).exit_code, 2);
  // British and American spellings of enum words.
  EXPECT_EQ(Parley({"events", "--kind", "dialog", "--limit", "1"}).exit_code, 0);
  EXPECT_EQ(Parley({"search", "Homeland", "--kind", "organisation"}).exit_code, 0);
  // Entity resolution of a record.
  RunResult match = Parley({"match", "Chidambaram ji", "--title", "Home Minister"});
  ASSERT_EQ(match.exit_code, 0) << match.err;
  EXPECT_THAT(match.out, HasSubstr("match: P. Chidambaram"));
  // Export: JSON lines, one item each; CSV of one kind.
  RunResult lines = Parley({"export", "--kind", "events"});
  ASSERT_EQ(lines.exit_code, 0) << lines.err;
  RunResult listed = Parley({"events", "--format", "jsonl", "--min_confidence", "0.8"});
  const auto count_lines = [](const std::string& text) {
    return std::count(text.begin(), text.end(), '\n');
  };
  EXPECT_EQ(count_lines(lines.out), count_lines(listed.out));
  EXPECT_THAT(lines.out, HasSubstr("{\"event\":{\"id\":\"2025-01-17-cybercrime-mou\""));
  RunResult csv = Parley({"export", "--kind", "participations", "--format", "csv"});
  ASSERT_EQ(csv.exit_code, 0) << csv.err;
  EXPECT_THAT(csv.out, HasSubstr("event_id,date,person_id,person,title,side,function,quote"));
  EXPECT_THAT(csv.out, HasSubstr("2025-01-17-cybercrime-mou,2025-01-17,vinay-kwatra,"));
  EXPECT_EQ(Parley({"export", "--format", "csv"}).exit_code, 2);  // one kind per table
}

TEST_F(CliTest, DocsSearchesArticlesWithSnippets) {
  RunResult r = Parley({"docs", "\"fake currency notes\""});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("US presses India on cyber security"));
  EXPECT_THAT(r.out, HasSubstr("matches at bytes [480, 499)"));
  EXPECT_THAT(r.out, Not(HasSubstr("\033[")));  // plain text when not on a terminal
  EXPECT_EQ(Parley({"docs", "zzzunknownword"}).exit_code, 3);
  RunResult stem = Parley({"docs", "negotiate", "--stem"});
  ASSERT_EQ(stem.exit_code, 0) << stem.err;
  EXPECT_THAT(stem.out, HasSubstr("BM25"));
  EXPECT_EQ(Parley({"docs", "negotiate"}).exit_code, 3);  // no article has the word itself
  RunResult misspelt = Parley({"docs", "ransomwre"});
  EXPECT_EQ(misspelt.exit_code, 3);
  EXPECT_THAT(misspelt.err, HasSubstr("did you mean: ransomware?"));
  EXPECT_THAT(misspelt.err, HasSubstr("--stem also finds other forms"));
  RunResult filtered = Parley({"docs", "ransomware", "--publisher=tribune"});
  EXPECT_EQ(filtered.exit_code, 3);
  EXPECT_THAT(filtered.err,
              HasSubstr("among those --from, --to, --publisher and --mentions leave"));
  // Either of two; a word excluded, after -- so that it is not a flag.
  RunResult either = Parley({"docs", "ransomware", "OR", "\"fake currency notes\""});
  ASSERT_EQ(either.exit_code, 0) << either.err;
  EXPECT_THAT(either.out,
              AllOf(HasSubstr("channeltimes-2016-06-08"), HasSubstr("mint-2012-04-20")));
  RunResult excluded = RunCommand(
      {kCli, "docs", "--server=" + server_->address(), "--", "cyber", "security", "-ransomware"});
  ASSERT_EQ(excluded.exit_code, 0) << excluded.err;
  EXPECT_THAT(excluded.out,
              AllOf(HasSubstr("mint-2012-04-20"), Not(HasSubstr("channeltimes-2016-06-08"))));
  RunResult dash = Parley({"docs", "cyber", "-ransomware"});
  EXPECT_EQ(dash.exit_code, 2);
  EXPECT_THAT(dash.err, HasSubstr("arguments after -- are never flags"));
  RunResult dangling = Parley({"docs", "cyber", "OR"});
  EXPECT_EQ(dangling.exit_code, 2) << dangling.out;
  EXPECT_THAT(dangling.err, HasSubstr("OR needs a word"));
}

TEST_F(CliTest, LinkAndMentions) {
  RunResult link = LinkFile("Let us hear Painter, CERT-In and the Indian Cyber Policy Forum.");
  ASSERT_EQ(link.exit_code, 0) << link.err;
  EXPECT_THAT(link.out, HasSubstr("Christopher Painter [christopher-painter]"));
  EXPECT_THAT(link.out, HasSubstr("[12, 19)  Painter"));
  EXPECT_THAT(link.out, HasSubstr("[37, 43)  Indian              India [india]"));
  EXPECT_THAT(link.out, HasSubstr("Indian Computer Emergency Response Team [cert-in]"));
  EXPECT_THAT(link.out, HasSubstr("[44, 62)  Cyber Policy Forum  (unknown: looks like a name)"));
  EXPECT_THAT(link.out, HasSubstr("3 linked span(s), 1 unlinked"));
  EXPECT_THAT(link.out, Not(HasSubstr("\"us\"")));  // "Let us" is not the United States
  RunResult mentions = Parley({"mentions", "Christopher Painter"});
  ASSERT_EQ(mentions.exit_code, 0) << mentions.err;
  EXPECT_THAT(mentions.out, HasSubstr("wire-2015-painter  [256, 275)"));
  EXPECT_THAT(mentions.out, HasSubstr("3 mention(s) of Christopher Painter"));
}

TEST(UnannotatedArticleTest, ADroppedInArticleIsSearchableAndLinkedAfterARestart) {
  char tmpl[] = "/tmp/parley-corpus-XXXXXX";
  const std::string dir = mkdtemp(tmpl);
  std::filesystem::copy(kData, dir, std::filesystem::copy_options::recursive);
  {
    std::ofstream out(dir + "/articles/new-talks.txt");
    out << "---\n"
           "id: wire-2026-03-02\n"
           "title: India, US hold talks on quantum-safe encryption\n"
           "publisher: Example Wire\n"
           "published: 2026-03-02\n"
           "---\n"
           "New Delhi: Officials of CERT-In and US-CERT met on Monday to discuss "
           "quantum-safe encryption. Napolitano, now retired, sent a message. "
           "Vinay Kwatra attended for India.\n";
  }
  ServerProcess server(kServer, {"--data=" + dir});
  ASSERT_GT(server.port(), 0) << server.Log();
  auto parley = [&](std::vector<std::string> args) {
    args.insert(args.begin(), kCli);
    args.push_back("--server=" + server.address());
    return RunCommand(args);
  };
  for (int i = 0; i < 200 && parley({"health"}).exit_code != 0; ++i) {
    absl::SleepFor(absl::Milliseconds(25));
  }
  RunResult docs = parley({"docs", "quantum-safe encryption"});
  ASSERT_EQ(docs.exit_code, 0) << docs.err;
  EXPECT_THAT(docs.out, HasSubstr("India, US hold talks on quantum-safe encryption"));
  EXPECT_THAT(docs.out, HasSubstr("wire-2026-03-02 · Example Wire · 2026-03-02"));
  RunResult mentions = parley({"mentions", "Vinay Kwatra", "--doc", "wire-2026-03-02"});
  ASSERT_EQ(mentions.exit_code, 0) << mentions.err;
  EXPECT_THAT(mentions.out, HasSubstr("1 mention(s) of Vinay Kwatra"));
  RunResult napolitano = parley({"mentions", "Napolitano", "--doc", "wire-2026-03-02"});
  EXPECT_THAT(napolitano.out, HasSubstr("Napolitano  surname"));
  RunResult doc = parley({"doc", "wire-2026-03-02"});
  EXPECT_THAT(doc.out, HasSubstr("Published:  2026-03-02 (stated in the text: front matter"));
  // The body, not the front matter, is the document text.
  EXPECT_THAT(doc.out, HasSubstr("\nNew Delhi: Officials of CERT-In"));
  EXPECT_THAT(doc.out, Not(HasSubstr("title: India")));
  std::filesystem::remove_all(dir);
}

TEST(ServerBinaryTest, SighupReloadsFromDiskAndABadFileKeepsTheOldIndex) {
  CorpusCopy corpus(kData);
  ServerProcess server(kServer, {"--data=" + corpus.dir()});
  ASSERT_GT(server.port(), 0) << server.Log();
  WaitServing(kCli, server);
  auto info = [&] { return RunCommand({kCli, "info", "--server=" + server.address()}); };
  EXPECT_THAT(info().out, HasSubstr("Generation:      1"));
  EXPECT_THAT(info().out, HasSubstr("Corpus version:  1\nStore:           directory\n"));
  {
    std::ofstream out(corpus.dir() + "/articles/late-news.txt");
    out << "Christopher Painter and Vinay Kwatra spoke again.\n";
  }
  server.Send(SIGHUP);
  RunResult after;
  for (int i = 0; i < 200; ++i) {  // bounded wait for the background reload
    after = info();
    if (after.out.find("Generation:      2") != std::string::npos) break;
    absl::SleepFor(absl::Milliseconds(25));
  }
  EXPECT_THAT(after.out, HasSubstr("Generation:      2"));
  EXPECT_THAT(after.out, HasSubstr("Documents:       6"));
  // A half-written annotation file: the reload fails, generation 2 serves on.
  {
    std::ofstream out(corpus.dir() + "/kb/events.textproto", std::ios::app);
    out << "events { id: \"cut-off\" kind: EVENT_KIND_MEET";
  }
  server.Send(SIGHUP);
  for (int i = 0; i < 200; ++i) {
    after = info();
    if (after.out.find("Reload failures: 1") != std::string::npos) break;
    absl::SleepFor(absl::Milliseconds(25));
  }
  EXPECT_THAT(after.out, HasSubstr("Reload failures: 1"));
  EXPECT_THAT(after.out, HasSubstr("Generation:      2"));
  EXPECT_THAT(after.out, HasSubstr("events.textproto"));
  EXPECT_EQ(RunCommand({kCli, "health", "--server=" + server.address()}).out, "SERVING\n");
  EXPECT_THAT(server.Log(), HasSubstr("events.textproto"));
}

TEST(ServerBinaryTest, IngestAddsAnArticleThroughTheAdminListenerOnly) {
  CorpusCopy corpus(kData);
  const std::string token_file =
      corpus.dir() + "/../" + std::filesystem::path(corpus.dir()).filename().string() + ".token";
  { std::ofstream(token_file) << "t0ken-for-tests\n"; }
  ServerProcess server(kServer, {"--data=" + corpus.dir(), "--admin_token_file=" + token_file});
  ASSERT_GT(server.port(), 0) << server.Log();
  ASSERT_GT(server.admin_port(), 0);
  WaitServing(kCli, server);
  const std::string article =
      corpus.dir() + "/../" + std::filesystem::path(corpus.dir()).filename().string() + ".txt";
  {
    std::ofstream out(article);
    out << "---\ntitle: Cyber dialogue resumes\npublished: 2026-11-20\n---\n"
           "Washington: US Coordinator for Cyber Issues Christopher Painter met India's "
           "Ambassador to the US Vinay Kwatra on Thursday at the Cyber Threat Analysis Centre "
           "(CTAC).\n";
  }
  const std::vector<std::string> ingest = {kCli,
                                           "ingest",
                                           article,
                                           "--id=wire-2026-11-20",
                                           "--publisher=Example Wire",
                                           "--admin=" + server.admin_address()};
  RunResult no_token = RunCommand(ingest);
  EXPECT_EQ(no_token.exit_code, 2);
  EXPECT_THAT(no_token.err, HasSubstr("authorization: Bearer"));
  std::vector<std::string> with_token = ingest;
  with_token.push_back("--admin_token_file=" + token_file);
  RunResult r = RunCommand(with_token);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("Ingested wire-2026-11-20 (wire-2026-11-20.txt"));
  EXPECT_THAT(r.out, HasSubstr("generation 2 serving 6 documents"));
  EXPECT_THAT(r.out, HasSubstr("mentions Christopher Painter (christopher-painter)"));
  RunResult again = RunCommand(with_token);
  EXPECT_EQ(again.exit_code, 2);
  EXPECT_THAT(again.err, HasSubstr("already exists"));
  RunResult doc = RunCommand({kCli, "doc", "wire-2026-11-20", "--server=" + server.address()});
  EXPECT_THAT(doc.out, HasSubstr("Cyber dialogue resumes"));
  // What the ingested article says is queryable at once, marked extracted
  // (whatever its confidence: --min_confidence=0).
  RunResult events = RunCommand(
      {kCli, "events", "--from=2026-11", "--min_confidence=0", "--server=" + server.address()});
  EXPECT_THAT(events.out, HasSubstr("2026-11-19  meeting (x "));
  EXPECT_THAT(events.out, HasSubstr("Christopher Painter, Vinay Kwatra"));
  RunResult org =
      RunCommand({kCli, "org", "CTAC", "--min_confidence=0", "--server=" + server.address()});
  EXPECT_THAT(org.out, HasSubstr("Cyber Threat Analysis Centre"));
  EXPECT_THAT(org.out, HasSubstr("extracted from text"));
  EXPECT_THAT(doc.out, HasSubstr("Example Wire"));
  EXPECT_THAT(server.Log(), Not(HasSubstr("t0ken-for-tests")));
  std::filesystem::remove(token_file);
  std::filesystem::remove(article);
}

TEST(LoadClientTest, ABoundedRunReportsQpsLatencyAndNoErrors) {
  ServerProcess server(kServer, {"--data=" + kData});
  ASSERT_GT(server.port(), 0) << server.Log();
  WaitServing(kCli, server);
  for (const std::string mode : {"closed", "open"}) {
    RunResult r = RunCommand({PARLEY_LOAD_BIN, "--target=" + server.address(), "--rpc=GetEntity",
                              "--mode=" + mode, "--rate=500", "--concurrency=4", "--duration=500ms",
                              "--warmup=100ms", "--max_calls=2000"});
    EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
    EXPECT_THAT(r.out, HasSubstr("GetEntity " + mode + "-loop"));
    EXPECT_THAT(r.out, HasSubstr("latency us p50"));
    EXPECT_THAT(r.out, HasSubstr("; 0 errors"));
  }
  RunResult unknown = RunCommand({PARLEY_LOAD_BIN, "--target=" + server.address(), "--rpc=Nope"});
  EXPECT_EQ(unknown.exit_code, 2);
}

TEST(ServerBinaryTest, ABrokenCorpusIsRefusedAtStartupWithAllThreeProblemsNamed) {
  RunResult r = RunCommand({kServer, "--listen=127.0.0.1:0", "--admin_listen=127.0.0.1:0",
                            "--data=" + kCorpora + "broken_three"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.err, HasSubstr("3 problem(s) in the corpus"));
  EXPECT_THAT(r.err, HasSubstr("kb.textproto:27:3: date: date \"2020-02-30\""));
  EXPECT_THAT(r.err, HasSubstr("kb.textproto:35:5: entity: unknown entity \"ben-colle\""));
  EXPECT_THAT(r.err, HasSubstr("kb.textproto:38:32: quote not found in document \"talks\""));
}

TEST(ServerBinaryTest, CheckModeValidatesWithoutServing) {
  RunResult good = RunCommand({kServer, "--check", "--data=" + kData});
  EXPECT_EQ(good.exit_code, 0) << good.err;
  EXPECT_THAT(good.out, HasSubstr("valid: 21 people"));
  RunResult bad = RunCommand({kServer, "--check", "--data=" + kCorpora + "syntax_error"});
  EXPECT_EQ(bad.exit_code, 1);
  EXPECT_THAT(bad.err, HasSubstr("syntax_error/kb/kb.textproto:2:36"));
}

TEST(ServerBinaryTest, VersionSaysWhichParleyAndApi) {
  RunResult server = RunCommand({kServer, "--version"});
  EXPECT_EQ(server.exit_code, 0) << server.err;
  EXPECT_THAT(server.out, ::testing::StartsWith("parley-server 0."));
  EXPECT_THAT(server.out, HasSubstr("(API parley.v1)"));
  EXPECT_THAT(server.out, HasSubstr(", commit "));  // the build, for bug reports
  RunResult help = RunCommand({kServer, "--help"});
  for (const char* flag :
       {"--listen", "--data", "--log_format", "--log_level", "--metrics_listen"}) {
    EXPECT_THAT(help.out + help.err, HasSubstr(flag));
  }
  RunResult cli = RunCommand({kCli, "--version"});
  EXPECT_EQ(cli.exit_code, 0) << cli.err;
  EXPECT_THAT(cli.out, ::testing::StartsWith("parley 0."));
}

TEST(ServerBinaryTest, SigtermStopsCleanlyWithExitZero) {
  ServerProcess server(kServer, {"--data=" + kData, "--grace_period=2s"});
  ASSERT_GT(server.port(), 0);
  for (int i = 0; i < 200; ++i) {
    if (RunCommand({kCli, "health", "--server=" + server.address()}).exit_code == 0) break;
    absl::SleepFor(absl::Milliseconds(25));
  }
  EXPECT_EQ(RunCommand({kCli, "info", "--server=" + server.address()}).exit_code, 0);
  EXPECT_EQ(server.Signal(SIGTERM), 0);
  const std::string log = server.Log();
  EXPECT_THAT(log, HasSubstr("serving "));
  EXPECT_THAT(log,
              HasSubstr("rpc method=/parley.v1.LookupService/GetIndexInfo status=OK latency_us="));
  EXPECT_THAT(log, HasSubstr("received signal 15"));
  EXPECT_THAT(log, HasSubstr("stopped"));
}

TEST(ServerBinaryTest, JsonLogsCarryFieldsAndTheLevelFilters) {
  auto calls_logged = [](std::vector<std::string> flags) {
    flags.insert(flags.begin(), "--data=" + kData);
    ServerProcess server(kServer, flags);
    EXPECT_TRUE(WaitServing(kCli, server));
    EXPECT_EQ(RunCommand({kCli, "info", "--server=" + server.address()}).exit_code, 0);
    EXPECT_EQ(server.Signal(SIGTERM), 0);
    return server.Log();
  };
  const std::string json = calls_logged({"--log_format=json"});
  EXPECT_THAT(json, HasSubstr(R"("msg":"rpc","method":"/parley.v1.LookupService/GetIndexInfo",)"
                              R"("status":"OK","latency_us":)"));
  for (absl::string_view line : absl::StrSplit(json, '\n', absl::SkipEmpty())) {
    EXPECT_TRUE(absl::StartsWith(line, "{\"ts\":\"") && absl::EndsWith(line, "}")) << line;
  }
  const std::string quiet = calls_logged({"--log_level=warn"});
  EXPECT_THAT(quiet, Not(HasSubstr("rpc method=")));
  EXPECT_EQ(RunCommand({kServer, "--log_level=chatty"}).exit_code, 2);
}

// --snapshot_dir: the first start builds and writes the snapshot; a restart
// reads it and answers the same; a damaged snapshot or a changed corpus is
// not trusted (the index is built, and its snapshot replaces the old one).
TEST(ServerBinaryTest, ARestartReadsItsSnapshotAndADamagedOrStaleOneIsNotTrusted) {
  CorpusCopy corpus(kData);
  char tmpl[] = "/tmp/parley-snapshots-XXXXXX";
  const std::string snapshots = mkdtemp(tmpl);
  const std::vector<std::string> flags = {"--data=" + corpus.dir(), "--snapshot_dir=" + snapshots,
                                          "--admin_listen="};
  auto answers = [](const ServerProcess& server) {
    std::string out;
    for (std::vector<std::string> args :
         {std::vector<std::string>{"entity", "Christopher Painter", "--format=json"},
          {"search", "Napolitno"},
          {"search", "Napolitanno"},  // sounds alike: hashed the same by every process
          {"docs", "homeland security"},
          {"info"}}) {
      args.insert(args.begin(), kCli);
      args.push_back("--server=" + server.address());
      RunResult r = RunCommand(args);
      absl::StrAppend(&out, r.exit_code, "\n", r.out);
    }
    // Build times and phases differ between starts; the rest must not.
    std::vector<std::string> lines = absl::StrSplit(out, '\n');
    lines.erase(std::remove_if(lines.begin(), lines.end(),
                               [](const std::string& l) {
                                 return absl::StrContains(l, "Built") ||
                                        absl::StrContains(l, " ms") ||
                                        absl::StrContains(l, "Uptime");
                               }),
                lines.end());
    return absl::StrJoin(lines, "\n");
  };
  auto wait_for_log = [](const ServerProcess& server, const std::string& what) {
    for (int i = 0; i < 2400; ++i) {  // bounded: 60 s (sanitizer builds on a loaded machine)
      if (absl::StrContains(server.Log(), what)) return true;
      absl::SleepFor(absl::Milliseconds(25));
    }
    return false;
  };
  auto snapshot_files = [&] {
    std::vector<std::string> files;
    for (const auto& e : std::filesystem::directory_iterator(snapshots)) {
      // Beside the snapshot, the corpus's content stamp (corpus/content_stamp.h).
      if (e.path().filename() != "corpus.stamp") files.push_back(e.path().string());
    }
    return files;
  };

  std::string first;
  {
    ServerProcess server(kServer, flags);
    ASSERT_TRUE(WaitServing(kCli, server)) << server.Log();
    ASSERT_TRUE(wait_for_log(server, "snapshot written to " + snapshots)) << server.Log();
    EXPECT_THAT(server.Log(), HasSubstr("snapshot not read: no snapshot of this corpus"));
    first = answers(server);
    EXPECT_THAT(first, HasSubstr("Christopher Painter"));
    EXPECT_THAT(first, HasSubstr("Napolitano"));
    EXPECT_THAT(first, HasSubstr("phonetic 1.50"));
    EXPECT_EQ(server.Signal(SIGTERM), 0);
  }
  ASSERT_EQ(snapshot_files().size(), 1u);
  EXPECT_TRUE(std::filesystem::is_regular_file(snapshots + "/corpus.stamp"));
  const std::string snapshot = snapshot_files()[0];
  {
    ServerProcess server(kServer, flags);
    ASSERT_TRUE(WaitServing(kCli, server)) << server.Log();
    EXPECT_THAT(server.Log(), HasSubstr("read from snapshot " + snapshot));
    EXPECT_EQ(answers(server), first);
    EXPECT_EQ(server.Signal(SIGTERM), 0);
  }
  {  // One byte changed in the middle of the snapshot.
    std::fstream f(snapshot, std::ios::in | std::ios::out | std::ios::binary);
    f.seekg(0, std::ios::end);
    const std::streamoff middle = f.tellg() / 2;
    f.seekg(middle);
    char c = 0;
    f.get(c);
    f.seekp(middle);
    f.put(static_cast<char>(c ^ 0x21));
  }
  {
    ServerProcess server(kServer, flags);
    ASSERT_TRUE(WaitServing(kCli, server)) << server.Log();
    // DATA_LOSS: the checksum, or a field the change made impossible.
    EXPECT_TRUE(wait_for_log(server, "snapshot not read: " + snapshot + ": ")) << server.Log();
    EXPECT_THAT(server.Log(), Not(HasSubstr("read from snapshot")));
    EXPECT_EQ(answers(server), first);
    ASSERT_TRUE(wait_for_log(server, "snapshot written to " + snapshot)) << server.Log();
    EXPECT_EQ(server.Signal(SIGTERM), 0);
  }
  {
    std::ofstream out(corpus.dir() + "/articles/late-news.txt");
    out << "Christopher Painter and Vinay Kwatra spoke again.\n";
  }
  {
    ServerProcess server(kServer, flags);
    ASSERT_TRUE(WaitServing(kCli, server)) << server.Log();
    EXPECT_TRUE(wait_for_log(server, "written for another corpus or build of the program"))
        << server.Log();
    EXPECT_THAT(RunCommand({kCli, "info", "--server=" + server.address()}).out,
                HasSubstr("Documents:       6"));
    ASSERT_TRUE(wait_for_log(server, "snapshot written to ")) << server.Log();
    EXPECT_EQ(server.Signal(SIGTERM), 0);
  }
  const std::vector<std::string> after = snapshot_files();
  ASSERT_EQ(after.size(), 1u);  // the stale snapshot is gone
  EXPECT_NE(after[0], snapshot);
  std::filesystem::remove_all(snapshots);
}

}  // namespace
}  // namespace parley::testing
