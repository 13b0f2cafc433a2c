#pragma once
// Every random stream of hebbmc, named in one place (docs/rng.md): the key of each use. The key
// layout is engine/rng.hpp; which (point, sample, replica, purpose) a stream has is decided here
// only, so two uses can never share numbers by accident and the output file's rng attributes
// describe the keys the run really used.
#include <cstdint>

#include "engine/rng.hpp"

namespace hebbmc::engine::streams {

/// Archetypes of disorder sample `sample`. No point index and no replica: every point of a sweep
/// with the same (N, K, d) sees the same patterns, so curves m(T) carry no disorder noise between points.
inline StreamKey patterns(std::uint64_t seed, std::uint32_t sample) {
  return {.seed = seed, .point = 0, .sample = sample, .replica = 0, .purpose = Purpose::patterns};
}

/// Random initial spins of one replica of a (point, sample).
inline StreamKey initial_state(std::uint64_t seed, std::uint64_t point, std::uint32_t sample, std::uint32_t replica) {
  return {.seed = seed, .point = point, .sample = sample, .replica = replica, .purpose = Purpose::initial_state};
}

/// Site flips of the noisy-pattern start of one replica of a sample: one uniform per site, site i
/// flipped iff its draw is below (1 - m0) / 2. No point index, so the points of an init_overlap
/// sweep start from nested configurations (every flip at m0 is also made at any smaller m0) and a
/// basin curve carries no start-to-start noise between its points.
inline StreamKey initial_noise(std::uint64_t seed, std::uint32_t sample, std::uint32_t replica) {
  return {.seed = seed, .point = 0, .sample = sample, .replica = replica, .purpose = Purpose::initial_noise};
}

/// The Markov chain of one replica of a (point, sample): site order and acceptance draws.
inline StreamKey chain(std::uint64_t seed, std::uint64_t point, std::uint32_t sample, std::uint32_t replica) {
  return {.seed = seed, .point = point, .sample = sample, .replica = replica, .purpose = Purpose::dynamics};
}

/// Example a of archetype mu of disorder sample `sample` (docs/learning.md, "Randomness"): point = mu,
/// replica = a. No point index and no temperature, so the data of a sample are the same at every
/// beta; example (mu, a) does not depend on K or M either.
inline StreamKey example(std::uint64_t seed, std::uint32_t sample, std::int64_t mu, int a) {
  return {.seed = seed,
          .point = static_cast<std::uint64_t>(mu),
          .sample = sample,
          .replica = static_cast<std::uint32_t>(a),
          .purpose = Purpose::examples};
}

/// The seeded choice of items of class c from a data set (docs/datasets.md, "Randomness"): point = c,
/// replica = one of the tags below, so the choices never share numbers.
inline StreamKey class_selection(std::uint64_t seed, std::int64_t c, std::uint32_t tag) {
  return {.seed = seed, .point = static_cast<std::uint64_t>(c), .sample = 0, .replica = tag, .purpose = Purpose::examples};
}
inline constexpr std::uint32_t train_selection_tag = 0;  ///< class_selection of an IDX training set's items
inline constexpr std::uint32_t test_selection_tag = 1;   ///< class_selection of an IDX test set's items
inline constexpr std::uint32_t file_order_tag = 2;       ///< class_selection: order of an HDF5 file's examples

/// Random initial spins (on blank entries) of test pattern t of `hebbmc data`: point 0, sample t.
inline StreamKey test_initial_state(std::uint64_t seed, std::int64_t t) {
  return initial_state(seed, 0, static_cast<std::uint32_t>(t), 0);
}

/// The chain that classifies test pattern t of `hebbmc data`: point 0, sample t, replica 0.
inline StreamKey test_chain(std::uint64_t seed, std::int64_t t) { return chain(seed, 0, static_cast<std::uint32_t>(t), 0); }

/// The Monte Carlo sample over pattern entries of the multitasking theory (docs/multitasking.md).
inline StreamKey theory_sample(std::uint64_t seed) { return patterns(seed, 0); }

}  // namespace hebbmc::engine::streams
