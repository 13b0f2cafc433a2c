#include "runs/io/h5_describe.hpp"

#include <cstdint>
#include <type_traits>

namespace hebbmc::runs::h5d {

using h5::Handle;

namespace {

Handle string_type() {
  Handle type(H5Tcopy(H5T_C_S1), H5Tclose);
  H5Tset_size(type.id(), H5T_VARIABLE);
  H5Tset_cset(type.id(), H5T_CSET_UTF8);
  return type;
}

}  // namespace

hid_t ok(hid_t id, const std::string& what) {
  if (id < 0) throw h5::H5Error("HDF5: cannot " + what);
  return id;
}

Handle group(hid_t parent, const std::string& name) {
  return Handle(ok(H5Gcreate2(parent, name.c_str(), H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT), "create group " + name),
                H5Gclose);
}

void attr(hid_t object, const std::string& name, const std::string& value) {
  const Handle type = string_type();
  Handle space(H5Screate(H5S_SCALAR), H5Sclose);
  Handle a(ok(H5Acreate2(object, name.c_str(), type.id(), space.id(), H5P_DEFAULT, H5P_DEFAULT), "create attribute " + name),
           H5Aclose);
  const char* p = value.c_str();
  ok(H5Awrite(a.id(), type.id(), &p), "write attribute " + name);
}

void attr(hid_t object, const std::string& name, double value) {
  Handle space(H5Screate(H5S_SCALAR), H5Sclose);
  Handle a(ok(H5Acreate2(object, name.c_str(), H5T_IEEE_F64LE, space.id(), H5P_DEFAULT, H5P_DEFAULT), "create attribute " + name),
           H5Aclose);
  ok(H5Awrite(a.id(), H5T_NATIVE_DOUBLE, &value), "write attribute " + name);
}

template <class T>
void dataset(hid_t parent, const std::string& name, const std::vector<T>& data, std::vector<hsize_t> dims,
             const std::string& description, const std::string& units) {
  hid_t file_type, mem_type;
  if constexpr (std::is_same_v<T, double>) file_type = H5T_IEEE_F64LE, mem_type = H5T_NATIVE_DOUBLE;
  else if constexpr (std::is_same_v<T, std::int64_t>) file_type = H5T_STD_I64LE, mem_type = H5T_NATIVE_INT64;
  else file_type = H5T_STD_I8LE, mem_type = H5T_NATIVE_INT8;
  Handle space(dims.empty() ? H5Screate(H5S_SCALAR) : H5Screate_simple(static_cast<int>(dims.size()), dims.data(), nullptr),
               H5Sclose);
  Handle d(ok(H5Dcreate2(parent, name.c_str(), file_type, space.id(), H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT),
              "create dataset " + name),
           H5Dclose);
  if (!data.empty()) ok(H5Dwrite(d.id(), mem_type, H5S_ALL, H5S_ALL, H5P_DEFAULT, data.data()), "write " + name);
  attr(d.id(), "description", description);
  attr(d.id(), "units", units);
}

template void dataset<double>(hid_t, const std::string&, const std::vector<double>&, std::vector<hsize_t>,
                              const std::string&, const std::string&);
template void dataset<std::int64_t>(hid_t, const std::string&, const std::vector<std::int64_t>&, std::vector<hsize_t>,
                                    const std::string&, const std::string&);
template void dataset<std::int8_t>(hid_t, const std::string&, const std::vector<std::int8_t>&, std::vector<hsize_t>,
                                   const std::string&, const std::string&);

void dataset_1d(hid_t parent, const std::string& name, const std::vector<double>& data, const std::string& description,
                const std::string& units, bool scalar) {
  const hsize_t n = data.size();
  Handle space(scalar ? H5Screate(H5S_SCALAR) : H5Screate_simple(1, &n, nullptr), H5Sclose);
  Handle d(ok(H5Dcreate2(parent, name.c_str(), H5T_IEEE_F64LE, space.id(), H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT),
              "create dataset " + name),
           H5Dclose);
  if (!data.empty()) ok(H5Dwrite(d.id(), H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, data.data()), "write " + name);
  attr(d.id(), "description", description);
  attr(d.id(), "units", units);
}

void strings(hid_t parent, const std::string& name, const std::vector<std::string>& data, const std::string& description) {
  const Handle type = string_type();
  const hsize_t n = data.size();
  Handle space(H5Screate_simple(1, &n, nullptr), H5Sclose);
  Handle d(ok(H5Dcreate2(parent, name.c_str(), type.id(), space.id(), H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT),
              "create dataset " + name),
           H5Dclose);
  std::vector<const char*> p;
  for (const auto& s : data) p.push_back(s.c_str());
  if (!p.empty()) ok(H5Dwrite(d.id(), type.id(), H5S_ALL, H5S_ALL, H5P_DEFAULT, p.data()), "write " + name);
  attr(d.id(), "description", description);
  attr(d.id(), "units", "none");
}


}  // namespace hebbmc::runs::h5d
