#pragma once
// Progress of a run on stderr: a bar with rate and ETA on a terminal; otherwise (a cluster job's
// log) one line per finished point, at most one every S seconds, and one every S seconds while no
// point finishes (--progress-every S, docs/scale.md).
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
  /// Starts reporting `total` units of work; `enabled = false` keeps silent (--quiet). On a
  /// non-terminal `log_every` is the least number of seconds between lines (0: a line per point).
  Progress(double total, bool enabled, double log_every);
  ~Progress();
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;
  /// Adds work done; thread-safe and cheap (one relaxed atomic add).
  void advance(double units) { done_.fetch_add(units, std::memory_order_relaxed); }
  /// Records that one point finished; on a non-terminal its line is printed at once, if the last is
  /// log_every old, and always for the first (a resumed run shows when it writes again,
  /// bench/tiny_resume.sh).
  void point_done();
  /// Sets the number of points expected.
  void set_points(int n) { total_points_ = n; }
  /// Stops the monitor and prints the final line.
  void finish();

 private:
  void monitor();
  std::string line(double elapsed) const;
  void print_log_line();  ///< one log line; the caller holds mutex_ (or the monitor has stopped)

  double total_;
  bool enabled_, tty_;
  double log_every_;
  int total_points_ = 0;
  int shown_points_ = -1;  ///< points counted in the last log line
  std::atomic<double> done_{0};
  std::atomic<int> points_{0};
  std::chrono::steady_clock::time_point start_, last_line_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stop_ = false;
  std::thread thread_;
};

/// Formats a duration in seconds as e.g. "1h02m", "3m05s", "12s".
std::string format_duration(double seconds);

}  // namespace hebbmc::runs
