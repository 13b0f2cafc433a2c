// Error bars of one scalar Markov-chain time series by online logarithmic binning.
//
// The estimators, the tau_int convention and the plateau rule are derived in
// docs/statistics.md (after Ambegaokar & Troyer, Am. J. Phys. 78, 150 (2010), and
// ALPSCore's alea autocorrelation accumulator).
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace hebbmc::observables {

// Result of the binning analysis of one time series; every field is finite.
//
// With fewer than 2 measurements, or with a constant series, nothing can be said about
// fluctuations: error = naive_error = 0, tau_int = 1/2, tau_int_error = 0,
// plateau_found = false, plateau_level = 0 (error_per_level is empty for < 2 measurements).
struct BinningAnalysis {
  double mean = 0.0;           // mean of all measurements (0 if there are none)
  double error = 0.0;          // error of the mean, read off the binning plateau
  double naive_error = 0.0;    // s / sqrt(n): the error if the measurements were independent
  double tau_int = 0.5;        // 1/2 + sum_{t>=1} rho(t) = error^2 / (2 naive_error^2)
  double tau_int_error = 0.0;  // one standard deviation of tau_int (statistical part)
  bool plateau_found = false;  // false: error and tau_int are lower bounds, run longer
  int plateau_level = 0;       // level l (bins of 2^l measurements) that error comes from
  std::vector<double> error_per_level;       // error estimate of every level with >= 2 bins
  std::vector<std::int64_t> bins_per_level;  // complete bins behind each error_per_level entry
};

// Online logarithmic binning of one scalar observable: O(log n) memory, O(1) amortised add.
class Accumulator {
 public:
  // Levels with fewer complete bins than this are too noisy to take the error from.
  static constexpr std::int64_t min_bins = 32;

  // An empty accumulator.
  Accumulator();

  // Records one measurement; throws std::domain_error if x is NaN or infinite.
  void add(double x);

  // Number of measurements recorded.
  std::int64_t count() const;

  // Mean of the measurements (0 if there are none).
  double mean() const;

  // s / sqrt(n), the error ignoring autocorrelations (0 for fewer than 2 measurements).
  double naive_error() const;

  // Binning analysis with automatic plateau detection (docs/statistics.md, section 3).
  BinningAnalysis analysis() const;

  // Exact state for checkpoints; from_state(state()) continues bit-identically.
  std::vector<double> state() const;

  // Rebuilds an accumulator from state(); throws std::invalid_argument if malformed.
  static Accumulator from_state(const std::vector<double>& s);

 private:
  // Level l: statistics of the complete bins of 2^l measurements, plus a half-finished pair.
  struct Level {
    std::int64_t bins = 0;     // complete bins seen at this level
    double mean = 0.0;         // running mean of the bin means (Welford)
    double m2 = 0.0;           // sum of squared deviations of the bin means from `mean`
    double pending = 0.0;      // first bin mean of an unfinished pair (valid if has_pending)
    bool has_pending = false;  // true when `bins` is odd
  };

  // Standard error of the mean estimated from level l: sqrt(var(bin means) / bins).
  double level_error(std::size_t l) const;

  // True if level l satisfies the plateau rule, given the usable level count.
  bool is_plateau(std::size_t l, std::size_t usable) const;

  std::vector<Level> levels_;
};

}  // namespace hebbmc::observables
