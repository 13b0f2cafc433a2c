// The one tracer of the phase-diagram line tables (docs/theory.md, "Phase diagrams").
#include "analysis/phase/line_table.hpp"

#include <algorithm>
#include <cmath>
#include <exception>
#include <limits>
#include <stdexcept>

namespace hebbmc::analysis::detail {

namespace {

constexpr double nan = std::numeric_limits<double>::quiet_NaN();

// One point of a line as computed at one grid value.
struct LinePoint {
  double alpha = nan;          // alpha of the point
  double T = nan;              // T of the point
  double m = nan;              // retrieval m on the line, if any
  double bracket = nan;        // toms748 bracket
  std::string status = "ok";   // "ok" or why the point is NaN
};

// Why a fold search gave no spinodal point: the branch ended otherwise, or the search's status.
std::string fold_failure(const FoldResult& f) { return f.found ? "the retrieval branch ends by a " + f.kind : f.status; }

// `p` with coordinate `axis` at the retrieval fold `f`, with the retrieval m there and the bracket;
// if `f` is not a fold, `p` with status fold_failure(f).
LinePoint at_retrieval_fold(LinePoint p, double LinePoint::*axis, const FoldResult& f) {
  if (!f.found || f.kind != "fold") {
    p.status = fold_failure(f);
    return p;
  }
  p.*axis = f.value;
  p.m = f.values.m;
  p.bracket = f.bracket;
  return p;
}

// `p` at the fold of a branch other than retrieval (no m of the line there): the value if it is a
// fold, the search's bracket and status either way.
LinePoint at_branch_fold(LinePoint p, double LinePoint::*axis, const FoldResult& f) {
  const bool fold = f.found && f.kind == "fold";
  p.*axis = fold ? f.value : nan;
  p.bracket = f.bracket;
  p.status = fold ? "ok" : f.status;
  return p;
}

// `p` with coordinate `axis` located by a root search: its value, bracket and status ("ok" or why not).
LinePoint at_root(LinePoint p, double LinePoint::*axis, const RootResult& root) {
  p.*axis = root.value;
  p.bracket = root.bracket;
  p.status = root.found ? "ok" : root.status;
  return p;
}

// f_branch = lowest rival in [lo, hi] along the root axis: rival branches (coexistence_point) or a
// free energy given as a function of the control.
RootResult coexistence(const LineSpec& s, const OrderParameterModel& model, const Control& c, double lo, double hi,
                       const TransitionOptions& o) {
  if (!s.rival) return coexistence_point(model, c, s.root_axis, lo, hi, s.branch, s.rivals, o);
  const auto f = branch_free_energy(model, c, s.root_axis, lo, hi, s.branch, o);
  return first_root([&](double v) { return f(v) - s.rival(c.with(s.root_axis, v)); }, lo, hi, o.scan_points,
                    o.tolerance);
}

// The point of line `s` at grid value g.
LinePoint locate(const LineSpec& s, const OrderParameterModel& model, const TransitionOptions& o, double g) {
  const Control c = s.plane.with(s.grid_axis, g).with(s.root_axis, s.from);
  const bool along_alpha = s.root_axis == "alpha";
  double LinePoint::*axis = along_alpha ? &LinePoint::alpha : &LinePoint::T;
  LinePoint p;
  if (along_alpha) p.T = c["T"]; else p.alpha = c["alpha"];  // the coordinate that is not located
  if (g == 0.0 && s.at_zero) return at_root(p, axis, *s.at_zero);
  switch (s.solve) {
    case Solve::instability:
      return at_root(p, axis, instability_point(model, c, s.root_axis, s.from, s.to(g), s.branch, o));
    case Solve::spinodal: {
      // m on a line is the retrieval magnetization, so only the retrieval fold carries it.
      const FoldResult f = spinodal_point(model, c, s.root_axis, s.from, s.to(g), s.branch, o);
      return s.branch == "retrieval" ? at_retrieval_fold(p, axis, f) : at_branch_fold(p, axis, f);
    }
    case Solve::coexistence: {
      // The branch is searched below its own end; without an end there is no line at this grid value.
      const FoldResult f = spinodal_point(model, c, s.root_axis, s.from, s.to(g), s.branch, o);
      if (!f.found || f.kind != "fold") {
        p.status = "no " + s.branch + " spinodal at this " + s.grid_axis + (s.why_no_fold ? ": " + fold_failure(f) : "");
        return p;
      }
      return at_root(p, axis, coexistence(s, model, c, s.lo_fraction * f.value, f.value * (1.0 - 1e-7), o));
    }
    case Solve::replicon:
      return at_root(p, axis,
                     branch_property_root(model, c, s.root_axis, s.from, s.to(g), s.branch,
                                          [](const BranchSolution& b) { return b.values.replicon; }, o));
    case Solve::closed_form:
    case Solve::scaling:
      return at_root(p, axis, s.formula(g));
  }
  throw std::logic_error("phase line " + s.name + ": unknown method");
}

}  // namespace

std::string method_name(Solve s) {
  switch (s) {
    case Solve::instability: return "instability";
    case Solve::spinodal: return "spinodal";
    case Solve::coexistence: return "coexistence";
    case Solve::replicon: return "replicon";
    case Solve::closed_form: return "closed form";
    case Solve::scaling: return "scaling";
  }
  return "unknown";
}

std::function<double(double)> up_to(double value) {
  return [value](double) { return value; };
}

PhaseLine trace_line(const LineSpec& spec, const OrderParameterModel& model, const TransitionOptions& options) {
  PhaseLine line{spec.name, spec.description, spec.level, method_name(spec.solve), spec.grid_axis, spec.root_axis};
  const long n = static_cast<long>(spec.grid.size());
  std::vector<LinePoint> out(n);
#pragma omp parallel for schedule(dynamic)
  for (long i = 0; i < n; ++i) {
    try {
      out[i] = locate(spec, model, options, spec.grid[i]);
    } catch (const std::exception& e) {  // no exception may leave an OpenMP region
      out[i].status = std::string("error: ") + e.what();
    }
  }
  for (const LinePoint& p : out) {
    line.alpha.push_back(p.alpha);
    line.T.push_back(p.T);
    line.m.push_back(p.m);
    line.bracket.push_back(p.bracket);
    line.status.push_back(p.status);
  }
  return line;
}

PhaseAnchor root_anchor(std::string name, std::string description, const RootResult& root) {
  return {std::move(name), std::move(description), root.value, root.found ? "ok" : root.status};
}

PhaseAnchor fold_anchor(std::string name, std::string description, const FoldResult& fold) {
  return {std::move(name), std::move(description), fold.found ? fold.value : nan, fold.found ? "ok" : fold.status};
}

PhaseAnchor finite_anchor(std::string name, std::string description, double value, const std::string& failure) {
  return {std::move(name), std::move(description), value, std::isfinite(value) ? "ok" : failure};
}

std::vector<double> grid(double lo, double hi, int n) {
  std::vector<double> v(std::max(n, 1));
  for (int i = 0; i < n; ++i) v[i] = n == 1 ? lo : lo + (hi - lo) * i / (n - 1);
  return v;
}

}  // namespace hebbmc::analysis::detail
