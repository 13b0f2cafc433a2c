// The replica-symmetric equations of dense storage, P >= 4, K = alpha N^(P-1) (physics.md 5(b)),
// as an OrderParameterModel: variables x = (m, q); controls "alpha", "T". At T = 0, q = 1.
#pragma once

#include "analysis/numerics/gauss_hermite.hpp"
#include "analysis/numerics/order_parameter_model.hpp"

namespace hebbmc::analysis {

/// Mean field h = m^(P-1)/(P-1)! and noise width b = sqrt(xi'(q)) = sqrt(alpha q^(P-1)/(P-1)!).
struct DenseField {
  double h, b;
};

/// Dense-storage RS (docs/theory.md, "Storage model, P >= 4"). Starts: retrieval (1, 1),
/// spin glass (0, 1), paramagnetic (0, 0).
class DenseRSModel final : public OrderParameterModel {
 public:
  /// Even P >= 4 (throws std::invalid_argument otherwise); `rule` must outlive the model.
  DenseRSModel(int P, const GaussHermite& rule);
  std::string name() const override { return "dense storage (P = " + std::to_string(P_) + ", RS)"; }
  std::string equation() const override { return "physics.md 5(b); docs/theory.md (F-dense)"; }
  std::vector<std::string> variables() const override { return {"m", "q"}; }
  Eigen::VectorXd map(const Eigen::VectorXd& x, const Control& c) const override;
  VariableBounds bounds(const Control& c) const override;
  std::vector<BranchStart> starts(const Control& c) const override;
  OrderParameters evaluate(const Eigen::VectorXd& x, const Control& c) const override;
  /// Interaction order.
  int P() const { return P_; }

  /// h and b at (m, q); q clamped to [0, 1].
  static DenseField field(int P, double alpha, double m, double q);
  /// RS free energy per neuron at a stationary point (docs/theory.md, eq. F-dense); chi = beta(1-q).
  static double free_energy(int P, double alpha, double beta, double m, double q, double chi, const TanhAverages& a);
  /// Internal energy u = -m^P/P! - beta [xi(1) - xi(q)] (docs/theory.md, eq. U-dense).
  static double energy(int P, double alpha, double m, double q, double chi);

 private:
  int P_;
  const GaussHermite& rule_;
};

}  // namespace hebbmc::analysis
