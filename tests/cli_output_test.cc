// The parley CLI's output as an analyst meets it, against a real server on
// the seed corpus: every --format, tables fitted to $COLUMNS, output to a
// file never cut, colour only on a terminal and never with NO_COLOR, the
// exit codes of the README, how names were resolved, and the pictures.
#include <cstdint>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <stdlib.h>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "client/pictures/svg_elements.h"
#include "client/table_formatter.h"
#include "tests/subprocess.h"

namespace parley::testing {
namespace {

using ::testing::AllOf;
using ::testing::HasSubstr;
using ::testing::IsSupersetOf;
using ::testing::Not;
using ::testing::StartsWith;

const std::string kServer = PARLEY_SERVER_BIN;
const std::string kCli = PARLEY_CLI_BIN;
const std::string kData = PARLEY_SOURCE_DIR "/data";

class CliOutputTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    server_ = new ServerProcess(kServer, {"--data=" + kData});
    ASSERT_GT(server_->port(), 0) << "server did not start";
    ASSERT_TRUE(WaitServing(kCli, *server_)) << "the server never became SERVING";
  }
  static void TearDownTestSuite() {
    delete server_;
    server_ = nullptr;
  }
  void SetUp() override {
    unsetenv("COLUMNS");
    unsetenv("NO_COLOR");
  }
  void TearDown() override { unsetenv("COLUMNS"); }

  static RunResult Parley(std::vector<std::string> args) {
    args.insert(args.begin(), kCli);
    args.push_back("--server=" + server_->address());
    return RunCommand(args);
  }
  // command run by sh, with "parley" the CLI and --server this server.
  static RunResult Shell(const std::string& command) {
    return RunWithParley(kCli, server_->address(), command);
  }

  static ServerProcess* server_;
};
ServerProcess* CliOutputTest::server_ = nullptr;

// RFC 4180 records: quoted fields may hold commas, quotes and line breaks.
std::vector<std::vector<std::string>> ParseCsv(const std::string& text) {
  std::vector<std::vector<std::string>> records(1, std::vector<std::string>(1));
  bool quoted = false;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    std::string& field = records.back().back();
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        field += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      records.back().emplace_back();
    } else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
      ++i;
      records.emplace_back(1);
    } else {
      field += c;
    }
  }
  if (records.back().size() == 1 && records.back()[0].empty()) records.pop_back();
  return records;
}

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines = absl::StrSplit(text, '\n');
  if (!lines.empty() && lines.back().empty()) lines.pop_back();
  return lines;
}

// N of the "N participation(s)" footer of `parley who`.
int ParticipationCount(const std::string& table_output) {
  const size_t at = table_output.rfind(" participation(s)");
  const size_t start = table_output.find_last_not_of("0123456789", at - 1) + 1;
  int count = -1;
  EXPECT_TRUE(at != std::string::npos &&
              absl::SimpleAtoi(table_output.substr(start, at - start), &count))
      << table_output;
  return count;
}

TEST_F(CliOutputTest, EveryFormatCarriesTheSameRows) {
  const RunResult table = Parley({"who", "--topic", "cyber"});
  ASSERT_EQ(table.exit_code, 0) << table.err;
  const int rows = ParticipationCount(table.out);
  ASSERT_GT(rows, 5);

  const RunResult csv = Parley({"who", "--topic", "cyber", "--format", "csv"});
  ASSERT_EQ(csv.exit_code, 0) << csv.err;
  const auto records = ParseCsv(csv.out);
  ASSERT_EQ(records.size(), static_cast<size_t>(rows) + 1) << csv.out;
  EXPECT_EQ(records[0], (std::vector<std::string>{"PERSON", "TITLE HELD", "SIDE", "FUNCTION",
                                                  "EVENT", "DATE", "PLACE", "EVIDENCE"}));
  for (const auto& record : records) EXPECT_EQ(record.size(), 8u);
  EXPECT_EQ(records[1][0], "Janet Napolitano");
  EXPECT_THAT(records[1][7], HasSubstr("“homeland security secretary Janet Napolitano led a "
                                       "delegation to India” — mint-2012-04-20 [1482, 1552)"));
  // A cell with a comma comes back whole.
  const auto events = ParseCsv(Parley({"events", "--topic", "cyber", "--format=csv"}).out);
  EXPECT_THAT(events, ::testing::Contains(::testing::Contains("Janet Napolitano, P. Chidambaram")));

  const RunResult tsv = Parley({"who", "--topic", "cyber", "--format", "tsv"});
  ASSERT_EQ(tsv.exit_code, 0) << tsv.err;
  const std::vector<std::string> tsv_lines = Lines(tsv.out);
  ASSERT_EQ(tsv_lines.size(), static_cast<size_t>(rows) + 1);
  for (const std::string& line : tsv_lines) {
    EXPECT_EQ(std::count(line.begin(), line.end(), '\t'), 7) << line;
  }

  const RunResult json = Parley({"who", "--topic", "cyber", "--format", "json"});
  EXPECT_THAT(json.out, AllOf(StartsWith("{"), HasSubstr("\"participations\": ["),
                              HasSubstr(absl::StrCat("\"total_size\": ", rows))));
  EXPECT_EQ(Parley({"who", "--topic", "cyber", "--json"}).out, json.out);

  const RunResult jsonl = Parley({"who", "--topic", "cyber", "--format", "jsonl"});
  const std::vector<std::string> objects = Lines(jsonl.out);
  ASSERT_EQ(objects.size(), static_cast<size_t>(rows));
  for (const std::string& line : objects) {
    EXPECT_THAT(line, AllOf(StartsWith("{\"person\":{"), HasSubstr("\"event_id\":")));
    EXPECT_EQ(line.back(), '}');
  }
}

TEST_F(CliOutputTest, JsonOfACommandAboutOneEntityCarriesTheEntity) {
  // What the text's heading names ("... together with Janet Napolitano:",
  // "... mention(s) of India") is in the JSON too.
  const RunResult connections = Parley({"connections", "Napolitano", "--json"});
  ASSERT_EQ(connections.exit_code, 0) << connections.err;
  EXPECT_THAT(connections.out,
              AllOf(StartsWith("{\n\"entity\": {"), HasSubstr("\"id\": \"janet-napolitano\""),
                    HasSubstr("\"connections\": {"), HasSubstr("\"p-chidambaram\"")));
  const RunResult mentions = Parley({"mentions", "India", "--limit", "2", "--format", "jsonl"});
  ASSERT_EQ(mentions.exit_code, 0) << mentions.err;
  EXPECT_EQ(Lines(mentions.out).size(), 1u);
  EXPECT_THAT(mentions.out, AllOf(StartsWith("{\"entity\":{\"id\":\"india\""),
                                  HasSubstr(",\"mentions\":{\"mentions\":[")));
}

TEST_F(CliOutputTest, AFormatACommandDoesNotPrintIsBadInput) {
  const RunResult xml = Parley({"events", "--format", "xml"});
  EXPECT_EQ(xml.exit_code, 2);
  EXPECT_THAT(xml.err, HasSubstr("--format=xml is not one parley events prints; use table, csv, "
                                 "tsv, json, jsonl"));
  const RunResult person = Parley({"person", "Napolitano", "--format", "csv"});
  EXPECT_EQ(person.exit_code, 2);
  EXPECT_THAT(person.err, HasSubstr("use table, json, jsonl"));
  const RunResult both = Parley({"events", "--json", "--format", "csv"});
  EXPECT_EQ(both.exit_code, 2);
  EXPECT_THAT(both.err, HasSubstr("--json and --format=csv disagree"));
}

// Words of text, without the dashes of table rules.
std::multiset<std::string> Words(const std::string& text) {
  std::multiset<std::string> words;
  for (absl::string_view word : absl::StrSplit(text, absl::ByAnyChar(" \n"), absl::SkipEmpty())) {
    if (word.find_first_not_of('-') != absl::string_view::npos) words.emplace(word);
  }
  return words;
}

TEST_F(CliOutputTest, TablesFitColumnsAndLoseNoWord) {
  const RunResult wide = Parley({"who", "--topic", "cyber"});
  setenv("COLUMNS", "60", 1);
  for (const std::vector<std::string>& command :
       std::vector<std::vector<std::string>>{{"who", "--topic", "cyber"},
                                             {"events"},
                                             {"search", "Homeland"},
                                             {"documents"},
                                             {"mentions", "India", "--limit", "5"},
                                             {"docs", "fake", "currency"},
                                             {"connections", "Napolitano"},
                                             {"topics"}}) {
    const RunResult r = Parley(command);
    ASSERT_EQ(r.exit_code, 0) << command[0] << ": " << r.err;
    for (const std::string& line : Lines(r.out)) {
      EXPECT_LE(DisplayWidth(line), 60u) << command[0] << ": " << line;
    }
  }
  const RunResult narrow = Parley({"who", "--topic", "cyber"});
  unsetenv("COLUMNS");
  // Every word of the unfitted table is still there (records repeat the
  // headers, so the fitted output has more words, never fewer).
  const std::multiset<std::string> all = Words(narrow.out);
  for (const std::string& word : Words(wide.out)) {
    EXPECT_TRUE(all.count(word)) << word;
  }
}

TEST_F(CliOutputTest, OutputToAFileIsNeverCut) {
  const std::string file = ::testing::TempDir() + "/who.txt";
  ASSERT_EQ(Shell(absl::StrCat("parley who --topic cyber > '", file, "'")).exit_code, 0);
  std::ifstream in(file);
  std::stringstream text;
  text << in.rdbuf();
  EXPECT_THAT(text.str(), Not(HasSubstr("…")));
  // The longest title and quote, each whole on one line.
  EXPECT_THAT(text.str(), HasSubstr("Acting Deputy Secretary of Homeland Security"));
  EXPECT_THAT(text.str(),
              HasSubstr("“Secretary of Homeland Security Janet Napolitano had travelled to India "
                        "in May to launch the US-India Homeland Security Dialogue (HSD) with Home "
                        "Minister P Chidambaram” — jagran-2011-07-19 [1700, 1866)"));
}

TEST_F(CliOutputTest, ColourOnlyOnATerminalAndNeverWithNoColor) {
  // script(1) gives the CLI a terminal; "fake" is emboldened there.
  const std::string docs = absl::StrCat(
      "script -qec \"'", kCli, "' docs fake --server=", server_->address(), "\" /dev/null");
  const RunResult terminal = Shell(docs);
  ASSERT_EQ(terminal.exit_code, 0) << terminal.err;
  EXPECT_THAT(terminal.out, HasSubstr("\033[1mfake\033[0m"));
  EXPECT_THAT(Shell("NO_COLOR=1 " + docs).out, AllOf(HasSubstr("fake"), Not(HasSubstr("\033["))));
  EXPECT_THAT(Shell("TERM=dumb " + docs).out, Not(HasSubstr("\033[")));
  EXPECT_THAT(Parley({"docs", "fake"}).out, Not(HasSubstr("\033[")));  // a pipe
}

TEST_F(CliOutputTest, EveryExitCodeOfTheReadme) {
  std::ifstream readme(PARLEY_SOURCE_DIR "/README.md");
  std::stringstream text;
  text << readme.rdbuf();
  const std::string codes =
      "Exit codes: 0 ok, 1 error, 2 bad input, 3 not found, 4 ambiguous name, 5 server "
      "unavailable.";
  ASSERT_THAT(text.str(), HasSubstr(codes));
  EXPECT_THAT(RunCommand({kCli, "--help"}).out, HasSubstr(codes));
  struct Case {
    int code;
    std::vector<std::string> args;
  };
  for (const Case& c : std::vector<Case>{
           {0, {"health"}},
           {2, {"events", "--from", "2011-13"}},
           {2, {"events", "--limit", "many"}},
           {2, {"events", "--no_such_flag"}},
           {3, {"person", "Nobody Atall"}},
           {3, {"health", "--service", "foo"}},
           {4, {"person", "Kri"}},
       }) {
    const RunResult r = Parley(c.args);
    EXPECT_EQ(r.exit_code, c.code) << absl::StrJoin(c.args, " ") << ": " << r.err;
    if (c.code != 0) {
      EXPECT_THAT(r.err, StartsWith("parley: ")) << c.args[0];
    }
  }
  // 1: an error no other code names — here the admin port, which serves no lookups.
  const RunResult error =
      RunCommand({kCli, "info", "--server=" + server_->admin_address(), "--deadline=2s"});
  EXPECT_EQ(error.exit_code, 1) << error.err;
  EXPECT_THAT(error.err, HasSubstr("UNIMPLEMENTED"));
  const RunResult unavailable =
      RunCommand({kCli, "info", "--server=127.0.0.1:1", "--deadline=300ms"});
  EXPECT_EQ(unavailable.exit_code, 5);
}

TEST_F(CliOutputTest, ANameSaysHowItWasResolvedAndACloseCallIsAsked) {
  struct Case {
    std::vector<std::string> args;
    std::string said;  // on standard error; empty: nothing to say
  };
  for (const Case& c : std::vector<Case>{
           {{"person", "Janet Napolitano"}, ""},
           {{"person", "janet-napolitano"}, ""},  // the id
           {{"org", "CERT-In"}, "by alias \"CERT-In\""},
           {{"person", "Napolitano"}, "by end of the name \"Janet Napolitano\""},
           {{"person", "Janet Nap"}, "by the only name starting with \"Janet Nap\""},
           {{"person", "kapil sibl"},
            "by the only name close to it, \"Kapil Sibal\" (1 edit away)"},
           {{"person", "kapil sibbal"}, "by another spelling of \"Kapil Sibal\""},
       }) {
    const RunResult r = Parley(c.args);
    ASSERT_EQ(r.exit_code, 0) << c.args[1] << ": " << r.err;
    if (c.said.empty()) {
      EXPECT_EQ(r.err, "") << c.args[1];
    } else {
      EXPECT_THAT(r.err, HasSubstr(c.said)) << c.args[1];
    }
  }
  // "Homeland Security" ends the DHS's name and starts the HSI center's.
  const RunResult close = Parley({"events", "--org", "Homeland Security"});
  EXPECT_EQ(close.exit_code, 4);
  EXPECT_THAT(close.err,
              AllOf(HasSubstr("\"Homeland Security\" is ambiguous"),
                    HasSubstr("US Department of Homeland Security [us-dhs] (end of the name"),
                    HasSubstr("Homeland Security Investigations Cyber Crimes Center [us-hsi-c3] "
                              "(prefix"),
                    HasSubstr("event(s))")));
  EXPECT_EQ(close.out, "");
  const RunResult by_id = Parley({"events", "--org", "us-dhs"});
  ASSERT_EQ(by_id.exit_code, 0) << by_id.err;
  EXPECT_THAT(by_id.out, HasSubstr("Launch of the US-India Homeland Security Dialogue"));
}

TEST_F(CliOutputTest, RepeatedFlagsAccumulate) {
  const RunResult r = Parley({"events", "--kind", "dialogue", "--kind", "visit"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, AllOf(HasSubstr(" dialogue "), HasSubstr(" visit ")));
  EXPECT_THAT(r.out, Not(HasSubstr("agreement signing")));
}

// Width and height of a PNG (its IHDR), or {0, 0} when it is none.
std::pair<uint32_t, uint32_t> PngSize(const std::string& png) {
  if (png.size() < 24 || png.substr(0, 8) != "\x89PNG\r\n\x1a\n") return {0, 0};
  auto be32 = [&png](size_t at) {
    uint32_t v = 0;
    for (size_t i = 0; i < 4; ++i) v = v << 8 | static_cast<uint8_t>(png[at + i]);
    return v;
  };
  return {be32(16), be32(20)};
}

std::string FileText(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

TEST_F(CliOutputTest, GraphDrawsWhoMetWhomInTheCyberEvents) {
  const RunResult svg = Parley({"graph", "--topic", "cyber", "--format", "svg"});
  ASSERT_EQ(svg.exit_code, 0) << svg.err;
  // Every person of `parley who --topic cyber` is a node; those who met are
  // joined by an edge labelled with the event and its date.
  EXPECT_THAT(pictures::SvgElements(svg.out, "title"),
              IsSupersetOf({"janet&#45;napolitano", "p&#45;chidambaram", "jane&#45;holl&#45;lute",
                            "r&#45;chandrashekhar", "kapil&#45;sibal", "christopher&#45;painter",
                            "vinay&#45;kwatra", "kristie&#45;canegallo",
                            "janet&#45;napolitano&#45;&#45;p&#45;chidambaram",
                            "kristie&#45;canegallo&#45;&#45;vinay&#45;kwatra"}));
  EXPECT_THAT(
      pictures::SvgElements(svg.out, "text"),
      IsSupersetOf({"Janet Napolitano", "P. Chidambaram", "India", "United States",
                    "Launch of the US&#45;India Homeland", "Security Dialogue (2011&#45;05&#45;27)",
                    "investigations (2025&#45;01&#45;17)"}));
  const std::string png = ::testing::TempDir() + "/graph.png";
  const RunResult drawn = Parley({"graph", "--topic", "cyber", "--format", "png", "--output", png});
  ASSERT_EQ(drawn.exit_code, 0) << drawn.err;
  EXPECT_THAT(drawn.err, HasSubstr("wrote " + png));
  const auto [width, height] = PngSize(FileText(png));
  EXPECT_GT(width, 300u);
  EXPECT_GT(height, 300u);
  const RunResult dot = Parley({"graph", "--topic", "cyber"});
  EXPECT_THAT(dot.out, AllOf(StartsWith("graph who_met_whom {"),
                             HasSubstr("\"janet-napolitano\" [label=\"Janet Napolitano\\nUnited "
                                       "States\"")));
  EXPECT_EQ(Parley({"graph", "--topic", "cyber", "--format", "gif"}).exit_code, 2);
  EXPECT_EQ(Parley({"graph", "--person", "Kapil Sibal", "--from", "2025"}).exit_code, 3);
}

TEST_F(CliOutputTest, TimelinePutsTheCyberEventsOnATimeAxis) {
  const RunResult svg = Parley({"timeline", "--topic", "cyber", "--format", "svg"});
  ASSERT_EQ(svg.exit_code, 0) << svg.err;
  EXPECT_THAT(
      pictures::SvgElements(svg.out, "text"),
      IsSupersetOf({"dialogue", "agreement signing", "visit", "2011", "2025", "2011&#45;07&#45;19",
                    "India&#45;US MoU on cybercrime", "Vinay Kwatra, Kristie Canegallo"}));
  const RunResult by_topic =
      Parley({"timeline", "--topic", "cyber", "--by", "topic", "--format", "svg"});
  ASSERT_EQ(by_topic.exit_code, 0) << by_topic.err;
  EXPECT_THAT(pictures::SvgElements(by_topic.out, "text"), ::testing::Contains("Cybercrime"));
  const std::string png = ::testing::TempDir() + "/timeline.png";
  ASSERT_EQ(Parley({"timeline", "--topic", "cyber", "--format", "png", "--output", png}).exit_code,
            0);
  const auto [width, height] = PngSize(FileText(png));
  EXPECT_GT(width, height);
  EXPECT_EQ(Parley({"timeline", "--by", "year"}).exit_code, 2);
}

}  // namespace
}  // namespace parley::testing
