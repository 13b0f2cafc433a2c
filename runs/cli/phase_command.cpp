// `hebbmc phase FILE`: the phase diagram of the storage model, or the transition lines of a learning
// model, into an HDF5 file (written by runs/io/phase_output.hpp; layout in docs/theory.md, "hebbmc
// phase" and "Phase diagrams of the learning models").
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include <omp.h>

#include "analysis/phase/phase_diagram.hpp"
#include "analysis/phase/phase_learning.hpp"
#include "runs/cli/commands.hpp"
#include "runs/input/input_error.hpp"
#include "runs/input/phase_spec.hpp"
#include "runs/io/phase_output.hpp"

namespace hebbmc::runs {

int phase_command(const std::string& parameter_file, const CommandOptions& options) {
  const PhaseSpec spec = load_phase_spec(parameter_file);
  const std::string path = new_output_path(spec.output, options);
  if (options.threads > 0) omp_set_num_threads(options.threads);
  const auto start = std::chrono::steady_clock::now();
  if (spec.learning) {
    const auto& r = spec.learning_request;
    const analysis::LearningPhaseDiagram d = analysis::learning_phase_diagram(r);
    write_learning_phase_diagram(path, spec, d);
    if (!options.quiet) {
      std::fprintf(stderr, "hebbmc phase: %s, rho in [%g, %g]: %zu lines written to %s (%.1f s)\n", d.model.c_str(),
                   r.rho_min, r.rho_max, d.lines.size(), path.c_str(),
                   std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
      for (const auto& a : d.anchors)
        std::fprintf(stderr, "  %-26s %.10g%s\n", a.name.c_str(), a.value, a.status == "ok" ? "" : ("  (" + a.status + ")").c_str());
    }
    return 0;
  }
  const analysis::PhaseDiagram d = analysis::storage_phase_diagram(spec.request);
  write_phase_diagram(path, spec, d);
  if (!options.quiet) {
    std::fprintf(stderr, "hebbmc phase: %s, alpha in [%g, %g], T in [%g, %g]: %zu lines written to %s (%.1f s)\n",
                 d.model.c_str(), spec.request.alpha_min, spec.request.alpha_max, spec.request.T_min,
                 spec.request.T_max, d.lines.size(), path.c_str(),
                 std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
    for (const auto& a : d.anchors)
      std::fprintf(stderr, "  %-26s %.10g%s\n", a.name.c_str(), a.value, a.status == "ok" ? "" : ("  (" + a.status + ")").c_str());
  }
  return 0;
}

}  // namespace hebbmc::runs
