// Gathering samples into written points (runs/driver/point_collector.hpp).
#include "runs/driver/point_collector.hpp"

#include "runs/driver/point_summary.hpp"
#include "runs/io/output.hpp"
#include "runs/io/summary_table.hpp"

namespace hebbmc::runs {

PointCollector::PointCollector(const RunSpec& spec, const RunPlan& plan, h5::File& file, Progress& progress)
    : spec_(spec), file_(file), progress_(progress), results_(spec.points.size()), missing_(spec.points.size(), 0),
      started_(spec.points.size(), std::chrono::steady_clock::now()) {
  for (std::size_t i : plan.todo) missing_[i] = spec.points[i].samples;
}

void PointCollector::add(std::size_t i, int s, SampleResult result) {
  std::vector<SampleResult> samples;
  {
    std::lock_guard lock(mutex_);
    // Room for a point's samples only while it is being computed: a sweep of 10^5 points would
    // otherwise hold all their slots from the start.
    if (results_[i].empty()) results_[i].resize(static_cast<std::size_t>(spec_.points[i].samples));
    results_[i][s] = std::move(result);
    if (--missing_[i] != 0) return;
    for (auto& r : results_[i]) samples.push_back(std::move(*r));
    results_[i] = {};
  }
  PointResult point = summarise_point(spec_.points[i], std::move(samples));
  point.wall_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started_[i]).count();
  {
    std::lock_guard lock(mutex_);  // one writer: HDF5 is not thread-safe
    write_point(file_, point);
    write_summary_row(file_, i, point);
    warned_ += !point.warnings.empty();
  }
  progress_.point_done();
}

}  // namespace hebbmc::runs
