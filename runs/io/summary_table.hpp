#pragma once
// The /summary table of a run file (docs/output.md): one row per point, one column per quantity.
//
// The table is written in full once (creating a file, resuming one, adding theory) and then one
// row per finished point, so the cost of a point does not grow with the number of points.
#include <cstddef>

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

}  // namespace hebbmc::runs
