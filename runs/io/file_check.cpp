// Validation of existing hebbmc output files (the rules are in file_check.hpp).
#include "runs/io/file_check.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <optional>
#include <string>
#include <vector>

#include "runs/input/input_error.hpp"
#include "runs/io/forked_check.hpp"
#include "runs/io/output.hpp"
#include "runs/input/parameters.hpp"

namespace hebbmc::runs {

namespace {

// Columns of /summary that `inspect` and rebuild_summary_table read (runs/io/summary_table.cpp).
constexpr const char* summary_columns[] = {
    "point",       "N",        "P",        "K",           "alpha",        "d",
    "T",           "beta",     "complete", "m_mean",      "m_error",      "q_mean",
    "q_error",     "energy_mean", "energy_error", "theory_m", "theory_q", "theory_energy"};

// Root attributes every hebbmc file carries as strings (write_provenance, runs/io/provenance.cpp).
constexpr const char* root_strings[] = {"version", "git_commit", "created", "parameter_file",
                                        "parameter_file_name"};

// Seconds the checking process may take before it is presumed hung inside HDF5.
constexpr unsigned check_time_limit = 600;

// What is wrong with the file; becomes InputError(file, message) in the parent process.
struct Problem {
  std::string message;
};

[[noreturn]] void refuse(const h5::File&, const std::string& message) { throw Problem{message}; }

[[noreturn]] void damaged(const h5::File& file, const std::string& message) {
  refuse(file, "damaged hebbmc file: " + message);
}

// HDF5's own reason from an H5Error, " (HDF5: ...)", without the repeated file and path.
std::string detail(const h5::H5Error& e) {
  const std::string what = e.what();
  const auto at = what.find(" (HDF5: ");
  return at == std::string::npos ? "" : what.substr(at);
}

// A number as a user would write it: 1.5, 99, nan.
std::string number(double x) {
  char text[32];
  std::snprintf(text, sizeof text, "%.15g", x);
  return text;
}

std::string child_path(const h5::Group& parent, const std::string& name) {
  return parent.path() == "/" ? "/" + name : parent.path() + "/" + name;
}

bool opens_as_group(const h5::Group& parent, const std::string& name) {
  try {
    parent.open_group(name);
    return true;
  } catch (const h5::H5Error&) {
    return false;
  }
}

bool reads_as_dataset(const h5::Group& parent, const std::string& name) {
  try {
    parent.read_doubles(name);
    return true;
  } catch (const h5::H5Error&) {
    try {
      parent.read_strings(name);
      return true;
    } catch (const h5::H5Error&) {
      return false;
    }
  }
}

// An existing child group, or a message saying what is there instead.
h5::Group group(const h5::File& file, const h5::Group& parent, const std::string& name) {
  const std::string path = child_path(parent, name);
  if (!parent.has(name)) damaged(file, "group " + path + " is missing");
  try {
    return parent.open_group(name);
  } catch (const h5::H5Error& e) {
    if (reads_as_dataset(parent, name)) damaged(file, path + " is a dataset, expected a group");
    damaged(file, "cannot open group " + path + detail(e));
  }
}

// A numeric dataset (any shape, flattened) and its dimensions.
std::vector<double> numeric(const h5::File& file, const h5::Group& parent, const std::string& name,
                            std::vector<hsize_t>& dims) {
  const std::string path = child_path(parent, name);
  if (!parent.has(name)) damaged(file, "dataset " + path + " is missing");
  try {
    return parent.read_doubles(name, &dims);
  } catch (const h5::H5Error& e) {
    if (opens_as_group(parent, name)) damaged(file, path + " is a group, expected a dataset");
    if (std::string(e.what()).find("is not numeric") != std::string::npos)
      damaged(file, "dataset " + path + " is not numeric");
    damaged(file, "cannot read dataset " + path + detail(e));
  }
}

// A dataset a reader takes element 0 of: numeric and non-empty.
void non_empty_numeric(const h5::File& file, const h5::Group& parent, const std::string& name) {
  std::vector<hsize_t> dims;
  if (numeric(file, parent, name, dims).empty())
    damaged(file, "dataset " + child_path(parent, name) + " is empty");
}

// A string attribute that must exist.
std::string string_attribute(const h5::File& file, const h5::Group& g, const std::string& name) {
  const std::string where = g.path() == "/" ? "root attribute '" + name + "'"
                                            : "attribute '" + name + "' of " + g.path();
  if (!g.has_attr(name)) damaged(file, where + " is missing");
  try {
    return g.attr_string(name);
  } catch (const h5::H5Error& e) {
    if (std::string(e.what()).find("is not a string") != std::string::npos) damaged(file, where + " is not a string");
    damaged(file, "cannot read " + where + detail(e));
  }
}

void check_root(const h5::File& file, const h5::Group& root) {
  const std::string foreign = "not a hebbmc output file (no root attribute program = \"hebbmc\")";
  if (!root.has_attr("program")) refuse(file, foreign);
  std::string program;
  try {
    program = root.attr_string("program");
  } catch (const h5::H5Error& e) {
    if (std::string(e.what()).find("is not a string") != std::string::npos)
      refuse(file, "not a hebbmc output file (root attribute 'program' is not a string)");
    damaged(file, "cannot read root attribute 'program'" + detail(e));
  }
  if (program != "hebbmc")
    refuse(file, "not a hebbmc output file (root attribute program = \"" + printable(program) +
                     "\", expected \"hebbmc\")");
  if (!root.has_attr("format_version")) damaged(file, "root attribute 'format_version' is missing");
  double version = 0;
  try {
    version = root.attr_double("format_version");
  } catch (const h5::H5Error& e) {
    damaged(file, "root attribute 'format_version' is not a number" + detail(e));
  }
  if (!(version >= 1) || version != std::floor(version))
    damaged(file, "root attribute format_version = " + number(version) +
                      ", expected an integer >= 1");
  if (version > static_cast<double>(output_format_version))
    refuse(file, "written by a newer hebbmc (format_version " +
                     std::to_string(static_cast<long long>(std::min(version, 1e15))) +
                     "; this hebbmc reads format_version <= " + std::to_string(output_format_version) + ")");
  for (const char* name : root_strings) string_attribute(file, root, name);
}

bool six_digits(const std::string& name) {
  if (name.size() != 6) return false;
  for (char c : name)
    if (c < '0' || c > '9') return false;
  return true;
}

void check_point(const h5::File& file, const h5::Group& points, const std::string& name) {
  if (!six_digits(name))
    damaged(file, child_path(points, name) +
                      " is not a point group (point groups are named by 6-digit indices such as 000017)");
  const h5::Group g = group(file, points, name);
  const std::string status = g.has_attr("status") ? string_attribute(file, g, "status") : "pending";
  if (status == "complete") {
    if (!g.has("summary")) damaged(file, g.path() + " is marked complete but has no group 'summary'");
    const h5::Group summary = group(file, g, "summary");
    for (const char* observable : {"m", "q", "energy"}) {
      if (!summary.has(observable)) continue;
      const h5::Group o = group(file, summary, observable);
      non_empty_numeric(file, o, "mean");
      non_empty_numeric(file, o, "error");
    }
  }
  if (g.has("theory")) {
    const h5::Group theory = group(file, g, "theory");
    for (const char* quantity : {"m", "q", "energy"}) non_empty_numeric(file, theory, quantity);
  }
}

// The names of the groups in /points, sorted.
std::vector<std::string> point_names(const h5::File& file, const h5::Group& points) {
  std::vector<std::string> names;
  try {
    names = points.children();
  } catch (const h5::H5Error& e) {
    damaged(file, "cannot list the groups in /points" + detail(e));
  }
  std::sort(names.begin(), names.end());
  return names;
}

// Checks every point group of `names`; at CheckDepth::resume, not those in `trusted` (sorted) and
// not the empty ones, which a resume only counts (runs/io/run_output.cpp).
void check_points(const h5::File& file, const h5::Group& points, const std::vector<std::string>& names,
                  const std::vector<std::string>& trusted, CheckDepth depth) {
  for (const std::string& name : names) {
    if (depth == CheckDepth::resume) {
      if (std::binary_search(trusted.begin(), trusted.end(), name)) continue;
      if (!six_digits(name)) check_point(file, points, name);  // reports it
      std::size_t links = 0;
      try {
        links = points.links_in(name);
      } catch (const h5::H5Error& e) {
        check_point(file, points, name);  // says what is there instead of a group
        damaged(file, child_path(points, name) + " is not a readable group" + detail(e));
      }
      if (links == 0) continue;
    }
    check_point(file, points, name);
  }
}

// Checks /summary against the sorted point group `names`; returns the names of the points its
// `complete` column marks complete, sorted.
std::vector<std::string> check_summary(const h5::File& file, const h5::Group& root,
                                       const std::vector<std::string>& names) {
  if (!root.has("points")) damaged(file, "/summary exists but /points is missing");
  const h5::Group summary = group(file, root, "summary");
  string_attribute(file, summary, "swept");
  std::size_t rows = 0;
  std::vector<double> point, complete;
  for (const char* column : summary_columns) {
    std::vector<hsize_t> dims;
    if (!summary.has(column)) damaged(file, "/summary has no column '" + std::string(column) + "'");
    std::vector<double> values = numeric(file, summary, column, dims);
    if (dims.size() != 1) {
      std::string shape;
      for (hsize_t d : dims) shape += (shape.empty() ? "" : ", ") + std::to_string(d);
      damaged(file, "/summary/" + std::string(column) + " has shape [" + shape + "], expected a 1-D column");
    }
    if (point.empty() && std::string(column) == "point") {
      rows = values.size();
      point = std::move(values);
    } else if (values.size() != rows) {
      damaged(file, "/summary/" + std::string(column) + " has " + std::to_string(values.size()) +
                        " rows, /summary/point has " + std::to_string(rows));
    } else if (std::string(column) == "complete") {
      complete = std::move(values);
    }
  }
  std::vector<std::string> marked;
  for (std::size_t row = 0; row < point.size(); ++row) {
    const double index = point[row];
    if (!(index >= 0 && index <= 999999) || index != std::floor(index))
      damaged(file, "row " + std::to_string(row) + " of /summary/point is " + number(index) +
                        ", expected a point index in [0, 999999]");
    const std::string name = point_name(static_cast<int>(index));
    if (!std::binary_search(names.begin(), names.end(), name))
      damaged(file, "/summary row " + std::to_string(row) + " names point " + name + ", but /points/" + name +
                        " is missing");
    if (complete.at(row) == 1) marked.push_back(name);
  }
  std::sort(marked.begin(), marked.end());
  return marked;
}

// Every check of file_check.hpp at `depth`, in this process; throws Problem.
void check_file(const h5::File& file, CheckDepth depth) {
  std::optional<h5::Group> root;
  try {
    root.emplace(file.root());
  } catch (const h5::H5Error& e) {
    damaged(file, "cannot open the root group /" + detail(e));
  }
  check_root(file, *root);
  if (!root->has("points")) {
    if (root->has("summary")) damaged(file, "/summary exists but /points is missing");
    return;
  }
  const h5::Group points = group(file, *root, "points");
  const std::vector<std::string> names = point_names(file, points);
  if (depth == CheckDepth::whole) {
    check_points(file, points, names, {}, depth);
    if (root->has("summary")) check_summary(file, *root, names);
    return;
  }
  // A resume reads the /summary table first and then only the points it does not mark complete.
  const std::vector<std::string> marked = root->has("summary") ? check_summary(file, *root, names)
                                                               : std::vector<std::string>{};
  check_points(file, points, names, marked, depth);
}

// hebbmc writes HDF5 superblock version 2 or later at offset 0 (libver bounds 1.8..latest,
// runs/io/hdf5_file.cpp), whose metadata is checksummed. Older superblocks (or a user block) mean
// a foreign file, whose unchecksummed metadata HDF5 1.10 may read out of bounds or for minutes.
void check_superblock(const h5::File& file) {
  std::ifstream in(file.name(), std::ios::binary);
  unsigned char head[9] = {};
  in.read(reinterpret_cast<char*>(head), sizeof head);
  if (!in || std::memcmp(head, "\x89HDF\r\n\x1a\n", 8) != 0)
    refuse(file, "not a hebbmc output file (no HDF5 signature at offset 0: a user block, or not HDF5)");
  if (head[8] < 2)
    refuse(file, "not a hebbmc output file (HDF5 superblock version " + std::to_string(head[8]) +
                     "; hebbmc writes version 2 or later)");
}

// check_file(file, depth) in a child process (runs/io/forked_check.hpp). HDF5 1.10 trusts the
// object sizes of global heap collections (variable-length strings, which have no checksum): a
// damaged one makes H5Aread copy out of bounds and crash (tests/hostile). The parent reads
// nothing until the child has read everything the same way and survived.
std::optional<std::string> check_in_child(const h5::File& file, CheckDepth depth) {
  return run_in_child(
      [&]() -> std::string {
        try {
          check_file(file, depth);
        } catch (const Problem& p) {
          return p.message;
        } catch (const std::exception& e) {
          return std::string("damaged hebbmc file: ") + e.what();
        }
        return "";
      },
      check_time_limit,
      "damaged HDF5 file: the HDF5 library did not finish reading it within " + std::to_string(check_time_limit) + " s",
      "damaged HDF5 file: the HDF5 library crashed while reading it (%s); its internal sizes or addresses are corrupt");
}

}  // namespace

void validate_output_file(const h5::File& file, CheckDepth depth) {
  try {
    check_superblock(file);
  } catch (const Problem& p) {
    throw InputError(file.name(), 0, "", p.message);
  }
  const std::optional<std::string> message = check_in_child(file, depth);
  if (message && !message->empty()) throw InputError(file.name(), 0, "", *message);
  if (message) return;
  try {  // no child process could be started: check here, unprotected
    check_file(file, depth);
  } catch (const Problem& p) {
    throw InputError(file.name(), 0, "", p.message);
  }
}

}  // namespace hebbmc::runs
