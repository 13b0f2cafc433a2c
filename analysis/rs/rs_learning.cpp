// RS solution of dense learning at one point (physics.md 5(c), 5(d); docs/learning.md L13-L17): the
// equations of learning_equations.hpp averaged over the Gaussian or the exact binomial data law.
#include "analysis/rs/rs_learning.hpp"

#include "models/examples.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <vector>

namespace hebbmc::analysis {
namespace {

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

  // eq. L13 at (nbar, q), averaged over the data law.
  LearningAverages averages(double nbar, double q) const {
    const LearningField f = learning_field(p_.P, gamma_, p_.alpha, rho_, nbar, q);
    if (p_.law == TeacherLaw::gaussian)
      return gaussian_law_averages(tanh_averages(rule_, p_.beta, f.A, f.gaussian_width(rho_)), f.A, rho_);
    const double A = f.A, B = std::sqrt(f.B2);
    LearningAverages out;
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

  // eq. L17 at (nbar, q) with chi = beta (1 - q).
  double energy(double nbar, double q, double chi) const {
    return learning_energy(p_.P, gamma_, p_.alpha, rho_, nbar, q, chi);
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
