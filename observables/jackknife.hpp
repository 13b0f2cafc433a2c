// Error bars of derived quantities -- functions of the means of several correlated time
// series, such as the Binder cumulant U = 1 - <m^4>/(3<m^2>^2) or the susceptibility
// chi = N(<m^2> - <|m|>^2) -- by a binned jackknife, and their disorder averages.
//
// Derivations, the binning scheme and the limits are in docs/statistics.md, sections 6-8.
#pragma once

#include <cstdint>
#include <functional>
#include <span>
#include <vector>

#include "observables/disorder_average.hpp"

namespace hebbmc::observables {

// A derived quantity f(means) with its jackknife error.
//
// With fewer than 2 complete bins (or f not finite on a jackknife sample) nothing can be said
// about the error: error = NaN. value is NaN without measurements.
struct JackknifeEstimate {
  double value = 0.0;           // f of the means over the complete bins
  double bias_corrected = 0.0;  // n f(mean) - (n-1) mean_b f(mean without bin b): removes O(1/n) bias
  double error = 0.0;           // sqrt((n-1)/n sum_b (f_b - mean f_b)^2), n = bins
  int bins = 0;                 // complete bins n used
  std::int64_t bin_length = 0;  // measurements per bin
};

// A function of the vector of means (one entry per series) giving a derived quantity.
using DerivedQuantity = std::function<double(std::span<const double>)>;

// Binned jackknife over `series` time series measured together (one add() per measurement).
// Memory is O(max_bins * series): the bins double in length (adjacent pairs are combined)
// whenever max_bins are full, so between max_bins/2 and max_bins - 1 complete bins are
// available once the series is long. The measurements of the unfinished last bin (fewer than
// one bin length) are not used by estimate().
class Jackknife {
 public:
  // Bins kept by default: 32..63 complete bins, an error-of-error of 9-13%.
  static constexpr int default_bins = 64;

  // An empty jackknife for `series` >= 1 series; max_bins even and >= 4 (std::invalid_argument).
  explicit Jackknife(int series, int max_bins = default_bins);

  // Records one measurement of every series (x.size() == series()); throws std::invalid_argument
  // on a size mismatch and std::domain_error on a NaN or infinite value.
  void add(std::span<const double> x);

  // Number of series.
  int series() const { return series_; }
  // Measurements recorded (including those of the unfinished bin).
  std::int64_t count() const { return count_; }
  // Complete bins available now.
  int bins() const { return static_cast<int>(bin_sums_.size()) / series_; }
  // Measurements per bin.
  std::int64_t bin_length() const { return bin_length_; }

  // Means of the series over the complete bins (over everything if there is no complete bin).
  std::vector<double> means() const;
  // Means with complete bin b left out (0 <= b < bins()).
  std::vector<double> means_without(int b) const;

  // f(means) and its binned jackknife error.
  JackknifeEstimate estimate(const DerivedQuantity& f) const;

  // Exact state for checkpoints; from_state(state()) continues bit-identically.
  std::vector<double> state() const;
  // Rebuilds a jackknife from state(); throws std::invalid_argument if malformed.
  static Jackknife from_state(const std::vector<double>& s);

 private:
  int series_;
  int max_bins_;
  std::int64_t count_ = 0;
  std::int64_t bin_length_ = 1;
  std::int64_t partial_count_ = 0;  // measurements in the unfinished bin
  std::vector<double> partial_;     // sums of the unfinished bin, one per series
  std::vector<double> bin_sums_;    // complete bins, bin-major: bin_sums_[b * series_ + s]
};

// Moments recorded for one order parameter x: |x|, x^2, x^4 (in this order).
inline constexpr int moments_per_order_parameter = 3;
// Writes |x|, x^2, x^4 to out[0], out[1], out[2].
void moments(double x, std::span<double> out);
// Binder cumulant U = 1 - <x^4> / (3 <x^2>^2): 0 for a Gaussian, 2/3 for x = +-x0.
double binder_cumulant(double second_moment, double fourth_moment);
// Susceptibility chi = N (<x^2> - <|x|>^2) of an order parameter of N spins.
double susceptibility(double N, double abs_mean, double second_moment);
// U from the means of a moments() layout starting at `offset`.
DerivedQuantity binder_of_moments(int offset = 0);
// chi from the means of a moments() layout starting at `offset`.
DerivedQuantity susceptibility_of_moments(double N, int offset = 0);

// Per-sample derived estimates as SampleEstimate (mean = value, error = jackknife error), to
// average over disorder with disorder_average(): the average [f] of per-sample values.
// Throws std::invalid_argument if an estimate has no finite error (fewer than 2 bins).
std::vector<SampleEstimate> sample_estimates(const std::vector<JackknifeEstimate>& estimates);

// f of the disorder-averaged means, f([<x_1>], ..., [<x_k>]) (the usual definition of U for
// disordered systems), with its error split as in disorder_average (docs/statistics.md, section 7).
struct DisorderJackknife {
  double value = 0.0;          // f of the means averaged over samples
  double error = 0.0;          // max(error_scatter, error_thermal)
  double error_scatter = 0.0;  // leave-one-sample-out jackknife (S >= 2): total error
  double error_thermal = 0.0;  // propagated from every sample's own bins
  double error_samples = 0.0;  // sqrt(max(0, error_scatter^2 - error_thermal^2))
  int samples = 0;             // S
};

// Disorder average of f over samples with the same series layout, each with >= 2 complete bins;
// throws std::invalid_argument otherwise. S == 0 gives all zeros.
DisorderJackknife disorder_jackknife(const std::vector<Jackknife>& samples, const DerivedQuantity& f);

}  // namespace hebbmc::observables
