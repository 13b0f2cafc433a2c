// RS equations of dense learning (physics.md 5(c), 5(d)); derivation in docs/learning.md L13-L17.
#include "analysis/rs/rs_learning.hpp"
#include "analysis/numerics/special_functions.hpp"
#include "models/examples.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <vector>

namespace hebbmc::analysis {
namespace {

// Averages over the data law and the noise z at fixed (nbar, q).
struct LearningAverages {
  double m = 0, nbar = 0, q = 0, chi = 0;
};

// The data law of t/r = yhat xi / r as weighted points; empty for the Gaussian law (handled by Stein).
struct DataLaw {
  std::vector<double> t_over_r, weight;
};

DataLaw binomial_law(double r, int M) {  // eq. L14: t = (2k - M)/M, k ~ Binomial(M, (1+r)/2)
  DataLaw law;
  const double p = (1.0 + r) / 2.0;
  for (int k = 0; k <= M; ++k) {
    double logw = std::lgamma(M + 1.0) - std::lgamma(k + 1.0) - std::lgamma(M - k + 1.0);
    logw += (k > 0 ? k * std::log(p) : 0.0) + (M - k > 0 ? (M - k) * std::log1p(-p) : 0.0);
    const double w = std::exp(logw);
    if (w < 1e-300) continue;
    law.t_over_r.push_back((2.0 * k - M) / (M * r));
    law.weight.push_back(w);
  }
  return law;
}

class LearningEquations {
 public:
  LearningEquations(const LearningPoint& p, int order)
      : p_(p), rule_(order), rho_(models::dataset_entropy(p.r, p.M)),
        gamma_(learning_noise_factor(p.setting, p.P, p.r, p.M)) {
    if (p.law == TeacherLaw::binomial) law_ = binomial_law(p.r, p.M);
  }

  double rho() const { return rho_; }
  double gamma() const { return gamma_; }

  // eq. L13 at (nbar, q): signal amplitude A and noise width B.
  LearningAverages averages(double nbar, double q) const {
    const int P = p_.P;
    const double A = std::pow(1.0 + rho_, 0.5 * P - 1.0) * std::pow(nbar, P - 1) / factorial(P - 1);
    const double B = std::sqrt(gamma_ * p_.alpha * std::pow(std::clamp(q, 0.0, 1.0), P - 1) / factorial(P - 1));
    LearningAverages out;
    if (p_.law == TeacherLaw::gaussian) {
      // t/r = 1 + sqrt(rho) lambda: g = A + sqrt(rho A^2 + B^2) w, one Gaussian; Stein's lemma gives
      // E[lambda tanh(beta g)] = sqrt(rho) A beta E sech^2(beta g) (eq. L15).
      const TanhAverages a = tanh_averages(rule_, p_.beta, A, std::sqrt(rho_ * A * A + B * B));
      const double stein = (rho_ * A == 0.0) ? 0.0 : rho_ * A * a.beta_sech2;
      out = {a.tanh, (a.tanh + stein) / (1.0 + rho_), 1.0 - a.sech2, a.beta_sech2};
      return out;
    }
    for (std::size_t k = 0; k < law_.weight.size(); ++k) {
      const TanhAverages a = tanh_averages(rule_, p_.beta, A * law_.t_over_r[k], B);
      const double w = law_.weight[k];
      out.m += w * a.tanh;
      out.nbar += w * law_.t_over_r[k] * a.tanh;
      out.q += w * a.sech2;
      out.chi += w * a.beta_sech2;
    }
    out.nbar /= 1.0 + rho_;
    out.q = 1.0 - out.q;
    return out;
  }

  // eq. L17: u = -(1+rho)^(P/2) nbar^P/P! - gamma alpha beta (1 - q^P)/P!, with beta (1 - q) = chi.
  double energy(double nbar, double q, double chi) const {
    const int P = p_.P;
    double u = -std::pow(1.0 + rho_, 0.5 * P) * std::pow(nbar, P) / factorial(P);
    if (p_.alpha > 0.0) {
      double geometric = 0.0;  // (1 - q^P)/(1 - q)
      for (int j = 0; j < P; ++j) geometric += std::pow(q, j);
      u -= gamma_ * p_.alpha / factorial(P) * chi * geometric;
    }
    return u;
  }

 private:
  LearningPoint p_;
  GaussHermite rule_;
  double rho_, gamma_;
  DataLaw law_;
};

void validate(const LearningPoint& p) {
  if (p.P < 2 || p.P % 2 != 0) throw std::invalid_argument("solve_rs_learning: P must be even and >= 2");
  if (!(p.alpha >= 0.0) || !std::isfinite(p.alpha)) throw std::invalid_argument("solve_rs_learning: need finite alpha >= 0");
  if (p.alpha > 0.0 && p.P == 2)
    throw std::invalid_argument("solve_rs_learning: high storage is derived for P >= 4 only (P = 2 needs the AGS reaction term)");
  if (!(p.beta >= 0.0)) throw std::invalid_argument("solve_rs_learning: need beta >= 0");
  if (!(p.r > 0.0 && p.r <= 1.0)) throw std::invalid_argument("solve_rs_learning: need r in (0, 1]");
  if (p.M < 1) throw std::invalid_argument("solve_rs_learning: need M >= 1");
}

}  // namespace

double learning_noise_factor(LearningSetting setting, int P, double r, int M) {
  if (setting == LearningSetting::supervised) return 1.0;
  const double R = models::example_R(r, M);
  return (1.0 + (M - 1.0) * std::pow(r, 2 * P)) / (M * std::pow(R, P));  // eq. L16
}

LearningRSSolution solve_rs_learning(const LearningPoint& point, double nbar0, double q0, const LearningRSOptions& options) {
  validate(point);
  const LearningEquations eq(point, options.gauss_hermite_order);
  const bool zero_T = std::isinf(point.beta);
  FixedPointMap F = [&](const Eigen::VectorXd& x) {  // (nbar, q) -> (nbar', q'); q = 1 fixed at T = 0
    const LearningAverages a = eq.averages(x(0), zero_T ? 1.0 : x(1));
    Eigen::VectorXd next(x.size());
    next(0) = a.nbar;
    if (!zero_T) next(1) = a.q;
    return next;
  };
  Eigen::VectorXd x0(zero_T ? 1 : 2);
  x0(0) = nbar0;
  if (!zero_T) x0(1) = q0;
  const FixedPointResult fp = solve_fixed_point(F, x0, options.solver);

  LearningRSSolution s;
  s.nbar = fp.x(0);
  const double q = zero_T ? 1.0 : std::clamp(fp.x(1), 0.0, 1.0);
  const LearningAverages a = eq.averages(s.nbar, q);
  s.m = a.m;
  s.q = zero_T ? 1.0 : q;
  s.energy = eq.energy(s.nbar, s.q, a.chi);
  s.rho = eq.rho();
  s.gamma = eq.gamma();
  s.converged = fp.converged;
  s.iterations = fp.iterations;
  s.residual = fp.residual;
  s.status = fp.status;
  s.equation = std::string(point.setting == LearningSetting::supervised ? "physics.md 5(c)" : "physics.md 5(d)") +
               "; docs/learning.md L13-L16 (" + (point.law == TeacherLaw::gaussian ? "Gaussian" : "binomial") + " data)";
  return s;
}

}  // namespace hebbmc::analysis
