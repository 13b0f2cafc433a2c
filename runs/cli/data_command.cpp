// `hebbmc data FILE.toml`: learn K classes from structured data (Fashion-MNIST, any IDX set, the
// user's HDF5) and classify held-out test patterns by the network's dynamics (docs/datasets.md).
// Each test pattern starts a chain; after the sweeps the predicted class is the archetype
// (proxy) of largest Mattis overlap (D5). Chains are independent, one RNG stream per test pattern,
// so the output is bit-identical for any thread count.
#include <omp.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <algorithm>
#include <filesystem>
#include <optional>
#include <string>
#include <type_traits>
#include <vector>

#include "engine/glauber.hpp"
#include "engine/metropolis.hpp"
#include "engine/stream_keys.hpp"
#include "engine/sweep.hpp"
#include "engine/zero_temperature.hpp"
#include "models/plefka.hpp"
#include "models/structured_data.hpp"
#include "models/supervised.hpp"
#include "models/unsupervised.hpp"
#include "runs/cli/commands.hpp"
#include "runs/data/data_source.hpp"
#include "runs/input/data_spec.hpp"
#include "runs/io/h5_describe.hpp"
#include "runs/io/hdf5_file.hpp"
#include "runs/io/provenance.hpp"
#include "runs/input/input_error.hpp"
#include "runs/driver/progress.hpp"

namespace hebbmc::runs {

namespace {

using h5::Handle;

// ---- the classification ----------------------------------------------------------------------

// Calls f(model) with the model of the spec, built over `data` from `spins`.
template <class F>
void with_model(const DataSpec& spec, const models::Examples& data, engine::Spins spins, F&& f) {
  const auto distinct = models::Interaction::distinct_indices;
  if (spec.type == ModelType::supervised) {
    models::SupervisedModel m(data, spec.P, distinct, std::move(spins));
    f(m);
  } else if (spec.evaluation == Evaluation::plefka) {
    models::PlefkaModel m(data, spec.P, distinct, std::move(spins));
    f(m);
  } else {
    models::UnsupervisedModel m(data, spec.P, distinct, std::move(spins));
    f(m);
  }
}

// Calls f(rule) with the update rule of the spec.
template <class F>
void with_rule(const DataSpec& spec, F&& f) {
  if (spec.rule == Rule::glauber) f(engine::Glauber{spec.beta});
  else if (spec.rule == Rule::metropolis) f(engine::Metropolis{spec.beta});
  else f(engine::ZeroTemperature{});
}

// Mattis overlaps m_mu = (1/N) sum_i xi^mu_i sigma_i with every archetype (physics.md section 2).
std::vector<double> overlaps(const models::Patterns& xi, const engine::Spins& s) {
  std::vector<std::int64_t> sum(static_cast<std::size_t>(xi.K()), 0);
  for (std::int64_t i = 0; i < xi.N(); ++i) {
    const std::int8_t* x = xi.site(i);
    for (std::int64_t mu = 0; mu < xi.K(); ++mu) sum[mu] += x[mu] * s[i];
  }
  std::vector<double> m(sum.size());
  for (std::size_t mu = 0; mu < m.size(); ++mu) m[mu] = static_cast<double>(sum[mu]) / static_cast<double>(xi.N());
  return m;
}

// D5: index of the largest overlap, the lowest index on a tie.
std::int64_t argmax(const std::vector<double>& m) {
  std::size_t best = 0;
  for (std::size_t mu = 1; mu < m.size(); ++mu)
    if (m[mu] > m[best]) best = mu;
  return static_cast<std::int64_t>(best);
}

// Per test pattern: initial and final spins and overlaps, predictions, sweeps done.
struct TestResults {
  std::int64_t T = 0, K = 0, N = 0;
  std::vector<std::int8_t> initial_state, final_state;    // T x N
  std::vector<double> initial_overlap, final_overlap;     // T x K
  std::vector<std::int64_t> predicted, predicted_initial, sweeps_done;  // T
};

TestResults classify(const DataSpec& spec, const ClassData& data, const models::StructuredData& sd, bool quiet) {
  TestResults res;
  res.T = static_cast<std::int64_t>(data.test_class.size());
  res.K = sd.K();
  res.N = sd.N();
  const std::int64_t T = res.T, K = res.K, N = res.N;
  res.initial_state.resize(static_cast<std::size_t>(T * N));
  res.final_state.resize(static_cast<std::size_t>(T * N));
  res.initial_overlap.resize(static_cast<std::size_t>(T * K));
  res.final_overlap.resize(static_cast<std::size_t>(T * K));
  res.predicted.resize(static_cast<std::size_t>(T));
  res.predicted_initial.resize(static_cast<std::size_t>(T));
  res.sweeps_done.resize(static_cast<std::size_t>(T));
  // Progress in pattern-updates: N sites x the patterns a flip touches, per sweep.
  const double per_sweep = static_cast<double>(N) *
                           static_cast<double>(spec.type == ModelType::unsupervised && spec.evaluation == Evaluation::exact ? K * sd.M() : K);
  Progress progress(per_sweep * static_cast<double>(spec.sweeps) * static_cast<double>(T), !quiet);
  progress.set_points(static_cast<int>(T));
  const bool greedy = spec.rule == Rule::zero_temperature;

#pragma omp parallel for schedule(dynamic, 1)
  for (std::int64_t t = 0; t < T; ++t) {
    // Initial state: the test pattern; a blank entry (HDF5 data) becomes a random spin.
    engine::Stream init(engine::streams::test_initial_state(spec.seed, t));
    engine::Spins s(data.test.begin() + t * N, data.test.begin() + (t + 1) * N);
    for (auto& x : s)
      if (x == 0) x = (init.next_u64() & 1) ? 1 : -1;
    std::copy(s.begin(), s.end(), res.initial_state.begin() + t * N);
    const std::vector<double> m0 = overlaps(sd.archetypes(), s);
    engine::Stream rng(engine::streams::test_chain(spec.seed, t));
    engine::SiteOrder order(N, engine::SweepOrder::random_permutation);
    std::int64_t done = 0;
    with_rule(spec, [&](const auto& rule) {
      with_model(spec, sd.examples(), s, [&](auto& model) {
        while (done < spec.sweeps) {
          const std::int64_t accepted = engine::sweep(model, rule, order, rng);
          ++done;
          progress.advance(per_sweep);
          if (greedy && accepted == 0) break;  // a fixed point of the T = 0 dynamics
        }
        s = model.spins();
      });
    });
    progress.advance(per_sweep * static_cast<double>(spec.sweeps - done));
    progress.point_done();
    std::copy(s.begin(), s.end(), res.final_state.begin() + t * N);
    const std::vector<double> m1 = overlaps(sd.archetypes(), s);
    std::copy(m0.begin(), m0.end(), res.initial_overlap.begin() + t * K);
    std::copy(m1.begin(), m1.end(), res.final_overlap.begin() + t * K);
    res.predicted[t] = argmax(m1);
    res.predicted_initial[t] = argmax(m0);
    res.sweeps_done[t] = done;
  }
  progress.finish();
  return res;
}

// ---- the statistics (docs/datasets.md, D6) ----------------------------------------------------

struct Summary {
  std::vector<double> accuracy, accuracy_error, accuracy_initial, accuracy_initial_error;  // K
  std::vector<std::int64_t> confusion, confusion_initial;                                   // K x K [true][predicted]
  std::vector<double> mean_overlap, mean_overlap_error;                                     // K x K [true][mu]
  std::vector<std::int64_t> count;                                                          // K
  double overall = 0, overall_error = 0, overall_initial = 0, overall_initial_error = 0;
};

// Binomial standard error sqrt(a (1 - a) / n) of an accuracy a measured on n items.
double binomial_error(double a, std::int64_t n) { return std::sqrt(a * (1 - a) / static_cast<double>(n)); }

Summary summarise(const ClassData& data, const TestResults& r) {
  const std::int64_t K = r.K;
  Summary s;
  s.count.assign(K, 0);
  s.confusion.assign(K * K, 0);
  s.confusion_initial.assign(K * K, 0);
  std::vector<double> sum(K * K, 0.0), sum2(K * K, 0.0);
  for (std::int64_t t = 0; t < r.T; ++t) {
    const int c = data.test_class[t];
    ++s.count[c];
    ++s.confusion[c * K + r.predicted[t]];
    ++s.confusion_initial[c * K + r.predicted_initial[t]];
    for (std::int64_t mu = 0; mu < K; ++mu) {
      const double m = r.final_overlap[t * K + mu];
      sum[c * K + mu] += m;
      sum2[c * K + mu] += m * m;
    }
  }
  std::int64_t right = 0, right_initial = 0;
  for (std::int64_t c = 0; c < K; ++c) {
    const std::int64_t n = s.count[c];
    s.accuracy.push_back(static_cast<double>(s.confusion[c * K + c]) / static_cast<double>(n));
    s.accuracy_error.push_back(binomial_error(s.accuracy.back(), n));
    s.accuracy_initial.push_back(static_cast<double>(s.confusion_initial[c * K + c]) / static_cast<double>(n));
    s.accuracy_initial_error.push_back(binomial_error(s.accuracy_initial.back(), n));
    right += s.confusion[c * K + c];
    right_initial += s.confusion_initial[c * K + c];
    for (std::int64_t mu = 0; mu < K; ++mu) {
      const double mean = sum[c * K + mu] / static_cast<double>(n);
      const double var = n > 1 ? std::max(0.0, (sum2[c * K + mu] - n * mean * mean) / static_cast<double>(n - 1)) : 0.0;
      s.mean_overlap.push_back(mean);
      s.mean_overlap_error.push_back(std::sqrt(var / static_cast<double>(n)));
    }
  }
  s.overall = static_cast<double>(right) / static_cast<double>(r.T);
  s.overall_error = binomial_error(s.overall, r.T);
  s.overall_initial = static_cast<double>(right_initial) / static_cast<double>(r.T);
  s.overall_initial_error = binomial_error(s.overall_initial, r.T);
  return s;
}

// ---- HDF5 output (docs/datasets.md, "Output") --------------------------------------------------

using namespace h5d;  // ok, group, attr, dataset, strings (runs/io/h5_describe.hpp)

std::string model_text(const DataSpec& spec) {
  std::string m = to_string(spec.type);
  if (spec.type == ModelType::unsupervised) m += " (" + to_string(spec.evaluation) + ")";
  return m + ", P = " + std::to_string(spec.P);
}

void write_output(const std::string& path, const DataSpec& spec, const ClassData& data,
                  const models::StructuredData& sd, const TestResults& r, const Summary& s) {
  h5::File file = create_hebbmc_file(
      path,
      {.kind = "hebbmc data: classification of held-out patterns by the learning network",
       .parameter_file = spec.text,
       .parameter_file_name = spec.file,
       .layout = "docs/datasets.md, 'Output': /data (the learnt data set), /test (one row per test pattern), /results"},
      "data");
  const h5::Group root = file.root();

  const std::int64_t K = sd.K(), N = sd.N(), M = sd.M(), T = r.T;
  const auto uK = static_cast<hsize_t>(K), uN = static_cast<hsize_t>(N), uM = static_cast<hsize_t>(M),
             uT = static_cast<hsize_t>(T);
  {
    Handle g(ok(H5Gcreate2(root.id(), "data", H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT), "create /data"), H5Gclose);
    attr(g.id(), "description", "the K classes x M training examples the network learnt (docs/datasets.md D1-D4)");
    attr(g.id(), "source", data.description);
    attr(g.id(), "N", static_cast<double>(N));
    attr(g.id(), "rows", static_cast<double>(data.rows));
    attr(g.id(), "cols", static_cast<double>(data.cols));
    attr(g.id(), "K", static_cast<double>(K));
    attr(g.id(), "M", static_cast<double>(M));
    attr(g.id(), "test_per_class", static_cast<double>(spec.test_per_class));
    attr(g.id(), "binarisation", spec.source == DataSourceKind::hdf5 ? std::string("none (spins given)")
                                 : spec.binarisation.per_image_median ? std::string("pixel > per-image lower median -> +1, else -1 (D1)")
                                 : "pixel > " + std::to_string(spec.binarisation.threshold) + " -> +1, else -1 (D1)");
    attr(g.id(), "selection", spec.random_selection ? "random (seeded, docs/datasets.md)" : "first in file order");
    attr(g.id(), "archetypes_kind", sd.proxies() ? "proxies: sign of the class mean, tie -> -1 (D2)" : "given in the HDF5 input");
    attr(g.id(), "r_mean", sd.r_mean());
    std::vector<std::int64_t> classes(spec.classes.begin(), spec.classes.end());
    dataset(g.id(), "classes", classes, {uK}, "label (IDX) or class index (HDF5) of each learnt class", "none");
    strings(g.id(), "class_names", data.class_names, "name of each learnt class");
    std::vector<std::int8_t> xi(static_cast<std::size_t>(K * N));
    for (std::int64_t mu = 0; mu < K; ++mu)
      for (std::int64_t i = 0; i < N; ++i) xi[mu * N + i] = sd.archetypes()(i, mu);
    dataset(g.id(), "archetypes", xi, {uK, uN}, "archetype xi^mu_i of each class (proxy by D2 unless given); "
                                                "pixel i = row * cols + col", "spin (-1, 0, +1)");
    dataset(g.id(), "examples", data.train, {uK, uM, uN}, "training examples eta^{mu,a}_i", "spin (-1, 0, +1)");
    dataset(g.id(), "example_item", data.train_item, {uK, uM}, "index of each training example in its source file", "none");
    std::vector<double> r_, R_, rho_, Rh_;
    for (std::int64_t mu = 0; mu < K; ++mu) {
      r_.push_back(sd.r(mu));
      R_.push_back(sd.R(mu));
      rho_.push_back(sd.rho(mu));
      Rh_.push_back(sd.R_empirical(mu));
    }
    dataset(g.id(), "r", r_, {uK}, "empirical quality r_mu: mean overlap of an example with its archetype on its support (D3)", "dimensionless");
    dataset(g.id(), "R", R_, {uK}, "R_mu = r_mu^2 + (1 - r_mu^2)/M (physics.md section 1, with r = r_mu)", "dimensionless");
    dataset(g.id(), "rho", rho_, {uK}, "dataset entropy rho_mu = (1 - r_mu^2)/(M r_mu^2) (physics.md section 1)", "dimensionless");
    dataset(g.id(), "R_empirical", Rh_, {uK}, "empirical second moment of yhat on the archetype's support (D4)", "dimensionless");
  }
  {
    Handle g(ok(H5Gcreate2(root.id(), "test", H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT), "create /test"), H5Gclose);
    attr(g.id(), "description", "one chain per held-out test pattern, started from it (docs/datasets.md D5)");
    attr(g.id(), "model", model_text(spec));
    attr(g.id(), "rule", to_string(spec.rule));
    attr(g.id(), "beta", spec.beta);
    attr(g.id(), "sweeps", static_cast<double>(spec.sweeps));
    attr(g.id(), "seed", static_cast<double>(spec.seed));
    attr(g.id(), "rng_dynamics", "Philox key (seed, purpose 3 = dynamics), counter (point 0, sample = test index t, replica 0)");
    attr(g.id(), "rng_initial_state", "Philox key (seed, purpose 2), counter (0, t, 0): random spins on blank entries");
    dataset(g.id(), "item", data.test_item, {uT}, "index of each test pattern in its source file", "none");
    std::vector<std::int64_t> cls(data.test_class.begin(), data.test_class.end());
    dataset(g.id(), "true_class", cls, {uT}, "true class of each test pattern (index into /data/classes)", "none");
    dataset(g.id(), "initial_state", r.initial_state, {uT, uN}, "initial spins: the binarised test pattern", "spin (-1, +1)");
    dataset(g.id(), "final_state", r.final_state, {uT, uN}, "spins after the dynamics", "spin (-1, +1)");
    dataset(g.id(), "initial_overlap", r.initial_overlap, {uT, uK}, "Mattis overlap m_mu = (1/N) sum_i xi^mu_i sigma_i of the initial state", "dimensionless");
    dataset(g.id(), "final_overlap", r.final_overlap, {uT, uK}, "Mattis overlap m_mu of the final state", "dimensionless");
    dataset(g.id(), "predicted", r.predicted, {uT}, "argmax_mu of final_overlap, lowest index on a tie (D5)", "none");
    dataset(g.id(), "predicted_initial", r.predicted_initial, {uT}, "argmax_mu of initial_overlap: the nearest-archetype classifier without dynamics", "none");
    dataset(g.id(), "sweeps_done", r.sweeps_done, {uT}, "sweeps run (zero_temperature stops at a fixed point)", "sweeps");
  }
  {
    Handle g(ok(H5Gcreate2(root.id(), "results", H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT), "create /results"), H5Gclose);
    attr(g.id(), "description", "accuracy per class, confusion matrices and mean final overlaps (docs/datasets.md D6)");
    dataset(g.id(), "accuracy", s.accuracy, {uK}, "fraction of the test patterns of each class predicted correctly", "fraction");
    dataset(g.id(), "accuracy_error", s.accuracy_error, {uK}, "binomial standard error sqrt(a (1 - a) / n) of accuracy", "fraction");
    dataset(g.id(), "accuracy_initial", s.accuracy_initial, {uK}, "accuracy of predicted_initial (no dynamics)", "fraction");
    dataset(g.id(), "accuracy_initial_error", s.accuracy_initial_error, {uK}, "binomial standard error of accuracy_initial", "fraction");
    dataset(g.id(), "accuracy_overall", std::vector<double>{s.overall}, {}, "fraction of all test patterns predicted correctly", "fraction");
    dataset(g.id(), "accuracy_overall_error", std::vector<double>{s.overall_error}, {}, "binomial standard error of accuracy_overall", "fraction");
    dataset(g.id(), "confusion", s.confusion, {uK, uK}, "test patterns of true class c (row) predicted as class p (column)", "count");
    dataset(g.id(), "confusion_initial", s.confusion_initial, {uK, uK}, "confusion matrix of predicted_initial", "count");
    dataset(g.id(), "mean_overlap", s.mean_overlap, {uK, uK}, "mean final overlap m_mu (column) over the test patterns of true class c (row)", "dimensionless");
    dataset(g.id(), "mean_overlap_error", s.mean_overlap_error, {uK, uK}, "standard error of mean_overlap (sample std / sqrt(n))", "dimensionless");
    dataset(g.id(), "count", s.count, {uK}, "test patterns per class", "count");
  }
  ok(H5Fflush(file.id(), H5F_SCOPE_GLOBAL), "flush " + path);
}

void print_table(const DataSpec& spec, const ClassData& data, const models::StructuredData& sd, const Summary& s) {
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

}  // namespace

int data_command(const std::string& parameter_file, const CommandOptions& options) {
  const DataSpec spec = load_data_spec(parameter_file);
  const std::string path = options.output.empty() ? spec.output : options.output;
  if (std::filesystem::exists(path) && !options.force)
    throw InputError(path, 0, "", "output file exists; pass --force to overwrite it");
  const ClassData data = load_class_data(spec);
  const std::string data_file = spec.source == DataSourceKind::hdf5 ? spec.path : spec.train_images;
  std::optional<models::StructuredData> sd;
  try {
    sd.emplace(data.N, static_cast<std::int64_t>(spec.classes.size()), static_cast<int>(spec.M), data.train,
               data.archetypes);
  } catch (const std::invalid_argument& e) {
    throw InputError(data_file, 0, "", e.what());
  }
  try {  // the models refuse sizes outside their exact integer range: refuse before any work
    with_model(spec, sd->examples(), engine::Spins(static_cast<std::size_t>(data.N), 1), [](auto&) {});
  } catch (const std::invalid_argument& e) {
    throw InputError(spec.file, spec.line("model.P"), "P", e.what());
  }
  if (options.threads > 0) omp_set_num_threads(options.threads);
  const auto start = std::chrono::steady_clock::now();
  const TestResults r = classify(spec, data, *sd, options.quiet);
  const Summary s = summarise(data, r);
  write_output(path, spec, data, *sd, r, s);
  print_table(spec, data, *sd, s);
  if (!options.quiet)
    std::fprintf(stderr, "hebbmc data: %lld test patterns in %.1f s, written to %s\n", static_cast<long long>(r.T),
                 std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(), path.c_str());
  return 0;
}

}  // namespace hebbmc::runs
