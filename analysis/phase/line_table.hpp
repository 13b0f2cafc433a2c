// Transition lines as tables (docs/theory.md, "Phase diagrams"): each model's diagram is a list of
// line specifications (what is solved, along which axis, on which grid) that one tracer turns into
// point lists with a status per point, using the finders of transition_lines.hpp.
#pragma once

#include "analysis/numerics/order_parameter_model.hpp"
#include "analysis/numerics/transition_lines.hpp"
#include "analysis/phase/phase_diagram.hpp"

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace hebbmc::analysis::detail {

/// What a line solves at each grid value (docs/theory.md, "Transition lines"); method_name() is
/// the line's `method` attribute.
enum class Solve {
  instability,  ///< the smallest eigenvalue of I - dF/dx on `branch` crosses 0 (instability_point)
  spinodal,     ///< `branch` folds (spinodal_point)
  coexistence,  ///< f_branch equals the lowest rival free energy, below the fold of `branch`
  replicon,     ///< the replicon of `branch` changes sign (branch_property_root)
  closed_form,  ///< `formula` gives the point
  scaling,      ///< `formula` gives the point (an exact scaling with a located constant)
};

/// The `method` attribute of a line solved by `s`: "instability", "spinodal", "coexistence",
/// "replicon", "closed form" or "scaling".
std::string method_name(Solve s);

/// One row of a model's line table: the line's attributes and how each of its points is located.
/// The control at grid value g is `plane` with grid_axis = g and root_axis = from.
struct LineSpec {
  std::string name;            ///< group name of the line, e.g. "retrieval_spinodal"
  std::string description;     ///< physics of the line and where it is defined
  std::string level = "RS";    ///< "RS", "1RSB" or "closed form"
  Solve solve;                 ///< what is solved at each grid value
  std::string grid_axis;       ///< control the grid runs over ("alpha", "T" or "rho")
  std::vector<double> grid;    ///< the grid values
  std::string root_axis;       ///< control along which each point is located ("alpha" or "T")
  Control plane{{"alpha", 0.0}, {"T", 0.0}};  ///< every control of the model, with the fixed ones' values
  std::string branch = "retrieval";            ///< branch followed from its model start
  double from = 0.0;                           ///< root axis: where the search (and the branch) starts
  std::function<double(double)> to{};          ///< root axis: where the search ends, at a grid value
  std::vector<std::string> rivals{};           ///< coexistence: competing branches (the lowest f counts)
  std::function<double(const Control&)> rival{};  ///< coexistence: or a competing free energy that is no branch
  double lo_fraction = 1e-3;   ///< coexistence: searched in [lo_fraction, 1 - 1e-7] x the fold of `branch`
  bool why_no_fold = false;    ///< coexistence: a point without a fold also says why the fold search failed
  std::optional<RootResult> at_zero{};          ///< the point at grid value 0, where it is not solved for
  std::function<RootResult(double)> formula{};  ///< closed_form, scaling: the root-axis value at a grid value
};

/// A search end that does not depend on the grid value.
std::function<double(double)> up_to(double value);

/// The line of `spec` for `model`: every grid value located independently (OpenMP); an exception
/// at one point becomes that point's status.
PhaseLine trace_line(const LineSpec& spec, const OrderParameterModel& model, const TransitionOptions& options);

/// Anchor from a root search: its value, "ok" or why not.
PhaseAnchor root_anchor(std::string name, std::string description, const RootResult& root);
/// Anchor from a fold search: its value if one was found (fold or bifurcation), "ok" or why not.
PhaseAnchor fold_anchor(std::string name, std::string description, const FoldResult& fold);
/// Anchor of a number that is NaN when not found: "ok" if finite, else `failure`.
PhaseAnchor finite_anchor(std::string name, std::string description, double value, const std::string& failure);

/// Evenly spaced grid of n values in [lo, hi].
std::vector<double> grid(double lo, double hi, int n);

}  // namespace hebbmc::analysis::detail
