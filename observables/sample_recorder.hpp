#pragma once
// Collects the measurements of one disorder sample: replica-averaged order parameters per
// record into accumulators, and optionally the full per-replica trajectories. Besides m, energy
// and q a model may record E extra scalar series (e.g. the learning models' nbar_mu and example
// dominance, runs/driver/simulation.hpp); with E = 0 everything, the checkpoint state included, is as
// without them.
#include <cstdint>
#include <vector>

#include "observables/accumulator.hpp"
#include "observables/jackknife.hpp"

namespace hebbmc::observables {

/// What one replica shows at one record.
struct ReplicaObservation {
  std::vector<double> m;  ///< Mattis magnetisations of the first L patterns
  double energy = 0;      ///< energy per neuron H / N
  std::vector<double> extra;  ///< the E extra series of this recorder, in its order (empty if E = 0)
};

/// Statistics (and optional trajectories) of one sample, replicas averaged per record.
struct SampleRecord {
  std::vector<BinningAnalysis> m;  ///< one per recorded pattern
  BinningAnalysis energy;          ///< energy per neuron
  BinningAnalysis q;               ///< pair-averaged replica overlap (absent if replicas < 2)
  bool has_q = false;              ///< true when at least two replicas were run
  std::int64_t records = 0;        ///< number of records taken
  std::vector<double> traj_m;      ///< [replica][record][mu], empty unless kept
  std::vector<double> traj_energy; ///< [replica][record], empty unless kept
  std::vector<double> traj_q;      ///< [record], empty unless kept (or no q)
  std::vector<BinningAnalysis> extra;  ///< one per extra series, replica-averaged per record
  std::vector<double> traj_extra;  ///< [replica][record][e], empty unless kept (or E = 0)
  /// Moments |x|, x^2, x^4 of m_1 (per replica, replica-averaged per record) and, with two or
  /// more replicas, of q: the binned jackknife behind Binder cumulants and susceptibilities.
  Jackknife moments{moments_per_order_parameter};
};

/// Feeds per-record observations into accumulators; one instance per (point, sample).
class SampleRecorder {
 public:
  /// Recorder for L patterns, R replicas and E extra series; `records` is the expected count
  /// (for trajectories).
  SampleRecorder(int L, int R, std::int64_t records, bool keep_trajectories, int E = 0);
  /// Adds one record: the observation of each replica and the pair-averaged q.
  void record(const std::vector<ReplicaObservation>& replicas, double q);
  /// Final statistics and trajectories.
  SampleRecord finish() const;
  /// Exact state for checkpoints: record count, accumulators and trajectories so far (the extra
  /// series' accumulators and trajectories appended at the end when E > 0).
  std::vector<double> state() const;
  /// Recorder for (L, R, records, keep_trajectories, E) continuing from state(); throws
  /// std::invalid_argument if the state does not fit these settings.
  static SampleRecorder from_state(int L, int R, std::int64_t records, bool keep_trajectories,
                                   const std::vector<double>& state, int E = 0);
  /// Raises the expected record count to `records` (a finished run grown to more sweeps,
  /// docs/checkpoints.md): the trajectories keep their records and make room for the new ones, so
  /// that the recorder then equals one that expected `records` from the start. Throws
  /// std::invalid_argument if `records` is below the current expected count.
  void extend(std::int64_t records);

 private:
  int L_, R_, E_;
  std::int64_t expected_, taken_ = 0;
  bool keep_;
  std::vector<Accumulator> m_;
  Accumulator energy_, q_;
  Jackknife moments_;
  std::vector<double> traj_m_, traj_energy_, traj_q_;
  std::vector<Accumulator> extra_;
  std::vector<double> traj_extra_;
};

}  // namespace hebbmc::observables
