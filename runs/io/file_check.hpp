#pragma once
// Validation of an existing hebbmc output file before anything reads or writes it: a damaged
// or foreign file is refused with one line naming the file and the group, dataset or attribute
// at fault, instead of a crash, an HDF5 error stack, or a half-written repair.
//
// What a hebbmc file must look like (docs/output.md, format_version 1):
//   /            string attributes program = "hebbmc", version, git_commit, created,
//                parameter_file, parameter_file_name; format_version an integer in
//                [1, output_format_version]
//   /points      if present: only groups named by 6 digits; a string `status` where present
//                (absent = pending); a point with status "complete" has summary/, whose m, q and
//                energy groups (where present) hold non-empty numeric `mean` and `error`; a
//                theory/ group holds non-empty numeric m, q, energy
//   /summary     if present: needs /points, a string attribute `swept`, and the columns read
//                by `inspect` and the summary rebuild, each 1-D numeric of one common length,
//                whose `point` column holds the indices of existing /points groups
// Absent /points and /summary are accepted (a run or theory stopped right after creating the
// file); `inspect` itself requires /summary. The HDF5 superblock must be version >= 2 at offset 0
// (checksummed metadata; what File::create writes), older ones are foreign files.
//
// The checks read the file in a forked child process: HDF5 1.10 crashes (out-of-bounds copy) on
// a damaged global heap, which holds the variable-length strings and has no checksum. A crash or
// a hang (600 s) of the child is reported as a damaged file; the caller reads only afterwards.
// Inside an initialised MPI process (fork is unsafe with RDMA) the checks run in process.
#include "runs/io/hdf5_file.hpp"

namespace hebbmc::runs {

/// How much of a file validate_output_file reads.
enum class CheckDepth {
  whole,   ///< every point group: the file is about to be read, merged or shown
  resume,  ///< only the points that /summary does not mark complete, whose groups a resume reads
           ///< and rewrites; the complete ones were flushed before their row was written and no
           ///< later write touches them, so a killed run cannot have damaged them (docs/checkpoints.md)
};

/// Throws InputError ("FILE: what is wrong, where") unless `file` is a well-formed hebbmc
/// output as described above, to `depth`; reads only attributes and the small summary datasets.
void validate_output_file(const h5::File& file, CheckDepth depth = CheckDepth::whole);

}  // namespace hebbmc::runs
