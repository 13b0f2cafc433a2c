// Elementary special functions shared by the replica equations.
#include "analysis/numerics/special_functions.hpp"

#include <cmath>
#include <numbers>

namespace hebbmc::analysis {

double factorial(int n) { return std::tgamma(n + 1.0); }

double log_cosh(double u) {
  const double a = std::abs(u);
  return a - std::numbers::ln2 + std::log1p(std::exp(-2.0 * a));
}

}  // namespace hebbmc::analysis
