#include "models/plefka.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <stdexcept>

#include "models/newton_polynomial.hpp"

namespace hebbmc::models {

namespace {

using Int = PlefkaModel::Int;
using IntPoly = std::vector<Int>;  // ascending powers
using plefka_kernels::kBlock;

}  // namespace

long double PlefkaModel::phi_bound(int P, long double M, long double L1, long double Q,
                                   const std::vector<long double>& abs_c) {
  long double b = 0;
  for (int l = 0; l <= P; l += 2) {
    long double cl = abs_c[l] * std::pow(M, static_cast<long double>(P - l));
    if (l + 2 <= P) cl += abs_c[l + 2] * ((l + 2) * (l + 1) / 2) * std::pow(M, static_cast<long double>(P - l - 2)) * Q;
    b += cl * std::pow(L1, static_cast<long double>(l));
  }
  return b;
}

bool PlefkaModel::within_exact_range(const ModelSize& size) {
  const long double N = static_cast<long double>(size.N), M = static_cast<long double>(size.M);
  const std::vector<long double> c = size.interaction == Interaction::self_interaction
                                         ? full_power_polynomial<long double>(size.P)
                                         : newton_polynomial<long double>(size.P, N, NewtonTerms::absolute_terms);
  return exact(size.K, phi_bound(size.P, M, N * M, M * M * N, c));
}

PlefkaModel::PlefkaModel(const Examples& data, int P, Interaction interaction, engine::Spins spins)
    : data_(&data), P_(P), spins_(std::move(spins)) {
  const std::int64_t N = data.N(), K = data.K();
  const int M = data.M();
  if (!supported_P.contains(P)) throw std::invalid_argument("PlefkaModel: P must be even and >= 2");
  if (static_cast<std::int64_t>(spins_.size()) != N) throw std::invalid_argument("PlefkaModel: spins size != N");
  const int J = P / 2 + 1;
  phi_.assign(static_cast<std::size_t>(J * K), 0);
  Kp_ = (K + kBlock - 1) / kBlock * kBlock;
  T_.assign(static_cast<std::size_t>(Kp_), 0);  // entries K..Kp-1 stay 0 (padding)
  const std::int64_t full = K / kBlock * kBlock;  // last partial block of each teacher row, zero-padded
  wtail_.assign(static_cast<std::size_t>(N * kBlock), 0);
  for (std::int64_t i = 0; i < N; ++i)
    for (std::int64_t mu = full; mu < K; ++mu) wtail_[i * kBlock + mu - full] = data.teacher(i, mu);
  long double bound = 0;
  for (std::int64_t mu = 0; mu < K; ++mu) {
    std::int64_t sum_w2 = 0, L1 = 0;
    for (std::int64_t i = 0; i < N; ++i) {
      const std::int64_t w = data.teacher(i, mu);
      sum_w2 += w * w;
      L1 += std::abs(w);
      T_[mu] += w * spins_[i];
    }
    const std::int64_t n = data.archetypes().nonzero(mu);
    const IntPoly c = energy_polynomial<Int>(P, static_cast<Int>(n), interaction);  // eq. H2, never rounded
    // eq. L10: phi_l = c_l M^(P-l) + C(l+2, 2) c_(l+2) M^(P-l-2) Q,  Q = M^2 n - sum_i w_i^2 = M^2 V0.
    const Int Q = static_cast<Int>(M) * M * n - sum_w2;
    std::vector<long double> abs_c(c.size());
    for (std::size_t l = 0; l < c.size(); ++l) abs_c[l] = std::abs(static_cast<long double>(c[l]));
    // In long double before any Int product can overflow.
    bound = std::max(bound, phi_bound(P, static_cast<long double>(M), static_cast<long double>(L1),
                                      static_cast<long double>(Q), abs_c));
    if (!exact(K, bound)) break;
    for (int l = 0; l <= P; l += 2) {
      Int Ml = 1;
      for (int t = 0; t < P - l; ++t) Ml *= M;  // M^(P-l)
      Int v = c[l] * Ml;
      if (l + 2 <= P) v += static_cast<Int>((l + 2) * (l + 1) / 2) * c[l + 2] * (Ml / M / M) * Q;
      phi_[(l / 2) * K + mu] = v;
    }
  }
  if (!exact(K, bound))
    throw std::invalid_argument("PlefkaModel: K (M N)^P too large for the exact 128-bit bookkeeping (docs/learning.md)");

  // Fast-path bounds (docs/learning.md, "Fast path"), per archetype, from |T|, |T'| <= L = sum_i |w_i|
  // and |u| <= W = max_i |w_i|: |u - T| = |T + T'|/2 <= L, |delta| <= 4 W L, X, X' <= Y = L^2,
  // |b_j| <= Bb_j = |phi_j| + Y Bb_(j+1), |q_j| <= Bq_j = Bb_j + Y Bq_(j+1) (each product is bounded by
  // the next partial sum), |Phi(T') - Phi(T)| <= 4 W L Bq_1. In long double (64-bit mantissa); the
  // thresholds 2^52 and 2^62 leave a factor 2 for its rounding.
  long double f64_max = 0, diff_sum = 0;
  for (std::int64_t mu = 0; mu < K; ++mu) {
    long double L = 0, W = 0;
    for (std::int64_t i = 0; i < N; ++i) {
      const long double w = std::abs(static_cast<long double>(data.teacher(i, mu)));
      L += w;
      W = std::max(W, w);
    }
    const long double Y = L * L;
    auto coef = [&](int j) { return std::abs(static_cast<long double>(phi_[j * K + mu])); };
    long double Bb = coef(J - 1), Bq = Bb;
    for (int j = J - 2; j >= 1; --j) {
      Bb = coef(j) + Y * Bb;
      Bq = Bb + Y * Bq;
    }
    const long double diff = 4 * W * L * Bq;
    f64_max = std::max({f64_max, Y, 4 * W, Bb, Bq, 4 * W * L, diff});
    diff_sum += diff;
  }
  f64_bound_ = std::max(f64_max, diff_sum);
  i64_bound_ = diff_sum;
  // Padded [j][Kp] copies of phi_ (pads 0; their w = 0 makes them irrelevant anyway).
  if (i64_bound_ < 0x1.0p62L) {
    phi_u_.assign(static_cast<std::size_t>(J * Kp_), 0);
    for (int j = 0; j < J; ++j)
      for (std::int64_t mu = 0; mu < K; ++mu) phi_u_[j * Kp_ + mu] = static_cast<std::uint64_t>(phi_[j * K + mu]);  // mod 2^64
    set_arithmetic(Arithmetic::i64);
  }
  if (f64_bound_ < 0x1.0p52L) {
    phi_d_.assign(static_cast<std::size_t>(J * Kp_), 0);
    for (int j = 0; j < J; ++j)
      for (std::int64_t mu = 0; mu < K; ++mu) phi_d_[j * Kp_ + mu] = static_cast<double>(phi_[j * K + mu]);  // exact: < 2^52
    Td_.assign(T_.begin(), T_.end());
    set_arithmetic(Arithmetic::f64);
  }
  scale_ = std::pow(data.R(), -0.5 * P) /
           (std::tgamma(P + 1.0) * std::pow(static_cast<double>(M), P) * std::pow(static_cast<double>(N), P - 1.0));
}

PlefkaModel::Int PlefkaModel::phi(std::int64_t mu, Int T) const {
  const std::int64_t K = this->K();
  const Int T2 = T * T;
  Int acc = phi_[(P_ / 2) * K + mu];
  for (int j = P_ / 2 - 1; j >= 0; --j) acc = acc * T2 + phi_[j * K + mu];
  return acc;
}

void PlefkaModel::set_arithmetic(Arithmetic a) {
  if ((a == Arithmetic::f64 && phi_d_.empty()) || (a == Arithmetic::i64 && phi_u_.empty()))
    throw std::invalid_argument("PlefkaModel::set_arithmetic: not provably exact for these data (docs/learning.md)");
  arithmetic_ = a;
}

PlefkaModel::Int PlefkaModel::delta_phi(std::int64_t k) const {
  const std::int32_t* w = data_->teacher_site(k);
  const int s = spins_[k];
  Int sum = 0;
  for (std::int64_t mu = 0; mu < K(); ++mu) {  // eq. L11
    if (w[mu] == 0) continue;                  // T does not change
    const Int T = T_[mu];
    sum += phi(mu, T - 2 * static_cast<Int>(s * w[mu])) - phi(mu, T);
  }
  return sum;
}

double PlefkaModel::energy() const {
  Int sum = 0;
  for (std::int64_t mu = 0; mu < K(); ++mu) sum += phi(mu, T_[mu]);
  return -scale_ * static_cast<double>(sum);
}

double PlefkaModel::s(std::int64_t mu) const {
  return static_cast<double>(T_[mu]) / (static_cast<double>(data_->M()) * static_cast<double>(N()));
}

bool PlefkaModel::overlaps_consistent() const {
  for (std::int64_t mu = 0; mu < K(); ++mu) {
    std::int64_t T = 0;
    for (std::int64_t i = 0; i < N(); ++i) T += static_cast<std::int64_t>(data_->teacher(i, mu)) * spins_[i];
    if (T != T_[mu]) return false;
  }
  return true;
}

}  // namespace hebbmc::models
