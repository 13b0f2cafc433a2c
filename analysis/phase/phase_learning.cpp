// Transition lines of the learning models (physics.md 5(c), 5(d); docs/learning.md L13-L17;
// equations PL1-PL3 in docs/theory.md, "Phase diagrams of the learning models").
#include "analysis/phase/phase_learning.hpp"
#include "analysis/phase/line_table.hpp"
#include "analysis/numerics/special_functions.hpp"

#include "analysis/numerics/branches.hpp"
#include "analysis/rs/dense_rs_model.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace hebbmc::analysis {

namespace {

// rho of a control, refused if negative or not finite.
double rho_of(const Control& c) {
  const double rho = c["rho"];
  if (!(rho >= 0.0) || !std::isfinite(rho)) throw std::invalid_argument("learning model: need finite rho >= 0");
  return rho;
}

}  // namespace

double learning_r_of_rho(double rho, int M) { return 1.0 / std::sqrt(1.0 + M * rho); }

LearningRSModel::LearningRSModel(int P, int M, LearningSetting setting, const GaussHermite& rule)
    : P_(P), M_(M), setting_(setting), rule_(rule) {
  if (P < 4 || P % 2 != 0) throw std::invalid_argument("LearningRSModel: P must be even and >= 4");
  if (M < 1) throw std::invalid_argument("LearningRSModel: need M >= 1");
}

std::string LearningRSModel::name() const {
  return std::string(setting_ == LearningSetting::supervised ? "supervised" : "unsupervised") + " learning (P = " +
         std::to_string(P_) + ", M = " + std::to_string(M_) + ", RS, Gaussian data law)";
}

std::string LearningRSModel::equation() const {
  return std::string(setting_ == LearningSetting::supervised ? "physics.md 5(c)" : "physics.md 5(d)") +
         "; docs/learning.md L13-L17; docs/theory.md PL1-PL2";
}

double LearningRSModel::gamma(double rho) const {
  return learning_noise_factor(setting_, P_, learning_r_of_rho(rho, M_), M_);  // eq. L16 with PL1
}

Eigen::VectorXd LearningRSModel::map(const Eigen::VectorXd& x, const Control& c) const {
  // eq. L13 with L15: (nbar, q) -> (E[(1 + sqrt(rho) lambda) tanh(beta g)]/(1 + rho), 1 - E sech^2(beta g)).
  const double beta = c.beta(), rho = rho_of(c);
  const bool zero_T = std::isinf(beta);
  const LearningField g = learning_field(P_, gamma(rho), c["alpha"], rho, x(0), zero_T ? 1.0 : x(1));
  const LearningAverages a = gaussian_law_averages(tanh_averages(rule_, beta, g.A, g.gaussian_width(rho)), g.A, rho);
  return Eigen::Vector2d(a.nbar, zero_T ? 1.0 : a.q);
}

VariableBounds LearningRSModel::bounds(const Control&) const {
  // |nbar| <= E|1 + sqrt(rho) lambda|/(1 + rho) <= (1 + rho)^(-1/2) <= 1.
  return {Eigen::Vector2d(-1.0, 0.0), Eigen::Vector2d(1.0, 1.0)};
}

std::vector<BranchStart> LearningRSModel::starts(const Control&) const {
  return {{"retrieval", Eigen::Vector2d(1.0, 1.0)},
          {"spin glass", Eigen::Vector2d(0.0, 1.0)},
          {"paramagnetic", Eigen::Vector2d(0.0, 0.0)}};
}

OrderParameters LearningRSModel::evaluate(const Eigen::VectorXd& x, const Control& c) const {
  const double alpha = c["alpha"], beta = c.beta(), rho = rho_of(c), gam = gamma(rho);
  const double q = std::isinf(beta) ? 1.0 : std::clamp(x(1), 0.0, 1.0);
  const LearningField g = learning_field(P_, gam, alpha, rho, x(0), q);
  const double width = g.gaussian_width(rho);
  const TanhAverages a = tanh_averages(rule_, beta, g.A, width);
  OrderParameters o;
  o.m = a.tanh;
  o.q = q;
  // eq. PL2: the dense functional (F-dense) with m^P -> (1 + rho)^(P/2) nbar^P and xi -> gamma xi;
  // the Mattis-like variable is sqrt(1 + rho) nbar = R^(-1/2) s.
  const double m_eff = std::sqrt(1.0 + rho) * x(0);
  o.free_energy = DenseRSModel::free_energy(P_, gam * alpha, beta, m_eff, q, a.beta_sech2, a);
  o.energy = learning_energy(P_, gam, alpha, rho, x(0), q, a.beta_sech2);
  // Replicon of the noise part, 1 - beta^2 gamma xi''(q) E sech^4(beta g) (as for dense storage).
  const double xi2 = gam * alpha * std::pow(q, P_ - 2) / factorial(P_ - 2);
  o.replicon = xi2 == 0.0 ? 1.0 : 1.0 - xi2 * beta2_sech4(rule_, beta, g.A, width);
  return o;
}

double LearningRSModel::control_lower_bound(std::string_view name) const {
  return name == "rho" ? 0.0 : OrderParameterModel::control_lower_bound(name);
}

FoldResult learning_spinodal_T(const LearningRSModel& model, double rho, double T_limit, const TransitionOptions& o) {
  return spinodal_point(model, Control{{"alpha", 0.0}, {"T", 0.0}, {"rho", rho}}, "T", 0.0, T_limit, "retrieval", o);
}

FoldResult learning_spinodal_alpha(const LearningRSModel& model, double rho, double T, double alpha_limit,
                                   const TransitionOptions& o) {
  return spinodal_point(model, Control{{"alpha", 0.0}, {"T", T}, {"rho", rho}}, "alpha", 0.0, alpha_limit,
                        "retrieval", o);
}

LearningPhaseRequest default_learning_phase_request(int P, int M, LearningSetting setting) {
  const PhaseRequest dense = default_phase_request(P);  // the rho = 0 (r = 1) end is dense storage
  LearningPhaseRequest r;
  r.P = P;
  r.M = M;
  r.setting = setting;
  r.T_max = dense.T_max;
  r.alpha_max = dense.alpha_max;
  return r;
}

namespace {

using detail::LineSpec;
using detail::Solve;

// The lines of the (rho, T) plane at alpha = 0, searched along T up to 4 T_max.
std::vector<LineSpec> rho_T_lines(const LearningPhaseRequest& r, const std::vector<double>& rhos) {
  const Control plane{{"alpha", 0.0}, {"T", 0.0}, {"rho", 0.0}};
  const auto T_limit = detail::up_to(4.0 * r.T_max);
  return {
      {.name = "retrieval_spinodal_T",
       .description = "T_s(rho) at alpha = 0: highest T at which the RS retrieval branch exists (fold along T, "
                      "pseudo-arclength + toms748 on det(I - dF/dx)); retrieval states exist below it",
       .solve = Solve::spinodal, .grid_axis = "rho", .grid = rhos, .root_axis = "T", .plane = plane, .to = T_limit},
      {.name = "retrieval_coexistence_T",
       .description = "T_c(rho) at alpha = 0: retrieval free energy (eq. PL2) equals the paramagnet's, -T ln 2 (first "
                      "order); retrieval is the equilibrium state below it, metastable between it and T_s",
       .solve = Solve::coexistence, .grid_axis = "rho", .grid = rhos, .root_axis = "T", .plane = plane,
       .to = T_limit, .rivals = {"paramagnetic"}, .why_no_fold = true},
  };
}

// The lines of the (alpha, rho) plane at T = T_fixed. Search window: alpha enters L13-L17 only as
// gamma alpha, so the lines of the unsupervised model lie at 1/gamma of the supervised ones; the
// window (4 alpha_max) is scaled alike (the roots are located independently).
std::vector<LineSpec> alpha_rho_lines(const LearningRSModel& model, const LearningPhaseRequest& r,
                                      const std::vector<double>& rhos) {
  const Control plane{{"alpha", 0.0}, {"T", r.T_fixed}, {"rho", 0.0}};
  const auto limit = [&model, top = 4.0 * r.alpha_max](double rho) { return top / model.gamma(rho); };
  return {
      {.name = "retrieval_spinodal_alpha",
       .description = "alpha_s(rho) at T = T_fixed: largest alpha at which the RS retrieval branch exists (fold "
                      "along alpha); retrieval is lost above it",
       .solve = Solve::spinodal, .grid_axis = "rho", .grid = rhos, .root_axis = "alpha", .plane = plane, .to = limit},
      {.name = "retrieval_coexistence_alpha",
       .description = "alpha_c(rho) at T = T_fixed: retrieval free energy (eq. PL2) equals the lowest of the RS spin "
                      "glass and RS paramagnet (first order); retrieval is the equilibrium state below it. At T = 0 "
                      "only the spin glass exists; at low T > 0 the RS paramagnet has negative entropy (an RS "
                      "artefact, as for dense storage, docs/theory.md)",
       .solve = Solve::coexistence, .grid_axis = "rho", .grid = rhos, .root_axis = "alpha", .plane = plane,
       .to = limit, .rivals = {"spin glass", "paramagnetic"}, .why_no_fold = true},
  };
}

// Traces the lines of one plane over the rho grid and adds r and gamma at each grid value.
void add_lines(const LearningRSModel& model, const std::vector<LineSpec>& table, const std::string& plane,
               const TransitionOptions& o, LearningPhaseDiagram& d) {
  for (const LineSpec& spec : table) {
    LearningPhaseLine out{detail::trace_line(spec, model, o), plane, spec.grid, {}, {}};
    for (double rho : spec.grid) {
      out.r.push_back(learning_r_of_rho(rho, model.M()));
      out.gamma.push_back(model.gamma(rho));
    }
    d.lines.push_back(std::move(out));
  }
}

}  // namespace

LearningPhaseDiagram learning_phase_diagram(const LearningPhaseRequest& r) {
  if (r.P < 4 || r.P % 2 != 0) throw std::invalid_argument("learning phase diagram: P must be even and >= 4");
  if (r.M < 1) throw std::invalid_argument("learning phase diagram: need M >= 1");
  if (!(r.rho_min >= 0 && r.rho_max > r.rho_min && r.T_min >= 0 && r.T_max > r.T_min && r.alpha_min >= 0 &&
        r.alpha_max > r.alpha_min && r.T_fixed >= 0 && std::isfinite(r.rho_max) && std::isfinite(r.T_max) &&
        std::isfinite(r.alpha_max) && std::isfinite(r.T_fixed) && r.points >= 2 && r.tolerance > 0))
    throw std::invalid_argument("learning phase diagram: need 0 <= min < max for rho, T and alpha, T_fixed >= 0, "
                                "points >= 2, tolerance > 0");
  const GaussHermite rule;
  const LearningRSModel model(r.P, r.M, r.setting, rule);
  TransitionOptions o;
  o.tolerance = r.tolerance;
  LearningPhaseDiagram d;
  d.model = model.name();
  d.request = r;
  const auto rhos = detail::grid(r.rho_min, r.rho_max, r.points);
  if (r.rho_T) add_lines(model, rho_T_lines(r, rhos), "rho_T", o, d);
  if (r.alpha_rho) add_lines(model, alpha_rho_lines(model, r, rhos), "alpha_rho", o, d);
  // rho = 0 references from the dense-storage model (physics.md 5(b)): where the lines must start.
  const DenseRSModel dense(r.P, rule);
  if (r.rho_T) {
    const Control c{{"alpha", 0.0}, {"T", 0.0}};
    const FoldResult f = locate_fold(dense, "T", solve_branch(dense, c, model_start(dense, c, "retrieval"), "retrieval"),
                                     4.0 * r.T_max, o.arclength);
    d.anchors.push_back(detail::fold_anchor("T_M_dense_alpha0", "dense storage (physics.md 5(b)) at alpha = 0: retrieval "
                                            "onset, the rho = 0 end of retrieval_spinodal_T", f));
  }
  if (r.alpha_rho) {
    const FoldResult f = spinodal_point(dense, Control{{"alpha", 0.0}, {"T", r.T_fixed}}, "alpha", 0.0,
                                        4.0 * r.alpha_max, "retrieval", o);
    d.anchors.push_back(detail::fold_anchor("alpha_M_dense_T_fixed", "dense storage (physics.md 5(b)) at T = T_fixed: "
                                            "retrieval spinodal, the rho = 0 end of retrieval_spinodal_alpha", f));
  }
  return d;
}

}  // namespace hebbmc::analysis
