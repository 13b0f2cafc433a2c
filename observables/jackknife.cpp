#include "observables/jackknife.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

namespace hebbmc::observables {

namespace {

constexpr double nan = std::numeric_limits<double>::quiet_NaN();

// Layout of state(): [format, series, max_bins, count, bin_length, partial_count,
// partial sums (series), complete bins n, bin sums (n * series)].
constexpr double state_format = 1.0;
constexpr std::size_t state_header = 6;

// Reads a non-negative integer stored exactly in a double, or throws.
std::int64_t read_count(double v, const char* what) {
  if (!(v >= 0.0 && v <= 9007199254740992.0 && v == std::floor(v)))
    throw std::invalid_argument(std::string("Jackknife::from_state: ") + what +
                                " is not a non-negative integer: " + std::to_string(v));
  return static_cast<std::int64_t>(v);
}

// Jackknife variance (n-1)/n sum_i (f_i - mean f)^2 of n leave-one-out values (two passes).
double jackknife_variance(const std::vector<double>& f) {
  const double n = static_cast<double>(f.size());
  double mean = 0.0;
  for (double x : f) mean += x;
  mean /= n;
  double sum = 0.0;
  for (double x : f) sum += (x - mean) * (x - mean);
  return (n - 1.0) / n * sum;
}

double mean_of(const std::vector<double>& f) {
  double sum = 0.0;
  for (double x : f) sum += x;
  return sum / static_cast<double>(f.size());
}

}  // namespace

Jackknife::Jackknife(int series, int max_bins)
    : series_(series), max_bins_(max_bins), partial_(static_cast<std::size_t>(std::max(series, 0)), 0.0) {
  if (series < 1) throw std::invalid_argument("Jackknife: need at least one series");
  if (max_bins < 4 || max_bins % 2 != 0) throw std::invalid_argument("Jackknife: max_bins must be even and >= 4");
  bin_sums_.reserve(static_cast<std::size_t>(max_bins) * static_cast<std::size_t>(series));
}

void Jackknife::add(std::span<const double> x) {
  if (x.size() != static_cast<std::size_t>(series_))
    throw std::invalid_argument("Jackknife::add: expected " + std::to_string(series_) + " values, got " +
                                std::to_string(x.size()));
  for (double v : x)
    if (!std::isfinite(v)) throw std::domain_error("Jackknife::add: measurement is not finite: " + std::to_string(v));
  for (int s = 0; s < series_; ++s) partial_[static_cast<std::size_t>(s)] += x[static_cast<std::size_t>(s)];
  ++count_;
  if (++partial_count_ < bin_length_) return;
  bin_sums_.insert(bin_sums_.end(), partial_.begin(), partial_.end());
  std::fill(partial_.begin(), partial_.end(), 0.0);
  partial_count_ = 0;
  if (bins() < max_bins_) return;
  // All bins full: combine adjacent pairs, halving the bins and doubling their length.
  const std::size_t k = static_cast<std::size_t>(series_);
  for (std::size_t b = 0; b < static_cast<std::size_t>(max_bins_ / 2); ++b)
    for (std::size_t s = 0; s < k; ++s) bin_sums_[b * k + s] = bin_sums_[2 * b * k + s] + bin_sums_[(2 * b + 1) * k + s];
  bin_sums_.resize(static_cast<std::size_t>(max_bins_ / 2) * k);
  bin_length_ *= 2;
}

std::vector<double> Jackknife::means() const {
  const std::size_t k = static_cast<std::size_t>(series_);
  const int n = bins();
  if (n == 0) {  // no complete bin: the unfinished one (NaN without measurements)
    std::vector<double> out(partial_);
    for (double& x : out) x = partial_count_ > 0 ? x / static_cast<double>(partial_count_) : nan;
    return out;
  }
  std::vector<double> out(k, 0.0);
  for (std::size_t b = 0; b < static_cast<std::size_t>(n); ++b)
    for (std::size_t s = 0; s < k; ++s) out[s] += bin_sums_[b * k + s];
  for (double& x : out) x /= static_cast<double>(n) * static_cast<double>(bin_length_);
  return out;
}

std::vector<double> Jackknife::means_without(int b) const {
  const int n = bins();
  if (b < 0 || b >= n || n < 2) throw std::out_of_range("Jackknife::means_without: no bin " + std::to_string(b));
  const std::size_t k = static_cast<std::size_t>(series_);
  std::vector<double> out(k, 0.0);
  for (std::size_t c = 0; c < static_cast<std::size_t>(n); ++c)
    if (c != static_cast<std::size_t>(b))
      for (std::size_t s = 0; s < k; ++s) out[s] += bin_sums_[c * k + s];
  for (double& x : out) x /= static_cast<double>(n - 1) * static_cast<double>(bin_length_);
  return out;
}

JackknifeEstimate Jackknife::estimate(const DerivedQuantity& f) const {
  JackknifeEstimate r;
  r.bins = bins();
  r.bin_length = bin_length_;
  r.value = count_ > 0 ? f(means()) : nan;
  r.bias_corrected = r.value;
  r.error = nan;
  if (r.bins < 2) return r;
  // Leave-one-out means from the totals: O(n k) instead of O(n^2 k).
  const std::size_t k = static_cast<std::size_t>(series_);
  std::vector<double> total(k, 0.0), without(k);
  for (std::size_t b = 0; b < static_cast<std::size_t>(r.bins); ++b)
    for (std::size_t s = 0; s < k; ++s) total[s] += bin_sums_[b * k + s];
  const double measurements = static_cast<double>(r.bins - 1) * static_cast<double>(bin_length_);
  std::vector<double> f_without(static_cast<std::size_t>(r.bins));
  for (std::size_t b = 0; b < f_without.size(); ++b) {
    for (std::size_t s = 0; s < k; ++s) without[s] = (total[s] - bin_sums_[b * k + s]) / measurements;
    f_without[b] = f(without);
  }
  const double n = static_cast<double>(r.bins);
  r.error = std::sqrt(jackknife_variance(f_without));
  r.bias_corrected = n * r.value - (n - 1.0) * mean_of(f_without);
  return r;
}

std::vector<double> Jackknife::state() const {
  std::vector<double> s{state_format,
                        static_cast<double>(series_),
                        static_cast<double>(max_bins_),
                        static_cast<double>(count_),
                        static_cast<double>(bin_length_),
                        static_cast<double>(partial_count_)};
  s.insert(s.end(), partial_.begin(), partial_.end());
  s.push_back(static_cast<double>(bins()));
  s.insert(s.end(), bin_sums_.begin(), bin_sums_.end());
  return s;
}

Jackknife Jackknife::from_state(const std::vector<double>& s) {
  const auto bad = [](const std::string& why) { return std::invalid_argument("Jackknife::from_state: " + why); };
  if (s.size() < state_header || s[0] != state_format) throw bad("missing header or unknown format");
  const std::int64_t series = read_count(s[1], "series"), max_bins = read_count(s[2], "max_bins");
  if (series < 1 || series > (1 << 20) || max_bins < 4 || max_bins % 2 != 0 || max_bins > (1 << 20))
    throw bad("series or max_bins out of range");
  const std::size_t k = static_cast<std::size_t>(series);
  if (s.size() < state_header + k + 1) throw bad("too short");
  const std::int64_t count = read_count(s[3], "count"), length = read_count(s[4], "bin length"),
                     partial = read_count(s[5], "partial count"), n = read_count(s[state_header + k], "bins");
  if (s.size() != state_header + k + 1 + static_cast<std::size_t>(n) * k)
    throw bad("expected " + std::to_string(state_header + k + 1 + static_cast<std::size_t>(n) * k) +
              " numbers, got " + std::to_string(s.size()));
  // Invariants of add(): a power-of-two bin length, an unfinished bin shorter than one bin,
  // fewer than max_bins complete bins and at least half of them once bins were combined.
  const bool power_of_two = length >= 1 && (length & (length - 1)) == 0;
  if (!power_of_two || partial >= length || n >= max_bins || (length > 1 && n < max_bins / 2) ||
      count != n * length + partial)
    throw bad("inconsistent counts");
  Jackknife j(static_cast<int>(series), static_cast<int>(max_bins));
  j.count_ = count;
  j.bin_length_ = length;
  j.partial_count_ = partial;
  j.partial_.assign(s.begin() + state_header, s.begin() + static_cast<std::ptrdiff_t>(state_header + k));
  j.bin_sums_.assign(s.begin() + static_cast<std::ptrdiff_t>(state_header + k + 1), s.end());
  for (double x : j.partial_)
    if (!std::isfinite(x)) throw bad("non-finite sum");
  for (double x : j.bin_sums_)
    if (!std::isfinite(x)) throw bad("non-finite sum");
  return j;
}

void moments(double x, std::span<double> out) {
  if (out.size() < static_cast<std::size_t>(moments_per_order_parameter))
    throw std::invalid_argument("moments: need room for |x|, x^2, x^4");
  const double x2 = x * x;
  out[0] = std::abs(x);
  out[1] = x2;
  out[2] = x2 * x2;
}

double binder_cumulant(double second_moment, double fourth_moment) {
  return 1.0 - fourth_moment / (3.0 * second_moment * second_moment);
}

double susceptibility(double N, double abs_mean, double second_moment) {
  return N * (second_moment - abs_mean * abs_mean);
}

DerivedQuantity binder_of_moments(int offset) {
  const auto o = static_cast<std::size_t>(offset);
  return [o](std::span<const double> mu) { return binder_cumulant(mu[o + 1], mu[o + 2]); };
}

DerivedQuantity susceptibility_of_moments(double N, int offset) {
  const auto o = static_cast<std::size_t>(offset);
  return [N, o](std::span<const double> mu) { return susceptibility(N, mu[o], mu[o + 1]); };
}

std::vector<SampleEstimate> sample_estimates(const std::vector<JackknifeEstimate>& estimates) {
  std::vector<SampleEstimate> out;
  for (std::size_t s = 0; s < estimates.size(); ++s) {
    if (!std::isfinite(estimates[s].value) || !std::isfinite(estimates[s].error))
      throw std::invalid_argument("sample_estimates: sample " + std::to_string(s) + " has value " +
                                  std::to_string(estimates[s].value) + " and error " +
                                  std::to_string(estimates[s].error) + " (fewer than 2 bins?)");
    out.push_back({estimates[s].value, estimates[s].error});
  }
  return out;
}

DisorderJackknife disorder_jackknife(const std::vector<Jackknife>& samples, const DerivedQuantity& f) {
  DisorderJackknife r;
  const std::size_t S = samples.size();
  r.samples = static_cast<int>(S);
  if (S == 0) return r;
  const std::size_t k = static_cast<std::size_t>(samples.front().series());
  for (std::size_t s = 0; s < S; ++s)
    if (samples[s].series() != samples.front().series() || samples[s].bins() < 2)
      throw std::invalid_argument("disorder_jackknife: sample " + std::to_string(s) +
                                  " has a different number of series or fewer than 2 complete bins");
  std::vector<std::vector<double>> mu(S);
  std::vector<double> average(k, 0.0);
  for (std::size_t s = 0; s < S; ++s) {
    mu[s] = samples[s].means();
    for (std::size_t i = 0; i < k; ++i) average[i] += mu[s][i] / static_cast<double>(S);
  }
  r.value = f(average);

  // Thermal part: move one sample's means to their leave-one-bin-out values, the others fixed;
  // each sample's jackknife variance of f, summed over the independent samples.
  double thermal = 0.0;
  std::vector<double> shifted(k);
  for (std::size_t s = 0; s < S; ++s) {
    std::vector<double> f_without(static_cast<std::size_t>(samples[s].bins()));
    for (int b = 0; b < samples[s].bins(); ++b) {
      const std::vector<double> without = samples[s].means_without(b);
      for (std::size_t i = 0; i < k; ++i) shifted[i] = average[i] + (without[i] - mu[s][i]) / static_cast<double>(S);
      f_without[static_cast<std::size_t>(b)] = f(shifted);
    }
    thermal += jackknife_variance(f_without);
  }
  r.error_thermal = std::sqrt(thermal);
  if (S == 1) {  // one sample: no handle on the disorder part (as disorder_average)
    r.error_scatter = r.error = r.error_thermal;
    return r;
  }
  // Total: leave one sample out; its scatter holds the disorder and the thermal noise.
  std::vector<double> f_without(S);
  for (std::size_t s = 0; s < S; ++s) {
    for (std::size_t i = 0; i < k; ++i)
      shifted[i] = (average[i] * static_cast<double>(S) - mu[s][i]) / static_cast<double>(S - 1);
    f_without[s] = f(shifted);
  }
  r.error_scatter = std::sqrt(jackknife_variance(f_without));
  r.error = std::max(r.error_scatter, r.error_thermal);
  r.error_samples = std::sqrt(std::max(0.0, r.error_scatter * r.error_scatter - r.error_thermal * r.error_thermal));
  return r;
}

}  // namespace hebbmc::observables
