// The parallel heat bath (docs/dynamics.md, eqs. D1-D3) on N = 10: the chain engine::sweep runs
// with engine::ParallelHeatBath must visit the 1024 states with the stationary distribution of
// the synchronous transition matrix built here from the energies alone, and that distribution is
// not the Boltzmann one (which the same histogram must reject).
#include <doctest/doctest.h>

#include <cmath>
#include <cstdio>
#include <utility>
#include <vector>

#include "engine/parallel_heat_bath.hpp"
#include "engine/sweep.hpp"
#include "models/patterns.hpp"
#include "models/storage.hpp"
#include "chi_square.hpp"

using namespace hebbmc;
using testing::chi_square_p;

namespace {

constexpr int N = 10;
constexpr unsigned states = 1u << N;

int spin(unsigned bits, int i) { return (bits >> i) & 1 ? 1 : -1; }

// Energy of state `bits` from the overlaps M_mu = sum_i xi_i s_i (physics.md section 3, distinct
// indices, d = 0): P = 2: -(1/(2N)) sum_mu (M^2 - N); P = 4: -(1/(24 N^3)) sum_mu F_4(M) with
// F_4 = M^4 - 6 N M^2 + 8 M^2 + 3 N^2 - 6 N (docs/hamiltonian.md H2, n = N). Written out here so the
// expected distribution does not come from the model under test.
double energy(const models::Patterns& xi, int P, unsigned bits) {
  double e = 0;
  for (std::int64_t mu = 0; mu < xi.K(); ++mu) {
    double M = 0;
    for (int i = 0; i < N; ++i) M += xi(i, mu) * spin(bits, i);
    if (P == 2) e -= (M * M - N) / (2.0 * N);
    else e -= (std::pow(M, 4) - 6.0 * N * M * M + 8 * M * M + 3.0 * N * N - 6.0 * N) / (24.0 * std::pow(N, 3));
  }
  return e;
}

// Local fields h_i(s) = s_i (H(s with i flipped) - H(s)) / 2 (eq. D1) of every state, [state][i].
std::vector<double> fields(const models::Patterns& xi, int P) {
  std::vector<double> h(states * N);
  for (unsigned b = 0; b < states; ++b)
    for (int i = 0; i < N; ++i) h[b * N + i] = spin(b, i) * (energy(xi, P, b ^ (1u << i)) - energy(xi, P, b)) / 2;
  return h;
}

// Stationary distribution pi = pi T of the synchronous chain T(s -> s') = prod_i 1 / (1 + exp(-2
// beta s'_i h_i(s))) (eq. D2): the linear system (T^t - 1) pi = 0 with one row replaced by
// sum pi = 1, by Gaussian elimination with partial pivoting.
std::vector<double> parallel_stationary(const std::vector<double>& h, double beta) {
  const std::size_t n = states;
  std::vector<double> a(n * n), pi(n, 0.0);
  for (unsigned s = 0; s < n; ++s)
    for (unsigned t = 0; t < n; ++t) {
      double p = 1;
      for (int i = 0; i < N; ++i) p /= 1 + std::exp(-2 * beta * spin(t, i) * h[s * N + i]);
      a[t * n + s] = p - (s == t ? 1.0 : 0.0);  // row t: sum_s pi_s T(s -> t) - pi_t
    }
  for (std::size_t s = 0; s < n; ++s) a[(n - 1) * n + s] = 1;
  pi[n - 1] = 1;
  for (std::size_t c = 0; c < n; ++c) {
    std::size_t pivot = c;
    for (std::size_t r = c + 1; r < n; ++r)
      if (std::abs(a[r * n + c]) > std::abs(a[pivot * n + c])) pivot = r;
    for (std::size_t k = 0; k < n; ++k) std::swap(a[c * n + k], a[pivot * n + k]);
    std::swap(pi[c], pi[pivot]);
    for (std::size_t r = c + 1; r < n; ++r) {
      const double f = a[r * n + c] / a[c * n + c];
      if (f == 0) continue;
      for (std::size_t k = c; k < n; ++k) a[r * n + k] -= f * a[c * n + k];
      pi[r] -= f * pi[c];
    }
  }
  for (std::size_t c = n; c-- > 0;) {
    for (std::size_t k = c + 1; k < n; ++k) pi[c] -= a[c * n + k] * pi[k];
    pi[c] /= a[c * n + c];
  }
  return pi;
}

// exp(-beta H) / Z over the 1024 states.
std::vector<double> boltzmann(const models::Patterns& xi, int P, double beta) {
  std::vector<double> p(states);
  double Z = 0;
  for (unsigned b = 0; b < states; ++b) Z += p[b] = std::exp(-beta * energy(xi, P, b));
  for (double& x : p) x /= Z;
  return p;
}

double mean_energy(const models::Patterns& xi, int P, const std::vector<double>& p) {
  double e = 0;
  for (unsigned b = 0; b < states; ++b) e += p[b] * energy(xi, P, b);
  return e;
}

}  // namespace

TEST_CASE("parallel heat bath: the chain samples the stationary state of the synchronous matrix, not Boltzmann") {
  // P = 2 (K = 3) at beta = 1 and P = 4 (K = 2) at beta = 20 (P = 4 energies are O(1/P!)).
  // 2e5 records, one every 3 updates (nearly independent: the chain forgets in about one update
  // at these beta). chi-square accepted at p > 1e-3 against the exact stationary state (a correct
  // chain fails with probability 1e-3; fixed seeds make the test deterministic), and the same
  // histogram must reject Boltzmann at p < 1e-3. The mean energy per record carries an error from
  // 100 batch means; it must match the exact value within 4 errors and differ from Boltzmann's
  // by more than 4 errors.
  struct Case { int P; int K; double beta; };
  for (const Case c : {Case{2, 3, 1.0}, Case{4, 2, 20.0}}) {
    engine::Stream prng({.seed = 21, .point = 0, .sample = 0, .replica = 0, .purpose = engine::Purpose::patterns});
    const models::Patterns xi = models::draw_patterns(N, c.K, 0.0, prng);
    const std::vector<double> h = fields(xi, c.P);
    const std::vector<double> exact = parallel_stationary(h, c.beta), equilibrium = boltzmann(xi, c.P, c.beta);
    if (c.P == 2) {  // the test's own check: symmetric couplings, no diagonal, so pi ~ prod_i cosh(beta h_i) (eq. D3)
      std::vector<double> closed(states);
      double Z = 0;
      for (unsigned b = 0; b < states; ++b) {
        closed[b] = 1;
        for (int i = 0; i < N; ++i) closed[b] *= std::cosh(c.beta * h[b * N + i]);
        Z += closed[b];
      }
      for (unsigned b = 0; b < states; ++b) CHECK(exact[b] == doctest::Approx(closed[b] / Z).epsilon(1e-9));
    }
    engine::Stream rng({.seed = 7, .point = 0, .sample = 0, .replica = 0, .purpose = engine::Purpose::dynamics});
    models::StorageModel model(xi, c.P, models::Interaction::distinct_indices, engine::random_spins(N, rng));
    engine::SiteOrder order(N, engine::SweepOrder::random_permutation);
    const engine::ParallelHeatBath rule{c.beta};
    const int records = 200000, batches = 100;
    std::vector<double> count(states, 0.0), batch(batches, 0.0);
    for (int t = 0; t < 100; ++t) engine::sweep(model, rule, order, rng);
    for (int r = 0; r < records; ++r) {
      for (int t = 0; t < 3; ++t) engine::sweep(model, rule, order, rng);
      unsigned b = 0;
      for (int i = 0; i < N; ++i) b |= unsigned(model.spins()[i] > 0) << i;
      count[b] += 1;
      batch[r * batches / records] += energy(xi, c.P, b) / (records / batches);
    }
    double mean = 0, var = 0;
    for (double x : batch) mean += x / batches;
    for (double x : batch) var += (x - mean) * (x - mean) / (batches - 1);
    const double error = std::sqrt(var / batches);
    const double p_exact = chi_square_p(count, exact, records), p_boltzmann = chi_square_p(count, equilibrium, records);
    const double e_exact = mean_energy(xi, c.P, exact), e_boltzmann = mean_energy(xi, c.P, equilibrium);
    std::printf("parallel N=10 P=%d K=%d beta=%g: chi-square p %.3g (stationary, > 1e-3), %.3g (Boltzmann, < 1e-3); "
                "<H> %.5f +- %.5f, stationary %.5f, Boltzmann %.5f\n",
                c.P, c.K, c.beta, p_exact, p_boltzmann, mean, error, e_exact, e_boltzmann);
    CHECK(p_exact > 1e-3);
    CHECK(p_boltzmann < 1e-3);
    CHECK(std::abs(mean - e_exact) < 4 * error);
    CHECK(std::abs(e_boltzmann - e_exact) > 4 * error);
  }
}

TEST_CASE("parallel heat bath: every spin is decided from the configuration before the update") {
  // Two aligned ferromagnetic spins (P = 2, K = 1, N = 2, xi = (+1, +1)) in the state (+1, -1):
  // both fields are h_i = s_j / N of the other spin, so at beta = inf each spin takes the other's
  // old sign: the synchronous rule swaps them to (-1, +1) (a 2-cycle, eq. D2), whereas a
  // sequential update would end aligned.
  engine::Stream prng({.seed = 1, .point = 0, .sample = 0, .replica = 0, .purpose = engine::Purpose::patterns});
  models::Patterns xi = models::draw_patterns(2, 1, 0.0, prng);
  const engine::Spins start{static_cast<std::int8_t>(xi(0, 0)), static_cast<std::int8_t>(-xi(1, 0))};
  models::StorageModel model(xi, 2, models::Interaction::distinct_indices, start);
  engine::SiteOrder order(2, engine::SweepOrder::sequential);
  engine::Stream rng({.seed = 1, .point = 0, .sample = 0, .replica = 0, .purpose = engine::Purpose::dynamics});
  CHECK(engine::sweep(model, engine::ParallelHeatBath{INFINITY}, order, rng) == 2);
  CHECK(model.spins() == engine::Spins{static_cast<std::int8_t>(-start[0]), static_cast<std::int8_t>(-start[1])});
}
