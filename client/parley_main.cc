// parley: the command-line client of a Parley server. Uses only the public
// gRPC API (parley.v1.LookupService, parley.v1.AdminService and
// grpc.health.v1). The commands live in client/cli/; `parley --help` lists
// them and client/cli/exit_status.h gives the exit codes.
#include <iostream>
#include <string>
#include <vector>

#include "client/cli/dispatcher.h"

int main(int argc, char** argv) {
  return parley::cli::RunParley(std::vector<std::string>(argv + 1, argv + argc), std::cout,
                                std::cerr);
}
