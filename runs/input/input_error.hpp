#pragma once
// The one error type for bad user input (parameter files, command-line values): it names the
// file, the line and the key, so the user can fix the input without reading the code
// (docs/architecture.md, "Parameter files").
#include <stdexcept>
#include <string>

namespace hebbmc::runs {

/// Bad user input: carries file, line (0 if none), key; what() is "FILE:LINE: key 'KEY': message" (or "FILE:
/// message").
struct InputError : std::runtime_error {
  std::string file;  ///< file label as given by the user
  int line;          ///< 1-based line, 0 when the problem has no line (missing file, missing key and table)
  std::string key;   ///< bare parameter name, empty when the problem is not about one key

  /// Builds the error; what() carries every field so a bare `catch (std::exception&)` still informs.
  InputError(std::string file_, int line_, std::string key_, const std::string& message)
      : std::runtime_error(format(file_, line_, key_, message)),
        file(std::move(file_)),
        line(line_),
        key(std::move(key_)) {}

  /// The what() text: location first, as compilers do, so editors can jump to it.
  static std::string format(const std::string& file, int line, const std::string& key,
                            const std::string& message) {
    // Appends only: GCC 12 warns falsely (-Wrestrict, bug 105329) on `"literal" + string`.
    std::string text = file;
    if (line > 0) text.append(":").append(std::to_string(line));
    text.append(": ");
    if (!key.empty()) text.append("key '").append(key).append("': ");
    return text.append(message);
  }
};

}  // namespace hebbmc::runs
