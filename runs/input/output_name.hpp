#pragma once
// What the writer needs of an output name, checked before any work (issue 11 item 5: what `hebbmc
// run` would refuse, `hebbmc check` refuses first). The writer creates OUTPUT, OUTPUT.lock and the
// directory OUTPUT.checkpoints beside it (runs/io/output_lock.hpp, runs/io/checkpoint.hpp take
// their suffixes from here); each name must be creatable, or the run fails after its first sample
// instead of before it.
#include <optional>
#include <string>
#include <string_view>

namespace hebbmc::runs {

/// Appended to the output's name to name its lock file beside it (runs/io/output_lock.hpp).
inline constexpr std::string_view lock_suffix = ".lock";
/// Appended to the output's name to name its checkpoint directory (runs/io/checkpoint.hpp).
inline constexpr std::string_view checkpoint_directory_suffix = ".checkpoints";
/// Appended to the output's name to name the file a command writes before moving it into place
/// (runs/io/staged_file.hpp); no longer than checkpoint_directory_suffix, so it fits where that does.
inline constexpr std::string_view staged_suffix = ".partial";

/// Longest file name a file system is assumed to take when its own limit is unknown (POSIX
/// NAME_MAX on Linux, macOS and the common cluster file systems).
inline constexpr std::size_t default_name_max = 255;

/// Why `output` cannot name an output file, from its text alone (nullopt: fine): it must end in
/// a file name (not "", "/", "." or ".."), and that name plus the checkpoint suffix must fit in
/// default_name_max bytes.
std::optional<std::string> output_name_problem(const std::string& output);

/// Why `output` cannot be written where it points, as the file system stands (nullopt: fine):
/// its directory must exist and be writable, the output must not be a directory, and the name
/// plus the checkpoint suffix must fit the directory's own name limit (pathconf).
std::optional<std::string> output_location_problem(const std::string& output);

}  // namespace hebbmc::runs
