#include "models/supervised.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <stdexcept>

namespace hebbmc::models {

namespace {

using Int = SupervisedModel::Int;

// n^P for a 128-bit integer (self-interaction form).
Int power(Int x, int P) {
  Int out = 1;
  for (int t = 0; t < P; ++t) out *= x;
  return out;
}

}  // namespace

long double SupervisedModel::exactness_bound(const ModelSize& size, long double L1) {
  // |e_m(y)| <= L1^m / m! and the flip terms 2 y D_(P-1) are <= 2 M L1^(P-1)/(P-1)!; their sums
  // over K must stay below 2^125 (docs/learning.md, "Exactness").
  const int P = size.P;
  const bool distinct = size.interaction == Interaction::distinct_indices;
  const long double fact = std::tgamma(static_cast<long double>(P + 1));
  const long double e_bound = std::pow(L1, static_cast<long double>(P)) / (distinct ? fact : 1.0L);
  const long double flip_bound =
      2.0L * static_cast<long double>(size.M) * std::pow(L1, static_cast<long double>(P - 1)) * (distinct ? P / fact : 1.0L);
  return static_cast<long double>(size.K) * 2.0L * (e_bound + flip_bound);
}

SupervisedModel::SupervisedModel(const Examples& data, int P, Interaction interaction, engine::Spins spins)
    : data_(&data), P_(P), distinct_(interaction == Interaction::distinct_indices), spins_(std::move(spins)) {
  const std::int64_t N = data.N(), K = data.K();
  if (!supported_P.contains(P)) throw std::invalid_argument("SupervisedModel: P must be even and >= 2");
  if (static_cast<std::int64_t>(spins_.size()) != N) throw std::invalid_argument("SupervisedModel: spins size != N");
  long double L1 = 0;  // the largest sum_i |w_i|: the data's own value in exactness_bound
  for (std::int64_t mu = 0; mu < K; ++mu) {
    long double l1 = 0;
    for (std::int64_t i = 0; i < N; ++i) l1 += std::abs(data.teacher(i, mu));
    L1 = std::max(L1, l1);
  }
  if (!exact(exactness_bound({.N = N, .K = K, .M = data.M(), .P = P, .interaction = interaction}, L1)))
    throw std::invalid_argument("SupervisedModel: K (M N)^P too large for the exact 128-bit bookkeeping (docs/learning.md)");
  tracked_ = distinct_ ? P : 1;
  e_ = fresh_state();
  const double R = data.R();
  scale_ = std::pow(R, -0.5 * P) / (std::pow(static_cast<double>(data.M()), P) * std::pow(static_cast<double>(N), P - 1.0));
  if (!distinct_) scale_ /= std::tgamma(P + 1.0);
}

std::vector<SupervisedModel::Int> SupervisedModel::fresh_state() const {
  const std::int64_t N = this->N(), K = this->K();
  std::vector<Int> e(static_cast<std::size_t>(tracked_ * K), 0);
  // Subset recursion e_m <- e_m + y e_(m-1), m descending, one site at a time (integers).
  for (std::int64_t i = 0; i < N; ++i) {
    const std::int32_t* w = data_->teacher_site(i);
    for (std::int64_t mu = 0; mu < K; ++mu) {
      const Int y = static_cast<Int>(w[mu]) * spins_[i];
      for (int m = tracked_; m >= 2; --m) e[(m - 1) * K + mu] += y * e[(m - 2) * K + mu];
      e[mu] += y;
    }
  }
  return e;
}

double SupervisedModel::delta_energy(std::int64_t k) const {
  const std::int32_t* w = data_->teacher_site(k);
  const int s = spins_[k];
  const std::int64_t K = this->K();
  Int sum = 0;
  if (distinct_) {
    // eq. L5: dE = 2 scale sum_mu y D_(P-1), D_m = e_m - y D_(m-1) (deflation by site k).
    for (std::int64_t mu = 0; mu < K; ++mu) {
      const Int y = static_cast<Int>(s * w[mu]);
      Int D = 1;
      for (int m = 1; m < P_; ++m) D = e_[(m - 1) * K + mu] - y * D;
      sum += y * D;
    }
    return 2.0 * scale_ * static_cast<double>(sum);
  }
  // Self-interaction: dE = -scale sum_mu [(S - 2y)^P - S^P].
  for (std::int64_t mu = 0; mu < K; ++mu) {
    const Int S = e_[mu];
    sum += power(S - 2 * static_cast<Int>(s * w[mu]), P_) - power(S, P_);
  }
  return -scale_ * static_cast<double>(sum);
}

void SupervisedModel::flip(std::int64_t k) {
  const std::int32_t* w = data_->teacher_site(k);
  const int s = spins_[k];
  const std::int64_t K = this->K();
  // eq. L4: E_m -> E_m - 2 y D_(m-1), with D_m = E_m - y D_(m-1) taken from the old E_m.
  for (std::int64_t mu = 0; mu < K; ++mu) {
    const Int y = static_cast<Int>(s * w[mu]);
    Int D = 1;
    for (int m = 1; m <= tracked_; ++m) {
      const Int old = e_[(m - 1) * K + mu];
      e_[(m - 1) * K + mu] = old - 2 * y * D;
      D = old - y * D;
    }
  }
  spins_[k] = static_cast<std::int8_t>(-s);
}

double SupervisedModel::energy() const {
  const std::int64_t K = this->K();
  Int sum = 0;
  for (std::int64_t mu = 0; mu < K; ++mu) sum += distinct_ ? e_[(P_ - 1) * K + mu] : power(e_[mu], P_);
  return -scale_ * static_cast<double>(sum);  // eq. L2
}

double SupervisedModel::s(std::int64_t mu) const {
  return static_cast<double>(teacher_overlap(mu)) / (static_cast<double>(data_->M()) * static_cast<double>(N()));
}

bool SupervisedModel::overlaps_consistent() const { return fresh_state() == e_; }

}  // namespace hebbmc::models
