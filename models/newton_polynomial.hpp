#pragma once
// The P-body energy of one pattern as a polynomial in its integer overlap (physics.md section 3).
//
// With x_i = v_i sigma_i / N and v in {-1,0,+1}, the power sums are p_j = M / N^j (j odd) and
// p_j = n / N^j (j even), M = sum_i v_i sigma_i the integer overlap and n the number of
// non-blank entries. Newton's identities, multiplied through by m! N^m, give the integer
// recursion (docs/hamiltonian.md, eq. H2)
//     F_m = sum_{j=1..m} (-1)^(j-1) (m-1)!/(m-j)! F_{m-j} a_j,   F_0 = 1,  a_j = M or n,
// with F_P = P! N^P e_P, so E_P = -F_P(M) / (P! N^(P-1))   (eq. H1).
// All coefficients are integers. The recursion is one template on the number type: double for
// the storage flip sums (exact below 2^53), __int128 for the Plefka coefficients (never rounded),
// long double for the validator's bound on the coefficients.
#include <cstddef>
#include <stdexcept>
#include <vector>

#include "models/interaction.hpp"

namespace hebbmc::models {

/// Which terms the recursion H2 adds: the signed ones (the polynomial F_P itself) or their absolute
/// values, which with n at its largest bound |c_l| for every pattern with at most n non-blank entries.
enum class NewtonTerms { signed_terms, absolute_terms };

/// Coefficients c_j (ascending powers of M) of F_P(M; n) = P! N^P e_P, distinct indices, by the
/// integer recursion of eq. H2 in the number type T (or the bound of `terms` = absolute_terms).
template <class T>
std::vector<T> newton_polynomial(int P, T n, NewtonTerms terms = NewtonTerms::signed_terms) {
  if (P < 1) throw std::invalid_argument("newton_polynomial: P must be >= 1");
  std::vector<std::vector<T>> F(static_cast<std::size_t>(P) + 1);
  F[0] = {T(1)};
  for (int m = 1; m <= P; ++m) {
    std::vector<T> acc(static_cast<std::size_t>(m) + 1, T(0));
    T falling = T(1);  // (m-1)!/(m-j)!
    for (int j = 1; j <= m; ++j) {
      if (j > 1) falling *= T(m - j + 1);
      const T coef = (j % 2 == 1 || terms == NewtonTerms::absolute_terms) ? falling : -falling;
      const std::vector<T>& prev = F[static_cast<std::size_t>(m - j)];
      for (std::size_t l = 0; l < prev.size(); ++l) {
        if (j % 2 == 1) acc[l + 1] += prev[l] * coef;  // a_j = M: one power of M up
        else acc[l] += (prev[l] * n) * coef;           // a_j = n
      }
    }
    F[static_cast<std::size_t>(m)] = std::move(acc);
  }
  return F[static_cast<std::size_t>(P)];
}

/// Coefficients of F_P(M) = M^P: the full-power form with self-interaction (physics.md section 3).
template <class T>
std::vector<T> full_power_polynomial(int P) {
  std::vector<T> c(static_cast<std::size_t>(P) + 1, T(0));
  c[static_cast<std::size_t>(P)] = T(1);
  return c;
}

/// F_P of the energy form `interaction` for a pattern with n non-blank entries (eqs. H1, H2).
template <class T>
std::vector<T> energy_polynomial(int P, T n, Interaction interaction) {
  return interaction == Interaction::distinct_indices ? newton_polynomial<T>(P, n) : full_power_polynomial<T>(P);
}

/// Coefficients of h(u) = F(u - 2) - F(u): the change of F when a spin with sigma_k v_k M = u flips.
/// Valid for even F, since M -> M - 2 sigma_k v_k and F(M) = F(-M)   (docs/hamiltonian.md, eq. H3).
std::vector<double> flip_difference(const std::vector<double>& F);

/// Evaluates a polynomial with ascending coefficients at x (Horner).
double evaluate(const std::vector<double>& c, double x);

}  // namespace hebbmc::models
