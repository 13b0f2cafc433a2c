#include "models/plefka.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <stdexcept>

namespace hebbmc::models {

namespace {

using Int = PlefkaModel::Int;
using IntPoly = std::vector<Int>;  // ascending powers

// F_P(A; n) = P! N^P e_P for a pattern with n non-blank entries and integer overlap A, by the
// integer Newton recursion of docs/hamiltonian.md eq. H2 (F = A^P for the self-interaction form).
// Same polynomial as newton_polynomial.cpp, but in 128-bit integers so that no coefficient is rounded.
IntPoly energy_polynomial(int P, std::int64_t n, Interaction interaction) {
  if (interaction == Interaction::self_interaction) {
    IntPoly c(static_cast<std::size_t>(P) + 1, 0);
    c[P] = 1;
    return c;
  }
  std::vector<IntPoly> F(static_cast<std::size_t>(P) + 1);
  F[0] = {1};
  for (int m = 1; m <= P; ++m) {
    IntPoly acc(static_cast<std::size_t>(m) + 1, 0);
    Int falling = 1;  // (m-1)!/(m-j)!
    for (int j = 1; j <= m; ++j) {
      if (j > 1) falling *= (m - j + 1);
      const Int sign = (j % 2 == 1) ? 1 : -1;
      for (std::size_t l = 0; l < F[m - j].size(); ++l) {
        if (j % 2 == 1) acc[l + 1] += sign * falling * F[m - j][l];  // a_j = A
        else acc[l] += sign * falling * n * F[m - j][l];              // a_j = n
      }
    }
    F[m] = acc;
  }
  return F[P];
}

}  // namespace

PlefkaModel::PlefkaModel(const Examples& data, int P, Interaction interaction, engine::Spins spins)
    : data_(&data), P_(P), spins_(std::move(spins)) {
  const std::int64_t N = data.N(), K = data.K();
  const int M = data.M();
  if (P < 2 || P % 2 != 0) throw std::invalid_argument("PlefkaModel: P must be even and >= 2");
  if (static_cast<std::int64_t>(spins_.size()) != N) throw std::invalid_argument("PlefkaModel: spins size != N");
  const int J = P / 2 + 1;
  phi_.assign(static_cast<std::size_t>(J * K), 0);
  T_.assign(static_cast<std::size_t>(K), 0);
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
    const IntPoly c = energy_polynomial(P, n, interaction);
    // eq. L10: phi_l = c_l M^(P-l) + C(l+2, 2) c_(l+2) M^(P-l-2) Q,  Q = M^2 n - sum_i w_i^2 = M^2 V0.
    const Int Q = static_cast<Int>(M) * M * n - sum_w2;
    long double b = 0;  // magnitude bound of Phi over |T| <= L1, in long double before any Int product can overflow
    for (int l = 0; l <= P; l += 2) {
      long double cl = std::abs(static_cast<long double>(c[l])) * std::pow(static_cast<long double>(M), P - l);
      if (l + 2 <= P)
        cl += std::abs(static_cast<long double>(c[l + 2])) * ((l + 2) * (l + 1) / 2) *
              std::pow(static_cast<long double>(M), P - l - 2) * static_cast<long double>(Q);
      b += cl * std::pow(static_cast<long double>(L1), l);
    }
    bound = std::max(bound, b);
    if (static_cast<long double>(K) * 2.0L * bound >= 0x1.0p125L) break;
    for (int l = 0; l <= P; l += 2) {
      Int Ml = 1;
      for (int t = 0; t < P - l; ++t) Ml *= M;  // M^(P-l)
      Int v = c[l] * Ml;
      if (l + 2 <= P) v += static_cast<Int>((l + 2) * (l + 1) / 2) * c[l + 2] * (Ml / M / M) * Q;
      phi_[(l / 2) * K + mu] = v;
    }
  }
  if (static_cast<long double>(K) * 2.0L * bound >= 0x1.0p125L)
    throw std::invalid_argument("PlefkaModel: K (M N)^P too large for the exact 128-bit bookkeeping (docs/learning.md)");
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

double PlefkaModel::delta_energy(std::int64_t k) const {
  const std::int32_t* w = data_->teacher_site(k);
  const int s = spins_[k];
  Int sum = 0;
  for (std::int64_t mu = 0; mu < K(); ++mu) {  // eq. L11
    if (w[mu] == 0) continue;                  // T does not change
    const Int T = T_[mu];
    sum += phi(mu, T - 2 * static_cast<Int>(s * w[mu])) - phi(mu, T);
  }
  return -scale_ * static_cast<double>(sum);
}

void PlefkaModel::flip(std::int64_t k) {
  const std::int32_t* w = data_->teacher_site(k);
  const std::int64_t two_s = 2 * spins_[k];
  for (std::int64_t mu = 0; mu < K(); ++mu) T_[mu] -= two_s * w[mu];
  spins_[k] = static_cast<std::int8_t>(-spins_[k]);
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
