// Copying a group and everything below it between files (Group::copy, runs/io/hdf5_file.hpp).
//
// H5Ocopy copies the objects, their layouts and their (compressed) raw data as stored, but in
// HDF5 1.10 it crashes copying variable-length string attributes kept in dense attribute storage
// (a point group has many attributes, several of them strings). So H5Ocopy copies the objects
// without attributes, and the attributes are then read and written through memory, which is the
// path every other attribute of hebbmc takes.
#include <algorithm>
#include <string>
#include <vector>

#include "runs/io/hdf5_faults.hpp"
#include "runs/io/hdf5_file.hpp"

namespace hebbmc::runs::h5 {

namespace {

// H5Aiterate2 callback: copies attribute `name` of `from` onto the object *to (hid_t).
herr_t copy_attribute(hid_t from, const char* name, const H5A_info_t*, void* to) {
  const Handle a(H5Aopen(from, name, H5P_DEFAULT), H5Aclose);
  if (a.id() < 0) return -1;
  const Handle stored(H5Aget_type(a.id()), H5Tclose), space(H5Aget_space(a.id()), H5Sclose);
  if (stored.id() < 0 || space.id() < 0) return -1;
  const Handle type(H5Tget_native_type(stored.id(), H5T_DIR_ASCEND), H5Tclose);
  const hssize_t n = H5Sget_simple_extent_npoints(space.id());
  if (type.id() < 0 || n < 0) return -1;
  std::vector<unsigned char> buffer(H5Tget_size(type.id()) * static_cast<std::size_t>(std::max<hssize_t>(n, 1)));
  if (H5Aread(a.id(), type.id(), buffer.data()) < 0) return -1;
  const bool variable = H5Tis_variable_str(type.id()) > 0 || H5Tdetect_class(type.id(), H5T_VLEN) > 0;
  herr_t status = -1;
  {
    const Handle b(H5Acreate2(*static_cast<hid_t*>(to), name, stored.id(), space.id(), H5P_DEFAULT, H5P_DEFAULT),
                   H5Aclose);
    if (b.id() >= 0) status = H5Awrite(b.id(), type.id(), buffer.data());
  }
  if (variable) H5Dvlen_reclaim(type.id(), space.id(), H5P_DEFAULT, buffer.data());  // the strings read
  return status;
}

// Copies the attributes of object `from` onto `to`, and below a group those of its members.
void copy_attributes(hid_t from, hid_t to, const std::string& where) {
  hsize_t index = 0;
  check(H5Aiterate2(from, H5_INDEX_NAME, H5_ITER_INC, &index, copy_attribute, &to),
        "cannot copy the attributes of " + where);
  if (H5Iget_type(from) != H5I_GROUP) return;
  std::vector<std::string> names;
  auto collect = [](hid_t, const char* n, const H5L_info_t*, void* out) -> herr_t {
    static_cast<std::vector<std::string>*>(out)->emplace_back(n);
    return 0;
  };
  check(H5Literate(from, H5_INDEX_NAME, H5_ITER_INC, nullptr, collect, &names), "cannot list " + where);
  for (const std::string& name : names) {
    const Handle a(check(H5Oopen(from, name.c_str(), H5P_DEFAULT), "cannot open " + where + "/" + name), H5Oclose);
    const Handle b(check(H5Oopen(to, name.c_str(), H5P_DEFAULT), "cannot open the copy of " + where + "/" + name),
                   H5Oclose);
    copy_attributes(a.id(), b.id(), where + "/" + name);
  }
}

}  // namespace

void Group::copy(const Group& source, const std::string& name) {
  const Handle options(check(H5Pcreate(H5P_OBJECT_COPY), "cannot create object copy properties"), H5Pclose);
  check(H5Pset_copy_object(options.id(), H5O_COPY_WITHOUT_ATTR_FLAG), "cannot set object copy properties");
  check(H5Ocopy(source.h_.id(), name.c_str(), h_.id(), name.c_str(), options.id(), H5P_DEFAULT),
        "cannot copy " + source.where(name) + " to " + where(name));
  const Handle from(check(H5Oopen(source.h_.id(), name.c_str(), H5P_DEFAULT), "cannot open " + source.where(name)),
                    H5Oclose);
  const Handle to(check(H5Oopen(h_.id(), name.c_str(), H5P_DEFAULT), "cannot open " + where(name)), H5Oclose);
  copy_attributes(from.id(), to.id(), source.where(name));
}

}  // namespace hebbmc::runs::h5
