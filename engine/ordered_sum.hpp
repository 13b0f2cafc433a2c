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

}  // namespace hebbmc::engine
