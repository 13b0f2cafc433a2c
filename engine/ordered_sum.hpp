#pragma once
// A floating-point sum whose rounding does not depend on the instruction set
// (docs/performance.md, "Kernel variants").
//
// `#pragma omp simd reduction` lets the compiler add the terms in an order that follows the
// vector width, so the AVX-512, AVX2 and baseline variants of a kernel would round differently
// whenever the terms are not exact integers. Here the order is fixed in the source: term mu goes
// to partial sum mu % kLanes, and the partial sums are combined pairwise at the end. The terms of
// a block are first computed into a small buffer by a plain element-wise loop, which the compiler
// vectorises at the width of whichever variant inlines it, then the buffer is added lane by lane.
#include <cstdint>

namespace hebbmc::engine {

/// Partial sums of ordered_sum: one 64-byte vector of doubles, two AVX2 ones, four SSE2 ones.
inline constexpr int kSumLanes = 8;
/// Terms computed per block into the stack buffer (2 KiB: stays in L1).
inline constexpr std::int64_t kSumBlock = 256;

/// sum_{mu < n} term(mu), added in the fixed order described above (same bits on every variant).
template <class Term>
[[gnu::always_inline]] inline double ordered_sum(std::int64_t n, Term&& term) {
  double lane[kSumLanes] = {};
  double t[kSumBlock];
  for (std::int64_t base = 0; base < n; base += kSumBlock) {
    const std::int64_t len = n - base < kSumBlock ? n - base : kSumBlock;
    for (std::int64_t i = 0; i < len; ++i) t[i] = term(base + i);
    std::int64_t i = 0;
    for (; i + kSumLanes <= len; i += kSumLanes)
      for (int j = 0; j < kSumLanes; ++j) lane[j] += t[i + j];
    for (int j = 0; i + j < len; ++j) lane[j] += t[i + j];
  }
  static_assert(kSumLanes == 8);
  return ((lane[0] + lane[1]) + (lane[2] + lane[3])) + ((lane[4] + lane[5]) + (lane[6] + lane[7]));
}

/// B sums out[j] = sum_{mu < n} term(j, mu), each with the rounding of ordered_sum(n, term(j, .)):
/// the same terms, lanes and final pairing per sum, so each result has ordered_sum's bits. The
/// terms of one block of all B sums are computed before they are added, so data that every sum
/// reads at mu (the storage model's odd parts) come from memory once per block and from L1 after.
template <int B, class Term>
[[gnu::always_inline]] inline void ordered_sums(std::int64_t n, Term&& term, double* out) {
  // Any block length that is a multiple of kSumLanes sends term mu to lane mu % kSumLanes in
  // increasing mu, as ordered_sum does; this one keeps the B buffers at 8 KiB together.
  constexpr std::int64_t block = kSumBlock * 4 / B;
  static_assert(block % kSumLanes == 0 && block > 0);
  double lane[B][kSumLanes] = {};
  double t[B][block];
  for (std::int64_t base = 0; base < n; base += block) {
    const std::int64_t len = n - base < block ? n - base : block;
    for (int b = 0; b < B; ++b)
      for (std::int64_t i = 0; i < len; ++i) t[b][i] = term(b, base + i);
    for (int b = 0; b < B; ++b) {
      std::int64_t i = 0;
      for (; i + kSumLanes <= len; i += kSumLanes)
        for (int j = 0; j < kSumLanes; ++j) lane[b][j] += t[b][i + j];
      for (int j = 0; i + j < len; ++j) lane[b][j] += t[b][i + j];
    }
  }
  for (int b = 0; b < B; ++b) {
    const double* l = lane[b];
    out[b] = ((l[0] + l[1]) + (l[2] + l[3])) + ((l[4] + l[5]) + (l[6] + l[7]));
  }
}

}  // namespace hebbmc::engine
