#pragma once
// Learning data sets built from structured (real) data instead of the i.i.d. generative model of
// physics.md section 1 (docs/datasets.md, eqs. D1-D4):
//   D1  binarisation of a grey-level image: sigma_i = +1 if pixel_i > theta, else -1, with theta the
//       image's own (lower) median by default or a fixed threshold; centred (D1c), theta_i is the
//       mean training image at pixel i, so sigma_i is the sign of the image minus the mean image;
//   D2  archetype proxy of class mu: xi^mu_i = sign(sum_a eta^{mu,a}_i), a tie (sum = 0 with some
//       non-blank example) -> -1, all examples blank -> 0;
//   D3  empirical quality r_mu = (1/(M n_mu)) sum_a sum_i xi^mu_i eta^{mu,a}_i (n_mu = non-blank
//       entries of xi^mu): the mean normalised overlap of an example with its proxy; with it
//       R_mu = r_mu^2 + (1 - r_mu^2)/M and rho_mu = (1 - r_mu^2)/(M r_mu^2) (physics.md section 1);
//   D4  empirical second moment Rhat_mu = (1/n_mu) sum_{i: xi != 0} yhat_i^2, which equals R_mu only
//       for independent example noise (real examples are correlated: Rhat > R).
#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

#include "models/examples.hpp"
#include "models/patterns.hpp"

namespace hebbmc::models {

/// How grey levels become Ising spins (D1).
struct Binarisation {
  bool per_image_median = true;  ///< threshold = the image's lower median pixel (default)
  int threshold = 127;           ///< fixed threshold in [0, 254], used when per_image_median is false
  bool centred = false;          ///< threshold = the mean training image pixel by pixel (D1c); overrides both
};

/// Mean image of a set of images, kept exactly as integer pixel sums over `count` images (D1c).
struct MeanImage {
  std::vector<std::int64_t> sum;  ///< sum of pixel i over the images
  std::int64_t count = 0;         ///< number of images summed
  /// Adds one image of sum.size() pixels.
  void add(const std::uint8_t* pixels);
};

/// Lower median of n >= 1 grey levels (the (n-1)/2-th smallest, 0-based).
int median_grey_level(const std::uint8_t* pixels, std::int64_t n);

/// Spins of one image by D1: +1 where pixel > threshold, -1 elsewhere. A centred rule needs `mean`
/// (D1c: +1 where pixel_i > sum_i / count, compared exactly as pixel_i count > sum_i); throws
/// std::invalid_argument if it is missing, empty or of another size.
std::vector<std::int8_t> binarise(const std::uint8_t* pixels, std::int64_t n, const Binarisation& rule,
                                  const MeanImage* mean = nullptr);

/// For each wanted class, `count` item indices with that label, ascending: the first `count` in file
/// order, or (random) a uniform choice without replacement from the stream
/// engine::streams::class_selection(seed, class label, tag). Throws
/// std::invalid_argument if a class has fewer than `count` items.
std::vector<std::vector<std::int64_t>> select_per_class(const std::vector<std::uint8_t>& labels,
                                                        const std::vector<int>& classes, std::int64_t count,
                                                        bool random, std::uint64_t seed, std::uint32_t tag);

/// Number of items of each wanted class.
std::vector<std::int64_t> class_counts(const std::vector<std::uint8_t>& labels, const std::vector<int>& classes);

/// K classes x M examples over N sites with their archetypes (given, or proxies by D2) and quality (D3, D4).
class StructuredData {
 public:
  /// From examples eta[(mu*M + a)*N + i] in {-1, 0, +1}; archetypes xi[mu*N + i] if given, else D2.
  /// Throws std::invalid_argument on inconsistent sizes, values outside {-1, 0, +1}, a class whose
  /// archetype is entirely blank, or a given archetype blank where one of its examples is not.
  StructuredData(std::int64_t N, std::int64_t K, int M, const std::vector<std::int8_t>& eta,
                 const std::optional<std::vector<std::int8_t>>& archetypes);

  std::int64_t N() const { return archetypes_->N(); }          ///< number of sites
  std::int64_t K() const { return archetypes_->K(); }          ///< number of classes
  int M() const { return examples_->M(); }                      ///< examples per class
  bool proxies() const { return proxies_; }                     ///< true if the archetypes are D2 proxies
  const Patterns& archetypes() const { return *archetypes_; }   ///< xi^mu (given or proxies)
  const Examples& examples() const { return *examples_; }       ///< the examples and teacher sums
  double r(std::int64_t mu) const { return r_[mu]; }            ///< D3
  double R(std::int64_t mu) const { return example_R(r_[mu], M()); }         ///< r^2 + (1 - r^2)/M
  double rho(std::int64_t mu) const { return dataset_entropy(r_[mu], M()); } ///< (1 - r^2)/(M r^2)
  double R_empirical(std::int64_t mu) const { return R_hat_[mu]; }           ///< D4
  /// Mean of r_mu over classes, clipped to [0, 1]: the r of the Examples (it sets R in the models'
  /// R^(-P/2) prefactor, a constant energy scale).
  double r_mean() const { return examples_->r(); }

 private:
  bool proxies_;
  std::unique_ptr<Patterns> archetypes_;  // heap: Examples keeps a pointer to it, so moves keep it valid
  std::unique_ptr<Examples> examples_;
  std::vector<double> r_, R_hat_;
};

}  // namespace hebbmc::models
