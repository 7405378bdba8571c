#include "client/table_formatter.h"

#include <gtest/gtest.h>

namespace parley {
namespace {

TEST(DisplayWidthTest, CountsCodePointsNotBytes) {
  EXPECT_EQ(DisplayWidth("India"), 5u);
  EXPECT_EQ(DisplayWidth("India’s"), 7u);  // U+2019 is three bytes
  EXPECT_EQ(DisplayWidth(""), 0u);
}

TEST(TruncateToWidthTest, CutsOnCodePointsWithEllipsis) {
  EXPECT_EQ(TruncateToWidth("Napolitano", 20), "Napolitano");
  EXPECT_EQ(TruncateToWidth("Napolitano", 5), "Napo…");
  EXPECT_EQ(TruncateToWidth("India’s Ambassador", 8), "India’s…");
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

TEST(TableTest, MaxWidthTruncatesCells) {
  Table table({"A", "B"});
  table.SetMaxWidth(0, 4);
  table.AddRow({"abcdefgh", "x"});
  EXPECT_EQ(table.Render(), "A     B\n----  -\nabc…  x\n");
}

}  // namespace
}  // namespace parley
