// `hebbmc data FILE.toml`: learn K classes from structured data (Fashion-MNIST, any IDX set, the
// user's HDF5) and classify held-out test patterns by the network's dynamics (docs/datasets.md).
// Each test pattern starts a chain; after the sweeps the predicted class is the archetype
// (proxy) of largest Mattis overlap (D5). Chains are independent, one RNG stream per test pattern,
// so the output is bit-identical for any thread count.
#include <omp.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <optional>
#include <string>
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
#include "runs/data/classification.hpp"
#include "runs/data/data_output.hpp"
#include "runs/data/data_source.hpp"
#include "runs/driver/progress.hpp"
#include "runs/input/data_spec.hpp"
#include "runs/input/input_error.hpp"

namespace hebbmc::runs {

namespace {

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

// Runs the chain of every test pattern (D5).
ClassificationResults classify(const DataSpec& spec, const ClassData& data, const models::StructuredData& sd,
                               bool quiet) {
  ClassificationResults res;
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

// Binomial standard error sqrt(a (1 - a) / n) of an accuracy a measured on n items.
double binomial_error(double a, std::int64_t n) { return std::sqrt(a * (1 - a) / static_cast<double>(n)); }

// The statistics per class of the predictions (D6).
ClassificationSummary summarise(const ClassData& data, const ClassificationResults& r) {
  const std::int64_t K = r.K;
  ClassificationSummary s;
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

}  // namespace

int data_command(const std::string& parameter_file, const CommandOptions& options) {
  const DataSpec spec = load_data_spec(parameter_file);
  const std::string path = new_output_path(spec.output, options);
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
  const ClassificationResults r = classify(spec, data, *sd, options.quiet);
  const ClassificationSummary s = summarise(data, r);
  write_data_output(path, spec, data, *sd, r, s);
  print_data_table(spec, data, *sd, s);
  if (!options.quiet)
    std::fprintf(stderr, "hebbmc data: %lld test patterns in %.1f s, written to %s\n", static_cast<long long>(r.T),
                 std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(), path.c_str());
  return 0;
}

}  // namespace hebbmc::runs
