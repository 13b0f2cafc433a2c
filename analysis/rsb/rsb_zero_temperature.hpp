// Zero-temperature 1RSB for dense storage (docs/rsb.md, "T = 0"): beta -> inf with q1 -> 1 and
// mu = beta theta fixed. Variables (m, q0, mu); the maximal storage at RS and 1RSB level.
#pragma once

#include "analysis/numerics/branches.hpp"
#include "analysis/numerics/order_parameter_model.hpp"

#include <limits>
#include <string>

namespace hebbmc::analysis {

/// f at T = 0 as a function of (m, q0, mu) (docs/rsb.md, eq. F-1RSB-0); mu = 0 is RS at q = 1.
double rsb_zero_temperature_free_energy(int P, double alpha, double m, double q0, double mu);

/// d f / d mu at fixed (m, q0) (docs/rsb.md, eq. S-mu); its mu -> 0 limit at mu = 0.
double rsb_zero_temperature_mu_derivative(int P, double alpha, double m, double q0, double mu);

/// The mu maximising f at fixed (m, q0): root of S-mu by toms748 (relative tolerance 1e-14);
/// 0 when df/dmu <= 0 already at mu = 0+ (RS is the maximum). `hint` (> 0) only speeds up the
/// bracketing: the result does not depend on it.
double rsb_zero_temperature_mu(int P, double alpha, double m, double q0, double hint = 0.0);

/// The T = 0 1RSB saddle point as an OrderParameterModel: x = (m, q0, nu), nu = mu sqrt(xi'(1)),
/// mapped to (E<sign g>, E<sign g>^2, one Newton step of nu on df/dmu = 0) (docs/rsb.md, eqs.
/// S-m0, S-q00, S-mu). Control "alpha" (T is ignored: this is T = 0). Starts: retrieval
/// (1, 0.5, 1), spin glass (0, 0, 1). Stability eigenvalues of this map only serve to detect folds.
class DenseRSBZeroTemperatureModel final : public OrderParameterModel {
 public:
  /// Even P >= 4.
  explicit DenseRSBZeroTemperatureModel(int P);
  std::string name() const override { return "dense storage (P = " + std::to_string(P_) + ", 1RSB, T = 0)"; }
  std::string equation() const override { return "physics.md 5(f); docs/rsb.md (F-1RSB-0)"; }
  std::vector<std::string> variables() const override { return {"m", "q0", "nu"}; }
  Eigen::VectorXd map(const Eigen::VectorXd& x, const Control& c) const override;
  VariableBounds bounds(const Control& c) const override;
  std::vector<BranchStart> starts(const Control& c) const override;
  OrderParameters evaluate(const Eigen::VectorXd& x, const Control& c) const override;
  std::string classify(const Eigen::VectorXd& x, const Control& c) const override;

 private:
  int P_;
};

/// Solver settings for DenseRSBZeroTemperatureModel: the nu update hides a root, so residuals are
/// asked to 1e-10 rather than 1e-12, and the damped iteration hands over to Newton at 1e-6.
SolverOptions rsb_zero_temperature_solver_options();

/// The T = 0 1RSB retrieval solution at `alpha` (q0 < 1), started from (1, 0.5, 1); best seeded
/// just below the RS capacity, where it differs from RS (docs/rsb.md, "T = 0").
BranchSolution rsb_zero_temperature_retrieval(const DenseRSBZeroTemperatureModel& model, double alpha);

/// Ground-state energy of the 1RSB glass (m = q0 = 0, mu optimised) per sqrt(alpha): E0(alpha) =
/// sqrt(alpha) * this (exact scaling of the m = 0 functional).
double rsb_zero_temperature_glass_energy(int P);

/// Maximal storage at T = 0 for dense storage (physics.md 5(f)).
struct DenseCapacity {
  static constexpr double nan = std::numeric_limits<double>::quiet_NaN();
  double alpha_rs = nan;      ///< RS: fold of m = erf(m^(P-1)/sqrt(2 alpha (P-1)!))
  double m_rs = nan;          ///< m at the RS fold
  double alpha_1rsb = nan;    ///< 1RSB: fold of the (m, q0, mu) equations
  double m_1rsb = nan;        ///< m at the 1RSB fold
  double q0_1rsb = nan;       ///< q0 at the 1RSB fold
  double mu_1rsb = nan;       ///< mu at the 1RSB fold
  double bracket_rs = nan;    ///< final toms748 bracket on alpha (RS)
  double bracket_1rsb = nan;  ///< final toms748 bracket on alpha (1RSB)
  std::string status;         ///< "ok" or what failed
};

/// RS and 1RSB T = 0 capacities of dense storage at order P (pseudo-arclength + toms748 folds).
DenseCapacity dense_zero_temperature_capacity(int P);

}  // namespace hebbmc::analysis
