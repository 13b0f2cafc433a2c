// Phase diagrams of the storage model in the (alpha, T) plane (docs/theory.md, "Phase diagrams"):
// transition lines as point lists with a status per point, and single-number anchors.
#pragma once

#include <limits>
#include <string>
#include <vector>

namespace hebbmc::analysis {

/// What to compute: the model (P), the window, the resolution and the root tolerance.
struct PhaseRequest {
  int P = 2;                   ///< interaction order (2: AGS; even >= 4: dense storage)
  double alpha_min = 0.0;      ///< alpha window of the grid
  double alpha_max = 0.16;     ///< (lines are traced on a grid of this axis or of T)
  double T_min = 0.0;          ///< temperature window
  double T_max = 1.5;          ///< ...
  int points = 33;             ///< grid points per line
  int rsb_points = 9;          ///< grid points of the (slow) finite-temperature 1RSB lines
  double tolerance = 1e-10;    ///< toms748 bracket on the root axis
  bool rsb = true;             ///< dense storage: also the 1RSB lines and capacities
};

/// One transition line: points (alpha_i, T_i), NaN where no transition was found at grid value i.
struct PhaseLine {
  std::string name;         ///< e.g. "paramagnet_spin_glass"
  std::string description;  ///< physics of the line and where it is defined (docs/theory.md)
  std::string level;        ///< "RS", "1RSB" or "closed form"
  std::string method;       ///< "instability" | "spinodal" | "coexistence" | "replicon" | "closed form" | "scaling"
  std::string grid_axis;    ///< axis of the grid ("alpha" or "T")
  std::string root_axis;    ///< axis along which each point was located
  std::vector<double> alpha{}, T{};  ///< the points
  std::vector<double> m{};           ///< Mattis magnetization of the retrieval branch on the line (NaN if n/a)
  std::vector<double> bracket{};     ///< final toms748 bracket on the root axis
  std::vector<std::string> status{}; ///< "ok" or why the point is NaN
};

/// A single number of the diagram (a line's end point, a capacity...).
struct PhaseAnchor {
  std::string name;         ///< e.g. "alpha_c_T0"
  std::string description;  ///< what it is and how it was located
  double value = std::numeric_limits<double>::quiet_NaN();  ///< the number (NaN if not found)
  std::string status;       ///< "ok" or why not
};

/// A computed phase diagram.
struct PhaseDiagram {
  std::string model;                 ///< "Hopfield (AGS, P = 2)" or "dense storage (P = 4)"
  PhaseRequest request;              ///< what was asked
  std::vector<PhaseLine> lines;      ///< transition lines
  std::vector<PhaseAnchor> anchors;  ///< single numbers
};

/// Phase diagram of the storage model at order P (P = 2: AGS lines; P >= 4: RS lines and, if
/// request.rsb, the 1RSB ones). Grid points run in parallel (OpenMP). Throws std::invalid_argument
/// for odd P or an empty window.
PhaseDiagram storage_phase_diagram(const PhaseRequest& request);

/// Default window for order P: AGS alpha in [0, 0.16], T in [0, 1.5]; dense: alpha up to
/// 1.35 x the RS T = 0 capacity, T up to 1.25 x the retrieval onset at alpha = 0.
PhaseRequest default_phase_request(int P);

namespace detail {
/// AGS lines and anchors (phase_hopfield.cpp).
void hopfield_phase_diagram(PhaseDiagram& d);
/// Dense-storage lines and anchors (phase_dense.cpp).
void dense_phase_diagram(PhaseDiagram& d);
}  // namespace detail

}  // namespace hebbmc::analysis
