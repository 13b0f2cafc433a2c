// `hebbmc merge` (runs/cli/commands.hpp): the parts of a job array joined into one run file.
#include <cstdio>

#include "runs/cli/commands.hpp"
#include "runs/driver/signals.hpp"
#include "runs/input/input_error.hpp"
#include "runs/io/run_merge.hpp"

namespace hebbmc::runs {

int merge_command(const std::vector<std::string>& parts, const CommandOptions& options) {
  if (options.output.empty())
    throw InputError("command line", 0, "", "`merge` needs -o OUTPUT, the file to write (it never modifies its parts)");
  const SignalGuard signals;  // a stop request abandons the merge and leaves no half file
  if (merge_runs(parts, options.output, options.force, stop_requested) == MergeResult::stopped) {
    std::fprintf(stderr, "hebbmc: merge stopped by a signal; %s was not written\n", options.output.c_str());
    return 130;
  }
  if (!options.quiet)
    std::fprintf(stderr, "hebbmc: merged %zu part%s into %s\n", parts.size(), parts.size() == 1 ? "" : "s",
                 options.output.c_str());
  return 0;
}

}  // namespace hebbmc::runs
