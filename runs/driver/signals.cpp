// Stop requests of a run (runs/driver/signals.hpp).
#include "runs/driver/signals.hpp"

#include <atomic>
#include <csignal>
#include <cstddef>

namespace hebbmc::runs {

namespace {

std::atomic<bool> stop_flag{false};

constexpr int stop_signals[] = {SIGINT, SIGTERM, SIGHUP, SIGXCPU};

extern "C" void on_stop_signal(int) { stop_flag = true; }

}  // namespace

bool stop_requested() { return stop_flag; }

SignalGuard::SignalGuard() {
  stop_flag = false;
  struct sigaction action {};
  action.sa_handler = on_stop_signal;
  sigemptyset(&action.sa_mask);
  action.sa_flags = SA_RESTART;  // interrupted reads and writes continue instead of failing with EINTR
  for (std::size_t i = 0; i < std::size(stop_signals); ++i) sigaction(stop_signals[i], &action, nullptr);
}

// The handlers stay for the rest of the process: a signal between the end of the run and the exit
// (HDF5 shutting down, the lock released) would otherwise kill it with 128 + the signal.
SignalGuard::~SignalGuard() = default;

}  // namespace hebbmc::runs
