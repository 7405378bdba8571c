#include "client/cli/event_filter_flags.h"

#include <string>

#include "absl/strings/ascii.h"
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

}  // namespace parley::cli
