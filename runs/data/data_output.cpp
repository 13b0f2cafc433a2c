// What `hebbmc data` reports (runs/data/data_output.hpp).
#include "runs/data/data_output.hpp"

#include <cstdio>
#include <vector>

#include "runs/io/hdf5_file.hpp"
#include "runs/io/provenance.hpp"

namespace hebbmc::runs {

namespace {

// "supervised, P = 4" or "unsupervised (exact), P = 4": the model in the file and the table.
std::string model_text(const DataSpec& spec) {
  std::string m = to_string(spec.type);
  if (spec.type == ModelType::unsupervised) m += " (" + to_string(spec.evaluation) + ")";
  return m + ", P = " + std::to_string(spec.P);
}

// How the pixels became spins (D1), as the attribute /data@binarisation says it.
std::string binarisation_text(const DataSpec& spec) {
  if (spec.source == DataSourceKind::hdf5) return "none (spins given)";
  if (spec.binarisation.centred)
    return "pixel > mean of the training images at that pixel -> +1, else -1 (D1c, centred)";
  if (spec.binarisation.per_image_median) return "pixel > per-image lower median -> +1, else -1 (D1)";
  return "pixel > " + std::to_string(spec.binarisation.threshold) + " -> +1, else -1 (D1)";
}

// /data: the K classes x M training examples, their archetypes and qualities (D1-D4).
void write_data_group(h5::Group& root, const DataSpec& spec, const ClassData& data, const models::StructuredData& sd) {
  const std::int64_t K = sd.K(), N = sd.N(), M = sd.M();
  const auto uK = static_cast<hsize_t>(K), uN = static_cast<hsize_t>(N), uM = static_cast<hsize_t>(M);
  h5::Group g = root.create_group("data");
  g.attr("description", "the K classes x M training examples the network learnt (docs/datasets.md D1-D4)");
  g.attr("source", data.description);
  g.attr("N", static_cast<double>(N));
  g.attr("rows", static_cast<double>(data.rows));
  g.attr("cols", static_cast<double>(data.cols));
  g.attr("K", static_cast<double>(K));
  g.attr("M", static_cast<double>(M));
  g.attr("test_per_class", static_cast<double>(spec.test_per_class));
  g.attr("binarisation", binarisation_text(spec));
  g.attr("selection", spec.random_selection ? "random (seeded, docs/datasets.md)" : "first in file order");
  g.attr("archetypes_kind", sd.proxies() ? "proxies: sign of the class mean, tie -> -1 (D2)" : "given in the HDF5 input");
  g.attr("r_mean", sd.r_mean());
  g.attr("proxy", spec.proxy == ProxyKind::sign
                      ? "sign: overlaps with the archetypes classify the test patterns (D5)"
                      : "mean: overlaps with the teacher averages yhat^mu classify the test patterns (D5)");
  const std::vector<std::int64_t> classes(spec.classes.begin(), spec.classes.end());
  g.write("classes", classes, {uK}).describe("label (IDX) or class index (HDF5) of each learnt class", "none");
  g.write("class_names", data.class_names).describe("name of each learnt class", "none");
  std::vector<std::int8_t> xi(static_cast<std::size_t>(K * N));
  for (std::int64_t mu = 0; mu < K; ++mu)
    for (std::int64_t i = 0; i < N; ++i) xi[mu * N + i] = sd.archetypes()(i, mu);
  g.write("archetypes", xi, {uK, uN})
      .describe("archetype xi^mu_i of each class (proxy by D2 unless given); pixel i = row * cols + col",
                "spin (-1, 0, +1)");
  g.write("examples", data.train, {uK, uM, uN}).describe("training examples eta^{mu,a}_i", "spin (-1, 0, +1)");
  g.write("example_item", data.train_item, {uK, uM})
      .describe("index of each training example in its source file", "none");
  std::vector<double> r, R, rho, R_hat;
  for (std::int64_t mu = 0; mu < K; ++mu) {
    r.push_back(sd.r(mu));
    R.push_back(sd.R(mu));
    rho.push_back(sd.rho(mu));
    R_hat.push_back(sd.R_empirical(mu));
  }
  g.write("r", r, {uK})
      .describe("empirical quality r_mu: mean overlap of an example with its archetype on its support (D3)", "dimensionless");
  g.write("R", R, {uK}).describe("R_mu = r_mu^2 + (1 - r_mu^2)/M (physics.md section 1, with r = r_mu)", "dimensionless");
  g.write("rho", rho, {uK}).describe("dataset entropy rho_mu = (1 - r_mu^2)/(M r_mu^2) (physics.md section 1)", "dimensionless");
  g.write("R_empirical", R_hat, {uK})
      .describe("empirical second moment of yhat on the archetype's support (D4)", "dimensionless");
}

// /test: one row per held-out test pattern, its chain and its prediction (D5).
void write_test_group(h5::Group& root, const DataSpec& spec, const ClassData& data, const ClassificationResults& r) {
  const auto uK = static_cast<hsize_t>(r.K), uN = static_cast<hsize_t>(r.N), uT = static_cast<hsize_t>(r.T);
  h5::Group g = root.create_group("test");
  g.attr("description", "one chain per held-out test pattern, started from it (docs/datasets.md D5)");
  g.attr("model", model_text(spec));
  g.attr("rule", to_string(spec.rule));
  g.attr("beta", spec.beta);
  g.attr("sweeps", static_cast<double>(spec.sweeps));
  g.attr("seed", static_cast<double>(spec.seed));
  g.attr("rng_dynamics", "Philox key (seed, purpose 3 = dynamics), counter (point 0, sample = test index t, replica 0)");
  g.attr("rng_initial_state", "Philox key (seed, purpose 2), counter (0, t, 0): random spins on blank entries");
  g.write("item", data.test_item, {uT}).describe("index of each test pattern in its source file", "none");
  const std::vector<std::int64_t> cls(data.test_class.begin(), data.test_class.end());
  g.write("true_class", cls, {uT}).describe("true class of each test pattern (index into /data/classes)", "none");
  g.write("initial_state", r.initial_state, {uT, uN})
      .describe("initial spins: the binarised test pattern", "spin (-1, +1)");
  g.write("final_state", r.final_state, {uT, uN}).describe("spins after the dynamics", "spin (-1, +1)");
  g.write("initial_overlap", r.initial_overlap, {uT, uK})
      .describe(spec.proxy == ProxyKind::sign
                    ? "Mattis overlap m_mu = (1/N) sum_i xi^mu_i sigma_i of the initial state"
                    : "overlap (1/N) sum_i yhat^mu_i sigma_i with the teacher average of the initial state (proxy = mean)",
                "dimensionless");
  g.write("final_overlap", r.final_overlap, {uT, uK})
      .describe(spec.proxy == ProxyKind::sign ? "Mattis overlap m_mu of the final state"
                                              : "overlap with the teacher average yhat^mu of the final state",
                "dimensionless");
  g.write("predicted", r.predicted, {uT}).describe("argmax_mu of final_overlap, lowest index on a tie (D5)", "none");
  g.write("predicted_initial", r.predicted_initial, {uT})
      .describe("argmax_mu of initial_overlap: the nearest-archetype classifier without dynamics", "none");
  g.write("sweeps_done", r.sweeps_done, {uT})
      .describe("sweeps run (zero_temperature stops at a fixed point)", "sweeps");
}

// /results: accuracies, confusion matrices and mean final overlaps per class (D6).
void write_results_group(h5::Group& root, const ClassificationSummary& s, std::int64_t K) {
  const auto uK = static_cast<hsize_t>(K);
  h5::Group g = root.create_group("results");
  g.attr("description", "accuracy per class, confusion matrices and mean final overlaps (docs/datasets.md D6)");
  g.write("accuracy", s.accuracy, {uK})
      .describe("fraction of the test patterns of each class predicted correctly", "fraction");
  g.write("accuracy_error", s.accuracy_error, {uK})
      .describe("binomial standard error sqrt(a (1 - a) / n) of accuracy", "fraction");
  g.write("accuracy_initial", s.accuracy_initial, {uK}).describe("accuracy of predicted_initial (no dynamics)", "fraction");
  g.write("accuracy_initial_error", s.accuracy_initial_error, {uK})
      .describe("binomial standard error of accuracy_initial", "fraction");
  g.write("accuracy_overall", std::vector<double>{s.overall}, {})
      .describe("fraction of all test patterns predicted correctly", "fraction");
  g.write("accuracy_overall_error", std::vector<double>{s.overall_error}, {})
      .describe("binomial standard error of accuracy_overall", "fraction");
  g.write("confusion", s.confusion, {uK, uK})
      .describe("test patterns of true class c (row) predicted as class p (column)", "count");
  g.write("confusion_initial", s.confusion_initial, {uK, uK}).describe("confusion matrix of predicted_initial", "count");
  g.write("mean_overlap", s.mean_overlap, {uK, uK})
      .describe("mean final overlap m_mu (column) over the test patterns of true class c (row)", "dimensionless");
  g.write("mean_overlap_error", s.mean_overlap_error, {uK, uK})
      .describe("standard error of mean_overlap (sample std / sqrt(n))", "dimensionless");
  g.write("count", s.count, {uK}).describe("test patterns per class", "count");
}

}  // namespace

void write_data_output(const std::string& path, const DataSpec& spec, const ClassData& data,
                       const models::StructuredData& sd, const ClassificationResults& r, const ClassificationSummary& s) {
  h5::File file = create_output_file(
      path,
      {.kind = "hebbmc data: classification of held-out patterns by the learning network",
       .parameter_file = spec.text,
       .parameter_file_name = spec.file,
       .layout = "docs/datasets.md, 'Output': /data (the learnt data set), /test (one row per test pattern), /results"},
      "data", "data output file");
  h5::Group root = file.root();
  write_data_group(root, spec, data, sd);
  write_test_group(root, spec, data, r);
  write_results_group(root, s, sd.K());
  file.flush();
}

void print_data_table(const DataSpec& spec, const ClassData& data, const models::StructuredData& sd,
                      const ClassificationSummary& s) {
  std::printf("hebbmc data: %s, %s, %s%s, %lld sweeps; %s; M = %lld, %lld test patterns per class\n",
              model_text(spec).c_str(), to_string(spec.rule).c_str(),
              spec.rule == Rule::zero_temperature ? "T = 0" : ("beta = " + std::to_string(spec.beta)).c_str(), "",
              static_cast<long long>(spec.sweeps), data.description.c_str(), static_cast<long long>(sd.M()),
              static_cast<long long>(spec.test_per_class));
  std::printf("%-14s %6s %6s %6s  %-17s %-17s %8s\n", "class", "r", "R", "R_emp", "accuracy", "no dynamics", "m_own");
  const std::int64_t K = sd.K();
  for (std::int64_t c = 0; c < K; ++c)
    std::printf("%-14s %6.3f %6.3f %6.3f  %5.3f +- %-8.3f %5.3f +- %-8.3f %8.3f\n", data.class_names[c].c_str(), sd.r(c),
                sd.R(c), sd.R_empirical(c), s.accuracy[c], s.accuracy_error[c], s.accuracy_initial[c],
                s.accuracy_initial_error[c], s.mean_overlap[c * K + c]);
  std::printf("%-14s %6s %6s %6s  %5.3f +- %-8.3f %5.3f +- %-8.3f\n", "all", "", "", "", s.overall, s.overall_error,
              s.overall_initial, s.overall_initial_error);
  std::printf("confusion (rows: true class, columns: predicted):\n");
  for (std::int64_t c = 0; c < K; ++c) {
    std::printf("  %-14s", data.class_names[c].c_str());
    for (std::int64_t p = 0; p < K; ++p) std::printf(" %5lld", static_cast<long long>(s.confusion[c * K + p]));
    std::printf("\n");
  }
}

}  // namespace hebbmc::runs
