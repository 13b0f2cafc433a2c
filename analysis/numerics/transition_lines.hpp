// Transition points along one control axis and lines over a grid of another (docs/theory.md,
// "Transition lines"): where a branch loses stability (continuous transition, e.g. the paramagnet
// at T_g), where two branches have equal free energy (first-order line), and where a branch ends
// (spinodal, continuation.hpp's locate_fold). Roots are refined by boost::math::tools::toms748_solve.
#pragma once

#include "analysis/numerics/continuation.hpp"

#include <functional>
#include <limits>
#include <string>
#include <vector>

namespace hebbmc::analysis {

/// A root along an axis, or why there is none.
struct RootResult {
  static constexpr double nan = std::numeric_limits<double>::quiet_NaN();
  bool found = false;   ///< a sign change was bracketed and refined
  double value = nan;   ///< midpoint of the final bracket
  double bracket = nan; ///< width of the final bracket (<= the requested tolerance when found)
  std::string status;   ///< "root", or why not
};

/// First sign change of phi between lo and hi, scanning from lo (hi < lo scans downwards), `scan_points` equally spaced values,
/// refined by toms748 until the bracket is below `tolerance`. phi may return NaN where it is
/// undefined (a branch absent): a sign change is only claimed between two adjacent finite values.
RootResult first_root(const std::function<double(double)>& phi, double lo, double hi, int scan_points,
                      double tolerance);

/// Settings shared by the transition-point finders.
struct TransitionOptions {
  int scan_points = 41;      ///< grid of the bracketing scan along the axis
  double tolerance = 1e-10;  ///< toms748 bracket on the axis value
  SolverOptions solver;      ///< branch solver
  ArclengthOptions arclength;  ///< fold finder
};

/// Where the branch selected by `start` (at axis = lo) first loses local stability along `axis`
/// going from lo to hi (either order): root of the smallest real eigenvalue of I - dF/dx, the branch being followed with
/// warm starts (BranchTracker without the det-sign check, since det changes sign there).
RootResult instability_point(const OrderParameterModel& model, const Control& base, const std::string& axis,
                             double lo, double hi, const std::string& start, const TransitionOptions& options = {});

/// Where a property of the branch selected by `start` (at axis = from) changes sign going from
/// `from` to `to` (e.g. the replicon: the de Almeida-Thouless line). The branch is followed with
/// warm starts; `property` may return NaN where it is undefined.
RootResult branch_property_root(const OrderParameterModel& model, const Control& base, const std::string& axis,
                                double from, double to, const std::string& start,
                                const std::function<double(const BranchSolution&)>& property,
                                const TransitionOptions& options = {});

/// Where branch `a` and the lowest of branches `b` have equal free energy along `axis` in [lo, hi]
/// (first-order line): root of f_a - min_b f_b where both exist, every branch followed from its
/// start at lo... or from wherever along the scan it first converges with the expected label.
RootResult coexistence_point(const OrderParameterModel& model, const Control& base, const std::string& axis,
                             double lo, double hi, const std::string& a, const std::vector<std::string>& b,
                             const TransitionOptions& options = {});

/// Spinodal: where the branch selected by `start` at axis = from folds, searching towards `to`.
FoldResult spinodal_point(const OrderParameterModel& model, const Control& base, const std::string& axis,
                          double from, double to, const std::string& start, const TransitionOptions& options = {});

/// Free energy along one axis of the branch selected by `start`, as a function usable by
/// first_root: NaN where the branch cannot be followed. Follows with warm starts; the first
/// converged point with the start's label (scanning from lo) seeds the tracker.
std::function<double(double)> branch_free_energy(const OrderParameterModel& model, const Control& base,
                                                 const std::string& axis, double lo, double hi,
                                                 const std::string& start, const TransitionOptions& options);

}  // namespace hebbmc::analysis
