#include "models/plefka.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <stdexcept>
#include <type_traits>

#include "models/newton_polynomial.hpp"

namespace hebbmc::models {

namespace {

using Int = PlefkaModel::Int;
constexpr int kBlock = 4;  // lanes per block of the fast kernels; K is padded to a multiple
using IntPoly = std::vector<Int>;  // ascending powers

// Sum over mu of Phi_mu(T_mu - 2u_mu) - Phi_mu(T_mu), u_mu = s w_mu, by the divided difference
// (docs/learning.md, "Fast path"): with X = T^2, X' = T'^2 = X + delta, delta = 4u(u - T),
//     Phi(T') - Phi(T) = delta * sum_{j=1..J} b_j X^(j-1),  b_j = sum_{i>=j} phi_i X'^(i-j)
// (Horner in X' for the b_j, nested in a Horner in X), J = P/2 (template J > 0; J = 0: runtime Jrt).
// V = double: exact when every intermediate is an integer below 2^53; V = uint64: exact modulo 2^64
// (a ring homomorphism), so the true sum is its representative in [-2^63, 2^63) when it lies there.
// The overlaps and coefficients are padded to Kp, a multiple of kBlock; the teacher row w of site k
// (K int32) is read in place for the full blocks and from `tail`, the site's last partial block
// zero-padded (prebuilt: w = 0 gives delta = 0, no contribution). Blocks of kBlock independent
// lanes: no branch, vectorised. The
// order of the additions does not matter since every partial sum is exact. Returns the sum as a
// double (exact conversion for f64; correctly rounded from int64, like the 128-bit path's).
// One lane of difference_sum: Phi(T') - Phi(T) for overlap t, u = s w (see below).
template <class V, int J>
inline V lane_difference(const V* coef, V t, V u, std::int64_t mu, std::int64_t Kp, int JJ) {
  const V delta = (V(4) * u) * (u - t);  // T'^2 - T^2
  const V x = t * t, xp = x + delta;
  V b = coef[JJ * Kp + mu], q = b;
  for (int j = (J > 0 ? J : JJ) - 1; j >= 1; --j) {
    b = b * xp + coef[j * Kp + mu];
    q = q * x + b;
  }
  return delta * q;
}

// Sum over mu of Phi_mu(T_mu - 2u_mu) - Phi_mu(T_mu), u_mu = s w_mu, by the divided difference
// (docs/learning.md, "Fast path"): with X = T^2, X' = T'^2 = X + delta, delta = 4u(u - T),
//     Phi(T') - Phi(T) = delta * sum_{j=1..J} b_j X^(j-1),  b_j = sum_{i>=j} phi_(2i) X'^(i-j)
// (Horner in X' for the b_j, nested in a Horner in X), J = P/2 (template J > 0; J = 0: runtime Jrt).
// V = double: exact when every intermediate is an integer below 2^53; V = uint64: exact modulo 2^64
// (a ring homomorphism), so the true sum is its representative in [-2^63, 2^63) when it lies there.
// The overlaps and coefficients are padded to Kp, a multiple of kBlock; the teacher row w of site k
// (K int32) is read in place for the full blocks and from `tail`, the site's last partial block
// zero-padded (prebuilt: w = 0 gives delta = 0, no contribution). Blocks of kBlock independent
// lanes: no branch, vectorised. The
// order of the additions does not matter since every partial sum is exact. Returns the sum as a
// double (exact conversion for f64; correctly rounded from int64, like the 128-bit path's).
template <class V, int J>
double difference_sum(const void* coef_v, const void* T_v, const std::int32_t* w, const std::int32_t* tail,
                      int s_int, std::int64_t K, std::int64_t Kp, int Jrt) {
  const V* coef = static_cast<const V*>(coef_v);
  const V* T = static_cast<const V*>(T_v);
  const int JJ = J > 0 ? J : Jrt;
  const V s = static_cast<V>(static_cast<std::int64_t>(s_int));  // +-1 (modulo 2^64 for uint64)
  const std::int64_t full = K / kBlock * kBlock;
  V acc[kBlock] = {};
  for (std::int64_t m0 = 0; m0 < Kp; m0 += kBlock) {
    const std::int32_t* wb = m0 < full ? w + m0 : tail;
#pragma omp simd
    for (int l = 0; l < kBlock; ++l)
      acc[l] += lane_difference<V, J>(coef, T[m0 + l], s * static_cast<V>(static_cast<std::int64_t>(wb[l])), m0 + l, Kp, JJ);
  }
  static_assert(kBlock == 4);
  const V sum = (acc[0] + acc[1]) + (acc[2] + acc[3]);
  if constexpr (std::is_same_v<V, double>) return sum;  // acc starts at +0: a zero sum is +0, as in the other paths
  else return static_cast<double>(static_cast<std::int64_t>(sum));
}

#if defined(__GNUC__) && !defined(__clang__) && !defined(__AVX512DQ__)
// Without a vector 64-bit multiply (x86 below AVX-512DQ) GCC's emulated one makes the vectorised
// uint64 kernel ~2x slower than scalar code (measured, K = 10): same sum, not vectorised.
template <int J>
__attribute__((optimize("no-tree-vectorize"))) double difference_sum_u64(const void* coef_v, const void* T_v,
                                                                          const std::int32_t* w, const std::int32_t*,
                                                                          int s_int, std::int64_t K, std::int64_t Kp,
                                                                          int Jrt) {
  const auto* coef = static_cast<const std::uint64_t*>(coef_v);
  const auto* T = static_cast<const std::uint64_t*>(T_v);
  const int JJ = J > 0 ? J : Jrt;
  const auto s = static_cast<std::uint64_t>(static_cast<std::int64_t>(s_int));
  std::uint64_t sum = 0;
  for (std::int64_t mu = 0; mu < K; ++mu)
    sum += lane_difference<std::uint64_t, J>(coef, T[mu], s * static_cast<std::uint64_t>(static_cast<std::int64_t>(w[mu])), mu, Kp, JJ);
  return static_cast<double>(static_cast<std::int64_t>(sum));
}
#define HEBBMC_PLEFKA_U64_KERNEL difference_sum_u64
#endif

// The kernel for J = P/2, compiled with a fixed J for P <= 10.
template <class V>
PlefkaModel::Kernel kernel_for(int J) {
#ifdef HEBBMC_PLEFKA_U64_KERNEL
  if constexpr (std::is_same_v<V, std::uint64_t>) {
    switch (J) {
      case 1: return &difference_sum_u64<1>;
      case 2: return &difference_sum_u64<2>;
      case 3: return &difference_sum_u64<3>;
      case 4: return &difference_sum_u64<4>;
      case 5: return &difference_sum_u64<5>;
      default: return &difference_sum_u64<0>;
    }
  }
#endif
  switch (J) {
    case 1: return &difference_sum<V, 1>;
    case 2: return &difference_sum<V, 2>;
    case 3: return &difference_sum<V, 3>;
    case 4: return &difference_sum<V, 4>;
    case 5: return &difference_sum<V, 5>;
    default: return &difference_sum<V, 0>;
  }
}

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
  kernel_ = a == Arithmetic::f64 ? kernel_for<double>(P_ / 2) : a == Arithmetic::i64 ? kernel_for<std::uint64_t>(P_ / 2) : nullptr;
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

double PlefkaModel::delta_energy(std::int64_t k) const {
  const std::int32_t* w = data_->teacher_site(k);
  const std::int32_t* tail = wtail_.data() + k * kBlock;
  switch (arithmetic_) {  // eq. L11; the three paths give the same integer sum, rounded once to double
    case Arithmetic::f64: return -scale_ * kernel_(phi_d_.data(), Td_.data(), w, tail, spins_[k], K(), Kp_, P_ / 2);
    case Arithmetic::i64: return -scale_ * kernel_(phi_u_.data(), T_.data(), w, tail, spins_[k], K(), Kp_, P_ / 2);
    case Arithmetic::i128: break;
  }
  return -scale_ * static_cast<double>(delta_phi(k));
}

void PlefkaModel::flip(std::int64_t k) {
  const std::int32_t* w = data_->teacher_site(k);
  const std::int64_t two_s = 2 * spins_[k];
  const std::int64_t K = this->K();
  std::int64_t* T = T_.data();
#pragma omp simd
  for (std::int64_t mu = 0; mu < K; ++mu) T[mu] -= two_s * w[mu];
  if (!Td_.empty()) {  // exact: |T| <= L < 2^26
    double* Td = Td_.data();
    const double two_sd = static_cast<double>(two_s);
#pragma omp simd
    for (std::int64_t mu = 0; mu < K; ++mu) Td[mu] -= two_sd * w[mu];
  }
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
