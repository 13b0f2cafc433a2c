// The HDF5 file of `hebbmc multitask` (runs/io/multitask_output.hpp).
#include "runs/io/multitask_output.hpp"

#include <cmath>
#include <cstdint>

#include "runs/io/hdf5_file.hpp"
#include "runs/io/provenance.hpp"

namespace hebbmc::runs {

namespace {

constexpr const char* kT = "energy units of H per neuron (k_B = 1)";
constexpr const char* kF = "energy units of H per neuron";

// The equilibrium state on the (T, d) grid.
void write_grid(h5::Group& k, const analysis::MultitaskDiagram& g) {
  const hsize_t K = static_cast<hsize_t>(g.K), nd = g.d.size(), nT = g.T.size();
  const std::vector<std::int64_t> region(g.region.begin(), g.region.end()),
      retrieved(g.retrieved.begin(), g.retrieved.end());
  h5::Group grid = k.create_group("grid");
  grid.attr("description", "equilibrium state (lowest f among the stable branches) on the (T, d) grid");
  grid.write("d", g.d, {nd}).describe("dilution of each grid column", "dimensionless (probability of a blank entry)");
  grid.write("T", g.T, {nT}).describe("temperature of each grid row", kT);
  grid.write("region", region, {nT, nd})
      .describe("region code of the equilibrium state [T, d]: -1 none found, 0 paramagnetic, 1 hierarchical, "
                "2 parallel, 3 mixed (docs/multitasking.md MT9)", "none");
  grid.write("region_names", std::vector<std::string>{"paramagnetic", "hierarchical", "parallel", "mixed"})
      .describe("label of region code i at index i (code -1: none)", "none");
  grid.write("retrieved", retrieved, {nT, nd})
      .describe("number of amplitudes > 1e-6 of the equilibrium state [T, d]", "count");
  grid.write("m", g.m, {nT, nd, K})
      .describe("Mattis amplitudes of the equilibrium state [T, d, k], sorted descending", "dimensionless");
  grid.write("f", g.f, {nT, nd}).describe("free energy per neuron of the equilibrium state [T, d] (MT6)", kF);
  grid.write("hessian_min", g.hessian_min, {nT, nd})
      .describe("smallest eigenvalue of the stability Hessian (MT7) of the equilibrium state [T, d]", "dimensionless");
}

// The located points of the lines between equilibrium states, one row each.
void write_boundaries(h5::Group& k, const std::vector<analysis::MultitaskBoundary>& points) {
  h5::Group b = k.create_group("boundaries");
  b.attr("description", "points of the lines between equilibrium states, each located by bisection along `axis`");
  std::vector<std::string> axis, from, to, kind;
  std::vector<double> d, T, bracket;
  std::vector<std::int64_t> nfrom, nto;
  for (const auto& p : points) {
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
  const hsize_t nb = points.size();
  b.write("axis", axis).describe("axis of the bisection: T (at fixed d) or d (at fixed T)", "none");
  b.write("d", d, {nb}).describe("dilution of the point", "dimensionless");
  b.write("T", T, {nb}).describe("temperature of the point", kT);
  b.write("bracket", bracket, {nb}).describe("width of the final bisection bracket on the axis", "units of the axis");
  b.write("from", from).describe("region of the grid point below the point along the axis", "none");
  b.write("to", to).describe("region of the grid point above the point along the axis (\"none\": no stable solution "
                             "found there)", "none");
  b.write("retrieved_from", nfrom, {nb}).describe("retrieved patterns at the grid point below", "count");
  b.write("retrieved_to", nto, {nb}).describe("retrieved patterns at the grid point above", "count");
  b.write("kind", kind).describe("\"pattern lost\" (the weakest amplitude vanishes) or \"region\"", "none");
}

// The branch of the T = 0 hierarchical start along d, against the hierarchical law.
void write_amplitudes(h5::Group& k, const analysis::MultitaskDiagram& g) {
  h5::Group a = k.create_group("amplitudes");
  a.attr("description", "branch selected by the T = 0 hierarchical start (MT5), solved at each d at T = T_min");
  a.attr("T", g.amplitudes.empty() ? 0.0 : g.amplitudes.front().T);
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
  const hsize_t na = g.amplitudes.size(), K = static_cast<hsize_t>(g.K);
  a.write("d", ad, {na}).describe("dilution", "dimensionless");
  a.write("m", am, {na, K})
      .describe("Mattis amplitudes of the branch [d, k], sorted descending (NaN: branch lost)", "dimensionless");
  a.write("law", law, {na, K}).describe("T = 0 hierarchical law (1-d) d^(k-1) [d, k] (MT5)", "dimensionless");
  a.write("f", af, {na}).describe("free energy per neuron (MT6)", kF);
  a.write("hessian_min", ah, {na}).describe("smallest eigenvalue of the stability Hessian (MT7)", "dimensionless");
  a.write("stable", stable, {na}).describe("1 if hessian_min > 0", "none");
  a.write("branch", branch).describe("structure label of the point (MT9)", "none");
  a.write("status", status).describe("\"converged...\" or why the point is NaN", "none");
}

// The group /multitask/K<K> of one diagram.
void write_diagram(h5::Group& parent, const analysis::MultitaskDiagram& g) {
  // Appends only: GCC 12 warns falsely (-Wrestrict, bug 105329) on `"literal" + string`.
  h5::Group k = parent.create_group(std::string("K").append(std::to_string(g.K)));
  k.attr("description", std::string("phase diagram for K = ").append(std::to_string(g.K)).append(" diluted archetypes"));
  k.attr("K", static_cast<double>(g.K));
  k.attr("model", g.model);
  write_grid(k, g);
  write_boundaries(k, g.boundaries);
  write_amplitudes(k, g);
}

}  // namespace

void write_multitask_diagrams(const std::string& path, const MultitaskSpec& spec,
                              const std::vector<analysis::MultitaskDiagram>& diagrams) {
  h5::File file = create_output_file(
      path,
      {.kind = "multitask phase diagram",
       .parameter_file = spec.text,
       .parameter_file_name = spec.file,
       .layout = "see docs/multitasking.md, 'Output': /multitask/K<K>/{grid,boundaries,amplitudes}"},
      "multitask", "multitask output file");
  const auto& r = spec.request;
  h5::Group mt = file.root().create_group("multitask");
  mt.attr("description", "multitasking (diluted archetypes, low storage, RS) phase diagrams in the (d, T) plane");
  mt.attr("equations", "physics.md 5(e); docs/multitasking.md MT1-MT9");
  mt.attr("P", static_cast<double>(r.P));
  mt.attr("rho", r.rho);
  mt.attr("d_min", r.d_min);
  mt.attr("d_max", r.d_max);
  mt.attr("T_min", r.T_min);
  mt.attr("T_max", r.T_max);
  mt.attr("points", static_cast<double>(r.points));
  mt.attr("tolerance", r.tolerance);
  mt.attr("seed", static_cast<double>(r.seed));
  for (const auto& g : diagrams) write_diagram(mt, g);
}

}  // namespace hebbmc::runs
