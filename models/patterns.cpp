#include "models/patterns.hpp"

#include <stdexcept>

namespace hebbmc::models {

Patterns::Patterns(std::int64_t N, std::int64_t K, std::vector<std::int8_t> data)
    : N_(N), K_(K), data_(std::move(data)), nonzero_(static_cast<std::size_t>(K), 0), binary_(true) {
  if (static_cast<std::int64_t>(data_.size()) != N * K) throw std::invalid_argument("Patterns: size != N*K");
  for (std::int64_t i = 0; i < N; ++i)
    for (std::int64_t mu = 0; mu < K; ++mu) nonzero_[mu] += data_[i * K + mu] != 0;
  for (std::int64_t mu = 0; mu < K; ++mu) binary_ = binary_ && nonzero_[mu] == N;
}

Patterns draw_patterns(std::int64_t N, std::int64_t K, double d, engine::Stream& rng) {
  std::vector<std::int8_t> data(static_cast<std::size_t>(N * K));
  if (d == 0.0) {
    // One random bit per entry: 64 entries per draw.
    for (std::size_t e = 0; e < data.size(); e += 64) {
      std::uint64_t bits = rng.next_u64();
      for (std::size_t j = e; j < data.size() && j < e + 64; ++j, bits >>= 1) data[j] = (bits & 1) ? 1 : -1;
    }
  } else {
    for (auto& x : data) {
      const double u = rng.uniform();
      x = u < d ? 0 : (u < d + (1.0 - d) / 2 ? 1 : -1);
    }
  }
  return Patterns(N, K, std::move(data));
}

}  // namespace hebbmc::models
