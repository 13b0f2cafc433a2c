// Each model's stated limits (models/model_size.hpp) against the model itself and the validator:
// the model is constructed just inside and just outside every bound (inside must construct, outside
// must throw std::invalid_argument), and runs/input/parameters.cpp must accept and refuse the same
// sizes, so `hebbmc check` and `hebbmc run` cannot disagree.
//
// The boundary sizes below were found with exact integer arithmetic (Python fractions), not with
// this code: e.g. supervised, P = 12, K = M = 1, distinct indices: the largest N with
// K 2 (N^12 / 12! + 2 N^11 12 / 12!) < 2^125 is 6821 (docs/learning.md, "Exactness"). One more
// neuron changes the bound by a factor ~1 + 12/N, far beyond the long double rounding of the code's
// evaluation (relative 1e-19), so the exact boundary is also the code's.
#include <doctest/doctest.h>

#include <stdexcept>
#include <string>

#include "engine/rng.hpp"
#include "engine/spins.hpp"
#include "models/examples.hpp"
#include "models/patterns.hpp"
#include "models/plefka.hpp"
#include "models/storage.hpp"
#include "models/supervised.hpp"
#include "models/unsupervised.hpp"
#include "runs/input/input_error.hpp"
#include "runs/input/parameters.hpp"

using namespace hebbmc;
using models::Interaction;

namespace {

// Binary archetypes (d = 0) and noiseless examples (r = 1): every teacher integer is w_i = M xi_i,
// so sum_i |w_i| = N M, the validator's worst case, and Q = M^2 n - sum_i w_i^2 = 0.
models::Patterns archetypes(std::int64_t N, std::int64_t K, double d = 0.0) {
  engine::Stream rng({.seed = 3, .point = 0, .sample = 0, .replica = 0, .purpose = engine::Purpose::patterns});
  return models::draw_patterns(N, K, d, rng);
}

engine::Spins ones(std::int64_t N) { return engine::Spins(static_cast<std::size_t>(N), 1); }

// A parameter file of one point of `type` (its extra keys in `model`), validated as `hebbmc check` does.
void validate(const std::string& model) {
  runs::parse_run_spec("[model]\n" + model + "\n[dynamics]\nT = 0.5\nsweeps = 10\n", "limits.toml");
}

// The key the validator names when it refuses `model`, or "" when it accepts it.
std::string refused_key(const std::string& model) {
  try {
    validate(model);
    return "";
  } catch (const runs::InputError& e) {
    return e.key;
  }
}

std::string learning(const std::string& type, std::int64_t N, int P, bool self = false) {
  return type + "\nN = " + std::to_string(N) + "\nP = " + std::to_string(P) + "\nK = 1\nM = 1\nr = 1.0\n" +
         (self ? "self_interaction = true\n" : "");
}

}  // namespace

TEST_CASE("storage and exact unsupervised: P = 12 constructs, P = 14 throws, and the validator names P") {
  // The flip kernels are compiled for the odd degrees P - 1 <= 11 of h (docs/hamiltonian.md, H5).
  for (double d : {0.0, 0.5}) {  // binary and diluted patterns take different kernels
    CAPTURE(d);
    const auto xi = archetypes(20, 3, d);
    CHECK_NOTHROW(models::StorageModel(xi, 12, Interaction::distinct_indices, ones(20)));
    CHECK_THROWS_AS(models::StorageModel(xi, 14, Interaction::distinct_indices, ones(20)), std::invalid_argument);
    const auto data = models::draw_examples(xi, 2, 0.5, 1, 0);
    CHECK_NOTHROW(models::UnsupervisedModel(data, 12, Interaction::distinct_indices, ones(20)));
    CHECK_THROWS_AS(models::UnsupervisedModel(data, 14, Interaction::distinct_indices, ones(20)), std::invalid_argument);
  }
  CHECK(models::StorageModel::supported_P.max == 12);
  CHECK(refused_key("N = 20\nP = 12\nK = 3\n").empty());
  CHECK(refused_key("N = 20\nP = 14\nK = 3\n") == "P");
  const std::string exact = "type = \"unsupervised\"\nN = 20\nK = 3\nM = 2\nr = 0.5\nP = ";
  CHECK(refused_key(exact + "12\n").empty());
  CHECK(refused_key(exact + "14\n") == "P");
  CHECK(refused_key(exact + "14\nevaluation = \"plefka\"\n").empty());  // Plefka has no kernel limit
  std::string message;
  try {
    validate("N = 20\nP = 14\nK = 3\n");
  } catch (const runs::InputError& e) {
    message = e.what();
  }
  CHECK(message.find("[2, 12]") != std::string::npos);  // the message states the supported range
}

TEST_CASE("supervised: the exact 128-bit range of the constructor is the validator's") {
  // With r = 1 the data reach the worst case sum_i |w_i| = N M, so the two bounds coincide exactly.
  struct Case { int P; bool self; std::int64_t N_max; };
  for (const Case c : {Case{12, false, 6821}, Case{12, true, 1289}, Case{10, false, 24474}}) {
    CAPTURE(c.P);
    CAPTURE(c.self);
    const auto form = c.self ? Interaction::self_interaction : Interaction::distinct_indices;
    for (std::int64_t N : {c.N_max, c.N_max + 1}) {
      const auto xi = archetypes(N, 1);  // the examples keep a reference to it
      const auto data = models::draw_examples(xi, 1, 1.0, 1, 0);
      const bool inside = N == c.N_max;
      if (inside) CHECK_NOTHROW(models::SupervisedModel(data, c.P, form, ones(N)));
      else CHECK_THROWS_AS(models::SupervisedModel(data, c.P, form, ones(N)), std::invalid_argument);
      CHECK(refused_key(learning("type = \"supervised\"", N, c.P, c.self)) == (inside ? "" : "M"));
    }
  }
}

TEST_CASE("Plefka: the validator's range lies inside the constructor's, each boundary exact") {
  // The validator cannot see the data and bounds sum_i |w_i| <= N M, Q <= M^2 N and every Newton
  // coefficient over n <= N together; no data set reaches all three (r = 1 gives Q = 0), so its
  // boundary (N_check) lies below the constructor's for these r = 1 data (N_data). Accepted by the
  // validator therefore means accepted by the model; and each side of each boundary is checked.
  struct Case { int P; bool self; std::int64_t N_check, N_data; };
  for (const Case c : {Case{12, false, 1279, 1284}, Case{12, true, 1284, 1290}, Case{10, false, 5395, 5400}}) {
    CAPTURE(c.P);
    CAPTURE(c.self);
    const auto form = c.self ? Interaction::self_interaction : Interaction::distinct_indices;
    const std::string type = "type = \"unsupervised\"\nevaluation = \"plefka\"";
    CHECK(refused_key(learning(type, c.N_check, c.P, c.self)).empty());
    CHECK(refused_key(learning(type, c.N_check + 1, c.P, c.self)) == "M");
    for (std::int64_t N : {c.N_check, c.N_data}) {
      const auto xi = archetypes(N, 1);  // the examples keep a reference to it
      const auto data = models::draw_examples(xi, 1, 1.0, 1, 0);
      CHECK_NOTHROW(models::PlefkaModel(data, c.P, form, ones(N)));
    }
    const std::int64_t N = c.N_data + 1;
    const auto xi = archetypes(N, 1);  // the examples keep a reference to it
    const auto data = models::draw_examples(xi, 1, 1.0, 1, 0);
    CHECK_THROWS_AS(models::PlefkaModel(data, c.P, form, ones(N)), std::invalid_argument);
  }
}
