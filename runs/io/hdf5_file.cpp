#include "runs/io/hdf5_file.hpp"

#include <algorithm>

#include "runs/io/hdf5_faults.hpp"

namespace hebbmc::runs::h5 {

namespace {

// HDF5 prints its error stack to stderr by default; we report errors ourselves. A thread-safe
// HDF5 keeps one stack per thread, so each thread that writes (a point is written by whichever
// thread finishes it) turns the printing off for itself.
void silence_hdf5() {
  thread_local const bool done = [] { H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr); return true; }();
  (void)done;
}

Handle string_type() {
  Handle t(H5Tcopy(H5T_C_S1), H5Tclose);
  H5Tset_size(t.id(), H5T_VARIABLE);
  H5Tset_cset(t.id(), H5T_CSET_UTF8);
  return t;
}

Handle dataspace(const std::vector<hsize_t>& dims) {
  if (dims.empty()) return Handle(H5Screate(H5S_SCALAR), H5Sclose);
  return Handle(H5Screate_simple(static_cast<int>(dims.size()), dims.data(), nullptr), H5Sclose);
}

// `element` is the size in bytes of one value, which sets how many values fit in a chunk.
Handle creation_properties(const std::vector<hsize_t>& dims, DatasetOptions opt, std::size_t element) {
  Handle p(H5Pcreate(H5P_DATASET_CREATE), H5Pclose);
  if (opt.compress && !dims.empty() && std::all_of(dims.begin(), dims.end(), [](hsize_t d) { return d > 0; })) {
    std::vector<hsize_t> chunk(dims);
    chunk[0] = 1;  // one leading index (sample) per chunk, at most ~1 MiB per chunk
    hsize_t bytes = element;
    for (std::size_t i = dims.size(); i-- > 1;) {
      chunk[i] = std::min<hsize_t>(dims[i], std::max<hsize_t>(1, (1u << 17) / bytes));
      bytes *= chunk[i];
    }
    H5Pset_chunk(p.id(), static_cast<int>(chunk.size()), chunk.data());
    H5Pset_shuffle(p.id());
    H5Pset_deflate(p.id(), 4);
  }
  return p;
}

}  // namespace

Handle& Handle::operator=(Handle&& o) noexcept {
  if (this != &o) {
    if (id_ >= 0 && close_) close_id(id_, close_);
    id_ = o.id_;
    close_ = o.close_;
    o.id_ = H5I_INVALID_HID;
  }
  return *this;
}

Handle::~Handle() {
  if (id_ >= 0 && close_) close_id(id_, close_);
}

std::string Object::child_path(const std::string& name) const { return (path_ == "/" ? "/" : path_ + "/") + name; }

std::string Object::where(const std::string& name) const { return file_ + ":" + child_path(name); }

bool Group::has(const std::string& name) const { return H5Lexists(h_.id(), name.c_str(), H5P_DEFAULT) > 0; }

Group Group::create_group(const std::string& name) {
  const hid_t id = check(H5Gcreate2(h_.id(), name.c_str(), H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT),
                         "cannot create group " + where(name));
  return Group(Handle(id, H5Gclose), file_, child_path(name));
}

Group Group::open_group(const std::string& name) const {
  if (!has(name)) throw H5Error("missing group " + where(name));
  const hid_t id = check(H5Gopen2(h_.id(), name.c_str(), H5P_DEFAULT), "cannot open group " + where(name));
  return Group(Handle(id, H5Gclose), file_, child_path(name));
}

Group Group::require_group(const std::string& name) { return has(name) ? open_group(name) : create_group(name); }

void Group::remove(const std::string& name) {
  if (has(name)) check(H5Ldelete(h_.id(), name.c_str(), H5P_DEFAULT), "cannot remove " + where(name));
}

std::vector<std::string> Group::children() const {
  std::vector<std::string> names;
  auto collect = [](hid_t, const char* n, const H5L_info_t*, void* out) -> herr_t {
    static_cast<std::vector<std::string>*>(out)->emplace_back(n);
    return 0;
  };
  check(H5Literate(h_.id(), H5_INDEX_NAME, H5_ITER_INC, nullptr, collect, &names), "cannot list " + path_);
  return names;
}

std::size_t Group::links_in(const std::string& name) const {
  H5G_info_t info{};
  check(H5Gget_info_by_name(h_.id(), name.c_str(), &info, H5P_DEFAULT), "cannot read the links of " + where(name));
  return static_cast<std::size_t>(info.nlinks);
}

void Object::attr(const std::string& name, const std::string& value) {
  if (H5Aexists(h_.id(), name.c_str()) > 0) H5Adelete(h_.id(), name.c_str());
  Handle type = string_type();
  Handle space(H5Screate(H5S_SCALAR), H5Sclose);
  Handle a(check(H5Acreate2(h_.id(), name.c_str(), type.id(), space.id(), H5P_DEFAULT, H5P_DEFAULT),
                 "cannot create attribute " + where(name)), H5Aclose);
  const char* p = value.c_str();
  check(H5Awrite(a.id(), type.id(), &p), "cannot write attribute " + where(name));
}

void Object::attr(const std::string& name, std::int64_t value) {
  if (H5Aexists(h_.id(), name.c_str()) > 0) H5Adelete(h_.id(), name.c_str());
  Handle space(H5Screate(H5S_SCALAR), H5Sclose);
  Handle a(check(H5Acreate2(h_.id(), name.c_str(), H5T_STD_I64LE, space.id(), H5P_DEFAULT, H5P_DEFAULT),
                 "cannot create attribute " + where(name)), H5Aclose);
  check(H5Awrite(a.id(), H5T_NATIVE_INT64, &value), "cannot write attribute " + where(name));
}

void Object::attr(const std::string& name, double value) {
  if (H5Aexists(h_.id(), name.c_str()) > 0) H5Adelete(h_.id(), name.c_str());
  Handle space(H5Screate(H5S_SCALAR), H5Sclose);
  Handle a(check(H5Acreate2(h_.id(), name.c_str(), H5T_IEEE_F64LE, space.id(), H5P_DEFAULT, H5P_DEFAULT),
                 "cannot create attribute " + where(name)), H5Aclose);
  check(H5Awrite(a.id(), H5T_NATIVE_DOUBLE, &value), "cannot write attribute " + where(name));
}

bool Object::has_attr(const std::string& name) const { return H5Aexists(h_.id(), name.c_str()) > 0; }

std::string Object::attr_string(const std::string& name) const {
  if (!has_attr(name)) throw H5Error("missing attribute " + where(name));
  Handle a(check(H5Aopen(h_.id(), name.c_str(), H5P_DEFAULT), "cannot open attribute " + where(name)), H5Aclose);
  Handle ftype(H5Aget_type(a.id()), H5Tclose);
  if (H5Tget_class(ftype.id()) != H5T_STRING) throw H5Error("attribute " + where(name) + " is not a string");
  if (H5Tis_variable_str(ftype.id()) > 0) {
    Handle type = string_type();
    char* p = nullptr;
    check(H5Aread(a.id(), type.id(), &p), "cannot read attribute " + where(name));
    std::string out = p ? p : "";
    H5free_memory(p);
    return out;
  }
  std::string out(H5Tget_size(ftype.id()), '\0');
  check(H5Aread(a.id(), ftype.id(), out.data()), "cannot read attribute " + where(name));
  return out.substr(0, out.find('\0'));
}

double Object::attr_double(const std::string& name) const {
  if (!has_attr(name)) throw H5Error("missing attribute " + where(name));
  Handle a(check(H5Aopen(h_.id(), name.c_str(), H5P_DEFAULT), "cannot open attribute " + where(name)), H5Aclose);
  double v = 0;
  check(H5Aread(a.id(), H5T_NATIVE_DOUBLE, &v), "attribute " + where(name) + " is not numeric");
  return v;
}

Dataset& Dataset::describe(const std::string& description, const std::string& units) {
  attr("description", description);
  attr("units", units);
  return *this;
}

namespace {
// Creates (replacing) dataset `name` of the given shape and writes `data`; returns it open.
template <class T>
Handle write_numeric(hid_t loc, const std::string& name, const std::string& where, const std::vector<T>& data,
                     const std::vector<hsize_t>& dims, DatasetOptions opt, hid_t file_type, hid_t mem_type) {
  hsize_t n = 1;
  for (auto d : dims) n *= d;
  if (n != data.size()) throw H5Error("internal: shape does not match data for " + where);
  if (H5Lexists(loc, name.c_str(), H5P_DEFAULT) > 0) H5Ldelete(loc, name.c_str(), H5P_DEFAULT);
  Handle space = dataspace(dims);
  Handle props = creation_properties(dims, opt, sizeof(T));
  Handle ds(check(H5Dcreate2(loc, name.c_str(), file_type, space.id(), H5P_DEFAULT, props.id(), H5P_DEFAULT),
                  "cannot create dataset " + where), H5Dclose);
  if (n > 0) check(H5Dwrite(ds.id(), mem_type, H5S_ALL, H5S_ALL, H5P_DEFAULT, data.data()), "cannot write " + where);
  // A chunked dataset keeps its chunks in a cache until it is closed; writing them here makes a
  // fault an error of this call rather than of the close.
  if (opt.compress) check(H5Dflush(ds.id()), "cannot write " + where);
  return ds;
}
}  // namespace

Dataset Group::write(const std::string& name, const std::vector<double>& data, const std::vector<hsize_t>& dims,
                     DatasetOptions opt) {
  return Dataset(write_numeric(h_.id(), name, where(name), data, dims, opt, H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE), file_,
                 child_path(name));
}

Dataset Group::write(const std::string& name, const std::vector<std::int64_t>& data, const std::vector<hsize_t>& dims,
                     DatasetOptions opt) {
  return Dataset(write_numeric(h_.id(), name, where(name), data, dims, opt, H5T_STD_I64LE, H5T_NATIVE_INT64), file_,
                 child_path(name));
}

Dataset Group::write(const std::string& name, const std::vector<std::int8_t>& data, const std::vector<hsize_t>& dims,
                     DatasetOptions opt) {
  return Dataset(write_numeric(h_.id(), name, where(name), data, dims, opt, H5T_STD_I8LE, H5T_NATIVE_INT8), file_,
                 child_path(name));
}

namespace {
// Writes one element of an existing 1-D dataset: a hyperslab of one, so the cost does not depend
// on the dataset's length.
template <class T>
void write_one(hid_t loc, const std::string& name, const std::string& where, hsize_t index, T value, hid_t mem_type) {
  Handle ds(check(H5Dopen2(loc, name.c_str(), H5P_DEFAULT), "cannot open dataset " + where), H5Dclose);
  Handle space(check(H5Dget_space(ds.id()), "cannot read the shape of " + where), H5Sclose);
  hsize_t n = 0;
  if (H5Sget_simple_extent_ndims(space.id()) != 1 || H5Sget_simple_extent_dims(space.id(), &n, nullptr) < 0 ||
      index >= n)
    throw H5Error("internal: element " + std::to_string(index) + " is outside the 1-D dataset " + where);
  const hsize_t one = 1;
  check(H5Sselect_hyperslab(space.id(), H5S_SELECT_SET, &index, nullptr, &one, nullptr), "cannot select in " + where);
  Handle memory = dataspace({1});
  check(H5Dwrite(ds.id(), mem_type, memory.id(), space.id(), H5P_DEFAULT, &value), "cannot write " + where);
}
}  // namespace

void Group::write_element(const std::string& name, hsize_t index, double value) {
  write_one(h_.id(), name, where(name), index, value, H5T_NATIVE_DOUBLE);
}

void Group::write_element(const std::string& name, hsize_t index, std::int64_t value) {
  write_one(h_.id(), name, where(name), index, value, H5T_NATIVE_INT64);
}

Dataset Group::write(const std::string& name, const std::vector<std::string>& data) {
  remove(name);
  std::vector<const char*> ptrs;
  for (const auto& s : data) ptrs.push_back(s.c_str());
  Handle type = string_type();
  Handle space = dataspace({data.size()});
  Handle ds(check(H5Dcreate2(h_.id(), name.c_str(), type.id(), space.id(), H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT),
                  "cannot create dataset " + where(name)), H5Dclose);
  if (!data.empty()) check(H5Dwrite(ds.id(), type.id(), H5S_ALL, H5S_ALL, H5P_DEFAULT, ptrs.data()), "cannot write " + where(name));
  return Dataset(std::move(ds), file_, child_path(name));
}

namespace {
// Reads a whole numeric dataset converted to T (HDF5's conversion to mem_type) and its shape.
template <class T>
std::vector<T> read_numeric(hid_t loc, const std::string& name, const std::string& where, hid_t mem_type,
                            std::vector<hsize_t>* dims) {
  Handle ds(check(H5Dopen2(loc, name.c_str(), H5P_DEFAULT), "cannot open dataset " + where), H5Dclose);
  Handle space(H5Dget_space(ds.id()), H5Sclose);
  const int rank = H5Sget_simple_extent_ndims(space.id());
  std::vector<hsize_t> d(static_cast<std::size_t>(std::max(rank, 0)));
  if (rank > 0) H5Sget_simple_extent_dims(space.id(), d.data(), nullptr);
  hsize_t n = 1;
  for (auto x : d) n *= x;
  std::vector<T> out(n);
  if (n > 0) check(H5Dread(ds.id(), mem_type, H5S_ALL, H5S_ALL, H5P_DEFAULT, out.data()),
                   "dataset " + where + " is not numeric");
  if (dims) *dims = d;
  return out;
}
}  // namespace

std::vector<double> Group::read_doubles(const std::string& name, std::vector<hsize_t>* dims) const {
  if (!has(name)) throw H5Error("missing dataset " + where(name));
  return read_numeric<double>(h_.id(), name, where(name), H5T_NATIVE_DOUBLE, dims);
}

std::vector<std::int64_t> Group::read_int64(const std::string& name) const {
  if (!has(name)) throw H5Error("missing dataset " + where(name));
  return read_numeric<std::int64_t>(h_.id(), name, where(name), H5T_NATIVE_INT64, nullptr);
}

std::vector<std::int8_t> Group::read_int8(const std::string& name) const {
  if (!has(name)) throw H5Error("missing dataset " + where(name));
  return read_numeric<std::int8_t>(h_.id(), name, where(name), H5T_NATIVE_INT8, nullptr);
}

DatasetInfo Group::inspect(const std::string& name) const {
  DatasetInfo info;
  if (!has(name)) return info;
  {
    Handle object(H5Oopen(h_.id(), name.c_str(), H5P_DEFAULT), H5Oclose);  // a dangling link fails here
    if (object.id() < 0 || H5Iget_type(object.id()) != H5I_DATASET) return info;
  }
  Handle ds(H5Dopen2(h_.id(), name.c_str(), H5P_DEFAULT), H5Dclose);
  if (ds.id() < 0) return info;
  info.is_dataset = true;
  Handle type(H5Dget_type(ds.id()), H5Tclose);
  info.integer = H5Tget_class(type.id()) == H5T_INTEGER;
  info.text = H5Tget_class(type.id()) == H5T_STRING;
  info.element_bytes = H5Tget_size(type.id());
  Handle creation(H5Dget_create_plist(ds.id()), H5Pclose);
  info.chunked = creation.id() >= 0 && H5Pget_layout(creation.id()) == H5D_CHUNKED;
  Handle space(H5Dget_space(ds.id()), H5Sclose);
  const int rank = H5Sget_simple_extent_ndims(space.id());
  info.dims.assign(static_cast<std::size_t>(std::max(rank, 0)), 0);
  if (rank > 0) H5Sget_simple_extent_dims(space.id(), info.dims.data(), nullptr);
  return info;
}

std::vector<std::string> Group::read_strings(const std::string& name) const {
  if (!has(name)) throw H5Error("missing dataset " + where(name));
  Handle ds(check(H5Dopen2(h_.id(), name.c_str(), H5P_DEFAULT), "cannot open dataset " + where(name)), H5Dclose);
  Handle space(H5Dget_space(ds.id()), H5Sclose);
  const hssize_t n = H5Sget_simple_extent_npoints(space.id());
  std::vector<char*> ptrs(static_cast<std::size_t>(std::max<hssize_t>(n, 0)), nullptr);
  Handle type = string_type();
  if (n > 0) check(H5Dread(ds.id(), type.id(), H5S_ALL, H5S_ALL, H5P_DEFAULT, ptrs.data()),
                   "dataset " + where(name) + " is not a string dataset");
  std::vector<std::string> out;
  for (char* p : ptrs) {
    out.emplace_back(p ? p : "");
    H5free_memory(p);
  }
  return out;
}

namespace {
// File access properties of every file: the 1.8 format or later, and a metadata cache of at most
// 256 KiB, which holds what one point's write needs (its group, the /points link index, the
// /summary columns' headers). Every H5Fflush visits every entry of the cache, three flushes per
// point: with the default 32 MiB, or the 4 MiB used before, a sweep's cache filled with the
// groups of finished points and a 2 x 10^4-point sweep of tiny points took 103 s and 102 MB
// instead of 56 s and 45 MB (bench/tiny_points.sh).
Handle access_properties() {
  Handle fapl(H5Pcreate(H5P_FILE_ACCESS), H5Pclose);
  H5Pset_libver_bounds(fapl.id(), H5F_LIBVER_V18, H5F_LIBVER_LATEST);
  H5AC_cache_config_t cache{};
  cache.version = H5AC__CURR_CACHE_CONFIG_VERSION;
  check(H5Pget_mdc_config(fapl.id(), &cache), "cannot read the metadata cache configuration");
  cache.set_initial_size = true;
  cache.min_size = std::size_t{128} << 10;
  cache.initial_size = std::size_t{256} << 10;
  cache.max_size = std::size_t{256} << 10;
  check(H5Pset_mdc_config(fapl.id(), &cache), "cannot set the metadata cache configuration");
  return fapl;
}

// File creation properties of every file: free-space fragments below 1 KiB are not tracked.
// Each flush hands the unused end of HDF5's metadata block back as a free fragment, and the
// free-space manager keeps every fragment in memory for as long as the file is open: with three
// flushes per point (and a 4 MiB cache) a 2 x 10^4-point sweep of tiny points held 133 MB
// instead of 102 MB. The untracked fragments cost the file about 5 % of its size.
Handle creation_properties() {
  Handle fcpl(H5Pcreate(H5P_FILE_CREATE), H5Pclose);
  check(H5Pset_file_space_strategy(fcpl.id(), H5F_FSPACE_STRATEGY_FSM_AGGR, 0, 1024),
        "cannot set the file space strategy");
  return fcpl;
}
}  // namespace

File File::create(const std::filesystem::path& path) {
  silence_hdf5();
  const Handle fapl = access_properties();
  const Handle fcpl = creation_properties();
  const hid_t id = H5Fcreate(path.c_str(), H5F_ACC_TRUNC, fcpl.id(), fapl.id());
  if (id < 0) fail("cannot create HDF5 file " + path.string());
  return File(Handle(id, close_file), path.string());
}

// Messages of open() do not repeat the path: every caller reports it as the file at fault.
File File::open(const std::filesystem::path& path, bool writable) {
  silence_hdf5();
  namespace fs = std::filesystem;
  std::error_code ec;  // the non-throwing overloads: a symlink loop is a bad file, not a crash
  const fs::file_status status = fs::status(path, ec);
  if (!fs::exists(status)) throw H5Error(ec && ec != std::errc::no_such_file_or_directory
                                             ? "cannot access the file: " + ec.message()
                                             : "no such file");
  if (fs::is_directory(status)) throw H5Error("is a directory, not an HDF5 file");
  if (fs::is_regular_file(status) && fs::file_size(path, ec) == 0) throw H5Error("is empty (0 bytes), not an HDF5 file");
  const htri_t is_hdf5 = H5Fis_hdf5(path.c_str());
  if (is_hdf5 == 0) throw H5Error("not an HDF5 file (no HDF5 signature)");
  if (is_hdf5 < 0) fail("not a readable HDF5 file");
  const Handle fapl = access_properties();  // alive past H5Fopen: closing it would clear the error stack
  const hid_t id = H5Fopen(path.c_str(), writable ? H5F_ACC_RDWR : H5F_ACC_RDONLY, fapl.id());
  if (id < 0) fail("cannot open the HDF5 file: damaged or locked by another process");
  return File(Handle(id, close_file), path.string());
}

Group File::root() const {
  silence_hdf5();
  const hid_t id = check(H5Gopen2(h_.id(), "/", H5P_DEFAULT), "cannot open root group of " + name_);
  return Group(Handle(id, H5Gclose), name_, "/");
}

void File::flush() {
  silence_hdf5();
  refuse_if_detached(name_);
  check(H5Fflush(h_.id(), H5F_SCOPE_GLOBAL), "cannot flush " + name_);
}

}  // namespace hebbmc::runs::h5
