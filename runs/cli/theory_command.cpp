#include <cmath>
#include <cstdio>
#include <filesystem>
#include <map>
#include <optional>
#include <sstream>

#include "analysis/theory/point_theory.hpp"
#include "runs/cli/commands.hpp"
#include "runs/input/input_error.hpp"
#include "runs/io/output.hpp"
#include "runs/io/output_lock.hpp"
#include "runs/io/summary_table.hpp"

namespace hebbmc::runs {

namespace {

/// The values of a point that select and parametrise its RS equations.
analysis::TheoryQuery theory_query(const PointParameters& p) {
  analysis::TheoryQuery q;
  q.model = p.type == ModelType::storage      ? analysis::TheoryModel::storage
            : p.type == ModelType::supervised ? analysis::TheoryModel::supervised
                                              : analysis::TheoryModel::unsupervised;
  q.P = p.P;
  q.K = p.K;
  q.alpha = p.alpha;
  q.alpha_given = p.K_from_alpha;
  q.d = p.d;
  q.self_interaction = p.self_interaction;
  q.M = p.M;
  q.r = p.r;
  q.plefka = p.evaluation == Evaluation::plefka;
  q.zero_temperature = p.rule == Rule::zero_temperature;
  q.synchronous = p.rule == Rule::parallel;
  q.T = p.T;
  q.beta = p.beta;
  return q;
}

void write_point_theory(h5::File& file, const PointParameters& p) {
  h5::Group g = require_point_group(file, p).require_group("theory");
  const analysis::TheoryQuery query = theory_query(p);
  const std::string why = analysis::theory_unsupported_reason(query);
  g.attr("description", "replica-symmetric values at this point, retrieval branch (start m = 1, q = 1); docs/theory.md");
  g.attr("alpha_used", analysis::theory_alpha(query));
  g.attr("alpha_note", "alpha when the parameter file gives alpha (high storage); 0 when it gives K (low storage)");
  const bool learning = p.type != ModelType::storage;
  if (!why.empty()) {
    g.attr("status", "unsupported: " + why);
    for (const char* n : {"m", "q", "energy", "free_energy"}) g.write(n, std::vector<double>{NAN}, {});
    if (learning) g.write("nbar", std::vector<double>{NAN}, {});
    return;
  }
  if (p.d > 0) {  // multitasking: sorted amplitudes of the equilibrium state
    const auto v = analysis::solve_point_multitask(query);
    g.attr("equation", v.equation);
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
  const auto s = analysis::solve_point_theory(query);
  if (learning) {
    g.attr("setting", analysis::theory_learning_setting(query) == analysis::LearningSetting::supervised ? "supervised (physics.md 5(c))"
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
    const analysis::TheoryQuery query = theory_query(p);
    const bool supported = analysis::theory_unsupported_reason(query).empty();
    analysis::PointTheory s;
    if (supported && p.d > 0) {  // diluted: the leading amplitude of the equilibrium state, as theory/m
      const auto v = analysis::solve_point_multitask(query);
      s.converged = v.found;
      s.m = v.found ? v.amplitudes.front() : NAN;
    } else if (supported) {
      s = analysis::solve_point_theory(query);
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
  lock_output(path);  // a run may be writing the same file
  std::optional<h5::File> file;
  try {
    if (std::filesystem::exists(path)) {
      file.emplace(h5::File::open(path, true));
      require_hebbmc_file(*file);
      if (const auto problem = other_part(*file, spec)) throw InputError(path, 0, "", *problem);  // theory of a merged file
      add_writer(*file, "theory");
    } else {
      file.emplace(create_hebbmc_file(path, run_provenance(spec), "theory"));
    }
  } catch (const h5::H5Error& e) {
    if (e.machine_fault()) throw;  // a full disk: exit 1, not bad input
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
