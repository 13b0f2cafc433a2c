// Parsing of `hebbmc data` files (docs/datasets.md, "The parameter file").
#include "runs/input/data_spec.hpp"

#include <toml++/toml.h>

#include <cmath>
#include <limits>
#include <set>

#include "runs/input/input_error.hpp"

namespace hebbmc::runs {

namespace {

int line_of(const toml::node& node) { return static_cast<int>(node.source().begin.line); }

// Reads one table's keys with their lines; refuses unknown keys and wrong types.
class TableReader {
 public:
  TableReader(const toml::table* t, std::string name, const std::string& file, std::set<std::string> known,
              DataSpec& spec)
      : t_(t), name_(std::move(name)), file_(file), spec_(spec) {
    if (!t_) return;
    for (auto&& [key, node] : *t_) {
      const std::string k(key.str());
      spec_.lines[name_ + "." + k] = line_of(node);
      if (!known.count(k)) {
        std::string list;
        for (const auto& e : known) list += (list.empty() ? "" : ", ") + e;
        throw InputError(file_, static_cast<int>(key.source().begin.line), k,
                         "unknown key in [" + name_ + "]; expected one of " + list);
      }
    }
  }
  bool has(const std::string& key) const { return t_ && t_->get(key); }
  int line(const std::string& key) const { return has(key) ? line_of(*t_->get(key)) : 0; }
  [[noreturn]] void fail(const std::string& key, const std::string& message) const {
    throw InputError(file_, line(key), key, message);
  }
  const toml::node& require(const std::string& key) const {
    if (!has(key)) throw InputError(file_, 0, key, "missing: required in [" + name_ + "]");
    return *t_->get(key);
  }
  std::string string(const std::string& key) const {
    const std::optional<std::string> v = require(key).value_exact<std::string>();
    if (!v) fail(key, "expected a string");
    if (v->empty()) fail(key, "expected a non-empty string");
    return *v;
  }
  std::int64_t integer(const std::string& key, std::int64_t lo, std::int64_t hi) const {
    const toml::node& n = require(key);
    if (!n.is_integer()) fail(key, "expected an integer");
    const std::int64_t v = *n.value<std::int64_t>();
    if (v < lo || v > hi) fail(key, "expected an integer in [" + std::to_string(lo) + ", " + std::to_string(hi) + "], got " + std::to_string(v));
    return v;
  }
  double number(const std::string& key) const {
    const toml::node& n = require(key);
    if (!n.is_integer() && !n.is_floating_point()) fail(key, "expected a number");
    const double v = *n.value<double>();
    if (!std::isfinite(v)) fail(key, "expected a finite number");
    return v;
  }
  // One of `choices`, returned as its index.
  int choice(const std::string& key, const std::vector<std::string>& choices) const {
    const std::string v = string(key);
    for (std::size_t c = 0; c < choices.size(); ++c)
      if (v == choices[c]) return static_cast<int>(c);
    std::string list;
    for (const auto& c : choices) list += (list.empty() ? "\"" : ", \"") + c + "\"";
    fail(key, "expected one of " + list + ", got \"" + v + "\"");
  }

 private:
  const toml::table* t_;
  std::string name_;
  const std::string& file_;
  DataSpec& spec_;
};

void parse_model(const TableReader& in, DataSpec& spec) {
  spec.type = in.choice("type", {"supervised", "unsupervised"}) == 0 ? ModelType::supervised : ModelType::unsupervised;
  if (in.has("evaluation")) {
    spec.evaluation = in.choice("evaluation", {"exact", "plefka"}) == 0 ? Evaluation::exact : Evaluation::plefka;
    if (spec.type == ModelType::supervised && spec.evaluation == Evaluation::plefka)
      in.fail("evaluation", "\"plefka\" applies to type = \"unsupervised\" only (the supervised model is exact)");
  }
  spec.P = static_cast<int>(in.integer("P", 2, 16));
  if (spec.P % 2 != 0) in.fail("P", "expected an even interaction order, got " + std::to_string(spec.P));
}

void parse_dynamics(const TableReader& in, DataSpec& spec) {
  const int rule = in.choice("rule", {"glauber", "metropolis", "zero_temperature"});
  spec.rule = rule == 0 ? Rule::glauber : rule == 1 ? Rule::metropolis : Rule::zero_temperature;
  spec.sweeps = in.integer("sweeps", 1, 1000000);
  const bool T = in.has("T"), beta = in.has("beta");
  if (spec.rule == Rule::zero_temperature) {
    if (T || beta) in.fail(T ? "T" : "beta", "rule = \"zero_temperature\" takes neither T nor beta");
    spec.beta = std::numeric_limits<double>::infinity();
    return;
  }
  if (T && beta) in.fail("beta", "give T or beta, not both");
  if (!T && !beta) throw InputError(spec.file, in.line("rule"), "T", "missing: give T or beta in [dynamics]");
  if (T) {
    const double t = in.number("T");
    if (!(t > 0)) in.fail("T", "expected T > 0 (use rule = \"zero_temperature\" for T = 0)");
    spec.beta = 1.0 / t;
  } else {
    spec.beta = in.number("beta");
    if (!(spec.beta > 0)) in.fail("beta", "expected beta > 0");
  }
}

std::vector<int> parse_classes(const TableReader& in, const toml::node& node) {
  const toml::array* a = node.as_array();
  if (!a || a->empty()) in.fail("classes", "expected a non-empty list of integers, e.g. classes = [1, 8]");
  std::vector<int> classes;
  for (const toml::node& e : *a) {
    if (!e.is_integer()) in.fail("classes", "expected a list of integers");
    const std::int64_t c = *e.value<std::int64_t>();
    if (c < 0 || c > 255) in.fail("classes", "class " + std::to_string(c) + " out of range [0, 255]");
    for (int d : classes)
      if (d == c) in.fail("classes", "class " + std::to_string(c) + " listed twice");
    classes.push_back(static_cast<int>(c));
  }
  if (classes.size() < 2) in.fail("classes", "expected at least 2 classes (classification needs a choice)");
  return classes;
}

void parse_data(const TableReader& in, DataSpec& spec) {
  const int source = in.choice("source", {"fashion-mnist", "idx", "hdf5"});
  spec.source = source == 0 ? DataSourceKind::fashion_mnist : source == 1 ? DataSourceKind::idx : DataSourceKind::hdf5;
  const std::vector<std::string> idx_keys{"train_images", "train_labels", "test_images", "test_labels"};
  if (spec.source != DataSourceKind::idx) {
    for (const auto& k : idx_keys)
      if (in.has(k)) in.fail(k, "only for source = \"idx\"");
    if (in.has("label_count")) in.fail("label_count", "only for source = \"idx\"");
  }
  if (spec.source == DataSourceKind::hdf5)
    for (const char* k : {"threshold"})
      if (in.has(k)) in.fail(k, "only for image sources (the HDF5 examples are already spins)");
  switch (spec.source) {
    case DataSourceKind::fashion_mnist: {
      spec.path = in.has("path") ? in.string("path") : std::string("/usr/share/datasets/fashion-mnist");
      const std::filesystem::path dir(spec.path);
      spec.train_images = (dir / "train-images-idx3-ubyte.gz").string();
      spec.train_labels = (dir / "train-labels-idx1-ubyte.gz").string();
      spec.test_images = (dir / "t10k-images-idx3-ubyte.gz").string();
      spec.test_labels = (dir / "t10k-labels-idx1-ubyte.gz").string();
      break;
    }
    case DataSourceKind::idx:
      if (in.has("path")) in.fail("path", "source = \"idx\" names its four files: train_images, train_labels, test_images, test_labels");
      spec.train_images = in.string("train_images");
      spec.train_labels = in.string("train_labels");
      spec.test_images = in.string("test_images");
      spec.test_labels = in.string("test_labels");
      if (in.has("label_count")) spec.label_count = static_cast<int>(in.integer("label_count", 2, 256));
      break;
    case DataSourceKind::hdf5:
      spec.path = in.string("path");
      spec.label_count = 256;  // class indices are checked against the file's K later
      break;
  }
  spec.classes = parse_classes(in, in.require("classes"));
  for (int c : spec.classes)
    if (spec.source != DataSourceKind::hdf5 && c >= spec.label_count)
      in.fail("classes", "class " + std::to_string(c) + " out of range [0, " + std::to_string(spec.label_count - 1) + "]");
  spec.M = in.integer("M", 1, 1000000);
  spec.test_per_class = in.integer("test_per_class", 1, 1000000);
  if (in.has("threshold")) {
    const toml::node& n = in.require("threshold");
    if (n.is_string()) {
      if (*n.value<std::string>() != "median") in.fail("threshold", "expected \"median\" or an integer grey level in [0, 254]");
      spec.binarisation.per_image_median = true;
    } else {
      spec.binarisation.per_image_median = false;
      spec.binarisation.threshold = static_cast<int>(in.integer("threshold", 0, 254));
    }
  }
  if (in.has("selection")) spec.random_selection = in.choice("selection", {"first", "random"}) == 1;
  if (in.has("seed")) spec.seed = static_cast<std::uint64_t>(in.integer("seed", 0, std::numeric_limits<std::int64_t>::max()));
  spec.output = in.has("output") ? in.string("output") : std::filesystem::path(spec.file).stem().string() + ".h5";
}

}  // namespace

std::string to_string(DataSourceKind kind) {
  switch (kind) {
    case DataSourceKind::fashion_mnist: return "fashion-mnist";
    case DataSourceKind::idx: return "idx";
    case DataSourceKind::hdf5: return "hdf5";
  }
  return "?";
}

DataSpec parse_data_spec(std::string_view text, const std::string& file_label) {
  DataSpec spec;
  spec.file = file_label;
  spec.text = std::string(text);
  toml::table root;
  try {
    root = toml::parse(text, file_label);
  } catch (const toml::parse_error& e) {
    throw InputError(file_label, static_cast<int>(e.source().begin.line), "", std::string("TOML syntax error: ") + e.description().data());
  }
  for (auto&& [key, node] : root) {
    const std::string k(key.str());
    if ((k != "model" && k != "dynamics" && k != "data") || !node.is_table())
      throw InputError(file_label, static_cast<int>(key.source().begin.line), k,
                       "unexpected at the top level; a `hebbmc data` file has the tables [model], [dynamics] and [data]");
  }
  for (const char* t : {"model", "dynamics", "data"})
    if (!root[t].as_table()) throw InputError(file_label, 0, "", std::string("missing table [") + t + "]");
  parse_model(TableReader(root["model"].as_table(), "model", file_label, {"type", "evaluation", "P"}, spec), spec);
  parse_dynamics(TableReader(root["dynamics"].as_table(), "dynamics", file_label, {"rule", "T", "beta", "sweeps"}, spec),
                 spec);
  parse_data(TableReader(root["data"].as_table(), "data", file_label,
                         {"source", "path", "train_images", "train_labels", "test_images", "test_labels", "label_count",
                          "classes", "M", "test_per_class", "threshold", "selection", "seed", "output"},
                         spec),
             spec);
  return spec;
}

DataSpec load_data_spec(const std::filesystem::path& file) {
  std::error_code ec;
  if (!std::filesystem::exists(file, ec)) throw InputError(file.string(), 0, "", "parameter file not found");
  const std::string text = read_input_file(file, "parameter file", 1u << 20, "not a parameter file");
  return parse_data_spec(text, file.string());
}

}  // namespace hebbmc::runs
