#include "observables/run_length.hpp"

#include <cstdio>

namespace hebbmc::observables {

RunLengthCheck check_run_length(const BinningAnalysis& a, std::int64_t measurements, const std::string& name) {
  RunLengthCheck r;
  r.tau_is_lower_bound = !a.plateau_found;
  r.taus = measurements > 0 && a.tau_int > 0 ? static_cast<double>(measurements) / a.tau_int : 0.0;
  r.too_short = measurements <= 0 || r.taus < run_length_rule_taus;
  r.warn = r.too_short || r.tau_is_lower_bound;
  if (!r.warn) return r;
  char text[400];
  if (measurements <= 0) {
    std::snprintf(text, sizeof text, "%s: no measurements", name.c_str());
  } else if (r.tau_is_lower_bound) {
    std::snprintf(text, sizeof text,
                  "%s: %lld measurements, no binning plateau: tau_int >= %.3g is only a lower bound and the "
                  "error bar is underestimated; run longer (at least %.0f tau_int, better 1000)",
                  name.c_str(), static_cast<long long>(measurements), a.tau_int, run_length_rule_taus);
  } else {
    std::snprintf(text, sizeof text,
                  "%s: %lld measurements are only %.1f tau_int (tau_int = %.3g +- %.2g); run at least %.0f "
                  "tau_int",
                  name.c_str(), static_cast<long long>(measurements), r.taus, a.tau_int, a.tau_int_error,
                  run_length_rule_taus);
  }
  r.message = text;
  return r;
}

}  // namespace hebbmc::observables
