// Parsing of `hebbmc data` files (docs/datasets.md, "The parameter file").
#include "runs/input/data_spec.hpp"

#include <algorithm>
#include <climits>
#include <cmath>
#include <limits>
#include <optional>

#include "models/plefka.hpp"
#include "models/supervised.hpp"
#include "models/unsupervised.hpp"
#include "runs/input/temperature.hpp"
#include "runs/input/toml_reader.hpp"

namespace hebbmc::runs {

namespace {

// Largest P read from a data file; the models refuse what their exact range cannot hold.
constexpr std::int64_t max_data_P = 1000;

// [model]: type, evaluation and P, with the supported orders of the chosen model's kernels
// (models/model_size.hpp), as for run files.
void parse_model(const TableReader& in, DataSpec& spec) {
  spec.type = in.choice<ModelType>("type", {{"supervised", ModelType::supervised}, {"unsupervised", ModelType::unsupervised}});
  if (in.has("evaluation")) {
    spec.evaluation = in.choice<Evaluation>("evaluation", {{"exact", Evaluation::exact}, {"plefka", Evaluation::plefka}});
    if (spec.type == ModelType::supervised && spec.evaluation == Evaluation::plefka)
      in.fail("evaluation", "\"plefka\" applies to type = \"unsupervised\" only (the supervised model is exact)");
  }
  spec.P = static_cast<int>(in.integer("P", 2, max_data_P));
  const bool exact_unsupervised = spec.type == ModelType::unsupervised && spec.evaluation == Evaluation::exact;
  const models::OrderRange orders = spec.type == ModelType::supervised ? models::SupervisedModel::supported_P
                                    : exact_unsupervised              ? models::UnsupervisedModel::supported_P
                                                                       : models::PlefkaModel::supported_P;
  if (!orders.contains(spec.P))
    in.fail("P", std::string("expected an even integer ") + (orders.max == INT_MAX ? "" : "in ") + orders.text() + " for type = \"" + to_string(spec.type) +
                     (spec.type == ModelType::unsupervised ? "\" with evaluation = \"" + to_string(spec.evaluation) : "") +
                     "\" (the orders its flip kernels are compiled for), got " + std::to_string(spec.P));
}

// [dynamics]: the rule, the sweeps and the temperature by the rule of run files (runs/input/temperature.hpp).
void parse_dynamics(const TableReader& in, DataSpec& spec) {
  spec.rule = in.choice<Rule>("rule", {{"glauber", Rule::glauber},
                                 {"metropolis", Rule::metropolis},
                                 {"zero_temperature", Rule::zero_temperature}});
  spec.sweeps = in.integer("sweeps", 1, 1000000);
  const auto value = [&](std::string_view key) {
    return in.has(key) ? std::optional<double>(in.real(key)) : std::nullopt;
  };
  const auto resolved = resolve_temperature(value("T"), value("beta"), spec.rule == Rule::zero_temperature);
  if (const auto* problem = std::get_if<TemperatureProblem>(&resolved)) in.fail(problem->key, problem->message);
  spec.beta = std::get<Temperature>(resolved).beta;
}

// classes = [a, b, ...]: at least two distinct labels in [0, 255].
std::vector<int> parse_classes(const TableReader& in) {
  const toml::array& a = in.array("classes", "classes = [1, 8]");
  std::vector<int> classes;
  for (const toml::node& e : a) {
    const int c = static_cast<int>(in.integer(e, "classes", 0, 255));
    if (std::find(classes.begin(), classes.end(), c) != classes.end())
      in.fail("classes", "class " + std::to_string(c) + " listed twice");
    classes.push_back(c);
  }
  if (classes.size() < 2) in.fail("classes", "expected at least 2 classes (classification needs a choice)");
  return classes;
}

void parse_data(const TableReader& in, DataSpec& spec) {
  spec.source = in.choice<DataSourceKind>("source", {{"fashion-mnist", DataSourceKind::fashion_mnist},
                                     {"idx", DataSourceKind::idx},
                                     {"hdf5", DataSourceKind::hdf5}});
  const std::vector<std::string> idx_keys{"train_images", "train_labels", "test_images", "test_labels"};
  if (spec.source != DataSourceKind::idx) {
    for (const auto& k : idx_keys)
      if (in.has(k)) in.fail(k, "only for source = \"idx\"");
    if (in.has("label_count")) in.fail("label_count", "only for source = \"idx\"");
  }
  if (spec.source == DataSourceKind::hdf5 && in.has("threshold"))
    in.fail("threshold", "only for image sources (the HDF5 examples are already spins)");
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
  spec.classes = parse_classes(in);
  for (int c : spec.classes)
    if (spec.source != DataSourceKind::hdf5 && c >= spec.label_count)
      in.fail("classes", "class " + std::to_string(c) + " out of range [0, " + std::to_string(spec.label_count - 1) + "]");
  spec.M = in.integer("M", 1, 1000000);
  spec.test_per_class = in.integer("test_per_class", 1, 1000000);
  if (in.has("threshold")) {
    const toml::node& n = in.require("threshold");
    if (n.is_string()) {
      const std::string v = *n.value<std::string>();
      if (v != "median" && v != "mean_image")
        in.fail("threshold", "expected \"median\", \"mean_image\" or an integer grey level in [0, 254]");
      spec.binarisation.per_image_median = v == "median";
      spec.binarisation.centred = v == "mean_image";
    } else {
      spec.binarisation.per_image_median = false;
      spec.binarisation.threshold = static_cast<int>(in.integer("threshold", 0, 254));
    }
  }
  if (in.has("proxy")) spec.proxy = in.choice<ProxyKind>("proxy", {{"sign", ProxyKind::sign}, {"mean", ProxyKind::mean}});
  if (in.has("selection")) spec.random_selection = in.choice<bool>("selection", {{"first", false}, {"random", true}});
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
  const toml::table root = parse_toml(text, file_label);
  for (auto&& [key, node] : root) {
    const std::string_view k = key.str();
    if ((k != "model" && k != "dynamics" && k != "data") || !node.is_table())
      throw InputError(file_label, static_cast<int>(key.source().begin.line), printable(k),
                       "unexpected at the top level; a `hebbmc data` file has the tables [model], [dynamics] and [data]");
  }
  for (const char* t : {"model", "dynamics", "data"})
    if (!root[t].as_table()) throw InputError(file_label, 0, "", std::string("missing table [") + t + "]");
  const auto table = [&](const char* name, std::vector<std::string_view> known) {
    return TableReader(root[name].as_table(), name, file_label, std::move(known), &spec.lines);
  };
  parse_model(table("model", {"type", "evaluation", "P"}), spec);
  parse_dynamics(table("dynamics", {"rule", "T", "beta", "sweeps"}), spec);
  parse_data(table("data", {"source", "path", "train_images", "train_labels", "test_images", "test_labels",
                            "label_count", "classes", "M", "test_per_class", "threshold", "proxy", "selection", "seed",
                            "output"}),
             spec);
  return spec;
}

bool is_data_file(const std::filesystem::path& file) {
  try {
    const std::string text = read_input_file(file, "parameter file", 1u << 20, "not a parameter file");
    const toml::table root = parse_toml(text, file.string());
    return root["data"].is_table();
  } catch (const InputError&) {
    return false;
  }
}

DataSpec load_data_spec(const std::filesystem::path& file) {
  std::error_code ec;
  if (!std::filesystem::exists(file, ec)) throw InputError(file.string(), 0, "", "parameter file not found");
  const std::string text = read_input_file(file, "parameter file", 1u << 20, "not a parameter file");
  return parse_data_spec(text, file.string());
}

}  // namespace hebbmc::runs
