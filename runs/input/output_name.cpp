// What the writer needs of an output name (runs/input/output_name.hpp).
#include "runs/input/output_name.hpp"

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <system_error>

namespace hebbmc::runs {

namespace {

namespace fs = std::filesystem;

// The longest name the writer derives from a file name of `bytes` bytes.
std::size_t longest_derived(std::size_t bytes) {
  return bytes + std::max(checkpoint_directory_suffix.size(), lock_suffix.size());
}

// "at most N bytes" message for a file name that does not leave room for the derived names.
std::string too_long(const std::string& name, std::size_t name_max) {
  const std::size_t room = name_max - std::max(checkpoint_directory_suffix.size(), lock_suffix.size());
  return "the file name is " + std::to_string(name.size()) + " bytes; expected at most " + std::to_string(room) +
         " so that the checkpoint directory (name + \"" + std::string(checkpoint_directory_suffix) +
         "\") fits the file system's " + std::to_string(name_max) + "-byte limit";
}

// `path` in double quotes. Built by append: GCC 12 reports a false -Wrestrict on "\"" + string.
std::string quoted(const fs::path& path) {
  std::string text(1, '"');
  text.append(path.string()).push_back('"');
  return text;
}

}  // namespace

std::optional<std::string> output_name_problem(const std::string& output) {
  const fs::path path(output);
  const std::string name = path.filename().string();
  if (name.empty() || name == "." || name == "..")
    return "expected a file name, got a directory (\"" + output + "\" does not end in a file name)";
  if (longest_derived(name.size()) > default_name_max) return too_long(name, default_name_max);
  return std::nullopt;
}

std::optional<std::string> output_location_problem(const std::string& output) {
  if (auto problem = output_name_problem(output)) return problem;
  const fs::path path(output);
  std::error_code ec;
  if (fs::is_directory(path, ec)) return "is a directory; expected the name of an HDF5 file to write";
  const fs::path parent = path.has_parent_path() ? path.parent_path() : fs::path(".");
  const fs::file_status status = fs::status(parent, ec);
  if (!fs::exists(status)) return "its directory " + quoted(parent) + " does not exist (create it first)";
  if (!fs::is_directory(status)) return quoted(parent) + " is not a directory";
  if (::access(parent.c_str(), W_OK | X_OK) != 0)
    return "its directory " + quoted(parent) + " is not writable (the output, its lock file and its "
           "checkpoint directory are created there)";
  const long limit = ::pathconf(parent.c_str(), _PC_NAME_MAX);
  const std::string name = path.filename().string();
  if (limit > 0 && longest_derived(name.size()) > static_cast<std::size_t>(limit))
    return too_long(name, static_cast<std::size_t>(limit));
  return std::nullopt;
}

}  // namespace hebbmc::runs
