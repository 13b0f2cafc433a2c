#include "runs/driver/mpi_session.hpp"

#include <cstdlib>
#include <string>

#ifdef HEBBMC_HAVE_MPI
#include <mpi.h>
#endif

namespace hebbmc::runs::mpi {

namespace {

// World size announced by Open MPI, MPICH/PMI or PMIx launchers; 0 if none.
int launcher_size() {
  for (const char* var : {"OMPI_COMM_WORLD_SIZE", "PMI_SIZE", "PMIX_SIZE"})
    if (const char* v = std::getenv(var)) return std::atoi(v);
  return 0;
}

int world_rank = 0, world_size = 1;

}  // namespace

bool launched_with_several_ranks() { return launcher_size() > 1; }

Session::Session([[maybe_unused]] int* argc, [[maybe_unused]] char*** argv) {
#ifdef HEBBMC_HAVE_MPI
  if (launcher_size() < 1) return;
  int provided = 0;
  MPI_Init_thread(argc, argv, MPI_THREAD_FUNNELED, &provided);
  initialised_ = true;
  MPI_Comm_rank(MPI_COMM_WORLD, &world_rank);
  MPI_Comm_size(MPI_COMM_WORLD, &world_size);
#endif
}

Session::~Session() {
#ifdef HEBBMC_HAVE_MPI
  if (initialised_) MPI_Finalize();
#endif
}

int rank() { return world_rank; }

int size() { return world_size; }

}  // namespace hebbmc::runs::mpi
