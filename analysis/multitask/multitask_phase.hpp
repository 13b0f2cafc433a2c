// (d, T) phase diagram of multitasking (docs/multitasking.md, "Phase diagram"): on a grid, the
// equilibrium state (lowest free energy among the stable branches of MultitaskRS) and its region
// (paramagnetic / hierarchical / parallel / mixed, eq. MT9) with the number of retrieved patterns;
// every change of (region, retrieved) between neighbouring grid points is located by bisection to a
// stated tolerance ("pattern lost" where the weakest amplitude vanishes, "region" otherwise); and
// the branch of the hierarchical start along d at the lowest temperature, beside the T = 0 law (MT5).
#pragma once

#include "analysis/multitask/multitask_branches.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace hebbmc::analysis {

/// What to compute (the [multitask] table of `hebbmc multitask`, runs/input/multitask_spec.hpp).
struct MultitaskPhaseRequest {
  int P = 2;                    ///< interaction order (even)
  std::vector<int> K{2, 3, 4};  ///< numbers of patterns, one diagram each
  double d_min = 0.0;           ///< dilution window
  double d_max = 0.95;          ///< (d_max < 1)
  double T_min = 0.02;          ///< temperature window (T_min > 0)
  double T_max = 1.0;           ///< upper temperature
  int points = 41;              ///< grid points per axis
  double rho = 0.0;             ///< dataset entropy (0: storage)
  double tolerance = 1e-8;      ///< bisection stops when the bracket on the axis is below this
  std::uint64_t seed = 1;       ///< Monte Carlo site average (K > 12 only)
};

/// Integer code of a region label, as stored in HDF5: -1 none, 0 paramagnetic, 1 hierarchical, 2 parallel, 3 mixed.
int multitask_region_code(const std::string& label);
/// Label of a region code (inverse of multitask_region_code).
std::string multitask_region_name(int code);

/// One point of a line between two equilibrium states, located by bisection along `axis`.
struct MultitaskBoundary {
  std::string axis;        ///< "T" (bisection at fixed d) or "d" (at fixed T)
  double d = 0.0;          ///< dilution of the point (midpoint of the bracket if axis = d)
  double T = 0.0;          ///< temperature of the point (midpoint of the bracket if axis = T)
  double bracket = 0.0;    ///< final bracket width on the axis (<= tolerance)
  std::string from, to;    ///< region labels of the two grid points the point separates (below, above)
  int retrieved_from = 0;  ///< retrieved patterns at the grid point below
  int retrieved_to = 0;    ///< retrieved patterns at the grid point above
  std::string kind;        ///< "pattern lost" (retrieved count changes) or "region"
};

/// The diagram for one K.
struct MultitaskDiagram {
  int K = 0;                                  ///< number of patterns
  std::string model;                          ///< MultitaskRS::name()
  std::vector<double> d, T;                   ///< grid axes
  std::vector<int> region, retrieved;         ///< equilibrium state per grid point, index iT * nd + id
  std::vector<double> m;                      ///< its sorted amplitudes, index (iT * nd + id) * K + k (NaN if none)
  std::vector<double> f, hessian_min;         ///< its free energy and smallest Hessian eigenvalue
  std::vector<MultitaskBoundary> boundaries;  ///< located lines, sorted by (axis, d, T)
  std::vector<MultitaskPoint> amplitudes;     ///< branch of the hierarchical start at T = T_min, d grid 4x finer
};

/// Computes the diagram for `K` (OpenMP over grid points and brackets; deterministic).
MultitaskDiagram multitask_phase_diagram(const MultitaskPhaseRequest& request, int K, const GaussHermite& rule);

}  // namespace hebbmc::analysis
