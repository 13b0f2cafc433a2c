#pragma once
// Data set of the learning models (physics.md section 1): M noisy examples per archetype,
// eta^{mu,a}_i = chi^{mu,a}_i xi^mu_i with P(chi = +1) = (1 + r)/2, and the teacher average
// yhat^mu = (1/M) sum_a eta^{mu,a}, stored exactly as the integer w^mu_i = M yhat^mu_i
// (docs/learning.md, eq. L1).
//
// Storage is site-major like Patterns: the K*M example entries of site i are contiguous
// (column c = mu*M + a), and so are the K teacher integers of site i.
#include <cstdint>
#include <vector>

#include "engine/rng.hpp"
#include "models/patterns.hpp"

namespace hebbmc::models {

/// R = r^2 + (1 - r^2)/M: second moment of yhat on non-blank sites (physics.md section 1).
double example_R(double r, int M);

/// Dataset entropy rho = (1 - r^2)/(M r^2), so that R = r^2 (1 + rho) (physics.md section 1).
/// +infinity at r = 0.
double dataset_entropy(double r, int M);

/// The examples of K archetypes and their teacher averages; keeps a reference to the archetypes.
class Examples {
 public:
  /// Wraps `examples` (N x K*M, column mu*M + a) of `archetypes` (must outlive this object).
  Examples(const Patterns& archetypes, int M, double r, Patterns examples);

  std::int64_t N() const { return archetypes_->N(); }  ///< number of sites
  std::int64_t K() const { return archetypes_->K(); }  ///< number of archetypes
  int M() const { return M_; }                          ///< examples per archetype
  double r() const { return r_; }                       ///< example quality
  double R() const { return example_R(r_, M_); }        ///< r^2 + (1 - r^2)/M
  double rho() const { return dataset_entropy(r_, M_); }///< (1 - r^2)/(M r^2)
  /// The archetypes xi^mu.
  const Patterns& archetypes() const { return *archetypes_; }
  /// All K*M examples as patterns, column mu*M + a (so StorageModel can run on them).
  const Patterns& examples() const { return examples_; }
  /// Example entry eta^{mu,a}_i.
  std::int8_t eta(std::int64_t i, std::int64_t mu, int a) const { return examples_(i, mu * M_ + a); }
  /// The K teacher integers w^mu_i = M yhat^mu_i of site i, contiguous (eq. L1).
  const std::int32_t* teacher_site(std::int64_t i) const { return w_.data() + i * K(); }
  /// Teacher integer w^mu_i = sum_a eta^{mu,a}_i, in [-M, M].
  std::int32_t teacher(std::int64_t i, std::int64_t mu) const { return w_[i * K() + mu]; }
  /// Teacher average yhat^mu_i = w^mu_i / M.
  double yhat(std::int64_t i, std::int64_t mu) const { return static_cast<double>(teacher(i, mu)) / M_; }

 private:
  const Patterns* archetypes_;
  int M_;
  double r_;
  Patterns examples_;
  std::vector<std::int32_t> w_;  // site-major, K per site
};

/// Draws M examples per archetype of `xi` with quality r in [0, 1]: chi_i = +1 iff u_i < (1 + r)/2,
/// one uniform u_i per site (blank sites included, so the draw does not depend on d), each
/// example from its own stream engine::streams::example(seed, sample, mu, a). Throws unless M >= 1.
Examples draw_examples(const Patterns& xi, int M, double r, std::uint64_t seed, std::uint32_t sample);

}  // namespace hebbmc::models
