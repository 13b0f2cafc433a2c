#pragma once
// The goodness-of-fit test of the chains' state histograms (test_boltzmann.cpp, test_parallel_rule.cpp).
#include <boost/math/distributions/chi_squared.hpp>
#include <cstddef>
#include <vector>

namespace hebbmc::testing {

/// Pearson chi-square p-value of observed counts (n in all) against expected probabilities;
/// states with expected count < 5 are pooled so the chi-square approximation holds.
inline double chi_square_p(const std::vector<double>& count, const std::vector<double>& prob, double n) {
  double chi2 = 0, pooled_obs = 0, pooled_exp = 0;
  int dof = -1;
  for (std::size_t b = 0; b < prob.size(); ++b) {
    const double e = n * prob[b];
    if (e < 5) { pooled_obs += count[b]; pooled_exp += e; continue; }
    chi2 += (count[b] - e) * (count[b] - e) / e;
    ++dof;
  }
  if (pooled_exp > 0) { chi2 += (pooled_obs - pooled_exp) * (pooled_obs - pooled_exp) / pooled_exp; ++dof; }
  return 1.0 - boost::math::cdf(boost::math::chi_squared(dof), chi2);
}

}  // namespace hebbmc::testing
