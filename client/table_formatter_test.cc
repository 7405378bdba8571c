#include "client/table_formatter.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace parley {
namespace {

TEST(DisplayWidthTest, CountsCodePointsNotBytes) {
  EXPECT_EQ(DisplayWidth("India"), 5u);
  EXPECT_EQ(DisplayWidth("India’s"), 7u);  // U+2019 is three bytes
  EXPECT_EQ(DisplayWidth(""), 0u);
}

TEST(WrapToWidthTest, BreaksAtSpacesAndKeepsEveryCharacter) {
  EXPECT_EQ(WrapToWidth("Napolitano", 20), std::vector<std::string>{"Napolitano"});
  EXPECT_EQ(WrapToWidth("", 5), std::vector<std::string>{""});
  EXPECT_EQ(WrapToWidth("India’s Ambassador to the US", 12),
            (std::vector<std::string>{"India’s", "Ambassador", "to the US"}));
  // A word longer than the line is broken inside, on code points.
  EXPECT_EQ(WrapToWidth("Chidambaram’s visit", 6),
            (std::vector<std::string>{"Chidam", "baram’", "s", "visit"}));
}

TEST(TableTest, AlignsColumnsAndPrintsNotes) {
  Table table({"NAME", "KIND"});
  table.AddRow({"India’s", "country"});
  table.AddNote("note line");
  table.AddRow({"US", "alias"});
  EXPECT_EQ(table.Render(),
            "NAME     KIND\n"
            "-------  -------\n"
            "India’s  country\n"
            "    note line\n"
            "US       alias\n");
}

TEST(TableTest, FitsAWidthByWrappingTheWidestColumn) {
  Table table({"NAME", "TITLE", "ID"});
  table.AddRow({"Janet Napolitano", "Secretary of Homeland Security", "napolitano"});
  table.AddNote("“the first India-US Homeland Security Dialogue” — doc [10, 20)");
  // 60 wide unfitted; the two widest columns shrink in turn to 13.
  EXPECT_EQ(table.Render(40),
            "NAME           TITLE          ID\n"
            "-------------  -------------  ----------\n"
            "Janet          Secretary of   napolitano\n"
            "Napolitano     Homeland\n"
            "               Security\n"
            "    “the first India-US Homeland\n"
            "      Security Dialogue” — doc [10, 20)\n");
  // Unfitted, every cell stays on one line; nothing is ever cut.
  EXPECT_EQ(table.Render(), table.Render(1000));
  EXPECT_EQ(table.Render().find("…"), std::string::npos);
}

TEST(TableTest, RowsBecomeRecordsWhenColumnsCannotFitWholeWords) {
  Table table({"EVENT", "ID"});
  table.AddRow({"Launch of the Homeland Security Dialogue", "2011-05-27-hsd-launch-in-new-delhi"});
  table.AddNote("a note");
  table.AddRow({"Strategic Dialogue", "2009-07-20-sd"});
  // "Strategic" (9) and the id (20, as long as a word may be kept whole)
  // need 31 side by side.
  EXPECT_THAT(table.Render(31), ::testing::StartsWith("EVENT      ID\n"));
  EXPECT_EQ(table.Render(30),
            "EVENT  Launch of the Homeland\n"
            "       Security Dialogue\n"
            "ID     2011-05-27-hsd-launch-i\n"
            "       n-new-delhi\n"
            "    a note\n"
            "\n"
            "EVENT  Strategic Dialogue\n"
            "ID     2009-07-20-sd\n");
}

TEST(TableTest, CsvQuotesWhatNeedsItAndAddsNotesColumn) {
  Table table({"NAME", "TITLE"});
  table.SetNotesHeader("EVIDENCE");
  table.AddRow({"Napolitano, Janet", "said \"yes\""});
  table.AddNote("q1");
  table.AddNote("q2");
  table.AddRow({"Chidambaram", "Home Minister"});
  EXPECT_EQ(table.RenderCsv(),
            "NAME,TITLE,EVIDENCE\r\n"
            "\"Napolitano, Janet\",\"said \"\"yes\"\"\",q1 | q2\r\n"
            "Chidambaram,Home Minister,\r\n");
}

TEST(TableTest, TsvReplacesTabsAndLineBreaks) {
  Table table({"A", "B"});
  table.AddRow({"x\ty", "line\nbreak"});
  EXPECT_EQ(table.RenderTsv(), "A\tB\nx y\tline break\n");
}

}  // namespace
}  // namespace parley
