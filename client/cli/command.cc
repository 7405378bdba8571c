#include "client/cli/command.h"

#include <cstdlib>
#include <iostream>
#include <utility>

namespace parley::cli {

void CommandRegistry::Add(Command command) {
  if (Find(command.name) != nullptr) {
    std::cerr << "parley: internal error: command " << command.name << " added twice\n";
    std::abort();
  }
  commands_.push_back(std::move(command));
}

const Command* CommandRegistry::Find(absl::string_view name) const {
  for (const Command& command : commands_) {
    if (command.name == name) return &command;
  }
  return nullptr;
}

}  // namespace parley::cli
