// Replica-symmetric solution of dense supervised and unsupervised learning at one point
// (physics.md 5(c), 5(d); the equations L13-L17 of docs/learning.md are in learning_equations.hpp).
#pragma once

#include "analysis/numerics/fixed_point.hpp"
#include "analysis/numerics/gauss_hermite.hpp"
#include "analysis/rs/learning_equations.hpp"

#include <limits>
#include <string>

namespace hebbmc::analysis {

/// Law of the teacher average t = yhat xi on a site (d = 0).
enum class TeacherLaw {
  gaussian,  ///< large-M approximation t = r (1 + sqrt(rho) lambda) of physics.md 5(c)
  binomial,  ///< exact finite-M law t = (2k - M)/M, k ~ Binomial(M, (1+r)/2) (eq. L14)
};

/// One point of the learning phase diagram (d = 0; one condensed archetype).
struct LearningPoint {
  int P = 4;           ///< interaction order, even
  double alpha = 0.0;  ///< K = alpha N^(P-1); alpha > 0 needs P >= 4
  double beta = 1.0;   ///< inverse temperature, may be +infinity
  double r = 1.0;      ///< example quality in (0, 1]
  int M = 1;           ///< examples per archetype
  LearningSetting setting = LearningSetting::supervised;  ///< which Hamiltonian
  TeacherLaw law = TeacherLaw::gaussian;                   ///< which data law
};

/// Numerical settings of solve_rs_learning.
struct LearningRSOptions {
  int gauss_hermite_order = GaussHermite::kDefaultOrder;  ///< nodes of the Gaussian rule
  FixedPointOptions solver;                               ///< iteration / Newton tolerances
};

/// Outcome of one RS solve of the learning equations.
struct LearningRSSolution {
  double m = 0;     ///< Mattis magnetization of the condensed archetype
  double nbar = 0;  ///< normalised teacher overlap s / (r (1 + rho))
  double q = 0;     ///< replica overlap (1 at beta = +inf)
  /// Internal energy per neuron u = <H>/N (eq. L17), comparable with the MC `energy`.
  double energy = std::numeric_limits<double>::quiet_NaN();
  double rho = 0;    ///< dataset entropy (1 - r^2)/(M r^2)
  double gamma = 1;  ///< noise factor of the non-condensed archetypes (eq. L16; 1 if supervised)
  bool converged = false;  ///< true iff the solver verified the fixed point
  int iterations = 0;      ///< damped iterations plus Newton steps
  double residual = std::numeric_limits<double>::quiet_NaN();  ///< max|F(x) - x| at the answer
  std::string equation;    ///< e.g. "physics.md 5(c); docs/learning.md L13"
  std::string status;      ///< "converged" or the reason it is not
};

/// Solves the RS equations of physics.md 5(c) (supervised) or 5(d) (unsupervised), eqs. L13-L16:
/// g = A t/r + z sqrt(gamma alpha q^(P-1)/(P-1)!), A = (1+rho)^(P/2-1) nbar^(P-1)/(P-1)!,
/// nbar = E[(t/r) tanh(beta g)]/(1+rho), m = E tanh(beta g), q = E tanh^2(beta g), t = yhat xi.
/// Start (nbar0, q0) selects the branch. Throws std::invalid_argument for odd P or P < 2,
/// alpha > 0 with P = 2, alpha < 0, beta < 0, r outside (0, 1] or M < 1.
LearningRSSolution solve_rs_learning(const LearningPoint& point, double nbar0 = 1.0, double q0 = 1.0,
                                     const LearningRSOptions& options = {});

}  // namespace hebbmc::analysis
