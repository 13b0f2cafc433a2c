#pragma once
// What the lower layers need to know of a resolved point, in their own types: the recorded series
// (observables/recorded_series.hpp) and the statistics layout (observables/point_statistics.hpp).
#include "observables/point_statistics.hpp"
#include "observables/recorded_series.hpp"
#include "runs/input/parameters.hpp"

namespace hebbmc::runs {

/// The extra series point p records: learning models, dilution, L, M and the retrieval threshold.
observables::SeriesLayout series_layout(const PointParameters& p);

/// What point p's statistics are built from: L, replicas, N and its extra series.
observables::StatisticsLayout statistics_layout(const PointParameters& p);

}  // namespace hebbmc::runs
