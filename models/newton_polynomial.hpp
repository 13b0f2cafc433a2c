#pragma once
// The P-body energy of one pattern as a polynomial in its integer overlap (physics.md section 3).
//
// With x_i = v_i sigma_i / N and v in {-1,0,+1}, the power sums are p_j = M / N^j (j odd) and
// p_j = n / N^j (j even), M = sum_i v_i sigma_i the integer overlap and n the number of
// non-blank entries. Newton's identities, multiplied through by m! N^m, give the integer
// recursion (docs/hamiltonian.md, eq. H2)
//     F_m = sum_{j=1..m} (-1)^(j-1) (m-1)!/(m-j)! F_{m-j} a_j,   F_0 = 1,  a_j = M or n,
// with F_P = P! N^P e_P, so E_P = -F_P(M) / (P! N^(P-1))   (eq. H1).
// All coefficients are integers; held in doubles they are exact below 2^53.
#include <cstdint>
#include <vector>

namespace hebbmc::models {

/// Coefficients c_j (ascending powers of M) of F_P(M; n) = P! N^P e_P, distinct indices.
std::vector<double> distinct_index_polynomial(int P, double n);

/// Coefficients of F_P(M) = M^P: the full-power form with self-interaction (physics.md section 3).
std::vector<double> full_power_polynomial(int P);

/// Coefficients of h(u) = F(u - 2) - F(u): the change of F when a spin with sigma_k v_k M = u flips.
/// Valid for even F, since M -> M - 2 sigma_k v_k and F(M) = F(-M)   (docs/hamiltonian.md, eq. H3).
std::vector<double> flip_difference(const std::vector<double>& F);

/// Evaluates a polynomial with ascending coefficients at x (Horner).
double evaluate(const std::vector<double>& c, double x);

}  // namespace hebbmc::models
