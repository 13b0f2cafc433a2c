// (d, T) phase diagram of multitasking (docs/multitasking.md, "Phase diagram").
#include "analysis/multitask/multitask_phase.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <stdexcept>

namespace hebbmc::analysis {

namespace {

constexpr std::array<const char*, 4> kRegions{"paramagnetic", "hierarchical", "parallel", "mixed"};

// The equilibrium state at one (d, T): region code, retrieved count and the point (if any).
struct State {
  int region = -1;
  int retrieved = -1;
  MultitaskPoint point;
  bool operator==(const State& o) const { return region == o.region && retrieved == o.retrieved; }
};

State equilibrium(const MultitaskRS& model, double d, double T) {
  const std::vector<MultitaskPoint> branches = multitask_branches(model, d, T);
  State s;
  if (const MultitaskPoint* best = multitask_state(branches)) {
    s.region = multitask_region_code(best->branch);
    s.retrieved = best->retrieved;
    s.point = *best;
  }
  return s;
}

std::vector<double> linspace(double a, double b, int n) {
  std::vector<double> v(static_cast<std::size_t>(n));
  for (int i = 0; i < n; ++i) v[static_cast<std::size_t>(i)] = a + (b - a) * i / (n - 1);
  return v;
}

// Bisection of the change from state `a` (at lo) to state `b` (the grid neighbour at hi) along one
// axis: the bracket [lo, hi] shrinks, keeping state a at lo and any other state at hi, until
// hi - lo <= tolerance. The labels are those of the two grid points: within ~1e-8 of a continuous
// transition the new state's smallest Hessian eigenvalue is itself ~1e-8 and may come out of
// either sign, so the state found at the final hi is not a reliable label.
MultitaskBoundary bisect(const MultitaskRS& model, const std::string& axis, double fixed, double lo, double hi,
                         const State& a, const State& b, double tolerance) {
  const auto at = [&](double v) { return axis == "T" ? equilibrium(model, fixed, v) : equilibrium(model, v, fixed); };
  for (int it = 0; it < 200 && hi - lo > tolerance; ++it) {
    const double mid = 0.5 * (lo + hi);
    (at(mid) == a ? lo : hi) = mid;
  }
  MultitaskBoundary out;
  out.axis = axis;
  const double v = 0.5 * (lo + hi);
  out.d = axis == "T" ? fixed : v;
  out.T = axis == "T" ? v : fixed;
  out.bracket = hi - lo;
  out.from = multitask_region_name(a.region);
  out.to = multitask_region_name(b.region);
  out.retrieved_from = a.retrieved;
  out.retrieved_to = b.retrieved;
  out.kind = a.retrieved != b.retrieved ? "pattern lost" : "region";
  return out;
}

}  // namespace

int multitask_region_code(const std::string& label) {
  for (std::size_t i = 0; i < kRegions.size(); ++i)
    if (label == kRegions[i]) return static_cast<int>(i);
  return -1;
}

std::string multitask_region_name(int code) {
  return code >= 0 && code < static_cast<int>(kRegions.size()) ? kRegions[static_cast<std::size_t>(code)] : "none";
}

MultitaskDiagram multitask_phase_diagram(const MultitaskPhaseRequest& r, int K, const GaussHermite& rule) {
  if (!(r.points >= 2 && r.d_min >= 0 && r.d_min < r.d_max && r.d_max < 1 && r.T_min > 0 && r.T_min < r.T_max &&
        r.tolerance > 0))
    throw std::invalid_argument("multitask_phase_diagram: bad window");
  MultitaskSettings settings;
  settings.P = r.P;
  settings.K = K;
  settings.rho = r.rho;
  settings.seed = r.seed;
  const MultitaskRS model(settings, rule);
  MultitaskDiagram out;
  out.K = K;
  out.model = model.name();
  out.d = linspace(r.d_min, r.d_max, r.points);
  out.T = linspace(r.T_min, r.T_max, r.points);
  const int n = r.points;
  const auto cells = static_cast<std::size_t>(n) * static_cast<std::size_t>(n);
  std::vector<State> grid(cells);
#pragma omp parallel for schedule(dynamic)
  for (std::int64_t i = 0; i < static_cast<std::int64_t>(cells); ++i)
    grid[static_cast<std::size_t>(i)] = equilibrium(model, out.d[static_cast<std::size_t>(i % n)],
                                                    out.T[static_cast<std::size_t>(i / n)]);
  out.region.resize(cells);
  out.retrieved.resize(cells);
  out.f.resize(cells);
  out.hessian_min.resize(cells);
  out.m.assign(cells * static_cast<std::size_t>(K), Stability::nan);
  for (std::size_t i = 0; i < cells; ++i) {
    const State& s = grid[i];
    out.region[i] = s.region;
    out.retrieved[i] = s.retrieved;
    out.f[i] = s.region >= 0 ? s.point.f : Stability::nan;
    out.hessian_min[i] = s.region >= 0 ? s.point.hessian_min : Stability::nan;
    if (s.region >= 0)
      for (int k = 0; k < K; ++k) out.m[i * static_cast<std::size_t>(K) + static_cast<std::size_t>(k)] = s.point.m(k);
  }

  // Every pair of neighbours with different states, along T (fixed d) and along d (fixed T).
  struct Task {
    std::string axis;
    double fixed, lo, hi;
    std::size_t from, to;
  };
  std::vector<Task> tasks;
  const auto idx = [n](int iT, int id) { return static_cast<std::size_t>(iT) * static_cast<std::size_t>(n) + static_cast<std::size_t>(id); };
  for (int id = 0; id < n; ++id)
    for (int iT = 0; iT + 1 < n; ++iT)
      if (!(grid[idx(iT, id)] == grid[idx(iT + 1, id)]) && grid[idx(iT, id)].region >= 0)
        tasks.push_back({"T", out.d[static_cast<std::size_t>(id)], out.T[static_cast<std::size_t>(iT)],
                         out.T[static_cast<std::size_t>(iT + 1)], idx(iT, id), idx(iT + 1, id)});
  for (int iT = 0; iT < n; ++iT)
    for (int id = 0; id + 1 < n; ++id)
      if (!(grid[idx(iT, id)] == grid[idx(iT, id + 1)]) && grid[idx(iT, id)].region >= 0)
        tasks.push_back({"d", out.T[static_cast<std::size_t>(iT)], out.d[static_cast<std::size_t>(id)],
                         out.d[static_cast<std::size_t>(id + 1)], idx(iT, id), idx(iT, id + 1)});
  out.boundaries.resize(tasks.size());
#pragma omp parallel for schedule(dynamic)
  for (std::int64_t i = 0; i < static_cast<std::int64_t>(tasks.size()); ++i) {
    const Task& t = tasks[static_cast<std::size_t>(i)];
    out.boundaries[static_cast<std::size_t>(i)] = bisect(model, t.axis, t.fixed, t.lo, t.hi, grid[t.from], grid[t.to], r.tolerance);
  }

  // The branch that the T = 0 hierarchical start selects at T_min, solved afresh at each d of a
  // grid 4x finer: a pitchfork where a weak pattern appears would stop a continuation in d there.
  const std::vector<double> fine = linspace(r.d_min, r.d_max, 4 * (n - 1) + 1);
  out.amplitudes.resize(fine.size());
#pragma omp parallel for schedule(dynamic)
  for (std::int64_t i = 0; i < static_cast<std::int64_t>(fine.size()); ++i) {
    const double d = fine[static_cast<std::size_t>(i)];
    const Control c{{"d", d}, {"T", r.T_min}};
    out.amplitudes[static_cast<std::size_t>(i)] =
        multitask_point(model, solve_branch(model, c, model_start(model, c, "hierarchical"), "hierarchical"));
  }
  return out;
}

}  // namespace hebbmc::analysis
