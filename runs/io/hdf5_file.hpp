#pragma once
// Small RAII wrapper over the HDF5 C API: files, groups, attributes, datasets. Every writer of
// hebbmc goes through it, so every HDF5 identifier is closed on every path, exceptions included.
//
// Every failure throws H5Error naming the file and the object, never prints HDF5's own
// error stack. Only what the output layout (docs/output.md) needs is here.
#include <hdf5.h>

#include <cstdint>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

namespace hebbmc::runs::h5 {

/// An HDF5 operation failed; the message names the file and object.
struct H5Error : std::runtime_error {
  explicit H5Error(const std::string& what, int system_errno = 0) : std::runtime_error(what), system_errno(system_errno) {}
  /// errno of the failed system call under HDF5 (e.g. ENOSPC), 0 if none was reported.
  int system_errno;
  /// True if the cause is the machine (full disk or quota, I/O error), not the file or its name.
  bool machine_fault() const;
};

/// True once HDF5 failed to close an object (after a write fault): its exit handler would then
/// touch the half-destroyed object, so the process must end without running it.
bool close_failed();
/// True once a file's last flush or an object's close failed; reported on stderr when it
/// happened, since no caller was left to catch it (the command must then not exit 0).
bool fault_at_close();

/// Owns one HDF5 identifier and closes it with the matching H5*close.
class Handle {
 public:
  Handle() = default;
  Handle(hid_t id, herr_t (*close)(hid_t)) : id_(id), close_(close) {}
  Handle(Handle&& o) noexcept : id_(o.id_), close_(o.close_) { o.id_ = H5I_INVALID_HID; }
  Handle& operator=(Handle&& o) noexcept;
  Handle(const Handle&) = delete;
  Handle& operator=(const Handle&) = delete;
  ~Handle();
  hid_t id() const { return id_; }  ///< raw identifier for C calls

 private:
  hid_t id_ = H5I_INVALID_HID;
  herr_t (*close_)(hid_t) = nullptr;
};

/// Options for writing a dataset: chunked + deflate for trajectories, contiguous otherwise.
struct DatasetOptions {
  bool compress = false;  ///< chunk along the first axis and apply shuffle + deflate(4)
};

/// An open group or dataset: the attributes every HDF5 object can carry.
class Object {
 public:
  const std::string& path() const { return path_; }               ///< absolute path inside the file
  void attr(const std::string& name, const std::string& value);   ///< UTF-8 string attribute
  void attr(const std::string& name, const char* value) { attr(name, std::string(value)); }
  void attr(const std::string& name, std::int64_t value);         ///< 64-bit integer attribute
  void attr(const std::string& name, double value);               ///< double attribute
  bool has_attr(const std::string& name) const;                   ///< true if the attribute exists
  std::string attr_string(const std::string& name) const;         ///< reads a string attribute
  double attr_double(const std::string& name) const;              ///< reads a numeric attribute as double

 protected:
  Object(Handle h, std::string file, std::string path) : h_(std::move(h)), file_(std::move(file)), path_(std::move(path)) {}
  std::string where(const std::string& name) const;  // "FILE:/path/name" for messages
  std::string child_path(const std::string& name) const;  // "/path/name"
  Handle h_;
  std::string file_, path_;
};

/// A dataset just written: attach what it means, so that every dataset describes itself.
class Dataset : public Object {
 public:
  Dataset(Handle h, std::string file, std::string path) : Object(std::move(h), std::move(file), std::move(path)) {}
  /// Writes the `description` and `units` attributes (docs/output.md, "Conventions").
  Dataset& describe(const std::string& description, const std::string& units);
};

/// What a stored dataset holds, read before its values so that a user's file is checked first.
struct DatasetInfo {
  bool is_dataset = false;         ///< the link exists and leads to a dataset
  bool integer = false;            ///< its stored type is an integer type
  bool text = false;               ///< its stored type is a string type
  bool chunked = false;            ///< stored in chunks (written with DatasetOptions::compress)
  std::size_t element_bytes = 0;   ///< size of one stored value
  std::vector<hsize_t> dims;       ///< its shape (empty for a scalar)
};

/// A group (or the root) of an open file: create children, write and read attributes and datasets.
class Group : public Object {
 public:
  Group(Handle h, std::string file, std::string path) : Object(std::move(h), std::move(file), std::move(path)) {}
  bool has(const std::string& name) const;                        ///< true if a link `name` exists here
  Group create_group(const std::string& name);                    ///< new child group
  Group open_group(const std::string& name) const;                ///< existing child group
  Group require_group(const std::string& name);                   ///< open or create
  void remove(const std::string& name);                           ///< unlink a child (no-op if absent)
  std::vector<std::string> children() const;                      ///< names of the links, in name order
  /// Number of links in child group `name`, read from its header alone (no child is opened).
  std::size_t links_in(const std::string& name) const;
  /// Copies child `name` of `source` (a group or dataset of any open file), with its attributes
  /// and all below it, to a new child of the same name here, written as hebbmc writes (the same
  /// types, shapes, chunks and filters), so the copy holds the same values (`hebbmc merge`).
  void copy(const Group& source, const std::string& name);

  /// Writes (replacing) a double dataset of the given shape (empty dims = scalar).
  Dataset write(const std::string& name, const std::vector<double>& data, const std::vector<hsize_t>& dims,
                DatasetOptions opt = {});
  /// Writes (replacing) an int64 dataset of the given shape.
  Dataset write(const std::string& name, const std::vector<std::int64_t>& data, const std::vector<hsize_t>& dims,
                DatasetOptions opt = {});
  /// Writes (replacing) an int8 dataset of the given shape (spins).
  Dataset write(const std::string& name, const std::vector<std::int8_t>& data, const std::vector<hsize_t>& dims,
                DatasetOptions opt = {});
  /// Overwrites element `index` of an existing 1-D double dataset (O(1) in its length).
  void write_element(const std::string& name, hsize_t index, double value);
  /// Overwrites element `index` of an existing 1-D int64 dataset (O(1) in its length).
  void write_element(const std::string& name, hsize_t index, std::int64_t value);
  /// Writes (replacing) a 1-D dataset of variable-length UTF-8 strings.
  Dataset write(const std::string& name, const std::vector<std::string>& data);
  /// Reads a numeric dataset as doubles (any shape, flattened) and its shape.
  std::vector<double> read_doubles(const std::string& name, std::vector<hsize_t>* dims = nullptr) const;
  /// Reads an integer dataset as int64 (any shape, flattened; HDF5 converts narrower types).
  std::vector<std::int64_t> read_int64(const std::string& name) const;
  /// Reads an integer dataset as int8 (any shape, flattened; wider values are clipped by HDF5).
  std::vector<std::int8_t> read_int8(const std::string& name) const;
  /// Shape and type of `name` without reading it (is_dataset false if absent or not a dataset).
  DatasetInfo inspect(const std::string& name) const;
  /// Reads a 1-D string dataset.
  std::vector<std::string> read_strings(const std::string& name) const;
};

/// An open HDF5 file; closing flushes.
class File {
 public:
  /// Creates (truncating) a file.
  static File create(const std::filesystem::path& path);
  /// Opens an existing file; throws H5Error if it is missing or not HDF5.
  static File open(const std::filesystem::path& path, bool writable);
  Group root() const;                          ///< the root group "/"
  void flush();                                ///< pushes everything written so far to disk
  const std::string& name() const { return name_; }  ///< path as given

 private:
  File(Handle h, std::string name) : h_(std::move(h)), name_(std::move(name)) {}
  Handle h_;
  std::string name_;
};

}  // namespace hebbmc::runs::h5
