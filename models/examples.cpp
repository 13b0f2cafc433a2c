#include "models/examples.hpp"

#include <limits>
#include <stdexcept>

#include "engine/stream_keys.hpp"

namespace hebbmc::models {

double example_R(double r, int M) { return r * r + (1.0 - r * r) / M; }

double dataset_entropy(double r, int M) {
  if (r == 0.0) return std::numeric_limits<double>::infinity();
  return (1.0 - r * r) / (M * r * r);
}

Examples::Examples(const Patterns& archetypes, int M, double r, Patterns examples)
    : archetypes_(&archetypes), M_(M), r_(r), examples_(std::move(examples)) {
  const std::int64_t N = archetypes.N(), K = archetypes.K();
  if (M < 1) throw std::invalid_argument("Examples: M must be >= 1");
  if (!(r >= 0.0 && r <= 1.0)) throw std::invalid_argument("Examples: r must be in [0, 1]");
  if (examples_.N() != N || examples_.K() != K * M) throw std::invalid_argument("Examples: examples must be N x K*M");
  w_.assign(static_cast<std::size_t>(N * K), 0);
  for (std::int64_t i = 0; i < N; ++i) {
    const std::int8_t* e = examples_.site(i);
    for (std::int64_t mu = 0; mu < K; ++mu) {
      std::int32_t w = 0;
      for (int a = 0; a < M; ++a) {
        const std::int8_t x = e[mu * M + a];
        if (archetypes(i, mu) == 0 && x != 0) throw std::invalid_argument("Examples: a blank archetype entry must stay blank");
        w += x;
      }
      w_[i * K + mu] = w;
    }
  }
}

Examples draw_examples(const Patterns& xi, int M, double r, std::uint64_t seed, std::uint32_t sample) {
  if (M < 1) throw std::invalid_argument("draw_examples: M must be >= 1");
  if (!(r >= 0.0 && r <= 1.0)) throw std::invalid_argument("draw_examples: r must be in [0, 1]");
  const std::int64_t N = xi.N(), K = xi.K(), C = K * M;
  const double p_keep = (1.0 + r) / 2.0;  // P(chi = +1)
  std::vector<std::int8_t> data(static_cast<std::size_t>(N * C));
  for (std::int64_t mu = 0; mu < K; ++mu)
    for (int a = 0; a < M; ++a) {
      engine::Stream rng(engine::streams::example(seed, sample, mu, a));
      const std::int64_t c = mu * M + a;
      for (std::int64_t i = 0; i < N; ++i) {
        const int chi = rng.uniform() < p_keep ? 1 : -1;  // same u for every r: examples couple monotonically in r
        data[i * C + c] = static_cast<std::int8_t>(chi * xi(i, mu));
      }
    }
  return Examples(xi, M, r, Patterns(N, C, std::move(data)));
}

}  // namespace hebbmc::models
