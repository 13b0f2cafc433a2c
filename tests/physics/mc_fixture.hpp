#pragma once
// Shared helpers of the MC-versus-theory tests: run one point from TOML text, compare, print.
#include <doctest/doctest.h>

#include <cmath>
#include <cstdio>
#include <string>

#include "analysis/rs/rs_storage.hpp"
#include "runs/input/parameters.hpp"
#include "runs/driver/point_summary.hpp"
#include "runs/driver/simulation.hpp"

namespace hebbmc::testing {

/// Simulates the single point described by `toml` (all samples, in parallel) and averages it.
inline runs::PointResult simulate(const std::string& toml) {
  const runs::RunSpec spec = runs::parse_run_spec(toml, "test.toml");
  REQUIRE(spec.points.size() == 1);
  const auto& p = spec.points.front();
  std::vector<runs::SampleResult> samples(static_cast<std::size_t>(p.samples));
#pragma omp parallel for schedule(dynamic, 1)
  for (int s = 0; s < p.samples; ++s) samples[s] = runs::simulate_sample(p, s, [](double) {});
  return runs::summarise_point(p, std::move(samples));
}

/// Disorder-averaged mean and error of component c of observable `name`.
inline std::pair<double, double> measured(const runs::PointResult& r, const std::string& name, int c = 0) {
  for (const auto& o : r.observables)
    if (o.name == name) return {o.mean.at(c), o.error.at(c)};
  FAIL("observable " << name << " missing");
  return {NAN, NAN};
}

/// Checks |mc - theory| <= 4 error + allowance, printing both numbers and the tolerance.
inline void check_agreement(const char* what, std::pair<double, double> mc, double theory, double allowance,
                            const char* why) {
  const double tol = 4 * mc.second + allowance;
  std::printf("%-52s MC %.5f +- %.5f   RS %.5f   |diff| %.5f <= %.5f (4 sigma + %.4f: %s)\n", what, mc.first,
              mc.second, theory, std::abs(mc.first - theory), tol, allowance, why);
  CHECK_MESSAGE(std::abs(mc.first - theory) <= tol, what);
}

}  // namespace hebbmc::testing
