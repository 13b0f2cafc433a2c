// Stop requests of a run (runs/driver/signals.hpp).
#include "runs/driver/signals.hpp"

#include <atomic>
#include <csignal>

namespace hebbmc::runs {

namespace {

std::atomic<bool> stop_flag{false};

extern "C" void on_stop_signal(int) { stop_flag = true; }

}  // namespace

bool stop_requested() { return stop_flag; }

SignalGuard::SignalGuard() {
  stop_flag = false;
  previous_int_ = std::signal(SIGINT, on_stop_signal);
  previous_term_ = std::signal(SIGTERM, on_stop_signal);
}

SignalGuard::~SignalGuard() {
  std::signal(SIGINT, previous_int_);
  std::signal(SIGTERM, previous_term_);
}

}  // namespace hebbmc::runs
