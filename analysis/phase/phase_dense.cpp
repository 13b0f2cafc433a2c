// Phase diagram of dense storage, P >= 4 (physics.md 5(b), 5(f); docs/theory.md and docs/rsb.md):
// RS lines from DenseRSModel, 1RSB lines from the 1RSB functional.
#include "analysis/rs/dense_rs_model.hpp"
#include "analysis/numerics/special_functions.hpp"
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

// Retrieval fold along alpha at T, searching up to `limit`.
FoldResult retrieval_fold(const DenseRSModel& model, double T, double limit, const TransitionOptions& o) {
  return spinodal_point(model, Control{{"alpha", 0.0}, {"T", T}}, "alpha", 0.0, limit, "retrieval", o);
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

}  // namespace

void dense_phase_diagram(PhaseDiagram& d) {
  const PhaseRequest& r = d.request;
  const int P = r.P;
  const GaussHermite rule;
  const DenseRSModel model(P, rule);
  TransitionOptions o;
  o.tolerance = r.tolerance;
  const auto alphas = grid(r.alpha_min, r.alpha_max, r.points), temps = grid(r.T_min, r.T_max, r.points);
  const double alpha_limit = 4.0 * r.alpha_max, T_limit = 4.0 * r.T_max;

  // Retrieval onset at alpha = 0 (first order for P >= 4: a fold along T).
  const Control origin{{"alpha", 0.0}, {"T", 0.0}};
  const FoldResult onset = locate_fold(model, "T", solve_branch(model, origin, model_start(model, origin, "retrieval"), "retrieval"),
                                       T_limit, o.arclength);
  d.anchors.push_back({"T_M_alpha0", "retrieval onset at alpha = 0: fold of m = tanh(beta m^(P-1)/(P-1)!) along T",
                       onset.found ? onset.value : nan, onset.found ? "ok" : onset.status});
  if (onset.found) {
    const RootResult tc = coexistence_point(model, origin, "T", 1e-3 * onset.value, onset.value * (1.0 - 1e-7), "retrieval",
                                            {"paramagnetic"}, o);
    d.anchors.push_back({"T_c_alpha0", "alpha = 0: temperature at which retrieval and paramagnet free energies are equal "
                         "(first-order transition; retrieval is the equilibrium state below it)",
                         tc.value, tc.found ? "ok" : tc.status});
  }

  PhaseLine sp{"retrieval_spinodal",
               "alpha_M(T): largest alpha at which the RS retrieval branch exists (fold, pseudo-arclength + "
               "toms748 on det(I - dF/dx)); retrieval states exist to its left",
               "RS", "spinodal", "T", "alpha"};
  trace_line(sp, temps, [&](double T) {
    LinePoint p;
    p.T = T;
    return at_fold(p, &LinePoint::alpha, retrieval_fold(model, T, alpha_limit, o));
  });
  d.lines.push_back(sp);

  PhaseLine co{"retrieval_coexistence_rs",
               "RS first-order line: retrieval free energy equals the lowest of the RS paramagnet and RS spin "
               "glass; at low T it follows the RS paramagnet, whose entropy is negative below "
               "paramagnet_zero_entropy (an RS artefact corrected by retrieval_coexistence_1rsb)",
               "RS", "coexistence", "T", "alpha"};
  trace_line(co, temps, [&](double T) {
    LinePoint p;
    p.T = T;
    const FoldResult f = retrieval_fold(model, T, alpha_limit, o);
    if (!f.found || f.kind != "fold") {
      p.status = "no retrieval spinodal at this T";
      return p;
    }
    // From just above alpha = 0, where the spin-glass branch degenerates (b = 0).
    return at_root(p, &LinePoint::alpha,
                   coexistence_point(model, Control{{"alpha", 0.0}, {"T", T}}, "alpha", 1e-3 * f.value,
                                     f.value * (1.0 - 1e-7), "retrieval", {"paramagnetic", "spin glass"}, o));
  });
  d.lines.push_back(co);

  PhaseLine sg{"spin_glass_spinodal_rs",
               "T_SG(alpha): highest T at which the RS spin-glass branch (m = 0, q > 0) exists (fold along T)",
               "RS", "spinodal", "alpha", "T"};
  trace_line(sg, alphas, [&](double alpha) {
    LinePoint p;
    p.alpha = alpha;
    if (alpha == 0.0) {
      p.status = "alpha = 0: no spin glass";
      return p;
    }
    const FoldResult f = spinodal_point(model, Control{{"alpha", alpha}, {"T", 0.0}}, "T", 0.0, T_limit, "spin glass", o);
    p.T = f.found && f.kind == "fold" ? f.value : nan;
    p.bracket = f.bracket;
    p.status = f.found && f.kind == "fold" ? "ok" : f.status;
    return p;
  });
  d.lines.push_back(sg);

  PhaseLine zero{"paramagnet_zero_entropy",
                 "T_0(alpha) = sqrt(xi(1) / (2 ln 2)), xi(1) = alpha/P!: the RS paramagnet entropy "
                 "ln 2 - xi(1)/(2T^2) vanishes; below it the RS paramagnet is unphysical (closed form)",
                 "closed form", "closed form", "alpha", "T"};
  trace_line(zero, alphas, [&](double alpha) {
    LinePoint p;
    p.alpha = alpha;
    p.T = std::sqrt(alpha / factorial(P) / (2.0 * std::log(2.0)));
    p.bracket = 0.0;
    return p;
  });
  d.lines.push_back(zero);

  PhaseLine at{"retrieval_replicon",
               "de Almeida-Thouless line of the RS retrieval branch: replicon 1 - beta^2 xi''(q) E sech^4(beta g) "
               "changes sign; RS retrieval is unstable below it",
               "RS", "replicon", "alpha", "T"};
  trace_line(at, alphas, [&](double alpha) {
    LinePoint p;
    p.alpha = alpha;
    if (alpha == 0.0) {
      p.status = "alpha = 0: no noise, replica symmetry is exact";
      return p;
    }
    const double T0 = 1e-4 * r.T_max;
    return at_root(p, &LinePoint::T,
                   branch_property_root(model, Control{{"alpha", alpha}, {"T", T0}}, "T", T0, T_limit, "retrieval",
                                        [](const BranchSolution& s) { return s.values.replicon; }, o));
  });
  d.lines.push_back(at);

  const DenseCapacity cap = dense_zero_temperature_capacity(P);
  d.anchors.push_back({"alpha_c_rs_T0", "RS T = 0 capacity: fold of m = erf(m^(P-1)/sqrt(2 alpha (P-1)!))",
                       cap.alpha_rs, std::isfinite(cap.alpha_rs) ? "ok" : cap.status});
  d.anchors.push_back({"m_rs_T0", "m at the RS T = 0 capacity", cap.m_rs, std::isfinite(cap.m_rs) ? "ok" : cap.status});
  const double e_rs = -std::sqrt(2.0 / std::acos(-1.0) / factorial(P - 1));  // -E|g| with g = z sqrt(xi'(1)), alpha = 1
  d.anchors.push_back({"glass_energy_rs_T0", "RS spin-glass ground-state energy per sqrt(alpha): -sqrt(2 xi'(1)/pi) at alpha = 1",
                       e_rs, "ok"});
  {
    const RootResult c0 = coexistence_point(model, origin, "alpha", 1e-6 * cap.alpha_rs, cap.alpha_rs * (1 - 1e-7),
                                            "retrieval", {"spin glass"}, o);
    d.anchors.push_back({"alpha_coexistence_rs_T0", "RS, T = 0: largest alpha at which retrieval is the ground state "
                         "(f_retrieval = f_spin glass, both RS)", c0.value, c0.found ? "ok" : c0.status});
  }
  if (!r.rsb) return;

  // ---- 1RSB ----
  d.anchors.push_back({"alpha_c_1rsb_T0", "1RSB T = 0 capacity: fold of the (m, q0, mu) equations (docs/rsb.md)",
                       cap.alpha_1rsb, std::isfinite(cap.alpha_1rsb) ? "ok" : cap.status});
  d.anchors.push_back({"m_1rsb_T0", "m at the 1RSB T = 0 capacity", cap.m_1rsb, std::isfinite(cap.m_1rsb) ? "ok" : cap.status});
  d.anchors.push_back({"q0_1rsb_T0", "q0 at the 1RSB T = 0 capacity", cap.q0_1rsb, std::isfinite(cap.q0_1rsb) ? "ok" : cap.status});
  d.anchors.push_back({"mu_1rsb_T0", "mu = lim beta theta at the 1RSB T = 0 capacity", cap.mu_1rsb,
                       std::isfinite(cap.mu_1rsb) ? "ok" : cap.status});
  const double e_1rsb = rsb_zero_temperature_glass_energy(P);
  d.anchors.push_back({"glass_energy_1rsb_T0", "1RSB spin-glass ground-state energy per sqrt(alpha) (mu optimised)", e_1rsb, "ok"});

  // Static glass transition: exact scaling T_s(alpha) = kappa sqrt(alpha) (docs/rsb.md), kappa at alpha = 1.
  const double w = std::sqrt(1.0 / factorial(P));
  std::string kappa_status;
  const double kappa = rsb_glass_transition_temperature(P, 1.0, 0.6 * w, 1.5 * w, rule, r.tolerance, &kappa_status);
  d.anchors.push_back({"kappa_1rsb", "T_s / sqrt(alpha): static 1RSB glass transition (theta* = 1), toms748 at alpha = 1",
                       kappa, std::isfinite(kappa) ? "ok" : kappa_status});
  PhaseLine ts{"spin_glass_transition_1rsb",
               "T_s(alpha) = kappa sqrt(alpha): the 1RSB glass (q0 = 0 < q1, theta* < 1) takes over from the "
               "paramagnet (continuous in f); kappa from toms748 on df/dtheta at theta = 1",
               "1RSB", "scaling", "alpha", "T"};
  trace_line(ts, alphas, [&](double alpha) {
    LinePoint p;
    p.alpha = alpha;
    p.T = kappa * std::sqrt(alpha);
    p.status = std::isfinite(kappa) ? "ok" : kappa_status;
    return p;
  });
  d.lines.push_back(ts);
  if (!std::isfinite(kappa)) return;

  // Retrieval vs the 1RSB glass (paramagnet above T_s). T = 0: both at 1RSB (DenseRSBZeroTemperatureModel).
  const DenseRSBZeroTemperatureModel zero_model(P);
  RootResult c0{false, nan, nan, "not computed"};
  {
    const BranchSolution seed = rsb_zero_temperature_retrieval(zero_model, 0.97 * cap.alpha_rs);
    c0.status = "no 1RSB retrieval seed: " + seed.status;
    if (seed.converged && seed.branch == "retrieval") {
      auto tracker = std::make_shared<BranchTracker>(zero_model, "alpha", seed, true, rsb_zero_temperature_solver_options());
      const auto phi = [&](double alpha) {
        const BranchSolution s = tracker->at(alpha);
        return s.converged ? s.values.free_energy - std::sqrt(alpha) * e_1rsb : nan;
      };
      // From the seed downwards: retrieval loses to the glass above the root.
      c0 = first_root(phi, 0.97 * cap.alpha_rs, 0.5 * cap.alpha_rs, o.scan_points, o.tolerance);
    }
    d.anchors.push_back({"alpha_coexistence_1rsb_T0",
                         "1RSB, T = 0: largest alpha at which retrieval is the ground state (1RSB retrieval "
                         "energy = 1RSB glass energy)", c0.value, c0.found ? "ok" : c0.status});
  }
  const GlassFreeEnergy glass(P, kappa, rule);
  PhaseLine c1{"retrieval_coexistence_1rsb",
               "first-order line: RS retrieval free energy equals the glass one (1RSB glass below T_s, "
               "paramagnet above); RS retrieval is used at T > 0 (replicon-stable above retrieval_replicon), "
               "the T = 0 point is the 1RSB-vs-1RSB alpha_coexistence_1rsb_T0",
               "1RSB", "coexistence", "T", "alpha"};
  const auto rsb_temps = grid(r.T_min, std::min(r.T_max, 1.2 * kappa * std::sqrt(r.alpha_max)), std::max(r.rsb_points, 2));
  trace_line(c1, rsb_temps, [&](double T) {
    LinePoint p;
    p.T = T;
    if (T == 0.0) return at_root(p, &LinePoint::alpha, c0);
    const FoldResult f = retrieval_fold(model, T, alpha_limit, o);
    if (!f.found || f.kind != "fold") {
      p.status = "no retrieval spinodal at this T";
      return p;
    }
    const double lo = 1e-3 * f.value, hi = f.value * (1.0 - 1e-7);
    const auto f_ret = branch_free_energy(model, Control{{"alpha", lo}, {"T", T}}, "alpha", lo, hi, "retrieval", o);
    return at_root(p, &LinePoint::alpha,
                   first_root([&](double alpha) { return f_ret(alpha) - glass(alpha, T); }, lo, hi, o.scan_points,
                              o.tolerance));
  });
  d.lines.push_back(c1);
}

}  // namespace hebbmc::analysis::detail
