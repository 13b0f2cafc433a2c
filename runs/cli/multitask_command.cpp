// `hebbmc multitask FILE`: the (d, T) phase diagrams of multitasking into an HDF5 file (written by
// runs/io/multitask_output.hpp; layout in docs/multitasking.md, "Output").
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include <omp.h>

#include "analysis/multitask/multitask_phase.hpp"
#include "runs/cli/commands.hpp"
#include "runs/input/input_error.hpp"
#include "runs/input/multitask_spec.hpp"
#include "runs/io/multitask_output.hpp"

namespace hebbmc::runs {

int multitask_command(const std::string& parameter_file, const CommandOptions& options) {
  const MultitaskSpec spec = load_multitask_spec(parameter_file);
  const std::string path = new_output_path(spec.output, options);
  if (options.threads > 0) omp_set_num_threads(options.threads);
  const auto start = std::chrono::steady_clock::now();
  const analysis::GaussHermite rule;
  std::vector<analysis::MultitaskDiagram> diagrams;
  for (int K : spec.request.K) diagrams.push_back(analysis::multitask_phase_diagram(spec.request, K, rule));
  write_multitask_diagrams(path, spec, diagrams);
  if (!options.quiet) {
    const auto& r = spec.request;
    std::fprintf(stderr, "hebbmc multitask: P = %d, d in [%g, %g], T in [%g, %g], %d x %d points -> %s (%.1f s)\n", r.P,
                 r.d_min, r.d_max, r.T_min, r.T_max, r.points, r.points, path.c_str(),
                 std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
    for (const auto& g : diagrams) std::fprintf(stderr, "  K = %d: %zu boundary points\n", g.K, g.boundaries.size());
  }
  return 0;
}

}  // namespace hebbmc::runs
