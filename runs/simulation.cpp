#include "runs/simulation.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "engine/annealing.hpp"
#include "engine/glauber.hpp"
#include "engine/metropolis.hpp"
#include "engine/sweep.hpp"
#include "engine/zero_temperature.hpp"
#include "models/storage.hpp"
#include "observables/order_parameters.hpp"

namespace hebbmc::runs {

namespace {

engine::StreamKey key(const PointParameters& p, int sample, int replica, engine::Purpose purpose) {
  // Disorder is keyed without the point index so that every point of a sweep with the same
  // (N, K, d) sees the same patterns: curves m(T) are then free of disorder noise between points.
  const bool disorder = purpose == engine::Purpose::patterns;
  return {.seed = p.seed,
          .point = disorder ? 0u : static_cast<std::uint64_t>(p.index),
          .sample = static_cast<std::uint32_t>(sample),
          .replica = static_cast<std::uint32_t>(disorder ? 0 : replica),
          .purpose = purpose};
}

engine::Spins initial_spins(const PointParameters& p, const models::Patterns& xi, int sample, int replica) {
  engine::Stream rng(key(p, sample, replica, engine::Purpose::initial_state));
  engine::Spins s = engine::random_spins(p.N, rng);
  if (p.init == Init::pattern)  // archetype 1; its blank sites keep their random value
    for (std::int64_t i = 0; i < p.N; ++i)
      if (xi(i, 0) != 0) s[i] = xi(i, 0);
  return s;
}

observables::ReplicaObservation observe(const models::StorageModel& m, int L) {
  observables::ReplicaObservation o;
  o.m.resize(static_cast<std::size_t>(L));
  for (int mu = 0; mu < L; ++mu) o.m[mu] = m.mattis(mu);
  o.energy = m.energy() / static_cast<double>(m.N());
  return o;
}

// The state of the chains after `done` sweeps.
ChainState capture(const PointParameters& p, int sample, std::int64_t done, std::int64_t accepted,
                   const std::vector<models::StorageModel>& replicas, const std::vector<engine::Stream>& rngs,
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

// The chain proper, instantiated once per rule; make_rule(beta) builds the rule of one sweep.
// Sweeps are numbered globally, g = 0 .. thermalization + sweeps - 1; measurement sweep
// t = g - thermalization + 1 records when t is a multiple of measure_every.
template <class MakeRule>
SampleResult run_chains(const PointParameters& p, int sample, MakeRule make_rule, const ProgressCallback& progress,
                        const CheckpointHooks& hooks) {
  engine::Stream pattern_rng(key(p, sample, 0, engine::Purpose::patterns));
  const models::Patterns xi = models::draw_patterns(p.N, p.K, p.d, pattern_rng);
  const auto interaction = p.self_interaction ? models::Interaction::self_interaction : models::Interaction::distinct_indices;
  const auto order_kind = p.order == Order::random ? engine::SweepOrder::random_permutation : engine::SweepOrder::sequential;
  const ChainState* start = hooks.start;

  std::vector<models::StorageModel> replicas;
  std::vector<engine::Stream> rngs;
  std::vector<engine::SiteOrder> orders;
  for (int r = 0; r < p.replicas; ++r) {
    replicas.emplace_back(xi, p.P, interaction, start ? start->replicas[r].spins : initial_spins(p, xi, sample, r));
    rngs.emplace_back(key(p, sample, r, engine::Purpose::dynamics));
    orders.emplace_back(p.N, order_kind);
    if (start) {
      rngs[r].seek(start->replicas[r].rng_position);
      orders[r].restore(start->replicas[r].sites);
    }
  }
  const std::int64_t records = p.sweeps / p.measure_every;
  const int L = p.record_patterns;
  observables::SampleRecorder recorder =
      start ? observables::SampleRecorder::from_state(L, p.replicas, records, p.trajectories, start->recorder)
            : observables::SampleRecorder(L, p.replicas, records, p.trajectories);
  std::int64_t accepted = start ? start->accepted : 0;

  const double work_per_sweep = static_cast<double>(p.N) * static_cast<double>(p.K);
  const bool anneal = !std::isnan(p.anneal_from_T);
  const engine::LinearSchedule schedule{anneal ? p.anneal_from_T : p.T, p.T, anneal ? p.thermalization : 0};
  std::vector<observables::ReplicaObservation> obs(static_cast<std::size_t>(p.replicas));
  std::vector<const engine::Spins*> configs(static_cast<std::size_t>(p.replicas));
  const auto rule = make_rule(p.beta);
  const std::int64_t total = p.thermalization + p.sweeps;
  // Sweeps run in blocks that end at every record (and every measure_every sweeps during
  // thermalization). Within a block the replicas are independent, so they may run on several
  // threads (hooks.replica_threads) without changing any number; checkpoints fall between blocks.
  const int threads = std::max(1, std::min(hooks.replica_threads, p.replicas));
  const std::int64_t block = std::max<std::int64_t>(1, p.measure_every);
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
        obs[r] = observe(replicas[r], L);
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

}  // namespace

SampleResult result_from_state(const PointParameters& p, const ChainState& st) {
  const auto recorder = observables::SampleRecorder::from_state(p.record_patterns, p.replicas, p.sweeps / p.measure_every,
                                                                p.trajectories, st.recorder);
  SampleResult out;
  out.record = recorder.finish();
  out.acceptance = static_cast<double>(st.accepted) / (static_cast<double>(p.sweeps) * p.N * p.replicas);
  out.exact_arithmetic = st.exact_arithmetic;
  return out;
}

SampleResult simulate_sample(const PointParameters& p, int sample, const ProgressCallback& progress,
                             const CheckpointHooks& hooks) {
  if (hooks.start && hooks.start->finished(p)) return result_from_state(p, *hooks.start);
  if (p.type != ModelType::storage)
    throw std::invalid_argument("model type '" + to_string(p.type) + "' is not implemented yet");
  switch (p.rule) {
    case Rule::glauber: return run_chains(p, sample, [](double b) { return engine::Glauber{b}; }, progress, hooks);
    case Rule::metropolis: return run_chains(p, sample, [](double b) { return engine::Metropolis{b}; }, progress, hooks);
    case Rule::zero_temperature: return run_chains(p, sample, [](double) { return engine::ZeroTemperature{}; }, progress, hooks);
  }
  throw std::logic_error("unknown rule");
}

double remaining_work(const PointParameters& p, std::int64_t sweeps_done) {
  return static_cast<double>(p.replicas) * static_cast<double>(p.thermalization + p.sweeps - sweeps_done) *
         static_cast<double>(p.N) * static_cast<double>(p.K);
}

double point_work(const PointParameters& p) {
  return static_cast<double>(p.samples) * p.replicas * static_cast<double>(p.thermalization + p.sweeps) *
         static_cast<double>(p.N) * static_cast<double>(p.K);
}

}  // namespace hebbmc::runs
