// Memory estimate of one point (docs/parameters.md, "Memory").
#include "runs/input/point_memory.hpp"

namespace hebbmc::runs {

PointMemory point_memory(const PointParameters& p) {
  const double N = double(p.N), K = double(p.K), R = p.replicas, S = p.samples, L = p.record_patterns;
  const double M = double(p.M);
  const double records = double(p.sweeps / p.measure_every);
  const bool learning = p.type != ModelType::storage;
  // Flip coefficients: P doubles per pattern and a polynomial of P + 1 (models/storage.cpp, diluted case).
  const double per_pattern = 4.0 + 16.0 * p.P + 32.0;
  // Bookkeeping per archetype and replica: storage and exact unsupervised (a StorageModel over the
  // K M examples) as above; supervised P 128-bit e_m (models/supervised.hpp); Plefka one 64-bit
  // teacher overlap and P/2 + 1 128-bit coefficients (models/plefka.hpp).
  double per_archetype = per_pattern;
  if (p.type == ModelType::supervised) per_archetype = 16.0 * p.P;
  // Plefka also keeps the fast-path copies (an int64 and P/2 + 1 8-byte coefficients per archetype)
  // and a zero-padded tail block of 16 bytes per site (models/plefka.hpp).
  const bool plefka = p.type == ModelType::unsupervised && p.evaluation == Evaluation::plefka;
  if (p.type == ModelType::unsupervised)
    per_archetype = !plefka ? M * per_pattern : 8.0 + 16.0 * (p.P / 2 + 1) + 8.0 + 8.0 * (p.P / 2 + 1);
  // Extra series besides m and energy (observables/recorded_series.hpp): learning models nbar_1..nbar_L,
  // the example dominance, the losses L^-_1..L^-_L and n_{1,1..M}; diluted points the sorted amplitudes,
  // the retrieved count and the support losses.
  const double extra = (learning ? 2.0 * L + 1.0 + M : 0.0) + (p.d > 0 ? 2.0 * L + 1.0 : 0.0);
  // An Accumulator reserves 64 levels of 40 bytes (observables/accumulator.cpp): ~4 KiB with overhead.
  return {K * N, learning ? K * N * (M + 4.0) : 0.0, R * ((plefka ? 21.0 : 5.0) * N + K * per_archetype),
          S * (L + 3.0 + extra) * 4096.0,
          p.trajectories ? S * records * (R * (L + 1.0 + extra) + 1.0) * 8.0 : 0.0};
}

double point_memory_bytes(const PointParameters& p) {
  const PointMemory part = point_memory(p);
  return part.patterns + part.examples + part.replicas + part.statistics + part.trajectories;
}

}  // namespace hebbmc::runs
