#include "observables/disorder_average.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

namespace hebbmc::observables {

namespace {

// Rejects inputs that would silently poison the average.
void check(const SampleEstimate& e, std::size_t s) {
  if (!std::isfinite(e.mean) || !std::isfinite(e.error) || e.error < 0.0)
    throw std::invalid_argument("disorder_average: sample " + std::to_string(s) +
                                " has mean " + std::to_string(e.mean) + " and error " +
                                std::to_string(e.error) + "; expected finite, error >= 0");
}

}  // namespace

DisorderAverage disorder_average(const std::vector<SampleEstimate>& samples) {
  DisorderAverage r;
  const std::size_t n = samples.size();
  r.samples = static_cast<int>(n);
  if (n == 0) return r;
  const double S = static_cast<double>(n);

  double sum = 0.0, sum_eps2 = 0.0;
  for (std::size_t s = 0; s < n; ++s) {
    check(samples[s], s);
    sum += samples[s].mean;
    sum_eps2 += samples[s].error * samples[s].error;
  }
  r.mean = sum / S;
  r.error_thermal = std::sqrt(sum_eps2) / S;
  if (n == 1) {
    r.error = r.error_thermal;  // one sample: no handle on the disorder part
    r.error_scatter = r.error_thermal;
    return r;
  }
  double sum_dev2 = 0.0;  // two passes: no cancellation when |mean| >> spread
  for (const SampleEstimate& e : samples) sum_dev2 += (e.mean - r.mean) * (e.mean - r.mean);
  r.error_scatter = std::sqrt(sum_dev2 / (S * (S - 1.0)));
  r.error = std::max(r.error_scatter, r.error_thermal);  // floor: see header
  r.error_samples =
      std::sqrt(std::max(0.0, r.error_scatter * r.error_scatter - r.error_thermal * r.error_thermal));
  r.sample_spread = std::sqrt(sum_dev2 / (S - 1.0));
  r.intrinsic_spread = std::sqrt(std::max(0.0, sum_dev2 / (S - 1.0) - sum_eps2 / S));
  return r;
}

}  // namespace hebbmc::observables
