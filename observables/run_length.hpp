// Is a run long enough for its error bars? A warning when the number of measurements is
// below run_length_rule_taus integrated autocorrelation times (docs/statistics.md, section 8).
#pragma once

#include <cstdint>
#include <string>

#include "observables/accumulator.hpp"

namespace hebbmc::observables {

// The rule of thumb: a run should hold at least this many tau_int of measurements.
inline constexpr double run_length_rule_taus = 50.0;

// Verdict on the length of one time series.
struct RunLengthCheck {
  double taus = 0.0;               // measurements / tau_int (0 without measurements)
  bool too_short = true;           // taus < run_length_rule_taus (or no measurements)
  bool tau_is_lower_bound = true;  // no binning plateau: tau_int is a lower bound, taus an upper bound
  bool warn = true;                // too_short || tau_is_lower_bound: the error bar is not to be trusted
  std::string message;             // one line for the user when warn, else empty
};

// Applies the rule to the binning analysis of a series of `measurements` records (the
// Accumulator's count). Without a plateau even taus >= 50 certifies nothing, since tau_int was
// underestimated: warn is then set too. `name` labels the message.
RunLengthCheck check_run_length(const BinningAnalysis& analysis, std::int64_t measurements,
                                const std::string& name = "series");

}  // namespace hebbmc::observables
