// Dispatcher of the storage-model RS equations on P (physics.md 5(a) for P = 2, 5(b) for P >= 4).
#include "analysis/rs/rs_storage.hpp"

#include "analysis/rs/rs_dense.hpp"
#include "analysis/rs/rs_hopfield.hpp"

#include <cmath>
#include <limits>
#include <stdexcept>

namespace hebbmc::analysis {

RSSolution solve_rs_storage(int P, double alpha, double beta, double m0, double q0,
                            const RSOptions& options) {
  if (P < 2 || P % 2 != 0)
    throw std::invalid_argument("solve_rs_storage: P must be even and >= 2 (physics.md 1), got " +
                                std::to_string(P));
  if (P == 2) return solve_rs_hopfield(alpha, beta, m0, q0, options);
  return solve_rs_dense(P, alpha, beta, m0, q0, options);
}

namespace {

// True if the retrieval branch (start m0 = q0 = 1) exists and converges at alpha.
bool retrieves(int P, double alpha, double beta, const RSOptions& options) {
  const RSSolution s = solve_rs_storage(P, alpha, beta, 1.0, 1.0, options);
  return s.converged && s.branch == "retrieval";
}

}  // namespace

double rs_storage_capacity(int P, double beta, double tolerance, const RSOptions& options) {
  if (!retrieves(P, 0.0, beta, options)) return std::numeric_limits<double>::quiet_NaN();
  double lo = 0.0, hi = 0.01;
  while (retrieves(P, hi, beta, options)) {  // bracket: capacities are O(0.1) or less
    lo = hi;
    hi *= 2.0;
    if (hi > 1e3) return std::numeric_limits<double>::infinity();
  }
  while (hi - lo > tolerance) {
    const double mid = 0.5 * (lo + hi);
    (retrieves(P, mid, beta, options) ? lo : hi) = mid;
  }
  return lo;
}

std::string rs_branch(double m, double q, double threshold) {
  if (std::abs(m) > threshold) return "retrieval";
  if (q > threshold) return "spin glass";
  return "paramagnetic";
}

}  // namespace hebbmc::analysis
