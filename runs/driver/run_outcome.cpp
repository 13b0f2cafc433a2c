// How a run ended (runs/driver/run_outcome.hpp).
#include "runs/driver/run_outcome.hpp"

#include <cstdio>
#include <string>
#include <vector>

#include "observables/run_length.hpp"

namespace hebbmc::runs {

namespace {

/// The --set arguments as the shell gives them back: ` --set 'KEY=VALUE'` each, quoted.
std::string set_arguments(const std::vector<std::string>& set) {
  std::string out;
  for (const std::string& argument : set) {
    out += " --set '";
    for (const char c : argument) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    out += "'";
  }
  return out;
}

}  // namespace

int finish_run(const RunSpec& spec, const CommandOptions& options, const CheckpointStore& store,
               const std::string& error, bool stopped, int points_with_warnings) {
  if (points_with_warnings > 0)
    std::fprintf(stderr,
                 "hebbmc: warning: %d point%s ran shorter than %.0f integrated autocorrelation times or without a "
                 "binning plateau: their error bars are lower bounds (attribute run_length_warnings of each point; "
                 "docs/statistics.md)\n",
                 points_with_warnings, points_with_warnings == 1 ? "" : "s", observables::run_length_rule_taus);
  const std::string path = output_path(spec, options);
  if (!error.empty()) {
    std::fprintf(stderr, "hebbmc: run failed: %s\n(completed points are kept in %s; checkpoints in %s)\n", error.c_str(),
                 path.c_str(), store.directory().c_str());
    return 1;
  }
  if (stopped) {
    const std::string part = spec.part_points.empty() ? "" : " --points " + spec.part_points;
    std::fprintf(stderr, "hebbmc: stopped by a signal; checkpoints are in %s; continue with: hebbmc run %s%s%s --resume%s\n",
                 store.directory().c_str(), spec.file.c_str(), set_arguments(options.set).c_str(), part.c_str(),
                 options.output.empty() ? "" : (" -o " + path).c_str());
    return 130;
  }
  store.remove_all();  // every point is in the file: the checkpoints have served
  if (!options.quiet) std::fprintf(stderr, "hebbmc: wrote %zu points to %s\n", spec.points.size(), path.c_str());
  return 0;
}

}  // namespace hebbmc::runs
