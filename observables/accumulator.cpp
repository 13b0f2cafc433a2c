#include "observables/accumulator.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

namespace hebbmc::observables {

namespace {

// No run reaches 2^64 measurements, so reserving 64 levels makes add() allocation-free.
constexpr std::size_t max_levels = 64;

// Layout of state(): [format, number of levels, then per level these fields].
constexpr double state_format = 1.0;
constexpr std::size_t state_header = 2;
constexpr std::size_t state_per_level = 5;

// Relative standard deviation of an error estimate from n_b independent Gaussian bin
// means: var(s^2)/sigma^4 = 2/(n_b - 1), halved for s (docs/statistics.md, eq. 5).
double relative_error_of_error(std::int64_t bins) {
  return 1.0 / std::sqrt(2.0 * static_cast<double>(bins - 1));
}

// Reads a non-negative integer stored exactly in a double, or throws.
std::int64_t read_count(double v, const char* what) {
  if (!(v >= 0.0 && v <= 9007199254740992.0 && v == std::floor(v)))
    throw std::invalid_argument(std::string("Accumulator::from_state: ") + what +
                                " is not a non-negative integer: " + std::to_string(v));
  return static_cast<std::int64_t>(v);
}

}  // namespace

Accumulator::Accumulator() { levels_.reserve(max_levels); }

void Accumulator::add(double x) {
  if (!std::isfinite(x))
    throw std::domain_error("Accumulator::add: measurement is not finite: " + std::to_string(x));
  // Feed x as a bin of level l; each completed pair becomes one bin of level l + 1.
  for (std::size_t l = 0;; ++l) {
    if (l == levels_.size()) levels_.emplace_back();
    Level& lv = levels_[l];
    // Welford's update: no cancellation even when |mean| >> spread (energies ~ -N).
    ++lv.bins;
    const double d = x - lv.mean;
    lv.mean += d / static_cast<double>(lv.bins);
    lv.m2 += d * (x - lv.mean);
    if (!lv.has_pending) {
      lv.pending = x;
      lv.has_pending = true;
      return;
    }
    x = 0.5 * (lv.pending + x);  // both halves hold 2^l measurements
    lv.pending = 0.0;
    lv.has_pending = false;
  }
}

std::int64_t Accumulator::count() const { return levels_.empty() ? 0 : levels_[0].bins; }

double Accumulator::mean() const { return levels_.empty() ? 0.0 : levels_[0].mean; }

double Accumulator::naive_error() const { return count() < 2 ? 0.0 : level_error(0); }

double Accumulator::level_error(std::size_t l) const {
  const Level& lv = levels_[l];
  const double n = static_cast<double>(lv.bins);
  const double variance = std::max(0.0, lv.m2) / (n - 1.0);  // unbiased variance of bin means
  return std::sqrt(variance / n);
}

// Plateau rule (docs/statistics.md, section 3). With bins of B = 2^l measurements the
// binning error falls short of its limit by a relative amount ~ tau_int / (2B); level l is
// the plateau when (a) that remaining growth, with tau taken one standard deviation above
// its estimate, is below a quarter of the level's own statistical uncertainty delta_l
// (about B^3 >= 8 N tau^2, the optimal block of Lee et al., PRE 83, 066706 (2011)), and (b) no later
// usable level lies more than 2 delta above it, which catches a slow mode that the tau
// estimated at level l does not yet see.
bool Accumulator::is_plateau(std::size_t l, std::size_t usable) const {
  const double e = level_error(l);
  const double tau = e * e / (2.0 * naive_error() * naive_error());
  const double delta = relative_error_of_error(levels_[l].bins);
  const double tau_upper = tau * (1.0 + 2.0 * delta);  // one sigma up: don't stop on a dip
  if (tau_upper / (2.0 * std::ldexp(1.0, static_cast<int>(l))) > delta / 4.0) return false;
  for (std::size_t k = l + 1; k < usable; ++k)
    if (level_error(k) > e * (1.0 + 2.0 * relative_error_of_error(levels_[k].bins)))
      return false;
  return true;
}

BinningAnalysis Accumulator::analysis() const {
  BinningAnalysis r;
  r.mean = mean();
  r.naive_error = naive_error();
  std::size_t usable = 0;
  for (std::size_t l = 0; l < levels_.size() && levels_[l].bins >= 2; ++l) {
    r.error_per_level.push_back(level_error(l));
    r.bins_per_level.push_back(levels_[l].bins);
    if (levels_[l].bins >= min_bins) usable = l + 1;
  }
  if (!(r.naive_error > 0.0)) return r;  // < 2 measurements or constant series

  std::size_t chosen = usable == 0 ? 0 : usable - 1;  // fallback: last usable level
  for (std::size_t l = 0; l < usable; ++l) {
    if (is_plateau(l, usable)) {
      chosen = l;
      r.plateau_found = true;
      break;
    }
  }
  r.plateau_level = static_cast<int>(chosen);
  r.error = r.error_per_level[chosen];
  r.tau_int = r.error * r.error / (2.0 * r.naive_error * r.naive_error);
  // tau ~ error^2: twice the relative error of the error (naive_error is far more precise).
  r.tau_int_error = 2.0 * relative_error_of_error(levels_[chosen].bins) * r.tau_int;
  return r;
}

std::vector<double> Accumulator::state() const {
  std::vector<double> s{state_format, static_cast<double>(levels_.size())};
  for (const Level& lv : levels_) {
    s.insert(s.end(), {static_cast<double>(lv.bins), lv.mean, lv.m2, lv.pending,
                       lv.has_pending ? 1.0 : 0.0});
  }
  return s;
}

Accumulator Accumulator::from_state(const std::vector<double>& s) {
  if (s.size() < state_header || s[0] != state_format)
    throw std::invalid_argument("Accumulator::from_state: missing header or unknown format");
  const auto n_levels = static_cast<std::size_t>(read_count(s[1], "level count"));
  if (n_levels > max_levels || s.size() != state_header + state_per_level * n_levels)
    throw std::invalid_argument("Accumulator::from_state: expected " +
                                std::to_string(state_header + state_per_level * n_levels) +
                                " numbers, got " + std::to_string(s.size()));
  Accumulator a;
  for (std::size_t l = 0; l < n_levels; ++l) {
    const double* f = s.data() + state_header + state_per_level * l;
    Level lv{read_count(f[0], "bin count"), f[1], f[2], f[3], f[4] == 1.0};
    // Invariants of add(): a pair is pending iff the count is odd; each pair is one bin above.
    const bool odd = lv.bins % 2 == 1;
    const std::int64_t above = l + 1 < n_levels ? read_count(f[state_per_level], "bin count") : 0;
    if (lv.has_pending != odd || (f[4] != 0.0 && f[4] != 1.0) || above != lv.bins / 2 ||
        !std::isfinite(lv.mean) || !std::isfinite(lv.m2) || !std::isfinite(lv.pending))
      throw std::invalid_argument("Accumulator::from_state: inconsistent level " +
                                  std::to_string(l));
    a.levels_.push_back(lv);
  }
  return a;
}

}  // namespace hebbmc::observables
