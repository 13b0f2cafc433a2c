// Initial configurations (runs/driver/initial_spins.hpp; docs/parameters.md, `init`).
#include "runs/driver/initial_spins.hpp"

#include <stdexcept>

#include "engine/stream_keys.hpp"

namespace hebbmc::runs {

namespace {

// init = "noisy_pattern" (docs/parameters.md, eq. I1): site i of archetype 1 flipped iff its draw
// u_i from the replica's initial_noise stream is below (1 - m0) / 2, so each site is flipped
// independently with that probability and E[m_1] = (1 - d) m0. Every site draws, blank or not, so
// the draw of site i does not depend on the dilution, and u < 0 (m0 = 1) / u < 1 (m0 = -1) make
// the ends exact.
void apply_noisy_pattern(const PointParameters& p, const models::Patterns& xi, int sample, int replica,
                         engine::Spins& s) {
  engine::Stream noise(engine::streams::initial_noise(p.seed, static_cast<std::uint32_t>(sample),
                                                      static_cast<std::uint32_t>(replica)));
  const double flip = (1.0 - p.init_overlap) / 2.0;
  for (std::int64_t i = 0; i < p.N; ++i) {
    const bool flipped = noise.uniform() < flip;
    if (xi(i, 0) != 0) s[i] = static_cast<std::int8_t>(flipped ? -xi(i, 0) : xi(i, 0));
  }
}

}  // namespace

// Random spins from the replica's own stream, then overwritten where the chosen start defines
// them: archetype 1, its noisy copy, the symmetric mixture sign(xi^1 + ... + xi^n) (ties and blank
// sites keep their random value), or example a of archetype 1 (its blank entries keep their random value).
engine::Spins initial_spins(const PointParameters& p, const models::Patterns& xi, const models::Examples* data,
                            int sample, int replica) {
  engine::Stream rng(engine::streams::initial_state(p.seed, static_cast<std::uint64_t>(p.index),
                                                    static_cast<std::uint32_t>(sample), static_cast<std::uint32_t>(replica)));
  engine::Spins s = engine::random_spins(p.N, rng);
  if (p.init == Init::pattern)
    for (std::int64_t i = 0; i < p.N; ++i)
      if (xi(i, 0) != 0) s[i] = xi(i, 0);
  if (p.init == Init::noisy_pattern) apply_noisy_pattern(p, xi, sample, replica, s);
  if (p.init == Init::mixture)
    for (std::int64_t i = 0; i < p.N; ++i) {
      int sum = 0;
      for (int mu = 0; mu < p.init_mixture; ++mu) sum += xi(i, mu);
      if (sum != 0) s[i] = static_cast<std::int8_t>(sum > 0 ? 1 : -1);
    }
  if (p.init == Init::example) {
    if (!data) throw std::logic_error("init = example without examples");
    for (std::int64_t i = 0; i < p.N; ++i)
      if (const std::int8_t e = data->eta(i, 0, p.init_example - 1); e != 0) s[i] = e;
  }
  return s;
}

}  // namespace hebbmc::runs
