#pragma once
// Progress of a run on stderr: a bar with rate and ETA on a terminal, plain lines otherwise.
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>

namespace hebbmc::runs {

/// Counts work done (any unit) from many threads and reports it from a monitor thread.
class Progress {
 public:
  /// Starts reporting `total` units of work; `enabled = false` keeps silent (--quiet).
  Progress(double total, bool enabled);
  ~Progress();
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;
  /// Adds work done; thread-safe and cheap (one relaxed atomic add).
  void advance(double units) { done_.fetch_add(units, std::memory_order_relaxed); }
  /// Records that one point finished (shown in the report); the first one wakes the monitor, which
  /// then prints a log line at once (a resumed run shows when it writes again, bench/tiny_resume.sh).
  void point_done() {
    if (points_.fetch_add(1, std::memory_order_relaxed) == 0) wake_.notify_all();
  }
  /// Sets the number of points expected.
  void set_points(int n) { total_points_ = n; }
  /// Stops the monitor and prints the final line.
  void finish();

 private:
  void monitor();
  std::string line(double elapsed) const;

  double total_;
  bool enabled_, tty_;
  int total_points_ = 0;
  std::atomic<double> done_{0};
  std::atomic<int> points_{0};
  std::chrono::steady_clock::time_point start_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stop_ = false;
  std::thread thread_;
};

/// Formats a duration in seconds as e.g. "1h02m", "3m05s", "12s".
std::string format_duration(double seconds);

}  // namespace hebbmc::runs
