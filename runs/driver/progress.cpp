#include "runs/driver/progress.hpp"

#include <unistd.h>

#include <algorithm>
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

Progress::Progress(double total, bool enabled, double log_every)
    : total_(total),
      enabled_(enabled),
      tty_(isatty(STDERR_FILENO) != 0),
      log_every_(log_every),
      start_(std::chrono::steady_clock::now()),
      last_line_(start_) {
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

void Progress::point_done() {
  const int n = points_.fetch_add(1, std::memory_order_relaxed) + 1;
  if (!enabled_ || tty_) return;
  std::lock_guard lock(mutex_);
  const double since = std::chrono::duration<double>(std::chrono::steady_clock::now() - last_line_).count();
  if (n == 1 || since >= log_every_) print_log_line();
}

void Progress::print_log_line() {
  last_line_ = std::chrono::steady_clock::now();
  shown_points_ = points_.load();
  std::fprintf(stderr, "progress: %s\n", line(std::chrono::duration<double>(last_line_ - start_).count()).c_str());
  std::fflush(stderr);
}

void Progress::monitor() {
  // Terminal: redraw twice a second. Log: a line log_every_ after the last one (point_done writes
  // the others); 0 writes only at points. Longer waits than a year are a year: no overflow.
  using namespace std::chrono;
  const bool timed = log_every_ > 0;
  const auto every = duration_cast<steady_clock::duration>(duration<double>(std::min(log_every_, 3.2e7)));
  std::unique_lock lock(mutex_);
  for (;;) {
    if (!tty_) {
      if (!timed) return wake_.wait(lock, [&] { return stop_; });
      if (wake_.wait_until(lock, last_line_ + every, [&] { return stop_; })) return;
      if (steady_clock::now() >= last_line_ + every) print_log_line();
      continue;
    }
    if (wake_.wait_for(lock, milliseconds(500), [&] { return stop_; })) return;
    std::fprintf(stderr, "%s", line(duration<double>(steady_clock::now() - start_).count()).c_str());
    std::fflush(stderr);
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
  if (!tty_) {  // the last point's line, if shown, is the final one
    if (shown_points_ < total_points_) print_log_line();
    return;
  }
  const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  std::fprintf(stderr, "%s\n", line(elapsed).c_str());
}

}  // namespace hebbmc::runs
