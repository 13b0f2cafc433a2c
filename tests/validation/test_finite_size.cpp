// Long validations (ctest -L validation): the gap between MC and the RS theory must shrink as
// N grows, as the finite-size analysis predicts (physics.md section 6).
#include "../physics/mc_fixture.hpp"

using namespace hebbmc;

TEST_CASE("Curie-Weiss T = 0.8: |m_MC - m_RS| = O(1/N) for N = 500 ... 4000") {
  // The leading correction to the magnetisation of the Curie-Weiss model is O(1/N). Each N
  // must satisfy |diff| <= 4 sigma + 5/N, and the gap at N = 4000 must be below the one at 500.
  const auto rs = analysis::solve_rs_storage(2, 0.0, 1.0 / 0.8);
  std::vector<double> gaps;
  for (int N : {500, 1000, 2000, 4000}) {
    char toml[512];
    std::snprintf(toml, sizeof toml,
                  "[model]\nN = %d\nP = 2\nK = 1\n[dynamics]\nT = 0.8\nsweeps = 4000\nthermalization = 400\n"
                  "[run]\nseed = 41\nsamples = 4\nreplicas = 2\nrecord_patterns = 1\n", N);
    const auto mc = testing::measured(testing::simulate(toml), "m");
    char what[64];
    std::snprintf(what, sizeof what, "Curie-Weiss T=0.8 N=%d m", N);
    testing::check_agreement(what, mc, rs.m, 5.0 / N, "5/N");
    gaps.push_back(std::abs(mc.first - rs.m));
  }
  CHECK(gaps.back() < gaps.front());
}

TEST_CASE("Dense P = 4, alpha = 0.01, beta = 20: the MC-RS gap shrinks from N = 100 to N = 180") {
  // O(1/N) corrections predict a gap at N = 180 smaller than at N = 100; each N is also held to
  // |diff| <= 4 sigma + 1.5/N. Smaller N is not used: at N = 60 one sample in four escapes
  // the metastable retrieval state within the run (sigma = 0.17), which tests nothing.
  const auto rs = analysis::solve_rs_storage(4, 0.01, 20.0);
  std::vector<double> gaps;
  for (int N : {100, 140, 180}) {
    char toml[512];
    std::snprintf(toml, sizeof toml,
                  "[model]\nN = %d\nP = 4\nalpha = 0.01\n[dynamics]\nbeta = 20\nsweeps = 500\nthermalization = 100\n"
                  "[run]\nseed = 42\nsamples = 4\nreplicas = 2\nrecord_patterns = 1\n", N);
    const auto mc = testing::measured(testing::simulate(toml), "m");
    char what[64];
    std::snprintf(what, sizeof what, "Dense P=4 alpha=0.01 beta=20 N=%d m", N);
    testing::check_agreement(what, mc, rs.m, 1.5 / N, "1.5/N");
    gaps.push_back(std::abs(mc.first - rs.m));
  }
  CHECK(gaps.back() < gaps.front());
}

TEST_CASE("Hopfield T = 0.05, N = 4000: retrieval up to alpha = 0.12, lost from alpha = 0.15") {
  // AGS: alpha_c(T = 0) = 0.138. Below it MC m must match RS within 4 sigma + 0.01 (finite-N
  // error fraction); above it m must fall below 0.5 (no RS retrieval branch exists).
  for (double alpha : {0.08, 0.12, 0.15, 0.2}) {
    char toml[512];
    std::snprintf(toml, sizeof toml,
                  "[model]\nN = 4000\nP = 2\nalpha = %g\n[dynamics]\nT = 0.05\nsweeps = 300\nthermalization = 100\n"
                  "[run]\nseed = 43\nsamples = 2\nreplicas = 2\nrecord_patterns = 1\n", alpha);
    const auto mc = testing::measured(testing::simulate(toml), "m");
    const auto rs = analysis::solve_rs_storage(2, alpha, 20.0);
    char what[64];
    std::snprintf(what, sizeof what, "Hopfield N=4000 alpha=%.2f T=0.05 m", alpha);
    if (alpha < 0.138) {
      testing::check_agreement(what, mc, rs.m, 0.01, "finite-N error fraction");
    } else {
      std::printf("%-52s MC %.4f +- %.4f must be < 0.5 (RS m = %.2g)\n", what, mc.first, mc.second, rs.m);
      CHECK(mc.first + 4 * mc.second < 0.5);
    }
  }
}
