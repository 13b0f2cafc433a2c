#include "runs/driver/simulation.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "engine/annealing.hpp"
#include "engine/parallel_heat_bath.hpp"
#include "engine/sweep.hpp"
#include "engine/stream_keys.hpp"
#include "models/storage.hpp"
#include "observables/order_parameters.hpp"
#include "observables/replica_observation.hpp"
#include "runs/driver/initial_spins.hpp"
#include "runs/driver/model_factory.hpp"
#include "runs/input/point_views.hpp"

namespace hebbmc::runs {

namespace {

// The state of the chains after `done` sweeps.
template <class Model>
ChainState capture(const PointParameters& p, int sample, std::int64_t done, std::int64_t accepted,
                   const std::vector<Model>& replicas, const std::vector<engine::Stream>& rngs,
                   const std::vector<engine::SiteOrder>& orders, const observables::SampleRecorder& recorder) {
  ChainState st;
  st.fingerprint = parameter_fingerprint(p);
  st.point = p.index;
  st.sample = sample;
  st.sweeps_done = done;
  st.accepted = accepted;
  st.exact_arithmetic = replicas.front().exact_arithmetic();
  for (std::size_t r = 0; r < replicas.size(); ++r)
    st.replicas.push_back({replicas[r].spins(), rngs[r].position(), orders[r].sites()});
  st.recorder = recorder.state();
  return st;
}

// The chain proper, instantiated once per model class and rule. make_model(spins) builds one
// replica's model, observe(model) its observation at a record, make_rule(beta) the rule of one
// sweep. Sweeps are numbered globally, g = 0 .. thermalization + sweeps - 1; measurement sweep
// t = g - thermalization + 1 records when t is a multiple of measure_every.
template <class Model, class MakeModel, class Observe, class MakeRule>
SampleResult run_chains(const PointParameters& p, int sample, const models::Patterns& xi,
                        const models::Examples* data, MakeModel make_model,
                        Observe observe, MakeRule make_rule, const ProgressCallback& progress,
                        const CheckpointHooks& hooks) {
  const auto order_kind = p.order == Order::random ? engine::SweepOrder::random_permutation : engine::SweepOrder::sequential;
  const ChainState* start = hooks.start;

  std::vector<Model> replicas;
  std::vector<engine::Stream> rngs;
  std::vector<engine::SiteOrder> orders;
  replicas.reserve(static_cast<std::size_t>(p.replicas));
  for (int r = 0; r < p.replicas; ++r) {
    replicas.push_back(make_model(start ? start->replicas[r].spins : initial_spins(p, xi, data, sample, r)));
    rngs.emplace_back(engine::streams::chain(p.seed, static_cast<std::uint64_t>(p.index), static_cast<std::uint32_t>(sample),
                                             static_cast<std::uint32_t>(r)));
    orders.emplace_back(p.N, order_kind);
    if (start) {
      rngs[r].seek(start->replicas[r].rng_position);
      orders[r].restore(start->replicas[r].sites);
    }
  }
  const std::int64_t records = p.sweeps / p.measure_every;
  const int L = p.record_patterns, E = observables::extra_series_width(series_layout(p));
  observables::SampleRecorder recorder =
      start ? observables::SampleRecorder::from_state(L, p.replicas, records, p.trajectories, start->recorder, E)
            : observables::SampleRecorder(L, p.replicas, records, p.trajectories, E);
  std::int64_t accepted = start ? start->accepted : 0;

  const double work_per_sweep = sweep_work(p);
  const bool anneal = !std::isnan(p.anneal_from_T);
  const engine::LinearSchedule schedule{anneal ? p.anneal_from_T : p.T, p.T, anneal ? p.thermalization : 0};
  std::vector<observables::ReplicaObservation> obs(static_cast<std::size_t>(p.replicas));
  std::vector<const engine::Spins*> configs(static_cast<std::size_t>(p.replicas));
  const auto rule = make_rule(p.beta);
  const std::int64_t total = p.thermalization + p.sweeps;
  // Sweeps run in blocks that end at every record (and every measure_every sweeps during
  // thermalization). Within a block the replicas are independent, so they may run on several
  // threads (hooks.replica_threads) without changing any number; checkpoints fall between blocks.
  const std::int64_t block = std::max<std::int64_t>(1, p.measure_every);
  // A parallel region per block costs a fork and a join, microseconds on an idle machine and a
  // scheduler time slice on a loaded one: worth it only when a replica's block of sweeps is
  // longer than that (min_parallel_block pattern-updates, about 0.1 ms).
  constexpr double min_parallel_block = 2e5;
  const bool long_blocks = work_per_sweep * static_cast<double>(block) >= min_parallel_block;
  const int threads = long_blocks ? std::max(1, std::min(hooks.replica_threads, p.replicas)) : 1;
  for (std::int64_t g = start ? start->sweeps_done : 0; g < total;) {
    const std::int64_t end = g < p.thermalization
                                 ? std::min(p.thermalization, g + block)
                                 : std::min(total, p.thermalization + ((g - p.thermalization) / block + 1) * block);
    std::int64_t acc = 0;
#pragma omp parallel for num_threads(threads) if (threads > 1) schedule(static) reduction(+ : acc)
    for (int r = 0; r < p.replicas; ++r) {
      for (std::int64_t h = g; h < end; ++h) {
        if (h < p.thermalization) engine::sweep(replicas[r], make_rule(schedule.beta(h)), orders[r], rngs[r]);
        else acc += engine::sweep(replicas[r], rule, orders[r], rngs[r]);
        progress(work_per_sweep);
      }
    }
    accepted += acc;
    g = end;
    if (g > p.thermalization && (g - p.thermalization) % p.measure_every == 0) {
#ifndef NDEBUG
      // Debug builds (physics.md section 4): recompute the overlaps from the spins at every
      // record; the integer bookkeeping must never drift.
      for (const auto& m : replicas)
        if (!m.overlaps_consistent()) throw std::logic_error("overlap bookkeeping drifted");
#endif
      for (int r = 0; r < p.replicas; ++r) {
        obs[r] = observe(replicas[r]);
        configs[r] = &replicas[r].spins();
      }
      recorder.record(obs, observables::mean_pair_overlap(configs));
    }
    if (g < total && hooks.due && hooks.due())
      hooks.save(capture(p, sample, g, accepted, replicas, rngs, orders, recorder));
  }
  // The result always comes from the final state, the same path a resumed run takes.
  const ChainState final_state = capture(p, sample, total, accepted, replicas, rngs, orders, recorder);
  if (hooks.save) hooks.save(final_state);
  return result_from_state(p, final_state);
}

// A learning model of class Model on `data`: its chains, observed by observe_learning_replica.
template <class Model>
SampleResult run_learning(const PointParameters& p, int sample, const models::Patterns& xi,
                          const models::Examples& data, models::Interaction interaction,
                          const ProgressCallback& progress, const CheckpointHooks& hooks) {
  const auto make_model = [&](engine::Spins s) { return Model(data, p.P, interaction, std::move(s)); };
  const observables::SeriesLayout layout = series_layout(p);
  const auto observe = [&data, layout](const Model& m) {
    return observables::observe_learning_replica(data, m.spins(), m.energy() / static_cast<double>(m.N()), layout);
  };
  return with_rule(p.rule, [&](auto make_rule) {
    return run_chains<Model>(p, sample, xi, &data, make_model, observe, make_rule, progress, hooks);
  });
}

}  // namespace

double sweep_work(const PointParameters& p) { return sweep_work(p.type, p.evaluation, p.N, p.K, p.M); }

SampleResult result_from_state(const PointParameters& p, const ChainState& st) {
  const auto recorder = observables::SampleRecorder::from_state(p.record_patterns, p.replicas, p.sweeps / p.measure_every,
                                                                p.trajectories, st.recorder,
                                                                observables::extra_series_width(series_layout(p)));
  SampleResult out;
  out.record = recorder.finish();
  out.acceptance = static_cast<double>(st.accepted) / (static_cast<double>(p.sweeps) * p.N * p.replicas);
  out.exact_arithmetic = st.exact_arithmetic;
  out.final_state = serialize(st);
  return out;
}

SampleResult simulate_sample(const PointParameters& p, int sample, const ProgressCallback& progress,
                             const CheckpointHooks& hooks) {
  if (hooks.start && hooks.start->finished(p)) return result_from_state(p, *hooks.start);
  // Archetypes from the `patterns` stream (no point index), then for the learning models the
  // examples from their own streams (models/examples.hpp: no point index, no temperature): the data
  // are regenerated identically on resume, so a checkpoint needs only spins, RNG positions and
  // the recorder (docs/checkpoints.md).
  engine::Stream pattern_rng(engine::streams::patterns(p.seed, static_cast<std::uint32_t>(sample)));
  const models::Patterns xi = models::draw_patterns(p.N, p.K, p.d, pattern_rng);
  const auto interaction = p.self_interaction ? models::Interaction::self_interaction : models::Interaction::distinct_indices;
  if (p.type == ModelType::storage) {
    const auto make_model = [&](engine::Spins s) { return models::StorageModel(xi, p.P, interaction, std::move(s)); };
    const observables::SeriesLayout layout = series_layout(p);
    const auto observe = [&xi, layout](const models::StorageModel& m) {
      return observables::observe_storage_replica(m, xi, layout);
    };
    return with_rule(p.rule, [&](auto make_rule) {
      return run_chains<models::StorageModel>(p, sample, xi, nullptr, make_model, observe, make_rule, progress, hooks);
    });
  }
  const models::Examples data =
      models::draw_examples(xi, static_cast<int>(p.M), p.r, p.seed, static_cast<std::uint32_t>(sample));
  return with_learning_model(p.type, p.evaluation, [&](auto model) {
    return run_learning<typename decltype(model)::type>(p, sample, xi, data, interaction, progress, hooks);
  });
}

double remaining_work(const PointParameters& p, std::int64_t sweeps_done) {
  return static_cast<double>(p.replicas) * static_cast<double>(p.thermalization + p.sweeps - sweeps_done) * sweep_work(p);
}

double point_work(const PointParameters& p) {
  return static_cast<double>(p.samples) * p.replicas * static_cast<double>(p.thermalization + p.sweeps) * sweep_work(p);
}

}  // namespace hebbmc::runs
