// The officials extractor on sentences written for these tests (not taken
// from the seed articles), with a small lexicon.
#include "service/extract/extract.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"

namespace parley {
namespace {

ExtractionLexicon TestLexicon() {
  return ExtractionLexicon::FromLists(
      {"minister", "secretary", "ambassador", "spokesperson", "adviser", "counterpart", "director"},
      {"acting", "deputy", "foreign", "national", "prime", "home"},
      {"security", "affairs", "homeland", "defence", "cyber", "issues", "ministry", "department",
       "energy", "information", "technology"},
      {{"India", "india"},
       {"Indian", "india"},
       {"United States", "united-states"},
       {"US", "united-states"},
       {"American", "united-states"},
       {"Japan", "japan"},
       {"Japanese", "japan"},
       {"France", "france"},
       {"French", "france"}});
}

TEST(ExtractOfficialsTest, TitleBeforeNameWithACountryModifier) {
  const std::string text =
      "TOKYO: Japanese Foreign Minister Yoko Kamikawa met reporters on Monday.";
  const auto found = ExtractOfficials(text, TestLexicon());
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].name, "Yoko Kamikawa");
  EXPECT_EQ(found[0].title, "Foreign Minister");
  EXPECT_EQ(found[0].country_id, "japan");
  EXPECT_EQ(text.substr(found[0].name_start, found[0].name_end - found[0].name_start),
            "Yoko Kamikawa");
  EXPECT_EQ(text.substr(found[0].quote_start, found[0].quote_end - found[0].quote_start),
            "Japanese Foreign Minister Yoko Kamikawa");
  EXPECT_EQ(found[0].rule, "title before name");
  EXPECT_GT(found[0].confidence, 0.8);
}

TEST(ExtractOfficialsTest, TitleWithASubjectAndAPossessiveCountry) {
  const auto found = ExtractOfficials(
      "France's Secretary of Defence Affairs Marc Dubois and the US Deputy Secretary of Energy "
      "Laura Chen signed it.",
      TestLexicon());
  ASSERT_EQ(found.size(), 2u);
  EXPECT_EQ(found[0].name, "Marc Dubois");
  EXPECT_EQ(found[0].title, "Secretary of Defence Affairs");
  EXPECT_EQ(found[0].country_id, "france");
  EXPECT_EQ(found[1].name, "Laura Chen");
  EXPECT_EQ(found[1].title, "Deputy Secretary of Energy");
  EXPECT_EQ(found[1].country_id, "united-states");
}

TEST(ExtractOfficialsTest, AppositionAndLowercaseTitles) {
  const auto found = ExtractOfficials(
      "The deal was announced by Arjun Mehta, India's Ambassador to Japan, and by national "
      "security adviser Ravi Iyer.",
      TestLexicon());
  ASSERT_EQ(found.size(), 2u);
  EXPECT_EQ(found[0].name, "Arjun Mehta");
  EXPECT_EQ(found[0].rule, "apposition");
  EXPECT_EQ(found[0].country_id, "india");  // "to Japan" is where, not whom he represents
  EXPECT_EQ(found[1].name, "Ravi Iyer");
  EXPECT_EQ(found[1].country_id, "");
  EXPECT_LT(found[1].confidence, found[0].confidence + 0.2);
}

TEST(ExtractOfficialsTest, ShortReferencesAndCountriesFromOtherMentions) {
  const auto found = ExtractOfficials(
      "Home Minister Sunil Rao spoke first. Later his American counterpart Sunil Rao's guest, "
      "no: his Indian counterpart... Rao said the talks went well. Director Ann Lee agreed; "
      "her Japanese counterpart Ann Lee nodded.",
      TestLexicon());
  std::vector<std::string> rules;
  for (const auto& o : found) rules.push_back(o.name + " / " + o.rule + " / " + o.country_id);
  EXPECT_THAT(rules, ::testing::Contains(::testing::HasSubstr("Sunil Rao / short reference")));
  EXPECT_THAT(rules, ::testing::Contains("Ann Lee / title before name, country from another "
                                         "mention / japan"));
}

TEST(ExtractOfficialsTest, UnnamedOfficialsAndInitialsAloneAreNotPeople) {
  EXPECT_TRUE(
      ExtractOfficials("A top American official said so on Tuesday.", TestLexicon()).empty());
  EXPECT_TRUE(
      ExtractOfficials("It was signed by the Information Technology Secretary R", TestLexicon())
          .empty());
  const auto initials = ExtractOfficials("Home Minister P. K. Menon arrived.", TestLexicon());
  ASSERT_EQ(initials.size(), 1u);
  EXPECT_EQ(initials[0].name, "P. K. Menon");
}

v1::FuzzyDate Published(int y, int m, int d) {
  v1::FuzzyDate p;
  p.set_year(y);
  p.set_month(m);
  p.set_day(d);
  p.set_precision(v1::DATE_PRECISION_DAY);
  p.set_display(absl::StrFormat("%04d-%02d-%02d", y, m, d));
  return p;
}

TEST(FindDateTest, ResolvesRelativeAndPartialDatesAgainstPublication) {
  const v1::FuzzyDate pub = Published(2026, 11, 20);  // a Friday
  std::string phrase;
  auto date = [&](const std::string& text) {
    std::optional<v1::FuzzyDate> d = FindDate(text, pub, &phrase);
    return d ? d->display() + " " + v1::DateBasis_Name(d->basis()) : std::string("none");
  };
  EXPECT_EQ(date("They met on Tuesday in Geneva."), "2026-11-17 DATE_BASIS_RESOLVED");
  EXPECT_EQ(phrase, "on Tuesday");
  EXPECT_EQ(date("They met on Friday."), "2026-11-20 DATE_BASIS_RESOLVED");
  EXPECT_EQ(date("The pact was signed on July 20, 2009."), "2009-07-20 DATE_BASIS_STATED");
  EXPECT_EQ(date("Signed 3 March 2024 in Paris."), "2024-03-03 DATE_BASIS_STATED");
  EXPECT_EQ(date("Talks held December 2 ended well."), "2025-12-02 DATE_BASIS_RESOLVED");
  EXPECT_EQ(date("He visited in May last year."), "2025-05 DATE_BASIS_RESOLVED");
  EXPECT_EQ(date("He visited in December."), "2025-12 DATE_BASIS_RESOLVED");
  EXPECT_EQ(date("It happened yesterday."), "2026-11-19 DATE_BASIS_RESOLVED");
  EXPECT_EQ(date("Prices rose last month."), "2026-10 DATE_BASIS_RESOLVED");
  EXPECT_EQ(date("She will visit next week."), "2026-11-23/2026-11-29 DATE_BASIS_RESOLVED");
  EXPECT_EQ(date("They may meet again."), "none");  // "may" is no month
  EXPECT_EQ(date("She is visiting from November 16 to 19."),
            "2026-11-16/2026-11-19 DATE_BASIS_RESOLVED");
  EXPECT_EQ(date("Earlier this week, she met the director."),
            "2026-11-16/2026-11-19 DATE_BASIS_RESOLVED");
  EXPECT_EQ(date("He toured the plant earlier this month."), "2026-11 DATE_BASIS_RESOLVED");
  EXPECT_EQ(date("They met in New Delhi January 19-20, 2026."),
            "2026-01-19/2026-01-20 DATE_BASIS_STATED");
  EXPECT_EQ(date("They met on November 16-17."), "2026-11-16/2026-11-17 DATE_BASIS_RESOLVED");
  // The day first: the span's year is its first day's.
  EXPECT_EQ(date("She is in India from 16 to 21 November."),
            "2026-11-16/2026-11-21 DATE_BASIS_RESOLVED");
  EXPECT_EQ(date("He visited from 6-8 May 2026."), "2026-05-06/2026-05-08 DATE_BASIS_STATED");
}

TEST(ExtractArticleTest, EventsFromTriggersWithParticipantsDatesAndPlaces) {
  ExtractionLexicon lexicon = TestLexicon();
  lexicon.AddTrigger(v1::EVENT_KIND_AGREEMENT_SIGNING, "signed");
  lexicon.AddTrigger(v1::EVENT_KIND_MEETING, "talks");
  const Extraction x = ExtractArticle(
      "PARIS, Nov 20 - French Foreign Minister Claire Martin and Japanese Foreign Minister Yoko "
      "Kamikawa signed a cyber pact on Wednesday. Martin said the signed text would be public. "
      "The two held talks in Lyon in May last year.",
      Published(2026, 11, 20), lexicon);
  EXPECT_EQ(x.dateline_city, "Paris");
  // The second mention of the signing merges; the talks, dated by their own
  // sentence, are an event of their own, whose "the two" are the two who
  // signed (group_references.h).
  ASSERT_EQ(x.events.size(), 2u);
  EXPECT_EQ(x.events[1].kind, v1::EVENT_KIND_MEETING);
  ASSERT_TRUE(x.events[1].date.has_value());
  EXPECT_EQ(x.events[1].date->display(), "2025-05");
  EXPECT_EQ(x.events[1].city, "Lyon");
  ASSERT_EQ(x.events[1].participants.size(), 2u);
  EXPECT_EQ(x.officials[x.events[1].participants[0].official].name, "Claire Martin");
  EXPECT_EQ(x.officials[x.events[1].participants[1].official].name, "Yoko Kamikawa");
  const ExtractedEvent& e = x.events[0];
  EXPECT_EQ(e.kind, v1::EVENT_KIND_AGREEMENT_SIGNING);
  ASSERT_TRUE(e.date.has_value());
  EXPECT_EQ(e.date->display(), "2026-11-18");  // not the dateline's Nov 20
  EXPECT_EQ(e.city, "Paris");
  ASSERT_EQ(e.participants.size(), 2u);
  EXPECT_EQ(x.officials[e.participants[0].official].name, "Claire Martin");
  EXPECT_EQ(x.officials[e.participants[1].official].name, "Yoko Kamikawa");
}

// A lexicon with organizations, places and triggers, for whole articles.
ExtractionLexicon ArticleLexicon() {
  ExtractionLexicon lexicon = TestLexicon();
  for (const char* head : {"ministry", "department", "agency", "centre", "team"}) {
    lexicon.AddOrganizationHead(head);
  }
  lexicon.AddPlace("New Delhi", "india");
  lexicon.AddPlace("Tokyo", "japan");
  lexicon.AddTrigger(v1::EVENT_KIND_AGREEMENT_SIGNING, "signed");
  lexicon.AddTrigger(v1::EVENT_KIND_MEETING, "talks");
  lexicon.AddTrigger(v1::EVENT_KIND_MEETING, "met");
  lexicon.AddTrigger(v1::EVENT_KIND_MEETING, "meeting");
  lexicon.AddTrigger(v1::EVENT_KIND_VISIT, "visit");
  lexicon.AddTrigger(v1::EVENT_KIND_VISIT, "arrived");
  lexicon.AddTrigger(v1::EVENT_KIND_VISIT, "visiting");
  lexicon.AddTrigger(v1::EVENT_KIND_DIALOGUE, "dialogue");
  lexicon.AddTrigger(v1::EVENT_KIND_PRESS_CONFERENCE, "press conference");
  lexicon.AddTopicKeyword("cybercrime", "online fraud");
  lexicon.AddKnownOrganization("Ministry of Home Affairs", "india-mha", "india");
  return lexicon;
}

TEST(ExtractArticleTest, OrganizationsWithAcronymsCountriesAndKnownNames) {
  const Extraction x = ExtractArticle(
      "New Delhi: The Indian Computer Emergency Response Team (CERT-In) and France's Cyber "
      "Defence Agency (CDA) met on Monday. The Ministry of Home Affairs and the Energy "
      "Department were briefed.",
      Published(2026, 11, 20), ArticleLexicon());
  std::vector<std::string> found;
  for (const ExtractedOrganization& o : x.organizations) {
    found.push_back(absl::StrCat(o.name, " (", o.acronym, ") ", o.country_id, " ", o.known_id));
  }
  EXPECT_THAT(found,
              ::testing::ElementsAre("Indian Computer Emergency Response Team (CERT-In) india ",
                                     "Cyber Defence Agency (CDA) france ",
                                     "Ministry of Home Affairs () india india-mha",
                                     // Nothing names its country: the dateline's.
                                     "Energy Department () india "));
  EXPECT_EQ(x.dateline_country, "india");
}

// The organization a sentence is attributed to is its source, not a party.
TEST(ExtractArticleTest, TheOrganizationThatSaysSoIsNotAParty) {
  for (const char* text :
       {"New Delhi: The Cyber Defence Agency and the Energy Department held talks on Monday, the "
        "Ministry of Home Affairs said.",
        "New Delhi: The Cyber Defence Agency and the Energy Department held talks on Monday, "
        "according to the Ministry of Home Affairs."}) {
    const Extraction x = ExtractArticle(text, Published(2026, 11, 20), ArticleLexicon());
    ASSERT_EQ(x.events.size(), 1u) << text;
    std::vector<std::string> parties;
    for (size_t o : x.events[0].organizations) parties.push_back(x.organizations[o].name);
    EXPECT_THAT(parties, ::testing::ElementsAre("Cyber Defence Agency", "Energy Department"))
        << text;
  }
}

TEST(ExtractArticleTest, FunctionsFromTheWordsAroundTheNames) {
  const Extraction x = ExtractArticle(
      "TOKYO, Nov 20 - Japan and India held their third cyber dialogue on Thursday. The "
      "Japanese delegation was led by Foreign Minister Yoko Kamikawa, and the meeting was "
      "hosted by Home Minister Ravi Iyer. \"We agreed,\" Kamikawa said.",
      Published(2026, 11, 20), ArticleLexicon());
  ASSERT_EQ(x.events.size(), 1u);
  const ExtractedEvent& e = x.events[0];
  EXPECT_EQ(e.kind, v1::EVENT_KIND_DIALOGUE);
  EXPECT_EQ(e.date->display(), "2026-11-19");
  EXPECT_EQ(e.city, "Tokyo");
  EXPECT_THAT(e.country_ids, ::testing::ElementsAre("japan", "india"));
  std::vector<std::string> people;
  for (const ExtractedParticipant& p : e.participants) {
    people.push_back(
        absl::StrCat(x.officials[p.official].name, " ", v1::ParticipantFunction_Name(p.function)));
  }
  EXPECT_THAT(people,
              ::testing::UnorderedElementsAre("Yoko Kamikawa PARTICIPANT_FUNCTION_DELEGATION_LEAD",
                                              "Ravi Iyer PARTICIPANT_FUNCTION_HOST"));
}

TEST(ExtractArticleTest, VisitsQuotesPlansAndTheStorysDate) {
  const Extraction x = ExtractArticle(
      "New Delhi: Visiting French Foreign Minister Claire Martin arrived on Monday and held talks "
      "with Home Minister Ravi Iyer on Tuesday on online fraud. \"As Deputy Director Ann Lee "
      "said, the talks matter,\" Martin said. The two ministers will meet again in 2030.",
      Published(2026, 11, 20), ArticleLexicon());
  std::vector<std::string> events;
  for (const ExtractedEvent& e : x.events) {
    std::string who;
    for (const ExtractedParticipant& p : e.participants) who += " " + x.officials[p.official].name;
    events.push_back(absl::StrCat(v1::EventKind_Name(e.kind), " ", e.date->display(), who, " [",
                                  absl::StrJoin(e.topics, ","), "]"));
  }
  // The visitor visits; the host she met is in the meeting, not the visit.
  // Ann Lee is quoted, not there; a plan four years ahead is no event.
  EXPECT_THAT(events, ::testing::ElementsAre(
                          "EVENT_KIND_VISIT 2026-11-16 Claire Martin [cybercrime]",
                          "EVENT_KIND_MEETING 2026-11-17 Claire Martin Ravi Iyer [cybercrime]"));
}

TEST(ExtractOfficialsTest, InitialsParenthesesAndUnknownTitleWords) {
  const ExtractionLexicon lexicon =
      ExtractionLexicon::FromLists({"minister", "president", "envoy"}, {"special", "external"},
                                   {"affairs"}, {{"US", "united-states"}});
  const auto found = ExtractOfficials(
      "External Affairs Minister SM Krishna met President (Hamid) Karzai and US Special Envoy "
      "for Climate Change Todd Stern.",
      lexicon);
  std::vector<std::string> names;
  for (const auto& o : found) names.push_back(o.name + " / " + o.title);
  EXPECT_THAT(names, ::testing::ElementsAre("SM Krishna / External Affairs Minister",
                                            "Hamid Karzai / President",
                                            "Todd Stern / Special Envoy for Climate Change"));
}

}  // namespace
}  // namespace parley
