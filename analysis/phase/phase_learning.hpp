// Transition lines of the learning models (physics.md 5(c) supervised, 5(d) unsupervised;
// docs/learning.md L13-L17; docs/theory.md, "Phase diagrams of the learning models"):
// the RS equations (rs/learning_equations.hpp) as an OrderParameterModel with the control "rho"
// (dataset entropy at fixed M),
// and the lines of the (rho, T) plane at alpha = 0 and of the (alpha, rho) plane at fixed T,
// located with the storage machinery (continuation.hpp, transition_lines.hpp, phase_diagram.hpp).
#pragma once

#include "analysis/numerics/continuation.hpp"
#include "analysis/numerics/gauss_hermite.hpp"
#include "analysis/numerics/order_parameter_model.hpp"
#include "analysis/phase/phase_diagram.hpp"
#include "analysis/rs/rs_learning.hpp"
#include "analysis/numerics/transition_lines.hpp"

#include <string>
#include <vector>

namespace hebbmc::analysis {

/// Example quality at dataset entropy rho and fixed M: r = (1 + M rho)^(-1/2) (eq. PL1, the
/// inverse of rho = models::dataset_entropy(r, M), physics.md section 1).
double learning_r_of_rho(double rho, int M);

/// RS equations L13-L17 of docs/learning.md with the Gaussian (large-M) data law of physics.md 5(c),
/// as an OrderParameterModel: x = (nbar, q), controls "alpha", "T", "rho"; r and the noise
/// factor gamma (eq. L16) follow from rho at the fixed M. At T = 0, q = 1.
/// Starts: retrieval (1, 1), spin glass (0, 1), paramagnetic (0, 0).
class LearningRSModel final : public OrderParameterModel {
 public:
  /// Even P >= 4, M >= 1 (throws std::invalid_argument otherwise); `rule` must outlive the model.
  LearningRSModel(int P, int M, LearningSetting setting, const GaussHermite& rule);
  std::string name() const override;
  std::string equation() const override;
  std::vector<std::string> variables() const override { return {"nbar", "q"}; }
  Eigen::VectorXd map(const Eigen::VectorXd& x, const Control& c) const override;
  VariableBounds bounds(const Control& c) const override;
  std::vector<BranchStart> starts(const Control& c) const override;
  /// m = E tanh(beta g), q, energy (L17), free energy (eq. PL2) and replicon at x = (nbar, q).
  OrderParameters evaluate(const Eigen::VectorXd& x, const Control& c) const override;
  /// 0 for "rho", "alpha", "T" (finite differences stay inside the physical range).
  double control_lower_bound(std::string_view name) const override;
  /// Noise factor gamma(rho) of eq. L16 at this model's P, M and setting.
  double gamma(double rho) const;
  int P() const { return P_; }                          ///< interaction order
  int M() const { return M_; }                          ///< examples per archetype
  LearningSetting setting() const { return setting_; }  ///< supervised or unsupervised

 private:
  int P_, M_;
  LearningSetting setting_;
  const GaussHermite& rule_;
};

/// What to compute for a learning model: which planes, the windows, the grid and the tolerance.
struct LearningPhaseRequest {
  int P = 4;                                              ///< interaction order (even, >= 4)
  int M = 50;                                             ///< examples per archetype (fixed)
  LearningSetting setting = LearningSetting::supervised;  ///< which Hamiltonian
  bool rho_T = true;       ///< lines of the (rho, T) plane at alpha = 0
  bool alpha_rho = true;   ///< lines of the (alpha, rho) plane at T = T_fixed
  double rho_min = 0.0;    ///< rho window (the grid axis of every line)
  double rho_max = 0.5;    ///< ...
  double T_min = 0.0;      ///< T window of the (rho, T) plane (plot window; roots are searched up to 4 T_max)
  double T_max = 0.1;      ///< ...
  double alpha_min = 0.0;  ///< alpha window of the (alpha, rho) plane (plot window; roots up to 4 alpha_max)
  double alpha_max = 0.045;  ///< ...
  double T_fixed = 0.0;    ///< temperature of the (alpha, rho) plane
  int points = 33;         ///< grid points in rho
  double tolerance = 1e-10;  ///< toms748 bracket on the root axis
};

/// A line of a learning diagram: the storage PhaseLine (alpha, T, m, bracket, status per point)
/// plus the grid in rho and what it means at fixed M.
struct LearningPhaseLine {
  PhaseLine line;            ///< name, description, level, method, axes, points
  std::string plane;         ///< "rho_T" or "alpha_rho"
  std::vector<double> rho;   ///< dataset entropy of each point (the grid)
  std::vector<double> r;     ///< example quality (1 + M rho)^(-1/2)
  std::vector<double> gamma; ///< noise factor of eq. L16 at each point (1 for supervised)
};

/// A computed learning phase diagram.
struct LearningPhaseDiagram {
  std::string model;                  ///< e.g. "unsupervised learning (P = 4, M = 50, RS, Gaussian data law)"
  LearningPhaseRequest request;       ///< what was asked
  std::vector<LearningPhaseLine> lines;  ///< transition lines
  std::vector<PhaseAnchor> anchors;   ///< single numbers (the rho = 0 ends, = dense storage)
};

/// Default window for (P, M, setting): rho in [0, 0.5], T up to 1.25 x the retrieval onset at
/// alpha = rho = 0, alpha up to 1.35 x the RS T = 0 capacity at rho = 0 (the dense-storage defaults).
LearningPhaseRequest default_learning_phase_request(int P, int M, LearningSetting setting);

/// The lines (OpenMP over the rho grid). Throws std::invalid_argument for a bad request.
LearningPhaseDiagram learning_phase_diagram(const LearningPhaseRequest& request);

/// Retrieval spinodal along T at alpha = 0 and this rho: the fold of the retrieval branch followed
/// from T = 0 (pseudo-arclength + toms748), searched up to T_limit.
FoldResult learning_spinodal_T(const LearningRSModel& model, double rho, double T_limit,
                               const TransitionOptions& options = {});

/// Retrieval spinodal along alpha at (rho, T): the fold of the retrieval branch followed from
/// alpha = 0, searched up to alpha_limit.
FoldResult learning_spinodal_alpha(const LearningRSModel& model, double rho, double T, double alpha_limit,
                                   const TransitionOptions& options = {});

}  // namespace hebbmc::analysis
