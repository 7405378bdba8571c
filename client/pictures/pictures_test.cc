#include <map>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "client/pictures/graphviz_render.h"
#include "client/pictures/svg_elements.h"
#include "client/pictures/timeline.h"
#include "client/pictures/who_met_whom.h"

namespace parley::pictures {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::StartsWith;

v1::FuzzyDate Day(int year, int month, int day) {
  v1::FuzzyDate date;
  date.set_year(year);
  date.set_month(month);
  date.set_day(day);
  date.set_display(absl::StrFormat("%04d-%02d-%02d", year, month, day));
  return date;
}

void AddParticipation(v1::ListParticipationsResponse& r, const std::string& person,
                      const std::string& name, const std::string& side, const std::string& event,
                      const std::string& title, const v1::FuzzyDate& date,
                      const std::string& organization = "") {
  v1::Participation* p = r.add_participations();
  p->mutable_person()->set_id(person);
  p->mutable_person()->set_name(name);
  p->mutable_side()->set_id(side);
  p->mutable_side()->set_name(side == "india" ? "India" : "United States");
  p->set_event_id(event);
  p->set_event_title(title);
  *p->mutable_event_date() = date;
  if (!organization.empty()) {
    p->mutable_organization()->set_id(organization);
    p->mutable_organization()->set_name("US Department of Homeland Security");
  }
}

v1::ListParticipationsResponse SeedLikeParticipations() {
  v1::ListParticipationsResponse r;
  const std::string hsd = "Launch of the US-India Homeland Security Dialogue";
  AddParticipation(r, "janet-napolitano", "Janet Napolitano", "united-states", "hsd", hsd,
                   Day(2011, 5, 27), "us-dhs");
  AddParticipation(r, "p-chidambaram", "P. Chidambaram", "india", "hsd", hsd, Day(2011, 5, 27));
  AddParticipation(r, "kapil-sibal", "Kapil Sibal", "india", "sibal", "Sibal meets US officials",
                   Day(2011, 7, 19));
  return r;
}

TEST(WhoMetWhomTest, PeopleAreNodesAndASharedEventIsALabelledEdge) {
  const Picture picture = WhoMetWhom(SeedLikeParticipations(), {false, "--topic cyber"});
  EXPECT_EQ(picture.engine, "dot");
  EXPECT_THAT(picture.dot, HasSubstr("{rank=source; \"kapil-sibal\"; \"p-chidambaram\"; }"));
  EXPECT_THAT(picture.dot, HasSubstr("{rank=sink; \"janet-napolitano\"; }"));
  EXPECT_THAT(picture.dot, StartsWith("graph who_met_whom {\n"));
  EXPECT_THAT(picture.dot, HasSubstr("\"janet-napolitano\" [label=\"Janet Napolitano\\nUnited "
                                     "States\", fillcolor=\"#9fc5e8\"]"));
  EXPECT_THAT(picture.dot, HasSubstr("\"p-chidambaram\" [label=\"P. Chidambaram\\nIndia\", "
                                     "fillcolor=\"#f9cb9c\"]"));
  // One edge, between the two at the dialogue; Sibal met nobody here.
  EXPECT_THAT(picture.dot,
              HasSubstr("\"janet-napolitano\" -- \"p-chidambaram\" [label=\"Launch of the "
                        "US-India Homeland\\nSecurity Dialogue (2011-05-27)\""));
  EXPECT_THAT(picture.dot, HasSubstr("\"kapil-sibal\" [label="));
  EXPECT_THAT(picture.dot, Not(HasSubstr("\"kapil-sibal\" --")));
  EXPECT_THAT(picture.dot, HasSubstr("Who met whom: 3 people, 2 events (--topic cyber)\\nIndia "
                                     "(saffron), United States (blue)"));
  EXPECT_THAT(picture.dot, Not(HasSubstr("us-dhs")));
  const Picture with_orgs = WhoMetWhom(SeedLikeParticipations(), {true, ""});
  EXPECT_THAT(with_orgs.dot, HasSubstr("\"janet-napolitano\" -- \"us-dhs\" [style=dashed"));
}

TEST(WhoMetWhomTest, ABigGraphKeepsEventsAsTooltipsAndUsesSfdp) {
  // 40 meetings of three: 120 people, 120 pairs.
  v1::ListParticipationsResponse r;
  for (int e = 0; e < 40; ++e) {
    for (int k = 0; k < 3; ++k) {
      AddParticipation(r, absl::StrCat("p", 3 * e + k), absl::StrCat("Person ", 3 * e + k),
                       k == 0 ? "india" : "united-states", absl::StrCat("e", e),
                       absl::StrCat("Event ", e), Day(2020, 1, 1 + e % 28));
    }
  }
  const Picture picture = WhoMetWhom(r, {});
  EXPECT_EQ(picture.engine, "neato");  // 120 people is not yet big
  EXPECT_THAT(picture.dot, HasSubstr("\"p0\" -- \"p1\" [tooltip=\"Event 0 (2020-01-01)\""));
  EXPECT_THAT(picture.dot, Not(HasSubstr("label=\"Event 0")));
  // Someone who met no one else is left out of a big graph.
  AddParticipation(r, "alone", "Alone", "india", "solo", "Solo", Day(2021, 1, 1));
  const Picture without = WhoMetWhom(r, {});
  EXPECT_THAT(without.dot, Not(HasSubstr("\"alone\"")));
  EXPECT_THAT(without.dot, HasSubstr("120 people, 41 events; people who met no one else left out"));
  for (int i = 0; i < kMaxNeatoNodes; ++i) {
    AddParticipation(r, absl::StrCat("q", i), "Q", "india", "group", "Group", Day(2021, 1, 1));
  }
  EXPECT_EQ(WhoMetWhom(r, {}).engine, "sfdp");
}

TEST(RenderDotTest, SvgHasEveryNodeAndLabel) {
  absl::StatusOr<std::string> svg =
      RenderDot(WhoMetWhom(SeedLikeParticipations(), {false, ""}), "svg");
  ASSERT_TRUE(svg.ok()) << svg.status();
  EXPECT_THAT(
      SvgElements(*svg, "title"),
      ::testing::IsSupersetOf({"janet&#45;napolitano", "p&#45;chidambaram", "kapil&#45;sibal",
                               "janet&#45;napolitano&#45;&#45;p&#45;chidambaram"}));
  EXPECT_THAT(SvgElements(*svg, "text"),
              ::testing::IsSupersetOf({"Janet Napolitano", "P. Chidambaram", "Kapil Sibal",
                                       "Security Dialogue (2011&#45;05&#45;27)"}));
}

TEST(RenderDotTest, PngIsAPngOfSomeSize) {
  absl::StatusOr<std::string> png =
      RenderDot(WhoMetWhom(SeedLikeParticipations(), {false, ""}), "png");
  ASSERT_TRUE(png.ok()) << png.status();
  ASSERT_GT(png->size(), 24u);
  EXPECT_EQ(png->substr(0, 8), "\x89PNG\r\n\x1a\n");
  auto be32 = [&](size_t at) {
    return (static_cast<uint8_t>((*png)[at]) << 24) | (static_cast<uint8_t>((*png)[at + 1]) << 16) |
           (static_cast<uint8_t>((*png)[at + 2]) << 8) | static_cast<uint8_t>((*png)[at + 3]);
  };
  EXPECT_GT(be32(16), 100u);  // IHDR width
  EXPECT_GT(be32(20), 50u);   // IHDR height
}

TEST(RenderDotTest, QuotesBackslashesAndLineBreaksInNamesStayInTheirLabel) {
  EXPECT_EQ(DotQuoted("a \"b\" c\\"), "\"a \\\"b\\\" c\\\\\"");
  EXPECT_EQ(DotQuoted("two\nlines"), "\"two\\nlines\"");
  // A name that tries to close its string and add a node draws as written.
  v1::ListParticipationsResponse r = SeedLikeParticipations();
  r.mutable_participations(2)->mutable_person()->set_name("Evil\"]; x [label=\"pwned\\");
  absl::StatusOr<std::string> svg = RenderDot(WhoMetWhom(r, {}), "svg");
  ASSERT_TRUE(svg.ok()) << svg.status();
  EXPECT_THAT(SvgElements(*svg, "text"),
              ::testing::Contains("Evil&quot;]; x [label=&quot;pwned\\"));
  EXPECT_THAT(SvgElements(*svg, "title"), Not(::testing::Contains("x")));
}

TEST(RenderDotTest, BadInputIsRefusedWithGraphvizsWords) {
  absl::StatusOr<std::string> bad = RenderDot({"graph { a -- ", "neato"}, "svg");
  EXPECT_EQ(bad.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(bad.status().message(), HasSubstr("Graphviz cannot read the graph: syntax error"));
  EXPECT_EQ(RenderDot({"graph { a }", "neato"}, "gif").status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(RenderDot({"graph { a }", "no-such-engine"}, "svg").status().code(),
            absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(*RenderDot({"graph { a }", "neato"}, "dot"), "graph { a }");
}

v1::Event* AddEvent(v1::ListEventsResponse& r, const std::string& id, v1::EventKind kind,
                    const v1::FuzzyDate& date, const std::string& title) {
  v1::Event* e = r.add_events();
  e->set_id(id);
  e->set_kind(kind);
  e->set_title(title);
  *e->mutable_date() = date;
  e->add_topics("cyber-security");
  return e;
}

// pos="x,y" of the node with this id.
std::pair<double, double> PositionOf(const std::string& dot, const std::string& node) {
  const size_t at = dot.find("\"" + node + "\" [");
  EXPECT_NE(at, std::string::npos) << node;
  const size_t pos = dot.find("pos=\"", at) + 5;
  const size_t comma = dot.find(',', pos);
  double x = 0, y = 0;
  EXPECT_TRUE(absl::SimpleAtod(dot.substr(pos, comma - pos), &x));
  EXPECT_TRUE(absl::SimpleAtod(dot.substr(comma + 1, dot.find('"', comma) - comma - 1), &y));
  return {x, y};
}

TEST(TimelineTest, EventsGoRightByDateInTheirKindsLaneAndStackWhenClose) {
  v1::ListEventsResponse r;
  AddEvent(r, "hsd", v1::EVENT_KIND_DIALOGUE, Day(2011, 5, 27), "Launch of the HSD")
      ->add_participants()
      ->mutable_entity()
      ->set_name("Janet Napolitano");
  AddEvent(r, "sd", v1::EVENT_KIND_DIALOGUE, Day(2011, 7, 19), "Second Strategic Dialogue");
  AddEvent(r, "mou", v1::EVENT_KIND_AGREEMENT_SIGNING, Day(2011, 7, 19), "MoU on cyber security");
  AddEvent(r, "mou2", v1::EVENT_KIND_AGREEMENT_SIGNING, Day(2025, 1, 17), "MoU on cybercrime");
  const Picture picture = Timeline(r, {TimelineLanes::kKind, "--topic cyber", {}});
  EXPECT_EQ(picture.engine, "nop2");
  EXPECT_THAT(picture.dot, HasSubstr("label=\"dialogue\""));
  EXPECT_THAT(picture.dot, HasSubstr("label=\"agreement signing\""));
  EXPECT_THAT(picture.dot, HasSubstr("[label=\"2011-05-27\\nLaunch of the HSD\\nJanet "
                                     "Napolitano\""));
  EXPECT_THAT(picture.dot, HasSubstr("Timeline: 4 events by kind (--topic cyber)"));
  const auto hsd = PositionOf(picture.dot, "hsd@0");
  const auto sd = PositionOf(picture.dot, "sd@0");
  const auto mou = PositionOf(picture.dot, "mou@1");
  const auto mou2 = PositionOf(picture.dot, "mou2@1");
  // Two months apart on a 14-year axis: too close for one row.
  EXPECT_NE(hsd.second, sd.second);
  EXPECT_GT(mou2.first, mou.first + 500);
  EXPECT_EQ(mou.second, mou2.second);
  EXPECT_GT(hsd.second, mou.second);  // the dialogue lane is above the signing lane
  EXPECT_THAT(picture.dot, HasSubstr("label=\"2025\""));
  absl::StatusOr<std::string> svg = RenderDot(picture, "svg");
  ASSERT_TRUE(svg.ok()) << svg.status();
  EXPECT_THAT(SvgElements(*svg, "text"),
              ::testing::IsSupersetOf({"dialogue", "agreement signing", "MoU on cybercrime",
                                       "2011&#45;07&#45;19", "2011", "2025"}));
  const Picture by_topic =
      Timeline(r, {TimelineLanes::kTopic, "", {{"cyber-security", "Cyber security"}}});
  EXPECT_THAT(by_topic.dot, HasSubstr("label=\"Cyber security\""));
}

}  // namespace
}  // namespace parley::pictures
