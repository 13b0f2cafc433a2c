#pragma once
// Instruction-set variants of the hot loop (docs/performance.md, "Kernel variants").
//
// The sweep is compiled three times into the same binary, for the x86-64 baseline, for AVX2 and
// for AVX-512, and the variant is chosen once per process from the CPU. The variants differ only in
// vector width: no FMA contraction, and every floating-point sum of a kernel is added in a fixed
// order (engine/ordered_sum.hpp), so all of them give the same dE and the same chain, bit for bit.
#include <string>
#include <vector>

namespace hebbmc::engine {

/// One compiled variant of the hot loop.
enum class KernelVariant { baseline, avx2, avx512 };

/// Name of a variant as printed and recorded in output files: "x86-64", "avx2" or "avx512".
const char* name(KernelVariant v);
/// True when this CPU can run variant v (the baseline always).
bool supported(KernelVariant v);
/// Every variant this CPU can run, baseline first.
std::vector<KernelVariant> supported_variants();
/// The variant named by `text` (a name() value); throws std::invalid_argument naming the choices.
KernelVariant parse_variant(const std::string& text);
/// The variant sweeps run with: the widest the CPU supports, or the one the environment variable
/// HEBBMC_KERNELS names (to compare variants). Decided on the first call and fixed for the process;
/// throws std::invalid_argument if HEBBMC_KERNELS names an unknown or unsupported variant.
KernelVariant active_variant();

}  // namespace hebbmc::engine

/// Target attributes of the variants: ISA extensions only (arch and tuning stay those of the
/// baseline, so the baseline-compiled inline functions of the loop inline into every variant), and
/// no FMA, whose contraction would change the rounding of dE from one variant to another.
#define HEBBMC_TARGET_AVX2 "avx2,bmi,bmi2,popcnt,lzcnt,movbe,f16c"
#define HEBBMC_TARGET_AVX512 "avx512f,avx512bw,avx512dq,avx512vl,avx512cd," HEBBMC_TARGET_AVX2

namespace hebbmc::engine {

/// Calls f() compiled for AVX2: `flatten` inlines everything f calls into this function, so the
/// loops are vectorised at this width (and only here: nothing compiled for AVX2 stays out of line).
template <class F>
[[gnu::flatten, gnu::target(HEBBMC_TARGET_AVX2)]] auto call_avx2(F& f) {
  return f();
}

/// Calls f() compiled for AVX-512, like call_avx2.
template <class F>
[[gnu::flatten, gnu::target(HEBBMC_TARGET_AVX512)]] auto call_avx512(F& f) {
  return f();
}

/// Calls f() compiled for the x86-64 baseline, flattened like the others.
template <class F>
[[gnu::flatten]] auto call_baseline(F& f) {
  return f();
}

/// Runs f() in kernel variant v: the one seam through which every hot loop enters its variant.
template <class F>
auto in_variant(KernelVariant v, F&& f) {
  switch (v) {
    case KernelVariant::avx512: return call_avx512(f);
    case KernelVariant::avx2: return call_avx2(f);
    case KernelVariant::baseline: break;
  }
  return call_baseline(f);
}

}  // namespace hebbmc::engine
