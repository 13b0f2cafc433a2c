#pragma once
// `hebbmc merge`: the parts of one sweep, each the output of `hebbmc run --points`, joined into
// the file that one run of every point writes (docs/output.md, "Parts and merge").
#include <functional>
#include <string>
#include <vector>

namespace hebbmc::runs {

/// How a merge ended.
enum class MergeResult { written, stopped };

/// Joins the run outputs `parts` into the new file `output` (an existing one is replaced only with
/// `force`): their point groups copied byte for byte, the /summary table rebuilt, the root
/// attributes naming the parts (`writers`, `merged_parts`). Before writing anything it refuses,
/// with an InputError naming the file and the points, a part that is not a `run` output or is
/// damaged, parts of different parameter files or builds (also a build other than this one,
/// unless `force`), a point held twice, missing, or not complete. Reads the parts only; the output
/// appears complete or not at all (runs/io/staged_file.hpp). `stop` is asked between points: true
/// abandons the merge with nothing written.
MergeResult merge_runs(const std::vector<std::string>& parts, const std::string& output, bool force,
                       const std::function<bool()>& stop);

}  // namespace hebbmc::runs
