// `hebbmc run` (runs/cli/commands.hpp): MPI when launched on several ranks, else one process; with
// --points, of a part of the sweep.
#include "runs/cli/commands.hpp"
#include "runs/driver/local_run.hpp"
#include "runs/driver/mpi_run.hpp"
#include "runs/driver/mpi_session.hpp"
#include "runs/input/input_error.hpp"
#include "runs/input/point_selection.hpp"

namespace hebbmc::runs {

int run_command(const RunSpec& whole, const CommandOptions& options) {
  const RunSpec spec = select_points(whole, options.points);  // a job-array task computes its part only
#ifdef HEBBMC_HAVE_MPI
  if (mpi::size() > 1) return run_distributed(spec, options);
#else
  if (mpi::launched_with_several_ranks())
    throw InputError("command line", 0, "", "this hebbmc was built without MPI (configure with -DHEBBMC_MPI=ON)");
#endif
  return run_local(spec, options);
}

}  // namespace hebbmc::runs
