// `hebbmc phase FILE`: the phase diagram of the storage model, or the transition lines of a learning
// model, into an HDF5 file (layout in docs/theory.md, "hebbmc phase" and "Phase diagrams of the
// learning models"). Written with the HDF5 C API through h5::Handle, because every
// dataset carries its own description and units attributes.
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include <omp.h>

#include "analysis/phase/phase_diagram.hpp"
#include "analysis/phase/phase_learning.hpp"
#include "runs/cli/commands.hpp"
#include "runs/io/h5_describe.hpp"
#include "runs/io/hdf5_file.hpp"
#include "runs/io/provenance.hpp"
#include "runs/input/input_error.hpp"
#include "runs/input/phase_spec.hpp"

namespace hebbmc::runs {

namespace {

using h5::Handle;

using namespace h5d;  // ok, group, attr, dataset, strings (runs/io/h5_describe.hpp)

constexpr const char* kAlphaUnits = "dimensionless (load K / N^(P-1))";
constexpr const char* kTUnits = "energy units of H per neuron (k_B = 1)";

// Creates the file with the root attributes shared by both kinds of diagram.
h5::File create_file(const std::string& path, const PhaseSpec& spec, const std::string& layout) {
  try {
    return create_hebbmc_file(path,
                              {.kind = "phase diagram",
                               .parameter_file = spec.run.text + (spec.phase_text.empty() ? "" : "\n# [phase] table:\n" + spec.phase_text),
                               .parameter_file_name = spec.run.file,
                               .layout = layout},
                              "phase");
  } catch (const h5::H5Error& e) {
    throw InputError(path, 0, "", std::string("cannot create the phase-diagram file: ") + e.what());
  }
}

// The datasets every line has: alpha, T, m, bracket, status (description and units on each).
void write_line_points(hid_t g, const analysis::PhaseLine& l) {
  dataset_1d(g, "alpha", l.alpha, "load of each point of the line", kAlphaUnits);
  dataset_1d(g, "T", l.T, "temperature of each point of the line", kTUnits);
  dataset_1d(g, "m", l.m, "Mattis magnetization of the retrieval branch at the point (NaN if not applicable)",
          "dimensionless");
  dataset_1d(g, "bracket", l.bracket, "width of the final toms748 bracket on the root axis",
          "units of the root axis (" + l.root_axis + ")");
  strings(g, "status", l.status, "\"ok\" or why the point is NaN");
}

// One scalar dataset per anchor, with description, units and status.
void write_anchors(hid_t phase, const std::vector<analysis::PhaseAnchor>& list) {
  Handle anchors = group(phase, "anchors");
  attr(anchors.id(), "description", "single numbers of the diagram (end points of lines, capacities); one scalar dataset each");
  for (const auto& a : list) {
    const bool temperature = a.name.rfind("T_", 0) == 0 || a.name == "kappa_1rsb";
    const bool load = a.name.rfind("alpha", 0) == 0;
    const bool energy = a.name.rfind("glass_energy", 0) == 0;
    const std::string units = temperature ? (a.name == "kappa_1rsb" ? "temperature / sqrt(alpha)" : kTUnits)
                              : load     ? kAlphaUnits
                              : energy   ? "energy units of H per neuron, divided by sqrt(alpha)"
                                         : "dimensionless";
    dataset_1d(anchors.id(), a.name, {a.value}, a.description, units, true);
    Handle ds(ok(H5Dopen2(anchors.id(), a.name.c_str(), H5P_DEFAULT), "open " + a.name), H5Dclose);
    attr(ds.id(), "status", a.status);
  }
}

void write_learning_diagram(const std::string& path, const PhaseSpec& spec, const analysis::LearningPhaseDiagram& d) {
  h5::File file = create_file(path, spec, "see docs/theory.md, 'Phase diagrams of the learning models': "
                                        "/phase/lines/<name>/{rho,r,gamma,alpha,T,m,bracket,status}, /phase/anchors/<name>");
  const auto& r = d.request;
  const bool sup = r.setting == analysis::LearningSetting::supervised;
  Handle phase = group(file.id(), "phase");
  attr(phase.id(), "description", "transition lines of the " + std::string(sup ? "supervised" : "unsupervised") +
                                      " learning model: (rho, T) plane at alpha = 0 and (alpha, rho) plane at T = T_fixed, "
                                      "RS, Gaussian data law (physics.md 5(c), 5(d); docs/learning.md L13-L17; docs/theory.md)");
  attr(phase.id(), "model", d.model);
  attr(phase.id(), "model_type", sup ? "supervised" : "unsupervised");
  attr(phase.id(), "P", static_cast<double>(r.P));
  attr(phase.id(), "M", static_cast<double>(r.M));
  attr(phase.id(), "planes", std::string(r.rho_T ? "rho_T" : "") + (r.rho_T && r.alpha_rho ? "," : "") +
                                 (r.alpha_rho ? "alpha_rho" : ""));
  attr(phase.id(), "rho_min", r.rho_min);
  attr(phase.id(), "rho_max", r.rho_max);
  attr(phase.id(), "T_min", r.T_min);
  attr(phase.id(), "T_max", r.T_max);
  attr(phase.id(), "alpha_min", r.alpha_min);
  attr(phase.id(), "alpha_max", r.alpha_max);
  attr(phase.id(), "T_fixed", r.T_fixed);
  attr(phase.id(), "points", static_cast<double>(r.points));
  attr(phase.id(), "tolerance", r.tolerance);
  attr(phase.id(), "tolerance_note", "toms748 stops when the bracket on the root axis is below this; achieved brackets "
                                     "are in each line's `bracket` dataset");
  attr(phase.id(), "data_law", "Gaussian, t/r = 1 + sqrt(rho) lambda (physics.md 5(c), large M)");
  Handle lines = group(phase.id(), "lines");
  attr(lines.id(), "description", "one group per transition line, on a grid of rho; points are NaN (with a status) where "
                                  "the line does not exist");
  for (const auto& ll : d.lines) {
    const auto& l = ll.line;
    Handle g = group(lines.id(), l.name);
    attr(g.id(), "description", l.description);
    attr(g.id(), "plane", ll.plane);
    attr(g.id(), "level", l.level);
    attr(g.id(), "method", l.method);
    attr(g.id(), "grid_axis", l.grid_axis);
    attr(g.id(), "root_axis", l.root_axis);
    dataset_1d(g.id(), "rho", ll.rho, "dataset entropy (1 - r^2)/(M r^2) of each point (the grid)", "dimensionless");
    dataset_1d(g.id(), "r", ll.r, "example quality at this rho and the file's M: r = (1 + M rho)^(-1/2)", "dimensionless");
    dataset_1d(g.id(), "gamma", ll.gamma, "noise factor of the non-condensed archetypes, docs/learning.md eq. L16 "
                                       "(1 for supervised)", "dimensionless");
    write_line_points(g.id(), l);
  }
  write_anchors(phase.id(), d.anchors);
}

void write_diagram(const std::string& path, const PhaseSpec& spec, const analysis::PhaseDiagram& d) {
  h5::File file = create_file(path, spec, "see docs/theory.md, 'hebbmc phase': /phase/lines/<name>/{alpha,T,m,bracket,status}, /phase/anchors/<name>");
  Handle root(ok(H5Gopen2(file.id(), "/", H5P_DEFAULT), "open /"), H5Gclose);

  const auto& r = d.request;
  Handle phase = group(root.id(), "phase");
  attr(phase.id(), "description", "phase diagram of the storage model in the (alpha, T) plane (docs/theory.md, docs/rsb.md)");
  attr(phase.id(), "model", d.model);
  attr(phase.id(), "P", static_cast<double>(r.P));
  attr(phase.id(), "alpha_min", r.alpha_min);
  attr(phase.id(), "alpha_max", r.alpha_max);
  attr(phase.id(), "T_min", r.T_min);
  attr(phase.id(), "T_max", r.T_max);
  attr(phase.id(), "points", static_cast<double>(r.points));
  attr(phase.id(), "rsb_points", static_cast<double>(r.rsb_points));
  attr(phase.id(), "tolerance", r.tolerance);
  attr(phase.id(), "tolerance_note", "toms748 stops when the bracket on the root axis is below this; achieved brackets "
                                     "are in each line's `bracket` dataset");
  attr(phase.id(), "rsb", static_cast<double>(r.rsb));

  Handle lines = group(phase.id(), "lines");
  attr(lines.id(), "description", "one group per transition line; points are NaN (with a status) where the line does not exist");
  for (const auto& l : d.lines) {
    Handle g = group(lines.id(), l.name);
    attr(g.id(), "description", l.description);
    attr(g.id(), "level", l.level);
    attr(g.id(), "method", l.method);
    attr(g.id(), "grid_axis", l.grid_axis);
    attr(g.id(), "root_axis", l.root_axis);
    write_line_points(g.id(), l);
  }
  write_anchors(phase.id(), d.anchors);
}

}  // namespace

int phase_command(const std::string& parameter_file, const CommandOptions& options) {
  const PhaseSpec spec = load_phase_spec(parameter_file);
  const std::string path = options.output.empty() ? spec.output : options.output;
  if (std::filesystem::exists(path) && !options.force)
    throw InputError(path, 0, "", "output file exists; pass --force to overwrite it");
  if (options.threads > 0) omp_set_num_threads(options.threads);
  const auto start = std::chrono::steady_clock::now();
  if (spec.learning) {
    const auto& r = spec.learning_request;
    const analysis::LearningPhaseDiagram d = analysis::learning_phase_diagram(r);
    write_learning_diagram(path, spec, d);
    if (!options.quiet) {
      std::fprintf(stderr, "hebbmc phase: %s, rho in [%g, %g]: %zu lines written to %s (%.1f s)\n", d.model.c_str(),
                   r.rho_min, r.rho_max, d.lines.size(), path.c_str(),
                   std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
      for (const auto& a : d.anchors)
        std::fprintf(stderr, "  %-26s %.10g%s\n", a.name.c_str(), a.value, a.status == "ok" ? "" : ("  (" + a.status + ")").c_str());
    }
    return 0;
  }
  const analysis::PhaseDiagram d = analysis::storage_phase_diagram(spec.request);
  write_diagram(path, spec, d);
  if (!options.quiet) {
    std::fprintf(stderr, "hebbmc phase: %s, alpha in [%g, %g], T in [%g, %g]: %zu lines written to %s (%.1f s)\n",
                 d.model.c_str(), spec.request.alpha_min, spec.request.alpha_max, spec.request.T_min,
                 spec.request.T_max, d.lines.size(), path.c_str(),
                 std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
    for (const auto& a : d.anchors)
      std::fprintf(stderr, "  %-26s %.10g%s\n", a.name.c_str(), a.value, a.status == "ok" ? "" : ("  (" + a.status + ")").c_str());
  }
  return 0;
}

}  // namespace hebbmc::runs
