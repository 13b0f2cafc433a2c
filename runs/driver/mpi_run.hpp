#pragma once
// `hebbmc run` under MPI with more than one rank (docs/architecture.md "Scale").
#include "runs/input/command_options.hpp"

namespace hebbmc::runs {

#ifdef HEBBMC_HAVE_MPI
/// `hebbmc run` under MPI with more than one rank: rank 0 writes, the others simulate.
int run_distributed(const RunSpec& spec, const CommandOptions& options);
#endif

}  // namespace hebbmc::runs
