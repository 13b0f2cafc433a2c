// Amit-Gutfreund-Sompolinsky replica-symmetric theory of the Hopfield model (physics.md 5(a)).
#pragma once

#include "analysis/rs/rs_storage.hpp"

namespace hebbmc::analysis {

/// AGS RS solution at P = 2, K = alpha N (physics.md 5(a)): m = E tanh(beta g), q = E tanh^2(beta g),
/// g = m + z sqrt(alpha r), r = q / (1 - beta(1-q))^2. beta = +inf uses the AGS T = 0 limit
/// (m = erf(y), C = beta(1-q) = sqrt(2/(pi alpha r)) exp(-y^2)); alpha = 0 is Curie-Weiss.
/// Start (m0, q0) selects the branch. Throws std::invalid_argument on alpha < 0, beta < 0 or NaN.
RSSolution solve_rs_hopfield(double alpha, double beta, double m0 = 1.0, double q0 = 1.0,
                             const RSOptions& options = {});

}  // namespace hebbmc::analysis
