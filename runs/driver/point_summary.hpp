#pragma once
// Disorder-averaged statistics of one point, built from its samples' results.
#include <string>
#include <vector>

#include "runs/input/parameters.hpp"
#include "runs/driver/simulation.hpp"

namespace hebbmc::runs {

/// Statistics of one observable at one point: thermal and sample-to-sample errors kept apart.
struct ObservableSummary {
  std::string name;         ///< HDF5 name (physics.md section 2): m, q, energy, nbar, ...
  std::string description;  ///< one sentence for the HDF5 attribute
  std::string equation;     ///< defining equation for the HDF5 attribute `equation` (empty: none written)
  bool derived = false;     ///< a function of means (Binder, chi): jackknife errors, no tau_int
  int width = 1;            ///< number of components (L for m, 1 otherwise)
  std::vector<double> mean, error, error_thermal, error_samples, sample_spread;  ///< [width]
  std::vector<double> tau_int;                                                  ///< [width], max over samples
  std::vector<double> per_sample_mean, per_sample_error, per_sample_tau;        ///< [samples][width]
  std::vector<double> plateau_found;                                            ///< [samples][width], 1 or 0
};

/// Everything written for one completed point.
struct PointResult {
  PointParameters params;                      ///< the point
  std::vector<ObservableSummary> observables;  ///< m, energy, q when replicas >= 2, the models' extra series
  std::vector<SampleResult> samples;           ///< per-sample results (trajectories)
  double acceptance = 0;                       ///< mean acceptance rate over samples
  bool exact_arithmetic = true;                ///< every sample had exact dE
  double wall_seconds = 0;                     ///< time spent (attribute only: not reproducible)
  /// Run-length warnings (observables/run_length.hpp): observables whose runs are shorter than
  /// 50 tau_int or show no binning plateau, worst sample each; empty when all is well.
  std::vector<std::string> warnings;
};

/// Builds the disorder averages (observables/disorder_average.hpp) of one point.
PointResult summarise_point(const PointParameters& p, std::vector<SampleResult> samples);

}  // namespace hebbmc::runs
