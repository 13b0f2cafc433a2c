// Dense storage, P = 4, K = alpha N^3 (physics.md 5(b)): non-condensed patterns act as a
// P-spin-glass noise of variance alpha q^3 / 3!.
#include "mc_fixture.hpp"

using namespace hebbmc;

namespace {
runs::PointResult dense(double beta, int N, int samples) {
  char toml[512];
  std::snprintf(toml, sizeof toml,
                "[model]\nN = %d\nP = 4\nalpha = 0.01\n[dynamics]\nbeta = %g\nsweeps = 400\nthermalization = 100\n"
                "[run]\nseed = 31\nsamples = %d\nreplicas = 2\nrecord_patterns = 1\n", N, beta, samples);
  return testing::simulate(toml);
}
}  // namespace

TEST_CASE("Dense P = 4, alpha = 0.01, beta = 30: m ~ 0.998 (physics.md 5(b) check)") {
  // N = 100 (K = 10^4), 2 samples x 2 replicas. Allowance 0.005: finite-size corrections to
  // the retrieval magnetisation are O(1/N) (the distinct-index energy itself differs from
  // -N m^4/4! by O(m^2/N)).
  const auto rs = analysis::solve_rs_storage(4, 0.01, 30.0);
  REQUIRE(rs.converged);
  testing::check_agreement("Dense P=4 N=100 alpha=0.01 beta=30 m", testing::measured(dense(30, 100, 2), "m"), rs.m,
                           5e-3, "O(1/N) finite size");
}

TEST_CASE("Dense P = 4, alpha = 0.01, beta = 20: finite-temperature retrieval") {
  // T = 0.05: retrieval is the stable state (its free energy ~ -m^4/24 = -0.041 is below the
  // paramagnet's -T ln 2 = -0.035) and RS gives m = 0.990, visibly below the beta = 30 value.
  // N = 100: measured |diff| = 0.008 (O(1/N), shrinking with N: see the validation suite),
  // allowance 0.015.
  const auto rs = analysis::solve_rs_storage(4, 0.01, 20.0);
  REQUIRE(rs.converged);
  testing::check_agreement("Dense P=4 N=100 alpha=0.01 beta=20 m", testing::measured(dense(20, 100, 2), "m"), rs.m,
                           1.5e-2, "O(1/N) finite size");
}
