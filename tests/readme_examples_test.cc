// The README's examples are the CLI's real output: every ```console block of
// README.md is a series of "$ command" lines, each followed by what it
// prints (standard error first, then standard output, at COLUMNS=100); a
// last line "..." means the output goes on. Each command runs here, with
// `parley` the CLI and --server a server on the seed corpus, and must print
// exactly that.
//
// PARLEY_UPDATE_README=1 rewrites the blocks from the real output instead
// (keeping each "..." cut where it is) and draws the README's pictures
// (docs/images/) with parley graph and parley timeline.
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <stdlib.h>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "tests/subprocess.h"

namespace parley::testing {
namespace {

const std::string kServer = PARLEY_SERVER_BIN;
const std::string kCli = PARLEY_CLI_BIN;
const std::string kReadme = PARLEY_SOURCE_DIR "/README.md";

struct Example {
  size_t line = 0;                    // of the "$ " line, 0-based
  std::string command;                // after "$ "
  std::vector<std::string> expected;  // the lines under it, without a final "..."
  bool cut = false;                   // the output went on ("...")
  size_t end = 0;                     // the line after the last expected one
};

std::vector<std::string> ReadLines(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  std::vector<std::string> lines = absl::StrSplit(text.str(), '\n');
  return lines;
}

// The examples of every ```console block.
std::vector<Example> Examples(const std::vector<std::string>& lines) {
  std::vector<Example> examples;
  bool in_block = false;
  for (size_t i = 0; i < lines.size(); ++i) {
    if (!in_block) {
      in_block = lines[i] == "```console";
      continue;
    }
    if (lines[i] == "```") {
      in_block = false;
      continue;
    }
    if (!absl::StartsWith(lines[i], "$ ")) continue;
    Example example;
    example.line = i;
    example.command = lines[i].substr(2);
    size_t j = i + 1;
    for (; j < lines.size() && lines[j] != "```" && !absl::StartsWith(lines[j], "$ "); ++j) {
      example.expected.push_back(lines[j]);
    }
    // A blank line before the next "$ " only separates the examples.
    while (!example.expected.empty() && example.expected.back().empty()) {
      example.expected.pop_back();
    }
    example.end = i + 1 + example.expected.size();
    if (!example.expected.empty() && example.expected.back() == "...") {
      example.expected.pop_back();
      example.cut = true;
    }
    examples.push_back(std::move(example));
    i = j - 1;
  }
  return examples;
}

// What the command prints, standard error first, as lines (without the CR of
// a CRLF line end).
std::vector<std::string> RunExample(const std::string& command, const std::string& server) {
  const RunResult r = RunWithParley(kCli, server, command);
  std::string text = absl::StrCat(r.err, r.out);
  std::vector<std::string> lines = absl::StrSplit(text, '\n');
  if (!lines.empty() && lines.back().empty()) lines.pop_back();
  // CSV ends its lines with CRLF; the README keeps LF alone.
  for (std::string& line : lines) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
  }
  return lines;
}

class ReadmeExamplesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    setenv("COLUMNS", "100", 1);
    unsetenv("NO_COLOR");
    server_ = std::make_unique<ServerProcess>(
        kServer, std::vector<std::string>{"--data=" PARLEY_SOURCE_DIR "/data"});
    ASSERT_GT(server_->port(), 0);
    ASSERT_TRUE(WaitServing(kCli, *server_)) << "the server on the seeds never became SERVING";
  }
  std::unique_ptr<ServerProcess> server_;
};

TEST_F(ReadmeExamplesTest, EveryConsoleExampleIsTheRealOutput) {
  std::vector<std::string> lines = ReadLines(kReadme);
  const std::vector<Example> examples = Examples(lines);
  ASSERT_GE(examples.size(), 8u) << "README.md has lost its ```console examples";
  const bool update = getenv("PARLEY_UPDATE_README") != nullptr;
  // Updated from the last example up, so that earlier line numbers hold.
  for (auto it = examples.rbegin(); it != examples.rend(); ++it) {
    std::vector<std::string> actual = RunExample(it->command, server_->address());
    if (it->cut && actual.size() > it->expected.size()) actual.resize(it->expected.size());
    if (update) {
      if (it->cut) actual.push_back("...");
      lines.erase(lines.begin() + it->line + 1, lines.begin() + it->end);
      lines.insert(lines.begin() + it->line + 1, actual.begin(), actual.end());
      continue;
    }
    EXPECT_EQ(absl::StrJoin(actual, "\n"), absl::StrJoin(it->expected, "\n"))
        << "README.md line " << it->line + 1 << ": $ " << it->command
        << "\n(PARLEY_UPDATE_README=1 ctest -R ReadmeExamples rewrites the README from the real "
           "output)";
  }
  if (update) {
    std::ofstream out(kReadme, std::ios::trunc);
    out << absl::StrJoin(lines, "\n");
    const std::string images = PARLEY_SOURCE_DIR "/docs/images/";
    for (const auto& [command, file] : std::vector<std::pair<std::string, std::string>>{
             {"parley graph --topic cyber --format png --output ", "who-met-whom-cyber.png"},
             {"parley timeline --topic cyber --format png --output ", "timeline-cyber.png"}}) {
      RunExample(absl::StrCat("mkdir -p '", images, "' && ", command, "'", images, file, "'"),
                 server_->address());
    }
  }
}

}  // namespace
}  // namespace parley::testing
