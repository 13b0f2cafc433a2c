#include "runs/driver/progress.hpp"

#include <unistd.h>

#include <cmath>
#include <cstdio>

namespace hebbmc::runs {

std::string format_duration(double s) {
  if (!std::isfinite(s)) return "?";
  char buf[32];
  const long t = std::lround(s);
  if (t >= 3600) std::snprintf(buf, sizeof buf, "%ldh%02ldm", t / 3600, (t % 3600) / 60);
  else if (t >= 60) std::snprintf(buf, sizeof buf, "%ldm%02lds", t / 60, t % 60);
  else std::snprintf(buf, sizeof buf, "%lds", t);
  return buf;
}

Progress::Progress(double total, bool enabled)
    : total_(total), enabled_(enabled), tty_(isatty(STDERR_FILENO) != 0), start_(std::chrono::steady_clock::now()) {
  if (enabled_) thread_ = std::thread([this] { monitor(); });
}

Progress::~Progress() { finish(); }

std::string Progress::line(double elapsed) const {
  const double done = done_.load(std::memory_order_relaxed);
  const double frac = total_ > 0 ? std::min(1.0, done / total_) : 1.0;
  const double eta = frac > 0 ? elapsed * (1 - frac) / frac : NAN;
  char buf[160];
  std::snprintf(buf, sizeof buf, "%5.1f%%  points %d/%d  elapsed %s  ETA %s  %.3g pattern-updates/s", 100 * frac,
                points_.load(), total_points_, format_duration(elapsed).c_str(), format_duration(eta).c_str(),
                elapsed > 0 ? done / elapsed : 0.0);
  if (!tty_) return buf;
  const int width = 30, filled = static_cast<int>(frac * width);
  return "\r[" + std::string(filled, '#') + std::string(width - filled, '.') + "] " + buf + "\033[K";
}

void Progress::monitor() {
  // Terminal: redraw twice a second. Log file: a line when the first point is written, then every
  // 10% or every 60 s, whichever first.
  using namespace std::chrono;
  double last_frac = 0;
  bool first_shown = false;
  auto last_line = steady_clock::now();
  const auto first_pending = [&] { return !tty_ && !first_shown && points_.load() > 0; };
  std::unique_lock lock(mutex_);
  for (;;) {
    wake_.wait_for(lock, milliseconds(500), [&] { return stop_ || first_pending(); });
    if (stop_) return;
    const double elapsed = duration<double>(steady_clock::now() - start_).count();
    if (tty_) {
      std::fprintf(stderr, "%s", line(elapsed).c_str());
      std::fflush(stderr);
      continue;
    }
    const double frac = total_ > 0 ? done_.load() / total_ : 1.0;
    if (first_pending() || frac - last_frac >= 0.1 || steady_clock::now() - last_line > seconds(60)) {
      std::fprintf(stderr, "progress: %s\n", line(elapsed).c_str());
      first_shown = first_shown || points_.load() > 0;
      last_frac = frac;
      last_line = steady_clock::now();
    }
  }
}

void Progress::finish() {
  if (!enabled_ || !thread_.joinable()) return;
  {
    std::lock_guard lock(mutex_);
    stop_ = true;
  }
  wake_.notify_all();
  thread_.join();
  const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  std::fprintf(stderr, tty_ ? "%s\n" : "progress: %s\n", line(elapsed).c_str());
}

}  // namespace hebbmc::runs
