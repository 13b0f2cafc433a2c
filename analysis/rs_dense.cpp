// Dense-storage RS equations (physics.md 5(b)). The non-condensed patterns are a Gaussian field
// with covariance N xi(q), xi(q) = alpha q^P / P! (physics.md 5(f)), so the P-spin-glass RS
// functional applies, plus the Mattis term; see docs/theory.md for f and u.
#include "analysis/rs_dense.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace hebbmc::analysis {
namespace {

// n! (exact in double for the n <= 20 that matter here).
double factorial(int n) { return std::tgamma(n + 1.0); }

// Mean field h = m^(P-1)/(P-1)! and noise width b = sqrt(xi'(q)) = sqrt(alpha q^(P-1)/(P-1)!).
struct DenseField {
  double h, b;
};

DenseField dense_field(int P, double alpha, double m, double q) {
  const double fact = factorial(P - 1);
  return {std::pow(m, P - 1) / fact, std::sqrt(alpha * std::pow(std::clamp(q, 0.0, 1.0), P - 1) / fact)};
}

// RS free energy per neuron (docs/theory.md, eq. F-dense):
// f = (P-1) m^P/P! - (1/beta) E ln 2cosh(beta g) - (beta/2)[xi(1) - xi(q) - (1-q) xi'(q)],
// with beta (1-q)^2 written as chi (1-q) so the last term has no cancellation and a beta = inf limit.
double dense_free_energy(int P, double alpha, double beta, double m, double q, double chi,
                         const TanhAverages& a) {
  double bracket = 0.0;  // [xi(1) - xi(q) - (1-q) xi'(q)] / (alpha (1-q)^2 / P!) = sum (k+1) q^k
  for (int k = 0; k <= P - 2; ++k) bracket += (k + 1) * std::pow(q, k);
  double f = (P - 1) * std::pow(m, P) / factorial(P) - a.log_cosh -
             0.5 * alpha / factorial(P) * chi * (1.0 - q) * bracket;
  if (!std::isinf(beta)) f -= std::log(2.0) / beta;
  return f;
}

// u = d(beta f)/d(beta) = -m^P/P! - beta [xi(1) - xi(q)] (docs/theory.md, eq. U-dense).
double dense_energy(int P, double alpha, double m, double q, double chi) {
  double geometric = 0.0;  // (1 - q^P) / (1 - q)
  for (int j = 0; j < P; ++j) geometric += std::pow(q, j);
  return -std::pow(m, P) / factorial(P) - alpha / factorial(P) * chi * geometric;
}

// Packs a solver result into an RSSolution with chi, branch, free energy and energy.
RSSolution dense_solution(int P, double alpha, double beta, const FixedPointResult& fp,
                          const GaussHermite& rule, const RSOptions& options) {
  RSSolution s;
  s.m = fp.x(0);
  const double q_iter = std::isinf(beta) ? 1.0 : std::clamp(fp.x(1), 0.0, 1.0);
  const DenseField g = dense_field(P, alpha, s.m, q_iter);
  const TanhAverages a = tanh_averages(rule, beta, g.h, g.b);
  s.q = std::isinf(beta) ? 1.0 : q_iter;
  s.chi = a.beta_sech2;
  s.converged = fp.converged;
  s.iterations = fp.iterations;
  s.residual = fp.residual;
  s.equation = "physics.md 5(b) (dense storage, P = " + std::to_string(P) + ")";
  s.status = fp.status;
  s.branch = rs_branch(s.m, s.q, options.branch_threshold);
  s.free_energy = dense_free_energy(P, alpha, beta, s.m, s.q, s.chi, a);
  s.energy = dense_energy(P, alpha, s.m, s.q, s.chi);
  return s;
}

}  // namespace

RSSolution solve_rs_dense(int P, double alpha, double beta, double m0, double q0, const RSOptions& options) {
  if (P < 4 || P % 2 != 0) throw std::invalid_argument("solve_rs_dense: P must be even and >= 4");
  if (!(alpha >= 0.0) || !(beta >= 0.0) || !std::isfinite(alpha))
    throw std::invalid_argument("solve_rs_dense: need alpha >= 0 finite and beta >= 0");
  const GaussHermite rule(options.gauss_hermite_order);
  FixedPointMap F;
  Eigen::VectorXd x0;
  if (std::isinf(beta)) {  // q = 1: m = erf(m^(P-1) / sqrt(2 alpha (P-1)!))
    F = [&](const Eigen::VectorXd& x) {
      const DenseField g = dense_field(P, alpha, x(0), 1.0);
      return Eigen::VectorXd::Constant(1, tanh_averages(rule, beta, g.h, g.b).tanh);
    };
    x0 = Eigen::VectorXd::Constant(1, m0);
  } else {  // (m, q) -> (E tanh(beta g), 1 - E sech^2(beta g))
    F = [&](const Eigen::VectorXd& x) {
      const DenseField g = dense_field(P, alpha, x(0), x(1));
      const TanhAverages a = tanh_averages(rule, beta, g.h, g.b);
      Eigen::VectorXd next(2);
      next << a.tanh, 1.0 - a.sech2;
      return next;
    };
    x0.resize(2);
    x0 << m0, q0;
  }
  const FixedPointResult fp = solve_fixed_point(F, x0, options.solver);
  return dense_solution(P, alpha, beta, fp, rule, options);
}

}  // namespace hebbmc::analysis
