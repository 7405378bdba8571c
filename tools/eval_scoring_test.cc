#include "tools/eval_scoring.h"

#include <filesystem>
#include <fstream>

#include <unistd.h>

#include "google/protobuf/text_format.h"
#include "gtest/gtest.h"
#include "tools/eval_planned.h"
#include "tools/eval_withheld.h"

namespace parley::eval {
namespace {

DayInterval Days(int first_day, int last_day) {
  return {absl::CivilDay(2025, 3, first_day), absl::CivilDay(2025, 3, last_day)};
}

TEST(DateOverlap, SharedDaysOverAllDays) {
  EXPECT_DOUBLE_EQ(DateOverlap(Days(3, 3), Days(3, 3)), 1.0);
  EXPECT_DOUBLE_EQ(DateOverlap(Days(3, 3), Days(2, 4)), 1.0 / 3);
  EXPECT_DOUBLE_EQ(DateOverlap(Days(3, 3), Days(4, 4)), 0.0);
}

TEST(AssignEvents, OneToOneBestDateFirstAndDuplicatesCounted) {
  // Extracted 0 and 1 both fit gold 0; 1 fits it better. Extracted 2 fits
  // gold 1 only; extracted 3 fits nothing.
  const std::vector<EventPair> pairs = {
      {0, 0, 1.0 / 3, 2},
      {1, 0, 1.0, 0},
      {2, 1, 1.0, 0},
  };
  const std::vector<EventAssignment> a = AssignEvents(pairs, 4);
  ASSERT_EQ(a.size(), 4u);
  EXPECT_EQ(a[0].gold, -1);
  EXPECT_EQ(a[0].duplicate_of, 0);
  EXPECT_EQ(a[1].gold, 0);
  EXPECT_EQ(a[1].duplicate_of, -1);
  EXPECT_EQ(a[2].gold, 1);
  EXPECT_EQ(a[3].gold, -1);
  EXPECT_EQ(a[3].duplicate_of, -1);
}

TEST(AssignEvents, SharedParticipantsBreakDateTies) {
  const std::vector<EventAssignment> a = AssignEvents({{0, 0, 1.0, 0}, {0, 1, 1.0, 2}}, 1);
  EXPECT_EQ(a[0].gold, 1);
}

TEST(AssignEvents, AnEventTakesTheNextGoldWhenItsBestIsTaken) {
  // Two meetings on one day, two extracted: each gets one, no duplicate.
  const std::vector<EventAssignment> a =
      AssignEvents({{0, 0, 1.0, 1}, {1, 0, 1.0, 1}, {1, 1, 1.0, 0}}, 2);
  EXPECT_EQ(a[0].gold, 0);
  EXPECT_EQ(a[1].gold, 1);
  EXPECT_EQ(a[1].duplicate_of, -1);
}

TEST(Calibration, BandsAndShareAtOrAbove) {
  EXPECT_EQ(BandOf(0.49), 0);
  EXPECT_EQ(BandOf(0.5), 1);
  EXPECT_EQ(BandOf(0.7999999999), 4);
  EXPECT_EQ(BandOf(0.85), 4);
  EXPECT_EQ(BandOf(1.0), 5);
  Calibration c;
  c.Add(FactType::kEvent, 0.9, true);
  c.Add(FactType::kEvent, 0.8, false);
  c.Add(FactType::kOfficial, 0.95, true);
  c.Add(FactType::kOfficial, 0.3, false);
  EXPECT_EQ(c.Bands(FactType::kEvent)[4].count, 1);
  EXPECT_EQ(c.Bands(FactType::kEvent)[5].right, 1);
  EXPECT_EQ(c.Bands()[5].count, 2);
  EXPECT_EQ(c.Bands()[0].right, 0);
  const BandCount high = c.AtLeast(0.8);
  EXPECT_EQ(high.count, 3);
  EXPECT_EQ(high.right, 2);
}

TEST(WithholdArticle, RemovesWhatOnlyTheArticleSupports) {
  v1::KnowledgeBase kb;
  ASSERT_TRUE(google::protobuf::TextFormat::ParseFromString(
      R"pb(
        entities {
          id: "p"
          evidence { document: "a" }
          positions {
            title: "Only in a"
            evidence { document: "a" }
          }
          positions {
            title: "Also in b"
            evidence { document: "a" }
            evidence { document: "b" }
          }
        }
        events {
          id: "only-a"
          evidence { document: "a" }
          participants {
            entity: "p"
            evidence { document: "a" }
          }
        }
        events {
          id: "b-participant"
          evidence { document: "a" }
          participants {
            entity: "p"
            evidence { document: "b" quote: "q" }
          }
        }
        events {
          id: "part"
          part_of: "only-a"
          evidence { document: "b" }
        }
      )pb",
      &kb));
  const WithheldCounts counts = WithholdArticle("a", {&kb});
  EXPECT_EQ(counts.events, 1);
  EXPECT_EQ(counts.participants, 1);
  EXPECT_EQ(counts.quotes, 6);
  ASSERT_EQ(kb.entities(0).positions_size(), 2);  // kept, for the participants' titles
  EXPECT_TRUE(kb.entities(0).positions(0).evidence().empty());
  EXPECT_EQ(kb.entities(0).positions(1).evidence_size(), 1);
  EXPECT_TRUE(kb.entities(0).evidence().empty());
  ASSERT_EQ(kb.events_size(), 2);
  EXPECT_EQ(kb.events(0).id(), "b-participant");
  ASSERT_EQ(kb.events(0).evidence_size(), 1);
  EXPECT_EQ(kb.events(0).evidence(0).quote(), "q");  // its participant's, from b
  EXPECT_EQ(kb.events(1).part_of(), "");
}

TEST(ReadPlannedEvents, ThePlansOfASetAndAClearErrorForABadOne) {
  const std::filesystem::path dir =
      std::filesystem::temp_directory_path() / ("planned_test_" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  // No planned/ directory: no plans.
  absl::StatusOr<std::vector<PlannedEvent>> none = ReadPlannedEvents(dir.string());
  ASSERT_TRUE(none.ok()) << none.status();
  EXPECT_TRUE(none->empty());
  std::filesystem::create_directories(dir / "planned");
  std::ofstream(dir / "planned" / "planned.textproto") << R"pb(
    events {
      id: "planned-visit"
      kind: EVENT_KIND_VISIT
      date: "2025-03-14"
      participants { entity: "jane-doe" function: PARTICIPANT_FUNCTION_VISITOR }
      evidence { document: "pti-2025-03-12" quote: "Doe will visit Pune on Friday" }
    })pb";
  absl::StatusOr<std::vector<PlannedEvent>> plans = ReadPlannedEvents(dir.string());
  ASSERT_TRUE(plans.ok()) << plans.status();
  ASSERT_EQ(plans->size(), 1u);
  EXPECT_EQ((*plans)[0].id, "planned-visit");
  EXPECT_EQ((*plans)[0].document_id, "pti-2025-03-12");
  EXPECT_EQ((*plans)[0].kind, v1::EVENT_KIND_VISIT);
  EXPECT_EQ((*plans)[0].days.first, absl::CivilDay(2025, 3, 14));
  EXPECT_EQ((*plans)[0].participants, std::vector<std::string>{"jane-doe"});
  std::ofstream(dir / "planned" / "planned.textproto")
      << R"pb(events { id: "undated" kind: EVENT_KIND_VISIT date: "2025-13" })pb";
  const absl::Status bad = ReadPlannedEvents(dir.string()).status();
  EXPECT_EQ(bad.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(bad.message().find("planned.textproto: planned event undated"), std::string::npos)
      << bad.message();
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace parley::eval
