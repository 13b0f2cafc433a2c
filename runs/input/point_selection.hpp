#pragma once
// `--points`: the subset of a sweep's points that one `hebbmc run` computes, so that the tasks of
// a job array each run a part and `hebbmc merge` joins the parts (docs/output.md, "Parts").
//
// The text is a comma-separated list of indices and inclusive ranges of the expanded sweep
// (0-based, as `hebbmc check` counts them): "0-9,20,30-39". Items must increase and must not
// overlap, so that one text names one set and the canonical text of a set is unique.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "runs/input/parameters.hpp"

namespace hebbmc::runs {

/// Sorted distinct point indices of a sweep of `count` points named by `text`; an InputError
/// "SOURCE: WHAT 'TEXT': problem" (e.g. "command line", "--points") if `text` is empty,
/// malformed, out of order, overlapping or out of range.
std::vector<std::size_t> parse_point_list(std::string_view text, std::size_t count, const std::string& source,
                                          const std::string& what);

/// The canonical text of sorted distinct indices, ranges where consecutive: "0-9,20,30-39".
std::string point_list_text(const std::vector<std::size_t>& indices);

/// The run restricted to the points that `--points text` names (each keeps its sweep index, so its
/// random streams and group name are those of the whole run), with part_points set to the
/// canonical text; the run unchanged without `text`.
RunSpec select_points(const RunSpec& spec, const std::optional<std::string>& text);

}  // namespace hebbmc::runs
