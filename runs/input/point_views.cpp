// Conversions of a resolved point into the lower layers' types (runs/input/point_views.hpp).
#include "runs/input/point_views.hpp"

namespace hebbmc::runs {

observables::SeriesLayout series_layout(const PointParameters& p) {
  return {.learning = p.type != ModelType::storage,
          .diluted = p.d > 0,
          .patterns = p.record_patterns,
          .examples = static_cast<int>(p.M),
          .retrieval_threshold = p.retrieval_threshold};
}

observables::StatisticsLayout statistics_layout(const PointParameters& p) {
  return {.patterns = p.record_patterns,
          .replicas = p.replicas,
          .N = p.N,
          .extras = observables::extra_series(series_layout(p))};
}

}  // namespace hebbmc::runs
