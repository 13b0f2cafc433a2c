#pragma once
// A completed point from its samples' results: the disorder statistics of observables/ plus the
// acceptance and arithmetic of the chains.
#include <vector>

#include "runs/driver/simulation.hpp"
#include "runs/io/point_result.hpp"

namespace hebbmc::runs {

/// Builds the written result of point p from all its samples (in sample order).
PointResult summarise_point(const PointParameters& p, std::vector<SampleResult> samples);

}  // namespace hebbmc::runs
