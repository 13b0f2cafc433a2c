// Which replica-symmetric equations describe one simulated point, and their solution there
// (physics.md section 5; docs/theory.md): storage 5(a)/5(b), learning 5(c)/5(d) with the exact
// finite-M teacher law (docs/learning.md L14), multitasking 5(e) for diluted storage points.
#pragma once

#include "analysis/rs/rs_learning.hpp"

#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

namespace hebbmc::analysis {

/// Hamiltonian of a point as the theory tells them apart (physics.md section 1).
enum class TheoryModel { storage, supervised, unsupervised };

/// The plain values of one simulated point that select and parametrise its RS equations.
struct TheoryQuery {
  TheoryModel model = TheoryModel::storage;  ///< which Hamiltonian
  int P = 2;                     ///< interaction order
  std::int64_t K = 0;            ///< archetypes
  double alpha = 0;              ///< load K / N^(P-1) as given (used only when alpha_given)
  bool alpha_given = false;      ///< K came from alpha (high storage); else K is finite (low storage)
  double d = 0;                  ///< dilution P(xi = 0)
  bool self_interaction = false; ///< full-power energy with self-interaction terms
  std::int64_t M = 0;            ///< examples per archetype (learning)
  double r = 0;                  ///< example quality (learning)
  bool plefka = false;           ///< unsupervised energy evaluated in Plefka mode (docs/learning.md L7-L11)
  bool zero_temperature = false; ///< T = 0 dynamics: the theory is taken at beta = +inf
  bool synchronous = false;      ///< parallel (Little) dynamics, whose stationary state is not exp(-beta H) / Z
  double T = 0;                  ///< temperature (multitasking equations)
  double beta = 0;               ///< inverse temperature of the finite-T dynamics
};

/// Why the RS theory of physics.md section 5 does not describe a point (empty if it does).
std::string theory_unsupported_reason(const TheoryQuery& q);

/// Load used by the theory: alpha when given (high storage), 0 when K is given (low storage, K finite).
double theory_alpha(const TheoryQuery& q);

/// Setting of the learning RS equations: unsupervised exact is 5(d) (noise factor gamma of L16);
/// supervised, and the Plefka mode, which to the order it keeps is the supervised Hamiltonian
/// (docs/learning.md, "Relation to the supervised model"), are 5(c) (identical at alpha = 0).
LearningSetting theory_learning_setting(const TheoryQuery& q);

/// RS values a point is compared with: m, q, energy for every model, nbar for the learning
/// models, free energy for storage (NaN where not defined).
struct PointTheory {
  double m = NAN, q = NAN, energy = NAN, free_energy = NAN, nbar = NAN;  ///< order parameters, u, f
  bool converged = false;  ///< the solver verified the fixed point
  int iterations = 0;      ///< damped iterations plus Newton steps
  double residual = NAN;   ///< max|F(x) - x| at the answer
  std::string equation, status, branch;  ///< equation cited, solver status, branch label
};

/// Retrieval-branch RS solution (start m = q = 1, resp. nbar = q = 1) of a supported non-diluted
/// point: storage 5(a)/5(b), learning 5(c)/5(d) with the binomial teacher law (eq. L14).
PointTheory solve_point_theory(const TheoryQuery& q);

/// Multitasking RS equilibrium of a diluted storage point (docs/multitasking.md MT3, MT6, MT7):
/// the lowest free energy among the stable branches.
struct MultitaskTheory {
  bool found = false;               ///< a converged stable branch exists
  std::vector<double> amplitudes;   ///< its K amplitudes, sorted descending
  double f = NAN, hessian_min = NAN;  ///< free energy (MT6), smallest Hessian eigenvalue (MT7)
  std::string branch, status;       ///< branch label, "converged" or why not
  std::string equation = "physics.md 5(e); docs/multitasking.md MT3 (state: lowest f among stable branches, MT6, MT7)";
};

/// The multitasking equilibrium of a supported diluted (d > 0) storage point at its (d, T).
MultitaskTheory solve_point_multitask(const TheoryQuery& q);

}  // namespace hebbmc::analysis
