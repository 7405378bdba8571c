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

}  // namespace parley::cli

#endif  // PARLEY_CLIENT_CLI_EVENT_FILTER_FLAGS_H_
