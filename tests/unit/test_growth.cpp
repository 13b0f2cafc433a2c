// Growing a run (docs/checkpoints.md, "Growing a finished run"): the final state of a chain,
// continued for more sweeps, ends in exactly the state of a chain made long from the start. The
// final states are compared byte for byte (serialize()), so every spin, stream position, site
// order, accumulator and trajectory entry must agree: equality, not a tolerance.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "observables/sample_recorder.hpp"
#include "runs/driver/simulation.hpp"
#include "runs/io/run_growth.hpp"

using namespace hebbmc;

namespace {

// One point of `body` with the [dynamics] sweeps given.
runs::PointParameters point(const std::string& body, int sweeps) {
  return runs::parse_run_spec(body + "\n[dynamics]\nsweeps = " + std::to_string(sweeps) +
                                  "\nthermalization = 5\nmeasure_every = 3\nT = 0.3\n",
                              "test.toml")
      .points.front();
}

// The final state of `sample` of `small` grown to `big`, serialized, and that of a fresh `big`.
std::pair<std::vector<char>, std::vector<char>> grown_and_fresh(const runs::PointParameters& small,
                                                                const runs::PointParameters& big, int sample) {
  const runs::ChainState old = runs::deserialize(runs::simulate_sample(small, sample, [](double) {}).final_state);
  const runs::ChainState start = runs::grown_state(old, small, big);
  runs::CheckpointHooks hooks;
  hooks.start = &start;
  return {runs::simulate_sample(big, sample, [](double) {}, hooks).final_state,
          runs::simulate_sample(big, sample, [](double) {}).final_state};
}

}  // namespace

TEST_CASE("SampleRecorder::extend equals a recorder that expected the larger count from the start") {
  // 2 patterns, 2 replicas, 1 extra series; 3 records taken of 4 expected, then extended to 7.
  observables::SampleRecorder grown(2, 2, 4, true, 1), fresh(2, 2, 7, true, 1);
  auto observe = [](int t) {
    std::vector<observables::ReplicaObservation> obs(2);
    for (int r = 0; r < 2; ++r) obs[r] = {{0.1 * t + r, -0.2 * t}, -1.0 + 0.01 * t * (r + 1), {0.5 * r + t}};
    return obs;
  };
  for (int t = 0; t < 3; ++t) {
    grown.record(observe(t), 0.3 * t);
    fresh.record(observe(t), 0.3 * t);
  }
  grown.extend(7);
  CHECK(grown.state() == fresh.state());
  for (int t = 3; t < 7; ++t) {
    grown.record(observe(t), 0.3 * t);
    fresh.record(observe(t), 0.3 * t);
  }
  CHECK(grown.state() == fresh.state());
  CHECK_THROWS_AS(grown.extend(6), std::invalid_argument);
}

TEST_CASE("a storage chain grown from its final state ends as the long chain") {
  // 12 -> 31 sweeps with records every 3: the last 0 resp. 1 sweeps after a record differ.
  const std::string body = "[model]\nN = 30\nP = 4\nK = 40\n[run]\nseed = 5\nsamples = 2\nreplicas = 2\n"
                           "record_patterns = 2\ntrajectories = true\noutput = \"x.h5\"";
  for (int small : {12, 13}) {
    const auto a = point(body, small), b = point(body, 31);
    for (int sample : {0, 1}) {
      const auto [grown, fresh] = grown_and_fresh(a, b, sample);
      CHECK(grown == fresh);
    }
  }
}

TEST_CASE("a supervised chain (extra series in the recorder) grown from its final state ends as the long chain") {
  const std::string body = "[model]\ntype = \"supervised\"\nN = 40\nP = 4\nK = 2\nM = 5\nr = 0.6\n[run]\nseed = 2\n"
                           "samples = 1\nreplicas = 2\nrecord_patterns = 2\ntrajectories = true\noutput = \"x.h5\"";
  const auto [grown, fresh] = grown_and_fresh(point(body, 10), point(body, 25), 0);
  CHECK(grown == fresh);
}
