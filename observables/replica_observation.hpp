#pragma once
// What one replica contributes to a record (observables/sample_recorder.hpp): m_1..m_L, the energy
// per neuron and the point's extra series (observables/recorded_series.hpp), for the storage
// model and for the learning models. Each series has one definition: the learning quantities are
// those of observe_learning, the multitasking ones those of observables/multitask.hpp.
#include "engine/spins.hpp"
#include "models/examples.hpp"
#include "models/patterns.hpp"
#include "models/storage.hpp"
#include "observables/recorded_series.hpp"
#include "observables/sample_recorder.hpp"

namespace hebbmc::observables {

/// Record of a storage-model replica: Mattis magnetisations of patterns 1..L from the model's
/// integer overlaps, H/N, and the multitasking series when layout.diluted (patterns `xi`).
ReplicaObservation observe_storage_replica(const models::StorageModel& model, const models::Patterns& xi,
                                           const SeriesLayout& layout);

/// Record of a learning-model replica at `sigma` with energy per neuron `energy`: m_1..m_L, then
/// nbar_1..nbar_L, the example dominance of archetype 1, the losses L^-_1..L^-_L and n_{1,1..M}
/// (observe_learning with L archetypes and the examples of archetype 1: O(N (L + M))), then the
/// multitasking series when layout.diluted.
ReplicaObservation observe_learning_replica(const models::Examples& data, const engine::Spins& sigma, double energy,
                                            const SeriesLayout& layout);

}  // namespace hebbmc::observables
