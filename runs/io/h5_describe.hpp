#pragma once
// Writing self-describing HDF5 objects with the C API: every dataset gets `description` and
// `units` attributes. Shared by the commands that write their own files (phase, multitask, data);
// `hebbmc run` output goes through runs/io/output.hpp instead.
#include <string>
#include <vector>

#include "runs/io/hdf5_file.hpp"

namespace hebbmc::runs::h5d {

/// Returns id, or throws h5::H5Error("HDF5: cannot <what>") when an HDF5 call failed (id < 0).
hid_t ok(hid_t id, const std::string& what);
/// Creates group `name` under parent.
h5::Handle group(hid_t parent, const std::string& name);
/// Scalar variable-length UTF-8 string attribute.
void attr(hid_t object, const std::string& name, const std::string& value);
/// Scalar double attribute.
void attr(hid_t object, const std::string& name, double value);
/// Dataset of shape `dims` (empty: scalar) of double, int64 or int8 data, with description and units attributes.
template <class T>
void dataset(hid_t parent, const std::string& name, const std::vector<T>& data, std::vector<hsize_t> dims,
             const std::string& description, const std::string& units);
/// 1-D double dataset (a scalar if `scalar`), with description and units attributes.
void dataset_1d(hid_t parent, const std::string& name, const std::vector<double>& data, const std::string& description,
                const std::string& units, bool scalar = false);
/// 1-D dataset of UTF-8 strings with a description (units "none").
void strings(hid_t parent, const std::string& name, const std::vector<std::string>& data, const std::string& description);

}  // namespace hebbmc::runs::h5d
