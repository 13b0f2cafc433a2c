// One temperature rule for every input file kind (runs/input/temperature.hpp).
#include "runs/input/temperature.hpp"

#include <cmath>
#include <limits>

#include "runs/input/input_text.hpp"

namespace hebbmc::runs {

std::variant<Temperature, TemperatureProblem> resolve_temperature(std::optional<double> T, std::optional<double> beta,
                                                                  bool zero_temperature) {
  constexpr double inf = std::numeric_limits<double>::infinity();
  if (T && beta) return TemperatureProblem{"beta", "give exactly one of T and beta, not both"};
  if (T) {
    if (!(*T >= 0) || !std::isfinite(*T))
      return TemperatureProblem{"T", "expected a finite float >= 0, got " + format_value(*T)};
    if (zero_temperature && *T > 0)
      return TemperatureProblem{"T", "rule \"zero_temperature\" needs T = 0 (or no T), got " + format_value(*T)};
    return Temperature{*T, *T > 0 ? 1 / *T : inf};
  }
  if (beta) {
    if (!(*beta > 0))
      return TemperatureProblem{"beta", "expected a float > 0 (inf for T = 0), got " + format_value(*beta)};
    if (zero_temperature && std::isfinite(*beta))
      return TemperatureProblem{"beta",
                                "rule \"zero_temperature\" needs beta = inf (or no beta), got " + format_value(*beta)};
    return Temperature{std::isinf(*beta) ? 0 : 1 / *beta, *beta};
  }
  if (zero_temperature) return Temperature{0, inf};
  return TemperatureProblem{"T",
                            "missing: give exactly one of T and beta in [dynamics] (only rule = \"zero_temperature\" "
                            "may omit both)"};
}

}  // namespace hebbmc::runs
