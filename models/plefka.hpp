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
//
// The arithmetic and P are fixed while a sweep runs, so with_kernel hands engine::sweep a typed
// Kernel<V, J> (models/plefka_kernels.hpp) instead of deciding per proposal.
#include <cstdint>
#include <type_traits>
#include <vector>

#include "engine/spins.hpp"
#include "models/examples.hpp"
#include "models/model_size.hpp"
#include "models/path_kernel.hpp"
#include "models/plefka_kernels.hpp"
#include "models/storage.hpp"

namespace hebbmc::models {

/// Plefka-mode unsupervised Hamiltonian; an engine::KernelDispatch model.
class PlefkaModel {
 public:
  __extension__ typedef __int128 Int;  ///< exact accumulator type
  /// Arithmetic of delta_energy: double (exact integers < 2^52), int64 modulo 2^64, or __int128.
  enum class Arithmetic { f64, i64, i128 };
  /// Compile-time flip arithmetic: V = double, std::uint64_t (the i64 path, modulo 2^64) or Int (the
  /// 128-bit reference path), with J = P/2 for P <= 10 (J = 0: P/2 read at run time; always 0 for Int).
  template <class V, int J>
  struct Path {};

  /// The typed flip kernel of one path: an engine::SpinModel (models/path_kernel.hpp).
  template <class V, int J>
  using Kernel = PathKernel<PlefkaModel, Path<V, J>>;

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

  /// Calls f(kernel) once with the typed Kernel of arithmetic() and P and returns its result.
  template <class F>
  decltype(auto) with_kernel(F&& f) {
    return with_path_kernel(*this, f);
  }
  /// Calls f(Path<V, J>{}) for arithmetic() and P.
  template <class F>
  decltype(auto) with_path(F&& f) const {
    switch (arithmetic_) {
      case Arithmetic::f64: return with_half_order<double>(f);
      case Arithmetic::i64: return with_half_order<std::uint64_t>(f);
      case Arithmetic::i128: break;
    }
    return f(Path<Int, 0>{});
  }
  /// Flips spin k on one path: the same update on every path.
  template <class V, int J>
  void flip(Path<V, J>, std::int64_t k) {
    flip(k);
  }
  /// dE on one path (the model's own: with_path): -scale times the exact sum of eq. L11, rounded once
  /// to double; the three arithmetics give the same integer.
  template <class V, int J>
  double delta_energy(Path<V, J>, std::int64_t k) const {
    if constexpr (std::is_same_v<V, Int>) {
      return -scale_ * static_cast<double>(delta_phi(k));
    } else {
      return -scale_ * plefka_kernels::flip_sum<V, J>(fast_coefficients<V>(), fast_overlaps<V>(), data_->teacher_site(k),
                                                      wtail_.data() + k * plefka_kernels::kBlock, spins_[k], K(), Kp_,
                                                      P_ / 2);
    }
  }
  /// Energy change if spin k flipped; O(K P/2), eq. L11, in arithmetic() (same value in each;
  /// chooses the path per call: sweeps use with_kernel).
  double delta_energy(std::int64_t k) const;
  /// The exact integer sum_mu [Phi_mu(T_mu - 2 sigma_k w^mu_k) - Phi_mu(T_mu)] of eq. L11, in 128 bits
  /// (the reference path): delta_energy(k) is -scale times its rounding to double.
  Int delta_phi(std::int64_t k) const;
  /// Flips spin k and updates the K integer teacher overlaps (and their double copy, if kept).
  void flip(std::int64_t k) {
    const std::int32_t* w = data_->teacher_site(k);
    const std::int64_t two_s = 2 * spins_[k];
    const std::int64_t K = this->K();
    std::int64_t* T = T_.data();
#pragma omp simd
    for (std::int64_t mu = 0; mu < K; ++mu) T[mu] -= two_s * w[mu];
    if (!Td_.empty()) {  // exact: |T| <= L < 2^26
      double* Td = Td_.data();
      const double two_sd = static_cast<double>(two_s);
#pragma omp simd
      for (std::int64_t mu = 0; mu < K; ++mu) Td[mu] -= two_sd * w[mu];
    }
    spins_[k] = static_cast<std::int8_t>(-spins_[k]);
  }
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

  // Calls f(Path<V, J>{}) with J = P/2 fixed at compile time for P <= 10, else J = 0.
  template <class V, class F>
  decltype(auto) with_half_order(F& f) const {
    switch (P_ / 2) {
      case 1: return f(Path<V, 1>{});
      case 2: return f(Path<V, 2>{});
      case 3: return f(Path<V, 3>{});
      case 4: return f(Path<V, 4>{});
      case 5: return f(Path<V, 5>{});
    }
    return f(Path<V, 0>{});
  }
  // The padded coefficients of the fast path in V.
  template <class V>
  const V* fast_coefficients() const {
    if constexpr (std::is_same_v<V, double>) return phi_d_.data();
    else return phi_u_.data();
  }
  // The padded overlaps in V: the double copy, or the int64 ones read as their residues modulo 2^64.
  template <class V>
  const V* fast_overlaps() const {
    if constexpr (std::is_same_v<V, double>) return Td_.data();
    else return reinterpret_cast<const std::uint64_t*>(T_.data());
  }

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
  long double f64_bound_ = 0, i64_bound_ = 0;
  Arithmetic arithmetic_ = Arithmetic::i128;
  double scale_;                 // R^(-P/2) / (P! M^P N^(P-1))
};

inline double PlefkaModel::delta_energy(std::int64_t k) const {
  return with_path([&](auto path) { return delta_energy(path, k); });
}

}  // namespace hebbmc::models
