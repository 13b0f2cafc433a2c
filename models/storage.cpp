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

// Binary patterns (xi^2 = 1): h(s xi M) = h_even(M) + s xi h_odd(M) (docs/hamiltonian.md, eq. H5).
// Returns sum_mu h_odd(u_mu) with u_mu = xi_mu M_mu, h_odd(u) = u (c_1 + c_3 u^2 + ...) in u^2,
// since u^2 = M^2; the caller adds the flip-independent even sum and applies the sign s.
// D = degree of h (odd).
template <int D>
double sum_odd(const std::int8_t* x, const std::int32_t* M, const double* c, std::int64_t K) {
  double acc = 0.0;
#pragma omp simd reduction(+ : acc)
  for (std::int64_t mu = 0; mu < K; ++mu) {
    const double u = static_cast<double>(x[mu] * M[mu]);
    const double u2 = u * u;
    double o = c[D];
    for (int l = D - 2; l >= 1; l -= 2) o = o * u2 + c[l];
    acc += u * o;
  }
  return acc;
}

// Same with per-pattern coefficients c[l*K + mu] and the blank-entry mask |xi|.
template <int D>
double sum_per_pattern(const std::int8_t* x, const std::int32_t* M, int s, const double* c, std::int64_t K) {
  double acc = 0.0;
#pragma omp simd reduction(+ : acc)
  for (std::int64_t mu = 0; mu < K; ++mu) {
    const double u = static_cast<double>(s * x[mu] * M[mu]);
    double h = c[D * K + mu];
    for (int l = D - 1; l >= 0; --l) h = h * u + c[l * K + mu];
    acc += static_cast<double>(x[mu] * x[mu]) * h;
  }
  return acc;
}

// h_even(M) = c_0 + c_2 M^2 + ... + c_{D-1} M^{D-1} by Horner in M^2 (eq. H5).
template <int D>
[[gnu::always_inline]] inline double even_part(std::int32_t M, const double* c) {
  const double u = static_cast<double>(M);
  const double u2 = u * u;
  double e = c[D - 1];
  for (int l = D - 3; l >= 0; l -= 2) e = e * u2 + c[l];
  return e;
}

// sum_mu h_even(M_mu), binary patterns.
template <int D>
double sum_even(const std::int32_t* M, const double* c, std::int64_t K) {
  double acc = 0.0;
#pragma omp simd reduction(+ : acc)
  for (std::int64_t mu = 0; mu < K; ++mu) acc += even_part<D>(M[mu], c);
  return acc;
}

// Applies a flip to the overlaps, M_mu -= 2 s xi_mu, and returns the new sum_mu h_even(M_mu)
// in the same pass (one stream over M instead of two).
template <int D>
double flip_and_sum_even(const std::int8_t* x, std::int32_t* M, std::int32_t two_s, const double* c, std::int64_t K) {
  double acc = 0.0;
#pragma omp simd reduction(+ : acc)
  for (std::int64_t mu = 0; mu < K; ++mu) {
    const std::int32_t m = M[mu] - two_s * x[mu];
    M[mu] = m;
    acc += even_part<D>(m, c);
  }
  return acc;
}

// Calls f(std::integral_constant<int, D>) for the odd degree D = P - 1 of h, so the Horner
// loops above are unrolled at compile time.
template <class F>
double with_degree(int D, F&& f) {
  switch (D) {
    case 1: return f(std::integral_constant<int, 1>{});
    case 3: return f(std::integral_constant<int, 3>{});
    case 5: return f(std::integral_constant<int, 5>{});
    case 7: return f(std::integral_constant<int, 7>{});
    case 9: return f(std::integral_constant<int, 9>{});
    case 11: return f(std::integral_constant<int, 11>{});
    default: throw std::invalid_argument("StorageModel: P > 12 is not supported");
  }
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

double StorageModel::flip_sum(std::int64_t k) const {
  const std::int8_t* x = patterns_->site(k);
  const int s = spins_[k];
  const std::int32_t* M = M_.data();
  const std::int64_t K = this->K();
  if (!h_shared_.empty()) {  // eq. H5: even part is flip-independent, odd part carries the sign
    const double* c = h_shared_.data();
    return even_sum_ + s * with_degree(h_degree_, [&](auto d) { return sum_odd<decltype(d)::value>(x, M, c, K); });
  }
  const double* c = h_per_pattern_.data();
  return with_degree(h_degree_, [&](auto d) { return sum_per_pattern<decltype(d)::value>(x, M, s, c, K); });
}

void StorageModel::flip(std::int64_t k) {
  const std::int8_t* x = patterns_->site(k);
  const std::int32_t two_s = 2 * spins_[k];
  std::int32_t* M = M_.data();
  const std::int64_t K = this->K();
  spins_[k] = static_cast<std::int8_t>(-spins_[k]);
  if (!h_shared_.empty()) {
    const double* c = h_shared_.data();
    even_sum_ = with_degree(h_degree_, [&](auto d) { return flip_and_sum_even<decltype(d)::value>(x, M, two_s, c, K); });
    return;
  }
#pragma omp simd
  for (std::int64_t mu = 0; mu < K; ++mu) M[mu] -= two_s * x[mu];
}

double StorageModel::even_sum() const {
  const double* c = h_shared_.data();
  return with_degree(h_degree_, [&](auto d) { return sum_even<decltype(d)::value>(M_.data(), c, K()); });
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
