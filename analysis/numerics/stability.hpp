// Local stability of a solution x* = F(x*) of an order-parameter model (docs/theory.md,
// "Stability"): the eigenvalues of the stability matrix S = I - dF/dx at x*.
//
// All real parts > 0 means x* is an attractor of the order-parameter iteration (the mean-field
// dynamics m_{t+1} = F(m_t)); for the storage models this coincides with local thermodynamic
// stability in the directions of the order parameters (for Curie-Weiss, S = f''(m) exactly). One
// eigenvalue crossing 0 is a fold (a branch and its unstable partner merge; det S changes sign) or
// the instability of a branch towards a new one (the paramagnet at T_g). The replicon eigenvalue
// (de Almeida-Thouless) is the separate check of replica symmetry itself.
#pragma once

#include "analysis/numerics/order_parameter_model.hpp"

#include <limits>
#include <string_view>

namespace hebbmc::analysis {

/// Result of the stability check at one solution.
struct Stability {
  static constexpr double nan = std::numeric_limits<double>::quiet_NaN();
  Eigen::VectorXcd eigenvalues;  ///< eigenvalues of S = I - dF/dx, ascending real part
  double smallest = nan;         ///< smallest real part of the eigenvalues of S
  double determinant = nan;      ///< det S: changes sign where a branch folds
  bool stable = false;           ///< smallest > 0
  double replicon = nan;         ///< replicon eigenvalue (> 0: RS stable); NaN if not provided
};

/// dF/dx at x: the model's analytic Jacobian, else central differences with relative step
/// `step`, one-sided where a central step would leave the model's bounds.
Eigen::MatrixXd map_jacobian(const OrderParameterModel& model, const Eigen::VectorXd& x, const Control& c,
                             double step = 1e-6);

/// dF/d(control `axis`) at x by central differences (one-sided at the axis' lower bound).
Eigen::VectorXd map_control_derivative(const OrderParameterModel& model, const Eigen::VectorXd& x,
                                       const Control& c, std::string_view axis, double step = 1e-6);

/// Eigenvalues of S = I - dF/dx, det S and the replicon at a solution x of `model`.
Stability assess_stability(const OrderParameterModel& model, const Eigen::VectorXd& x, const Control& c,
                           double step = 1e-6);

}  // namespace hebbmc::analysis
