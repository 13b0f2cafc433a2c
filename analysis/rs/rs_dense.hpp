// Replica-symmetric theory of dense storage, P >= 4, K = alpha N^(P-1) (physics.md 5(b)).
#pragma once

#include "analysis/rs/rs_storage.hpp"

namespace hebbmc::analysis {

/// RS solution of physics.md 5(b): g = m^(P-1)/(P-1)! + z sqrt(alpha q^(P-1)/(P-1)!),
/// m = E tanh(beta g), q = E tanh^2(beta g). beta = +inf: q = 1, m = erf(m^(P-1)/sqrt(2 alpha (P-1)!));
/// alpha = 0: m = tanh(beta m^(P-1)/(P-1)!). Start (m0, q0) selects the branch.
/// Throws std::invalid_argument unless P is even and >= 4, alpha >= 0, beta >= 0.
RSSolution solve_rs_dense(int P, double alpha, double beta, double m0 = 1.0, double q0 = 1.0,
                          const RSOptions& options = {});

}  // namespace hebbmc::analysis
