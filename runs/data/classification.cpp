// The classification of `hebbmc data` (docs/datasets.md D5, D6): each test pattern starts a chain;
// after the sweeps the predicted class is the archetype (proxy) of largest Mattis overlap. Chains
// are independent, one RNG stream per test pattern, so the result is bit-identical for any thread count.
#include "runs/data/classification.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "engine/stream_keys.hpp"
#include "engine/sweep.hpp"
#include "observables/learning.hpp"
#include "observables/order_parameters.hpp"
#include "runs/driver/model_factory.hpp"
#include "runs/driver/progress.hpp"
#include "runs/input/input_error.hpp"

namespace hebbmc::runs {

namespace {

// Calls f(model) with the model of the spec, built over `data` from `spins`.
template <class F>
void with_model(const DataSpec& spec, const models::Examples& data, engine::Spins spins, F&& f) {
  with_learning_model(spec.type, spec.evaluation, [&](auto model) {
    typename decltype(model)::type m(data, spec.P, models::Interaction::distinct_indices, std::move(spins));
    f(m);
  });
}

// D5: index of the largest overlap, the lowest index on a tie.
std::int64_t argmax(const std::vector<double>& m) {
  std::size_t best = 0;
  for (std::size_t mu = 1; mu < m.size(); ++mu)
    if (m[mu] > m[best]) best = mu;
  return static_cast<std::int64_t>(best);
}

// D5: the overlaps of `s` with every class, with the archetypes (Mattis, physics.md section 2)
// or, for proxy = "mean", with the teacher averages s_mu = (1/N) sum_i yhat^mu_i s_i of
// observe_learning (exact integer sums divided once).
std::vector<double> class_overlaps(const DataSpec& spec, const models::StructuredData& sd, const engine::Spins& s) {
  if (spec.proxy == ProxyKind::sign) return observables::mattis_overlaps(sd.archetypes(), s);
  return observables::observe_learning(sd.examples(), s, {.archetypes = sd.K(), .example_archetypes = 0}).s;
}

}  // namespace

void check_model_fits(const DataSpec& spec, const models::StructuredData& sd) {
  try {  // the models refuse sizes outside their exact integer range: refuse before any work
    with_model(spec, sd.examples(), engine::Spins(static_cast<std::size_t>(sd.N()), 1), [](auto&) {});
  } catch (const std::invalid_argument& e) {
    throw InputError(spec.file, spec.line("model.P"), "P", e.what());
  }
}

ClassificationResults classify(const DataSpec& spec, const ClassData& data, const models::StructuredData& sd,
                               bool quiet, double progress_every) {
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
  const double per_sweep = sweep_work(spec.type, spec.evaluation, N, K, sd.M());
  Progress progress(per_sweep * static_cast<double>(spec.sweeps) * static_cast<double>(T), !quiet,
                    progress_every);
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
    const std::vector<double> m0 = class_overlaps(spec, sd, s);
    engine::Stream rng(engine::streams::test_chain(spec.seed, t));
    engine::SiteOrder order(N, engine::SweepOrder::random_permutation);
    std::int64_t done = 0;
    with_rule(spec.rule, [&](auto make_rule) {
      const auto rule = make_rule(spec.beta);
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
    const std::vector<double> m1 = class_overlaps(spec, sd, s);
    std::copy(m0.begin(), m0.end(), res.initial_overlap.begin() + t * K);
    std::copy(m1.begin(), m1.end(), res.final_overlap.begin() + t * K);
    res.predicted[t] = argmax(m1);
    res.predicted_initial[t] = argmax(m0);
    res.sweeps_done[t] = done;
  }
  progress.finish();
  return res;
}

namespace {

// ---- the statistics (docs/datasets.md, D6) ----------------------------------------------------

// Binomial standard error sqrt(a (1 - a) / n) of an accuracy a measured on n items.
double binomial_error(double a, std::int64_t n) { return std::sqrt(a * (1 - a) / static_cast<double>(n)); }

}  // namespace

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

}  // namespace hebbmc::runs
