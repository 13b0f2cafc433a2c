// MC versus RS in the Curie-Weiss limit: P = 2, K = 1, where physics.md 5(a) at alpha = 0
// reduces to m = tanh(m / T) and the energy per neuron to -m^2/2 (exact at N -> infinity).
#include "mc_fixture.hpp"

using namespace hebbmc;

TEST_CASE("Curie-Weiss m(T) and energy: MC (N = 1000) versus m = tanh(m/T)") {
  // N = 1000, 4 samples x 2 replicas, 2000 sweeps after 200. The leading finite-size
  // correction to m is O(1/N) (measured |diff| * N ~ 2.7 at T = 0.8, N = 2000), so the
  // allowance is 5/N on top of 4 statistical sigma.
  for (double T : {0.5, 0.8}) {
    char toml[512];
    std::snprintf(toml, sizeof toml,
                  "[model]\nN = 1000\nP = 2\nK = 1\n[dynamics]\nT = %g\nsweeps = 2000\nthermalization = 200\n"
                  "[run]\nseed = 11\nsamples = 4\nreplicas = 2\nrecord_patterns = 1\n", T);
    const auto r = testing::simulate(toml);
    const auto rs = analysis::solve_rs_storage(2, 0.0, 1.0 / T);
    REQUIRE(rs.converged);
    char what[96];
    std::snprintf(what, sizeof what, "Curie-Weiss N=1000 T=%.1f m", T);
    testing::check_agreement(what, testing::measured(r, "m"), rs.m, 5e-3, "O(1/N) finite size");
    std::snprintf(what, sizeof what, "Curie-Weiss N=1000 T=%.1f energy", T);
    testing::check_agreement(what, testing::measured(r, "energy"), -rs.m * rs.m / 2, 5e-3, "O(1/N) finite size");
    std::snprintf(what, sizeof what, "Curie-Weiss N=1000 T=%.1f q", T);
    testing::check_agreement(what, testing::measured(r, "q"), rs.q, 1e-2, "O(1/N), two replicas");
    // Ordered phase: m fluctuates by O(N^-1/2) around +-m0, so U = 1 - <m^4>/(3<m^2>^2) = 2/3
    // - (2/3) var(m)/m0^2 + ...; var(m) ~ 1.3e-3 at T = 0.8 (mean-field susceptibility), i.e. a
    // shift ~2e-3: allowance 1e-2. Checks the moments jackknife wiring (binder_m).
    std::snprintf(what, sizeof what, "Curie-Weiss N=1000 T=%.1f Binder U_m", T);
    testing::check_agreement(what, testing::measured(r, "binder_m"), 2.0 / 3.0, 1e-2, "O(1/N) fluctuations");
  }
}

TEST_CASE("Curie-Weiss above T_c = 1: the magnetisation vanishes") {
  // T = 1.3: RS gives m = 0. At N = 1000 the chain started at the pattern decays; the
  // paramagnetic fluctuations of m are sqrt(T / (N (T - 1))) ~ 0.07 per configuration and
  // average out over 4000 sweeps; allowance 0.02 on top of 4 sigma.
  const auto r = testing::simulate(
      "[model]\nN = 1000\nP = 2\nK = 1\n[dynamics]\nT = 1.3\nsweeps = 4000\nthermalization = 200\n"
      "[run]\nseed = 12\nsamples = 4\nreplicas = 2\nrecord_patterns = 1\n");
  const auto rs = analysis::solve_rs_storage(2, 0.0, 1.0 / 1.3);
  testing::check_agreement("Curie-Weiss N=1000 T=1.3 m (paramagnet)", testing::measured(r, "m"), rs.m, 0.02,
                           "paramagnetic fluctuations");
  // Paramagnet: m is Gaussian with N var(m) = T / (T - 1) (mean-field Curie law), so the
  // Binder cumulant is 0 and chi_m = N(<m^2> - <|m|>^2) = (1 - 2/pi) T / (T - 1) = 1.575.
  // Allowances: U is 0 up to O(1/N) non-Gaussian corrections (0.03); the Curie law holds up to
  // O(1/(N (T-1)^2)) ~ 1 % corrections at T = 1.3 (0.1 on chi).
  testing::check_agreement("Curie-Weiss N=1000 T=1.3 Binder U_m (Gaussian)", testing::measured(r, "binder_m"), 0.0, 0.03,
                           "O(1/N) non-Gaussian");
  testing::check_agreement("Curie-Weiss N=1000 T=1.3 chi_m (Curie law)", testing::measured(r, "chi_m"),
                           (1 - 2 / M_PI) * 1.3 / 0.3, 0.1, "O(1/(N(T-1)^2))");
}
