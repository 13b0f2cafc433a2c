// One-step replica symmetry breaking for dense storage, P >= 4 (physics.md 5(f); derivation in
// docs/rsb.md): the 1RSB Parisi functional of the P-spin noise with covariance xi(q) = alpha q^P/P!
// plus the Mattis term, at finite temperature. Sign convention (docs/rsb.md): f is the physical
// free energy per neuron, and the 1RSB value is the MAXIMUM over the breaking parameter theta of f
// at its stationary (m, q0, q1); RS points (q0 = q1, theta = 0 or 1) are special cases, so
// f_1RSB >= f_RS.
#pragma once

#include "analysis/numerics/branches.hpp"
#include "analysis/numerics/gauss_hermite.hpp"

#include <limits>
#include <string>

namespace hebbmc::analysis {

/// The P-spin covariance of the non-condensed patterns, xi(q) = alpha q^P / P! (docs/rsb.md, eq. R0).
struct PSpinCovariance {
  int P;         ///< interaction order
  double alpha;  ///< load K / N^(P-1)
  double xi(double q) const;  ///< xi(q)
  double d1(double q) const;  ///< xi'(q) = alpha q^(P-1) / (P-1)!
  /// xi(1) - xi(q) - (1 - q) xi'(q), evaluated without cancellation near q = 1.
  double rs_bracket(double q) const;
};

/// A point of the 1RSB parameter space (not necessarily stationary).
struct RSBPoint {
  double m = 0;      ///< Mattis magnetization
  double q0 = 0;     ///< inter-state overlap
  double q1 = 0;     ///< intra-state overlap, q0 <= q1
  double theta = 1;  ///< Parisi breaking parameter in [0, 1]
};

/// The 1RSB functional f(m, q0, q1, theta) at finite T > 0 (docs/rsb.md, eq. F-1RSB).
double rsb_free_energy(int P, double alpha, double T, const RSBPoint& x, const GaussHermite& rule);

/// The RS functional f(m, q) at finite T > 0 (docs/theory.md eq. F-dense read as a function of
/// (m, q), docs/rsb.md eq. F-RS): what 1RSB must reduce to.
double rs_free_energy_functional(int P, double alpha, double T, double m, double q, const GaussHermite& rule);

/// d f / d theta at fixed (m, q0, q1) (docs/rsb.md, eq. S-theta); by the envelope theorem the
/// derivative of the stationary f along theta.
double rsb_theta_derivative(int P, double alpha, double T, const RSBPoint& x, const GaussHermite& rule);

/// The 1RSB saddle-point equations at fixed theta as an OrderParameterModel: x = (m, q0, q1),
/// controls "alpha", "T" (> 0), "theta" (docs/rsb.md, eqs. S-m, S-q0, S-q1). Starts: retrieval
/// (1, 0.5, 1), spin glass (0, 0, 1), paramagnetic (0, 0, 0). The RS manifold q0 = q1 is invariant,
/// so the starts lie off it. Stability eigenvalues of this model only serve to detect folds.
class Dense1RSBModel final : public OrderParameterModel {
 public:
  /// Even P >= 4; `rule` must outlive the model.
  Dense1RSBModel(int P, const GaussHermite& rule);
  std::string name() const override { return "dense storage (P = " + std::to_string(P_) + ", 1RSB, fixed theta)"; }
  std::string equation() const override { return "physics.md 5(f); docs/rsb.md (S-m, S-q0, S-q1)"; }
  std::vector<std::string> variables() const override { return {"m", "q0", "q1"}; }
  Eigen::VectorXd map(const Eigen::VectorXd& x, const Control& c) const override;
  VariableBounds bounds(const Control& c) const override;
  std::vector<BranchStart> starts(const Control& c) const override;
  OrderParameters evaluate(const Eigen::VectorXd& x, const Control& c) const override;

 private:
  int P_;
  const GaussHermite& rule_;
};

/// The 1RSB solution with theta optimised, compared with the RS solution of the same branch.
struct RSBSolution {
  static constexpr double nan = std::numeric_limits<double>::quiet_NaN();
  RSBPoint point{nan, nan, nan, nan};  ///< stationary (m, q0, q1) at the optimal theta
  double free_energy = nan;            ///< 1RSB f (equals rs_free_energy when it reduces to RS)
  /// RS f of the same branch (physics.md 5(b) solver); NaN if RS has no such branch here. For the
  /// spin-glass start the RS answer may be the paramagnet (q = 0), the theta = 1 limit.
  double rs_free_energy = nan;
  bool converged = false;              ///< a stationary point was found (1RSB or RS)
  bool reduces_to_rs = false;          ///< no stationary theta in (0, 1) with q1 > q0: the answer is RS
  std::string branch;                  ///< "retrieval", "spin glass", "paramagnetic"
  std::string status;                  ///< what happened, in words
};

/// 1RSB at finite T > 0 from the start named `start` ("retrieval" or "spin glass"): (m, q0, q1)
/// solved at each theta of a scan and followed with warm starts; the stationary theta (where
/// rsb_theta_derivative changes sign from + to -, a maximum of f) refined by toms748 to 1e-10.
RSBSolution solve_rsb_dense(int P, double alpha, double T, const std::string& start, const GaussHermite& rule,
                            const SolverOptions& options = {});

/// Static spin-glass transition of the paramagnet at 1RSB (docs/rsb.md, "Transition lines"): the T
/// in (T_lo, T_hi) where the theta = 1 glass solution (m = q0 = 0, q1 > 0) has df/dtheta = 0,
/// scanning upwards from T_lo; toms748 to `tolerance`. NaN (and a status) if none.
double rsb_glass_transition_temperature(int P, double alpha, double T_lo, double T_hi, const GaussHermite& rule,
                                        double tolerance, std::string* status = nullptr);

}  // namespace hebbmc::analysis
