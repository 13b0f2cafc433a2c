// Average over disorder samples (independent patterns xi), keeping the thermal and the
// sample-to-sample parts of the error apart (docs/statistics.md, section 5).
//
// Input: S samples, each a thermal average a_s with its Monte Carlo error eps_s.
// Formulas (sums over s = 1..S):
//   mean          = (1/S) sum a_s
//   error_scatter = sqrt( sum (a_s - mean)^2 / (S (S-1)) )          for S >= 2
//                 = eps_1                                           for S == 1
//                   The unbiased estimate of the error of the disorder average: the scatter of the a_s
//                   contains both the disorder and the thermal noise of each a_s, so
//                   E[error^2] = (sigma_dis^2 + mean(eps^2)) / S.
//   error         = max(error_scatter, error_thermal): the reported error bar. Never below
//                   the thermal part: with few samples the scatter can be small by chance
//                   (S = 2: two nearly equal means), and an error bar smaller than the Monte
//                   Carlo noise alone would understate the uncertainty.
//   error_thermal = sqrt( sum eps_s^2 ) / S
//                   The part of `error` due to finite Monte Carlo runs (E = mean(eps^2)/S).
//   error_samples = sqrt( max(0, error_scatter^2 - error_thermal^2) )
//                   The part due to finitely many disorder samples (E[.^2] = sigma_dis^2/S);
//                   0 for S == 1, where the two cannot be separated.
//   sample_spread = sqrt( sum (a_s - mean)^2 / (S-1) )   for S >= 2, else 0
//                   Standard deviation of the measured a_s (includes thermal noise).
//   intrinsic_spread = sqrt( max(0, sample_spread^2 - (1/S) sum eps_s^2) )
//                   Estimate of sigma_dis, the spread of the exact thermal averages.
// S == 0 gives all zeros.
#pragma once

#include <vector>

namespace hebbmc::observables {

// Thermal average of one disorder sample and its Monte Carlo (binning) error.
struct SampleEstimate {
  double mean;   // a_s
  double error;  // eps_s >= 0
};

// Disorder average with its error split into thermal and sample-to-sample parts.
struct DisorderAverage {
  double mean = 0.0;           // (1/S) sum a_s
  double error = 0.0;          // reported error of `mean`: max(error_scatter, error_thermal)
  double error_scatter = 0.0;  // unbiased error from the scatter of the sample means
  double error_thermal = 0.0;  // sqrt(sum eps_s^2) / S
  double error_samples = 0.0;  // sqrt(max(0, error_scatter^2 - error_thermal^2))
  double sample_spread = 0.0;  // standard deviation of the a_s (S-1 normalisation)
  double intrinsic_spread = 0.0;  // sample_spread corrected for thermal noise
  int samples = 0;             // S
};

// Combines per-sample estimates; throws std::invalid_argument on a NaN/inf mean or a
// negative / non-finite error.
DisorderAverage disorder_average(const std::vector<SampleEstimate>& samples);

}  // namespace hebbmc::observables
