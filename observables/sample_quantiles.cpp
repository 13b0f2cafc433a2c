// Quantiles of per-sample values (observables/sample_quantiles.hpp; docs/statistics.md, eq. S-Q).
#include "observables/sample_quantiles.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace hebbmc::observables {

double quantile(std::vector<double> values, double p) {
  if (!(p >= 0 && p <= 1)) throw std::invalid_argument("quantile: p outside [0, 1]");
  if (values.empty() || std::any_of(values.begin(), values.end(), [](double x) { return std::isnan(x); }))
    return std::numeric_limits<double>::quiet_NaN();
  std::sort(values.begin(), values.end());
  const double h = static_cast<double>(values.size() - 1) * p;
  const auto lo = static_cast<std::size_t>(std::floor(h));
  const std::size_t hi = std::min(lo + 1, values.size() - 1);
  return values[lo] + (h - static_cast<double>(lo)) * (values[hi] - values[lo]);
}

QuantileBand quantile_band(const std::vector<double>& values) {
  return {.quantile_25 = quantile(values, 0.25), .median = quantile(values, 0.5), .quantile_75 = quantile(values, 0.75)};
}

}  // namespace hebbmc::observables
