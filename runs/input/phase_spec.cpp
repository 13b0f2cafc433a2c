// Parsing of the [phase] table (docs/theory.md, "hebbmc phase" and "Phase diagrams of the learning models").
#include "runs/input/phase_spec.hpp"

#include <toml++/toml.h>

#include <cmath>
#include <set>
#include <sstream>
#include <vector>

#include "runs/input/input_error.hpp"

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

int line_of(const toml::node& node) { return static_cast<int>(node.source().begin.line); }

// A float (or integer) value; NaN and infinities refused.
double number(const toml::node& node, const std::string& file, const std::string& key) {
  std::optional<double> v = node.value<double>();
  if (!v || !std::isfinite(*v)) throw InputError(file, line_of(node), key, "expected a finite number");
  return *v;
}

// [lo, hi] with 0 <= lo < hi.
std::pair<double, double> range(const toml::node& node, const std::string& file, const std::string& key) {
  const toml::array* a = node.as_array();
  if (!a || a->size() != 2)
    throw InputError(file, line_of(node), key, "expected a range [min, max], e.g. " + key + " = [0.0, 0.16]");
  const double lo = number((*a)[0], file, key), hi = number((*a)[1], file, key);
  if (!(lo >= 0.0 && hi > lo)) throw InputError(file, line_of(node), key, "expected 0 <= min < max");
  return {lo, hi};
}

// An integer in [lo, hi].
int integer(const toml::node& node, const std::string& file, const std::string& key, int lo, int hi) {
  std::optional<std::int64_t> v = node.is_integer() ? node.value<std::int64_t>() : std::nullopt;
  if (!v || *v < lo || *v > hi)
    throw InputError(file, line_of(node), key,
                     "expected an integer in [" + std::to_string(lo) + ", " + std::to_string(hi) + "]");
  return static_cast<int>(*v);
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

// The learning keys of [phase] into `r` (keys already checked to be learning keys).
void read_learning_key(analysis::LearningPhaseRequest& r, const std::string& k, const toml::node& node,
                       const std::string& file) {
  if (k == "plane") {
    const std::optional<std::string> v = node.value<std::string>();
    if (!v || (*v != "rho_T" && *v != "alpha_rho" && *v != "both"))
      throw InputError(file, line_of(node), k, "expected \"rho_T\", \"alpha_rho\" or \"both\"");
    r.rho_T = *v != "alpha_rho";
    r.alpha_rho = *v != "rho_T";
  }
  if (k == "rho") std::tie(r.rho_min, r.rho_max) = range(node, file, k);
  if (k == "alpha") std::tie(r.alpha_min, r.alpha_max) = range(node, file, k);
  if (k == "T") std::tie(r.T_min, r.T_max) = range(node, file, k);
  if (k == "T_fixed") {
    r.T_fixed = number(node, file, k);
    if (r.T_fixed < 0) throw InputError(file, line_of(node), k, "expected a temperature >= 0");
  }
  if (k == "points") r.points = integer(node, file, k, 2, 10001);
  if (k == "tolerance") {
    r.tolerance = number(node, file, k);
    if (!(r.tolerance > 0 && r.tolerance <= 1e-3)) throw InputError(file, line_of(node), k, "expected 0 < tolerance <= 1e-3");
  }
}

}  // namespace

PhaseSpec parse_phase_spec(std::string_view text, const std::string& file_label) {
  PhaseSpec spec;
  const auto [rest, phase] = split_phase_table(text);
  spec.phase_text = phase;
  spec.run = parse_run_spec(rest, file_label);  // validates everything outside [phase]
  toml::table root;
  try {
    root = toml::parse(text, file_label);
  } catch (const toml::parse_error& e) {
    throw InputError(file_label, static_cast<int>(e.source().begin.line), "", std::string("TOML syntax error: ") + e.what());
  }
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
  for (auto&& [key, node] : *table) {
    const std::string k(key.str());
    if (!known.count(k))
      throw InputError(file_label, static_cast<int>(key.source().begin.line), k, wrong_family(k, spec.learning));
    if (k == "output") {
      const std::optional<std::string> out = node.value<std::string>();
      if (!out || out->empty()) throw InputError(file_label, line_of(node), k, "expected a non-empty file name");
      spec.output = *out;
      continue;
    }
    if (spec.learning) {
      read_learning_key(spec.learning_request, k, node, file_label);
      continue;
    }
    if (k == "alpha") std::tie(spec.request.alpha_min, spec.request.alpha_max) = range(node, file_label, k);
    if (k == "T") std::tie(spec.request.T_min, spec.request.T_max) = range(node, file_label, k);
    if (k == "points") spec.request.points = integer(node, file_label, k, 2, 10001);
    if (k == "rsb_points") spec.request.rsb_points = integer(node, file_label, k, 2, 1001);
    if (k == "tolerance") {
      spec.request.tolerance = number(node, file_label, k);
      if (!(spec.request.tolerance > 0 && spec.request.tolerance <= 1e-3))
        throw InputError(file_label, line_of(node), k, "expected 0 < tolerance <= 1e-3");
    }
    if (k == "rsb") {
      if (!node.is_boolean()) throw InputError(file_label, line_of(node), k, "expected true or false");
      spec.request.rsb = *node.value<bool>();
      if (spec.request.rsb && P == 2)
        throw InputError(file_label, line_of(node), k, "the 1RSB lines exist for dense storage (P >= 4) only");
    }
  }
  return spec;
}

PhaseSpec load_phase_spec(const std::filesystem::path& file) {
  const std::string text = read_input_file(file, "parameter file", 1u << 20, "not a parameter file");
  return parse_phase_spec(text, file.string());
}

}  // namespace hebbmc::runs
