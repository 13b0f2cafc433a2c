// AGS phase diagram of the Hopfield model (physics.md 5(a); docs/theory.md, "Phase diagrams").
#include "analysis/rs/ags_model.hpp"
#include "analysis/phase/line_table.hpp"
#include "analysis/phase/phase_diagram.hpp"
#include "analysis/numerics/transition_lines.hpp"

#include <cmath>

namespace hebbmc::analysis::detail {

namespace {

constexpr double nan = std::numeric_limits<double>::quiet_NaN();

// Where the paramagnet instability search starts: well above the window.
double T_top(const PhaseRequest& r) { return std::max(3.0, 2.0 * r.T_max); }

// The AGS lines (docs/theory.md, "Phase diagrams", the Hopfield table). The paramagnet instability
// is scanned down from T_top to T = 1/2; retrieval is searched up to alpha = 1.
std::vector<LineSpec> hopfield_lines(const PhaseRequest& r) {
  const auto alphas = grid(r.alpha_min, r.alpha_max, r.points), temps = grid(r.T_min, r.T_max, r.points);
  return {
      {.name = "paramagnet_spin_glass",
       .description = "T_g(alpha): the paramagnet (m = q = 0) loses stability (smallest eigenvalue of I - dF/dx "
                      "crosses 0) and the spin glass appears continuously; AGS: T_g = 1 + sqrt(alpha)",
       .solve = Solve::instability, .grid_axis = "alpha", .grid = alphas, .root_axis = "T",
       .branch = "paramagnetic", .from = T_top(r), .to = up_to(0.5)},
      {.name = "retrieval_spinodal",
       .description = "alpha_M(T): largest alpha at which the retrieval branch exists (fold of the AGS equations, "
                      "pseudo-arclength + toms748 on det(I - dF/dx)); retrieval states exist to its left",
       .solve = Solve::spinodal, .grid_axis = "T", .grid = temps, .root_axis = "alpha", .to = up_to(1.0)},
      {.name = "retrieval_coexistence",
       .description = "T_c(alpha): retrieval and spin-glass free energies are equal (first-order line); retrieval is "
                      "the global minimum to its left",
       .solve = Solve::coexistence, .grid_axis = "T", .grid = temps, .root_axis = "alpha", .to = up_to(1.0),
       .rivals = {"spin glass"}, .lo_fraction = 0.0},
      {.name = "retrieval_replicon",
       .description = "T_R(alpha): de Almeida-Thouless line of the retrieval branch, where the replicon "
                      "(1 - C)^2 - alpha beta^2 E sech^4(beta g) changes sign; RS retrieval is unstable below it",
       .solve = Solve::replicon, .grid_axis = "alpha", .grid = alphas, .root_axis = "T", .from = 1e-4,
       .to = up_to(1.0), .at_zero = RootResult{false, nan, nan, "alpha = 0: no noise, replica symmetry is exact"}},
  };
}

}  // namespace

void hopfield_phase_diagram(PhaseDiagram& d) {
  const PhaseRequest& r = d.request;
  const GaussHermite rule;
  const AgsModel ags(rule);
  TransitionOptions o;
  o.tolerance = r.tolerance;
  for (const LineSpec& line : hopfield_lines(r)) d.lines.push_back(trace_line(line, ags, o));

  const Control origin{{"alpha", 0.0}, {"T", 0.0}};
  d.anchors.push_back(root_anchor("T_c_alpha0",
                                  "critical temperature at alpha = 0: root in T of the smallest eigenvalue of I - dF/dx "
                                  "at the paramagnet (Curie-Weiss: 1 - beta); physics.md 5(a) anchor T_c = 1",
                                  instability_point(ags, origin.with("T", T_top(r)), "T", T_top(r), 0.5, "paramagnetic", o)));
  const FoldResult f0 = spinodal_point(ags, origin, "alpha", 0.0, 1.0, "retrieval", o);
  const bool fold0 = f0.found && f0.kind == "fold";
  d.anchors.push_back({"alpha_c_T0", "T = 0 storage capacity: fold of the retrieval branch along alpha (AGS: 0.138)",
                       fold0 ? f0.value : nan, fold0 ? "ok" : f0.status});
  d.anchors.push_back({"m_at_alpha_c_T0", "Mattis magnetization at the T = 0 capacity (AGS: 0.967)",
                       fold0 ? f0.x(0) : nan, fold0 ? "ok" : f0.status});
  if (fold0)
    d.anchors.push_back(root_anchor("alpha_coexistence_T0",
                                    "T = 0: largest alpha at which retrieval is the ground state (f_retrieval = f_spin "
                                    "glass; AGS ~0.051)",
                                    coexistence_point(ags, origin, "alpha", 0.0, f0.value * (1.0 - 1e-7), "retrieval",
                                                      {"spin glass"}, o)));
}

}  // namespace hebbmc::analysis::detail
