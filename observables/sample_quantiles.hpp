#pragma once
// Quantile bands over disorder samples (docs/statistics.md, eq. S-Q): the median and the 25 % and
// 75 % quantiles of the per-sample means of an observable, the bands drawn beside mean and error.
#include <vector>

namespace hebbmc::observables {

/// The 25 %, 50 % and 75 % quantiles of a set of per-sample values.
struct QuantileBand {
  double quantile_25 = 0;  ///< lower quartile
  double median = 0;       ///< 50 % quantile
  double quantile_75 = 0;  ///< upper quartile
};

/// Quantile p in [0, 1] of `values` by linear interpolation between order statistics: with the
/// sorted values x_0 <= ... <= x_{n-1} and h = (n - 1) p, x_floor(h) + (h - floor(h)) (x_ceil(h) -
/// x_floor(h)) (Hyndman-Fan type 7, NumPy's default). NaN for no values or when a value is NaN
/// (as numpy.quantile); throws std::invalid_argument for p outside [0, 1].
double quantile(std::vector<double> values, double p);

/// quantile() at 0.25, 0.5 and 0.75.
QuantileBand quantile_band(const std::vector<double>& values);

}  // namespace hebbmc::observables
