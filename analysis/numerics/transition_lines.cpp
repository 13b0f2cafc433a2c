// Bracketing root finders for transition points (docs/theory.md, "Transition lines").
#include "analysis/numerics/transition_lines.hpp"

#include <boost/math/tools/toms748_solve.hpp>

#include <cmath>
#include <cstdint>
#include <memory>

namespace hebbmc::analysis {

RootResult first_root(const std::function<double(double)>& phi, double lo, double hi, int scan_points,
                      double tolerance) {
  RootResult out;
  scan_points = std::max(scan_points, 2);
  int positive = 0, negative = 0;
  double prev_x = lo, prev_f = phi(lo);
  (prev_f > 0 ? positive : (prev_f < 0 ? negative : positive)) += std::isfinite(prev_f);
  for (int i = 1; i < scan_points; ++i) {
    const double x = lo + (hi - lo) * i / (scan_points - 1);
    const double f = phi(x);
    if (std::isfinite(prev_f) && std::isfinite(f) && (prev_f == 0.0 || (prev_f < 0) != (f < 0))) {
      if (prev_f == 0.0) {
        out = {true, prev_x, 0.0, "root"};
        return out;
      }
      std::uintmax_t iterations = 200;
      try {
        // toms748 wants a < b; the scan may run downwards (lo > hi).
        const bool up = prev_x < x;
        const auto [a, b] = boost::math::tools::toms748_solve(
            phi, up ? prev_x : x, up ? x : prev_x, up ? prev_f : f, up ? f : prev_f,
            [&](double p, double q) { return std::abs(q - p) <= tolerance; }, iterations);
        out.found = std::abs(b - a) <= tolerance;
        out.value = 0.5 * (a + b);
        out.bracket = std::abs(b - a);
        out.status = out.found ? "root" : "toms748 did not reach the tolerance in 200 iterations";
      } catch (const std::exception& e) {
        out.status = std::string("sign change bracketed but not refined: ") + e.what();
      }
      return out;
    }
    if (std::isfinite(f)) ++(f > 0 ? positive : negative);
    prev_x = x;
    prev_f = f;
  }
  out.status = "no sign change on the scanned range (" + std::to_string(positive) + " positive, " +
               std::to_string(negative) + " negative, " + std::to_string(scan_points - positive - negative) +
               " undefined values)";
  return out;
}

RootResult branch_property_root(const OrderParameterModel& model, const Control& base, const std::string& axis,
                                double from, double to, const std::string& start,
                                const std::function<double(const BranchSolution&)>& property,
                                const TransitionOptions& options) {
  const Control c0 = base.with(axis, from);
  const BranchSolution seed = solve_branch(model, c0, model_start(model, c0, start), start, options.solver);
  if (!seed.converged || seed.branch != start)
    return {false, RootResult::nan, RootResult::nan, "no " + start + " solution at " + axis + " = " + std::to_string(from)};
  auto tracker = std::make_shared<BranchTracker>(model, axis, seed, false, options.solver);
  const auto phi = [tracker, &property](double v) {
    const BranchSolution s = tracker->at(v);
    return s.converged ? property(s) : RootResult::nan;
  };
  return first_root(phi, from, to, options.scan_points, options.tolerance);
}

RootResult instability_point(const OrderParameterModel& model, const Control& base, const std::string& axis,
                             double lo, double hi, const std::string& start, const TransitionOptions& options) {
  return branch_property_root(model, base, axis, lo, hi, start,
                              [](const BranchSolution& s) { return s.stability.smallest; }, options);
}

std::function<double(double)> branch_free_energy(const OrderParameterModel& model, const Control& base,
                                                 const std::string& axis, double lo, double hi,
                                                 const std::string& start, const TransitionOptions& options) {
  // Seed: the first scan value where the start converges onto its own branch.
  std::shared_ptr<BranchTracker> tracker;
  for (int i = 0; i < options.scan_points && !tracker; ++i) {
    const Control c = base.with(axis, lo + (hi - lo) * i / (options.scan_points - 1));
    BranchSolution s = solve_branch(model, c, model_start(model, c, start), start, options.solver);
    if (s.converged && s.branch == start) tracker = std::make_shared<BranchTracker>(model, axis, s, true, options.solver);
  }
  return [tracker](double v) {
    if (!tracker) return RootResult::nan;
    const BranchSolution s = tracker->at(v);
    return s.converged ? s.values.free_energy : RootResult::nan;
  };
}

RootResult coexistence_point(const OrderParameterModel& model, const Control& base, const std::string& axis,
                             double lo, double hi, const std::string& a, const std::vector<std::string>& b,
                             const TransitionOptions& options) {
  const auto fa = branch_free_energy(model, base, axis, lo, hi, a, options);
  std::vector<std::function<double(double)>> fb;
  for (const auto& name : b) fb.push_back(branch_free_energy(model, base, axis, lo, hi, name, options));
  const auto phi = [&](double v) {
    double lowest = RootResult::nan;
    for (const auto& f : fb) {
      const double value = f(v);
      if (std::isfinite(value) && !(value >= lowest)) lowest = value;
    }
    return fa(v) - lowest;
  };
  return first_root(phi, lo, hi, options.scan_points, options.tolerance);
}

FoldResult spinodal_point(const OrderParameterModel& model, const Control& base, const std::string& axis,
                          double from, double to, const std::string& start, const TransitionOptions& options) {
  const Control c0 = base.with(axis, from);
  const BranchSolution seed = solve_branch(model, c0, model_start(model, c0, start), start, options.solver);
  if (!seed.converged || seed.branch != start) {
    FoldResult out;
    out.status = "no " + start + " solution at " + axis + " = " + std::to_string(from) +
                 (seed.converged ? " (start converged to " + seed.branch + ")" : ": " + seed.status);
    return out;
  }
  return locate_fold(model, axis, seed, to, options.arclength);
}

}  // namespace hebbmc::analysis
