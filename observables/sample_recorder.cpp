#include "observables/sample_recorder.hpp"

#include <stdexcept>

namespace hebbmc::observables {

SampleRecorder::SampleRecorder(int L, int R, std::int64_t records, bool keep_trajectories)
    : L_(L), R_(R), expected_(records), keep_(keep_trajectories), m_(static_cast<std::size_t>(L)) {
  if (keep_) {
    traj_m_.assign(static_cast<std::size_t>(R) * records * L, 0.0);
    traj_energy_.assign(static_cast<std::size_t>(R) * records, 0.0);
    if (R >= 2) traj_q_.assign(static_cast<std::size_t>(records), 0.0);
  }
}

void SampleRecorder::record(const std::vector<ReplicaObservation>& replicas, double q) {
  if (static_cast<int>(replicas.size()) != R_) throw std::invalid_argument("SampleRecorder: wrong replica count");
  for (int mu = 0; mu < L_; ++mu) {
    double sum = 0;
    for (const auto& r : replicas) sum += r.m[mu];
    m_[mu].add(sum / R_);
  }
  double e = 0;
  for (const auto& r : replicas) e += r.energy;
  energy_.add(e / R_);
  if (R_ >= 2) q_.add(q);
  if (keep_ && taken_ < expected_) {
    for (int r = 0; r < R_; ++r) {
      for (int mu = 0; mu < L_; ++mu) traj_m_[(static_cast<std::size_t>(r) * expected_ + taken_) * L_ + mu] = replicas[r].m[mu];
      traj_energy_[static_cast<std::size_t>(r) * expected_ + taken_] = replicas[r].energy;
    }
    if (R_ >= 2) traj_q_[taken_] = q;
  }
  ++taken_;
}

SampleRecord SampleRecorder::finish() const {
  SampleRecord out;
  for (const auto& a : m_) out.m.push_back(a.analysis());
  out.energy = energy_.analysis();
  out.has_q = R_ >= 2;
  if (out.has_q) out.q = q_.analysis();
  out.records = taken_;
  out.traj_m = traj_m_;
  out.traj_energy = traj_energy_;
  out.traj_q = traj_q_;
  return out;
}

}  // namespace hebbmc::observables
