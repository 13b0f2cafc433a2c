// Multitasking: replica-symmetric equations of a dense Hebbian network with diluted archetypes in
// low storage (physics.md 5(e); docs/multitasking.md, eqs. MT1-MT9), for any even P, without
// (rho = 0: storage) and with examples (rho > 0: large-M form, teacher or not), as an
// OrderParameterModel: variables x = the K amplitudes (m for rho = 0, nbar for rho > 0); controls
// "d" (dilution) and "T". The site average over the K pattern entries is the exact sum over the
// 3^K configurations for K <= exact_max_K, else a seeded Monte Carlo estimate with its error.
#pragma once

#include "analysis/numerics/gauss_hermite.hpp"
#include "analysis/numerics/order_parameter_model.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace hebbmc::analysis {

/// Fixed settings of the multitasking model (the controls d and T vary, these do not).
struct MultitaskSettings {
  int P = 2;                         ///< interaction order, even >= 2
  int K = 2;                         ///< number of (diluted) archetypes, >= 1
  double rho = 0.0;                  ///< dataset entropy (physics.md section 1); 0 = storage
  int exact_max_K = 12;              ///< exact 3^K sum up to this K, Monte Carlo estimate beyond
  std::int64_t mc_samples = 65536;   ///< site configurations drawn by the Monte Carlo estimate
  std::uint64_t seed = 1;            ///< seed of the Monte Carlo stream (engine/rng.hpp, Purpose::patterns)
};

/// The multitasking RS model (docs/multitasking.md). Thread safe: every method is const.
class MultitaskRS final : public OrderParameterModel {
 public:
  /// Validates the settings (throws std::invalid_argument); `rule` must outlive the model.
  MultitaskRS(MultitaskSettings settings, const GaussHermite& rule);

  std::string name() const override;
  std::string equation() const override { return "physics.md 5(e); docs/multitasking.md (MT3, MT4)"; }
  std::vector<std::string> variables() const override;
  /// x -> F(x): eq. MT3 (rho = 0) or MT4 (rho > 0); requires T > 0 and d in [0, 1).
  Eigen::VectorXd map(const Eigen::VectorXd& x, const Control& c) const override;
  /// Analytic dF/dx for rho = 0 (eq. MT8); nullopt (finite differences) for rho > 0.
  std::optional<Eigen::MatrixXd> jacobian(const Eigen::VectorXd& x, const Control& c) const override;
  VariableBounds bounds(const Control& c) const override;
  /// hierarchical (T = 0 closed form MT5), parallel, mixed_j (j equal leaders), pure, paramagnetic.
  std::vector<BranchStart> starts(const Control& c) const override;
  /// m = the largest |Mattis amplitude|, free energy (MT6), energy; q and replicon are NaN.
  OrderParameters evaluate(const Eigen::VectorXd& x, const Control& c) const override;
  /// "paramagnetic", "hierarchical", "parallel" or "mixed" from the sorted amplitudes (MT9).
  std::string classify(const Eigen::VectorXd& x, const Control& c) const override;
  /// d and T are >= 0.
  double control_lower_bound(std::string_view name) const override;

  /// Mattis amplitudes m_mu = E[xi^mu tanh(beta h)] at x (equal to x when rho = 0).
  Eigen::VectorXd mattis(const Eigen::VectorXd& x, const Control& c) const;
  /// Free energy per neuron f(x) (eq. MT6); stationary exactly at the solutions of x = F(x).
  double free_energy(const Eigen::VectorXd& x, const Control& c) const;
  /// Stability Hessian H (eq. MT7): Hessian of f / (1+rho)^2 in the coordinates w(x) of MT7 at a
  /// solution; its eigenvalues are those of I - dF/dx, and all > 0 means a local minimum of f.
  Eigen::MatrixXd hessian(const Eigen::VectorXd& x, const Control& c) const;
  /// Direction in x of the Hessian's smallest eigenvalue (eigenvector v mapped by D^(-1/2), MT7),
  /// max-norm 1: the way down from a saddle.
  Eigen::VectorXd softest_direction(const Eigen::VectorXd& x, const Control& c) const;
  /// Coordinates w(x) in which hessian() is the Hessian of f / (1+rho)^2 (eq. MT7).
  Eigen::VectorXd stability_coordinates(const Eigen::VectorXd& x) const;
  /// Inverse of stability_coordinates.
  Eigen::VectorXd from_stability_coordinates(const Eigen::VectorXd& w) const;
  /// Standard error of the solution x from the Monte Carlo site average, propagated through
  /// (I - dF/dx)^(-1) (docs/multitasking.md, "Site average"); empty when the sum is exact.
  Eigen::VectorXd statistical_error(const Eigen::VectorXd& x, const Control& c) const;
  /// Covariance of the Monte Carlo estimate of F(x) (sample covariance / samples); 0 x 0 when exact.
  Eigen::MatrixXd map_covariance(const Eigen::VectorXd& x, const Control& c) const;
  /// True when the site average is the exact 3^K sum.
  bool exact() const { return settings_.K <= settings_.exact_max_K; }
  /// The settings the model was built with.
  const MultitaskSettings& settings() const { return settings_; }

  /// T = 0 hierarchical amplitudes m_k = (1-d) d^(k-1), k = 1..K (eq. MT5).
  static Eigen::VectorXd hierarchical_zero_temperature(int K, double d);
  /// Label of sorted amplitudes (descending, >= 0) and the number retrieved (> 1e-6), eq. MT9.
  static std::string structure(const Eigen::VectorXd& sorted, int* retrieved = nullptr);

 private:
  // Per-site quantities accumulated over the site average (one pass computes what is asked).
  struct SiteSums {
    Eigen::VectorXd F;        // the map (MT3 / MT4)
    Eigen::VectorXd m;        // Mattis amplitudes E[xi tanh(beta h)]
    double log2cosh = 0.0;    // E (1/beta) ln 2cosh(beta h) (lambda-averaged for rho > 0)
    Eigen::MatrixXd C;        // E[xi xi^T sech^2(beta h)] (rho = 0 only)
    Eigen::MatrixXd samples;  // Monte Carlo: per-configuration summand of F, one row per sample
  };
  SiteSums site_sums(const Eigen::VectorXd& x, const Control& c, bool want_map, bool want_free, bool want_jacobian,
                     bool want_samples) const;
  Eigen::VectorXd field_amplitudes(const Eigen::VectorXd& x) const;  // u_nu of eq. MT2
  Eigen::VectorXd field_slopes(const Eigen::VectorXd& x) const;      // du_nu / dx_nu

  MultitaskSettings settings_;
  const GaussHermite& rule_;
  std::vector<std::int8_t> configs_;  // exact: one configuration of each pair (xi, -xi), K entries each
  std::vector<int> nonzero_;          // exact: number of nonzero entries per configuration
  std::vector<double> uniforms_;      // Monte Carlo: one uniform per entry (zero iff < d)
  std::vector<std::int8_t> signs_;    // Monte Carlo: the sign of each entry when nonzero
};

}  // namespace hebbmc::analysis
