#pragma once
// Text of the user's input files: the capped read of a file, and the safe echo of its parts in
// one-line messages (docs/architecture.md, "Parameter files").
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <variant>

namespace hebbmc::runs {

/// One scalar value of an input file: integer, float, bool, or string (enumerations are strings).
using ParamValue = std::variant<std::int64_t, double, bool, std::string>;

/// Text of an input file (parameter, phase, data or multitask file), read in chunks and at most one
/// chunk past max_bytes, so /dev/zero cannot fill the memory. A directory, an unreadable file or a
/// larger one is an InputError naming the file; `what` names the kind ("parameter file") in the
/// messages, `too_large` completes "is larger than N MiB; ".
std::string read_input_file(const std::filesystem::path& file, const std::string& what, std::size_t max_bytes,
                            const std::string& too_large);

/// Text from a user's file made safe for a one-line message: control bytes, C1 controls and
/// invalid UTF-8 as \xNN, cut after max_bytes with "...(N bytes)".
std::string printable(std::string_view text, std::size_t max_bytes = 64);
/// A value as a user would write it: 3, 0.5, true, "glauber".
std::string format_value(const ParamValue& value);

}  // namespace hebbmc::runs
