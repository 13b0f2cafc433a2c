#pragma once
// MPI start-up and rank queries (docs/architecture.md "Scale"). MPI is initialised only when the
// process was started by an MPI launcher, so a plain `hebbmc run` never touches MPI.
namespace hebbmc::runs::mpi {

/// Initialises MPI for the lifetime of the object if the build has MPI and a launcher started us.
class Session {
 public:
  Session(int* argc, char*** argv);  ///< MPI_Init when applicable
  ~Session();                        ///< MPI_Finalize when initialised
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

 private:
  bool initialised_ = false;
};

/// This process's rank (0 without MPI).
int rank();
/// Number of ranks (1 without MPI).
int size();
/// True when a launcher's environment says several ranks were started (also without MPI support).
bool launched_with_several_ranks();

}  // namespace hebbmc::runs::mpi
