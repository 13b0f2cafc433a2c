#pragma once
// Stop requests of a run (docs/checkpoints.md): SIGINT, SIGTERM, SIGHUP and SIGXCPU (a batch
// system's time or CPU limit, a closed terminal) set a flag that the chains poll between sweeps;
// they checkpoint and unwind with Stopped, and the run exits 130.

namespace hebbmc::runs {

/// True once one of the stop signals arrived during a run (installed by SignalGuard).
bool stop_requested();

/// Routes the stop signals to stop_requested() for its lifetime. Further signals only set the
/// flag again, so a second signal cannot interrupt a checkpoint or the closing of the output.
class SignalGuard {
 public:
  SignalGuard();   ///< installs the handlers and clears the flag
  ~SignalGuard();  ///< leaves the handlers installed until the process exits
  SignalGuard(const SignalGuard&) = delete;
  SignalGuard& operator=(const SignalGuard&) = delete;
};

/// Thrown from a chain's checkpoint hook after its state was saved because a stop was requested.
struct Stopped {};

}  // namespace hebbmc::runs
