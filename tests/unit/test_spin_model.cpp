// The model concept of the sweep (engine/spin_model.hpp): every swept model and every typed kernel
// satisfies it, and sweeping through with_kernel (the path chosen once per sweep) runs exactly the
// chain of the same model asked per proposal (the path chosen per call).
#include <doctest/doctest.h>

#include <bit>
#include <cstdint>
#include <stdexcept>
#include <vector>

#include "engine/glauber.hpp"
#include "engine/metropolis.hpp"
#include "engine/rng.hpp"
#include "engine/spin_model.hpp"
#include "engine/spins.hpp"
#include "engine/sweep.hpp"
#include "engine/zero_temperature.hpp"
#include "models/examples.hpp"
#include "models/patterns.hpp"
#include "models/plefka.hpp"
#include "models/storage.hpp"
#include "models/supervised.hpp"
#include "models/unsupervised.hpp"

using namespace hebbmc;
using models::Interaction;

namespace {

// Hides with_kernel: engine::sweep then calls the model's own delta_energy and flip per proposal.
template <class Model>
struct PerCall {
  Model* model;
  double delta_energy(std::int64_t k) const { return model->delta_energy(k); }
  void flip(std::int64_t k) { model->flip(k); }
  std::int64_t N() const { return model->N(); }
};

struct NoFlip {  // not a model: nothing to flip
  double delta_energy(std::int32_t) const { return 0; }
  std::int64_t N() const { return 1; }
};

static_assert(engine::KernelDispatch<models::StorageModel>);
static_assert(engine::KernelDispatch<models::UnsupervisedModel>);
static_assert(engine::KernelDispatch<models::PlefkaModel>);
static_assert(engine::SpinModel<models::SupervisedModel>);
static_assert(engine::SpinModel<models::StorageModel::Kernel<3, true>>);
static_assert(engine::SpinModel<models::StorageModel::Kernel<11, false>>);
static_assert(engine::SpinModel<models::UnsupervisedModel::Kernel<5, false>>);
static_assert(engine::SpinModel<models::PlefkaModel::Kernel<double, 2>>);
static_assert(engine::SpinModel<models::PlefkaModel::Kernel<std::uint64_t, 0>>);
static_assert(engine::SpinModel<models::PlefkaModel::Kernel<models::PlefkaModel::Int, 0>>);
static_assert(engine::SpinModel<PerCall<models::StorageModel>>);
static_assert(!engine::KernelDispatch<PerCall<models::StorageModel>>);
static_assert(!engine::SpinModel<NoFlip>);
static_assert(engine::UpdateRule<engine::Glauber> && engine::UpdateRule<engine::Metropolis> &&
              engine::UpdateRule<engine::ZeroTemperature>);

engine::Stream stream(std::uint64_t seed, engine::Purpose purpose) {
  return engine::Stream({.seed = seed, .point = 0, .sample = 0, .replica = 0, .purpose = purpose});
}

// `sweeps` Glauber sweeps of `a` through engine::sweep and of `b` (the same model, same start) per
// call, with the same streams: the accepted counts, the spins and the energies must agree exactly.
template <class Model>
void check_same_chain(Model& a, Model& b, double beta, int sweeps) {
  engine::SiteOrder order_a(a.N(), engine::SweepOrder::random_permutation), order_b(b.N(), engine::SweepOrder::random_permutation);
  engine::Stream rng_a = stream(5, engine::Purpose::dynamics), rng_b = stream(5, engine::Purpose::dynamics);
  PerCall<Model> per_call{&b};
  std::int64_t accepted = 0;
  for (int t = 0; t < sweeps; ++t) {
    const std::int64_t n = engine::sweep(a, engine::Glauber{beta}, order_a, rng_a);
    CHECK(n == engine::sweep(per_call, engine::Glauber{beta}, order_b, rng_b));
    accepted += n;
  }
  CHECK(accepted > 0);
  CHECK(a.spins() == b.spins());
  CHECK(std::bit_cast<std::uint64_t>(a.energy()) == std::bit_cast<std::uint64_t>(b.energy()));
  CHECK(a.overlaps_consistent());
}

}  // namespace

TEST_CASE("Sweeping the typed kernel runs the chain of the per-call model (storage, every degree)") {
  for (int P = 2; P <= 12; P += 2)
    for (double d : {0.0, 0.3}) {  // binary: shared polynomial (eq. H5); diluted: per pattern (H4)
      CAPTURE(P); CAPTURE(d);
      engine::Stream rng = stream(40 + P, engine::Purpose::patterns);
      const auto xi = models::draw_patterns(60, 7, d, rng);
      const engine::Spins s = engine::random_spins(60, rng);
      models::StorageModel a(xi, P, Interaction::distinct_indices, s), b(xi, P, Interaction::distinct_indices, s);
      check_same_chain(a, b, 0.5, 5);
    }
}

TEST_CASE("Sweeping the typed kernel runs the chain of the per-call model (unsupervised, Plefka paths)") {
  using Arithmetic = models::PlefkaModel::Arithmetic;
  for (int P : {2, 4, 6, 12}) {
    CAPTURE(P);
    engine::Stream rng = stream(90 + P, engine::Purpose::patterns);
    const auto xi = models::draw_patterns(40, 5, 0.0, rng);
    const auto D = models::draw_examples(xi, 6, 0.4, 3, 0);
    const engine::Spins s = engine::random_spins(40, rng);
    models::UnsupervisedModel exact_a(D, P, Interaction::distinct_indices, s), exact_b(D, P, Interaction::distinct_indices, s);
    check_same_chain(exact_a, exact_b, 2.0, 5);
    for (Arithmetic path : {Arithmetic::f64, Arithmetic::i64, Arithmetic::i128}) {
      CAPTURE(int(path));
      models::PlefkaModel a(D, P, Interaction::distinct_indices, s), b(D, P, Interaction::distinct_indices, s);
      try {
        a.set_arithmetic(path);
        b.set_arithmetic(path);
      } catch (const std::invalid_argument&) {
        continue;  // not exact for these data: the model refuses the path
      }
      check_same_chain(a, b, 2.0, 5);
    }
  }
}
