#pragma once
// The flip sums of the storage model (docs/hamiltonian.md, eqs. H4-H5) for a compile-time degree D
// of the flip difference h (odd, D = P - 1): the Horner loops are unrolled and the loop over the
// patterns vectorised. In a header so that they inline into engine::sweep through StorageModel's
// typed kernels (models/storage.hpp), and so into each of its instruction-set variants; every sum
// is an engine::ordered_sum, so all variants give the same dE (engine/kernel_variant.hpp).
#include <cstdint>

#include "engine/ordered_sum.hpp"

namespace hebbmc::models::storage_kernels {

/// h_odd(M) = M (c_1 + c_3 M^2 + ...) by Horner in M^2 (eq. H5): the odd part of h at the
/// overlap, which binary patterns reduce to sign times this value (h_odd(xi M) = xi h_odd(M)).
template <int D>
[[gnu::always_inline]] inline double odd_part(std::int32_t M, const double* c) {
  const double u = static_cast<double>(M);  // exact: |M| <= N
  const double u2 = u * u;
  double o = c[D];
  for (int l = D - 2; l >= 1; l -= 2) o = o * u2 + c[l];
  return u * o;
}

/// Binary patterns (xi^2 = 1): h(s xi M) = h_even(M) + s xi h_odd(M) (eq. H5). Returns
/// sum_mu xi_mu h_odd(M_mu) from the odd parts `g` kept beside the overlaps; the caller adds the
/// flip-independent even sum and applies the sign s. xi g is exactly the (xi M) (c_1 + c_3 M^2 ...)
/// of the direct evaluation, since multiplying by xi = +-1 does not round, so dE has the same bits.
inline double sum_odd(const std::int8_t* x, const double* g, std::int64_t K) {
  return engine::ordered_sum(K, [=](std::int64_t mu) { return static_cast<double>(x[mu]) * g[mu]; });
}

/// sum_odd for B sites at once, out[b] = sum_mu x[b][mu] g[mu], each with sum_odd's bits
/// (engine::ordered_sums): g is read from memory once for all B.
template <int B>
inline void sum_odd_block(const std::int8_t* const* x, const double* g, std::int64_t K, double* out) {
  engine::ordered_sums<B>(K, [=](int b, std::int64_t mu) { return static_cast<double>(x[b][mu]) * g[mu]; }, out);
}

/// sum_mu |xi_mu| h_mu(s xi_mu M_mu) with per-pattern coefficients c[l*K + mu] (eq. H4): the
/// blank-entry mask |xi| = xi^2 drops the patterns blank at the site.
template <int D>
double sum_per_pattern(const std::int8_t* x, const std::int32_t* M, int s, const double* c, std::int64_t K) {
  const double sd = static_cast<double>(s);
  return engine::ordered_sum(K, [=](std::int64_t mu) {
    const double xd = static_cast<double>(x[mu]);
    const double u = sd * xd * static_cast<double>(M[mu]);  // exact: |u| <= N
    double h = c[D * K + mu];
    for (int l = D - 1; l >= 0; --l) h = h * u + c[l * K + mu];
    return (xd * xd) * h;
  });
}

/// h_even(M) = c_0 + c_2 M^2 + ... + c_{D-1} M^{D-1} by Horner in M^2 (eq. H5).
template <int D>
[[gnu::always_inline]] inline double even_part(std::int32_t M, const double* c) {
  const double u = static_cast<double>(M);
  const double u2 = u * u;
  double e = c[D - 1];
  for (int l = D - 3; l >= 0; l -= 2) e = e * u2 + c[l];
  return e;
}

/// sum_mu h_even(M_mu), binary patterns (eq. H5).
template <int D>
double sum_even(const std::int32_t* M, const double* c, std::int64_t K) {
  return engine::ordered_sum(K, [=](std::int64_t mu) { return even_part<D>(M[mu], c); });
}

/// Applies a flip to the overlaps, M_mu -= 2 s xi_mu, refreshes their odd parts g_mu = h_odd(M_mu)
/// and returns the new sum_mu h_even(M_mu), all in one pass over the patterns.
template <int D>
double flip_and_sum_even(const std::int8_t* x, std::int32_t* M, double* g, std::int32_t two_s, const double* c,
                         std::int64_t K) {
  return engine::ordered_sum(K, [=](std::int64_t mu) {
    const std::int32_t m = M[mu] - two_s * x[mu];
    M[mu] = m;
    g[mu] = odd_part<D>(m, c);
    return even_part<D>(m, c);
  });
}

/// Applies a flip to the overlaps only, M_mu -= 2 s xi_mu (per-pattern polynomials keep no even sum).
inline void flip_overlaps(const std::int8_t* x, std::int32_t* M, std::int32_t two_s, std::int64_t K) {
#pragma omp simd
  for (std::int64_t mu = 0; mu < K; ++mu) M[mu] -= two_s * x[mu];
}

}  // namespace hebbmc::models::storage_kernels
