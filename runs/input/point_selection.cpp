// Parsing and applying `--points` (runs/input/point_selection.hpp).
#include "runs/input/point_selection.hpp"

#include <algorithm>
#include <charconv>

#include "runs/input/input_error.hpp"

namespace hebbmc::runs {

namespace {

// Throws the InputError of a bad list: "SOURCE: WHAT 'TEXT': problem".
struct Refuse {
  const std::string& source;
  const std::string& what;
  std::string_view text;
  [[noreturn]] void operator()(const std::string& problem) const {
    throw InputError(source, 0, "", what + " '" + std::string(text) + "': " + problem);
  }
};

// One index of the list: decimal digits only (no sign, no spaces), below `count`.
std::size_t parse_index(std::string_view item, std::string_view number, std::size_t count, const Refuse& refuse) {
  std::size_t value = 0;
  const auto [end, error] = std::from_chars(number.data(), number.data() + number.size(), value);
  if (number.empty() || error == std::errc::invalid_argument || end != number.data() + number.size())
    refuse("malformed item '" + std::string(item) + "': expected an index or a range FIRST-LAST such as 0-9,20,30-39");
  if (error == std::errc::result_out_of_range || value >= count)
    refuse("point " + std::string(number) + " is out of range: the sweep has " + std::to_string(count) + " point" +
           (count == 1 ? "" : "s") + ", indices 0-" + std::to_string(count - 1));
  return value;
}

}  // namespace

std::vector<std::size_t> parse_point_list(std::string_view text, std::size_t count, const std::string& source,
                                          const std::string& what) {
  const Refuse refuse{source, what, text};
  if (text.empty()) refuse("names no point: expected indices such as 0-9,20,30-39");
  std::vector<std::size_t> indices;
  for (std::size_t start = 0; start <= text.size();) {
    const std::size_t comma = std::min(text.find(',', start), text.size());
    const std::string_view item = text.substr(start, comma - start);
    const std::size_t dash = item.find('-');
    const std::size_t first = parse_index(item, item.substr(0, dash), count, refuse);
    const std::size_t last =
        dash == std::string_view::npos ? first : parse_index(item, item.substr(dash + 1), count, refuse);
    if (last < first) refuse("range '" + std::string(item) + "' ends before it starts");
    if (!indices.empty() && first <= indices.back())
      refuse("item '" + std::string(item) + "' does not come after point " + std::to_string(indices.back()) +
             ": list the points in increasing order, each once");
    for (std::size_t i = first; i <= last; ++i) indices.push_back(i);
    start = comma + 1;
  }
  return indices;
}

std::string point_list_text(const std::vector<std::size_t>& indices) {
  std::string text;
  for (std::size_t i = 0; i < indices.size();) {
    std::size_t j = i;
    while (j + 1 < indices.size() && indices[j + 1] == indices[j] + 1) ++j;
    if (!text.empty()) text.append(",");
    text.append(std::to_string(indices[i]));
    if (j > i) text.append("-").append(std::to_string(indices[j]));
    i = j + 1;
  }
  return text;
}

RunSpec select_points(const RunSpec& spec, const std::optional<std::string>& text) {
  if (!text) return spec;
  const std::vector<std::size_t> indices = parse_point_list(*text, spec.points.size(), "command line", "--points");
  RunSpec part = spec;
  part.points.clear();
  for (std::size_t i : indices) part.points.push_back(spec.points[i]);
  part.part_points = point_list_text(indices);
  return part;
}

}  // namespace hebbmc::runs
