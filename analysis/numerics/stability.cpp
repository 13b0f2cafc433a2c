// Stability matrix S = I - dF/dx by analytic or finite-difference Jacobians (docs/theory.md, "Stability").
#include "analysis/numerics/stability.hpp"

#include <Eigen/Eigenvalues>

#include <algorithm>
#include <cmath>

namespace hebbmc::analysis {

Eigen::MatrixXd map_jacobian(const OrderParameterModel& model, const Eigen::VectorXd& x, const Control& c,
                             double step) {
  if (auto J = model.jacobian(x, c)) return *J;
  const VariableBounds box = model.bounds(c);
  const Eigen::Index n = x.size();
  Eigen::MatrixXd J(n, n);
  Eigen::VectorXd f0;  // F(x), computed only if a one-sided difference needs it
  for (Eigen::Index j = 0; j < n; ++j) {
    const double h = step * std::max(1.0, std::abs(x(j)));
    const bool up_ok = x(j) + h <= box.upper(j), down_ok = x(j) - h >= box.lower(j);
    Eigen::VectorXd xp = x, xm = x;
    if (up_ok && down_ok) {
      xp(j) += h;
      xm(j) -= h;
      J.col(j) = (model.map(xp, c) - model.map(xm, c)) / (2.0 * h);
      continue;
    }
    // At a face: second-order one-sided difference towards the interior.
    if (f0.size() == 0) f0 = model.map(x, c);
    const double s = up_ok ? 1.0 : -1.0;
    xp(j) += s * h;
    xm(j) += 2.0 * s * h;
    J.col(j) = s * (-3.0 * f0 + 4.0 * model.map(xp, c) - model.map(xm, c)) / (2.0 * h);
  }
  return J;
}

Eigen::VectorXd map_control_derivative(const OrderParameterModel& model, const Eigen::VectorXd& x,
                                       const Control& c, std::string_view axis, double step) {
  const double v = c[axis];
  const double h = step * std::max(1.0, std::abs(v));
  const double lower = model.control_lower_bound(axis);
  if (v - h >= lower)
    return (model.map(x, c.with(axis, v + h)) - model.map(x, c.with(axis, v - h))) / (2.0 * h);
  return (-3.0 * model.map(x, c) + 4.0 * model.map(x, c.with(axis, v + h)) - model.map(x, c.with(axis, v + 2 * h))) /
         (2.0 * h);
}

Stability assess_stability(const OrderParameterModel& model, const Eigen::VectorXd& x, const Control& c,
                           double step) {
  Stability s;
  const Eigen::Index n = x.size();
  const Eigen::MatrixXd S = Eigen::MatrixXd::Identity(n, n) - map_jacobian(model, x, c, step);
  s.replicon = model.evaluate(x, c).replicon;
  if (!S.allFinite()) return s;
  Eigen::EigenSolver<Eigen::MatrixXd> solver(S, false);
  if (solver.info() != Eigen::Success) return s;
  std::vector<std::complex<double>> ev(solver.eigenvalues().data(), solver.eigenvalues().data() + n);
  std::sort(ev.begin(), ev.end(), [](auto a, auto b) { return a.real() < b.real(); });
  s.eigenvalues = Eigen::Map<Eigen::VectorXcd>(ev.data(), n);
  s.smallest = n > 0 ? ev.front().real() : 0.0;
  s.determinant = S.determinant();
  s.stable = s.smallest > 0.0;
  return s;
}

}  // namespace hebbmc::analysis
