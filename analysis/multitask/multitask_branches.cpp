// Branches of the multitasking RS equations (docs/multitasking.md MT6, MT7, MT9): every solution at a
// (d, T) in canonical form, the equilibrium state among them, and one branch continued along d or T.
#include "analysis/multitask/multitask_branches.hpp"

#include "analysis/numerics/continuation.hpp"

#include <Eigen/Eigenvalues>

#include <algorithm>
#include <cmath>
#include <functional>

namespace hebbmc::analysis {

MultitaskPoint multitask_point(const MultitaskRS& model, const BranchSolution& s) {
  MultitaskPoint p;
  p.d = s.control.has("d") ? s.control["d"] : Stability::nan;
  p.T = s.control.has("T") ? s.control["T"] : Stability::nan;
  p.start = s.start;
  p.status = s.status;
  p.x = s.x;
  const int K = model.settings().K;
  if (!s.converged) {
    p.m = Eigen::VectorXd::Constant(K, Stability::nan);
    return p;
  }
  try {
    Eigen::VectorXd x = s.x.cwiseAbs();  // gauge (xi -> -xi) and permutation symmetry of the average
    std::sort(x.data(), x.data() + K, std::greater<>());
    Eigen::VectorXd m = model.mattis(x, s.control).cwiseAbs();
    std::sort(m.data(), m.data() + K, std::greater<>());
    const Eigen::MatrixXd H = model.hessian(x, s.control);
    p.x = x;
    p.m = m;
    p.f = model.free_energy(x, s.control);
    p.hessian_min = Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd>(H, Eigen::EigenvaluesOnly).eigenvalues()(0);
    p.stable = p.hessian_min > 0.0;
    p.error = model.statistical_error(x, s.control);
    p.branch = MultitaskRS::structure(m, &p.retrieved);
    p.converged = std::isfinite(p.f) && std::isfinite(p.hessian_min);
    if (!p.converged) p.status = "converged, but f or the Hessian is not finite";
  } catch (const std::exception& e) {
    p.status = std::string("evaluation error: ") + e.what();
  }
  if (!p.converged) {
    p.m = Eigen::VectorXd::Constant(K, Stability::nan);
    p.f = p.hessian_min = Stability::nan;
    p.stable = false;
    p.branch = "none";
  }
  return p;
}

std::vector<MultitaskPoint> multitask_branches(const MultitaskRS& model, double d, double T,
                                               const SolverOptions& options) {
  const Control c{{"d", d}, {"T", T}};
  std::vector<MultitaskPoint> out;
  for (const BranchStart& start : model.starts(c)) {
    MultitaskPoint p = multitask_point(model, solve_branch(model, c, start.x, start.name, options));
    auto same = std::find_if(out.begin(), out.end(), [&](const MultitaskPoint& o) {
      return o.converged && p.converged && (o.x - p.x).cwiseAbs().maxCoeff() < options.same_point;
    });
    if (same != out.end())
      same->start += "+" + p.start;
    else
      out.push_back(std::move(p));
  }
  if (multitask_state(out) != nullptr) return out;
  // No start reached a stable state (e.g. just past the point where the parallel state turns
  // unstable, the new branch is close to it and far from every start): leave each saddle downhill.
  const std::size_t n = out.size();
  for (std::size_t i = 0; i < n; ++i) {
    if (!out[i].converged || out[i].stable) continue;
    const Eigen::VectorXd v = model.softest_direction(out[i].x, c);
    const double step = 0.05 * std::max(out[i].x.cwiseAbs().maxCoeff(), 0.01);
    for (double sign : {1.0, -1.0}) {
      MultitaskPoint p = multitask_point(
          model, solve_branch(model, c, out[i].x + sign * step * v, "escape from " + out[i].start, options));
      const bool known = std::any_of(out.begin(), out.end(), [&](const MultitaskPoint& o) {
        return o.converged && p.converged && (o.x - p.x).cwiseAbs().maxCoeff() < options.same_point;
      });
      if (p.converged && !known) out.push_back(std::move(p));
    }
  }
  return out;
}

const MultitaskPoint* multitask_state(const std::vector<MultitaskPoint>& points) {
  const MultitaskPoint* best = nullptr;
  for (const auto& p : points)
    if (p.converged && p.stable && (!best || p.f < best->f)) best = &p;
  return best;
}

std::vector<MultitaskPoint> follow_multitask_branch(const MultitaskRS& model, const Control& base,
                                                    const std::string& axis, const std::vector<double>& values,
                                                    const std::string& start, const SolverOptions& options) {
  std::vector<MultitaskPoint> out;
  if (values.empty()) return out;
  const Eigen::VectorXd x0 = model_start(model, base.with(axis, values.front()), start);
  for (const BranchSolution& s : continue_branch(model, base, axis, values, x0, options))
    out.push_back(multitask_point(model, s));
  return out;
}

}  // namespace hebbmc::analysis
