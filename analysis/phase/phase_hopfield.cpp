// AGS phase diagram of the Hopfield model (physics.md 5(a); docs/theory.md, "Phase diagrams").
#include "analysis/rs/ags_model.hpp"
#include "analysis/phase/phase_diagram.hpp"
#include "analysis/numerics/transition_lines.hpp"

#include <cmath>

namespace hebbmc::analysis::detail {

namespace {

constexpr double nan = std::numeric_limits<double>::quiet_NaN();

// Transition options with the request's tolerance.
TransitionOptions options_for(const PhaseRequest& r) {
  TransitionOptions o;
  o.tolerance = r.tolerance;
  return o;
}

// Retrieval fold along alpha at temperature T (alpha_M(T)).
FoldResult retrieval_fold(const AgsModel& ags, double T, const TransitionOptions& o) {
  return spinodal_point(ags, Control{{"alpha", 0.0}, {"T", T}}, "alpha", 0.0, 1.0, "retrieval", o);
}

// Paramagnet instability along T at alpha, scanning down from well above the window to T = 1/2.
RootResult paramagnet_instability(const AgsModel& ags, double alpha, double T_top, const TransitionOptions& o) {
  return instability_point(ags, Control{{"alpha", alpha}, {"T", T_top}}, "T", T_top, 0.5, "paramagnetic", o);
}

}  // namespace

void hopfield_phase_diagram(PhaseDiagram& d) {
  const PhaseRequest& r = d.request;
  const GaussHermite rule;
  const AgsModel ags(rule);
  const TransitionOptions o = options_for(r);
  const auto alphas = grid(r.alpha_min, r.alpha_max, r.points), temps = grid(r.T_min, r.T_max, r.points);
  const double T_top = std::max(3.0, 2.0 * r.T_max);

  PhaseLine pm{"paramagnet_spin_glass",
               "T_g(alpha): the paramagnet (m = q = 0) loses stability (smallest eigenvalue of I - dF/dx "
               "crosses 0) and the spin glass appears continuously; AGS: T_g = 1 + sqrt(alpha)",
               "RS", "instability", "alpha", "T"};
  trace_line(pm, alphas, [&](double alpha) {
    LinePoint p;
    p.alpha = alpha;
    return at_root(p, &LinePoint::T, paramagnet_instability(ags, alpha, T_top, o));
  });
  d.lines.push_back(pm);

  PhaseLine sp{"retrieval_spinodal",
               "alpha_M(T): largest alpha at which the retrieval branch exists (fold of the AGS equations, "
               "pseudo-arclength + toms748 on det(I - dF/dx)); retrieval states exist to its left",
               "RS", "spinodal", "T", "alpha"};
  trace_line(sp, temps, [&](double T) {
    LinePoint p;
    p.T = T;
    return at_fold(p, &LinePoint::alpha, retrieval_fold(ags, T, o));
  });
  d.lines.push_back(sp);

  PhaseLine co{"retrieval_coexistence",
               "T_c(alpha): retrieval and spin-glass free energies are equal (first-order line); retrieval is "
               "the global minimum to its left",
               "RS", "coexistence", "T", "alpha"};
  trace_line(co, temps, [&](double T) {
    LinePoint p;
    p.T = T;
    const FoldResult f = retrieval_fold(ags, T, o);
    if (!f.found || f.kind != "fold") {
      p.status = "no retrieval spinodal at this T";
      return p;
    }
    return at_root(p, &LinePoint::alpha,
                   coexistence_point(ags, Control{{"alpha", 0.0}, {"T", T}}, "alpha", 0.0, f.value * (1.0 - 1e-7),
                                     "retrieval", {"spin glass"}, o));
  });
  d.lines.push_back(co);

  PhaseLine at{"retrieval_replicon",
               "T_R(alpha): de Almeida-Thouless line of the retrieval branch, where the replicon "
               "(1 - C)^2 - alpha beta^2 E sech^4(beta g) changes sign; RS retrieval is unstable below it",
               "RS", "replicon", "alpha", "T"};
  trace_line(at, alphas, [&](double alpha) {
    LinePoint p;
    p.alpha = alpha;
    if (alpha == 0.0) {
      p.status = "alpha = 0: no noise, replica symmetry is exact";
      return p;
    }
    return at_root(p, &LinePoint::T,
                   branch_property_root(ags, Control{{"alpha", alpha}, {"T", 1e-4}}, "T", 1e-4, 1.0, "retrieval",
                                        [](const BranchSolution& s) { return s.values.replicon; }, o));
  });
  d.lines.push_back(at);

  // Anchors.
  const RootResult tc = paramagnet_instability(ags, 0.0, T_top, o);
  d.anchors.push_back({"T_c_alpha0",
                       "critical temperature at alpha = 0: root in T of the smallest eigenvalue of I - dF/dx at the "
                       "paramagnet (Curie-Weiss: 1 - beta); physics.md 5(a) anchor T_c = 1",
                       tc.value, tc.found ? "ok" : tc.status});
  const FoldResult f0 = retrieval_fold(ags, 0.0, o);
  const bool fold0 = f0.found && f0.kind == "fold";
  d.anchors.push_back({"alpha_c_T0", "T = 0 storage capacity: fold of the retrieval branch along alpha (AGS: 0.138)",
                       fold0 ? f0.value : nan, fold0 ? "ok" : f0.status});
  d.anchors.push_back({"m_at_alpha_c_T0", "Mattis magnetization at the T = 0 capacity (AGS: 0.967)",
                       fold0 ? f0.x(0) : nan, fold0 ? "ok" : f0.status});
  if (fold0) {
    const RootResult c0 = coexistence_point(ags, Control{{"alpha", 0.0}, {"T", 0.0}}, "alpha", 0.0,
                                            f0.value * (1.0 - 1e-7), "retrieval", {"spin glass"}, o);
    d.anchors.push_back({"alpha_coexistence_T0",
                         "T = 0: largest alpha at which retrieval is the ground state (f_retrieval = f_spin glass; AGS ~0.051)",
                         c0.value, c0.found ? "ok" : c0.status});
  }
}

}  // namespace hebbmc::analysis::detail
