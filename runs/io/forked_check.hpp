#pragma once
// Running a check that may crash or hang inside a library (HDF5 reading a damaged file) in a
// forked child process, so that the caller survives to report it (runs/io/file_check.hpp).
#include <functional>
#include <optional>
#include <string>

namespace hebbmc::runs {

/// Runs `check` in a child process and returns what it returned ("" = passed, else the
/// problem); `hung` if it ran past `seconds`, `crashed` (with "%s" replaced by the signal or exit
/// code) if it died. nullopt if no child could be started, or inside an initialised MPI process
/// (fork is unsafe with RDMA): the caller then runs the check itself.
std::optional<std::string> run_in_child(const std::function<std::string()>& check, unsigned seconds,
                                        const std::string& hung, const std::string& crashed);

}  // namespace hebbmc::runs
