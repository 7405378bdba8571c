// Deterministic synthetic corpora: see synthetic_corpus.h.
#include "service/corpus/synthetic_corpus.h"

#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "service/base/dates.h"

namespace {

namespace fs = std::filesystem;

class Random {
 public:
  explicit Random(uint64_t seed) : state_(seed) {}
  uint64_t Next() {  // SplitMix64
    uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  size_t Below(size_t n) { return static_cast<size_t>(Next() % n); }
  bool Chance(int percent) { return Below(100) < static_cast<size_t>(percent); }
  template <typename T>
  const T& Pick(const std::vector<T>& v) {
    return v[Below(v.size())];
  }

 private:
  uint64_t state_;
};

const std::vector<std::string> kFirstNames = {
    "Aarav",   "Aditi",    "Ajay",    "Amit",    "Ananya",   "Anil",      "Anita",       "Arjun",
    "Arun",    "Asha",     "Deepak",  "Divya",   "Gaurav",   "Geeta",     "Harish",      "Indira",
    "Kavita",  "Kiran",    "Krishna", "Lakshmi", "Manish",   "Meera",     "Mohan",       "Nandini",
    "Neha",    "Nikhil",   "Pooja",   "Pradeep", "Priya",    "Rahul",     "Rajesh",      "Ramesh",
    "Ravi",    "Rekha",    "Rohit",   "Sanjay",  "Sarita",   "Shreya",    "Sunil",       "Sunita",
    "Suresh",  "Tara",     "Usha",    "Vijay",   "Vikram",   "Vinod",     "Yash",        "Zoya",
    "Alice",   "Andrew",   "Barbara", "Brian",   "Carol",    "Charles",   "Christopher", "Daniel",
    "David",   "Deborah",  "Donald",  "Dorothy", "Edward",   "Elizabeth", "Emily",       "Eric",
    "George",  "Helen",    "James",   "Janet",   "Jason",    "Jennifer",  "Jessica",     "John",
    "Joseph",  "Karen",    "Kenneth", "Kevin",   "Kimberly", "Kristie",   "Laura",       "Linda",
    "Lisa",    "Margaret", "Maria",   "Mark",    "Mary",     "Matthew",   "Michael",     "Michelle",
    "Nancy",   "Patricia", "Paul",    "Richard", "Robert",   "Ronald",    "Sandra",      "Sarah",
    "Steven",  "Susan",    "Thomas",  "Timothy", "William",  "Wei",       "Li",          "Yuki",
    "Hiroshi", "Olga",     "Ivan",    "Fatima",  "Ahmed",    "Omar",      "Leila",       "Carlos",
    "Lucia",   "Jean",     "Claire",  "Hans",    "Ingrid",   "Pedro",     "Ana",         "Kwame",
    "Amara",   "Chen",     "Mei"};

const std::vector<std::string> kSurnames = {
    "Sharma",     "Verma",       "Gupta",      "Singh",       "Kumar",        "Patel",
    "Shah",       "Mehta",       "Iyer",       "Nair",        "Reddy",        "Rao",
    "Das",        "Bose",        "Chatterjee", "Banerjee",    "Mukherjee",    "Kapoor",
    "Malhotra",   "Khanna",      "Joshi",      "Kulkarni",    "Desai",        "Pillai",
    "Menon",      "Chidambaram", "Krishnan",   "Subramanian", "Venkataraman", "Srinivasan",
    "Agarwal",    "Bhatia",      "Chopra",     "Dutta",       "Ghosh",        "Jain",
    "Kwatra",     "Mishra",      "Pandey",     "Saxena",      "Sinha",        "Tiwari",
    "Trivedi",    "Yadav",       "Smith",      "Johnson",     "Williams",     "Brown",
    "Jones",      "Miller",      "Davis",      "Wilson",      "Anderson",     "Taylor",
    "Thomas",     "Moore",       "Martin",     "Jackson",     "Thompson",     "White",
    "Harris",     "Clark",       "Lewis",      "Robinson",    "Walker",       "Young",
    "Allen",      "King",        "Wright",     "Scott",       "Hill",         "Green",
    "Adams",      "Baker",       "Nelson",     "Carter",      "Mitchell",     "Roberts",
    "Turner",     "Phillips",    "Campbell",   "Parker",      "Evans",        "Edwards",
    "Collins",    "Stewart",     "Morris",     "Murphy",      "Cook",         "Rogers",
    "Napolitano", "Painter",     "Canegallo",  "Lute",        "Holbrooke",    "Sullivan",
    "Morgan",     "Cooper",      "Wang",       "Zhang",       "Liu",          "Tanaka",
    "Suzuki",     "Ivanov",      "Petrov",     "Khan",        "Hussain",      "Garcia",
    "Rodriguez",  "Martinez",    "Lopez",      "Dubois",      "Laurent",      "Schmidt",
    "Muller",     "Silva",       "Santos",     "Mensah",      "Okafor",       "Nguyen",
    "Tran",       "Kim",         "Park",       "Lee",         "Choi",         "Cohen",
    "Levi"};

const std::vector<std::pair<std::string, std::string>> kCountries = {
    {"India", "Indian"},
    {"United States", "American"},
    {"Pakistan", "Pakistani"},
    {"China", "Chinese"},
    {"Japan", "Japanese"},
    {"Russia", "Russian"},
    {"France", "French"},
    {"Germany", "German"},
    {"United Kingdom", "British"},
    {"Brazil", "Brazilian"},
    {"Australia", "Australian"},
    {"Canada", "Canadian"},
    {"Israel", "Israeli"},
    {"Singapore", "Singaporean"},
    {"Indonesia", "Indonesian"},
    {"Vietnam", "Vietnamese"},
    {"South Korea", "South Korean"},
    {"Bangladesh", "Bangladeshi"},
    {"Nepal", "Nepalese"},
    {"Sri Lanka", "Sri Lankan"},
    {"Egypt", "Egyptian"},
    {"Kenya", "Kenyan"},
    {"Nigeria", "Nigerian"},
    {"South Africa", "South African"},
    {"Mexico", "Mexican"},
    {"Argentina", "Argentine"},
    {"Chile", "Chilean"},
    {"Spain", "Spanish"},
    {"Italy", "Italian"},
    {"Netherlands", "Dutch"},
    {"Sweden", "Swedish"},
    {"Norway", "Norwegian"},
    {"Finland", "Finnish"},
    {"Poland", "Polish"},
    {"Ukraine", "Ukrainian"},
    {"Turkey", "Turkish"},
    {"Iran", "Iranian"},
    {"Saudi Arabia", "Saudi"},
    {"United Arab Emirates", "Emirati"},
    {"Qatar", "Qatari"},
    {"Malaysia", "Malaysian"},
    {"Thailand", "Thai"},
    {"Philippines", "Filipino"},
    {"New Zealand", "New Zealander"},
    {"Ireland", "Irish"},
    {"Portugal", "Portuguese"},
    {"Greece", "Greek"},
    {"Switzerland", "Swiss"},
    {"Austria", "Austrian"},
    {"Belgium", "Belgian"},
    {"Denmark", "Danish"},
    {"Estonia", "Estonian"},
    {"Mongolia", "Mongolian"},
    {"Kazakhstan", "Kazakh"},
    {"Morocco", "Moroccan"},
    {"Ghana", "Ghanaian"},
    {"Ethiopia", "Ethiopian"},
    {"Peru", "Peruvian"},
    {"Colombia", "Colombian"},
    {"Maldives", "Maldivian"}};

const std::vector<std::string> kCities = {
    "New Delhi", "Washington", "Mumbai", "New York", "Bengaluru", "Geneva",    "London",
    "Tokyo",     "Singapore",  "Paris",  "Berlin",   "Chennai",   "Hyderabad", "San Francisco",
    "Brussels",  "Canberra",   "Ottawa", "Seoul",    "Jakarta",   "Nairobi"};

const std::vector<std::string> kOrgKinds = {
    "Ministry of", "Department of",  "National Agency for", "Office of",  "Directorate of",
    "Bureau of",   "Commission for", "Centre for",          "Council on", "Institute of"};
const std::vector<std::string> kOrgSubjects = {"Cyber Security",
                                               "Homeland Security",
                                               "External Affairs",
                                               "Home Affairs",
                                               "Information Technology",
                                               "Electronics and Information Technology",
                                               "Defence",
                                               "Critical Infrastructure Protection",
                                               "Law Enforcement",
                                               "Telecommunications",
                                               "Digital Forensics",
                                               "Strategic Studies",
                                               "Counter-Terrorism",
                                               "Emergency Response",
                                               "Data Protection",
                                               "Financial Intelligence",
                                               "Space Research",
                                               "Internal Security",
                                               "Communications",
                                               "Public Safety"};
const std::vector<std::string> kTitles = {"Minister",
                                          "Secretary",
                                          "Deputy Secretary",
                                          "Joint Secretary",
                                          "Director General",
                                          "Director",
                                          "Ambassador",
                                          "Coordinator for Cyber Issues",
                                          "Special Envoy",
                                          "Chief Adviser",
                                          "Under Secretary",
                                          "Commissioner",
                                          "National Security Adviser",
                                          "Deputy Minister"};
const std::vector<std::string> kTopics = {"cyber-security",    "cybercrime",
                                          "homeland-security", "counter-terrorism",
                                          "law-enforcement",   "strategic-partnership"};
const std::vector<std::string> kTopicWords = {"cyber security",    "cybercrime",
                                              "homeland security", "counter-terrorism",
                                              "law enforcement",   "the strategic partnership"};
const std::vector<std::string> kMonths = {"January",   "February", "March",    "April",
                                          "May",       "June",     "July",     "August",
                                          "September", "October",  "November", "December"};

std::string Quoted(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

std::string Acronym(const std::string& name) {
  std::string out;
  bool start = true;
  for (char c : name) {
    if (start && c >= 'A' && c <= 'Z') out += c;
    start = c == ' ' || c == '-';
  }
  return out;
}

struct Person {
  std::string id, name, alias, title;
  size_t org = 0, country = 0;
  std::vector<std::pair<size_t, std::string>> evidence;  // (document, quote)
};
struct Org {
  std::string id, name, acronym;
  size_t country = 0;
};

// Writes records to numbered files of at most kPerFile records each, so that
// no single file is huge.
class KbWriter {
 public:
  KbWriter(fs::path dir, std::string stem) : dir_(std::move(dir)), stem_(std::move(stem)) {}
  void Add(const std::string& record) {
    if (count_ % kPerFile == 0) {
      out_.close();
      out_.open(dir_ / absl::StrFormat("%s-%04d.textproto", stem_, count_ / kPerFile));
      out_ << "# Generated by tools/gen_corpus.\n# proto-message: parley.v1.KnowledgeBase\n\n";
    }
    out_ << record;
    ++count_;
  }

 private:
  static constexpr int64_t kPerFile = 20000;
  fs::path dir_;
  std::string stem_;
  std::ofstream out_;
  int64_t count_ = 0;
};

}  // namespace

namespace {

struct Sizes {
  size_t countries, orgs, people, documents, events;
};

// Organizations: "<kind> <subject>" with a country prefix when needed to
// keep names unique, and acronyms that collide now and then.
std::vector<Org> MakeOrganizations(const Sizes& sizes, Random& rng) {
  std::vector<Org> org_list(sizes.orgs);
  absl::flat_hash_set<std::string> org_names;
  for (size_t i = 0; i < sizes.orgs; ++i) {
    Org& o = org_list[i];
    o.id = absl::StrFormat("org-%07d", i);
    o.country = rng.Below(sizes.countries);
    std::string base = absl::StrCat(rng.Pick(kOrgKinds), " ", rng.Pick(kOrgSubjects));
    o.name = absl::StrCat(kCountries[o.country].second, " ", base);
    for (int k = 2; !org_names.insert(o.name).second; ++k) {
      o.name = absl::StrCat(kCountries[o.country].second, " ", base, " ", k);
    }
    o.acronym = Acronym(o.name);
  }
  return org_list;
}

std::vector<Person> MakePeople(const Sizes& sizes, const std::vector<Org>& org_list, Random& rng) {
  std::vector<Person> person_list(sizes.people);
  for (size_t i = 0; i < sizes.people; ++i) {
    Person& p = person_list[i];
    p.id = absl::StrFormat("person-%07d", i);
    const std::string& first = rng.Pick(kFirstNames);
    const std::string& last = rng.Pick(kSurnames);
    p.name = rng.Chance(20)
                 ? absl::StrCat(first, " ", std::string(1, 'A' + rng.Below(26)), ". ", last)
                 : absl::StrCat(first, " ", last);
    if (rng.Chance(50)) p.alias = absl::StrCat(first.substr(0, 1), ". ", last);
    p.title = rng.Pick(kTitles);
    p.org = sizes.orgs > 0 ? rng.Below(sizes.orgs) : 0;
    p.country = sizes.orgs > 0 ? org_list[p.org].country : rng.Below(sizes.countries);
  }
  return person_list;
}

// Filler after an event's sentence: other entities mentioned, not taking part.
void AppendFiller(const std::vector<Org>& org_list, const std::vector<Person>& person_list,
                  Random& rng, std::string* text) {
  for (int f = 0; f < 3; ++f) {
    if (rng.Chance(50) && !org_list.empty()) {
      const Org& o = org_list[rng.Below(org_list.size())];
      absl::StrAppend(text, "Officials of the ", o.name, " (", o.acronym, ") were briefed on ",
                      rng.Pick(kTopicWords), ".\n");
    } else {
      const Person& p = person_list[rng.Below(person_list.size())];
      absl::StrAppend(text, p.alias.empty() ? p.name : p.alias,
                      " said cooperation would continue.\n");
    }
  }
}

// One event: told in document d by a sentence unique in it, and its record.
void AddEvent(size_t e, size_t d, const std::vector<Org>& org_list,
              std::vector<Person>& person_list, Random& rng, std::string* text,
              KbWriter* event_out) {
  const int year = 2005 + static_cast<int>(rng.Below(20));
  const int month = 1 + static_cast<int>(rng.Below(12));
  const int day = 1 + static_cast<int>(rng.Below(28));
  const std::string city = rng.Pick(kCities);
  const size_t topic = rng.Below(kTopics.size());
  const size_t count = 2 + rng.Below(3);
  std::vector<size_t> who;
  while (who.size() < count) {
    const size_t p = rng.Below(person_list.size());
    if (std::find(who.begin(), who.end(), p) == who.end()) who.push_back(p);
  }
  std::vector<std::string> named;
  for (size_t p : who) {
    const Person& person = person_list[p];
    named.push_back(
        absl::StrCat(kCountries[person.country].second, " ", person.title, " ", person.name));
  }
  const bool signing = rng.Chance(20);
  // "(ref e)" makes the sentence unique in its document.
  const std::string sentence = absl::StrCat(
      city, ": ", absl::StrJoin(named.begin(), named.end() - 1, ", "), " and ", named.back(),
      signing ? " signed a memorandum of understanding on " : " held talks on ", kTopicWords[topic],
      " on ", kMonths[month - 1], " ", day, ", ", year, " (ref ", e, ").");
  absl::StrAppend(text, sentence, "\n");
  AppendFiller(org_list, person_list, rng, text);
  const std::string document = absl::StrFormat("doc-%06d", d);
  std::string record =
      absl::StrCat("events {\n  id: \"event-", absl::StrFormat("%07d", e),
                   "\"\n  kind: ", signing ? "EVENT_KIND_AGREEMENT_SIGNING" : "EVENT_KIND_MEETING",
                   "\n  title: ",
                   Quoted(absl::StrCat(signing ? "MoU on " : "Talks on ", kTopicWords[topic],
                                       " in ", city, " (", e, ")")),
                   "\n  date: \"", parley::MakeFuzzyDate(year, month, day).display(),
                   "\" date_basis: DATE_BASIS_STATED\n  city: ", Quoted(city), "\n  topics: \"",
                   kTopics[topic], "\"\n");
  for (size_t p : who) {
    Person& person = person_list[p];
    absl::StrAppend(&record, "  participants {\n    entity: \"", person.id,
                    "\" title: ", Quoted(person.title), "\n    function: ",
                    signing ? "PARTICIPANT_FUNCTION_SIGNATORY" : "PARTICIPANT_FUNCTION_MEMBER",
                    "\n    evidence { document: \"", document, "\" quote: ", Quoted(sentence),
                    " }\n  }\n");
    if (person.evidence.size() < 2) person.evidence.emplace_back(d, sentence);
  }
  absl::StrAppend(&record, "  evidence { document: \"", document, "\" quote: ", Quoted(sentence),
                  " }\n}\n");
  event_out->Add(record);
}

void WriteTopics(const fs::path& kb) {
  std::ofstream topics(kb / "topics.textproto");
  topics
      << "topics { id: \"cyber\" name: \"Cyber (all)\" }\n"
         "topics { id: \"cyber-security\" name: \"Cyber security\" parent: \"cyber\" }\n"
         "topics { id: \"cybercrime\" name: \"Cybercrime\" parent: \"cyber\" }\n"
         "topics { id: \"security\" name: \"Security (all)\" }\n"
         "topics { id: \"homeland-security\" name: \"Homeland security\" parent: \"security\" }\n"
         "topics { id: \"counter-terrorism\" name: \"Counter-terrorism\" parent: \"security\" }\n"
         "topics { id: \"law-enforcement\" name: \"Law enforcement\" parent: \"security\" }\n"
         "topics { id: \"strategic-partnership\" name: \"Strategic partnership\" }\n";
}

void WriteEntities(const fs::path& kb, size_t countries, const std::vector<Org>& org_list,
                   const std::vector<Person>& person_list) {
  KbWriter entity_out(kb, "entities");
  for (size_t c = 0; c < countries; ++c) {
    entity_out.Add(absl::StrFormat(
        "entities { id: \"country-%03d\" kind: ENTITY_KIND_COUNTRY name: %s demonyms: %s }\n", c,
        Quoted(kCountries[c].first), Quoted(kCountries[c].second)));
  }
  for (const Org& o : org_list) {
    entity_out.Add(
        absl::StrFormat("entities { id: \"%s\" kind: ENTITY_KIND_ORGANIZATION name: %s aliases: %s "
                        "country: \"country-%03d\" }\n",
                        o.id, Quoted(o.name), Quoted(o.acronym), o.country));
  }
  for (const Person& p : person_list) {
    std::string record = absl::StrFormat(
        "entities {\n  id: \"%s\" kind: ENTITY_KIND_PERSON name: %s\n  country: \"country-%03d\"\n",
        p.id, Quoted(p.name), p.country);
    if (!p.alias.empty()) absl::StrAppend(&record, "  aliases: ", Quoted(p.alias), "\n");
    absl::StrAppend(&record, "  positions {\n    title: ", Quoted(p.title), "\n    country: \"",
                    absl::StrFormat("country-%03d", p.country), "\"\n");
    if (!org_list.empty()) {
      absl::StrAppend(&record, "    organization: \"", org_list[p.org].id, "\"\n");
    }
    for (const auto& [d, quote] : p.evidence) {
      absl::StrAppend(&record, "    evidence { document: \"doc-", absl::StrFormat("%06d", d),
                      "\" quote: ", Quoted(quote), " }\n");
    }
    absl::StrAppend(&record, "  }\n}\n");
    entity_out.Add(record);
  }
}

}  // namespace

namespace parley {

absl::StatusOr<SyntheticCorpusInfo> WriteSyntheticCorpus(const std::string& dir, int64_t n,
                                                         uint64_t seed) {
  const fs::path out = dir;
  if (out.empty() || n < 100) {
    return absl::InvalidArgumentError("give a directory and at least 100 entities");
  }
  std::error_code ec;
  if (fs::exists(out, ec) && !fs::is_empty(out, ec)) {
    return absl::FailedPreconditionError(absl::StrCat(dir, " exists and is not empty"));
  }
  fs::create_directories(out / "articles", ec);
  fs::create_directories(out / "kb", ec);
  if (ec) return absl::InternalError(absl::StrCat("cannot create ", dir, ": ", ec.message()));
  Random rng(seed);

  Sizes sizes;
  sizes.countries = std::min<size_t>(kCountries.size(), std::max<int64_t>(2, n * 3 / 100));
  sizes.orgs = static_cast<size_t>(n / 10);
  sizes.people = static_cast<size_t>(n) - sizes.countries - sizes.orgs;
  sizes.documents = std::max<size_t>(5, static_cast<size_t>(n / 10));
  sizes.events = std::max<size_t>(5, static_cast<size_t>(n / 20));
  const std::vector<Org> org_list = MakeOrganizations(sizes, rng);
  std::vector<Person> person_list = MakePeople(sizes, org_list, rng);

  // Documents and events: each event is told in one document by a sentence
  // that is unique in it; filler sentences mention other entities.
  std::vector<std::string> texts(sizes.documents);
  std::vector<std::string> dates(sizes.documents);
  for (size_t d = 0; d < sizes.documents; ++d) {
    // Drawn day first: the order the generator has always used, so that a
    // seed keeps giving the same corpus.
    const int day = 1 + static_cast<int>(rng.Below(28));
    const int month = 1 + static_cast<int>(rng.Below(12));
    const int year = 2005 + static_cast<int>(rng.Below(20));
    dates[d] = parley::MakeFuzzyDate(year, month, day).display();
    texts[d] = absl::StrCat("Report ", d, " on cooperation\n\n");
  }
  {
    KbWriter event_out(out / "kb", "events");
    for (size_t e = 0; e < sizes.events; ++e) {
      const size_t d = e % sizes.documents;
      AddEvent(e, d, org_list, person_list, rng, &texts[d], &event_out);
    }
  }
  for (size_t d = 0; d < sizes.documents; ++d) {
    std::ofstream(out / "articles" / absl::StrFormat("doc-%06d.txt", d)) << texts[d];
  }
  WriteTopics(out / "kb");
  KbWriter doc_out(out / "kb", "documents");
  for (size_t d = 0; d < sizes.documents; ++d) {
    doc_out.Add(absl::StrFormat(
        "documents { id: \"doc-%06d\" file: \"doc-%06d.txt\" title: \"Report %d on cooperation\" "
        "publisher: \"Synthetic Wire %d\" published: \"%s\" published_basis: DATE_BASIS_STATED }\n",
        d, d, d, d % 7, dates[d]));
  }
  WriteEntities(out / "kb", sizes.countries, org_list, person_list);

  SyntheticCorpusInfo info;
  info.countries = sizes.countries;
  info.organizations = sizes.orgs;
  info.people = sizes.people;
  info.documents = sizes.documents;
  info.events = sizes.events;
  for (const Person& p : person_list) {
    if (info.sample_names.size() < 64) info.sample_names.push_back(p.name);
    if (info.sample_aliases.size() < 64 && !p.alias.empty()) info.sample_aliases.push_back(p.alias);
    if (info.sample_person_ids.size() < 64) info.sample_person_ids.push_back(p.id);
  }
  for (const Org& o : org_list) {
    if (info.sample_acronyms.size() < 64) info.sample_acronyms.push_back(o.acronym);
  }
  return info;
}

}  // namespace parley
