// The flags that choose events, shared by the commands that list events or
// draw them (events, who, graph, timeline): topics, dates, kinds, person,
// country and organization, the order, participants' functions, and the
// extracted-facts filter; and the EventFilter they make.
//
// Thread-safety: stateless functions.
#ifndef PARLEY_CLIENT_CLI_EVENT_FILTER_FLAGS_H_
#define PARLEY_CLIENT_CLI_EVENT_FILTER_FLAGS_H_

#include <vector>

#include "absl/status/statusor.h"
#include "client/cli/command_context.h"
#include "client/cli/flag_set.h"
#include "parley/v1/lookup_service.pb.h"

namespace parley::cli {

// --topic, --from, --to, --kind, --person, --country, --org, and
// --curated_only and --min_confidence.
void DeclareEventFilterFlags(FlagSet& flags);

// The filter of those flags; the names of --person, --country and --org
// resolved to ids (CommandContext::Resolve, which says how on err).
// INVALID_ARGUMENT naming the flag for an unknown --kind.
absl::StatusOr<v1::EventFilter> EventFilterFromFlags(CommandContext& context);

// --desc, and the order it asks for (oldest first without it).
void DeclareOrderFlag(FlagSet& flags);
v1::EventOrder EventOrderFromFlags(const FlagSet& flags);

// --function, and the functions it names. INVALID_ARGUMENT naming the
// flag for an unknown one.
void DeclareFunctionFlag(FlagSet& flags);
absl::StatusOr<std::vector<v1::ParticipantFunction>> FunctionsFromFlags(const FlagSet& flags);

// --facets (counts of the whole result by year, kind, country, topic,
// organization) and --fields (a read mask: only these fields of each
// result, with --format json or jsonl).
void DeclareFacetAndFieldFlags(FlagSet& flags);
// Sets request's facets and read_mask from them. INVALID_ARGUMENT naming the
// flag for an unknown facet, or --fields with a format that prints columns.
absl::StatusOr<std::vector<v1::FacetField>> FacetsFromFlags(const FlagSet& flags);
absl::Status ReadMaskFromFlags(const CommandContext& context, google::protobuf::FieldMask* mask);
template <typename Request>
absl::Status FacetsAndFieldsFromFlags(const CommandContext& context, Request* request) {
  absl::StatusOr<std::vector<v1::FacetField>> facets = FacetsFromFlags(context.flags());
  if (!facets.ok()) return facets.status();
  for (v1::FacetField f : *facets) request->add_facets(f);
  return ReadMaskFromFlags(context, request->mutable_read_mask());
}

// The facets as lines under a table ("By year: 2011 9, 2016 4"); nothing
// for other formats, whose JSON carries them.
void PrintFacets(CommandContext& context,
                 const google::protobuf::RepeatedPtrField<v1::Facet>& facets);

}  // namespace parley::cli

#endif  // PARLEY_CLIENT_CLI_EVENT_FILTER_FLAGS_H_
