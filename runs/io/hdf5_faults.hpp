#pragma once
// Faults under the HDF5 wrapper (runs/io/hdf5_file.hpp), for its implementation only: how a
// failed call becomes an H5Error that names its cause, and how a file is kept closable after a
// write fault (docs/checkpoints.md, "Faults of the machine").
#include <hdf5.h>

#include <string>

namespace hebbmc::runs::h5 {

/// Throws H5Error(what + HDF5's reason, errno); at a machine fault it first detaches every file
/// open for writing from the disk, so that the unwinding can close them.
[[noreturn]] void fail(const std::string& what);
/// Throws H5Error naming `file` and the first fault if a fault has detached the files: what is
/// written after it never reaches the disk, so nothing may be marked complete.
void refuse_if_detached(const std::string& file);
/// `id`, or fail(what) if the call that returned it failed.
hid_t check(hid_t id, const std::string& what);
/// Nothing, or fail(what) if the call that returned `status` failed.
void check(herr_t status, const std::string& what);
/// Closes any object with `close`; a failure is reported on stderr and remembered (close_failed).
void close_id(hid_t id, herr_t (*close)(hid_t));
/// Closes a file after a checked last flush (a failure is reported, the file detached first).
herr_t close_file(hid_t id);

}  // namespace hebbmc::runs::h5
