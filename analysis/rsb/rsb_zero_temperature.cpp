// Zero-temperature one-step RSB of dense storage (docs/rsb.md, "T = 0").
#include "analysis/rsb/rsb_zero_temperature.hpp"
#include "analysis/numerics/special_functions.hpp"

#include "analysis/numerics/branches.hpp"
#include "analysis/numerics/continuation.hpp"
#include "analysis/rs/dense_rs_model.hpp"
#include "analysis/rsb/rsb_dense.hpp"
#include "analysis/rsb/rsb_quadrature.hpp"

#include <boost/math/tools/toms748_solve.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <numbers>
#include <stdexcept>

namespace hebbmc::analysis {

namespace {

// Below this mu the mu -> 0 limit replaces the 1/mu^2 form (which cancels catastrophically).
constexpr double kSmallMu = 1e-7;

// E_{z0} of the closed-form inner averages (docs/rsb.md, eq. Z1), g = h + a0 z0 + a1 z1.
struct ZeroOuter {
  double log_z = 0, sign = 0, sign2 = 0, abs = 0, var_abs = 0;
};

ZeroOuter zero_outer(int P, double alpha, double m, double q0, double mu) {
  const PSpinCovariance cov{P, alpha};
  const double h = std::pow(m, P - 1) / factorial(P - 1);
  const double v0 = cov.d1(std::clamp(q0, 0.0, 1.0)), v1 = cov.d1(1.0);
  const double a0 = std::sqrt(v0), a1 = std::sqrt(std::max(v1 - v0, 1e-300));
  ZeroOuter out;
  const auto add = [&](double w, double a) {
    const ZeroTemperatureTilted t = tilted_zero_temperature(a, a1, mu);
    out.log_z += w * t.log_z;
    out.sign += w * t.sign;
    out.sign2 += w * t.sign * t.sign;
    out.abs += w * t.abs;
    if (mu < kSmallMu) out.var_abs += w * (a * a + a1 * a1 - t.abs * t.abs);  // Var|X| at mu = 0
  };
  if (a0 == 0.0) {
    add(1.0, h);
    return out;
  }
  // The inner averages turn from -1 to +1 (sign) over a width ~a1 around g0 = h + a0 z0 = 0.
  const QuadratureRule rule = graded_gaussian_rule(-h / a0, a1 / a0);
  for (std::size_t i = 0; i < rule.nodes.size(); ++i) add(rule.weights[i], h + a0 * rule.nodes[i]);
  return out;
}

// (P-1) (xi(1) - xi(q0)) = theta_P(1) - theta_P(q0), the coefficient of mu / 2 (docs/rsb.md).
double theta_gap(int P, double alpha, double q0) {
  const PSpinCovariance cov{P, alpha};
  return (P - 1) * (cov.xi(1.0) - cov.xi(q0));
}

}  // namespace

double rsb_zero_temperature_free_energy(int P, double alpha, double m, double q0, double mu) {
  const ZeroOuter o = zero_outer(P, alpha, m, q0, mu);
  const double mattis = (P - 1) * std::pow(m, P) / factorial(P);
  if (mu < kSmallMu) return mattis - o.abs;  // RS at q = 1: f = (P-1) m^P/P! - E|g|
  return mattis - o.log_z / mu + 0.5 * mu * theta_gap(P, alpha, q0);
}

double rsb_zero_temperature_mu_derivative(int P, double alpha, double m, double q0, double mu) {
  const ZeroOuter o = zero_outer(P, alpha, m, q0, mu);
  if (mu < kSmallMu) return 0.5 * (theta_gap(P, alpha, q0) - o.var_abs);
  return o.log_z / (mu * mu) - o.abs / mu + 0.5 * theta_gap(P, alpha, q0);
}

double rsb_zero_temperature_mu(int P, double alpha, double m, double q0, double hint) {
  const auto D = [&](double mu) { return rsb_zero_temperature_mu_derivative(P, alpha, m, q0, mu); };
  const double d0 = D(0.0);
  if (!(d0 > 0.0)) return 0.0;
  // Bracket [lo, hi] with D(lo) > 0 >= D(hi), starting around the hint (the answer does not depend on it).
  double lo = 0.0, d_lo = d0, hi = hint > 0.0 && std::isfinite(hint) ? 1.25 * hint : 1.0, d_hi = D(hi);
  if (d_hi > 0.0) {
    while (d_hi > 0.0 && hi < 1e9) {
      lo = hi;
      d_lo = d_hi;
      d_hi = D(hi *= 2.0);
    }
    if (d_hi > 0.0) return std::numeric_limits<double>::infinity();
  } else if (hint > 0.0) {
    const double mid = 0.8 * hint, d_mid = D(mid);
    if (d_mid > 0.0) {
      lo = mid;
      d_lo = d_mid;
    }
  }
  std::uintmax_t iterations = 200;
  const auto [a, b] = boost::math::tools::toms748_solve(
      D, lo, hi, d_lo, d_hi, [](double p, double q) { return std::abs(q - p) <= 1e-14 * std::max(1.0, std::abs(q)); },
      iterations);
  return 0.5 * (a + b);
}

DenseRSBZeroTemperatureModel::DenseRSBZeroTemperatureModel(int P) : P_(P) {
  if (P < 4 || P % 2 != 0) throw std::invalid_argument("DenseRSBZeroTemperatureModel: P must be even and >= 4");
}

namespace {

// mu = nu / sqrt(xi'(1)): nu, the tilt in units of the noise width, is O(1) for every P and alpha.
double noise_width(int P, double alpha) { return std::sqrt(PSpinCovariance{P, alpha}.d1(1.0)); }

}  // namespace

Eigen::VectorXd DenseRSBZeroTemperatureModel::map(const Eigen::VectorXd& x, const Control& c) const {
  // (m, q0) -> (E<sign g>, E<sign g>^2); nu -> one Newton step on df/dmu = 0 (docs/rsb.md, S-mu).
  // At a fixed point df/dmu = 0, and det(I - dF/dx) vanishes exactly where the Jacobian of the
  // stationarity system does, so folds are found as for any other model.
  const double alpha = c["alpha"], width = noise_width(P_, alpha);
  const double nu = std::max(x(2), 0.0), mu = nu / width;
  const ZeroOuter o = zero_outer(P_, alpha, x(0), x(1), mu);
  const double d = mu < kSmallMu ? rsb_zero_temperature_mu_derivative(P_, alpha, x(0), x(1), mu)
                                 : o.log_z / (mu * mu) - o.abs / mu + 0.5 * theta_gap(P_, alpha, x(1));
  const double h = 1e-5 * std::max(nu, 1.0);
  const double slope = (rsb_zero_temperature_mu_derivative(P_, alpha, x(0), x(1), (nu + h) / width) - d) / h;
  double nu_next = slope < 0.0 ? nu - d / slope : nu + (d > 0 ? 1.0 : -0.5) * std::max(nu, 1.0);
  nu_next = std::clamp(nu_next, 0.0, std::max(4.0 * nu, 1.0));  // cautious Newton: at most x4 per step
  return Eigen::Vector3d(o.sign, o.sign2, nu_next);
}

VariableBounds DenseRSBZeroTemperatureModel::bounds(const Control&) const {
  return {Eigen::Vector3d(-1.0, 0.0, 0.0), Eigen::Vector3d(1.0, 1.0, 1e6)};
}

std::vector<BranchStart> DenseRSBZeroTemperatureModel::starts(const Control&) const {
  return {{"retrieval", Eigen::Vector3d(1.0, 0.5, 1.0)}, {"spin glass", Eigen::Vector3d(0.0, 0.0, 1.0)}};
}

OrderParameters DenseRSBZeroTemperatureModel::evaluate(const Eigen::VectorXd& x, const Control& c) const {
  const double alpha = c["alpha"];
  OrderParameters o;
  o.m = x(0);
  o.q = 1.0;
  o.free_energy = rsb_zero_temperature_free_energy(P_, alpha, x(0), x(1), std::max(x(2), 0.0) / noise_width(P_, alpha));
  o.energy = o.free_energy;
  return o;
}

std::string DenseRSBZeroTemperatureModel::classify(const Eigen::VectorXd& x, const Control&) const {
  return std::abs(x(0)) > 1e-6 ? "retrieval" : "spin glass";
}

SolverOptions rsb_zero_temperature_solver_options() {
  SolverOptions o;
  o.fixed_point.switch_tolerance = 1e-6;
  o.fixed_point.tolerance = 1e-10;
  o.fixed_point.step_tolerance = 1e-8;
  return o;
}

BranchSolution rsb_zero_temperature_retrieval(const DenseRSBZeroTemperatureModel& model, double alpha) {
  const Control c{{"alpha", alpha}, {"T", 0.0}};
  return solve_branch(model, c, model_start(model, c, "retrieval"), "retrieval", rsb_zero_temperature_solver_options());
}

double rsb_zero_temperature_glass_energy(int P) {
  const double mu = rsb_zero_temperature_mu(P, 1.0, 0.0, 0.0);
  return rsb_zero_temperature_free_energy(P, 1.0, 0.0, 0.0, mu);
}

DenseCapacity dense_zero_temperature_capacity(int P) {
  DenseCapacity out;
  const GaussHermite rule;
  const DenseRSModel rs(P, rule);
  const DenseRSBZeroTemperatureModel rsb(P);
  // Capacities fall fast with P (0.033 at P = 4, 1.3e-3 at P = 6): search up to 10 x the
  // signal-to-noise estimate alpha ~ (P-1)! / (2 ln 2 ...) scale, i.e. 2 / (P-1)!.
  const double limit = 2.0 / factorial(P - 1);
  const Control c{{"alpha", 0.0}, {"T", 0.0}};
  ArclengthOptions arc;
  arc.fd_step = 1e-6;
  const BranchSolution seed_rs = solve_branch(rs, c, model_start(rs, c, "retrieval"), "retrieval");
  const FoldResult f_rs = locate_fold(rs, "alpha", seed_rs, limit, arc);
  // The 1RSB retrieval solution with q0 < 1 is seeded just below the RS capacity (at small alpha
  // the iteration creeps to the RS limit q0 -> 1, mu -> inf instead: docs/rsb.md, "T = 0").
  const BranchSolution seed_rsb = rsb_zero_temperature_retrieval(rsb, f_rs.found ? 0.97 * f_rs.value : 0.5 * limit);
  arc.residual = 1e-10;
  const FoldResult f_rsb = locate_fold(rsb, "alpha", seed_rsb, limit, arc);
  out.status = "RS: " + f_rs.status + "; 1RSB: " + f_rsb.status;
  if (f_rs.found && f_rs.kind == "fold") {
    out.alpha_rs = f_rs.value;
    out.m_rs = f_rs.x(0);
    out.bracket_rs = f_rs.bracket;
  }
  if (f_rsb.found && f_rsb.kind == "fold") {
    out.alpha_1rsb = f_rsb.value;
    out.m_1rsb = f_rsb.x(0);
    out.q0_1rsb = f_rsb.x(1);
    out.mu_1rsb = f_rsb.x(2) / noise_width(P, out.alpha_1rsb);
    out.bracket_1rsb = f_rsb.bracket;
  }
  return out;
}

}  // namespace hebbmc::analysis
