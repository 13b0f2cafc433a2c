#include "engine/kernel_variant.hpp"

#include <cpuid.h>

#include <cstdlib>
#include <stdexcept>

namespace hebbmc::engine {

namespace {
// Every variant, narrowest first: the order supported_variants() reports and parse_variant() tries.
constexpr KernelVariant all_variants[] = {KernelVariant::baseline, KernelVariant::avx2, KernelVariant::avx512};

// LZCNT, MOVBE and F16C from cpuid directly: not every compiler's __builtin_cpu_supports names them.
bool has_lzcnt_movbe_f16c() {
  unsigned a = 0, b = 0, c = 0, d = 0;
  if (__get_cpuid(1, &a, &b, &c, &d) == 0) return false;
  const bool movbe = (c & (1u << 22)) != 0, f16c = (c & (1u << 29)) != 0;
  if (__get_cpuid(0x80000001u, &a, &b, &c, &d) == 0) return false;
  const bool lzcnt = (c & (1u << 5)) != 0;
  return movbe && f16c && lzcnt;
}

// The variant chosen at first use; a function of the CPU and the environment only.
KernelVariant choose_variant() {
  if (const char* forced = std::getenv("HEBBMC_KERNELS"); forced != nullptr && *forced != '\0') {
    const KernelVariant v = parse_variant(forced);
    if (!supported(v))
      throw std::invalid_argument(std::string("HEBBMC_KERNELS=") + forced + ": this CPU cannot run the " + forced +
                                  " kernels");
    return v;
  }
  return supported_variants().back();
}
}  // namespace

const char* name(KernelVariant v) {
  switch (v) {
    case KernelVariant::baseline: return "x86-64";
    case KernelVariant::avx2: return "avx2";
    case KernelVariant::avx512: return "avx512";
  }
  return "unknown";
}

bool supported(KernelVariant v) {
  __builtin_cpu_init();
  switch (v) {
    case KernelVariant::baseline: return true;
    case KernelVariant::avx2:
      return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("bmi") && __builtin_cpu_supports("bmi2") &&
             __builtin_cpu_supports("popcnt") && has_lzcnt_movbe_f16c();
    case KernelVariant::avx512:
      return supported(KernelVariant::avx2) && __builtin_cpu_supports("avx512f") &&
             __builtin_cpu_supports("avx512bw") && __builtin_cpu_supports("avx512dq") &&
             __builtin_cpu_supports("avx512vl") && __builtin_cpu_supports("avx512cd");
  }
  return false;
}

std::vector<KernelVariant> supported_variants() {
  std::vector<KernelVariant> out;
  for (const KernelVariant v : all_variants)
    if (supported(v)) out.push_back(v);
  return out;
}

KernelVariant parse_variant(const std::string& text) {
  for (const KernelVariant v : all_variants)
    if (text == name(v)) return v;
  throw std::invalid_argument("unknown kernel variant '" + text + "' (choose x86-64, avx2 or avx512)");
}

KernelVariant active_variant() {
  static const KernelVariant chosen = choose_variant();
  return chosen;
}

}  // namespace hebbmc::engine
