// Reading the user's input files and echoing them safely (runs/input/input_text.hpp).
#include "runs/input/input_text.hpp"

#include <cmath>
#include <cstdio>
#include <fstream>

#include "runs/input/input_error.hpp"

namespace hebbmc::runs {

std::string read_input_file(const std::filesystem::path& file, const std::string& what, std::size_t max_bytes,
                            const std::string& too_large) {
  std::error_code ec;
  if (std::filesystem::is_directory(file, ec)) throw InputError(file.string(), 0, "", "is a directory, expected a " + what);
  std::ifstream in(file, std::ios::binary);
  if (!in) throw InputError(file.string(), 0, "", "cannot read the " + what);
  // Read in chunks, at most one chunk past the limit: /dev/zero must not fill the memory.
  std::string text;
  char chunk[1 << 16];
  while (text.size() <= max_bytes && in.read(chunk, sizeof chunk).gcount() > 0)
    text.append(chunk, static_cast<std::size_t>(in.gcount()));
  if (in.bad()) throw InputError(file.string(), 0, "", "error while reading the " + what);
  if (text.size() > max_bytes)
    throw InputError(file.string(), 0, "", "is larger than " + std::to_string(max_bytes >> 20) + " MiB; " + too_large);
  return text;
}

std::string printable(std::string_view text, std::size_t max_bytes) {
  std::string out;
  const auto escape = [&out](unsigned char byte) {
    char hex[5];
    std::snprintf(hex, sizeof hex, "\\x%02x", byte);
    out += hex;
  };
  std::size_t i = 0;
  while (i < text.size() && out.size() < max_bytes) {
    const auto byte = static_cast<unsigned char>(text[i]);
    // Length of a well-formed UTF-8 sequence starting here (0 if malformed), RFC 3629.
    std::size_t length = byte < 0x80 ? 1 : (byte >> 5) == 0x6 ? 2 : (byte >> 4) == 0xe ? 3 : (byte >> 3) == 0x1e ? 4 : 0;
    if (i + length > text.size()) length = 0;
    for (std::size_t k = 1; k < length; ++k)
      if ((static_cast<unsigned char>(text[i + k]) & 0xc0) != 0x80) length = 0;
    // C0 controls, DEL and the C1 controls U+0080..U+009F (encoded C2 80..C2 9F) drive terminals.
    const bool c1 = length == 2 && byte == 0xc2 && static_cast<unsigned char>(text[i + 1]) < 0xa0;
    if (length == 0 || byte < 0x20 || byte == 0x7f || c1) {
      escape(byte);
      ++i;
    } else {
      out.append(text.substr(i, length));
      i += length;
    }
  }
  if (i < text.size()) out += "...(" + std::to_string(text.size()) + " bytes)";
  return out;
}

std::string format_value(const ParamValue& value) {
  if (const auto* i = std::get_if<std::int64_t>(&value)) return std::to_string(*i);
  if (const auto* b = std::get_if<bool>(&value)) return *b ? "true" : "false";
  if (const auto* s = std::get_if<std::string>(&value)) return "\"" + printable(*s) + "\"";
  const double x = std::get<double>(value);
  if (std::isinf(x)) return x > 0 ? "inf" : "-inf";
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.15g", x);
  return buffer;
}

}  // namespace hebbmc::runs
