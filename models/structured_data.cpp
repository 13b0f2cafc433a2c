#include "models/structured_data.hpp"

#include <algorithm>
#include <numeric>
#include <stdexcept>
#include <string>

#include "engine/stream_keys.hpp"

namespace hebbmc::models {

int median_grey_level(const std::uint8_t* pixels, std::int64_t n) {
  if (n < 1) throw std::invalid_argument("median_grey_level: no pixels");
  std::int64_t histogram[256] = {};
  for (std::int64_t i = 0; i < n; ++i) ++histogram[pixels[i]];
  const std::int64_t rank = (n - 1) / 2;  // lower median, 0-based rank
  std::int64_t below = 0;
  for (int g = 0; g < 256; ++g) {
    below += histogram[g];
    if (below > rank) return g;
  }
  return 255;  // unreachable: the histogram sums to n
}

void MeanImage::add(const std::uint8_t* pixels) {
  for (std::size_t i = 0; i < sum.size(); ++i) sum[i] += pixels[i];
  ++count;
}

std::vector<std::int8_t> binarise(const std::uint8_t* pixels, std::int64_t n, const Binarisation& rule,
                                  const MeanImage* mean) {
  if (rule.centred) {
    if (!mean || mean->count <= 0 || static_cast<std::int64_t>(mean->sum.size()) != n)
      throw std::invalid_argument("binarise: a centred rule needs the mean image of the same size");
    std::vector<std::int8_t> s(static_cast<std::size_t>(n));
    for (std::int64_t i = 0; i < n; ++i) s[i] = std::int64_t{pixels[i]} * mean->count > mean->sum[i] ? 1 : -1;  // D1c
    return s;
  }
  const int theta = rule.per_image_median ? median_grey_level(pixels, n) : rule.threshold;
  std::vector<std::int8_t> s(static_cast<std::size_t>(n));
  for (std::int64_t i = 0; i < n; ++i) s[i] = pixels[i] > theta ? 1 : -1;  // D1
  return s;
}

std::vector<std::int64_t> class_counts(const std::vector<std::uint8_t>& labels, const std::vector<int>& classes) {
  std::vector<std::int64_t> count(classes.size(), 0);
  for (std::uint8_t l : labels)
    for (std::size_t c = 0; c < classes.size(); ++c) count[c] += l == classes[c];
  return count;
}

std::vector<std::vector<std::int64_t>> select_per_class(const std::vector<std::uint8_t>& labels,
                                                        const std::vector<int>& classes, std::int64_t count,
                                                        bool random, std::uint64_t seed, std::uint32_t tag) {
  std::vector<std::vector<std::int64_t>> chosen;
  for (int c : classes) {
    std::vector<std::int64_t> items;
    for (std::size_t t = 0; t < labels.size(); ++t)
      if (labels[t] == c) items.push_back(static_cast<std::int64_t>(t));
    if (static_cast<std::int64_t>(items.size()) < count)
      throw std::invalid_argument("select_per_class: class " + std::to_string(c) + " has " +
                                  std::to_string(items.size()) + " items, " + std::to_string(count) + " wanted");
    if (random) {
      // Partial Fisher-Yates: the first `count` entries become a uniform sample without replacement.
      engine::Stream rng(engine::streams::class_selection(seed, c, tag));
      for (std::int64_t j = 0; j < count; ++j) {
        const auto k = j + static_cast<std::int64_t>(rng.below(items.size() - j));
        std::swap(items[j], items[k]);
      }
    }
    items.resize(static_cast<std::size_t>(count));
    std::sort(items.begin(), items.end());
    chosen.push_back(std::move(items));
  }
  return chosen;
}

StructuredData::StructuredData(std::int64_t N, std::int64_t K, int M, const std::vector<std::int8_t>& eta,
                               const std::optional<std::vector<std::int8_t>>& archetypes)
    : proxies_(!archetypes.has_value()) {
  if (N < 1 || K < 1 || M < 1) throw std::invalid_argument("StructuredData: N, K and M must be >= 1");
  if (static_cast<std::int64_t>(eta.size()) != K * M * N)
    throw std::invalid_argument("StructuredData: examples must hold K*M*N entries");
  if (archetypes && static_cast<std::int64_t>(archetypes->size()) != K * N)
    throw std::invalid_argument("StructuredData: archetypes must hold K*N entries");
  for (std::int8_t x : eta)
    if (x < -1 || x > 1) throw std::invalid_argument("StructuredData: example entries must be -1, 0 or +1");

  const std::int64_t C = K * M;
  std::vector<std::int8_t> xi(static_cast<std::size_t>(N * K)), ex(static_cast<std::size_t>(N * C));
  for (std::int64_t mu = 0; mu < K; ++mu)
    for (std::int64_t i = 0; i < N; ++i) {
      int sum = 0, nonblank = 0;
      for (int a = 0; a < M; ++a) {
        const std::int8_t x = eta[static_cast<std::size_t>(((mu * M + a) * N) + i)];
        ex[static_cast<std::size_t>(i * C + mu * M + a)] = x;
        sum += x;
        nonblank += x != 0;
      }
      std::int8_t p;
      if (archetypes) {
        p = (*archetypes)[static_cast<std::size_t>(mu * N + i)];
        if (p < -1 || p > 1) throw std::invalid_argument("StructuredData: archetype entries must be -1, 0 or +1");
        if (p == 0 && nonblank > 0)
          throw std::invalid_argument("StructuredData: archetype " + std::to_string(mu) + " is blank at site " +
                                      std::to_string(i) + " where one of its examples is not");
      } else {
        p = nonblank == 0 ? 0 : (sum > 0 ? 1 : -1);  // D2, tie -> -1
      }
      xi[static_cast<std::size_t>(i * K + mu)] = p;
    }
  archetypes_ = std::make_unique<Patterns>(N, K, std::move(xi));
  for (std::int64_t mu = 0; mu < K; ++mu)
    if (archetypes_->nonzero(mu) == 0)
      throw std::invalid_argument("StructuredData: archetype of class " + std::to_string(mu) + " is entirely blank");

  // D3, D4 from exact integer sums.
  r_.assign(static_cast<std::size_t>(K), 0.0);
  R_hat_.assign(static_cast<std::size_t>(K), 0.0);
  for (std::int64_t mu = 0; mu < K; ++mu) {
    std::int64_t overlap = 0, w2 = 0;
    for (std::int64_t i = 0; i < N; ++i) {
      const std::int8_t p = (*archetypes_)(i, mu);
      if (p == 0) continue;
      std::int64_t w = 0;
      for (int a = 0; a < M; ++a) w += ex[static_cast<std::size_t>(i * C + mu * M + a)];
      overlap += p * w;
      w2 += w * w;
    }
    const double n = static_cast<double>(archetypes_->nonzero(mu));
    r_[mu] = static_cast<double>(overlap) / (static_cast<double>(M) * n);
    R_hat_[mu] = static_cast<double>(w2) / (static_cast<double>(M) * M * n);
  }
  const double r_avg = std::accumulate(r_.begin(), r_.end(), 0.0) / static_cast<double>(K);
  examples_ = std::make_unique<Examples>(*archetypes_, M, std::clamp(r_avg, 0.0, 1.0),
                                         Patterns(N, C, std::move(ex)));
}

}  // namespace hebbmc::models
