#pragma once
// What `hebbmc data` reports (docs/datasets.md, "Output"): the HDF5 file with /data (the learnt
// data set), /test (one row per test pattern) and /results, every dataset with description and
// units; and the accuracy table on standard output.
#include <string>

#include "models/structured_data.hpp"
#include "runs/data/classification.hpp"
#include "runs/data/data_source.hpp"
#include "runs/input/data_spec.hpp"

namespace hebbmc::runs {

/// Writes the classification of `data` (learnt as `sd`) to a new file `path`; throws h5::H5Error.
void write_data_output(const std::string& path, const DataSpec& spec, const ClassData& data,
                       const models::StructuredData& sd, const ClassificationResults& r, const ClassificationSummary& s);

/// Prints the accuracy per class (with and without dynamics) and the confusion matrix to stdout.
void print_data_table(const DataSpec& spec, const ClassData& data, const models::StructuredData& sd,
                      const ClassificationSummary& s);

}  // namespace hebbmc::runs
