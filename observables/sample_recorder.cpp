#include "observables/sample_recorder.hpp"

#include <algorithm>
#include <stdexcept>

namespace hebbmc::observables {

SampleRecorder::SampleRecorder(int L, int R, std::int64_t records, bool keep_trajectories, int E)
    : L_(L), R_(R), E_(E), expected_(records), keep_(keep_trajectories), m_(static_cast<std::size_t>(L)),
      moments_(moments_per_order_parameter * (R >= 2 ? 2 : 1)), extra_(static_cast<std::size_t>(E)) {
  if (E < 0) throw std::invalid_argument("SampleRecorder: negative extra series count");
  if (keep_) {
    traj_m_.assign(static_cast<std::size_t>(R) * records * L, 0.0);
    traj_energy_.assign(static_cast<std::size_t>(R) * records, 0.0);
    if (R >= 2) traj_q_.assign(static_cast<std::size_t>(records), 0.0);
    traj_extra_.assign(static_cast<std::size_t>(R) * records * E, 0.0);
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
  for (int k = 0; k < E_; ++k) {
    double sum = 0;
    for (const auto& r : replicas) sum += r.extra.at(static_cast<std::size_t>(k));
    extra_[k].add(sum / R_);
  }
  // Moments of m_1 averaged over replicas, then of q (docs/statistics.md, Binder cumulants).
  double mom[2 * moments_per_order_parameter] = {};
  for (const auto& r : replicas) {
    double one[moments_per_order_parameter];
    moments(r.m.empty() ? 0.0 : r.m[0], one);
    for (int j = 0; j < moments_per_order_parameter; ++j) mom[j] += one[j] / R_;
  }
  if (R_ >= 2) moments(q, std::span<double>(mom + moments_per_order_parameter, moments_per_order_parameter));
  moments_.add(std::span<const double>(mom, static_cast<std::size_t>(moments_.series())));
  if (keep_ && taken_ < expected_) {
    for (int r = 0; r < R_; ++r) {
      for (int mu = 0; mu < L_; ++mu) traj_m_[(static_cast<std::size_t>(r) * expected_ + taken_) * L_ + mu] = replicas[r].m[mu];
      traj_energy_[static_cast<std::size_t>(r) * expected_ + taken_] = replicas[r].energy;
    }
    if (R_ >= 2) traj_q_[taken_] = q;
    for (int r = 0; r < R_; ++r)
      for (int k = 0; k < E_; ++k) traj_extra_[(static_cast<std::size_t>(r) * expected_ + taken_) * E_ + k] = replicas[r].extra[k];
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
  out.moments = moments_;
  for (const auto& a : extra_) out.extra.push_back(a.analysis());
  out.traj_extra = traj_extra_;
  return out;
}

// Layout: taken, then for each accumulator (m_1..m_L, energy, q) and the moments' jackknife
// its state size and state, then the three trajectory arrays (sizes fixed by the settings); with
// E > 0 extra series, then each extra accumulator (size and state) and the extra trajectories.
// Integers below 2^53 are exact.
std::vector<double> SampleRecorder::state() const {
  std::vector<double> out{static_cast<double>(taken_)};
  auto put = [&out](const Accumulator& a) {
    const auto st = a.state();
    out.push_back(static_cast<double>(st.size()));
    out.insert(out.end(), st.begin(), st.end());
  };
  for (const auto& a : m_) put(a);
  put(energy_);
  put(q_);
  const auto jk = moments_.state();
  out.push_back(static_cast<double>(jk.size()));
  out.insert(out.end(), jk.begin(), jk.end());
  out.insert(out.end(), traj_m_.begin(), traj_m_.end());
  out.insert(out.end(), traj_energy_.begin(), traj_energy_.end());
  out.insert(out.end(), traj_q_.begin(), traj_q_.end());
  for (const auto& a : extra_) put(a);
  out.insert(out.end(), traj_extra_.begin(), traj_extra_.end());
  return out;
}

SampleRecorder SampleRecorder::from_state(int L, int R, std::int64_t records, bool keep_trajectories,
                                          const std::vector<double>& st, int E) {
  SampleRecorder r(L, R, records, keep_trajectories, E);
  std::size_t at = 0;
  auto need = [&](std::size_t n) {
    if (st.size() - at < n) throw std::invalid_argument("SampleRecorder::from_state: state too short");
  };
  need(1);
  r.taken_ = static_cast<std::int64_t>(st[at++]);
  if (r.taken_ < 0 || r.taken_ > records) throw std::invalid_argument("SampleRecorder::from_state: bad record count");
  auto get = [&](Accumulator& a) {
    need(1);
    const auto n = static_cast<std::size_t>(st[at++]);
    need(n);
    a = Accumulator::from_state(std::vector<double>(st.begin() + static_cast<std::ptrdiff_t>(at),
                                                    st.begin() + static_cast<std::ptrdiff_t>(at + n)));
    at += n;
  };
  for (auto& a : r.m_) get(a);
  get(r.energy_);
  get(r.q_);
  {
    need(1);
    const auto n = static_cast<std::size_t>(st[at++]);
    need(n);
    r.moments_ = Jackknife::from_state(std::vector<double>(st.begin() + static_cast<std::ptrdiff_t>(at),
                                                           st.begin() + static_cast<std::ptrdiff_t>(at + n)));
    at += n;
    if (r.moments_.series() != moments_per_order_parameter * (R >= 2 ? 2 : 1))
      throw std::invalid_argument("SampleRecorder::from_state: moment series do not fit the replica count");
  }
  for (auto* v : {&r.traj_m_, &r.traj_energy_, &r.traj_q_}) {
    need(v->size());
    std::copy(st.begin() + static_cast<std::ptrdiff_t>(at), st.begin() + static_cast<std::ptrdiff_t>(at + v->size()), v->begin());
    at += v->size();
  }
  for (auto& a : r.extra_) get(a);
  need(r.traj_extra_.size());
  std::copy(st.begin() + static_cast<std::ptrdiff_t>(at),
            st.begin() + static_cast<std::ptrdiff_t>(at + r.traj_extra_.size()), r.traj_extra_.begin());
  at += r.traj_extra_.size();
  if (at != st.size()) throw std::invalid_argument("SampleRecorder::from_state: state too long");
  return r;
}

void SampleRecorder::extend(std::int64_t records) {
  if (records < expected_) throw std::invalid_argument("SampleRecorder::extend: fewer records than expected");
  if (keep_) {
    // Row-major [replica][record][width]: every replica's rows move to the new stride; the
    // records not yet taken stay 0, as in a recorder made for `records`.
    auto restride = [&](std::vector<double>& v, std::size_t rows, std::size_t width) {
      std::vector<double> out(rows * static_cast<std::size_t>(records) * width, 0.0);
      for (std::size_t r = 0; r < rows; ++r)
        std::copy_n(v.begin() + static_cast<std::ptrdiff_t>(r * static_cast<std::size_t>(expected_) * width),
                    static_cast<std::size_t>(expected_) * width,
                    out.begin() + static_cast<std::ptrdiff_t>(r * static_cast<std::size_t>(records) * width));
      v = std::move(out);
    };
    restride(traj_m_, static_cast<std::size_t>(R_), static_cast<std::size_t>(L_));
    restride(traj_energy_, static_cast<std::size_t>(R_), 1);
    if (R_ >= 2) restride(traj_q_, 1, 1);
    restride(traj_extra_, static_cast<std::size_t>(R_), static_cast<std::size_t>(E_));
  }
  expected_ = records;
}

}  // namespace hebbmc::observables
