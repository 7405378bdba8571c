// The parley command line as a function: finds the command among the
// arguments, parses its flags and the global ones (which may come before or
// after the command's name), runs it, and turns its status into the exit
// code and the one error message (client/cli/exit_status.h).
//
//   parley                     general usage on out, exit 2
//   parley [--help|-h|help]    general usage, exit 0
//   parley COMMAND ... --help  the command's usage and flags, exit 0
//   parley [global flags] COMMAND [args and flags]
//
// Thread-safety: RunParley may run on several threads at once only with
// different streams; commands print as they go.
#ifndef PARLEY_CLIENT_CLI_DISPATCHER_H_
#define PARLEY_CLIENT_CLI_DISPATCHER_H_

#include <ostream>
#include <string>
#include <vector>

#include "client/cli/command.h"

namespace parley::cli {

// args: argv without the program name. Returns the exit code.
int RunParley(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

// Every command, in the order of the help.
CommandRegistry BuiltInCommands();

// What `parley --help` prints: every command with its description.
std::string GeneralUsage(const CommandRegistry& registry);

// What `parley COMMAND --help` prints: usage, description, the command's own
// flags, then the global flags.
std::string CommandUsage(const Command& command);

}  // namespace parley::cli

#endif  // PARLEY_CLIENT_CLI_DISPATCHER_H_
