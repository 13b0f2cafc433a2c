// Branch solver on top of solve_fixed_point (docs/theory.md, "Branches").
#include "analysis/numerics/branches.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace hebbmc::analysis {

BranchSolution solve_branch(const OrderParameterModel& model, const Control& c, const Eigen::VectorXd& x0,
                            const std::string& start, const SolverOptions& options) {
  BranchSolution s;
  s.control = c;
  s.start = start;
  const FixedPointMap F = [&](const Eigen::VectorXd& x) { return model.map(x, c); };
  // Newton's Jacobian: the model's analytic one, else central differences that respect the model's
  // bounds (a forward step out of the domain, e.g. q < 0 at the paramagnet, would be clamped away).
  const JacobianMap dF = [&](const Eigen::VectorXd& x) { return map_jacobian(model, x, c, options.fd_step); };
  FixedPointResult r;
  try {
    r = solve_fixed_point(F, x0, options.fixed_point, dF);
  } catch (const std::exception& e) {  // e.g. a quadrature refusing a non-finite argument
    r.x = x0;
    r.status = std::string("solver error: ") + e.what();
  }
  s.x = r.x;
  s.converged = r.converged;
  s.iterations = r.iterations;
  s.residual = r.residual;
  s.status = r.status;
  if (!s.converged) {
    s.branch = "none";
    return s;
  }
  s.values = model.evaluate(s.x, c);
  s.branch = model.classify(s.x, c);
  if (!s.values.note.empty()) s.status += "; " + s.values.note;
  s.stability = assess_stability(model, s.x, c, options.fd_step);
  return s;
}

std::vector<BranchSolution> find_branches(const OrderParameterModel& model, const Control& c,
                                          const SolverOptions& options) {
  std::vector<BranchSolution> out;
  for (const BranchStart& start : model.starts(c)) {
    BranchSolution s = solve_branch(model, c, start.x, start.name, options);
    const bool duplicate = s.converged && std::any_of(out.begin(), out.end(), [&](const BranchSolution& o) {
      return o.converged && (o.x - s.x).cwiseAbs().maxCoeff() < options.same_point;
    });
    if (!duplicate) out.push_back(std::move(s));
  }
  return out;
}

const BranchSolution* thermodynamic_state(const std::vector<BranchSolution>& branches) {
  const BranchSolution* best = nullptr;
  for (const auto& b : branches)
    if (b.converged && b.stability.stable && std::isfinite(b.values.free_energy) &&
        (!best || b.values.free_energy < best->values.free_energy))
      best = &b;
  return best;
}

Eigen::VectorXd model_start(const OrderParameterModel& model, const Control& c, const std::string& name) {
  for (const BranchStart& s : model.starts(c))
    if (s.name == name) return s.x;
  throw std::invalid_argument(model.name() + " has no start named '" + name + "'");
}

}  // namespace hebbmc::analysis
