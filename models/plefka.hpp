#pragma once
// Unsupervised learning in Plefka mode (physics.md section 4; derivation in docs/learning.md,
// eqs. L7-L11): O(K) per flip instead of O(K M).
//
// Each example energy is the Newton polynomial of its integer overlap, E_P(eta^a) =
// -F(A_a)/(P! N^(P-1)) (eq. H1). Its average over the M examples of an archetype is expanded
// exactly around the mean S = (1/M) sum_a A_a = sum_i yhat_i sigma_i in the central moments
// mu_k of the A_a (eq. L7); the Plefka mode keeps k = 0 and the constant diagonal part
// V0 = n - sum_i yhat_i^2 of the variance (eq. L9):
//     (1/M) sum_a F(A_a)  ~  F(S) + F''(S) V0 / 2.
// Dropped: the off-diagonal covariance part of mu_2 and all mu_k, k >= 3 (docs/learning.md).
// With T = M S = sum_i w_i sigma_i (an integer) this is Phi(T)/M^P with Phi an even polynomial
// with integer coefficients (eq. L10), evaluated in 128-bit integers: dE is exact up to the final
// rounding. The same formula with F = A^P is physics.md's full-power version (self-interaction).
//
// Fast path (docs/learning.md, "Fast path"): dE's integer sum is also computed as the divided
// difference Phi(T') - Phi(T) = (T'^2 - T^2) Phi[T^2, T'^2], T'^2 - T^2 = 4u(u - T), u = sigma_k w_k,
// over mu in double (vectorised; when every intermediate is an integer below 2^52) or in 64-bit
// integers modulo 2^64 (vectorised with AVX-512DQ, else scalar; when the sum is below 2^62 in
// magnitude); the bounds come from
// |T| <= sum_i |w_i| and are checked at construction. Both give the same integer as the 128-bit
// path, hence a bit-identical dE; outside both ranges the 128-bit path is used.
#include <cstdint>
#include <vector>

#include "engine/spins.hpp"
#include "models/examples.hpp"
#include "models/model_size.hpp"
#include "models/storage.hpp"

namespace hebbmc::models {

/// Plefka-mode unsupervised Hamiltonian; satisfies the engine's Model concept.
class PlefkaModel {
 public:
  __extension__ typedef __int128 Int;  ///< exact accumulator type
  /// Arithmetic of delta_energy: double (exact integers < 2^52), int64 modulo 2^64, or __int128.
  enum class Arithmetic { f64, i64, i128 };
  /// Fast kernel: (padded coefficients, overlaps, teacher row of site k, its padded last block, sigma_k, K, Kp,
  /// P/2) -> the exact sum of L11 as a double.
  using Kernel = double (*)(const void*, const void*, const std::int32_t*, const std::int32_t*, int, std::int64_t,
                            std::int64_t, int);

  /// Interaction orders: every even P >= 2 (the exact range below limits the sizes instead).
  static constexpr OrderRange supported_P{};
  /// Bound on |Phi(T)| over |T| <= L1 for one archetype (eq. L10 with every term in absolute value):
  /// sum_l (|c_l| M^(P-l) + C(l+2, 2) |c_(l+2)| M^(P-l-2) Q) L1^l, from the |c_l| of F_P (eq. H2),
  /// L1 = sum_i |w_i| and Q = M^2 n - sum_i w_i^2.
  static long double phi_bound(int P, long double M, long double L1, long double Q, const std::vector<long double>& abs_c);
  /// True when K archetypes with |Phi| bounds at most `phi` keep the 128-bit sums of L11 below 2^125
  /// (docs/learning.md, "Exactness"); false also for a NaN bound.
  static bool exact(std::int64_t K, long double phi) { return static_cast<long double>(K) * 2.0L * phi < 0x1.0p125L; }
  /// True when every data set of these sizes is inside the exact range: phi_bound at its worst case
  /// L1 = N M, Q = M^2 N and |c_l| bounded over n <= N (what the validator checks before any data exist).
  static bool within_exact_range(const ModelSize& size);
  /// Estimated bytes of one replica's bookkeeping besides the spins: per site the zero-padded tail
  /// block (16 B); per archetype the teacher overlap and P/2 + 1 coefficients in 128 bits, and the
  /// fast paths' copies (an 8-byte overlap and P/2 + 1 8-byte coefficients).
  static double memory_bytes(const ModelSize& size) {
    return 16.0 * double(size.N) + double(size.K) * (8.0 + 16.0 * (size.P / 2 + 1) + 8.0 + 8.0 * (size.P / 2 + 1));
  }

  /// Model over `data` (kept by reference: must outlive the model) starting from `spins`.
  /// Throws std::invalid_argument for P outside supported_P, or when the data's own phi_bound
  /// (largest over the archetypes) is not exact().
  PlefkaModel(const Examples& data, int P, Interaction interaction, engine::Spins spins);

  /// Energy change if spin k flipped; O(K P/2), eq. L11, in arithmetic() (same value in each).
  double delta_energy(std::int64_t k) const;
  /// The exact integer sum_mu [Phi_mu(T_mu - 2 sigma_k w^mu_k) - Phi_mu(T_mu)] of eq. L11, in 128 bits
  /// (the reference path): delta_energy(k) is -scale times its rounding to double.
  Int delta_phi(std::int64_t k) const;
  /// Flips spin k and updates the K integer teacher overlaps.
  void flip(std::int64_t k);
  /// Total energy H (not per neuron), eq. L10.
  double energy() const;

  std::int64_t N() const { return data_->N(); }          ///< number of neurons
  std::int64_t K() const { return data_->K(); }          ///< number of archetypes
  int P() const { return P_; }                           ///< interaction order
  const engine::Spins& spins() const { return spins_; }  ///< current configuration
  /// Integer teacher overlap T_mu = sum_i w^mu_i sigma_i = M N s_mu.
  std::int64_t teacher_overlap(std::int64_t mu) const { return T_[mu]; }
  /// Teacher overlap s_mu = (1/N) sum_i yhat^mu_i sigma_i.
  double s(std::int64_t mu) const;
  /// Always true: the constructor refuses sizes outside the exact range.
  bool exact_arithmetic() const { return true; }
  /// Arithmetic used by delta_energy: the fastest provably exact one unless set_arithmetic changed it.
  Arithmetic arithmetic() const { return arithmetic_; }
  /// Selects the arithmetic of delta_energy (tests, benchmarks); throws std::invalid_argument if `a`
  /// is not provably exact for these data (f64 needs f64_bound() < 2^52, i64 needs i64_bound() < 2^62).
  void set_arithmetic(Arithmetic a);
  /// Bound on every intermediate of the double path (max over mu and over the sum over mu).
  long double f64_bound() const { return f64_bound_; }
  /// Bound on |sum_mu [Phi_mu(T') - Phi_mu(T)]| over all states and flips (the int64 path's condition).
  long double i64_bound() const { return i64_bound_; }
  /// Recomputes the teacher overlaps from the spins; true if they have not drifted.
  bool overlaps_consistent() const;

 private:
  Int phi(std::int64_t mu, Int T) const;  // Phi_mu(T) by Horner in T^2

  const Examples* data_;
  int P_;
  engine::Spins spins_;
  std::int64_t Kp_ = 0;               // K rounded up to the fast kernels' block of 4
  std::vector<std::int32_t> wtail_;   // per site, the last partial block of 4 teacher integers, zero-padded
  std::vector<std::int64_t> T_;       // teacher overlaps (Kp entries, padding 0)
  std::vector<double> Td_;            // the same in double (exact), kept only if the f64 path is allowed
  std::vector<Int> phi_;         // [j][mu]: coefficient of T^(2j) in Phi_mu, j = 0..P/2
  std::vector<double> phi_d_;    // phi_ padded to [j][Kp], in double (if the f64 path is allowed) ...
  std::vector<std::uint64_t> phi_u_;  // ... and modulo 2^64 (if the i64 path is allowed)
  Kernel kernel_ = nullptr;           // the fast kernel of arithmetic_ (none for i128)
  long double f64_bound_ = 0, i64_bound_ = 0;
  Arithmetic arithmetic_ = Arithmetic::i128;
  double scale_;                 // R^(-P/2) / (P! M^P N^(P-1))
};

}  // namespace hebbmc::models
