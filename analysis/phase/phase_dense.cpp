// Phase diagram of dense storage, P >= 4 (physics.md 5(b), 5(f); docs/theory.md and docs/rsb.md):
// RS lines from DenseRSModel, 1RSB lines from the 1RSB functional.
#include "analysis/rs/dense_rs_model.hpp"
#include "analysis/numerics/special_functions.hpp"
#include "analysis/phase/line_table.hpp"
#include "analysis/phase/phase_diagram.hpp"
#include "analysis/rsb/rsb_dense.hpp"
#include "analysis/rsb/rsb_zero_temperature.hpp"
#include "analysis/numerics/transition_lines.hpp"

#include <boost/math/interpolators/cardinal_cubic_b_spline.hpp>

#include <cmath>
#include <functional>
#include <memory>

namespace hebbmc::analysis::detail {

namespace {

constexpr double nan = std::numeric_limits<double>::quiet_NaN();

// RS paramagnet: f = -T ln 2 - xi(1) / (2T) (annealed, exact for the RS q = 0 point).
double paramagnet_free_energy(int P, double alpha, double T) {
  return -T * std::log(2.0) - alpha / factorial(P) / (2.0 * T);
}

// The 1RSB glass free energy per sqrt(alpha) as a function of tau = T / sqrt(alpha) (exact scaling
// of the m = 0 functional, docs/rsb.md): cubic B-spline through theta-optimised solves on a uniform
// tau grid in [0, kappa] (tau = 0 from the T = 0 functional); the paramagnet above kappa.
class GlassFreeEnergy {
 public:
  GlassFreeEnergy(int P, double kappa, const GaussHermite& rule) : P_(P), kappa_(kappa) {
    constexpr int n = 9;  // g is smooth (g = E0 + O(tau)): the spline error is ~1e-7
    std::vector<double> g(n);
    g[0] = rsb_zero_temperature_glass_energy(P);
#pragma omp parallel for schedule(dynamic)
    for (int k = 1; k < n; ++k) {
      const double tau = kappa * k / (n - 1);
      try {
        const RSBSolution s = solve_rsb_dense(P, 1.0, tau, "spin glass", rule);
        g[k] = s.converged ? s.free_energy : nan;
      } catch (const std::exception&) {  // no exception may leave an OpenMP region
        g[k] = nan;
      }
    }
    spline_ = std::make_shared<boost::math::interpolators::cardinal_cubic_b_spline<double>>(g.begin(), g.end(), 0.0,
                                                                                           kappa / (n - 1));
  }
  double operator()(double alpha, double T) const {
    const double tau = T / std::sqrt(alpha);
    if (tau >= kappa_) return paramagnet_free_energy(P_, alpha, T);
    return std::sqrt(alpha) * (*spline_)(tau);
  }

 private:
  int P_;
  double kappa_;
  std::shared_ptr<boost::math::interpolators::cardinal_cubic_b_spline<double>> spline_;
};

// Search ends: roots are searched up to 4 x the window.
double alpha_limit(const PhaseRequest& r) { return 4.0 * r.alpha_max; }
double T_limit(const PhaseRequest& r) { return 4.0 * r.T_max; }

// The RS lines and the RS paramagnet's zero-entropy line (docs/theory.md, "Phase diagrams").
std::vector<LineSpec> rs_lines(const PhaseRequest& r) {
  const auto alphas = grid(r.alpha_min, r.alpha_max, r.points), temps = grid(r.T_min, r.T_max, r.points);
  const int P = r.P;
  return {
      {.name = "retrieval_spinodal",
       .description = "alpha_M(T): largest alpha at which the RS retrieval branch exists (fold, pseudo-arclength + "
                      "toms748 on det(I - dF/dx)); retrieval states exist to its left",
       .solve = Solve::spinodal, .grid_axis = "T", .grid = temps, .root_axis = "alpha", .to = up_to(alpha_limit(r))},
      // From just above alpha = 0, where the spin-glass branch degenerates (b = 0).
      {.name = "retrieval_coexistence_rs",
       .description = "RS first-order line: retrieval free energy equals the lowest of the RS paramagnet and RS spin "
                      "glass; at low T it follows the RS paramagnet, whose entropy is negative below "
                      "paramagnet_zero_entropy (an RS artefact corrected by retrieval_coexistence_1rsb)",
       .solve = Solve::coexistence, .grid_axis = "T", .grid = temps, .root_axis = "alpha",
       .to = up_to(alpha_limit(r)), .rivals = {"paramagnetic", "spin glass"}},
      {.name = "spin_glass_spinodal_rs",
       .description = "T_SG(alpha): highest T at which the RS spin-glass branch (m = 0, q > 0) exists (fold along T)",
       .solve = Solve::spinodal, .grid_axis = "alpha", .grid = alphas, .root_axis = "T", .branch = "spin glass",
       .to = up_to(T_limit(r)), .at_zero = RootResult{false, nan, nan, "alpha = 0: no spin glass"}},
      {.name = "paramagnet_zero_entropy",
       .description = "T_0(alpha) = sqrt(xi(1) / (2 ln 2)), xi(1) = alpha/P!: the RS paramagnet entropy "
                      "ln 2 - xi(1)/(2T^2) vanishes; below it the RS paramagnet is unphysical (closed form)",
       .level = "closed form", .solve = Solve::closed_form, .grid_axis = "alpha", .grid = alphas, .root_axis = "T",
       .formula = [P](double alpha) {
         return RootResult{true, std::sqrt(alpha / factorial(P) / (2.0 * std::log(2.0))), 0.0, "closed form"};
       }},
      {.name = "retrieval_replicon",
       .description = "de Almeida-Thouless line of the RS retrieval branch: replicon 1 - beta^2 xi''(q) E sech^4(beta g) "
                      "changes sign; RS retrieval is unstable below it",
       .solve = Solve::replicon, .grid_axis = "alpha", .grid = alphas, .root_axis = "T", .from = 1e-4 * r.T_max,
       .to = up_to(T_limit(r)), .at_zero = RootResult{false, nan, nan, "alpha = 0: no noise, replica symmetry is exact"}},
  };
}

// The RS anchors: the alpha = 0 onset and transition, the T = 0 capacity and ground states.
void rs_anchors(const DenseRSModel& model, const TransitionOptions& o, const DenseCapacity& cap, PhaseDiagram& d) {
  const int P = d.request.P;
  // Retrieval onset at alpha = 0 (first order for P >= 4: a fold along T).
  const Control origin{{"alpha", 0.0}, {"T", 0.0}};
  const FoldResult onset = locate_fold(model, "T", solve_branch(model, origin, model_start(model, origin, "retrieval"), "retrieval"),
                                       T_limit(d.request), o.arclength);
  d.anchors.push_back(fold_anchor("T_M_alpha0", "retrieval onset at alpha = 0: fold of m = tanh(beta m^(P-1)/(P-1)!) along T",
                                  onset));
  if (onset.found)
    d.anchors.push_back(root_anchor("T_c_alpha0", "alpha = 0: temperature at which retrieval and paramagnet free energies are equal "
                                    "(first-order transition; retrieval is the equilibrium state below it)",
                                    coexistence_point(model, origin, "T", 1e-3 * onset.value, onset.value * (1.0 - 1e-7),
                                                      "retrieval", {"paramagnetic"}, o)));
  d.anchors.push_back(finite_anchor("alpha_c_rs_T0", "RS T = 0 capacity: fold of m = erf(m^(P-1)/sqrt(2 alpha (P-1)!))",
                                    cap.alpha_rs, cap.status));
  d.anchors.push_back(finite_anchor("m_rs_T0", "m at the RS T = 0 capacity", cap.m_rs, cap.status));
  const double e_rs = -std::sqrt(2.0 / std::acos(-1.0) / factorial(P - 1));  // -E|g| with g = z sqrt(xi'(1)), alpha = 1
  d.anchors.push_back({"glass_energy_rs_T0", "RS spin-glass ground-state energy per sqrt(alpha): -sqrt(2 xi'(1)/pi) at alpha = 1",
                       e_rs, "ok"});
  d.anchors.push_back(root_anchor("alpha_coexistence_rs_T0", "RS, T = 0: largest alpha at which retrieval is the ground state "
                                  "(f_retrieval = f_spin glass, both RS)",
                                  coexistence_point(model, origin, "alpha", 1e-6 * cap.alpha_rs, cap.alpha_rs * (1 - 1e-7),
                                                    "retrieval", {"spin glass"}, o)));
}

// T = 0, both at 1RSB (DenseRSBZeroTemperatureModel): largest alpha at which the 1RSB retrieval
// energy is below the 1RSB glass energy sqrt(alpha) e_1rsb.
RootResult rsb_zero_temperature_coexistence(int P, const DenseCapacity& cap, double e_1rsb, const TransitionOptions& o) {
  const DenseRSBZeroTemperatureModel zero_model(P);
  const BranchSolution seed = rsb_zero_temperature_retrieval(zero_model, 0.97 * cap.alpha_rs);
  if (!seed.converged || seed.branch != "retrieval") return {false, nan, nan, "no 1RSB retrieval seed: " + seed.status};
  auto tracker = std::make_shared<BranchTracker>(zero_model, "alpha", seed, true, rsb_zero_temperature_solver_options());
  const auto phi = [&](double alpha) {
    const BranchSolution s = tracker->at(alpha);
    return s.converged ? s.values.free_energy - std::sqrt(alpha) * e_1rsb : nan;
  };
  // From the seed downwards: retrieval loses to the glass above the root.
  return first_root(phi, 0.97 * cap.alpha_rs, 0.5 * cap.alpha_rs, o.scan_points, o.tolerance);
}

// The 1RSB anchors and lines (docs/rsb.md): T = 0 capacities, the static glass transition and the
// retrieval coexistence against the 1RSB glass.
void rsb_part(const DenseRSModel& model, const GaussHermite& rule, const TransitionOptions& o, const DenseCapacity& cap,
              PhaseDiagram& d) {
  const PhaseRequest& r = d.request;
  const int P = r.P;
  d.anchors.push_back(finite_anchor("alpha_c_1rsb_T0", "1RSB T = 0 capacity: fold of the (m, q0, mu) equations (docs/rsb.md)",
                                    cap.alpha_1rsb, cap.status));
  d.anchors.push_back(finite_anchor("m_1rsb_T0", "m at the 1RSB T = 0 capacity", cap.m_1rsb, cap.status));
  d.anchors.push_back(finite_anchor("q0_1rsb_T0", "q0 at the 1RSB T = 0 capacity", cap.q0_1rsb, cap.status));
  d.anchors.push_back(finite_anchor("mu_1rsb_T0", "mu = lim beta theta at the 1RSB T = 0 capacity", cap.mu_1rsb, cap.status));
  const double e_1rsb = rsb_zero_temperature_glass_energy(P);
  d.anchors.push_back({"glass_energy_1rsb_T0", "1RSB spin-glass ground-state energy per sqrt(alpha) (mu optimised)", e_1rsb, "ok"});

  // Static glass transition: exact scaling T_s(alpha) = kappa sqrt(alpha) (docs/rsb.md), kappa at alpha = 1.
  const double w = std::sqrt(1.0 / factorial(P));
  std::string kappa_status;
  const double kappa = rsb_glass_transition_temperature(P, 1.0, 0.6 * w, 1.5 * w, rule, r.tolerance, &kappa_status);
  d.anchors.push_back(finite_anchor("kappa_1rsb", "T_s / sqrt(alpha): static 1RSB glass transition (theta* = 1), toms748 at alpha = 1",
                                    kappa, kappa_status));
  const auto alphas = grid(r.alpha_min, r.alpha_max, r.points);
  d.lines.push_back(trace_line(
      {.name = "spin_glass_transition_1rsb",
       .description = "T_s(alpha) = kappa sqrt(alpha): the 1RSB glass (q0 = 0 < q1, theta* < 1) takes over from the "
                      "paramagnet (continuous in f); kappa from toms748 on df/dtheta at theta = 1",
       .level = "1RSB", .solve = Solve::scaling, .grid_axis = "alpha", .grid = alphas, .root_axis = "T",
       .formula = [&](double alpha) {
         return RootResult{std::isfinite(kappa), kappa * std::sqrt(alpha), nan, kappa_status};
       }},
      model, o));
  if (!std::isfinite(kappa)) return;

  // Retrieval vs the 1RSB glass (paramagnet above T_s); the T = 0 end at 1RSB on both sides.
  const RootResult c0 = rsb_zero_temperature_coexistence(P, cap, e_1rsb, o);
  d.anchors.push_back(root_anchor("alpha_coexistence_1rsb_T0",
                                  "1RSB, T = 0: largest alpha at which retrieval is the ground state (1RSB retrieval "
                                  "energy = 1RSB glass energy)",
                                  c0));
  const GlassFreeEnergy glass(P, kappa, rule);
  d.lines.push_back(trace_line(
      {.name = "retrieval_coexistence_1rsb",
       .description = "first-order line: RS retrieval free energy equals the glass one (1RSB glass below T_s, "
                      "paramagnet above); RS retrieval is used at T > 0 (replicon-stable above retrieval_replicon), "
                      "the T = 0 point is the 1RSB-vs-1RSB alpha_coexistence_1rsb_T0",
       .level = "1RSB", .solve = Solve::coexistence, .grid_axis = "T",
       .grid = grid(r.T_min, std::min(r.T_max, 1.2 * kappa * std::sqrt(r.alpha_max)), std::max(r.rsb_points, 2)),
       .root_axis = "alpha", .to = up_to(alpha_limit(r)),
       .rival = [&glass](const Control& c) { return glass(c["alpha"], c["T"]); }, .at_zero = c0},
      model, o));
}

}  // namespace

void dense_phase_diagram(PhaseDiagram& d) {
  const GaussHermite rule;
  const DenseRSModel model(d.request.P, rule);
  TransitionOptions o;
  o.tolerance = d.request.tolerance;
  const DenseCapacity cap = dense_zero_temperature_capacity(d.request.P);
  for (const LineSpec& line : rs_lines(d.request)) d.lines.push_back(trace_line(line, model, o));
  rs_anchors(model, o, cap, d);
  if (d.request.rsb) rsb_part(model, rule, o, cap, d);
}

}  // namespace hebbmc::analysis::detail
