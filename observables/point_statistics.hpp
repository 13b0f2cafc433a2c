#pragma once
// Disorder-averaged statistics of one point from its samples' records (docs/statistics.md): for
// every observable the mean, the total, thermal and sample-to-sample errors, tau_int, the
// quartiles over samples and the per-sample estimates; jackknife Binder cumulants and susceptibilities; run-length warnings.
#include <cstdint>
#include <string>
#include <vector>

#include "observables/recorded_series.hpp"
#include "observables/sample_recorder.hpp"

namespace hebbmc::observables {

/// Statistics of one observable at one point: thermal and sample-to-sample errors kept apart.
struct ObservableSummary {
  std::string name;         ///< HDF5 name (physics.md section 2): m, q, energy, nbar, ...
  std::string description;  ///< one sentence for the HDF5 attribute
  std::string equation;     ///< defining equation for the HDF5 attribute `equation` (empty: none written)
  bool derived = false;     ///< a function of means (Binder, chi): jackknife errors, no tau_int
  int width = 1;            ///< number of components (L for m, 1 otherwise)
  std::vector<double> mean, error, error_thermal, error_samples, sample_spread;  ///< [width]
  std::vector<double> tau_int;                                                  ///< [width], max over samples
  std::vector<double> median, quantile_25, quantile_75;  ///< [width], over the per-sample means (observables/sample_quantiles.hpp)
  std::vector<double> per_sample_mean, per_sample_error, per_sample_tau;        ///< [samples][width]
  std::vector<double> plateau_found;                                            ///< [samples][width], 1 or 0
};

/// What a point recorded: m_1..m_L, q when replicas >= 2, and the extra series.
struct StatisticsLayout {
  int patterns = 1;               ///< L
  int replicas = 1;               ///< replicas per sample (q needs 2)
  std::int64_t N = 0;             ///< neurons (the susceptibilities are N times a variance)
  std::vector<SeriesInfo> extras; ///< extra_series() of the point, in recorder order
};

/// Everything the statistics say about one point.
struct PointStatistics {
  std::vector<ObservableSummary> observables;  ///< m, energy, q (replicas >= 2), the extra series, Binder and chi
  /// Run-length warnings (observables/run_length.hpp): observables whose runs are shorter than
  /// 50 tau_int or show no binning plateau, worst sample each; empty when all is well.
  std::vector<std::string> warnings;
};

/// Builds the disorder averages (observables/disorder_average.hpp) of one point's samples.
PointStatistics point_statistics(const std::vector<SampleRecord>& samples, const StatisticsLayout& layout);

}  // namespace hebbmc::observables
