#pragma once
// Stop requests of a run (docs/checkpoints.md): a signal sets a flag that the chains poll between
// sweeps; they checkpoint and unwind with Stopped, and the run exits 130.

namespace hebbmc::runs {

/// True once SIGINT or SIGTERM arrived during a run (installed by SignalGuard).
bool stop_requested();

/// Routes SIGINT/SIGTERM to stop_requested() for its lifetime.
class SignalGuard {
 public:
  SignalGuard();   ///< installs the handlers and clears the flag
  ~SignalGuard();  ///< restores the previous handlers
  SignalGuard(const SignalGuard&) = delete;
  SignalGuard& operator=(const SignalGuard&) = delete;

 private:
  void (*previous_int_)(int);
  void (*previous_term_)(int);
};

/// Thrown from a chain's checkpoint hook after its state was saved because a stop was requested.
struct Stopped {};

}  // namespace hebbmc::runs
