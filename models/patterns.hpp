#pragma once
// Archetypes xi^mu_i in {-1, 0, +1} with P(xi = 0) = d (physics.md section 1).
//
// Stored site-major: the K entries of site i are contiguous, so a flip of spin i streams one
// contiguous column of K bytes (docs/architecture.md, "The hot loop").
#include <cstdint>
#include <vector>

#include "engine/rng.hpp"

namespace hebbmc::models {

/// K patterns over N sites, site-major, with the number of non-blank entries of each pattern.
class Patterns {
 public:
  /// Wraps site-major entries data[i*K + mu] (values -1, 0, +1).
  Patterns(std::int64_t N, std::int64_t K, std::vector<std::int8_t> data);

  std::int64_t N() const { return N_; }  ///< number of sites
  std::int64_t K() const { return K_; }  ///< number of patterns
  /// The K entries of site i, contiguous.
  const std::int8_t* site(std::int64_t i) const { return data_.data() + i * K_; }
  /// Entry xi^mu_i.
  std::int8_t operator()(std::int64_t i, std::int64_t mu) const { return data_[i * K_ + mu]; }
  /// Number of non-blank entries of pattern mu (the even power sums of section 3).
  std::int64_t nonzero(std::int64_t mu) const { return nonzero_[mu]; }
  /// True when no entry is blank (d = 0): one polynomial serves all patterns.
  bool binary() const { return binary_; }

 private:
  std::int64_t N_, K_;
  std::vector<std::int8_t> data_;
  std::vector<std::int64_t> nonzero_;
  bool binary_;
};

/// Draws K i.i.d. archetypes over N sites: 0 with probability d, else +-1 with equal odds.
Patterns draw_patterns(std::int64_t N, std::int64_t K, double d, engine::Stream& rng);

}  // namespace hebbmc::models
