#pragma once
// The HDF5 output layout (docs/output.md, docs/architecture.md "Output"): root attributes,
// /points/NNNNNN groups, and the /summary table.
#include <optional>
#include <string>

#include "runs/io/hdf5_file.hpp"
#include "runs/input/parameters.hpp"
#include "runs/io/point_result.hpp"
#include "runs/io/provenance.hpp"

namespace hebbmc::runs {

/// Name of a point's group, e.g. "000017".
std::string point_name(int index);

/// The provenance of a run file made from `spec` (docs/output.md, "Provenance").
Provenance run_provenance(const RunSpec& spec);


/// Writes /points/NNNNNN for a completed point; marks it complete last, then flushes.
void write_point(h5::File& file, const PointResult& result);

/// Creates /points/NNNNNN with only the parameter attributes (for theory-only files).
h5::Group require_point_group(h5::File& file, const PointParameters& p);

/// parameter_fingerprint(p) as 16 hex digits: the attribute that ties a written point to its parameters.
std::string fingerprint_text(const PointParameters& p);

/// True if the file holds point p complete and written from the same parameters (resume skips it).
bool point_complete(const h5::File& file, const PointParameters& p);

/// Why `file` cannot be continued as the output of `spec` (nullopt: it can): it holds another part
/// of the sweep than spec.part_points (root attribute `part_points`, absent: the whole sweep), so
/// that a resume or `theory` never turns a part into a mix of two selections.
std::optional<std::string> other_part(const h5::File& file, const RunSpec& spec);

/// Throws InputError unless `file` is a hebbmc output (runs/io/file_check.hpp).
void require_hebbmc_file(const h5::File& file);
/// Opens an existing hebbmc output (read-only unless `writable`) and checks it; a file that is not
/// HDF5, damaged or foreign is an InputError naming it.
h5::File open_hebbmc_file(const std::string& path, bool writable);

}  // namespace hebbmc::runs
