// Stability of the multitasking RS solutions (docs/multitasking.md MT7, MT8): the Hessian of the free
// energy in the coordinates w(x), its softest direction, and the Monte Carlo error of a solution.
#include "analysis/multitask/multitask_rs.hpp"

#include "analysis/numerics/special_functions.hpp"
#include "analysis/numerics/stability.hpp"

#include <Eigen/Eigenvalues>

#include <cmath>

namespace hebbmc::analysis {

// w_nu = sqrt(D) (2/P) sgn(x) |x|^(P/2), D = (1+rho)^(P/2-2)/(P-2)! (eq. MT7), so dw/dx = sqrt(u'/(1+rho)).
Eigen::VectorXd MultitaskRS::stability_coordinates(const Eigen::VectorXd& x) const {
  const int P = settings_.P;
  const double c = std::sqrt(std::pow(1.0 + settings_.rho, 0.5 * P - 2.0) / factorial(P - 2)) * 2.0 / P;
  return x.unaryExpr([&](double v) { return c * std::copysign(std::pow(std::abs(v), 0.5 * P), v); });
}

Eigen::VectorXd MultitaskRS::from_stability_coordinates(const Eigen::VectorXd& w) const {
  const int P = settings_.P;
  const double c = std::sqrt(std::pow(1.0 + settings_.rho, 0.5 * P - 2.0) / factorial(P - 2)) * 2.0 / P;
  return w.unaryExpr([&](double v) { return std::copysign(std::pow(std::abs(v) / c, 2.0 / P), v); });
}

// H = I - D^(1/2) J D^(-1/2), D = u'/(1+rho): symmetric (= I - beta D^(1/2) C D^(1/2)), eq. MT7.
// A direction with D_nu = 0 (a vanishing amplitude at P >= 4) has J's column 0: it decouples with
// eigenvalue 1, as in the Landau free energy (stable: the energy is flat to order P there).
Eigen::MatrixXd MultitaskRS::hessian(const Eigen::VectorXd& x, const Control& c) const {
  const int K = settings_.K;
  const Eigen::VectorXd D = field_slopes(x) / (1.0 + settings_.rho);
  Eigen::MatrixXd H = Eigen::MatrixXd::Identity(K, K);
  if (settings_.rho == 0.0) {  // analytic C
    const SiteSums s = site_sums(x, c, false, false, true, false);
    for (int a = 0; a < K; ++a)
      for (int b = 0; b < K; ++b) H(a, b) -= c.beta() * std::sqrt(D(a) * D(b)) * s.C(a, b);
    return H;
  }
  const Eigen::MatrixXd J = map_jacobian(*this, x, c);
  for (int a = 0; a < K; ++a)
    for (int b = 0; b < K; ++b)
      if (D(a) > 0.0 && D(b) > 0.0) H(a, b) -= std::sqrt(D(a)) * J(a, b) / std::sqrt(D(b));
  return 0.5 * (H + H.transpose());
}

Eigen::VectorXd MultitaskRS::softest_direction(const Eigen::VectorXd& x, const Control& c) const {
  const Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> eig(hessian(x, c));
  const Eigen::VectorXd D = field_slopes(x) / (1.0 + settings_.rho);
  Eigen::VectorXd v = eig.eigenvectors().col(0);
  for (Eigen::Index k = 0; k < v.size(); ++k)
    if (D(k) > 0.0) v(k) /= std::sqrt(D(k));
  return v / v.cwiseAbs().maxCoeff();
}

Eigen::MatrixXd MultitaskRS::map_covariance(const Eigen::VectorXd& x, const Control& c) const {
  if (exact()) return {};
  const SiteSums s = site_sums(x, c, true, false, false, true);
  const auto S = static_cast<double>(settings_.mc_samples);
  const Eigen::MatrixXd centred = s.samples.rowwise() - s.F.transpose();
  return centred.transpose() * centred / ((S - 1.0) * S);
}

// Delta method: x* = F(x*) + dF gives dx = (I - dF/dx)^(-1) dF to first order.
Eigen::VectorXd MultitaskRS::statistical_error(const Eigen::VectorXd& x, const Control& c) const {
  if (exact()) return {};
  const Eigen::MatrixXd cov = map_covariance(x, c);
  const int K = settings_.K;
  const Eigen::MatrixXd A = (Eigen::MatrixXd::Identity(K, K) - map_jacobian(*this, x, c)).inverse();
  return (A * cov * A.transpose()).diagonal().cwiseMax(0.0).cwiseSqrt();
}

}  // namespace hebbmc::analysis
