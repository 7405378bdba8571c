#include "client/cli/output.h"

#include <sstream>
#include <string>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace parley::cli {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

const std::string kAdditions(kExtractedAdditionsTitle);

v1::Evidence Quote(const std::string& document, const std::string& quote, v1::Origin origin,
                   double confidence = 0) {
  v1::Evidence e;
  e.set_document_id(document);
  e.set_quote(quote);
  e.set_start_offset(10);
  e.set_end_offset(10 + static_cast<int64_t>(quote.size()));
  e.set_origin(origin);
  e.set_confidence(confidence);
  return e;
}

v1::Participant Participant(const std::string& name, v1::ParticipantFunction function,
                            v1::Origin origin, double confidence, v1::Evidence evidence) {
  v1::Participant p;
  p.mutable_entity()->set_name(name);
  p.set_title("Minister");
  p.mutable_side()->set_name("India");
  p.set_function(function);
  p.set_origin(origin);
  p.set_confidence(confidence);
  *p.add_evidence() = std::move(evidence);
  return p;
}

// A curated signing that an unannotated article retold, adding a host and
// its own quote.
v1::Event CuratedSigningWithAdditions() {
  v1::Event e;
  e.set_id("2025-01-17-cybercrime-mou");
  e.set_title("India-US MoU on cybercrime investigations");
  e.set_kind(v1::EVENT_KIND_AGREEMENT_SIGNING);
  e.set_origin(v1::ORIGIN_CURATED);
  *e.add_participants() =
      Participant("Vinay Kwatra", v1::PARTICIPANT_FUNCTION_SIGNATORY, v1::ORIGIN_CURATED, 0,
                  Quote("tribune-2025-01-18", "signed by Vinay Kwatra", v1::ORIGIN_CURATED));
  *e.add_participants() = Participant(
      "Troy Edgar", v1::PARTICIPANT_FUNCTION_HOST, v1::ORIGIN_EXTRACTED, 0.85,
      Quote("wire-2025-01-20", "in the presence of Troy Edgar", v1::ORIGIN_EXTRACTED, 0.85));
  *e.add_evidence() = Quote("tribune-2025-01-18", "A Memorandum of Understanding (MoU) was signed",
                            v1::ORIGIN_CURATED);
  *e.add_evidence() =
      Quote("wire-2025-01-20", "signed a memorandum of understanding", v1::ORIGIN_EXTRACTED, 0.85);
  return e;
}

std::string Printed(const v1::Event& e) {
  std::ostringstream out;
  PrintEvent(e, out);
  return out.str();
}

TEST(PrintEventTest, ACuratedEventShowsWhatTheExtractorAddedApartAndAfterItsRecord) {
  const std::string out = Printed(CuratedSigningWithAdditions());
  const size_t section = out.find(kAdditions);
  ASSERT_NE(section, std::string::npos) << out;
  const std::string record = out.substr(0, section);
  const std::string added = out.substr(section);
  // The curated record: its participant and its evidence, nothing extracted.
  EXPECT_THAT(record, HasSubstr("Participants:\nPERSON"));
  EXPECT_THAT(record, HasSubstr("Vinay Kwatra"));
  EXPECT_THAT(record, HasSubstr("“signed by Vinay Kwatra” — tribune-2025-01-18"));
  EXPECT_THAT(record, HasSubstr("Evidence:\n  “A Memorandum of Understanding (MoU) was signed”"));
  EXPECT_THAT(record, Not(HasSubstr("Troy Edgar")));
  EXPECT_THAT(record, Not(HasSubstr("wire-2025-01-20")));
  // The additions: function, confidence, and the document and quote.
  EXPECT_THAT(added, HasSubstr("CONFIDENCE"));
  EXPECT_THAT(added, ::testing::ContainsRegex("Troy Edgar +Minister +India +host +0\\.85"));
  EXPECT_THAT(added, HasSubstr("“in the presence of Troy Edgar” — wire-2025-01-20 [10, 39)"));
  EXPECT_THAT(added, HasSubstr("Evidence added:\n  (x 0.85) “signed a memorandum of "
                               "understanding” — wire-2025-01-20"));
  EXPECT_THAT(added, Not(HasSubstr("Vinay Kwatra")));
}

TEST(PrintEventTest, ACuratedEventWithoutAdditionsHasNoSuchSection) {
  v1::Event e = CuratedSigningWithAdditions();
  e.mutable_participants()->RemoveLast();
  e.mutable_evidence()->RemoveLast();
  EXPECT_THAT(Printed(e), Not(HasSubstr(kAdditions)));
}

TEST(PrintEventTest, ACuratedEventWithOnlyExtractedParticipantsSaysSo) {
  v1::Event e = CuratedSigningWithAdditions();
  e.mutable_participants()->DeleteSubrange(0, 1);
  const std::string out = Printed(e);
  EXPECT_THAT(out, HasSubstr("Participants: none named in the corpus's curated facts\n"));
  EXPECT_THAT(out.substr(out.find(kAdditions)), HasSubstr("Troy Edgar"));
}

TEST(PrintEventTest, AnExtractedEventIsPrintedWholeWithItsParticipantsMarked) {
  v1::Event e = CuratedSigningWithAdditions();
  e.set_id("x-wire-2025-01-20-1");
  e.set_origin(v1::ORIGIN_EXTRACTED);
  e.set_confidence(0.8);
  e.mutable_participants()->DeleteSubrange(0, 1);
  const std::string out = Printed(e);
  EXPECT_THAT(out, HasSubstr("(agreement signing, id x-wire-2025-01-20-1, extracted from text, "
                             "confidence 0.80)"));
  EXPECT_THAT(out, Not(HasSubstr(kAdditions)));
  EXPECT_THAT(out, ::testing::ContainsRegex("Troy Edgar +Minister +India +host \\(x 0\\.85\\)"));
  EXPECT_THAT(out, HasSubstr("Evidence:\n  “A Memorandum"));
  EXPECT_THAT(out, HasSubstr("  “signed a memorandum of understanding” — wire-2025-01-20"));
}

// Run by ctest, standard output is a pipe: no width unless $COLUMNS sets
// one, no colour.
TEST(TerminalOutputTest, WidthComesFromColumnsOrTheTerminalOnly) {
  if (OutputIsTerminal()) GTEST_SKIP() << "standard output is a terminal";
  unsetenv("COLUMNS");
  EXPECT_EQ(OutputWidth(), 0u);
  setenv("COLUMNS", "60", 1);
  EXPECT_EQ(OutputWidth(), 60u);
  EXPECT_EQ(WrappedLines("1 participation(s); (x 0.80): extracted from text, with its confidence"),
            "1 participation(s); (x 0.80): extracted from text, with its\nconfidence\n");
  setenv("COLUMNS", "wide", 1);
  EXPECT_EQ(OutputWidth(), 0u);
  unsetenv("COLUMNS");
  EXPECT_FALSE(UseColor());
}

TEST(JsonLinesTest, AListResponseIsOneItemALine) {
  v1::ListEventsResponse response;
  response.add_events()->set_id("e1");
  response.add_events()->set_id("e2");
  response.set_total_size(2);
  EXPECT_EQ(JsonLines(response), "{\"id\":\"e1\"}\n{\"id\":\"e2\"}\n");
  // Anything else is one line, even with repeated fields of its own.
  v1::Event event = CuratedSigningWithAdditions();
  const std::string line = JsonLines(event);
  EXPECT_EQ(line.find('\n'), line.size() - 1);
  EXPECT_THAT(line, HasSubstr("\"participants\":[{"));
}

}  // namespace
}  // namespace parley::cli
