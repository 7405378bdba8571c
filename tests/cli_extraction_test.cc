// Articles nobody annotated, read by the real server and queried through the
// real CLI: their officials and events are marked extracted, a retelling of
// a curated event merges into it, and reads leave out facts below the floor.
#include <fstream>
#include <map>
#include <string>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"
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
const std::string kData = PARLEY_SOURCE_DIR "/data";
const std::string kExtractedAdditions(cli::kExtractedAdditionsTitle);

TEST(ExtractionTest, ADroppedInArticlesOfficialsAreQueryableAndMarkedExtracted) {
  CorpusCopy corpus(kData);
  {
    std::ofstream out(corpus.dir() + "/articles/wire-2026-11-19.txt");
    out << "---\ntitle: India, US hold homeland security talks\npublished: 2026-11-19\n---\n"
           "New Delhi: Indian Home Secretary Govind Mohan and US Deputy Secretary of Homeland "
           "Security Troy Edgar held talks on cyber security on Wednesday. Mohan said the two "
           "sides would meet again next year.\n";
  }
  ServerProcess server(kServer, {"--data=" + corpus.dir()});
  ASSERT_GT(server.port(), 0) << server.Log();
  WaitServing(kCli, server);
  // What the extractor found, whatever its confidence (--min_confidence=0).
  RunResult mohan = RunCommand(
      {kCli, "person", "Govind Mohan", "--min_confidence=0", "--server=" + server.address()});
  ASSERT_EQ(mohan.exit_code, 0) << mohan.err;
  EXPECT_THAT(mohan.out, HasSubstr("Govind Mohan  (person, id x-govind-mohan, extracted from "
                                   "text, confidence 0.90)"));
  EXPECT_THAT(mohan.out, HasSubstr("Country:   India"));
  EXPECT_THAT(mohan.out, HasSubstr("Home Secretary — India  [extracted: title before name, "
                                   "confidence 0.90]"));
  EXPECT_THAT(mohan.out, HasSubstr("“Indian Home Secretary Govind Mohan” — wire-2026-11-19"));
  RunResult edgar = RunCommand(
      {kCli, "person", "Troy Edgar", "--min_confidence=0", "--server=" + server.address()});
  // The title names a known organization: the position is with it.
  EXPECT_THAT(edgar.out, HasSubstr("Deputy Secretary of Homeland Security — US Department of "
                                   "Homeland Security, United States"));
  // The talks are an extracted event, with the two as extracted participants.
  RunResult events = RunCommand(
      {kCli, "events", "--from=2026-11", "--min_confidence=0", "--server=" + server.address()});
  ASSERT_EQ(events.exit_code, 0) << events.err;
  EXPECT_THAT(events.out, HasSubstr("2026-11-18  meeting (x 0.80)  Meeting: Govind Mohan, Troy "
                                    "Edgar (extracted from wire-2026-11-19)"));
  EXPECT_THAT(events.out, HasSubstr("New Delhi"));
  RunResult curated_events = RunCommand(
      {kCli, "events", "--from=2026-11", "--curated_only", "--server=" + server.address()});
  EXPECT_THAT(curated_events.out, HasSubstr("0 event(s)"));
  RunResult who = RunCommand(
      {kCli, "who", "--person=Troy Edgar", "--min_confidence=0", "--server=" + server.address()});
  EXPECT_THAT(who.out, HasSubstr("member (x 0.80)"));
  // Curated people stay curated.
  RunResult curated = RunCommand(
      {kCli, "person", "Janet Napolitano", "--min_confidence=0", "--server=" + server.address()});
  EXPECT_THAT(curated.out, Not(HasSubstr("extracted")));
  // Readers who want curated facts only, or confident ones, say so.
  RunResult only = RunCommand(
      {kCli, "person", "Govind Mohan", "--curated_only", "--server=" + server.address()});
  EXPECT_EQ(only.exit_code, 3);
  EXPECT_THAT(only.err, HasSubstr("was extracted from text"));
  RunResult search = RunCommand(
      {kCli, "search", "Troy Edgar", "--min_confidence=0.95", "--server=" + server.address()});
  EXPECT_EQ(search.exit_code, 3);
  RunResult bad =
      RunCommand({kCli, "search", "Troy", "--min_confidence=2", "--server=" + server.address()});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_THAT(bad.err, HasSubstr("give a confidence from 0 to 1"));
}

TEST(ExtractionTest, AnArticleRetellingACuratedEventMergesIntoItAndItsOrganizationsJoin) {
  CorpusCopy corpus(kData);
  {
    // Written for this test: the 2025 MoU of seed 003, told again by another
    // wire, with an agency the knowledge base does not know.
    std::ofstream out(corpus.dir() + "/articles/wire-2025-01-20.txt");
    out << "---\ntitle: India, US sign pact on cybercrime\npublished: 2025-01-20\n---\n"
           "WASHINGTON, Jan 20 - India's Ambassador to the US Vinay Kwatra and Acting US Deputy "
           "Secretary of Homeland Security Kristie Canegallo signed a memorandum of "
           "understanding on cybercrime investigations on Friday. The Cyber Fraud Analysis Unit "
           "(CFAU) of the US Secret Service will take part.\n";
  }
  ServerProcess server(kServer, {"--data=" + corpus.dir()});
  ASSERT_GT(server.port(), 0) << server.Log();
  WaitServing(kCli, server);
  // No new event: the curated one gains the article as evidence (whatever
  // its confidence: --min_confidence=0).
  RunResult event = RunCommand({kCli, "event", "2025-01-17-cybercrime-mou", "--json",
                                "--min_confidence=0", "--server=" + server.address()});
  ASSERT_EQ(event.exit_code, 0) << event.err;
  EXPECT_THAT(event.out, HasSubstr("\"document_id\": \"wire-2025-01-20\""));
  EXPECT_THAT(event.out, HasSubstr("\"origin\": \"ORIGIN_EXTRACTED\""));
  EXPECT_THAT(event.out, HasSubstr("\"origin\": \"ORIGIN_CURATED\""));  // the event itself
  // parley event shows the curated record first, and the article's addition
  // apart after it.
  RunResult text = RunCommand({kCli, "event", "2025-01-17-cybercrime-mou", "--min_confidence=0",
                               "--server=" + server.address()});
  ASSERT_EQ(text.exit_code, 0) << text.err;
  const size_t added = text.out.find(kExtractedAdditions);
  ASSERT_NE(added, std::string::npos) << text.out;
  EXPECT_THAT(text.out.substr(0, added),
              AllOf(HasSubstr("Vinay Kwatra"), HasSubstr("tribune-2025-01-18"),
                    Not(HasSubstr("wire-2025-01-20"))));
  EXPECT_THAT(text.out.substr(added), HasSubstr("— wire-2025-01-20 ["));
  RunResult curated_only = RunCommand({kCli, "event", "2025-01-17-cybercrime-mou", "--curated_only",
                                       "--server=" + server.address()});
  EXPECT_THAT(curated_only.out,
              AllOf(Not(HasSubstr(kExtractedAdditions)), Not(HasSubstr("wire-2025-01-20"))));
  RunResult events = RunCommand({kCli, "events", "--from=2025-01", "--to=2025-01",
                                 "--min_confidence=0", "--server=" + server.address()});
  EXPECT_THAT(events.out, Not(HasSubstr("x-wire-2025-01-20")));
  // The agency joins as an extracted organization with its acronym.
  RunResult org =
      RunCommand({kCli, "org", "CFAU", "--min_confidence=0", "--server=" + server.address()});
  ASSERT_EQ(org.exit_code, 0) << org.err;
  EXPECT_THAT(org.out, HasSubstr("Cyber Fraud Analysis Unit"));
  EXPECT_THAT(org.out, HasSubstr("extracted from text"));
}

// The extracted events `parley events` printed: id -> confidence as printed.
std::map<std::string, std::string> ExtractedEventRows(const std::string& out) {
  std::map<std::string, std::string> rows;
  for (absl::string_view line : absl::StrSplit(out, '\n')) {
    const size_t mark = line.find("(x ");
    if (mark == absl::string_view::npos || line.find("event(s)") != absl::string_view::npos) {
      continue;
    }
    const size_t id = line.find_last_of(' ');
    rows[std::string(line.substr(id + 1))] = std::string(line.substr(mark + 3, 4));
  }
  return rows;
}

TEST(ExtractionTest, ByDefaultReadsLeaveOutExtractedFactsBelowTheServersFloor) {
  // The CLI says what the server's floor is, and it is the server's.
  EXPECT_EQ(cli::kServerDefaultMinConfidenceText,
            absl::StrCat("the server's, ", kDefaultMinExtractedConfidence));
  RunResult help = RunCommand({kCli, "who", "--help"});
  EXPECT_THAT(help.out, HasSubstr(absl::StrCat("(default: the server's, ",
                                               kDefaultMinExtractedConfidence, ")")));
  CorpusCopy corpus(kData);
  {
    // Officials whose countries only the dateline gives, and a visitor.
    std::ofstream out(corpus.dir() + "/articles/wire-2026-10-05.txt");
    out << "---\ntitle: Cyber officials meet in Delhi\npublished: 2026-10-05\n---\n"
           "New Delhi: Joint Secretary Arun Kumar met visiting Deputy Assistant Secretary "
           "Liesyl Franz on Monday to discuss cyber norms. Director Meera Rao accompanied "
           "Kumar.\n";
  }
  {
    std::ofstream out(corpus.dir() + "/articles/wire-2026-11-19.txt");
    out << "---\ntitle: India, US hold homeland security talks\npublished: 2026-11-19\n---\n"
           "New Delhi: Indian Home Secretary Govind Mohan and US Deputy Secretary of Homeland "
           "Security Troy Edgar held talks on cyber security on Wednesday.\n";
  }
  ServerProcess server(kServer, {"--data=" + corpus.dir()});
  ASSERT_GT(server.port(), 0) << server.Log();
  WaitServing(kCli, server);
  // Which events the extractor found, and how confident it is, are its
  // business: the test reads them with --min_confidence=0.
  RunResult every = RunCommand(
      {kCli, "events", "--from=2026-10", "--min_confidence=0", "--server=" + server.address()});
  ASSERT_EQ(every.exit_code, 0) << every.err;
  const std::map<std::string, std::string> all = ExtractedEventRows(every.out);
  ASSERT_FALSE(all.empty()) << "the articles gave no extracted event:\n" << every.out;
  RunResult by_default =
      RunCommand({kCli, "events", "--from=2026-10", "--server=" + server.address()});
  ASSERT_EQ(by_default.exit_code, 0) << by_default.err;
  const std::map<std::string, std::string> shown = ExtractedEventRows(by_default.out);
  const std::string floor = absl::StrFormat("%.2f", kDefaultMinExtractedConfidence);
  for (const auto& [id, confidence] : all) {
    EXPECT_EQ(shown.count(id), confidence >= floor ? 1u : 0u) << id << " (x " << confidence << ")\n"
                                                              << by_default.out;
  }
  // An explicit floor is the reader's: above every confidence, nothing extracted.
  RunResult strict = RunCommand(
      {kCli, "events", "--from=2026-10", "--min_confidence=1", "--server=" + server.address()});
  for (const auto& [id, confidence] : all) {
    EXPECT_EQ(ExtractedEventRows(strict.out).count(id), confidence == "1.00" ? 1u : 0u) << id;
  }
}

}  // namespace
}  // namespace parley::testing
