// Following a branch along one control axis (docs/theory.md, "Continuation"): natural-parameter
// continuation with warm starts, and pseudo-arclength continuation that turns around folds and
// locates them (toms748 on the arclength, where det(I - dF/dx) changes sign).
#pragma once

#include "analysis/numerics/branches.hpp"

#include <limits>
#include <string>
#include <vector>

namespace hebbmc::analysis {

/// Follows one branch along `axis` with warm starts. At a new value: Newton from the model's start
/// of the branch (if the seed came from it; accepted only near the predictor), from a secant
/// predictor built on the nearest solved points, and from the nearest point; then the full solver. A result is accepted only if it converged, kept the branch label and (when
/// `keep_det_sign`) the sign of det(I - dF/dx): so landing on the unstable partner past a fold, or
/// on another branch, is reported ("branch lost: ...", NaN values), never followed silently.
class BranchTracker {
 public:
  /// `seed` must be converged; its control gives every parameter but `axis`.
  BranchTracker(const OrderParameterModel& model, std::string axis, BranchSolution seed, bool keep_det_sign,
                SolverOptions options = {});
  /// The branch at axis = value (a failure if it cannot be followed there).
  BranchSolution at(double value);
  /// Label of the followed branch.
  const std::string& branch() const { return label_; }

 private:
  const OrderParameterModel& model_;
  std::string axis_, label_;
  bool keep_det_sign_;
  double det_sign_;
  SolverOptions options_;
  std::vector<BranchSolution> solved_;  // accepted points
};

/// Natural-parameter continuation: the branch that `start` selects at values.front(), followed
/// through `values` in order (BranchTracker with keep_det_sign = true). One entry per value.
std::vector<BranchSolution> continue_branch(const OrderParameterModel& model, const Control& base,
                                            const std::string& axis, const std::vector<double>& values,
                                            const Eigen::VectorXd& start, const SolverOptions& options = {});

/// Settings of the pseudo-arclength continuation (steps in units where the axis range is 1).
struct ArclengthOptions {
  double initial_step = 0.02;  ///< first arclength step
  double max_step = 0.05;      ///< largest step
  double min_step = 1e-9;      ///< smaller steps mean failure
  int max_steps = 2000;        ///< budget of steps
  double tolerance = 1e-12;    ///< toms748 stops when the arclength bracket is below this
  double residual = 1e-12;     ///< corrector converged: max|F(x) - x| below this and step below 100 x this
  double fd_step = 1e-7;       ///< relative step of the finite-difference Jacobians
};

/// A located fold (saddle-node) of a branch, or why none was found.
struct FoldResult {
  static constexpr double nan = std::numeric_limits<double>::quiet_NaN();
  bool found = false;       ///< a sign change of det(I - dF/dx) was bracketed and refined
  std::string kind;         ///< "fold" (the branch turns back) or "bifurcation" (it goes on: another branch crosses)
  double value = nan;       ///< the axis value at the fold
  double bracket = nan;     ///< |axis(a) - axis(b)| over the final arclength bracket [a, b]
  Eigen::VectorXd x;        ///< the variables at the fold
  OrderParameters values;   ///< m, q, ... at the fold
  std::string status;       ///< "fold", or why not
  int steps = 0;            ///< arclength steps taken
};

/// From the converged solution `seed` (its control's `axis` value is the start), follows the
/// branch by pseudo-arclength continuation towards `limit` until det(I - dF/dx) changes sign,
/// then refines the crossing with boost::math::tools::toms748_solve on the arclength. A sign change
/// with the axis still moving the same way is a bifurcation, not a fold (`kind` says which).
FoldResult locate_fold(const OrderParameterModel& model, const std::string& axis, const BranchSolution& seed,
                       double limit, const ArclengthOptions& options = {});

}  // namespace hebbmc::analysis
