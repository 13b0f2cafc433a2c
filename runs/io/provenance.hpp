#pragma once
// What made a hebbmc file and from what (docs/output.md, "Provenance"): the root attributes every
// file carries, whichever command wrote it, and the list of binaries that wrote into it.
#include <cstdint>
#include <optional>
#include <string>

#include "runs/io/hdf5_file.hpp"

namespace hebbmc::runs {

/// Version of the layouts hebbmc writes (all file kinds); bumped on any incompatible change.
inline constexpr std::int64_t output_format_version = 1;

/// The parts of a file's provenance that depend on the command that writes it.
struct Provenance {
  std::string kind;                 ///< what the file holds (root attribute `kind`; omitted when empty)
  std::string parameter_file;       ///< full text of the parameter file(s) it was made from
  std::string parameter_file_name;  ///< path of the parameter file as given
  std::string layout;               ///< where docs/ describe the layout
};

/// This binary: "hebbmc VERSION (commit C)".
std::string this_binary();

/// This binary as one line of `writers`: "hebbmc VERSION (commit C): COMMAND at UTC-TIME".
std::string writer_line(const std::string& command);

/// Writes the root attributes of a new file: program, version, git_commit, format_version,
/// created, writers (this binary and `command`), kind, parameter_file(_name), layout.
void write_provenance(h5::Group& root, const Provenance& p, const std::string& command);

/// Creates (truncating) a hebbmc file and writes its provenance.
h5::File create_hebbmc_file(const std::string& path, const Provenance& p, const std::string& command);

/// create_hebbmc_file for an output named on the command line: one that cannot be created is the
/// user's to fix, so the failure is an InputError "cannot create the <what>: <reason>".
h5::File create_output_file(const std::string& path, const Provenance& p, const std::string& command,
                            const std::string& what);

/// Appends this binary and `command` to `writers` of a file it continues (resume, theory).
void add_writer(h5::File& file, const std::string& command);

/// The binary that created the file, "hebbmc 0.9.0 (commit abc)" ("?" for a missing attribute).
std::string created_by(const h5::File& file);

/// The binary that wrote one line of `writers` ("hebbmc 0.9.0 (commit abc)"): the text before ": ".
std::string writer_binary(const std::string& line);

/// Describes the binary that created the file ("hebbmc 0.9.0 (commit abc)") when it is not this
/// one (another version or commit); nullopt when it is this binary.
std::optional<std::string> created_by_other_binary(const h5::File& file);

}  // namespace hebbmc::runs
