#pragma once
// The model x rule choice that `run` and `data` share: a point's (or data file's) model type,
// evaluation and rule become concrete C++ types here, once, so that engine::sweep is instantiated
// for each combination and the chains of both commands are the same code path.
#include <stdexcept>
#include <type_traits>

#include "engine/glauber.hpp"
#include "engine/metropolis.hpp"
#include "engine/parallel_heat_bath.hpp"
#include "engine/zero_temperature.hpp"
#include "models/plefka.hpp"
#include "models/supervised.hpp"
#include "models/unsupervised.hpp"
#include "runs/input/parameters.hpp"

namespace hebbmc::runs {

/// Returns run(make_rule), where make_rule(beta) builds the update rule `rule` at inverse temperature beta.
template <class Run>
decltype(auto) with_rule(Rule rule, Run&& run) {
  switch (rule) {
    case Rule::glauber: return run([](double b) { return engine::Glauber{b}; });
    case Rule::metropolis: return run([](double b) { return engine::Metropolis{b}; });
    case Rule::zero_temperature: return run([](double) { return engine::ZeroTemperature{}; });
    case Rule::parallel: return run([](double b) { return engine::ParallelHeatBath{b}; });
  }
  throw std::logic_error("unknown rule");
}

/// Returns run(std::type_identity<Model>{}) for the learning model of `type` and `evaluation`
/// (supervised, unsupervised exact, or unsupervised with the Plefka tensor; physics.md 5(b)-(c)).
template <class Run>
decltype(auto) with_learning_model(ModelType type, Evaluation evaluation, Run&& run) {
  if (type == ModelType::supervised) return run(std::type_identity<models::SupervisedModel>{});
  if (type != ModelType::unsupervised) throw std::logic_error("not a learning model");
  if (evaluation == Evaluation::plefka) return run(std::type_identity<models::PlefkaModel>{});
  return run(std::type_identity<models::UnsupervisedModel>{});
}

/// Work of one sweep in pattern-updates, the unit of progress and of the benchmarks: N sites x
/// the patterns a flip touches (K, or K M for the exact unsupervised model, which sums over examples).
inline double sweep_work(ModelType type, Evaluation evaluation, std::int64_t N, std::int64_t K, std::int64_t M) {
  const double w = static_cast<double>(N) * static_cast<double>(K);
  return type == ModelType::unsupervised && evaluation == Evaluation::exact ? w * static_cast<double>(M) : w;
}

}  // namespace hebbmc::runs
