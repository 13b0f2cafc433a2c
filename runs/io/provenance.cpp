// Provenance root attributes of every hebbmc file (runs/io/provenance.hpp).
#include "runs/io/provenance.hpp"

#include <chrono>
#include <ctime>

#include "engine/kernel_variant.hpp"
#include "hebbmc_version.hpp"
#include "runs/input/input_error.hpp"
#include "runs/io/output_lock.hpp"

namespace hebbmc::runs {

namespace {

std::string utc_now() {
  const std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&t));
  return buf;
}

std::string binary(const std::string& version, const std::string& commit) {
  return "hebbmc " + version + " (commit " + commit + ")";
}

}  // namespace

std::string this_binary() { return binary(build::version, build::git_commit); }

std::string writer_line(const std::string& command) {
  // The kernel variant is named so a file says which instruction set each writer ran; it is not
  // part of this_binary(), since every variant gives the same numbers (docs/performance.md).
  return this_binary() + ": " + command + " at " + utc_now() + " with " +
         engine::name(engine::active_variant()) + " kernels";
}

void write_provenance(h5::Group& root, const Provenance& p, const std::string& command) {
  root.attr("program", "hebbmc");
  root.attr("version", build::version);
  root.attr("git_commit", build::git_commit);
  root.attr("kernel_variant", engine::name(engine::active_variant()));
  root.attr("format_version", output_format_version);
  root.attr("created", utc_now());
  root.attr("writers", writer_line(command));
  if (!p.kind.empty()) root.attr("kind", p.kind);
  root.attr("parameter_file", p.parameter_file);
  root.attr("parameter_file_name", p.parameter_file_name);
  root.attr("layout", p.layout);
}

h5::File create_hebbmc_file(const std::string& path, const Provenance& p, const std::string& command) {
  lock_output(path);  // every command that creates or overwrites an output: one writer at a time
  h5::File file = h5::File::create(path);
  h5::Group root = file.root();
  write_provenance(root, p, command);
  return file;
}

h5::File create_output_file(const std::string& path, const Provenance& p, const std::string& command,
                            const std::string& what) {
  try {
    return create_hebbmc_file(path, p, command);
  } catch (const h5::H5Error& e) {
    if (e.machine_fault()) throw;  // a full disk is a fault during work (exit 1), not bad input
    throw InputError(path, 0, "", "cannot create the " + what + ": " + e.what());
  }
}

void add_writer(h5::File& file, const std::string& command) {
  h5::Group root = file.root();
  std::string writers;
  if (root.has_attr("writers")) {
    writers = root.attr_string("writers") + "\n";
  } else if (root.has_attr("version") && root.has_attr("git_commit")) {
    // A file of format 1 written before the list existed names its creator in version/git_commit.
    writers = binary(root.attr_string("version"), root.attr_string("git_commit")) + ": created " +
              (root.has_attr("created") ? root.attr_string("created") : "") + "\n";
  }
  root.attr("writers", writers + writer_line(command));
  root.attr("kernel_variant", engine::name(engine::active_variant()));
}

std::string created_by(const h5::File& file) {
  const h5::Group root = file.root();
  const std::string version = root.has_attr("version") ? root.attr_string("version") : "?";
  const std::string commit = root.has_attr("git_commit") ? root.attr_string("git_commit") : "?";
  return binary(version, commit);
}

std::string writer_binary(const std::string& line) {
  const std::size_t end = line.find("): ");
  return end == std::string::npos ? line : line.substr(0, end + 1);
}

std::optional<std::string> created_by_other_binary(const h5::File& file) {
  const std::string creator = created_by(file);
  if (creator == this_binary()) return std::nullopt;
  return creator;
}

}  // namespace hebbmc::runs
