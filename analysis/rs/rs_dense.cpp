// Dense-storage RS solver (physics.md 5(b)); the equations, f and u live in dense_rs_model.cpp.
#include "analysis/rs/rs_dense.hpp"

#include "analysis/rs/dense_rs_model.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace hebbmc::analysis {
namespace {

// Packs a solver result into an RSSolution with chi, branch, free energy and energy.
RSSolution dense_solution(int P, double alpha, double beta, const FixedPointResult& fp,
                          const GaussHermite& rule, const RSOptions& options) {
  RSSolution s;
  s.m = fp.x(0);
  const double q_iter = std::isinf(beta) ? 1.0 : std::clamp(fp.x(1), 0.0, 1.0);
  const DenseField g = DenseRSModel::field(P, alpha, s.m, q_iter);
  const TanhAverages a = tanh_averages(rule, beta, g.h, g.b);
  s.q = std::isinf(beta) ? 1.0 : q_iter;
  s.chi = a.beta_sech2;
  s.converged = fp.converged;
  s.iterations = fp.iterations;
  s.residual = fp.residual;
  s.equation = "physics.md 5(b) (dense storage, P = " + std::to_string(P) + ")";
  s.status = fp.status;
  s.branch = rs_branch(s.m, s.q, options.branch_threshold);
  s.free_energy = DenseRSModel::free_energy(P, alpha, beta, s.m, s.q, s.chi, a);
  s.energy = DenseRSModel::energy(P, alpha, s.m, s.q, s.chi);
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
      const DenseField g = DenseRSModel::field(P, alpha, x(0), 1.0);
      return Eigen::VectorXd::Constant(1, tanh_averages(rule, beta, g.h, g.b).tanh);
    };
    x0 = Eigen::VectorXd::Constant(1, m0);
  } else {  // (m, q) -> (E tanh(beta g), 1 - E sech^2(beta g))
    F = [&](const Eigen::VectorXd& x) {
      const DenseField g = DenseRSModel::field(P, alpha, x(0), x(1));
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
