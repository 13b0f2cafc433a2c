// `hebbmc multitask FILE`: the (d, T) phase diagrams of multitasking into an HDF5 file (layout in
// docs/multitasking.md, "Output"). Datasets are written with the HDF5 C API through h5::Handle
// (runs/io/hdf5_file.hpp), because each carries its own description and units attributes, as in
// `hebbmc phase` (runs/cli/phase_command.cpp).
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <optional>
#include <string>
#include <type_traits>
#include <vector>

#include <omp.h>

#include "analysis/multitask/multitask_phase.hpp"
#include "runs/cli/commands.hpp"
#include "runs/io/h5_describe.hpp"
#include "runs/io/hdf5_file.hpp"
#include "runs/io/provenance.hpp"
#include "runs/input/input_error.hpp"
#include "runs/input/multitask_spec.hpp"

namespace hebbmc::runs {

namespace {

using h5::Handle;

using namespace h5d;  // ok, group, attr, dataset, strings (runs/io/h5_describe.hpp)

constexpr const char* kT = "energy units of H per neuron (k_B = 1)";
constexpr const char* kF = "energy units of H per neuron";

void write_diagram(hid_t parent, const analysis::MultitaskDiagram& g) {
  // Appends only: GCC 12 warns falsely (-Wrestrict, bug 105329) on `"literal" + string`.
  Handle k = group(parent, std::string("K").append(std::to_string(g.K)));
  attr(k.id(), "description", std::string("phase diagram for K = ").append(std::to_string(g.K)).append(" diluted archetypes"));
  attr(k.id(), "K", static_cast<double>(g.K));
  attr(k.id(), "model", g.model);
  const hsize_t K = static_cast<hsize_t>(g.K), nd = g.d.size(), nT = g.T.size();
  std::vector<std::int64_t> region(g.region.begin(), g.region.end()), retrieved(g.retrieved.begin(), g.retrieved.end());

  Handle grid = group(k.id(), "grid");
  attr(grid.id(), "description", "equilibrium state (lowest f among the stable branches) on the (T, d) grid");
  dataset(grid.id(), "d", g.d, {nd}, "dilution of each grid column", "dimensionless (probability of a blank entry)");
  dataset(grid.id(), "T", g.T, {nT}, "temperature of each grid row", kT);
  dataset(grid.id(), "region", region, {nT, nd},
          "region code of the equilibrium state [T, d]: -1 none found, 0 paramagnetic, 1 hierarchical, 2 parallel, "
          "3 mixed (docs/multitasking.md MT9)", "none");
  strings(grid.id(), "region_names", {"paramagnetic", "hierarchical", "parallel", "mixed"},
          "label of region code i at index i (code -1: none)");
  dataset(grid.id(), "retrieved", retrieved, {nT, nd}, "number of amplitudes > 1e-6 of the equilibrium state [T, d]",
          "count");
  dataset(grid.id(), "m", g.m, {nT, nd, K}, "Mattis amplitudes of the equilibrium state [T, d, k], sorted descending",
          "dimensionless");
  dataset(grid.id(), "f", g.f, {nT, nd}, "free energy per neuron of the equilibrium state [T, d] (MT6)", kF);
  dataset(grid.id(), "hessian_min", g.hessian_min, {nT, nd},
          "smallest eigenvalue of the stability Hessian (MT7) of the equilibrium state [T, d]", "dimensionless");

  Handle b = group(k.id(), "boundaries");
  attr(b.id(), "description", "points of the lines between equilibrium states, each located by bisection along `axis`");
  std::vector<std::string> axis, from, to, kind;
  std::vector<double> d, T, bracket;
  std::vector<std::int64_t> nfrom, nto;
  for (const auto& p : g.boundaries) {
    axis.push_back(p.axis);
    from.push_back(p.from);
    to.push_back(p.to);
    kind.push_back(p.kind);
    d.push_back(p.d);
    T.push_back(p.T);
    bracket.push_back(p.bracket);
    nfrom.push_back(p.retrieved_from);
    nto.push_back(p.retrieved_to);
  }
  const hsize_t nb = g.boundaries.size();
  strings(b.id(), "axis", axis, "axis of the bisection: T (at fixed d) or d (at fixed T)");
  dataset(b.id(), "d", d, {nb}, "dilution of the point", "dimensionless");
  dataset(b.id(), "T", T, {nb}, "temperature of the point", kT);
  dataset(b.id(), "bracket", bracket, {nb}, "width of the final bisection bracket on the axis", "units of the axis");
  strings(b.id(), "from", from, "region of the grid point below the point along the axis");
  strings(b.id(), "to", to, "region of the grid point above the point along the axis (\"none\": no stable solution found there)");
  dataset(b.id(), "retrieved_from", nfrom, {nb}, "retrieved patterns at the grid point below", "count");
  dataset(b.id(), "retrieved_to", nto, {nb}, "retrieved patterns at the grid point above", "count");
  strings(b.id(), "kind", kind, "\"pattern lost\" (the weakest amplitude vanishes) or \"region\"");

  Handle a = group(k.id(), "amplitudes");
  attr(a.id(), "description", "branch selected by the T = 0 hierarchical start (MT5), solved at each d at T = T_min");
  const double T0 = g.amplitudes.empty() ? 0.0 : g.amplitudes.front().T;
  attr(a.id(), "T", T0);
  std::vector<double> ad, am, law, af, ah;
  std::vector<std::int64_t> stable;
  std::vector<std::string> status, branch;
  for (const auto& p : g.amplitudes) {
    ad.push_back(p.d);
    for (int i = 0; i < g.K; ++i) {
      am.push_back(p.m(i));
      law.push_back((1.0 - p.d) * std::pow(p.d, i));
    }
    af.push_back(p.f);
    ah.push_back(p.hessian_min);
    stable.push_back(p.stable ? 1 : 0);
    status.push_back(p.status);
    branch.push_back(p.branch);
  }
  const hsize_t na = g.amplitudes.size();
  dataset(a.id(), "d", ad, {na}, "dilution", "dimensionless");
  dataset(a.id(), "m", am, {na, K}, "Mattis amplitudes of the branch [d, k], sorted descending (NaN: branch lost)",
          "dimensionless");
  dataset(a.id(), "law", law, {na, K}, "T = 0 hierarchical law (1-d) d^(k-1) [d, k] (MT5)", "dimensionless");
  dataset(a.id(), "f", af, {na}, "free energy per neuron (MT6)", kF);
  dataset(a.id(), "hessian_min", ah, {na}, "smallest eigenvalue of the stability Hessian (MT7)", "dimensionless");
  dataset(a.id(), "stable", stable, {na}, "1 if hessian_min > 0", "none");
  strings(a.id(), "branch", branch, "structure label of the point (MT9)");
  strings(a.id(), "status", status, "\"converged...\" or why the point is NaN");
}

}  // namespace

int multitask_command(const std::string& parameter_file, const CommandOptions& options) {
  const MultitaskSpec spec = load_multitask_spec(parameter_file);
  const std::string path = options.output.empty() ? spec.output : options.output;
  if (std::filesystem::exists(path) && !options.force)
    throw InputError(path, 0, "", "output file exists; pass --force to overwrite it");
  if (options.threads > 0) omp_set_num_threads(options.threads);
  const auto start = std::chrono::steady_clock::now();
  const analysis::GaussHermite rule;
  std::vector<analysis::MultitaskDiagram> diagrams;
  for (int K : spec.request.K) diagrams.push_back(analysis::multitask_phase_diagram(spec.request, K, rule));

  std::optional<h5::File> file;
  try {
    file.emplace(create_hebbmc_file(path,
                                    {.kind = "multitask phase diagram",
                                     .parameter_file = spec.text,
                                     .parameter_file_name = spec.file,
                                     .layout = "see docs/multitasking.md, 'Output': /multitask/K<K>/{grid,boundaries,amplitudes}"},
                                    "multitask"));
  } catch (const h5::H5Error& e) {
    throw InputError(path, 0, "", std::string("cannot create the multitask output file: ") + e.what());
  }
  const h5::Group root = file->root();
  const auto& r = spec.request;
  Handle mt = group(root.id(), "multitask");
  attr(mt.id(), "description", "multitasking (diluted archetypes, low storage, RS) phase diagrams in the (d, T) plane");
  attr(mt.id(), "equations", "physics.md 5(e); docs/multitasking.md MT1-MT9");
  attr(mt.id(), "P", static_cast<double>(r.P));
  attr(mt.id(), "rho", r.rho);
  attr(mt.id(), "d_min", r.d_min);
  attr(mt.id(), "d_max", r.d_max);
  attr(mt.id(), "T_min", r.T_min);
  attr(mt.id(), "T_max", r.T_max);
  attr(mt.id(), "points", static_cast<double>(r.points));
  attr(mt.id(), "tolerance", r.tolerance);
  attr(mt.id(), "seed", static_cast<double>(r.seed));
  for (const auto& g : diagrams) write_diagram(mt.id(), g);

  if (!options.quiet) {
    std::fprintf(stderr, "hebbmc multitask: P = %d, d in [%g, %g], T in [%g, %g], %d x %d points -> %s (%.1f s)\n", r.P,
                 r.d_min, r.d_max, r.T_min, r.T_max, r.points, r.points, path.c_str(),
                 std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
    for (const auto& g : diagrams) std::fprintf(stderr, "  K = %d: %zu boundary points\n", g.K, g.boundaries.size());
  }
  return 0;
}

}  // namespace hebbmc::runs
