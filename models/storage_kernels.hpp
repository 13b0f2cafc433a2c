#pragma once
// The flip sums of the storage model (docs/hamiltonian.md, eqs. H4-H5) for a compile-time degree D
// of the flip difference h (odd, D = P - 1): the Horner loops are unrolled and the loop over the
// patterns vectorised. In a header so that they inline into engine::sweep through StorageModel's
// typed kernels (models/storage.hpp), and so into each of its instruction-set variants; every sum
// is an engine::ordered_sum, so all variants give the same dE (engine/kernel_variant.hpp).
#include <cstdint>

#include "engine/ordered_sum.hpp"

namespace hebbmc::models::storage_kernels {

/// Binary patterns (xi^2 = 1): h(s xi M) = h_even(M) + s xi h_odd(M) (eq. H5). Returns
/// sum_mu h_odd(u_mu) with u_mu = xi_mu M_mu, h_odd(u) = u (c_1 + c_3 u^2 + ...) in u^2, since
/// u^2 = M^2; the caller adds the flip-independent even sum and applies the sign s.
template <int D>
double sum_odd(const std::int8_t* x, const std::int32_t* M, const double* c, std::int64_t K) {
  return engine::ordered_sum(K, [=](std::int64_t mu) {
    const double u = static_cast<double>(x[mu]) * static_cast<double>(M[mu]);  // exact: |u| <= N
    const double u2 = u * u;
    double o = c[D];
    for (int l = D - 2; l >= 1; l -= 2) o = o * u2 + c[l];
    return u * o;
  });
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

/// Applies a flip to the overlaps, M_mu -= 2 s xi_mu, and returns the new sum_mu h_even(M_mu)
/// in the same pass (one stream over M instead of two).
template <int D>
double flip_and_sum_even(const std::int8_t* x, std::int32_t* M, std::int32_t two_s, const double* c, std::int64_t K) {
  return engine::ordered_sum(K, [=](std::int64_t mu) {
    const std::int32_t m = M[mu] - two_s * x[mu];
    M[mu] = m;
    return even_part<D>(m, c);
  });
}

/// Applies a flip to the overlaps only, M_mu -= 2 s xi_mu (per-pattern polynomials keep no even sum).
inline void flip_overlaps(const std::int8_t* x, std::int32_t* M, std::int32_t two_s, std::int64_t K) {
#pragma omp simd
  for (std::int64_t mu = 0; mu < K; ++mu) M[mu] -= two_s * x[mu];
}

}  // namespace hebbmc::models::storage_kernels
