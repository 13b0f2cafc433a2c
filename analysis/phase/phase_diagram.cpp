// Dispatcher and defaults of the storage phase diagrams (docs/theory.md, "Phase diagrams").
#include "analysis/phase/phase_diagram.hpp"

#include "analysis/numerics/branches.hpp"
#include "analysis/numerics/continuation.hpp"
#include "analysis/rs/dense_rs_model.hpp"

#include <cmath>
#include <stdexcept>

namespace hebbmc::analysis {

PhaseRequest default_phase_request(int P) {
  PhaseRequest r;
  r.P = P;
  if (P == 2) return r;
  // Dense: the window follows the T = 0 capacity and the alpha = 0 onset, which fall fast with P.
  const GaussHermite rule;
  const DenseRSModel model(P, rule);
  const Control c{{"alpha", 0.0}, {"T", 0.0}};
  const BranchSolution seed = solve_branch(model, c, model_start(model, c, "retrieval"), "retrieval");
  const FoldResult along_alpha = locate_fold(model, "alpha", seed, 1.0);
  const FoldResult along_T = locate_fold(model, "T", seed, 1.0);
  r.alpha_max = along_alpha.found ? 1.35 * along_alpha.value : 0.05;
  r.T_max = along_T.found ? 1.25 * along_T.value : 0.1;
  return r;
}

PhaseDiagram storage_phase_diagram(const PhaseRequest& request) {
  if (request.P < 2 || request.P % 2 != 0) throw std::invalid_argument("phase diagram: P must be even and >= 2");
  if (!(request.alpha_max > request.alpha_min) || !(request.T_max > request.T_min) || request.alpha_min < 0 ||
      request.T_min < 0 || request.points < 2)
    throw std::invalid_argument("phase diagram: need 0 <= alpha_min < alpha_max, 0 <= T_min < T_max, points >= 2");
  PhaseDiagram d;
  d.request = request;
  if (request.P == 2) {
    d.model = "Hopfield (AGS, P = 2)";
    detail::hopfield_phase_diagram(d);
  } else {
    d.model = "dense storage (P = " + std::to_string(request.P) + ")";
    detail::dense_phase_diagram(d);
  }
  return d;
}

}  // namespace hebbmc::analysis
