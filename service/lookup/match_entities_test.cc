#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "absl/strings/str_cat.h"
#include "service/base/errors.h"
#include "service/lookup/corpus_lookup_test.h"
#include "service/lookup/lookup.h"

namespace parley {
namespace {

using ::testing::HasSubstr;

// The register of tests/corpora/match_entities: two Kumars, two people
// named Arjun Singh, two Menons who were Joint Secretary (Americas) eight
// years apart, two Clintons, two Shahs (one Indian, one American), ...
constexpr char kRegister[] = PARLEY_SOURCE_DIR "/tests/corpora/match_entities";

class MatchEntitiesTest : public CorpusLookupTest<kRegister> {
 protected:
  static v1::MatchEntitiesResponse Match(const std::vector<v1::EntityExample>& examples) {
    v1::MatchEntitiesRequest request;
    for (const v1::EntityExample& e : examples) *request.add_examples() = e;
    v1::MatchEntitiesResponse response;
    const absl::Status status = lookup_->MatchEntities(request, &response);
    EXPECT_TRUE(status.ok()) << status;
    return response;
  }
};

v1::EntityExample Example(std::string name, std::string title = "", std::string date = "",
                          std::string country = "", std::string organization = "") {
  v1::EntityExample e;
  e.set_name(std::move(name));
  e.set_title(std::move(title));
  e.set_date(std::move(date));
  e.set_country(std::move(country));
  e.set_organization(std::move(organization));
  return e;
}

struct Case {
  v1::EntityExample example;
  std::string expected_id;
};

std::string Describe(const v1::EntityExample& e) {
  return absl::StrCat("name=\"", e.name(), "\" title=\"", e.title(), "\" date=\"", e.date(),
                      "\" country=\"", e.country(), "\" organization=\"", e.organization(), "\"");
}

TEST_F(MatchEntitiesTest, PutsTheRightPersonFirstWhereANameSearchWouldTie) {
  const std::vector<Case> cases = {
      // Shared surnames, told apart by title, organization or country.
      {Example("Kumar", "Home Secretary"), "rajesh-kumar"},
      {Example("Kumar", "Defense Secretary"), "anil-kumar"},  // American spelling
      {Example("Kumar", "", "", "", "Ministry of Defence"), "anil-kumar"},
      {Example("Clinton", "Secretary of State"), "hillary-clinton"},
      {Example("Clinton", "President", "1998"), "bill-clinton"},
      {Example("Clinton", "", "2011"), "hillary-clinton"},
      {Example("Shah", "", "", "USA"), "rajiv-shah"},
      {Example("Shah", "", "", "Bharat"), "amit-shah"},
      {Example("Shah", "", "", "", "USAID"), "rajiv-shah"},
      {Example("Shah", "Home Minister", "2020"), "amit-shah"},
      {Example("Singh", "Prime Minister"), "manmohan-singh"},
      // One full name, two people: the title held at that date decides.
      {Example("Arjun Singh", "Home Minister", "2009"), "arjun-singh-home"},
      {Example("Arjun Singh", "Ambassador", "2016-05"), "arjun-singh-envoy"},
      {Example("Arjun Singh", "", "2016"), "arjun-singh-envoy"},
      // A title both held, at different dates.
      {Example("Menon", "Joint Secretary", "2018"), "ravi-menon"},
      {Example("Menon", "Joint Secretary", "2010"), "priya-menon"},
      // Other scripts, honorifics and spellings.
      {Example("चिदंबरम"), "p-chidambaram"},
      {Example("Chidambaram ji"), "p-chidambaram"},
      {Example("Shri P. Chidambaram", "Finance Minister", "2013"), "p-chidambaram"},
      {Example("Chandrasekhar"), "r-chandrashekhar"},
      {Example("Jayshankar", "External Affairs Minister"), "s-jaishankar"},
      {Example("PM Modi"), "narendra-modi"},
      {Example("Dr. Manmohan Singh"), "manmohan-singh"},
      {Example("Smt. Nirmala Sitharaman", "Defence Minister", "2018"), "nirmala-sitharaman"},
      {Example("Secretary Kerry", "", "", "United States"), "john-kerry"},
  };
  ASSERT_GE(cases.size(), 20u);
  std::vector<v1::EntityExample> examples;
  for (const Case& c : cases) examples.push_back(c.example);
  const v1::MatchEntitiesResponse response = Match(examples);
  ASSERT_EQ(response.results_size(), static_cast<int>(cases.size()));
  EXPECT_DOUBLE_EQ(response.threshold(), 0.7);
  for (size_t i = 0; i < cases.size(); ++i) {
    const v1::ExampleMatches& result = response.results(static_cast<int>(i));
    ASSERT_GT(result.candidates_size(), 0) << Describe(cases[i].example);
    EXPECT_EQ(result.candidates(0).entity().id(), cases[i].expected_id)
        << Describe(cases[i].example) << ": " << result.candidates(0).explanation();
    EXPECT_TRUE(result.matched()) << Describe(cases[i].example) << ": "
                                  << result.candidates(0).explanation();
  }
}

TEST_F(MatchEntitiesTest, SaysNoMatchWhenItCannotTell) {
  const v1::MatchEntitiesResponse response = Match({
      Example("Kumar"),                             // two Kumars, nothing else known
      Example("Zorawar Pathak"),                    // nobody of that name
      Example("Hillary Clinton", "", "", "India"),  // the name, from another country
  });
  ASSERT_EQ(response.results_size(), 3);
  EXPECT_FALSE(response.results(0).matched());
  EXPECT_TRUE(response.results(0).ambiguous());
  EXPECT_EQ(response.results(0).candidates_size(), 2);
  EXPECT_FALSE(response.results(1).matched());
  EXPECT_EQ(response.results(1).candidates_size(), 0);
  EXPECT_FALSE(response.results(2).matched());
  ASSERT_GT(response.results(2).candidates_size(), 0);
  EXPECT_DOUBLE_EQ(response.results(2).candidates(0).parts().country(), 0);
  EXPECT_THAT(response.results(2).candidates(0).explanation(), HasSubstr("another country"));
}

TEST_F(MatchEntitiesTest, ExplainsEveryPartOfTheScore) {
  const v1::MatchEntitiesResponse response =
      Match({Example("Menon", "Joint Secretary", "2018", "India", "MEA")});
  const v1::MatchCandidate& best = response.results(0).candidates(0);
  EXPECT_EQ(best.entity().id(), "ravi-menon");
  EXPECT_DOUBLE_EQ(best.parts().name(), 0.8);  // the surname
  EXPECT_GT(best.parts().title(), 0.7);
  EXPECT_DOUBLE_EQ(best.parts().date(), 1);
  EXPECT_DOUBLE_EQ(best.parts().country(), 1);
  EXPECT_DOUBLE_EQ(best.parts().organization(), 1);
  EXPECT_THAT(best.explanation(), HasSubstr("Joint Secretary (Americas)"));
  EXPECT_EQ(best.matched_name(), "Ravi Menon");
  EXPECT_TRUE(best.entity().positions().empty());  // the BASIC view
}

// An organization's name or alias stands for every organization that has
// it (six "Home Office"s here), however many a page of names would hold.
TEST_F(MatchEntitiesTest, AnOrganizationNameStandsForEveryOrganizationThatHasIt) {
  const v1::MatchEntitiesResponse response =
      Match({Example("Zora Quill", "", "", "", "Home Office")});
  ASSERT_GT(response.results(0).candidates_size(), 0);
  const v1::MatchCandidate& best = response.results(0).candidates(0);
  EXPECT_EQ(best.entity().id(), "zora-quill");
  EXPECT_DOUBLE_EQ(best.parts().organization(), 1);
}

TEST_F(MatchEntitiesTest, RefusesBadRequestsNamingTheField) {
  v1::MatchEntitiesResponse response;
  v1::MatchEntitiesRequest request;
  absl::Status status = lookup_->MatchEntities(request, &response);
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  *request.add_examples() = Example("Kumar", "", "2019-13");
  status = lookup_->MatchEntities(request, &response);
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(status.message()),
              HasSubstr("examples[0].date: date \"2019-13\": month 13 is not 1-12"));
  request.mutable_examples(0)->set_date("");
  request.set_threshold(1.5);
  status = lookup_->MatchEntities(request, &response);
  EXPECT_EQ(ReasonOf(status), "INVALID_THRESHOLD");
  request.set_threshold(0);
  *request.add_examples() = Example("  ");
  status = lookup_->MatchEntities(request, &response);
  EXPECT_THAT(std::string(status.message()), HasSubstr("examples[1].name"));
}

}  // namespace
}  // namespace parley
