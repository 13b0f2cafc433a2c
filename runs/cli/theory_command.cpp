#include <cmath>
#include <cstdio>
#include <filesystem>
#include <map>
#include <optional>
#include <sstream>

#include "analysis/rs/rs_learning.hpp"
#include "analysis/rs/rs_storage.hpp"
#include "analysis/numerics/gauss_hermite.hpp"
#include "analysis/multitask/multitask_rs.hpp"
#include "runs/cli/commands.hpp"
#include "runs/input/input_error.hpp"
#include "runs/io/output.hpp"
#include "runs/io/summary_table.hpp"

namespace hebbmc::runs {

namespace {

/// Why the RS theory of this issue does not describe a point (empty if it does).
std::string unsupported_reason(const PointParameters& p) {
  if (p.d > 0) {  // multitasking RS (docs/multitasking.md): low storage, storage model, T > 0, exact site sum
    if (p.type != ModelType::storage)
      return "the multitasking RS of diluted learning models is the large-M form (docs/multitasking.md MT4); "
             "use `hebbmc multitask` with rho";
    if (p.K_from_alpha) return "RS theory for diluted patterns is derived in low storage (K given), not for alpha";
    if (p.K > 12) return "the multitasking RS sums 3^K site configurations exactly only up to K = 12";
    if (p.rule == Rule::zero_temperature) return "the multitasking RS needs T > 0 (T = 0 law: (1-d) d^(k-1))";
  }
  if (p.self_interaction) return "the RS theory of physics.md section 5 describes the distinct-index Hamiltonian, not self_interaction = true";
  if (p.type != ModelType::storage) {
    if (!(p.r > 0)) return "the RS theory of learning (docs/learning.md L13) needs r > 0";
    if (p.K_from_alpha && p.P == 2)
      return "high-storage RS theory of learning is derived for P >= 4 only (docs/learning.md L13-L17)";
  }
  return "";
}

/// Load used by the theory: alpha when given (high storage), 0 when K is given (low storage, K finite).
double theory_alpha(const PointParameters& p) { return p.K_from_alpha ? p.alpha : 0.0; }

/// The RS values a point is compared with: m, q, energy for every model, nbar for the learning
/// models, free energy for storage (NaN where not defined).
struct TheoryValues {
  double m = NAN, q = NAN, energy = NAN, free_energy = NAN, nbar = NAN;
  bool converged = false;
  int iterations = 0;
  double residual = NAN;
  std::string equation, status, branch;
};

/// Setting of the learning RS equations for a point: supervised; unsupervised exact (5(d), noise
/// factor gamma of L16); the Plefka mode is, to the order it keeps, the supervised Hamiltonian
/// (docs/learning.md, "Relation to the supervised model"), so it gets 5(c) (identical at alpha = 0).
analysis::LearningSetting learning_setting(const PointParameters& p) {
  return p.type == ModelType::unsupervised && p.evaluation == Evaluation::exact ? analysis::LearningSetting::unsupervised
                                                                               : analysis::LearningSetting::supervised;
}

/// Multitasking RS of a diluted storage point (docs/multitasking.md MT3, MT6, MT7): the equilibrium
/// state, i.e. the lowest free energy among the stable branches; amplitudes sorted descending.
struct MultitaskValues {
  bool found = false;
  std::vector<double> amplitudes;  // sorted descending, K values
  double f = NAN, hessian_min = NAN;
  std::string branch, status;
};

MultitaskValues solve_multitask(const PointParameters& p) {
  static const analysis::GaussHermite rule;
  const analysis::MultitaskRS model({.P = p.P, .K = static_cast<int>(p.K)}, rule);
  const auto points = analysis::multitask_branches(model, p.d, p.T);
  MultitaskValues v;
  const analysis::MultitaskPoint* state = analysis::multitask_state(points);
  if (!state) {
    v.status = "no converged stable branch at this (d, T)";
    return v;
  }
  v.found = true;
  v.amplitudes.assign(state->m.data(), state->m.data() + state->m.size());
  v.f = state->f;
  v.hessian_min = state->hessian_min;
  v.branch = state->branch;
  v.status = "converged";
  return v;
}

TheoryValues solve(const PointParameters& p) {
  const double beta = p.rule == Rule::zero_temperature ? INFINITY : p.beta;
  TheoryValues t;
  if (p.type == ModelType::storage) {
    const auto s = analysis::solve_rs_storage(p.P, theory_alpha(p), beta, 1.0, 1.0);
    t = {s.m, s.q, s.energy, s.free_energy, NAN, s.converged, s.iterations, s.residual, s.equation, s.status, s.branch};
    return t;
  }
  // Exact finite-M law of the teacher average (eq. L14), retrieval branch (nbar0 = q0 = 1).
  const analysis::LearningPoint lp{.P = p.P, .alpha = theory_alpha(p), .beta = beta, .r = p.r, .M = static_cast<int>(p.M),
                                   .setting = learning_setting(p), .law = analysis::TeacherLaw::binomial};
  const auto s = analysis::solve_rs_learning(lp, 1.0, 1.0);
  t = {s.m, s.q, s.energy, NAN, s.nbar, s.converged, s.iterations, s.residual, s.equation, s.status,
       analysis::rs_branch(s.m, s.q, 1e-6)};
  return t;
}

void write_point_theory(h5::File& file, const PointParameters& p) {
  h5::Group g = require_point_group(file, p).require_group("theory");
  const std::string why = unsupported_reason(p);
  g.attr("description", "replica-symmetric values at this point, retrieval branch (start m = 1, q = 1); docs/theory.md");
  g.attr("alpha_used", theory_alpha(p));
  g.attr("alpha_note", "alpha when the parameter file gives alpha (high storage); 0 when it gives K (low storage)");
  const bool learning = p.type != ModelType::storage;
  if (!why.empty()) {
    g.attr("status", "unsupported: " + why);
    for (const char* n : {"m", "q", "energy", "free_energy"}) g.write(n, std::vector<double>{NAN}, {});
    if (learning) g.write("nbar", std::vector<double>{NAN}, {});
    return;
  }
  if (p.d > 0) {  // multitasking: sorted amplitudes of the equilibrium state
    const auto v = solve_multitask(p);
    g.attr("equation", "physics.md 5(e); docs/multitasking.md MT3 (state: lowest f among stable branches, MT6, MT7)");
    g.attr("status", v.status);
    g.attr("branch", v.branch);
    g.attr("converged", static_cast<std::int64_t>(v.found));
    g.attr("hessian_min", v.hessian_min);
    std::vector<double> a(static_cast<std::size_t>(p.record_patterns), NAN);
    for (std::size_t k = 0; k < a.size() && k < v.amplitudes.size(); ++k) a[k] = v.amplitudes[k];
    g.write("amplitudes", a, {a.size()});
    g.write("m", std::vector<double>{a[0]}, {});  // the leading amplitude; compare with summary/amplitudes
    for (const char* n : {"q", "energy"}) g.write(n, std::vector<double>{NAN}, {});
    g.write("free_energy", std::vector<double>{v.found ? v.f : NAN}, {});
    return;
  }
  const auto s = solve(p);
  if (learning) {
    g.attr("setting", learning_setting(p) == analysis::LearningSetting::supervised ? "supervised (physics.md 5(c))"
                                                                                   : "unsupervised (physics.md 5(d))");
    g.attr("teacher_law", "binomial: exact finite-M law of yhat (docs/learning.md L14)");
    g.attr("free_energy_note", "not computed for the learning models (NaN); energy is the internal energy u of eq. L17");
  }
  g.attr("equation", s.equation);
  g.attr("status", s.status);
  g.attr("branch", s.branch);
  g.attr("converged", static_cast<std::int64_t>(s.converged));
  g.attr("iterations", static_cast<std::int64_t>(s.iterations));
  g.attr("residual", s.residual);
  // A failed solve is reported, never silently returned as a number.
  const double ok = s.converged ? 1.0 : NAN;
  g.write("m", std::vector<double>{s.m * ok}, {});
  g.write("q", std::vector<double>{s.q * ok}, {});
  g.write("energy", std::vector<double>{s.energy * ok}, {});
  g.write("free_energy", std::vector<double>{s.free_energy * ok}, {});
  if (learning) g.write("nbar", std::vector<double>{s.nbar * ok}, {});
}

// Label of a point by its values of the swept keys other than the first.
std::string curve_label(const RunSpec& spec, const PointParameters& p) {
  std::string label;
  for (std::size_t k = 1; k < spec.swept_keys.size(); ++k) {
    for (const auto& [name, value] : describe(p))
      if (name == spec.swept_keys[k])
        label += (label.empty() ? "" : ", ") + name + "=" +
                 std::visit([](const auto& v) {
                   std::ostringstream o;
                   o << v;
                   return o.str();
                 }, value);
  }
  return label;
}

void write_theory_curves(h5::File& file, const RunSpec& spec) {
  if (spec.swept_keys.empty()) return;
  RunSpec fine;
  try {
    fine = refine_first_axis(spec, spec.curve_points);
  } catch (const InputError& e) {
    std::fprintf(stderr, "hebbmc theory: no smooth curve (%s)\n", e.what());
    return;
  }
  std::map<std::string, std::size_t> index;
  std::vector<std::string> labels;
  std::vector<std::vector<double>> xs, ms, qs, cs, ns;
  bool learning = false;
  for (const auto& p : fine.points) {
    const std::string label = curve_label(spec, p);
    if (!index.count(label)) {
      index[label] = labels.size();
      labels.push_back(label);
      xs.emplace_back(); ms.emplace_back(); qs.emplace_back(); cs.emplace_back(); ns.emplace_back();
    }
    const std::size_t c = index[label];
    const bool supported = unsupported_reason(p).empty();
    TheoryValues s;
    if (supported && p.d > 0) {  // diluted: the leading amplitude of the equilibrium state, as theory/m
      const auto v = solve_multitask(p);
      s.converged = v.found;
      s.m = v.found ? v.amplitudes.front() : NAN;
    } else if (supported) {
      s = solve(p);
    }
    learning = learning || p.type != ModelType::storage;
    ns[c].push_back(s.converged ? s.nbar : NAN);
    xs[c].push_back(numeric_value(p, spec.swept_keys[0]).value_or(NAN));
    ms[c].push_back(s.converged ? s.m : NAN);
    qs[c].push_back(s.converged ? s.q : NAN);
    cs[c].push_back(s.converged ? 1.0 : 0.0);
  }
  auto flat = [](const std::vector<std::vector<double>>& v) {
    std::vector<double> out;
    for (const auto& row : v) out.insert(out.end(), row.begin(), row.end());
    return out;
  };
  const hsize_t n_curves = labels.size(), n_fine = xs.front().size();
  h5::Group g = file.root().require_group("theory_curve");
  g.attr("x", spec.swept_keys[0]);
  g.attr("description", "RS retrieval branch on a fine grid of the first swept axis; one row per combination of the other swept keys");
  g.write("x", xs.front(), {n_fine});
  g.write("m", flat(ms), {n_curves, n_fine});
  g.write("q", flat(qs), {n_curves, n_fine});
  std::vector<std::int64_t> conv;
  for (double c : flat(cs)) conv.push_back(static_cast<std::int64_t>(c));
  g.write("converged", conv, {n_curves, n_fine});
  if (learning) g.write("nbar", flat(ns), {n_curves, n_fine});  // NaN on storage points
  g.write("label", labels);
}

}  // namespace

int theory_command(const RunSpec& spec, const CommandOptions& options) {
  const std::string path = output_path(spec, options);
  std::optional<h5::File> file;
  try {
    if (std::filesystem::exists(path)) {
      file.emplace(h5::File::open(path, true));
      require_hebbmc_file(*file);
      add_writer(*file, "theory");
    } else {
      file.emplace(h5::File::create(path));
      write_root_attributes(*file, spec, "theory");
    }
  } catch (const h5::H5Error& e) {
    throw InputError(path, 0, "", e.what());
  }
  int failures = 0;
  for (const auto& p : spec.points) {
    write_point_theory(*file, p);
    const auto t = file->root().open_group("points").open_group(point_name(p.index)).open_group("theory");
    failures += t.attr_string("status") != "converged" && t.attr_string("status").rfind("unsupported", 0) != 0;
  }
  write_theory_curves(*file, spec);
  write_summary_table(*file, spec);
  if (!options.quiet)
    std::fprintf(stderr, "hebbmc theory: %zu points written to %s (%d did not converge)\n", spec.points.size(),
                 path.c_str(), failures);
  return 0;
}

}  // namespace hebbmc::runs
