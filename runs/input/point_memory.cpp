// Memory estimate of one point (docs/parameters.md, "Memory").
#include "runs/input/point_memory.hpp"

#include "models/plefka.hpp"
#include "models/storage.hpp"
#include "models/supervised.hpp"
#include "models/unsupervised.hpp"
#include "observables/recorded_series.hpp"
#include "runs/input/point_views.hpp"

namespace hebbmc::runs {

PointMemory point_memory(const PointParameters& p) {
  const double N = double(p.N), K = double(p.K), R = p.replicas, S = p.samples, L = p.record_patterns;
  const double M = double(p.M);
  const double records = double(p.sweeps / p.measure_every);
  const bool learning = p.type != ModelType::storage;
  // Per replica: spins (1 B) and site order (4 B) per site, and the model's own bookkeeping, which
  // each model states (models/*.hpp, memory_bytes).
  const models::ModelSize size{.N = p.N, .K = p.K, .M = p.M, .P = p.P};
  const bool plefka = p.type == ModelType::unsupervised && p.evaluation == Evaluation::plefka;
  const double model_bytes = p.type == ModelType::storage      ? models::StorageModel::memory_bytes(size)
                             : p.type == ModelType::supervised ? models::SupervisedModel::memory_bytes(size)
                             : plefka                          ? models::PlefkaModel::memory_bytes(size)
                                                               : models::UnsupervisedModel::memory_bytes(size);
  // Extra series besides m and energy, each kept like m (observables/recorded_series.hpp).
  const double extra = observables::extra_series_width(series_layout(p));
  // An Accumulator reserves 64 levels of 40 bytes (observables/accumulator.cpp): ~4 KiB with overhead.
  // Each finished sample also keeps its final chain state for the output (runs/io/final_state.hpp):
  // spins and site orders of every replica, and its trajectories a second time.
  return {K * N, learning ? K * N * (M + 4.0) : 0.0, R * (5.0 * N + model_bytes),
          S * ((L + 3.0 + extra) * 4096.0 + R * 5.0 * N),
          p.trajectories ? 2.0 * S * records * (R * (L + 1.0 + extra) + 1.0) * 8.0 : 0.0};
}

double point_memory_bytes(const PointParameters& p) {
  const PointMemory part = point_memory(p);
  return part.patterns + part.examples + part.replicas + part.statistics + part.trajectories;
}

}  // namespace hebbmc::runs
