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

namespace detail {
/// B sums out[b] = sum_{mu < n} term(b, mu) in the fixed order: term mu to lane mu % kSumLanes in
/// increasing mu, the lanes paired at the end. Block is the terms per buffer of each sum; any
/// multiple of kSumLanes gives the same lanes, so the same bits. All B buffers of a block are filled
/// before any is added, so data every sum reads at mu come from memory once per block.
template <int B, std::int64_t Block, class Term>
[[gnu::always_inline]] inline void ordered_sums_in_blocks(std::int64_t n, Term&& term, double* out) {
  static_assert(Block % kSumLanes == 0 && Block > 0 && kSumLanes == 8);
  double lane[B][kSumLanes] = {};
  double t[B][Block];
  for (std::int64_t base = 0; base < n; base += Block) {
    const std::int64_t len = n - base < Block ? n - base : Block;
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
}  // namespace detail

/// sum_{mu < n} term(mu), added in the fixed order described above (same bits on every variant).
template <class Term>
[[gnu::always_inline]] inline double ordered_sum(std::int64_t n, Term&& term) {
  double out;
  detail::ordered_sums_in_blocks<1, kSumBlock>(n, [&](int, std::int64_t mu) { return term(mu); }, &out);
  return out;
}

/// B sums out[b] = sum_{mu < n} term(b, mu), each with the bits of ordered_sum(n, term(b, .)); data
/// that every sum reads at mu (the storage model's odd parts) come from memory once per block and
/// from L1 after. Blocks of kSumBlock * 4 / B terms keep the B buffers at 8 KiB together.
template <int B, class Term>
[[gnu::always_inline]] inline void ordered_sums(std::int64_t n, Term&& term, double* out) {
  detail::ordered_sums_in_blocks<B, kSumBlock * 4 / B>(n, term, out);
}

}  // namespace hebbmc::engine
