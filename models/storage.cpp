#include "models/storage.hpp"

#include <cmath>
#include <cstdlib>
#include <stdexcept>

#include "models/newton_polynomial.hpp"

namespace hebbmc::models {

namespace {

// Largest |h(u)| over |u| <= N, bounded by sum_l |c_l| N^l.
double magnitude_bound(const std::vector<double>& h, double N) {
  double b = 0.0;
  for (std::size_t l = 0; l < h.size(); ++l) b += std::abs(h[l]) * std::pow(N, static_cast<double>(l));
  return b;
}

}  // namespace

StorageModel::StorageModel(const Patterns& patterns, int P, Interaction interaction, engine::Spins spins)
    : patterns_(&patterns), P_(P), spins_(std::move(spins)), M_(static_cast<std::size_t>(patterns.K()), 0) {
  const std::int64_t N = patterns.N(), K = patterns.K();
  if (!supported_P.contains(P)) throw std::invalid_argument("StorageModel: P must be even and in " + supported_P.text());
  if (static_cast<std::int64_t>(spins_.size()) != N) throw std::invalid_argument("StorageModel: spins size != N");
  for (std::int64_t i = 0; i < N; ++i)
    for (std::int64_t mu = 0; mu < K; ++mu) M_[mu] += patterns(i, mu) * spins_[i];
  inv_norm_ = 1.0 / (std::tgamma(P + 1.0) * std::pow(static_cast<double>(N), P - 1.0));
  h_degree_ = P - 1;
  double bound = 0.0;
  if (patterns.binary()) {
    F_shared_ = energy_polynomial<double>(P, static_cast<double>(N), interaction);
    h_shared_ = flip_difference(F_shared_);
    h_shared_.resize(static_cast<std::size_t>(P), 0.0);
    bound = static_cast<double>(K) * magnitude_bound(h_shared_, static_cast<double>(N));
    even_sum_ = even_sum();
    refresh_odd();
  } else {
    h_per_pattern_.assign(static_cast<std::size_t>(P * K), 0.0);
    F_per_pattern_.resize(static_cast<std::size_t>(K));
    for (std::int64_t mu = 0; mu < K; ++mu) {
      F_per_pattern_[mu] = energy_polynomial<double>(P, static_cast<double>(patterns.nonzero(mu)), interaction);
      auto h = flip_difference(F_per_pattern_[mu]);
      h.resize(static_cast<std::size_t>(P), 0.0);
      for (int l = 0; l < P; ++l) h_per_pattern_[l * K + mu] = h[l];
      bound += magnitude_bound(h, static_cast<double>(N));
    }
  }
  exact_ = bound < 0x1.0p53;
}

double StorageModel::even_sum() const {
  return with_path([&]<int D, bool Binary>(Path<D, Binary>) { return storage_kernels::sum_even<D>(M_.data(), h_shared_.data(), K()); });
}

void StorageModel::refresh_odd() {
  odd_.resize(static_cast<std::size_t>(K()));
  with_path([&]<int D, bool Binary>(Path<D, Binary>) {
    for (std::int64_t mu = 0; mu < K(); ++mu) odd_[mu] = storage_kernels::odd_part<D>(M_[mu], h_shared_.data());
  });
}

double StorageModel::energy() const {
  double sum = 0.0;
  for (std::int64_t mu = 0; mu < K(); ++mu) {
    const auto& F = F_shared_.empty() ? F_per_pattern_[mu] : F_shared_;
    sum += evaluate(F, static_cast<double>(M_[mu]));
  }
  return -inv_norm_ * sum;
}

bool StorageModel::overlaps_consistent() const {
  std::vector<std::int64_t> fresh(static_cast<std::size_t>(K()), 0);
  for (std::int64_t i = 0; i < N(); ++i)
    for (std::int64_t mu = 0; mu < K(); ++mu) fresh[mu] += (*patterns_)(i, mu) * spins_[i];
  for (std::int64_t mu = 0; mu < K(); ++mu)
    if (fresh[mu] != M_[mu]) return false;
  return true;
}

}  // namespace hebbmc::models
