// Finite-temperature 1RSB functional and saddle point for dense storage (docs/rsb.md).
#include "analysis/rsb/rsb_dense.hpp"
#include "analysis/numerics/special_functions.hpp"

#include "analysis/numerics/continuation.hpp"
#include "analysis/rs/dense_rs_model.hpp"
#include "analysis/rs/rs_dense.hpp"
#include "analysis/rsb/rsb_quadrature.hpp"
#include "analysis/numerics/transition_lines.hpp"

#include <boost/math/tools/toms748_solve.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <numbers>
#include <optional>
#include <vector>
#include <stdexcept>

namespace hebbmc::analysis {

namespace {

// E_{z0} of the inner averages (docs/rsb.md, eq. R1): g = h + a0 z0 + a1 z1.
struct OuterAverages {
  double log_z = 0, m = 0, q0 = 0, q1 = 0, log_cosh = 0;
};

OuterAverages outer_averages(const PSpinCovariance& cov, double beta, const RSBPoint& x, const GaussHermite& rule) {
  const double h = std::pow(x.m, cov.P - 1) / factorial(cov.P - 1);
  const double v0 = cov.d1(std::clamp(x.q0, 0.0, 1.0)), v1 = cov.d1(std::clamp(x.q1, 0.0, 1.0));
  const double a0 = std::sqrt(v0), a1 = std::sqrt(std::max(v1 - v0, 0.0));
  OuterAverages out;
  const auto add = [&](double weight, double g0) {
    const TiltedAverages t = tilted_averages(rule, beta, g0, a1, x.theta);
    out.log_z += weight * t.log_z;
    out.m += weight * t.tanh;
    out.q0 += weight * t.tanh * t.tanh;
    out.q1 += weight * t.tanh2;
    out.log_cosh += weight * t.log_cosh;
  };
  if (a0 == 0.0) {
    add(1.0, h);
    return out;
  }
  // The inner average varies on the scale ell = max(a1, 1/beta) in g0 = h + a0 z0: Gauss-Hermite
  // when that is wide on the z0 scale, else the trapezoid rule with 5 steps per ell / a0
  // (error ~ exp(-pi^2 / 0.2), docs/rsb.md "Numerics").
  const double ratio = a0 / std::max(a1, 1.0 / beta);
  if (ratio <= 0.5) {
    for (int i = 0; i < rule.order(); ++i) add(rule.weights()[i], h + a0 * rule.nodes()[i]);
    return out;
  }
  const double step = std::min(0.2, 0.2 / ratio);
  const int half = static_cast<int>(std::ceil(12.0 / step));
  for (int j = -half; j <= half; ++j) {
    const double z = j * step;
    add(step * std::exp(-0.5 * z * z) / std::sqrt(2.0 * std::numbers::pi), h + a0 * z);
  }
  return out;
}

}  // namespace

double PSpinCovariance::xi(double q) const { return alpha * std::pow(q, P) / factorial(P); }

double PSpinCovariance::d1(double q) const { return alpha * std::pow(q, P - 1) / factorial(P - 1); }

double PSpinCovariance::rs_bracket(double q) const {
  double sum = 0.0;  // [xi(1) - xi(q) - (1-q) xi'(q)] / (alpha (1-q)^2 / P!) = sum_{k=0}^{P-2} (k+1) q^k
  for (int k = 0; k <= P - 2; ++k) sum += (k + 1) * std::pow(q, k);
  return alpha / factorial(P) * (1.0 - q) * (1.0 - q) * sum;
}

double rsb_free_energy(int P, double alpha, double T, const RSBPoint& x, const GaussHermite& rule) {
  if (!(T > 0.0)) throw std::invalid_argument("rsb_free_energy: finite-temperature functional needs T > 0");
  const PSpinCovariance cov{P, alpha};
  const double beta = 1.0 / T;
  const OuterAverages o = outer_averages(cov, beta, x, rule);
  // (1/theta) E ln E cosh^theta -> E <ln cosh> as theta -> 0 (the weights become flat).
  const double entropy_term = x.theta < 1e-12 ? o.log_cosh : o.log_z / x.theta;
  const double bracket = cov.rs_bracket(x.q1) - x.theta * (P - 1) * (cov.xi(x.q1) - cov.xi(x.q0));
  return (P - 1) * std::pow(x.m, P) / factorial(P) - T * (std::log(2.0) + entropy_term) - 0.5 * beta * bracket;
}

double rs_free_energy_functional(int P, double alpha, double T, double m, double q, const GaussHermite& rule) {
  if (!(T > 0.0)) throw std::invalid_argument("rs_free_energy_functional: needs T > 0");
  const PSpinCovariance cov{P, alpha};
  const double beta = 1.0 / T;
  const TanhAverages a = tanh_averages(rule, beta, std::pow(m, P - 1) / factorial(P - 1), std::sqrt(cov.d1(q)));
  return (P - 1) * std::pow(m, P) / factorial(P) - T * std::log(2.0) - a.log_cosh - 0.5 * beta * cov.rs_bracket(q);
}

double rsb_theta_derivative(int P, double alpha, double T, const RSBPoint& x, const GaussHermite& rule) {
  const PSpinCovariance cov{P, alpha};
  const double beta = 1.0 / T;
  const OuterAverages o = outer_averages(cov, beta, x, rule);
  return T * o.log_z / (x.theta * x.theta) - T * o.log_cosh / x.theta + 0.5 * beta * (P - 1) * (cov.xi(x.q1) - cov.xi(x.q0));
}

Dense1RSBModel::Dense1RSBModel(int P, const GaussHermite& rule) : P_(P), rule_(rule) {
  if (P < 4 || P % 2 != 0) throw std::invalid_argument("Dense1RSBModel: P must be even and >= 4");
}

Eigen::VectorXd Dense1RSBModel::map(const Eigen::VectorXd& x, const Control& c) const {
  const OuterAverages o = outer_averages({P_, c["alpha"]}, c.beta(), {x(0), x(1), x(2), c["theta"]}, rule_);
  return Eigen::Vector3d(o.m, o.q0, o.q1);
}

VariableBounds Dense1RSBModel::bounds(const Control&) const {
  return {Eigen::Vector3d(-1.0, 0.0, 0.0), Eigen::Vector3d(1.0, 1.0, 1.0)};
}

std::vector<BranchStart> Dense1RSBModel::starts(const Control&) const {
  return {{"retrieval", Eigen::Vector3d(1.0, 0.5, 1.0)},
          {"spin glass", Eigen::Vector3d(0.0, 0.0, 1.0)},
          {"paramagnetic", Eigen::Vector3d(0.0, 0.0, 0.0)}};
}

OrderParameters Dense1RSBModel::evaluate(const Eigen::VectorXd& x, const Control& c) const {
  OrderParameters o;
  o.m = x(0);
  o.q = x(2);
  o.free_energy = rsb_free_energy(P_, c["alpha"], c["T"], {x(0), x(1), x(2), c["theta"]}, rule_);
  return o;
}

namespace {

// Theta grid of solve_rsb_dense, and the order in which seeds are tried: beyond the RS capacity the
// retrieval 1RSB solution exists only at intermediate theta (theta -> 0 and 1 are RS points).
constexpr double kThetaGrid[] = {0.01, 0.02, 0.04, 0.07, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0};
constexpr double kThetaSeeds[] = {1.0, 0.5, 0.3, 0.2, 0.1, 0.05, 0.7, 0.02};

}  // namespace

RSBSolution solve_rsb_dense(int P, double alpha, double T, const std::string& start, const GaussHermite& rule,
                            const SolverOptions& options) {
  RSBSolution out;
  const RSSolution rs = solve_rs_dense(P, alpha, 1.0 / T, start == "retrieval" ? 1.0 : 0.0, start == "paramagnetic" ? 0.0 : 1.0);
  // The RS value of the same branch only (a retrieval start beyond the RS capacity lands elsewhere).
  const bool rs_same = rs.converged && (rs.branch == start || (start == "spin glass" && rs.branch == "paramagnetic"));
  out.rs_free_energy = rs_same ? rs.free_energy : RSBSolution::nan;
  const Dense1RSBModel model(P, rule);
  // Seed: the first theta where the start converges onto its own branch off the RS manifold.
  std::optional<BranchSolution> seed;
  for (double theta : kThetaSeeds) {
    const Control c{{"alpha", alpha}, {"T", T}, {"theta", theta}};
    BranchSolution s = solve_branch(model, c, model_start(model, c, start), start, options);
    if (s.converged && s.branch == start && s.x(2) - s.x(1) > 1e-9) {
      seed = s;
      break;
    }
  }
  const auto reduce_to_rs = [&](const std::string& why) {
    out.reduces_to_rs = true;
    out.converged = rs_same;
    out.point = {rs.m, rs.q, rs.q, RSBSolution::nan};
    out.free_energy = out.rs_free_energy;
    out.branch = rs.branch;
    out.status = "reduces to RS (" + why + ")";
    return out;
  };
  if (!seed) return reduce_to_rs("no " + start + " solution with q1 > q0 at any seed theta");
  BranchTracker tracker(model, "theta", *seed, false, options);
  const std::string label = seed->branch;
  const auto derivative = [&](double theta) {
    const BranchSolution s = tracker.at(theta);
    if (!s.converged || s.branch != label || s.x(2) - s.x(1) < 1e-9) return RSBSolution::nan;
    return rsb_theta_derivative(P, alpha, T, {s.x(0), s.x(1), s.x(2), theta}, rule);
  };
  // df/dtheta on the grid, followed outwards from the seed in both directions.
  const double seed_theta = seed->control["theta"];
  std::vector<double> grid(std::begin(kThetaGrid), std::end(kThetaGrid)), d(grid.size(), RSBSolution::nan);
  const auto first_above = std::upper_bound(grid.begin(), grid.end(), seed_theta) - grid.begin();
  for (long i = first_above; i < static_cast<long>(grid.size()); ++i)
    if (!std::isfinite(d[i] = derivative(grid[i]))) break;
  for (long i = first_above - 1; i >= 0; --i)
    if (!std::isfinite(d[i] = derivative(grid[i]))) break;
  // f is maximal at theta*: df/dtheta > 0 below it, < 0 above it.
  for (std::size_t i = 0; i + 1 < grid.size(); ++i) {
    if (!(std::isfinite(d[i]) && std::isfinite(d[i + 1]) && d[i] > 0 && d[i + 1] <= 0)) continue;
    std::uintmax_t iterations = 100;
    try {
      const auto [a, b] = boost::math::tools::toms748_solve(
          derivative, grid[i], grid[i + 1], d[i], d[i + 1], [](double p, double q) { return std::abs(q - p) <= 1e-10; },
          iterations);
      const double th = 0.5 * (a + b);
      const BranchSolution s = tracker.at(th);
      out.point = {s.x(0), s.x(1), s.x(2), th};
      out.free_energy = rsb_free_energy(P, alpha, T, out.point, rule);
      out.converged = s.converged;
      out.branch = label;
      out.status = "1RSB: stationary theta = " + std::to_string(th);
    } catch (const std::exception& e) {
      out.status = std::string("theta bracketed but not refined: ") + e.what();
    }
    return out;
  }
  return reduce_to_rs("no stationary theta in (0, 1) with q1 > q0");
}

double rsb_glass_transition_temperature(int P, double alpha, double T_lo, double T_hi, const GaussHermite& rule,
                                        double tolerance, std::string* status) {
  const Dense1RSBModel model(P, rule);
  // df/dtheta at theta = 1 on the glass (q1 > 0): < 0 below the static transition, > 0 above.
  const auto psi = [&](double T) {
    const Control c{{"alpha", alpha}, {"T", T}, {"theta", 1.0}};
    const BranchSolution s = solve_branch(model, c, model_start(model, c, "spin glass"), "spin glass");
    if (!s.converged || s.x(2) < 1e-6) return RSBSolution::nan;
    return rsb_theta_derivative(P, alpha, T, {s.x(0), s.x(1), s.x(2), 1.0}, rule);
  };
  const RootResult r = first_root(psi, T_lo, T_hi, 25, tolerance);
  if (status) *status = r.status;
  return r.found ? r.value : RSBSolution::nan;
}

}  // namespace hebbmc::analysis
