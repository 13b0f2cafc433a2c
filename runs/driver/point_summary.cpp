// A completed point from its samples (runs/driver/point_summary.hpp).
#include "runs/driver/point_summary.hpp"

#include "runs/input/point_views.hpp"

namespace hebbmc::runs {

PointResult summarise_point(const PointParameters& p, std::vector<SampleResult> samples) {
  PointResult out;
  out.params = p;
  double acc = 0;
  for (auto& r : samples) {
    acc += r.acceptance;
    out.exact_arithmetic = out.exact_arithmetic && r.exact_arithmetic;
    out.records.push_back(std::move(r.record));
    out.final_states.push_back(std::move(r.final_state));
  }
  out.acceptance = acc / static_cast<double>(samples.size());
  observables::PointStatistics stats = observables::point_statistics(out.records, statistics_layout(p));
  out.observables = std::move(stats.observables);
  out.warnings = std::move(stats.warnings);
  return out;
}

}  // namespace hebbmc::runs
