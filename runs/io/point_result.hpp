#pragma once
// Everything written for one completed point (runs/io/output.hpp): its statistics
// (observables/point_statistics.hpp), its samples' records (trajectories) and run facts.
#include <string>
#include <vector>

#include "observables/point_statistics.hpp"
#include "observables/sample_recorder.hpp"
#include "runs/input/parameters.hpp"

namespace hebbmc::runs {

/// A completed point as the writer sees it.
struct PointResult {
  PointParameters params;                                   ///< the point
  std::vector<observables::ObservableSummary> observables;  ///< m, energy, q (replicas >= 2), the extra series, Binder, chi
  std::vector<std::string> warnings;                        ///< run-length warnings (observables/run_length.hpp)
  std::vector<observables::SampleRecord> records;           ///< per-sample records (trajectories), in sample order
  double acceptance = 0;                                    ///< mean acceptance rate over samples
  bool exact_arithmetic = true;                             ///< every sample had exact dE
  double wall_seconds = 0;                                  ///< time spent (attribute only: not reproducible)
  std::vector<std::vector<char>> final_states;              ///< serialized final ChainState per sample (growing a run)
};

}  // namespace hebbmc::runs
