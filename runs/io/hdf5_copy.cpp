// Copying a group or dataset, with everything below it, between files (Group::copy,
// runs/io/hdf5_file.hpp).
//
// Not H5Ocopy: in HDF5 1.10 it crashes copying variable-length string attributes kept in dense
// attribute storage (a point group has many attributes, several of them strings), and inside it
// a failed write (a full disk) crashes the library instead of returning an error. Here every
// dataset is read and written again through the wrapper's own calls, and every attribute through
// memory, each call checked, so a fault is an H5Error like any other write of hebbmc.
#include <algorithm>
#include <string>
#include <vector>

#include "runs/io/hdf5_faults.hpp"
#include "runs/io/hdf5_file.hpp"

namespace hebbmc::runs::h5 {

namespace {

std::vector<std::string> attribute_names(hid_t object, const std::string& where) {
  std::vector<std::string> names;
  auto collect = [](hid_t, const char* n, const H5A_info_t*, void* out) -> herr_t {
    static_cast<std::vector<std::string>*>(out)->emplace_back(n);
    return 0;
  };
  hsize_t index = 0;
  check(H5Aiterate2(object, H5_INDEX_NAME, H5_ITER_INC, &index, collect, &names),
        "cannot list the attributes of " + where);
  return names;
}

// Memory holding attribute values of `type`, whose variable-length parts HDF5 allocated on read.
struct AttributeBuffer {
  hid_t type, space;
  std::vector<unsigned char> bytes;
  bool read = false;
  ~AttributeBuffer() {
    if (read && (H5Tis_variable_str(type) > 0 || H5Tdetect_class(type, H5T_VLEN) > 0))
      H5Dvlen_reclaim(type, space, H5P_DEFAULT, bytes.data());
  }
};

// Copies attribute `name` of object `from` onto object `to`, in its stored type.
void copy_attribute(hid_t from, hid_t to, const std::string& name, const std::string& where) {
  const std::string what = "attribute " + name + " of " + where;
  const Handle a(check(H5Aopen(from, name.c_str(), H5P_DEFAULT), "cannot open " + what), H5Aclose);
  const Handle stored(check(H5Aget_type(a.id()), "cannot read the type of " + what), H5Tclose);
  const Handle space(check(H5Aget_space(a.id()), "cannot read the shape of " + what), H5Sclose);
  const Handle type(check(H5Tget_native_type(stored.id(), H5T_DIR_ASCEND), "cannot read the type of " + what),
                    H5Tclose);
  const hssize_t n = std::max<hssize_t>(H5Sget_simple_extent_npoints(space.id()), 1);
  AttributeBuffer buffer{type.id(), space.id(), std::vector<unsigned char>(H5Tget_size(type.id()) * std::size_t(n))};
  check(H5Aread(a.id(), type.id(), buffer.bytes.data()), "cannot read " + what);
  buffer.read = true;
  const Handle b(check(H5Acreate2(to, name.c_str(), stored.id(), space.id(), H5P_DEFAULT, H5P_DEFAULT),
                       "cannot create the copy of " + what), H5Aclose);
  check(H5Awrite(b.id(), type.id(), buffer.bytes.data()), "cannot write the copy of " + what);
}

// Copies every attribute of link `name` of `from` onto link `name` of `to`.
void copy_attributes(hid_t from, hid_t to, const std::string& name, const std::string& where) {
  const Handle a(check(H5Oopen(from, name.c_str(), H5P_DEFAULT), "cannot open " + where), H5Oclose);
  const Handle b(check(H5Oopen(to, name.c_str(), H5P_DEFAULT), "cannot open the copy of " + where), H5Oclose);
  for (const std::string& attribute : attribute_names(a.id(), where)) copy_attribute(a.id(), b.id(), attribute, where);
}

}  // namespace

void Group::copy(const Group& source, const std::string& name) {
  const DatasetInfo info = source.inspect(name);
  if (!info.is_dataset) {
    const Group from = source.open_group(name);
    Group to = create_group(name);
    for (const std::string& child : from.children()) to.copy(from, child);
  } else {
    const DatasetOptions options{.compress = info.chunked};
    if (info.text) write(name, source.read_strings(name));
    else if (!info.integer && info.element_bytes == sizeof(double)) write(name, source.read_doubles(name), info.dims, options);
    else if (info.integer && info.element_bytes == 8) write(name, source.read_int64(name), info.dims, options);
    else if (info.integer && info.element_bytes == 1) write(name, source.read_int8(name), info.dims, options);
    else throw H5Error("cannot copy " + source.where(name) + ": its element type is not one hebbmc writes");
  }
  copy_attributes(source.h_.id(), h_.id(), name, source.where(name));
}

}  // namespace hebbmc::runs::h5
