// Parsing of the [phase] table (docs/theory.md, "hebbmc phase" and "Phase diagrams of the learning models").
#include "runs/input/phase_spec.hpp"

#include <cmath>
#include <set>
#include <sstream>
#include <tuple>
#include <vector>

#include "runs/input/point_reader.hpp"
#include "runs/input/toml_reader.hpp"

namespace hebbmc::runs {

namespace {

// True if `line` is a TOML table header ("[name]" or "[[name]]", blanks and comment allowed).
bool is_header(const std::string& line) {
  const auto first = line.find_first_not_of(" \t");
  return first != std::string::npos && line[first] == '[';
}

// True if `line` is the header [phase].
bool is_phase_header(const std::string& line) {
  std::string compact;
  for (char ch : line) {
    if (ch == '#') break;
    if (ch != ' ' && ch != '\t' && ch != '\r') compact += ch;
  }
  return compact == "[phase]";
}

// The text with the [phase] table's lines emptied (same line count), and that table's text.
std::pair<std::string, std::string> split_phase_table(std::string_view text) {
  std::istringstream in{std::string(text)};
  std::string line, rest, phase;
  bool inside = false;
  while (std::getline(in, line)) {
    if (is_header(line)) inside = is_phase_header(line);
    if (inside) phase += line + "\n";
    rest += (inside ? std::string() : line) + "\n";
  }
  return {rest, phase};
}

// Line of a model key, in [model] or [sweep] (0 if written in neither).
int model_key_line(const toml::table& root, const char* key) {
  for (const char* table : {"model", "sweep"})
    if (const toml::table* t = root[table].as_table())
      if (const toml::node* n = t->get(key)) return line_of(*n);
  return 0;
}

// One model with one P (and one M for learning), d = 0, distinct indices, at every point.
const PointParameters& single_model(const RunSpec& run, const toml::table& root, const std::string& file) {
  const PointParameters& first = run.points.front();
  for (const auto& p : run.points) {
    if (p.P != first.P)
      throw InputError(file, model_key_line(root, "P"), "P", "a phase diagram is drawn for one P; P is swept here");
    if (p.type != first.type)
      throw InputError(file, model_key_line(root, "type"), "type", "a phase diagram is drawn for one model type");
    if (p.M != first.M)
      throw InputError(file, model_key_line(root, "M"), "M",
                       "a learning phase diagram is drawn at one M (rho is the axis); M is swept here");
    if (p.d > 0)
      throw InputError(file, model_key_line(root, "d"), "d", "phase diagrams are for undiluted patterns (d = 0)");
    if (p.self_interaction)
      throw InputError(file, model_key_line(root, "self_interaction"), "self_interaction",
                       "the replica theory describes the distinct-index Hamiltonian (self_interaction = false)");
  }
  if (first.type != ModelType::storage && first.P < 4)
    throw InputError(file, model_key_line(root, "P"), "P",
                     "learning phase diagrams need P >= 4 (alpha > 0 is derived for P >= 4 only, docs/learning.md)");
  return first;
}

// Keys of [phase] per model family.
const std::set<std::string> storage_keys{"alpha", "T", "points", "rsb_points", "tolerance", "rsb", "output"};
const std::set<std::string> learning_keys{"plane", "rho", "alpha", "T", "T_fixed", "points", "tolerance", "output"};

// The learning-only and storage-only keys, for a message that says why a key is refused.
std::string wrong_family(const std::string& key, bool learning) {
  if (learning && storage_keys.count(key))
    return "not a key of a learning phase diagram (1RSB lines exist for type = \"storage\" only); expected plane, rho, "
           "alpha, T, T_fixed, points, tolerance or output";
  if (!learning && learning_keys.count(key))
    return "only for type = \"supervised\" or \"unsupervised\"; expected alpha, T, points, rsb_points, tolerance, "
           "rsb or output";
  return learning ? "unknown key in [phase]; expected plane, rho, alpha, T, T_fixed, points, tolerance or output"
                  : "unknown key in [phase]; expected alpha, T, points, rsb_points, tolerance, rsb or output";
}

// A window [min, max] of a non-negative axis (alpha, rho, T).
std::pair<double, double> window(const TableReader& in, std::string_view key) {
  const auto [lo, hi] = in.range(key);
  if (!(lo >= 0.0)) in.fail(key, "expected 0 <= min < max, got min = " + format_value(lo));
  return {lo, hi};
}

// The tolerance of the line tracer (docs/theory.md, "hebbmc phase").
double tolerance(const TableReader& in) {
  const double t = in.number("tolerance");
  if (!(t > 0 && t <= 1e-3)) in.fail("tolerance", "expected 0 < tolerance <= 1e-3, got " + format_value(t));
  return t;
}

// The learning keys of [phase] into `r` (docs/theory.md, "Phase diagrams of the learning models").
void read_learning_keys(const TableReader& in, analysis::LearningPhaseRequest& r) {
  if (in.has("plane")) {
    enum class Plane { rho_T, alpha_rho, both };
    const Plane plane = in.choice<Plane>("plane", {{"rho_T", Plane::rho_T}, {"alpha_rho", Plane::alpha_rho}, {"both", Plane::both}});
    r.rho_T = plane != Plane::alpha_rho;
    r.alpha_rho = plane != Plane::rho_T;
  }
  if (in.has("rho")) std::tie(r.rho_min, r.rho_max) = window(in, "rho");
  if (in.has("alpha")) std::tie(r.alpha_min, r.alpha_max) = window(in, "alpha");
  if (in.has("T")) std::tie(r.T_min, r.T_max) = window(in, "T");
  if (in.has("T_fixed")) {
    r.T_fixed = in.number("T_fixed");
    if (r.T_fixed < 0) in.fail("T_fixed", "expected a temperature >= 0, got " + format_value(r.T_fixed));
  }
  if (in.has("points")) r.points = static_cast<int>(in.integer("points", 2, 10001));
  if (in.has("tolerance")) r.tolerance = tolerance(in);
}

// The storage keys of [phase] into `r` (docs/theory.md, "hebbmc phase").
void read_storage_keys(const TableReader& in, analysis::PhaseRequest& r, int P) {
  if (in.has("alpha")) std::tie(r.alpha_min, r.alpha_max) = window(in, "alpha");
  if (in.has("T")) std::tie(r.T_min, r.T_max) = window(in, "T");
  if (in.has("points")) r.points = static_cast<int>(in.integer("points", 2, 10001));
  if (in.has("rsb_points")) r.rsb_points = static_cast<int>(in.integer("rsb_points", 2, 1001));
  if (in.has("tolerance")) r.tolerance = tolerance(in);
  if (in.has("rsb")) {
    r.rsb = in.boolean("rsb");
    if (r.rsb && P == 2) in.fail("rsb", "the 1RSB lines exist for dense storage (P >= 4) only");
  }
}

}  // namespace

PhaseSpec parse_phase_spec(std::string_view text, const std::string& file_label) {
  PhaseSpec spec;
  const toml::table root = parse_toml(text, file_label);
  const auto [rest, phase] = split_phase_table(text);
  spec.phase_text = phase;
  spec.run = model_run_spec(root, rest, file_label);  // validates everything outside [phase]
  const PointParameters& model = single_model(spec.run, root, file_label);
  const int P = model.P;
  spec.learning = model.type != ModelType::storage;
  if (spec.learning)
    spec.learning_request = analysis::default_learning_phase_request(
        P, static_cast<int>(model.M),
        model.type == ModelType::supervised ? analysis::LearningSetting::supervised
                                            : analysis::LearningSetting::unsupervised);
  else
    spec.request = analysis::default_phase_request(P);
  spec.output = std::filesystem::path(file_label).stem().string() + "_phase.h5";
  const toml::table* table = root["phase"].as_table();
  if (!table) return spec;
  const std::set<std::string>& known = spec.learning ? learning_keys : storage_keys;
  for (auto&& [key, node] : *table)
    if (!known.count(std::string(key.str())))
      throw InputError(file_label, static_cast<int>(key.source().begin.line), printable(key.str()),
                       wrong_family(std::string(key.str()), spec.learning));
  const TableReader in(table, "phase", file_label);
  if (in.has("output")) spec.output = in.string("output");
  if (spec.learning)
    read_learning_keys(in, spec.learning_request);
  else
    read_storage_keys(in, spec.request, P);
  return spec;
}

PhaseSpec load_phase_spec(const std::filesystem::path& file) {
  const std::string text = read_input_file(file, "parameter file", 1u << 20, "not a parameter file");
  return parse_phase_spec(text, file.string());
}

}  // namespace hebbmc::runs
