#pragma once
// The temperature of a point, one rule for run files and data files (docs/parameters.md,
// "[dynamics]"): exactly one of T and beta, except that rule = "zero_temperature" may omit both
// and then allows only T = 0 / beta = inf; T = 0 means beta = +inf.
#include <optional>
#include <string>
#include <variant>

namespace hebbmc::runs {

/// A resolved temperature: T >= 0 finite, beta = 1 / T (+inf at T = 0).
struct Temperature {
  double T;     ///< temperature
  double beta;  ///< inverse temperature
};

/// Why the given T and beta are refused: the key to blame and the message.
struct TemperatureProblem {
  std::string key;      ///< "T" or "beta"
  std::string message;  ///< what was expected and what was given
};

/// T and beta from the values a file gives (nullopt: not given); `zero_temperature` is true for
/// that rule. Returns the temperature or the problem, which the caller raises at the key's line.
std::variant<Temperature, TemperatureProblem> resolve_temperature(std::optional<double> T, std::optional<double> beta,
                                                                  bool zero_temperature);

}  // namespace hebbmc::runs
