#pragma once
// What `hebbmc data` measures (docs/datasets.md D5, D6): the chain of every held-out test pattern
// and the statistics per class, shared by the command that computes them and the file that stores them.
#include <cstdint>
#include <vector>

#include "models/structured_data.hpp"
#include "runs/data/data_source.hpp"
#include "runs/input/data_spec.hpp"

namespace hebbmc::runs {

/// Per test pattern: initial and final spins and overlaps, predictions, sweeps done (D5).
struct ClassificationResults {
  std::int64_t T = 0, K = 0, N = 0;                      ///< test patterns, classes, sites
  std::vector<std::int8_t> initial_state, final_state;   ///< T x N
  std::vector<double> initial_overlap, final_overlap;    ///< T x K
  std::vector<std::int64_t> predicted, predicted_initial, sweeps_done;  ///< T
};

/// Accuracies, confusion matrices and mean final overlaps per class, with their errors (D6).
struct ClassificationSummary {
  std::vector<double> accuracy, accuracy_error, accuracy_initial, accuracy_initial_error;  ///< K
  std::vector<std::int64_t> confusion, confusion_initial;  ///< K x K [true][predicted]
  std::vector<double> mean_overlap, mean_overlap_error;    ///< K x K [true][mu]
  std::vector<std::int64_t> count;                         ///< K
  double overall = 0, overall_error = 0, overall_initial = 0, overall_initial_error = 0;  ///< over all classes
};

/// Refuses (InputError at key P) a data set whose size the spec's model cannot hold exactly,
/// by constructing it once, before any chain runs.
void check_model_fits(const DataSpec& spec, const models::StructuredData& sd);

/// Runs the chain of every test pattern from the test pattern itself and records where it ends (D5);
/// progress counts test patterns as points (runs/driver/progress.hpp), silent when `quiet`.
ClassificationResults classify(const DataSpec& spec, const ClassData& data, const models::StructuredData& sd,
                               bool quiet, double progress_every);

/// The statistics per class of the predictions: accuracies with binomial errors, confusion
/// matrices, mean final overlaps with standard errors (D6).
ClassificationSummary summarise(const ClassData& data, const ClassificationResults& r);

}  // namespace hebbmc::runs
