#pragma once
// Order parameters computed from spin configurations (physics.md section 2).
#include <cstdint>
#include <vector>

#include "models/patterns.hpp"

namespace hebbmc::observables {

/// Replica overlap q = (1/N) sum_i sigma^(a)_i sigma^(b)_i of two configurations on the same disorder.
inline double replica_overlap(const std::vector<std::int8_t>& a, const std::vector<std::int8_t>& b) {
  std::int64_t sum = 0;
  for (std::size_t i = 0; i < a.size(); ++i) sum += a[i] * b[i];
  return static_cast<double>(sum) / static_cast<double>(a.size());
}

/// Mean of q over all replica pairs a < b (0 pairs: returns 0).
inline double mean_pair_overlap(const std::vector<const std::vector<std::int8_t>*>& replicas) {
  double sum = 0;
  int pairs = 0;
  for (std::size_t a = 0; a < replicas.size(); ++a)
    for (std::size_t b = a + 1; b < replicas.size(); ++b, ++pairs) sum += replica_overlap(*replicas[a], *replicas[b]);
  return pairs ? sum / pairs : 0.0;
}

/// Mattis overlaps m_mu = (1/N) sum_i xi^mu_i sigma_i of a configuration with every pattern of xi.
inline std::vector<double> mattis_overlaps(const models::Patterns& xi, const std::vector<std::int8_t>& s) {
  std::vector<std::int64_t> sum(static_cast<std::size_t>(xi.K()), 0);
  for (std::int64_t i = 0; i < xi.N(); ++i) {
    const std::int8_t* x = xi.site(i);
    for (std::int64_t mu = 0; mu < xi.K(); ++mu) sum[mu] += x[mu] * s[i];
  }
  std::vector<double> m(sum.size());
  for (std::size_t mu = 0; mu < m.size(); ++mu) m[mu] = static_cast<double>(sum[mu]) / static_cast<double>(xi.N());
  return m;
}

}  // namespace hebbmc::observables
