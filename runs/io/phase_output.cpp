// The HDF5 file of `hebbmc phase` (runs/io/phase_output.hpp).
#include "runs/io/phase_output.hpp"

#include <vector>

#include "runs/io/hdf5_file.hpp"
#include "runs/io/provenance.hpp"

namespace hebbmc::runs {

namespace {

constexpr const char* kAlphaUnits = "dimensionless (load K / N^(P-1))";
constexpr const char* kTUnits = "energy units of H per neuron (k_B = 1)";

// Creates the file with the root attributes shared by both kinds of diagram.
h5::File create_file(const std::string& path, const PhaseSpec& spec, const std::string& layout) {
  return create_output_file(path,
                            {.kind = "phase diagram",
                             .parameter_file = spec.run.text + (spec.phase_text.empty() ? "" : "\n# [phase] table:\n" + spec.phase_text),
                             .parameter_file_name = spec.run.file,
                             .layout = layout},
                            "phase", "phase-diagram file");
}

// The attributes that say how a line was found.
void write_line_method(h5::Group& g, const analysis::PhaseLine& l) {
  g.attr("level", l.level);
  g.attr("method", l.method);
  g.attr("grid_axis", l.grid_axis);
  g.attr("root_axis", l.root_axis);
}

// The datasets every line has: alpha, T, m, bracket, status (description and units on each).
void write_line_points(h5::Group& g, const analysis::PhaseLine& l) {
  g.write("alpha", l.alpha, {l.alpha.size()}).describe("load of each point of the line", kAlphaUnits);
  g.write("T", l.T, {l.T.size()}).describe("temperature of each point of the line", kTUnits);
  g.write("m", l.m, {l.m.size()}).describe("Mattis magnetization of the retrieval branch at the point (NaN if not applicable)",
                                            "dimensionless");
  g.write("bracket", l.bracket, {l.bracket.size()}).describe("width of the final toms748 bracket on the root axis",
                                                             "units of the root axis (" + l.root_axis + ")");
  g.write("status", l.status).describe("\"ok\" or why the point is NaN", "none");
}

// Units of an anchor, from its name.
std::string anchor_units(const std::string& name) {
  if (name == "kappa_1rsb") return "temperature / sqrt(alpha)";
  if (name.rfind("T_", 0) == 0) return kTUnits;
  if (name.rfind("alpha", 0) == 0) return kAlphaUnits;
  if (name.rfind("glass_energy", 0) == 0) return "energy units of H per neuron, divided by sqrt(alpha)";
  return "dimensionless";
}

// One scalar dataset per anchor, with description, units and status.
void write_anchors(h5::Group& phase, const std::vector<analysis::PhaseAnchor>& list) {
  h5::Group anchors = phase.create_group("anchors");
  anchors.attr("description", "single numbers of the diagram (end points of lines, capacities); one scalar dataset each");
  for (const auto& a : list)
    anchors.write(a.name, std::vector<double>{a.value}, {})
        .describe(a.description, anchor_units(a.name))
        .attr("status", a.status);
}

// The attributes of /phase that say how precisely the lines were located.
void write_tolerance(h5::Group& phase, double tolerance) {
  phase.attr("tolerance", tolerance);
  phase.attr("tolerance_note", "toms748 stops when the bracket on the root axis is below this; achieved brackets "
                               "are in each line's `bracket` dataset");
}

}  // namespace

void write_learning_phase_diagram(const std::string& path, const PhaseSpec& spec,
                                  const analysis::LearningPhaseDiagram& d) {
  h5::File file = create_file(path, spec, "see docs/theory.md, 'Phase diagrams of the learning models': "
                                          "/phase/lines/<name>/{rho,r,gamma,alpha,T,m,bracket,status}, /phase/anchors/<name>");
  const auto& r = d.request;
  const bool sup = r.setting == analysis::LearningSetting::supervised;
  h5::Group phase = file.root().create_group("phase");
  phase.attr("description", "transition lines of the " + std::string(sup ? "supervised" : "unsupervised") +
                                " learning model: (rho, T) plane at alpha = 0 and (alpha, rho) plane at T = T_fixed, "
                                "RS, Gaussian data law (physics.md 5(c), 5(d); docs/learning.md L13-L17; docs/theory.md)");
  phase.attr("model", d.model);
  phase.attr("model_type", sup ? "supervised" : "unsupervised");
  phase.attr("P", static_cast<double>(r.P));
  phase.attr("M", static_cast<double>(r.M));
  phase.attr("planes", std::string(r.rho_T ? "rho_T" : "") + (r.rho_T && r.alpha_rho ? "," : "") +
                           (r.alpha_rho ? "alpha_rho" : ""));
  phase.attr("rho_min", r.rho_min);
  phase.attr("rho_max", r.rho_max);
  phase.attr("T_min", r.T_min);
  phase.attr("T_max", r.T_max);
  phase.attr("alpha_min", r.alpha_min);
  phase.attr("alpha_max", r.alpha_max);
  phase.attr("T_fixed", r.T_fixed);
  phase.attr("points", static_cast<double>(r.points));
  write_tolerance(phase, r.tolerance);
  phase.attr("data_law", "Gaussian, t/r = 1 + sqrt(rho) lambda (physics.md 5(c), large M)");
  h5::Group lines = phase.create_group("lines");
  lines.attr("description", "one group per transition line, on a grid of rho; points are NaN (with a status) where "
                            "the line does not exist");
  for (const auto& ll : d.lines) {
    const auto& l = ll.line;
    h5::Group g = lines.create_group(l.name);
    g.attr("description", l.description);
    g.attr("plane", ll.plane);
    write_line_method(g, l);
    g.write("rho", ll.rho, {ll.rho.size()}).describe("dataset entropy (1 - r^2)/(M r^2) of each point (the grid)", "dimensionless");
    g.write("r", ll.r, {ll.r.size()}).describe("example quality at this rho and the file's M: r = (1 + M rho)^(-1/2)", "dimensionless");
    g.write("gamma", ll.gamma, {ll.gamma.size()})
        .describe("noise factor of the non-condensed archetypes, docs/learning.md eq. L16 (1 for supervised)",
                  "dimensionless");
    write_line_points(g, l);
  }
  write_anchors(phase, d.anchors);
}

void write_phase_diagram(const std::string& path, const PhaseSpec& spec, const analysis::PhaseDiagram& d) {
  h5::File file = create_file(path, spec, "see docs/theory.md, 'hebbmc phase': /phase/lines/<name>/{alpha,T,m,bracket,status}, /phase/anchors/<name>");
  const auto& r = d.request;
  h5::Group phase = file.root().create_group("phase");
  phase.attr("description", "phase diagram of the storage model in the (alpha, T) plane (docs/theory.md, docs/rsb.md)");
  phase.attr("model", d.model);
  phase.attr("P", static_cast<double>(r.P));
  phase.attr("alpha_min", r.alpha_min);
  phase.attr("alpha_max", r.alpha_max);
  phase.attr("T_min", r.T_min);
  phase.attr("T_max", r.T_max);
  phase.attr("points", static_cast<double>(r.points));
  phase.attr("rsb_points", static_cast<double>(r.rsb_points));
  write_tolerance(phase, r.tolerance);
  phase.attr("rsb", static_cast<double>(r.rsb));

  h5::Group lines = phase.create_group("lines");
  lines.attr("description", "one group per transition line; points are NaN (with a status) where the line does not exist");
  for (const auto& l : d.lines) {
    h5::Group g = lines.create_group(l.name);
    g.attr("description", l.description);
    write_line_method(g, l);
    write_line_points(g, l);
  }
  write_anchors(phase, d.anchors);
}

}  // namespace hebbmc::runs
