// The AGS replica-symmetric equations of the Hopfield model (physics.md 5(a)) as an
// OrderParameterModel: variables x = (m, C), C = beta (1 - q); controls "alpha", "T".
#pragma once

#include "analysis/numerics/gauss_hermite.hpp"
#include "analysis/numerics/order_parameter_model.hpp"

namespace hebbmc::analysis {

/// AGS quantities at one iterate (m, C): q = 1 - C/beta, r = q/(1 - C)^2, noise width b = sqrt(alpha r).
struct AgsPoint {
  double m, C, q, r, b;
};

/// AGS (P = 2, K = alpha N) in the variables (m, C) (docs/theory.md, "Storage model, P = 2").
/// Starts: retrieval (1, C(q = 1)), spin glass (0, C(q = 1)), paramagnetic (0, beta).
class AgsModel final : public OrderParameterModel {
 public:
  /// `rule` supplies the Gaussian averages; it must outlive the model.
  explicit AgsModel(const GaussHermite& rule) : rule_(rule) {}
  std::string name() const override { return "AGS (P = 2, RS)"; }
  std::string equation() const override { return "physics.md 5(a); docs/theory.md (F-AGS)"; }
  std::vector<std::string> variables() const override { return {"m", "C"}; }
  Eigen::VectorXd map(const Eigen::VectorXd& x, const Control& c) const override;
  VariableBounds bounds(const Control& c) const override;
  std::vector<BranchStart> starts(const Control& c) const override;
  OrderParameters evaluate(const Eigen::VectorXd& x, const Control& c) const override;

  /// (m, C) -> AGS quantities; q clamped to [0, 1]; for C >= 1 the noise is taken (nearly)
  /// infinite, the C -> 1- limit (removes the spurious mirror root C = s/(s - 1), docs/theory.md).
  static AgsPoint point(double alpha, double beta, double m, double C);
  /// Free energy per neuron (docs/theory.md, eq. F-AGS) at a stationary point; `a` = averages at g.
  static double free_energy(double alpha, double beta, const AgsPoint& p, const TanhAverages& a);
  /// Internal energy u = d(beta f)/d(beta) (docs/theory.md, eq. U-AGS).
  static double energy(double alpha, const AgsPoint& p);

 private:
  const GaussHermite& rule_;
};

}  // namespace hebbmc::analysis
