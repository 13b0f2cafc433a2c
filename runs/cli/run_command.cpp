// `hebbmc run` (runs/cli/commands.hpp): MPI when launched on several ranks, else one process; with
// --points, of a part of the sweep.
#include "runs/cli/commands.hpp"

#include <optional>

#include "runs/driver/local_run.hpp"
#include "runs/driver/mpi_run.hpp"
#include "runs/driver/mpi_session.hpp"
#include "runs/input/input_error.hpp"
#include "runs/input/point_selection.hpp"

namespace hebbmc::runs {

int run_command(const RunSpec& whole, const CommandOptions& options) {
  // A job-array task computes its part only; without --points the whole spec is not copied.
  std::optional<RunSpec> part;
  if (options.points) part = select_points(whole, options.points);
  const RunSpec& spec = part ? *part : whole;
#ifdef HEBBMC_HAVE_MPI
  if (mpi::size() > 1) return run_distributed(spec, options);
#else
  if (mpi::launched_with_several_ranks())
    throw InputError("command line", 0, "", "this hebbmc was built without MPI (configure with -DHEBBMC_MPI=ON)");
#endif
  return run_local(spec, options);
}

}  // namespace hebbmc::runs
