#pragma once
// The /summary table of a run file (docs/output.md): one row per point, one column per quantity.
//
// The table is written in full once (creating a file, resuming one, adding theory) and then one
// row per finished point, so the cost of a point does not grow with the number of points.
#include <cstddef>
#include <vector>

#include "runs/input/parameters.hpp"
#include "runs/io/hdf5_file.hpp"
#include "runs/io/point_result.hpp"

namespace hebbmc::runs {

/// Writes /summary in full: the parameter columns of every point and the result and theory
/// columns of what the file holds (NaN where a point is not complete or has no theory).
void write_summary_table(h5::File& file, const RunSpec& spec);

/// Writes the result columns of point `row` of the run's points (just written complete) into the
/// /summary table that write_summary_table created; reads no other point.
void write_summary_row(h5::File& file, std::size_t row, const PointResult& result);

/// Rewrites the result and theory columns of the given rows (indices into spec.points) from their
/// point groups, exactly as write_summary_table would: for a resume that found a point complete
/// whose row was not yet written (a kill between the two).
void refresh_summary_rows(h5::File& file, const RunSpec& spec, const std::vector<std::size_t>& rows);

}  // namespace hebbmc::runs
