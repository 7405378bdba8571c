#include "client/cli/event_filter_flags.h"

#include <string>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "client/cli/common_flags.h"

namespace parley::cli {
namespace {

// The id of the entity that the name in flag means, added to ids.
absl::Status AddResolvedId(CommandContext& context, absl::string_view flag, v1::EntityKind kind,
                           google::protobuf::RepeatedPtrField<std::string>* ids) {
  const std::string& name = context.flags().GetString(flag);
  if (name.empty()) return absl::OkStatus();
  absl::StatusOr<v1::Entity> entity = context.Resolve(name, kind);
  if (!entity.ok()) return entity.status();
  ids->Add(std::string(entity->id()));
  return absl::OkStatus();
}

}  // namespace

void DeclareEventFilterFlags(FlagSet& flags) {
  flags.AddList("topic",
                "Topic id(s), comma-separated or repeated; 'cyber' includes its sub-topics");
  flags.AddString("from", "", "Earliest date: YYYY, YYYY-MM or YYYY-MM-DD (overlap semantics)");
  flags.AddString("to", "", "Latest date: YYYY, YYYY-MM or YYYY-MM-DD (overlap semantics)");
  flags.AddList("kind",
                "Event kind(s): meeting, dialogue, agreement-signing (signing, mou), visit, "
                "statement, announcement, press-conference, incident");
  flags.AddString("person", "", "Only events with this person (a name)");
  flags.AddString("country", "", "Only events involving this country (a name)");
  flags.AddString("org", "", "Only events involving this organization (a name)");
  flags.AddString("title", "", "Only events with all these words in their title");
  flags.AddString("place", "",
                  "Only events held at this place or within it (\"New Delhi\" includes "
                  "Hyderabad House), or in this country");
  AddExtractedFactFlags(flags);
}

absl::StatusOr<v1::EventFilter> EventFilterFromFlags(CommandContext& context) {
  const FlagSet& flags = context.flags();
  v1::EventFilter filter;
  // Topic ids are lowercase: "--topic Cyber" is cyber.
  for (const std::string& topic : flags.GetList("topic")) {
    filter.add_topics(absl::AsciiStrToLower(topic));
  }
  filter.set_from_date(flags.GetString("from"));
  filter.set_to_date(flags.GetString("to"));
  filter.set_title_words(flags.GetString("title"));
  filter.set_place(flags.GetString("place"));
  for (const std::string& kind : flags.GetList("kind")) {
    absl::StatusOr<v1::EventKind> value = ParseEnumFlag<v1::EventKind>(
        "kind", kind, "EVENT_KIND_", v1::EventKind_Parse,
        {{"SIGNING", "AGREEMENT_SIGNING"}, {"MOU", "AGREEMENT_SIGNING"}});
    if (!value.ok()) return value.status();
    filter.add_kinds(*value);
  }
  struct NameFlag {
    const char* flag;
    v1::EntityKind kind;
    google::protobuf::RepeatedPtrField<std::string>* ids;
  };
  for (const NameFlag& named :
       {NameFlag{"person", v1::ENTITY_KIND_PERSON, filter.mutable_participant_ids()},
        NameFlag{"country", v1::ENTITY_KIND_COUNTRY, filter.mutable_country_ids()},
        NameFlag{"org", v1::ENTITY_KIND_ORGANIZATION, filter.mutable_organization_ids()}}) {
    if (absl::Status status = AddResolvedId(context, named.flag, named.kind, named.ids);
        !status.ok()) {
      return status;
    }
  }
  return filter;
}

void DeclareOrderFlag(FlagSet& flags) { flags.AddBool("desc", false, "Newest first"); }

v1::EventOrder EventOrderFromFlags(const FlagSet& flags) {
  return flags.GetBool("desc") ? v1::EVENT_ORDER_DATE_DESCENDING : v1::EVENT_ORDER_DATE_ASCENDING;
}

void DeclareFunctionFlag(FlagSet& flags) {
  flags.AddList("function",
                "Only participants with this function: signatory, delegation-lead, host, "
                "counterpart, member, spokesperson, visitor");
}

absl::StatusOr<std::vector<v1::ParticipantFunction>> FunctionsFromFlags(const FlagSet& flags) {
  std::vector<v1::ParticipantFunction> functions;
  for (const std::string& function : flags.GetList("function")) {
    absl::StatusOr<v1::ParticipantFunction> value = ParseEnumFlag<v1::ParticipantFunction>(
        "function", function, "PARTICIPANT_FUNCTION_", v1::ParticipantFunction_Parse);
    if (!value.ok()) return value.status();
    functions.push_back(*value);
  }
  return functions;
}

void DeclareFacetAndFieldFlags(FlagSet& flags) {
  flags.AddList("facets",
                "Also count the whole result by: year, kind, country, topic, organization");
  flags.AddList("fields",
                "Only these fields of each result, e.g. id,title,date.display (a read mask; "
                "with --format json or jsonl)");
}

absl::StatusOr<std::vector<v1::FacetField>> FacetsFromFlags(const FlagSet& flags) {
  std::vector<v1::FacetField> facets;
  for (const std::string& name : flags.GetList("facets")) {
    absl::StatusOr<v1::FacetField> value = ParseEnumFlag<v1::FacetField>(
        "facets", name, "FACET_FIELD_", v1::FacetField_Parse,
        {{"ORG", "ORGANIZATION"}, {"DATE", "YEAR"}});
    if (!value.ok()) return value.status();
    facets.push_back(*value);
  }
  return facets;
}

absl::Status ReadMaskFromFlags(const CommandContext& context, google::protobuf::FieldMask* mask) {
  const std::vector<std::string>& fields = context.flags().GetList("fields");
  if (fields.empty()) return absl::OkStatus();
  if (context.format() != "json" && context.format() != "jsonl") {
    return absl::InvalidArgumentError(
        absl::StrCat("--fields leaves columns empty in --format=", context.format(),
                     ": use it with --format=json or --format=jsonl"));
  }
  for (const std::string& f : fields) mask->add_paths(f);
  return absl::OkStatus();
}

void PrintFacets(CommandContext& context,
                 const google::protobuf::RepeatedPtrField<v1::Facet>& facets) {
  if (context.format() != "table") return;
  for (const v1::Facet& facet : facets) {
    std::string name(v1::FacetField_Name(facet.field()));
    name = absl::AsciiStrToLower(name.substr(sizeof("FACET_FIELD_") - 1));
    std::vector<std::string> buckets;
    for (const v1::FacetBucket& b : facet.buckets()) {
      buckets.push_back(absl::StrCat(b.label().empty() ? b.value() : b.label(), " ", b.count()));
    }
    context.out() << "By " << name << ": " << absl::StrJoin(buckets, ", ") << "\n";
  }
}

}  // namespace parley::cli
