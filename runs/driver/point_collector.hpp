#pragma once
// Finished samples become written points: the collector of a run (OpenMP driver and MPI master).
#include <chrono>
#include <cstddef>
#include <mutex>
#include <optional>
#include <vector>

#include "runs/driver/progress.hpp"
#include "runs/driver/run_plan.hpp"
#include "runs/driver/simulation.hpp"
#include "runs/io/hdf5_file.hpp"

namespace hebbmc::runs {

/// Gathers sample results and writes a point (and the summary table) when its last sample
/// arrives; thread-safe, one writer at a time.
class PointCollector {
 public:
  /// Collector for the points of `plan`, writing into `file`.
  PointCollector(const RunSpec& spec, const RunPlan& plan, h5::File& file, Progress& progress);
  /// Stores the result of (point, sample); writes the point if it was the last missing sample.
  void add(std::size_t point, int sample, SampleResult result);
  /// Points written with run-length warnings so far.
  int points_with_warnings() const { return warned_; }

 private:
  const RunSpec& spec_;
  h5::File& file_;
  Progress& progress_;
  std::mutex mutex_;
  std::vector<std::vector<std::optional<SampleResult>>> results_;
  std::vector<int> missing_;
  std::vector<std::chrono::steady_clock::time_point> started_;
  int warned_ = 0;
};

}  // namespace hebbmc::runs
