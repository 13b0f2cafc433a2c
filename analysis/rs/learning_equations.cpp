// RS equations of dense learning (physics.md 5(c), 5(d)); derivation in docs/learning.md L13-L17.
#include "analysis/rs/learning_equations.hpp"

#include "analysis/numerics/special_functions.hpp"
#include "models/examples.hpp"

#include <algorithm>
#include <cmath>

namespace hebbmc::analysis {

double learning_noise_factor(LearningSetting setting, int P, double r, int M) {
  if (setting == LearningSetting::supervised) return 1.0;
  const double R = models::example_R(r, M);
  return (1.0 + (M - 1.0) * std::pow(r, 2 * P)) / (M * std::pow(R, P));  // eq. L16
}

double LearningField::gaussian_width(double rho) const { return std::sqrt(rho * A * A + B2); }

LearningField learning_field(int P, double gamma, double alpha, double rho, double nbar, double q) {
  const double A = std::pow(1.0 + rho, 0.5 * P - 1.0) * std::pow(nbar, P - 1) / factorial(P - 1);
  const double B2 = gamma * alpha * std::pow(std::clamp(q, 0.0, 1.0), P - 1) / factorial(P - 1);
  return {A, B2};
}

LearningAverages gaussian_law_averages(const TanhAverages& a, double A, double rho) {
  const double stein = (rho * A == 0.0) ? 0.0 : rho * A * a.beta_sech2;
  return {a.tanh, (a.tanh + stein) / (1.0 + rho), 1.0 - a.sech2, a.beta_sech2};
}

double learning_energy(int P, double gamma, double alpha, double rho, double nbar, double q, double chi) {
  double u = -std::pow(1.0 + rho, 0.5 * P) * std::pow(nbar, P) / factorial(P);
  if (alpha > 0.0) {
    double geometric = 0.0;  // (1 - q^P)/(1 - q)
    for (int j = 0; j < P; ++j) geometric += std::pow(q, j);
    u -= gamma * alpha / factorial(P) * chi * geometric;
  }
  return u;
}

}  // namespace hebbmc::analysis
