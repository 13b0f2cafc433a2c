// Per-replica observations of a record (observables/replica_observation.hpp).
#include "observables/replica_observation.hpp"

#include "observables/learning.hpp"
#include "observables/multitask.hpp"

namespace hebbmc::observables {

namespace {

// Appends the multitasking series of a diluted point: sorted amplitudes, the retrieved count and
// the support losses of the recorded patterns (physics.md 5(e); docs/multitasking.md).
void append_multitask_series(const models::Patterns& xi, const SeriesLayout& layout, ReplicaObservation& o) {
  if (!layout.diluted) return;
  for (double a : sorted_amplitudes(o.m)) o.extra.push_back(a);
  o.extra.push_back(retrieved_count(o.m, layout.retrieval_threshold));
  for (std::size_t mu = 0; mu < o.m.size(); ++mu) {
    const std::int64_t n = xi.nonzero(static_cast<std::int64_t>(mu));
    o.extra.push_back(n > 0 ? support_loss(o.m[mu], xi.N(), n) : 0.0);
  }
}

// Appends |m_mu| and m_mu^2 of the recorded patterns, the last extra series of every point.
void append_m_moments(ReplicaObservation& o) {
  for (double m : o.m) o.extra.push_back(m < 0 ? -m : m);
  for (double m : o.m) o.extra.push_back(m * m);
}

}  // namespace

ReplicaObservation observe_storage_replica(const models::StorageModel& model, const models::Patterns& xi,
                                           const SeriesLayout& layout) {
  ReplicaObservation o;
  o.m.resize(static_cast<std::size_t>(layout.patterns));
  for (int mu = 0; mu < layout.patterns; ++mu) o.m[mu] = model.mattis(mu);
  o.energy = model.energy() / static_cast<double>(model.N());
  append_multitask_series(xi, layout, o);
  append_m_moments(o);
  return o;
}

ReplicaObservation observe_learning_replica(const models::Examples& data, const engine::Spins& sigma, double energy,
                                            const SeriesLayout& layout) {
  const LearningObservation l = observe_learning(data, sigma, {.archetypes = layout.patterns, .example_archetypes = 1});
  ReplicaObservation o;
  o.m = l.m;
  o.energy = energy;
  o.extra = l.nbar;
  o.extra.push_back(l.retrieval.front().dominance());
  o.extra.insert(o.extra.end(), l.loss_minus.begin(), l.loss_minus.end());
  o.extra.insert(o.extra.end(), l.n_example.begin(), l.n_example.end());
  append_multitask_series(data.archetypes(), layout, o);
  append_m_moments(o);
  return o;
}

}  // namespace hebbmc::observables
