#pragma once
// The fast flip sums of the Plefka mode (docs/learning.md, eq. L11 and "Fast path"), typed by the
// arithmetic V and the half order J = P/2, in a header so that they inline into engine::sweep
// through PlefkaModel's typed kernels (models/plefka.hpp).
//
// Sum over mu of Phi_mu(T_mu - 2u_mu) - Phi_mu(T_mu), u_mu = s w_mu, by the divided difference:
// with X = T^2, X' = T'^2 = X + delta, delta = 4u(u - T),
//     Phi(T') - Phi(T) = delta * sum_{j=1..J} b_j X^(j-1),  b_j = sum_{i>=j} phi_(2i) X'^(i-j)
// (Horner in X' for the b_j, nested in a Horner in X); template J > 0 unrolls it, J = 0 reads the
// half order at run time (Jrt). V = double: exact when every intermediate is an integer below 2^53;
// V = uint64: exact modulo 2^64 (a ring homomorphism), so the true sum is its representative in
// [-2^63, 2^63) when it lies there. Every partial sum is exact, so the order of the additions does
// not matter, and both return the same integer as the 128-bit path, as a double (exact conversion
// for f64; correctly rounded from int64, like the 128-bit path's).
#include <cstdint>
#include <type_traits>

namespace hebbmc::models::plefka_kernels {

/// Lanes per block of the fast kernels; K is padded to a multiple.
inline constexpr int kBlock = 4;

/// True where the uint64 sum runs scalar (difference_sum_scalar): GCC on x86 below AVX-512DQ.
#if defined(__GNUC__) && !defined(__clang__) && !defined(__AVX512DQ__)
inline constexpr bool kScalarU64 = true;
#else
inline constexpr bool kScalarU64 = false;
#endif

/// One lane: Phi(T') - Phi(T) for overlap t and u = s w, coefficients coef[j * Kp + mu], j = 0..JJ.
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

/// The sum of eq. L11 in blocks of kBlock independent lanes (no branch, vectorised). The overlaps
/// T and coefficients are padded to Kp; the teacher row w of site k (K int32) is read in place for
/// the full blocks and from `tail`, the site's last partial block zero-padded (w = 0 gives
/// delta = 0, no contribution).
template <class V, int J>
double difference_sum(const V* coef, const V* T, const std::int32_t* w, const std::int32_t* tail, int s_int,
                      std::int64_t K, std::int64_t Kp, int Jrt) {
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

/// The uint64 sum one archetype at a time, kept scalar: without a vector 64-bit multiply (x86
/// below AVX-512DQ) GCC's emulated one makes the vectorised kernel ~2x slower than scalar code
/// (measured, K = 10). The empty asm makes the running sum opaque to the vectoriser only, so the
/// function still inlines. Same sum as difference_sum.
template <int J>
double difference_sum_scalar(const std::uint64_t* coef, const std::uint64_t* T, const std::int32_t* w, int s_int,
                             std::int64_t K, std::int64_t Kp, int Jrt) {
  const int JJ = J > 0 ? J : Jrt;
  const auto s = static_cast<std::uint64_t>(static_cast<std::int64_t>(s_int));
  std::uint64_t sum = 0;
  for (std::int64_t mu = 0; mu < K; ++mu) {
    sum += lane_difference<std::uint64_t, J>(coef, T[mu], s * static_cast<std::uint64_t>(static_cast<std::int64_t>(w[mu])), mu, Kp, JJ);
    __asm__("" : "+r"(sum));
  }
  return static_cast<double>(static_cast<std::int64_t>(sum));
}

/// The fast sum of eq. L11 in arithmetic V: difference_sum, or its scalar form for uint64 where
/// GCC would emulate the vector multiply.
template <class V, int J>
double flip_sum(const V* coef, const V* T, const std::int32_t* w, const std::int32_t* tail, int s_int, std::int64_t K,
                std::int64_t Kp, int Jrt) {
  if constexpr (kScalarU64 && std::is_same_v<V, std::uint64_t>) return difference_sum_scalar<J>(coef, T, w, s_int, K, Kp, Jrt);
  else return difference_sum<V, J>(coef, T, w, tail, s_int, K, Kp, Jrt);
}

}  // namespace hebbmc::models::plefka_kernels
