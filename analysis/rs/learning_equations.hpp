// The replica-symmetric equations of dense supervised and unsupervised learning (physics.md 5(c),
// 5(d); derivations in docs/learning.md, eqs. L13-L17), shared by the point solver
// (rs_learning.hpp) and the phase-diagram model (phase/phase_learning.hpp).
#pragma once

#include "analysis/numerics/gauss_hermite.hpp"

namespace hebbmc::analysis {

/// Which Hamiltonian the theory describes (physics.md section 3).
enum class LearningSetting {
  supervised,    ///< R^(-P/2) sum_mu E_P(yhat^mu)
  unsupervised,  ///< R^(-P/2) (1/M) sum_mu sum_a E_P(eta^{mu,a})
};

/// Variance factor of the noise of the non-condensed archetypes relative to storage (eq. L16):
/// 1 for supervised learning, (1 + (M-1) r^(2P)) / (M R^P) for unsupervised learning.
double learning_noise_factor(LearningSetting setting, int P, double r, int M);

/// The two amplitudes of the local field of eq. L13, g = A t/r + B z, at (nbar, q).
struct LearningField {
  double A = 0;   ///< signal (1+rho)^(P/2-1) nbar^(P-1)/(P-1)!
  double B2 = 0;  ///< pattern-noise variance B^2 = gamma alpha q^(P-1)/(P-1)! (q clamped to [0, 1])
  /// Width of g under the Gaussian data law t/r = 1 + sqrt(rho) lambda, where the data and pattern
  /// Gaussians combine into one: sqrt(rho A^2 + B^2) (eq. L15).
  double gaussian_width(double rho) const;
};

/// Field amplitudes of eq. L13 for order P, noise factor gamma (L16), load alpha, dataset entropy rho.
LearningField learning_field(int P, double gamma, double alpha, double rho, double nbar, double q);

/// Averages over the data law and the noise z at fixed (nbar, q): the right-hand sides of L13.
struct LearningAverages {
  double m = 0;     ///< E tanh(beta g)
  double nbar = 0;  ///< E[(t/r) tanh(beta g)] / (1 + rho)
  double q = 0;     ///< E tanh^2(beta g)
  double chi = 0;   ///< beta E sech^2(beta g) = beta (1 - q)
};

/// L13 under the Gaussian data law from the averages `a` of the one Gaussian field of mean A
/// (eq. L15): Stein's lemma gives E[lambda tanh(beta g)] = sqrt(rho) A beta E sech^2(beta g).
LearningAverages gaussian_law_averages(const TanhAverages& a, double A, double rho);

/// Internal energy per neuron (eq. L17): u = -(1+rho)^(P/2) nbar^P/P! - gamma alpha chi (1 - q^P)/((1 - q) P!),
/// with chi = beta (1 - q).
double learning_energy(int P, double gamma, double alpha, double rho, double nbar, double q, double chi);

}  // namespace hebbmc::analysis
