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
  // Spaces around a break go; a leading space does not split the word.
  EXPECT_EQ(WrapToWidth(" abcdefgh", 8), (std::vector<std::string>{"abcdefgh"}));
  EXPECT_EQ(WrapToWidth("abcd    ", 4), (std::vector<std::string>{"abcd"}));
  EXPECT_EQ(WrapToWidth("abc", 0), (std::vector<std::string>{"abc"}));
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
  table.AddRow({"Launch of the Homeland Security Dialogue", "2011-05-27-hsd-launch"});
  table.AddNote("a note");
  table.AddRow({"Strategic Dialogue", "2009-07-20-sd"});
  // "Strategic" (9) and the id (21) need 32 side by side; at 45 the rows
  // take three lines in all.
  EXPECT_THAT(table.Render(45), ::testing::HasSubstr("\n----"));
  EXPECT_EQ(table.Render(31),
            "EVENT  Launch of the Homeland\n"
            "       Security Dialogue\n"
            "ID     2011-05-27-hsd-launch\n"
            "    a note\n"
            "\n"
            "EVENT  Strategic Dialogue\n"
            "ID     2009-07-20-sd\n");
}

TEST(TableTest, RowsOfManyLinesBecomeRecords) {
  Table table({"A", "B"});
  table.AddRow({"one two three four five", "x"});
  // At 12 the row takes three lines; at 11 it would take four.
  EXPECT_EQ(table.Render(12), "A          B\n---------  -\none two    x\nthree\nfour five\n");
  EXPECT_EQ(table.Render(11), "A  one two three four five\nB  x\n");
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
